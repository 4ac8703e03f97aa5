//! The one table that maps every error to a gRPC status. Handlers return [`ServiceError`];
//! middleware rejections (shed, deadline, oversize) are built here too.

use crate::fetch::FetchError;
use article_engine::Error as EngineError;
use std::time::Duration;
use tonic::{Code, Status};

/// Everything a call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    Engine(#[from] EngineError),
    #[error("{0}")]
    Fetch(#[from] FetchError),
    #[error("{0}")]
    InvalidArgument(String),
    #[error("the server is at capacity ({0} calls in flight); retry with backoff")]
    Overloaded(usize),
    #[error("deadline of {0:?} exceeded")]
    DeadlineExceeded(Duration),
    #[error("the server is shutting down")]
    ShuttingDown,
    #[error("{0}")]
    Unauthenticated(&'static str),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    pub fn code(&self) -> Code {
        match self {
            Self::Engine(e) => match e {
                EngineError::EmptyInput | EngineError::InvalidUrl(_) | EngineError::NotHtml(_) => {
                    Code::InvalidArgument
                }
                EngineError::InputTooLarge { .. }
                | EngineError::TooManyElements { .. }
                | EngineError::TooComplex { .. } => Code::ResourceExhausted,
            },
            Self::Fetch(e) => match e {
                FetchError::InvalidUrl { .. }
                | FetchError::UnsupportedScheme { .. }
                | FetchError::NotHtml { .. } => Code::InvalidArgument,
                FetchError::RefusedAddress { .. } => Code::PermissionDenied,
                FetchError::TooLarge { .. } | FetchError::TooManyRedirects { .. } => {
                    Code::ResourceExhausted
                }
                FetchError::Timeout { .. } | FetchError::ConnectTimeout { .. } => {
                    Code::DeadlineExceeded
                }
                FetchError::HttpStatus { status, .. } => match status {
                    404 | 410 => Code::NotFound,
                    // Worth retrying later: the origin is busy, rate-limiting or failing.
                    408 | 429 | 500..=599 => Code::Unavailable,
                    _ => Code::FailedPrecondition,
                },
                FetchError::DnsFailed { .. } | FetchError::Transport(_) => Code::Unavailable,
            },
            Self::InvalidArgument(_) => Code::InvalidArgument,
            Self::Overloaded(_) | Self::ShuttingDown => Code::Unavailable,
            Self::DeadlineExceeded(_) => Code::DeadlineExceeded,
            Self::Unauthenticated(_) => Code::Unauthenticated,
            Self::Internal(_) => Code::Internal,
        }
    }
}

impl From<ServiceError> for Status {
    fn from(e: ServiceError) -> Self {
        Status::new(e.code(), e.to_string())
    }
}

/// The canonical name of a code, as in the gRPC spec and grpcurl output ("INVALID_ARGUMENT").
pub fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

/// The status for a request message over the size limit (tonic itself says OUT_OF_RANGE).
pub fn request_too_large(limit: usize) -> Status {
    Status::resource_exhausted(format!(
        "request message is larger than the limit of {limit} bytes (server option --max-request-bytes)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_kind_has_its_code() {
        let cases: Vec<(ServiceError, Code)> = vec![
            (EngineError::EmptyInput.into(), Code::InvalidArgument),
            (
                EngineError::InvalidUrl("x".into()).into(),
                Code::InvalidArgument,
            ),
            (
                EngineError::NotHtml("a PNG image".into()).into(),
                Code::InvalidArgument,
            ),
            (
                EngineError::InputTooLarge { size: 2, limit: 1 }.into(),
                Code::ResourceExhausted,
            ),
            (
                EngineError::TooManyElements { count: 2, limit: 1 }.into(),
                Code::ResourceExhausted,
            ),
            (
                ServiceError::InvalidArgument("x".into()),
                Code::InvalidArgument,
            ),
            (
                FetchError::InvalidUrl {
                    url: "x".into(),
                    reason: "y".into(),
                }
                .into(),
                Code::InvalidArgument,
            ),
            (
                FetchError::UnsupportedScheme {
                    scheme: "ftp".into(),
                }
                .into(),
                Code::InvalidArgument,
            ),
            (
                FetchError::NotHtml {
                    content_type: "image/png".into(),
                }
                .into(),
                Code::InvalidArgument,
            ),
            (
                FetchError::RefusedAddress {
                    host: "h".into(),
                    addr: [127, 0, 0, 1].into(),
                    reason: "loopback",
                }
                .into(),
                Code::PermissionDenied,
            ),
            (
                FetchError::TooLarge { limit: 1 }.into(),
                Code::ResourceExhausted,
            ),
            (
                FetchError::TooManyRedirects { limit: 1 }.into(),
                Code::ResourceExhausted,
            ),
            (
                FetchError::Timeout {
                    limit: Duration::from_secs(1),
                }
                .into(),
                Code::DeadlineExceeded,
            ),
            (
                FetchError::ConnectTimeout {
                    host: "h".into(),
                    limit: Duration::from_secs(1),
                }
                .into(),
                Code::DeadlineExceeded,
            ),
            (
                FetchError::HttpStatus {
                    status: 404,
                    url: "u".into(),
                }
                .into(),
                Code::NotFound,
            ),
            (
                FetchError::HttpStatus {
                    status: 410,
                    url: "u".into(),
                }
                .into(),
                Code::NotFound,
            ),
            (
                FetchError::HttpStatus {
                    status: 503,
                    url: "u".into(),
                }
                .into(),
                Code::Unavailable,
            ),
            (
                FetchError::HttpStatus {
                    status: 429,
                    url: "u".into(),
                }
                .into(),
                Code::Unavailable,
            ),
            (
                FetchError::HttpStatus {
                    status: 403,
                    url: "u".into(),
                }
                .into(),
                Code::FailedPrecondition,
            ),
            (
                FetchError::DnsFailed {
                    host: "h".into(),
                    message: "m".into(),
                }
                .into(),
                Code::Unavailable,
            ),
            (FetchError::Transport("t".into()).into(), Code::Unavailable),
            (ServiceError::Overloaded(8), Code::Unavailable),
            (ServiceError::ShuttingDown, Code::Unavailable),
            (
                ServiceError::DeadlineExceeded(Duration::from_secs(1)),
                Code::DeadlineExceeded,
            ),
            (ServiceError::Unauthenticated("x"), Code::Unauthenticated),
            (ServiceError::Internal("x".into()), Code::Internal),
        ];
        for (err, code) in cases {
            assert_eq!(Status::from(err).code(), code);
        }
    }
}
