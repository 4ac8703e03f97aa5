//! Prometheus metrics, served in the text format on their own port (`--metrics-listen`), so
//! scraping never competes with the gRPC port's limits.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RpcLabels {
    pub method: String,
    pub code: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    /// "ok", or the gRPC code the failure maps to.
    pub outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct MethodLabels {
    pub method: String,
}

/// Every metric the server exports.
pub struct Metrics {
    registry: Registry,
    requests: Family<RpcLabels, Counter>,
    latency: Family<MethodLabels, Histogram>,
    extraction: Family<MethodLabels, Histogram>,
    request_bytes: Family<MethodLabels, Histogram>,
    in_flight: Gauge,
    shed: Counter,
    fetches: Family<OutcomeLabels, Counter>,
    fetch_latency: Histogram,
}

fn seconds_histogram() -> Histogram {
    // 0.5 ms … ~16 s.
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

fn bytes_histogram() -> Histogram {
    // 1 KiB … 32 MiB.
    Histogram::new(exponential_buckets(1024.0, 2.0, 16))
}

impl Metrics {
    pub fn new() -> Arc<Self> {
        let mut registry = Registry::with_prefix("article");
        let requests = Family::<RpcLabels, Counter>::default();
        let latency = Family::<MethodLabels, Histogram>::new_with_constructor(
            seconds_histogram as fn() -> Histogram,
        );
        let extraction = Family::<MethodLabels, Histogram>::new_with_constructor(
            seconds_histogram as fn() -> Histogram,
        );
        let request_bytes = Family::<MethodLabels, Histogram>::new_with_constructor(
            bytes_histogram as fn() -> Histogram,
        );
        let in_flight = Gauge::default();
        let shed = Counter::default();
        registry.register(
            "requests",
            "Article-service calls by method and gRPC status code",
            requests.clone(),
        );
        registry.register(
            "request_duration_seconds",
            "Article-service call latency as the server sees it",
            latency.clone(),
        );
        registry.register(
            "extraction_duration_seconds",
            "Engine time per call (parse plus extraction), excluding queueing",
            extraction.clone(),
        );
        registry.register(
            "request_html_bytes",
            "Size of the html field of each call",
            request_bytes.clone(),
        );
        registry.register(
            "in_flight_requests",
            "Article-service calls in progress",
            in_flight.clone(),
        );
        registry.register(
            "shed_requests",
            "Calls refused at once because the server was at capacity",
            shed.clone(),
        );
        let fetches = Family::<OutcomeLabels, Counter>::default();
        let fetch_latency = seconds_histogram();
        registry.register(
            "fetches",
            "Pages fetched by url (--allow-fetch), by outcome",
            fetches.clone(),
        );
        registry.register(
            "fetch_duration_seconds",
            "Time to fetch a page by url, redirects and body included",
            fetch_latency.clone(),
        );
        Arc::new(Self {
            registry,
            fetches,
            fetch_latency,
            requests,
            latency,
            extraction,
            request_bytes,
            in_flight,
            shed,
        })
    }

    pub fn call_started(&self) {
        self.in_flight.inc();
    }

    pub fn call_finished(&self, method: &str, code: &str, latency: Duration) {
        self.in_flight.dec();
        self.requests
            .get_or_create(&RpcLabels {
                method: method.to_string(),
                code: code.to_string(),
            })
            .inc();
        self.latency
            .get_or_create(&MethodLabels {
                method: method.to_string(),
            })
            .observe(latency.as_secs_f64());
    }

    pub fn shed(&self) {
        self.shed.inc();
    }

    pub fn engine(&self, method: &str, html_bytes: usize, engine_micros: u64) {
        let labels = MethodLabels {
            method: method.to_string(),
        };
        self.extraction
            .get_or_create(&labels)
            .observe(engine_micros as f64 / 1e6);
        self.request_bytes
            .get_or_create(&labels)
            .observe(html_bytes as f64);
    }

    pub fn fetch(&self, took: Duration, outcome: &str) {
        self.fetches
            .get_or_create(&OutcomeLabels {
                outcome: outcome.to_string(),
            })
            .inc();
        self.fetch_latency.observe(took.as_secs_f64());
    }

    /// The Prometheus text exposition.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }
}

/// Serves `GET /metrics` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    metrics: Arc<Metrics>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::routing::get;
    let app = axum::Router::new().route(
        "/metrics",
        get(move || {
            let metrics = Arc::clone(&metrics);
            async move {
                (
                    [(
                        http::header::CONTENT_TYPE,
                        "application/openmetrics-text; version=1.0.0; charset=utf-8",
                    )],
                    metrics.encode(),
                )
            }
        }),
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposition_has_every_family() {
        let m = Metrics::new();
        m.call_started();
        m.call_finished(
            "/article.v1.ArticleService/ExtractArticle",
            "OK",
            Duration::from_millis(3),
        );
        m.shed();
        m.engine("/article.v1.ArticleService/ExtractArticle", 2048, 1500);
        let text = m.encode();
        for needle in [
            "article_requests_total{method=\"/article.v1.ArticleService/ExtractArticle\",code=\"OK\"} 1",
            "article_request_duration_seconds_bucket",
            "article_extraction_duration_seconds_count",
            "article_request_html_bytes_sum",
            "article_in_flight_requests 0",
            "article_shed_requests_total 1",
        ] {
            assert!(text.contains(needle), "missing {needle}:\n{text}");
        }
    }
}
