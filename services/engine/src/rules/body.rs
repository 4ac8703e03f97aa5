//! Rules read by `crate::body`.
