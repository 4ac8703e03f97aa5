//! ListHeadlines.

use super::{Articles, deadline_of, non_empty, request_options, require_html};
use crate::convert;
use crate::status::ServiceError;
use article_proto::v1::{ListHeadlinesRequest, ListHeadlinesResponse};
use tonic::Request;
use tracing::Span;

pub async fn handle(
    svc: &Articles,
    request: Request<ListHeadlinesRequest>,
) -> Result<ListHeadlinesResponse, ServiceError> {
    let deadline = deadline_of(&request);
    let req = request.into_inner();
    Span::current().record("request_bytes", req.html.len());
    require_html(&req.html, &req.url)?;
    let mut options = request_options(
        &svc.base_options,
        req.reference_time.as_ref(),
        &req.default_time_zone,
    )?;
    options.all_links = req.all_links;
    let input_bytes = req.html.len();
    let url = req.url.trim().to_string();
    let list = svc
        .pool
        .run(deadline, move || {
            let input = article_engine::Input {
                html: &req.html,
                url: non_empty(&req.url),
                content_type: non_empty(&req.content_type),
            };
            article_engine::list_headlines(&input, &options)
        })
        .await??;
    svc.metrics.engine(
        "/article.v1.ArticleService/ListHeadlines",
        input_bytes,
        list.timings.parse_micros + list.timings.extract_micros,
    );
    let span = Span::current();
    span.record("parse_us", list.timings.parse_micros);
    span.record("extract_us", list.timings.extract_micros);
    span.record("headlines", list.headlines.len());
    let diagnostics = convert::diagnostics(&list.encoding, input_bytes, list.timings);
    let pagination_next = list.pagination_next.clone().unwrap_or_default();
    Ok(ListHeadlinesResponse {
        headlines: convert::headlines(list),
        pagination_next,
        final_url: url,
        diagnostics: Some(diagnostics),
    })
}
