//! Rules read by `crate::metadata`.
