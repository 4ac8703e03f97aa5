//! Logs and traces: human or JSON log lines, and OTLP trace export when
//! `OTEL_EXPORTER_OTLP_ENDPOINT` is set (none otherwise). The W3C trace-context propagator is
//! installed always, so an incoming `traceparent` parents the RPC's span.

use crate::config::{Config, LogFormat};
use http::HeaderMap;
use opentelemetry::propagation::Extractor;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use std::io::IsTerminal;
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Keeps the trace pipeline alive; call [`Telemetry::shutdown`] before exit to flush spans.
pub struct Telemetry {
    provider: Option<SdkTracerProvider>,
}

impl Telemetry {
    /// Flushes and stops trace export. Call on the multi-thread runtime (a current-thread
    /// runtime blocks here and loses spans).
    pub fn shutdown(self) {
        if let Some(provider) = self.provider {
            if let Err(e) = provider.force_flush() {
                eprintln!("article-server: flushing traces failed: {e}");
            }
            if let Err(e) = provider.shutdown() {
                eprintln!("article-server: stopping trace export failed: {e}");
            }
        }
    }
}

/// Installs the global subscriber. Must run inside a Tokio runtime (the OTLP exporter needs it).
pub fn init(cfg: &Config) -> Result<Telemetry, String> {
    let filter = EnvFilter::try_new(&cfg.log).map_err(|e| format!("--log {:?}: {e}", cfg.log))?;
    opentelemetry::global::set_text_map_propagator(TraceContextPropagator::new());

    let endpoint = std::env::var("OTEL_EXPORTER_OTLP_ENDPOINT").unwrap_or_default();
    let provider = if endpoint.trim().is_empty() {
        None
    } else {
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_tonic()
            .build()
            .map_err(|e| format!("OTLP exporter for {endpoint:?}: {e}"))?;
        let resource = opentelemetry_sdk::Resource::builder()
            .with_service_name("article-server")
            .build();
        Some(
            SdkTracerProvider::builder()
                .with_batch_exporter(exporter)
                .with_resource(resource)
                .build(),
        )
    };
    let otel_layer = provider
        .as_ref()
        .map(|p| tracing_opentelemetry::layer().with_tracer(p.tracer("article-server")));

    let fmt_layer = match cfg.log_format {
        LogFormat::Human => tracing_subscriber::fmt::layer()
            .with_target(false)
            .with_ansi(std::io::stdout().is_terminal())
            .boxed(),
        LogFormat::Json => tracing_subscriber::fmt::layer()
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .boxed(),
    };
    tracing_subscriber::registry()
        .with(filter)
        .with(fmt_layer)
        .with(otel_layer)
        .try_init()
        .map_err(|e| format!("installing the log subscriber: {e}"))?;
    if provider.is_some() {
        tracing::info!(%endpoint, "exporting traces over OTLP");
    }
    Ok(Telemetry { provider })
}

/// Parents `span` on the caller's W3C trace context, if the request carries one.
pub fn set_remote_parent(span: &tracing::Span, headers: &HeaderMap) {
    if headers.get("traceparent").is_none() {
        return;
    }
    let cx =
        opentelemetry::global::get_text_map_propagator(|p| p.extract(&HeaderExtractor(headers)));
    // Without an OpenTelemetry layer (no exporter) there is nothing to parent: not an error.
    let _ = span.set_parent(cx);
}

struct HeaderExtractor<'a>(&'a HeaderMap);

impl Extractor for HeaderExtractor<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }
    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(http::HeaderName::as_str).collect()
    }
}
