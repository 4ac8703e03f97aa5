//! ExtractArticle.

use super::{Articles, Page, deadline_of, load_page, options_for, run_engine};
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
    let options = options_for(svc, req.reference_time.as_ref(), &req.default_time_zone)?;
    let page = Page {
        html: req.html,
        url: req.url,
        content_type: req.content_type,
    };
    let page = load_page(svc, page, deadline).await?;
    let input_bytes = page.html.len();
    let url = page.url.trim().to_string();
    let article = run_engine(
        svc,
        "/article.v1.ArticleService/ExtractArticle",
        page,
        options,
        deadline,
        article_engine::extract,
        |a| a.timings,
    )
    .await?;
    Span::current().record("is_article", article.is_article);
    let diagnostics = convert::diagnostics(&article.encoding, input_bytes, article.timings);
    Ok(ExtractArticleResponse {
        is_article: article.is_article,
        article: Some(convert::article(article)),
        final_url: url,
        diagnostics: Some(diagnostics),
    })
}
