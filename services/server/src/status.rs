//! The one table that maps every error to a gRPC status. Handlers return [`ServiceError`];
//! middleware rejections (shed, deadline, oversize) are built here too.

use article_engine::Error as EngineError;
use std::time::Duration;
use tonic::{Code, Status};

/// Everything a call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    Engine(#[from] EngineError),
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
