//! The RPC handlers: one module per RPC, each with the same three steps — validate the
//! request, run the engine on the worker pool, convert the result to protobuf.

mod batch;
mod extract;
mod headlines;

use crate::pool::Pool;
use crate::status::ServiceError;
use article_proto::v1::article_service_server::ArticleService;
use article_proto::v1::{
    ExtractArticleRequest, ExtractArticleResponse, ExtractArticlesRequest, ListHeadlinesRequest,
    ListHeadlinesResponse,
};
use std::sync::Arc;
use tonic::{Request, Response, Status};

/// State shared by the handlers (cheap to clone: streams keep a copy).
#[derive(Clone)]
pub struct Articles {
    pub(crate) pool: Arc<Pool>,
    pub(crate) base_options: Arc<article_engine::Options>,
    pub(crate) metrics: Arc<crate::metrics::Metrics>,
    /// Deadline of one item of a stream (the server's --timeout-ms).
    pub(crate) item_timeout: std::time::Duration,
    /// Items of one stream worked on at once.
    pub(crate) stream_parallelism: usize,
}

impl Articles {
    pub fn new(
        pool: Arc<Pool>,
        base_options: article_engine::Options,
        metrics: Arc<crate::metrics::Metrics>,
        item_timeout: std::time::Duration,
        stream_parallelism: usize,
    ) -> Self {
        Self {
            pool,
            base_options: Arc::new(base_options),
            metrics,
            item_timeout,
            stream_parallelism: stream_parallelism.max(1),
        }
    }
}

#[tonic::async_trait]
impl ArticleService for Articles {
    async fn extract_article(
        &self,
        request: Request<ExtractArticleRequest>,
    ) -> Result<Response<ExtractArticleResponse>, Status> {
        extract::handle(self, request)
            .await
            .map(Response::new)
            .map_err(Status::from)
    }

    async fn list_headlines(
        &self,
        request: Request<ListHeadlinesRequest>,
    ) -> Result<Response<ListHeadlinesResponse>, Status> {
        headlines::handle(self, request)
            .await
            .map(Response::new)
            .map_err(Status::from)
    }

    type ExtractArticlesStream = batch::BatchStream;

    async fn extract_articles(
        &self,
        request: Request<tonic::Streaming<ExtractArticlesRequest>>,
    ) -> Result<Response<Self::ExtractArticlesStream>, Status> {
        Ok(Response::new(batch::handle(
            self.clone(),
            request.into_inner(),
        )))
    }
}

/// The page source of a request: its bytes, or why there are none.
fn require_html(html: &[u8], url: &str) -> Result<(), ServiceError> {
    if !html.is_empty() {
        return Ok(());
    }
    Err(ServiceError::InvalidArgument(if url.trim().is_empty() {
        "the request is empty: set html to the page's bytes (and url to its address)".into()
    } else {
        "html is empty: this server does not fetch pages by url; send the page's bytes in html"
            .into()
    }))
}

/// Per-request engine options on top of the server's defaults.
fn request_options(
    base: &article_engine::Options,
    reference_time: Option<&prost_types::Timestamp>,
    default_time_zone: &str,
) -> Result<article_engine::Options, ServiceError> {
    let mut options = base.clone();
    if let Some(t) = reference_time {
        let ts = jiff::Timestamp::new(t.seconds, t.nanos).map_err(|e| {
            ServiceError::InvalidArgument(format!("reference_time is out of range: {e}"))
        })?;
        options.reference_time = Some(ts);
    }
    let zone = default_time_zone.trim();
    if !zone.is_empty() {
        jiff::tz::TimeZone::get(zone).map_err(|_| {
            ServiceError::InvalidArgument(format!(
                "default_time_zone {zone:?} is not an IANA time zone name (e.g. \"Asia/Dhaka\")"
            ))
        })?;
        options.default_time_zone = Some(zone.to_string());
    }
    Ok(options)
}

/// The page part shared by the requests.
pub(crate) struct Page {
    pub html: Vec<u8>,
    pub url: String,
    pub content_type: String,
}

/// Validates the page and the per-request options, runs `engine` on a worker, and records the
/// engine's time in the metrics and the RPC's span. Every RPC goes through here.
pub(crate) async fn run_engine<T: Send + 'static>(
    svc: &Articles,
    method: &'static str,
    page: Page,
    options: article_engine::Options,
    deadline: Option<std::time::Instant>,
    engine: fn(
        &article_engine::Input<'_>,
        &article_engine::Options,
    ) -> Result<T, article_engine::Error>,
    timings: fn(&T) -> article_engine::Timings,
) -> Result<T, ServiceError> {
    let input_bytes = page.html.len();
    let out = svc
        .pool
        .run(deadline, move || {
            let input = article_engine::Input {
                html: &page.html,
                url: non_empty(&page.url),
                content_type: non_empty(&page.content_type),
            };
            engine(&input, &options)
        })
        .await??;
    let t = timings(&out);
    svc.metrics
        .engine(method, input_bytes, t.parse_micros + t.extract_micros);
    let span = tracing::Span::current();
    span.record("parse_us", t.parse_micros);
    span.record("extract_us", t.extract_micros);
    Ok(out)
}

/// Checks that a request carries a page and builds its engine options.
pub(crate) fn prepare(
    svc: &Articles,
    html: &[u8],
    url: &str,
    reference_time: Option<&prost_types::Timestamp>,
    default_time_zone: &str,
) -> Result<article_engine::Options, ServiceError> {
    require_html(html, url)?;
    request_options(&svc.base_options, reference_time, default_time_zone)
}

fn deadline_of<T>(request: &Request<T>) -> Option<std::time::Instant> {
    request
        .extensions()
        .get::<crate::middleware::Deadline>()
        .map(|d| d.0)
}

fn non_empty(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}
