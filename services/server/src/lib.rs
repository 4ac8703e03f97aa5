//! article-server: the tonic server for `article.v1`.
//!
//! - [`config`]: the one clap struct (every flag has an env twin).
//! - [`server`]: `run(listener, config, shutdown)` — services, health, reflection, drain.
//! - [`middleware`]: tracing span, status mapping, load shedding, concurrency limit, deadline —
//!   on the article service only.
//! - [`rpc`]: one module per RPC (validate → engine on the [`pool`] → [`convert`]).
//! - [`status`]: the single error → gRPC status table.
//! - [`metrics`]: Prometheus metrics on their own port.
//! - [`telemetry`]: log format, OTLP export, W3C trace-context propagation.

pub mod config;
pub mod convert;
pub mod fetch;
pub mod linger;
pub mod metrics;
pub mod middleware;
pub mod pool;
pub mod rpc;
pub mod server;
pub mod status;
pub mod telemetry;

pub use config::Config;
pub use server::{Listeners, ServerError, run, serve};
