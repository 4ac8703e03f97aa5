//! Prometheus metrics on their own port, scraped after real calls.

mod common;

use article_server::{Config, Listeners};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_calls_codes_latency_and_bytes() {
    let grpc = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let metrics = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let grpc_addr = grpc.local_addr().expect("addr");
    let metrics_addr = metrics.local_addr().expect("addr");
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(article_server::serve(
        Listeners {
            grpc,
            metrics: Some(metrics),
        },
        Config::with_listen(grpc_addr),
        async {
            let _ = stop_rx.await;
        },
    ));
    let client = article_client::connect(&grpc_addr.to_string())
        .await
        .expect("connect");
    client
        .extract_article(common::ARTICLE_HTML, common::ARTICLE_URL)
        .await
        .expect("extract");
    let _ = client.extract_article(Vec::new(), "").await; // INVALID_ARGUMENT

    let text = common::scrape_metrics(metrics_addr).await;
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    for needle in [
        "article_requests_total{method=\"/article.v1.ArticleService/ExtractArticle\",code=\"OK\"} 1",
        "article_requests_total{method=\"/article.v1.ArticleService/ExtractArticle\",code=\"INVALID_ARGUMENT\"} 1",
        "article_request_duration_seconds_count{method=\"/article.v1.ArticleService/ExtractArticle\"} 2",
        "article_extraction_duration_seconds_count{method=\"/article.v1.ArticleService/ExtractArticle\"} 1",
        "article_request_html_bytes_sum",
        "article_in_flight_requests 0",
        "article_shed_requests_total 0",
    ] {
        assert!(text.contains(needle), "missing {needle}:\n{text}");
    }
    let _ = stop_tx.send(());
    assert!(server.await.expect("join").is_ok());
}
