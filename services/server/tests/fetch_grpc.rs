//! URL input through gRPC: a request with a url and no html, against a real server on port 0
//! and a local HTTP origin that counts its connections. The fetcher's own rules are tested in
//! tests/fetch.rs; here: the flag, the allowlist, the status of each failure, the final URL,
//! and that a refused call never reaches the origin.

mod common;

use article_client::proto;
use common::origin::Origin;
use common::{ARTICLE_HTML, TestServer};
use tonic::Code;

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
        .extract_article(Vec::new(), &origin.url("/latin1-article"))
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
        ("/broken", Code::Unavailable),
        ("/png", Code::InvalidArgument),
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
