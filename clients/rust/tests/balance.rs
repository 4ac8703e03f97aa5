//! Client-side balancing over three real servers on loopback, including a backend leaving.

use article_client::balance::{BalanceOptions, Resolver, connect_with_resolver};
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Switchable(Mutex<Vec<SocketAddr>>);

impl Resolver for Switchable {
    fn resolve(
        &self,
    ) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<SocketAddr>>> + Send + '_>> {
        let list = self.0.lock().map(|l| l.clone()).unwrap_or_default();
        Box::pin(async move { Ok(list) })
    }
}

async fn start() -> (SocketAddr, SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let grpc = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let metrics = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let (g, m) = (
        grpc.local_addr().expect("addr"),
        metrics.local_addr().expect("addr"),
    );
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(article_server::serve(
        article_server::Listeners {
            grpc,
            metrics: Some(metrics),
        },
        article_server::Config::with_listen(g),
        async {
            let _ = rx.await;
        },
    ));
    (g, m, tx)
}

/// Calls this server has answered, from its own metrics.
async fn served(metrics: SocketAddr) -> u64 {
    let mut s = tokio::net::TcpStream::connect(metrics)
        .await
        .expect("connect");
    s.write_all(b"GET /metrics HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut out = String::new();
    s.read_to_string(&mut out).await.expect("read");
    out.lines()
        .filter(|l| l.starts_with("article_requests_total{"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_spread_over_every_backend_and_follow_changes() {
    let mut servers = Vec::new();
    for _ in 0..3 {
        servers.push(start().await);
    }
    let resolver = Arc::new(Switchable(Mutex::new(
        servers.iter().map(|s| s.0).collect(),
    )));
    let client = connect_with_resolver(
        resolver.clone(),
        "article-server.test:50051",
        BalanceOptions {
            refresh: Duration::from_millis(100),
            ..Default::default()
        },
    )
    .await
    .expect("balanced client");
    let page = "<html><body><p>A short page for the balancing test, long enough to keep.</p></body></html>";
    for _ in 0..60 {
        client.extract_article(page, "").await.expect("call");
    }
    let counts: Vec<u64> = futures_counts(&servers).await;
    assert_eq!(counts.iter().sum::<u64>(), 60);
    assert!(
        counts.iter().all(|&c| c > 0),
        "every backend served calls: {counts:?}"
    );

    // The third backend leaves (a pod goes away): the client stops using it.
    if let Ok(mut list) = resolver.0.lock() {
        list.pop();
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    for _ in 0..30 {
        client.extract_article(page, "").await.expect("call");
    }
    let after = futures_counts(&servers).await;
    assert_eq!(
        after[2], counts[2],
        "the removed backend got no calls: {after:?}"
    );
    assert_eq!(after[0] + after[1], counts[0] + counts[1] + 30);
}

async fn futures_counts(
    servers: &[(SocketAddr, SocketAddr, tokio::sync::oneshot::Sender<()>)],
) -> Vec<u64> {
    let mut out = Vec::new();
    for s in servers {
        out.push(served(s.1).await);
    }
    out
}
