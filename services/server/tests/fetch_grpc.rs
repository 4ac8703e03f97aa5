//! URL input through gRPC: a request with a url and no html, against a real server on port 0
//! and a local HTTP origin that counts its connections. The fetcher's own rules are tested in
//! tests/fetch.rs; here: the flag, the allowlist, the status of each failure, the final URL,
//! and that a refused call never reaches the origin.

mod common;

use article_client::proto;
use common::{ARTICLE_HTML, TestServer};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tonic::Code;

const LISTING: &str = r#"<html><head><title>Front page</title></head><body><main>
<section><h2>Latest</h2><ul>
<li><a href="/news/2024/03/14/one-story">First story headline on the front page</a></li>
<li><a href="/news/2024/03/14/two-story">Second story headline on the front page</a></li>
<li><a href="/news/2024/03/14/three-story">Third story headline on the front page</a></li>
</ul></section></main></body></html>"#;

/// "Café crème" in windows-1252 bytes, in a page that names no charset of its own.
const LATIN1_PAGE: &[u8] = b"<html><head><title>Caf\xe9 cr\xe8me prices rise again</title></head><body><article>\
<h1>Caf\xe9 cr\xe8me prices rise again</h1><p>The price of a caf\xe9 cr\xe8me in the old town rose again this \
month, the third rise this year, and owners say the cost of milk is to blame.</p><p>Regulars at the \
market caf\xe9s said they would keep coming, though some now order a smaller cup than before.</p>\
</article></body></html>";

struct Origin {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl Origin {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream));
            }
        });
        Self { addr, connections }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream) {
    let mut request = Vec::new();
    let mut buf = [0u8; 2048];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let request = String::from_utf8_lossy(&request).into_owned();
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let (status, extra, body): (&str, &str, &[u8]) = match path.as_str() {
        "/news/solar-ferry" => ("200 OK", "", ARTICLE_HTML.as_bytes()),
        "/old-address" => (
            "301 Moved Permanently",
            "Location: /news/solar-ferry\r\n",
            b"",
        ),
        "/front" => ("200 OK", "", LISTING.as_bytes()),
        "/to-metadata" => (
            "302 Found",
            "Location: http://169.254.169.254/latest/meta-data/\r\n",
            b"",
        ),
        "/image" => ("200 OK", "", b"\x89PNG\r\n\x1a\n"),
        "/latin1" => ("200 OK", "", LATIN1_PAGE),
        "/busy" => ("503 Service Unavailable", "", b"busy"),
        _ => ("404 Not Found", "", b"no such page"),
    };
    let content_type = match path.as_str() {
        "/image" => "image/png",
        // The page does not declare its charset: only the header says windows-1252.
        "/latin1" => "text/html; charset=windows-1252",
        _ => "text/html; charset=utf-8",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {}\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body).await;
}

fn status_of<T: std::fmt::Debug>(r: Result<T, article_client::Error>) -> tonic::Status {
    match r {
        Err(article_client::Error::Status(s)) => s,
        other => panic!("expected a gRPC status, got {other:?}"),
    }
}

async fn fetching_server(allow: &[&str]) -> TestServer {
    let allow: Vec<ipnet::IpNet> = allow
        .iter()
        .map(|s| article_server::fetch::parse_cidr(s).expect("cidr"))
        .collect();
    TestServer::start(move |c| {
        c.allow_fetch = true;
        c.fetch_allow = allow;
    })
    .await
}

