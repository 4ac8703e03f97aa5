//! Starts a real server in-process on port 0: bind first, hand the listener over, connect at
//! once — no sleeps, no races.

#![allow(dead_code)] // each test binary uses a different subset

pub mod origin;

use article_server::Config;
use std::net::SocketAddr;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub struct TestServer {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    pub handle: JoinHandle<Result<(), article_server::ServerError>>,
}

impl TestServer {
    pub async fn start(configure: impl FnOnce(&mut Config)) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind port 0");
        let addr = listener.local_addr().expect("local addr");
        let mut config = Config::with_listen(addr);
        configure(&mut config);
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(article_server::run(listener, config, async {
            let _ = rx.await;
        }));
        Self {
            addr,
            shutdown: Some(tx),
            handle,
        }
    }

    pub fn uri(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn client(&self) -> article_client::Client {
        article_client::connect(&self.uri())
            .await
            .expect("connect to test server")
    }

    /// Asks the server to stop (as SIGTERM does) without waiting for it.
    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub const ARTICLE_HTML: &str = include_str!("../data/article.html");
pub const ARTICLE_URL: &str = "https://gazette.example.com/news/2024/03/14/solar-ferry";

/// A large but valid page: `paragraphs` paragraphs of prose.
pub fn big_page(paragraphs: usize) -> String {
    let mut s = String::from("<html><body><article>");
    for i in 0..paragraphs {
        s.push_str(&format!(
            "<p>Paragraph {i}: the council met again on Tuesday to discuss the river crossing, \
             the budget for the new ferry and the timetable for the summer season.</p>"
        ));
    }
    s.push_str("</article></body></html>");
    s
}

/// `GET /metrics` from a metrics listener: the raw HTTP response.
pub async fn scrape_metrics(addr: SocketAddr) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /metrics HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut out = String::new();
    stream.read_to_string(&mut out).await.expect("read");
    out
}
