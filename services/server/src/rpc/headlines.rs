//! ListHeadlines.

use super::{Articles, Page, deadline_of, load_page, options_for, run_engine};
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
    let mut options = options_for(svc, req.reference_time.as_ref(), &req.default_time_zone)?;
    options.all_links = req.all_links;
    let page = Page {
        html: req.html,
        url: req.url,
        content_type: req.content_type,
    };
    let page = load_page(svc, page, deadline).await?;
    let input_bytes = page.html.len();
    let url = page.url.trim().to_string();
    let list = run_engine(
        svc,
        "/article.v1.ArticleService/ListHeadlines",
        page,
        options,
        deadline,
        article_engine::list_headlines,
        |l| l.timings,
    )
    .await?;
    Span::current().record("headlines", list.headlines.len());
    let diagnostics = convert::diagnostics(&list.encoding, input_bytes, list.timings);
    let pagination_next = list.pagination_next.clone().unwrap_or_default();
    Ok(ListHeadlinesResponse {
        headlines: convert::headlines(list),
        pagination_next,
        final_url: url,
        diagnostics: Some(diagnostics),
    })
}