#[tokio::test]
async fn url_only_requests_are_fetched_when_allowed() {
    let origin = Origin::start().await;
    let server = fetching_server(&["127.0.0.1/32"]).await;
    let client = server.client().await;

    // Through a redirect: the response names the address the page was read from.
    let r = client
        .extract_article(Vec::new(), &origin.url("/old-address"))
        .await
        .expect("fetched and extracted");
    assert!(r.is_article);
    assert_eq!(r.final_url, origin.url("/news/solar-ferry"));
    let article = r.article.expect("article");
    assert!(!article.title.is_empty());
    assert!(article.text.len() > 200, "{}", article.text);
    let diag = r.diagnostics.expect("diagnostics");
    assert_eq!(diag.input_bytes as usize, ARTICLE_HTML.len());

    // ListHeadlines fetches too; links resolve against the fetched page's address.
    let list = client
        .list_headlines(Vec::new(), &origin.url("/front"))
        .await
        .expect("headlines");
    assert_eq!(list.final_url, origin.url("/front"));
    let urls: Vec<&str> = list.headlines.iter().map(|h| h.url.as_str()).collect();
    assert!(
        urls.contains(&origin.url("/news/2024/03/14/one-story").as_str()),
        "{urls:?}"
    );

    // The response's Content-Type charset decodes a page that declares none.
    let r = client
        .extract_article(Vec::new(), &origin.url("/latin1"))
        .await
        .expect("latin1 page");
    let article = r.article.expect("article");
    assert_eq!(article.title, "Café crème prices rise again");
    assert_eq!(r.diagnostics.expect("diagnostics").encoding, "windows-1252");

    // Html in the request wins: no fetch.
    let before = origin.connections();
    client
        .extract_article(ARTICLE_HTML, &origin.url("/front"))
        .await
        .expect("extract");
    assert_eq!(origin.connections(), before);
}

#[tokio::test]
async fn refused_addresses_are_permission_denied_without_a_connection() {
    let origin = Origin::start().await;
    let server = fetching_server(&[]).await;
    let client = server.client().await;

    for url in [
        origin.url("/news/solar-ferry"),
        format!("http://localhost:{}/news/solar-ferry", origin.addr.port()),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://[fd00:ec2::254]/latest/meta-data/".to_string(),
        "http://10.1.2.3/".to_string(),
    ] {
        let s = status_of(client.extract_article(Vec::new(), &url).await);
        assert_eq!(s.code(), Code::PermissionDenied, "{url}: {s:?}");
        assert!(s.message().contains("refused"), "{url}: {}", s.message());
    }
    assert_eq!(
        origin.connections(),
        0,
        "a refused fetch reached the origin"
    );
}

#[tokio::test]
async fn a_redirect_to_a_refused_address_is_refused() {
    let origin = Origin::start().await;
    // The origin itself is allowed; the metadata address it redirects to is not.
    let server = fetching_server(&["127.0.0.1/32"]).await;
    let client = server.client().await;
    let s = status_of(
        client
            .extract_article(Vec::new(), &origin.url("/to-metadata"))
            .await,
    );
    assert_eq!(s.code(), Code::PermissionDenied, "{s:?}");
    assert!(s.message().contains("169.254.169.254"), "{}", s.message());
}

#[tokio::test]
async fn fetch_failures_carry_precise_statuses() {
    let origin = Origin::start().await;
    let server = fetching_server(&["127.0.0.1/32"]).await;
    let client = server.client().await;
    let cases = [
        ("/gone", Code::NotFound),
        ("/busy", Code::Unavailable),
        ("/image", Code::InvalidArgument),
    ];
    for (path, code) in cases {
        let s = status_of(client.extract_article(Vec::new(), &origin.url(path)).await);
        assert_eq!(s.code(), code, "{path}: {s:?}");
    }
    let s = status_of(
        client
            .extract_article(Vec::new(), "ftp://example.com/a")
            .await,
    );
    assert_eq!(s.code(), Code::InvalidArgument);
    // The server keeps serving.
    client
        .extract_article(Vec::new(), &origin.url("/news/solar-ferry"))
        .await
        .expect("still serving");
}

#[tokio::test]
async fn without_allow_fetch_the_error_says_how_to_enable_it() {
    let origin = Origin::start().await;
    let server = TestServer::start(|_| {}).await;
    let client = server.client().await;
    let s = status_of(
        client
            .extract_article(Vec::new(), &origin.url("/news/solar-ferry"))
            .await,
    );
    assert_eq!(s.code(), Code::InvalidArgument);
    assert!(s.message().contains("--allow-fetch"), "{}", s.message());
    let s = status_of(
        client
            .headlines(proto::ListHeadlinesRequest {
                url: origin.url("/front"),
                ..Default::default()
            })
            .await,
    );
    assert_eq!(s.code(), Code::InvalidArgument);
    assert_eq!(origin.connections(), 0);
}
