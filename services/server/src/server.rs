//! `run`: serves article.v1, health and reflection on a listener the caller owns, until the
//! caller's shutdown future resolves; then health turns NOT_SERVING, in-flight calls finish and
//! the drain is bounded.

use crate::config::Config;
use crate::middleware;
use crate::pool::Pool;
use crate::rpc::Articles;
use article_proto::v1::article_service_server::ArticleServiceServer;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::server::NamedService;
use tonic_health::ServingStatus;

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("starting worker threads: {0}")]
    Workers(#[source] std::io::Error),
    #[error("reflection service: {0}")]
    Reflection(String),
    #[error("serving: {0}")]
    Transport(#[from] tonic::transport::Error),
}

const ARTICLE_SERVICE: &str = <middleware::Guarded as NamedService>::NAME;

/// Serves until `shutdown` resolves. Returns once every call has finished or the drain bound
/// (`config.drain_timeout()`) has passed.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    config.validate().map_err(ServerError::Config)?;
    let workers = config.workers();
    let max_concurrent = config.max_concurrent();
    // Admission control happens in middleware; the pool queue holds whatever it admitted.
    let pool = Arc::new(Pool::new(workers, max_concurrent).map_err(ServerError::Workers)?);
    let base_options = article_engine::Options {
        limits: article_engine::Limits {
            max_input_bytes: config.max_request_bytes,
            max_elements: config.max_elements,
        },
        default_time_zone: config.default_time_zone.clone(),
        ..Default::default()
    };

    let articles = ArticleServiceServer::new(Articles::new(pool, base_options))
        // Leave room for the other fields of the message beside the html.
        .max_decoding_message_size(config.max_request_bytes)
        .max_encoding_message_size(usize::MAX);
    let guarded = middleware::guard(
        articles,
        max_concurrent,
        config.timeout(),
        config.max_request_bytes,
    );

    let (reporter, health) = tonic_health::server::health_reporter();
    reporter
        .set_service_status("", ServingStatus::Serving)
        .await;
    reporter
        .set_service_status(ARTICLE_SERVICE, ServingStatus::Serving)
        .await;

    let reflection_v1 = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(article_proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()
        .map_err(|e| ServerError::Reflection(e.to_string()))?;
    let reflection_v1alpha = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(article_proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1alpha()
        .map_err(|e| ServerError::Reflection(e.to_string()))?;

    let addr = listener
        .local_addr()
        .map_err(|e| ServerError::Config(format!("listener has no address: {e}")))?;
    // serve_with_incoming ignores Server::tcp_nodelay: set it per connection, or every small
    // response waits ~40 ms for Nagle's algorithm.
    let incoming = TcpListenerStream::new(listener).map(|conn| {
        conn.and_then(|stream| {
            stream.set_nodelay(true)?;
            Ok(stream)
        })
    });

    let drain_started = Arc::new(Notify::new());
    let signal = {
        let reporter = reporter.clone();
        let drain_started = Arc::clone(&drain_started);
        async move {
            shutdown.await;
            tracing::info!("shutdown requested: health NOT_SERVING, draining in-flight calls");
            reporter
                .set_service_status("", ServingStatus::NotServing)
                .await;
            reporter
                .set_service_status(ARTICLE_SERVICE, ServingStatus::NotServing)
                .await;
            drain_started.notify_one();
        }
    };

    tracing::info!(
        %addr,
        workers,
        max_concurrent,
        max_request_bytes = config.max_request_bytes,
        timeout_ms = config.timeout_ms,
        "article-server listening on {addr}"
    );
    let serve = tonic::transport::Server::builder()
        .http2_keepalive_interval(Some(std::time::Duration::from_secs(30)))
        .http2_keepalive_timeout(Some(std::time::Duration::from_secs(10)))
        .add_service(health)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(guarded)
        .serve_with_incoming_shutdown(incoming, signal);
    tokio::pin!(serve);

    let drain = config.drain_timeout();
    tokio::select! {
        result = &mut serve => result?,
        () = async {
            drain_started.notified().await;
            tokio::time::sleep(drain).await;
        } => {
            // Graceful shutdown waits for every client to acknowledge GOAWAY; don't wait forever.
            tracing::warn!(drain_ms = drain.as_millis() as u64, "drain timed out; closing remaining connections");
        }
    }
    tracing::info!("article-server stopped");
    Ok(())
}
