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
    #[error("TLS: {0}")]
    Tls(String),
    #[error("reflection service: {0}")]
    Reflection(String),
    #[error("serving: {0}")]
    Transport(#[from] tonic::transport::Error),
}

const ARTICLE_SERVICE: &str = <middleware::Guarded as NamedService>::NAME;

/// The sockets the server answers on; the caller binds them (port 0 works).
pub struct Listeners {
    pub grpc: TcpListener,
    /// Prometheus metrics; none = no metrics endpoint.
    pub metrics: Option<TcpListener>,
}

/// Serves gRPC on `listener` (and metrics on `config.metrics_listen`, if set) until `shutdown`
/// resolves.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let metrics = match config.metrics_listen {
        Some(addr) => Some(
            TcpListener::bind(addr)
                .await
                .map_err(|e| ServerError::Config(format!("--metrics-listen {addr}: {e}")))?,
        ),
        None => None,
    };
    serve(
        Listeners {
            grpc: listener,
            metrics,
        },
        config,
        shutdown,
    )
    .await
}

/// Serves until `shutdown` resolves. Returns once every call has finished or the drain bound
/// (`config.drain_timeout()`) has passed.
pub async fn serve(
    listeners: Listeners,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    config.validate().map_err(ServerError::Config)?;
    let listener = listeners.grpc;
    let metrics = crate::metrics::Metrics::new();
    let workers = config.workers();
    let max_concurrent = config.max_concurrent();
    // Admission control happens in middleware; the pool queue holds whatever it admitted.
    let pool = Arc::new(Pool::new(workers, max_concurrent).map_err(ServerError::Workers)?);
    let base_options = article_engine::Options {
        limits: article_engine::Limits {
            max_input_bytes: config.max_request_bytes,
            max_elements: config.max_elements,
            ..Default::default()
        },
        default_time_zone: config.default_time_zone.clone(),
        ..Default::default()
    };

    let fetcher = match config.fetch_config() {
        Some(fetch) => {
            // An allowlist wide enough to reach instance credentials is almost always a mistake.
            let metadata: [std::net::IpAddr; 2] = [
                [169, 254, 169, 254].into(),
                [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254].into(),
            ];
            for net in &fetch.allow_cidrs {
                if metadata.iter().any(|ip| net.contains(ip)) {
                    tracing::warn!(%net, "--fetch-allow admits a cloud metadata address");
                }
            }
            tracing::info!(allow = ?fetch.allow_cidrs, "fetching pages by url is on");
            Some(crate::fetch::Fetcher::new(fetch).map_err(ServerError::Config)?)
        }
        None => None,
    };
    let articles = ArticleServiceServer::new(Articles::new(
        pool,
        base_options,
        Arc::clone(&metrics),
        config.timeout(),
        workers,
        fetcher,
    ))
    // Leave room for the other fields of the message beside the html.
    .max_decoding_message_size(config.max_request_bytes)
    .max_encoding_message_size(usize::MAX);
    let token = config.auth_token().map_err(ServerError::Config)?;
    let guarded = middleware::guard(
        articles,
        Arc::clone(&metrics),
        token.clone(),
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
            Ok(crate::linger::LingeringStream::new(stream))
        })
    });

    // Metrics keep answering through the drain and stop with the server.
    let stopped = Arc::new(Notify::new());
    if let Some(metrics_listener) = listeners.metrics {
        let addr = metrics_listener
            .local_addr()
            .map_err(|e| ServerError::Config(format!("metrics listener has no address: {e}")))?;
        tracing::info!(metrics_addr = %addr, "metrics on http://{addr}/metrics");
        let stopped = Arc::clone(&stopped);
        tokio::spawn(async move {
            let shutdown = async move { stopped.notified().await };
            if let Err(e) = crate::metrics::serve(metrics_listener, metrics, shutdown).await {
                tracing::error!("metrics endpoint failed: {e}");
            }
        });
    }

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
        tls = config.tls_cert.is_some(),
        mutual_tls = config.tls_client_ca.is_some(),
        auth = token.is_some(),
        "article-server listening on {addr}"
    );
    let mut builder = tonic::transport::Server::builder();
    if let Some(tls) = tls_config(&config)? {
        builder = builder
            .tls_config(tls)
            .map_err(|e| ServerError::Tls(e.to_string()))?;
    }
    let serve = builder
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
    stopped.notify_one();
    tracing::info!("article-server stopped");
    Ok(())
}

/// TLS settings from the configured PEM files, or none for plaintext.
fn tls_config(config: &Config) -> Result<Option<tonic::transport::ServerTlsConfig>, ServerError> {
    let (Some(cert), Some(key)) = (&config.tls_cert, &config.tls_key) else {
        return Ok(None);
    };
    let read = |flag: &str, p: &std::path::Path| {
        std::fs::read(p).map_err(|e| ServerError::Tls(format!("{flag} {}: {e}", p.display())))
    };
    let identity =
        tonic::transport::Identity::from_pem(read("--tls-cert", cert)?, read("--tls-key", key)?);
    let mut tls = tonic::transport::ServerTlsConfig::new().identity(identity);
    if let Some(ca) = &config.tls_client_ca {
        tls = tls.client_ca_root(tonic::transport::Certificate::from_pem(read(
            "--tls-client-ca",
            ca,
        )?));
    }
    Ok(Some(tls))
}
