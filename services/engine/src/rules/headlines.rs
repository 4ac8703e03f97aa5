//! Rules read by `crate::headlines`.
