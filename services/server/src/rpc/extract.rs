//! ExtractArticle.

use super::{Articles, deadline_of, non_empty, request_options, require_html};
use crate::convert;
use crate::status::ServiceError;
use article_proto::v1::{ExtractArticleRequest, ExtractArticleResponse};
use tonic::Request;
use tracing::Span;

pub async fn handle(
    svc: &Articles,
    request: Request<ExtractArticleRequest>,
) -> Result<ExtractArticleResponse, ServiceError> {
    let deadline = deadline_of(&request);
    let req = request.into_inner();
    Span::current().record("request_bytes", req.html.len());
    run(svc, req, deadline).await
}

/// One extraction: shared by ExtractArticle and each item of ExtractArticles.
pub async fn run(
    svc: &Articles,
    req: ExtractArticleRequest,
    deadline: Option<std::time::Instant>,
) -> Result<ExtractArticleResponse, ServiceError> {
    require_html(&req.html, &req.url)?;
    let options = request_options(
        &svc.base_options,
        req.reference_time.as_ref(),
        &req.default_time_zone,
    )?;
    let input_bytes = req.html.len();
    let url = req.url.trim().to_string();
    let article = svc
        .pool
        .run(deadline, move || {
            let input = article_engine::Input {
                html: &req.html,
                url: non_empty(&req.url),
                content_type: non_empty(&req.content_type),
            };
            article_engine::extract(&input, &options)
        })
        .await??;
    svc.metrics.engine(
        "/article.v1.ArticleService/ExtractArticle",
        input_bytes,
        article.timings.parse_micros + article.timings.extract_micros,
    );
    let span = Span::current();
    span.record("parse_us", article.timings.parse_micros);
    span.record("extract_us", article.timings.extract_micros);
    span.record("is_article", article.is_article);
    let diagnostics = convert::diagnostics(&article.encoding, input_bytes, article.timings);
    Ok(ExtractArticleResponse {
        is_article: article.is_article,
        article: Some(convert::article(article)),
        final_url: url,
        diagnostics: Some(diagnostics),
    })
}
