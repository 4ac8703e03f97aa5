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
    /// Fetches pages for requests with a url and no html (--allow-fetch); None when off.
    pub(crate) fetcher: Option<crate::fetch::Fetcher>,
}

impl Articles {
    pub fn new(
        pool: Arc<Pool>,
        base_options: article_engine::Options,
        metrics: Arc<crate::metrics::Metrics>,
        item_timeout: std::time::Duration,
        stream_parallelism: usize,
        fetcher: Option<crate::fetch::Fetcher>,
    ) -> Self {
        Self {
            pool,
            base_options: Arc::new(base_options),
            metrics,
            item_timeout,
            stream_parallelism: stream_parallelism.max(1),
            fetcher,
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

/// The page a request names: its own bytes, or — with html empty, a url and fetching on —
/// the page fetched from the url (its body, Content-Type and final address replace the
/// request's). Runs after the options are checked, so a bad request costs no fetch.
pub(crate) async fn load_page(
    svc: &Articles,
    page: Page,
    deadline: Option<std::time::Instant>,
) -> Result<Page, ServiceError> {
    if !page.html.is_empty() {
        return Ok(page);
    }
    if page.url.trim().is_empty() {
        return Err(ServiceError::InvalidArgument(
            "the request is empty: set html to the page's bytes (and url to its address)".into(),
        ));
    }
    let Some(fetcher) = &svc.fetcher else {
        return Err(ServiceError::InvalidArgument(
            "html is empty and fetching by url is off on this server: send the page's bytes in \
             html, or start the server with --allow-fetch"
                .into(),
        ));
    };
    let started = std::time::Instant::now();
    let fetched = fetcher
        .fetch_until(page.url.trim(), deadline)
        .await
        .map_err(ServiceError::from);
    let outcome = match &fetched {
        Ok(_) => "ok",
        Err(e) => crate::status::code_name(e.code()),
    };
    svc.metrics.fetch(started.elapsed(), outcome);
    let fetched = fetched?;
    tracing::debug!(bytes = fetched.body.len(), final_url = %fetched.final_url, "fetched");
    Ok(Page {
        html: fetched.body,
        url: fetched.final_url,
        content_type: fetched.content_type.unwrap_or_default(),
    })
}

/// Builds a request's engine options from the server's defaults.
pub(crate) fn options_for(
    svc: &Articles,
    reference_time: Option<&prost_types::Timestamp>,
    default_time_zone: &str,
) -> Result<article_engine::Options, ServiceError> {
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
