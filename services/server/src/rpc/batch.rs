//! ExtractArticles: a stream of pages in, one result per page out, in order. Each item is
//! extracted exactly as ExtractArticle would (same validation, pool and limits) with its own
//! deadline; a failing item gets its own status and the stream goes on. At most
//! `stream_parallelism` items are in flight, and nothing is read ahead beyond them.

use super::Articles;
use crate::status::ServiceError;
use article_proto::v1::{ExtractArticlesRequest, ExtractArticlesResponse, ItemStatus};
use futures_util::{Stream, StreamExt};
use std::pin::Pin;
use std::time::Instant;
use tonic::Status;

pub type BatchStream =
    Pin<Box<dyn Stream<Item = Result<ExtractArticlesResponse, Status>> + Send + 'static>>;

pub fn handle(svc: Articles, input: tonic::Streaming<ExtractArticlesRequest>) -> BatchStream {
    let parallelism = svc.stream_parallelism;
    let out = input
        .enumerate()
        .map(move |(index, item)| {
            let svc = svc.clone();
            async move {
                // A broken inbound stream (e.g. one message over the size limit) ends the call.
                let item = item?;
                let deadline = Instant::now() + svc.item_timeout;
                let result =
                    super::extract::run(&svc, item.request.unwrap_or_default(), Some(deadline))
                        .await;
                Ok(response(item.id, index as u64, result))
            }
        })
        .buffered(parallelism);
    Box::pin(out)
}

fn response(
    id: String,
    index: u64,
    result: Result<article_proto::v1::ExtractArticleResponse, ServiceError>,
) -> ExtractArticlesResponse {
    match result {
        Ok(resp) => ExtractArticlesResponse {
            id,
            index,
            status: Some(ItemStatus {
                code: 0,
                message: String::new(),
            }),
            response: Some(resp),
        },
        Err(e) => ExtractArticlesResponse {
            id,
            index,
            status: Some(ItemStatus {
                code: e.code() as i32,
                message: e.to_string(),
            }),
            response: None,
        },
    }
}
