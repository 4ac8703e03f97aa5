//! The URL fetcher against a real HTTP/1.1 origin on 127.0.0.1 (hand-written responses, so
//! lengths, encodings and stalls are exactly as stated). Nothing here ever connects anywhere
//! but 127.0.0.1: refused targets must be stopped by the address check, before any connect,
//! and the origin's connection counter proves it for the loopback cases.

mod common;

use article_server::fetch::{FetchConfig, FetchError, Fetcher, parse_cidr};
use common::origin::{ARTICLE, LIMIT, Origin};
use std::time::{Duration, Instant};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

fn fetcher_with(allow: &[&str], tweak: impl FnOnce(&mut FetchConfig)) -> Fetcher {
    let mut config = FetchConfig {
        allow_cidrs: allow.iter().map(|s| parse_cidr(s).expect("cidr")).collect(),
        max_bytes: LIMIT,
        max_redirects: 3,
        total_timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(2),
        ..FetchConfig::default()
    };
    tweak(&mut config);
    Fetcher::new(config).expect("fetcher")
}

/// May fetch from the test origin (127.0.0.1 only).
fn allowed() -> Fetcher {
    fetcher_with(&["127.0.0.1/32"], |_| {})
}

/// The production default: no allowlist.
fn strict() -> Fetcher {
    fetcher_with(&[], |_| {})
}

fn assert_refused(err: FetchError, want_reason: &str) {
    match err {
        FetchError::RefusedAddress { reason, .. } => assert_eq!(reason, want_reason),
        other => panic!("expected RefusedAddress ({want_reason}), got {other:?}"),
    }
}

#[tokio::test]
async fn allowlisted_origin_is_fetched_with_type_and_final_url() {
    let origin = Origin::start().await;
    let page = allowed()
        .fetch(&origin.url("/article"))
        .await
        .expect("fetched");
    assert_eq!(page.body, ARTICLE.as_bytes());
    assert_eq!(page.status, 200);
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.final_url, origin.url("/article"));
}

#[tokio::test]
async fn charset_header_is_passed_through_and_bytes_are_untouched() {
    let origin = Origin::start().await;
    let page = allowed()
        .fetch(&origin.url("/latin1"))
        .await
        .expect("fetched");
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=windows-1252")
    );
    assert_eq!(page.body, b"<html><body><p>Caf\xe9</p></body></html>");
}

#[tokio::test]
async fn missing_content_type_is_accepted() {
    let origin = Origin::start().await;
    let page = allowed()
        .fetch(&origin.url("/no-type"))
        .await
        .expect("fetched");
    assert_eq!(page.content_type, None);
    assert_eq!(page.body, ARTICLE.as_bytes());
}

#[tokio::test]
async fn sends_the_configured_user_agent() {
    let origin = Origin::start().await;
    let page = fetcher_with(&["127.0.0.1/32"], |c| {
        c.user_agent = "article-test/1.0".into()
    })
    .fetch(&origin.url("/user-agent"))
    .await
    .expect("fetched");
    assert_eq!(page.body, b"article-test/1.0");
}

#[tokio::test]
async fn gzip_bodies_are_decoded() {
    let origin = Origin::start().await;
    let page = allowed()
        .fetch(&origin.url("/gzip"))
        .await
        .expect("fetched");
    assert_eq!(page.body, ARTICLE.as_bytes());
}

#[tokio::test]
async fn loopback_origin_is_refused_without_allowlist_before_connecting() {
    let origin = Origin::start().await;
    let err = strict()
        .fetch(&origin.url("/article"))
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, FetchError::RefusedAddress { addr, .. } if addr.is_loopback()),
        "{err:?}"
    );
    assert_refused(err, "loopback");
    assert_eq!(origin.connections(), 0, "no connection may be made");
}

#[tokio::test]
async fn host_name_resolving_to_loopback_is_refused() {
    let origin = Origin::start().await;
    let url = format!("http://localhost:{}/article", origin.addr.port());
    let err = strict().fetch(&url).await.expect_err("refused");
    let message = err.to_string();
    match &err {
        FetchError::RefusedAddress { host, .. } => assert_eq!(host, "localhost"),
        other => panic!("expected RefusedAddress, got {other:?}"),
    }
    assert_refused(err, "loopback");
    assert_eq!(
        message,
        "refused to fetch from localhost: it resolves to a loopback address"
    );
    assert_eq!(origin.connections(), 0);

    // Allowlisted, the same name is fetched through the guarded resolver.
    let page = allowed().fetch(&url).await.expect("allowlisted");
    assert_eq!(page.body, ARTICLE.as_bytes());
}

#[tokio::test]
async fn every_spelling_of_a_refused_literal_is_refused() {
    let origin = Origin::start().await;
    let port = origin.addr.port();
    let cases = [
        (format!("http://[::ffff:127.0.0.1]:{port}/"), "loopback"),
        (format!("http://[::ffff:7f00:1]:{port}/"), "loopback"),
        (format!("http://127.1:{port}/"), "loopback"),
        (format!("http://2130706433:{port}/"), "loopback"),
        (format!("http://0x7f.0.0.1:{port}/"), "loopback"),
        (format!("http://[::1]:{port}/"), "loopback"),
        (format!("http://0.0.0.0:{port}/"), "unspecified"),
        (format!("http://[::]:{port}/"), "unspecified"),
        (
            "http://169.254.169.254/latest/meta-data/".into(),
            "cloud metadata",
        ),
        ("http://[fd00:ec2::254]/".into(), "cloud metadata"),
        ("http://10.0.0.1/".into(), "private"),
        ("https://192.168.1.1/".into(), "private"),
        (
            "http://100.64.0.1/".into(),
            "carrier-grade NAT (100.64.0.0/10)",
        ),
        ("http://[fe80::1]/".into(), "link-local"),
        ("http://224.0.0.1/".into(), "multicast"),
    ];
    for (url, reason) in cases {
        let err = strict().fetch(&url).await.expect_err(&url);
        assert_refused(err, reason);
    }
    assert_eq!(origin.connections(), 0);
}

#[tokio::test]
async fn allowlist_is_exact() {
    let origin = Origin::start().await;
    // 127.0.0.2/32 does not cover 127.0.0.1.
    let err = fetcher_with(&["127.0.0.2/32", "10.0.0.0/8"], |_| {})
        .fetch(&origin.url("/article"))
        .await
        .expect_err("refused");
    assert_refused(err, "loopback");
    assert_eq!(origin.connections(), 0);
}

#[tokio::test]
async fn redirects_are_followed_and_reported() {
    let origin = Origin::start().await;
    for (path, last) in [
        ("/redirect", "/article"),
        ("/redirect-absolute", "/article"),
        ("/chain/3", "/chain/0"),
    ] {
        let page = allowed().fetch(&origin.url(path)).await.expect(path);
        assert_eq!(page.body, ARTICLE.as_bytes(), "{path}");
        assert_eq!(page.final_url, origin.url(last), "{path}");
    }
    let page = allowed()
        .fetch(&origin.url("/redirect-localhost"))
        .await
        .expect("to localhost, allowlisted");
    assert_eq!(
        page.final_url,
        format!("http://localhost:{}/article", origin.addr.port())
    );
}

#[tokio::test]
async fn redirect_to_refused_addresses_is_refused_by_the_check() {
    let origin = Origin::start().await;
    let cases = [
        ("/to-metadata", "cloud metadata"),
        ("/to-metadata-v6", "cloud metadata"),
        ("/to-private", "private"),
        ("/to-mapped", "private"),
    ];
    for (path, reason) in cases {
        let err = allowed().fetch(&origin.url(path)).await.expect_err(path);
        // The variant and reason come only from the address check: a connect failure
        // would be a Transport or ConnectTimeout error.
        assert_refused(err, reason);
    }
    let err = allowed()
        .fetch(&origin.url("/to-file"))
        .await
        .expect_err("file");
    assert!(
        matches!(&err, FetchError::UnsupportedScheme { scheme } if scheme == "file"),
        "{err:?}"
    );
}

#[tokio::test]
async fn redirect_loops_and_long_chains_stop_at_the_limit() {
    let origin = Origin::start().await;
    let err = allowed()
        .fetch(&origin.url("/loop"))
        .await
        .expect_err("loop");
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 3 }),
        "{err:?}"
    );
    // 4 redirects with a limit of 3; the origin saw the first request and 3 follow-ups.
    let before = origin.connections();
    let err = allowed()
        .fetch(&origin.url("/chain/4"))
        .await
        .expect_err("too long");
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 3 }),
        "{err:?}"
    );
    assert_eq!(origin.connections() - before, 4);
    // No redirects allowed at all.
    let err = fetcher_with(&["127.0.0.1/32"], |c| c.max_redirects = 0)
        .fetch(&origin.url("/redirect"))
        .await
        .expect_err("none allowed");
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 0 }),
        "{err:?}"
    );
}

#[tokio::test]
async fn non_http_schemes_and_bad_urls_are_refused() {
    for url in [
        "file:///etc/passwd",
        "ftp://127.0.0.1/pub/",
        "gopher://127.0.0.1:70/",
        "data:text/html,<p>hi</p>",
        "javascript:alert(1)",
    ] {
        let err = allowed().fetch(url).await.expect_err(url);
        assert!(
            matches!(err, FetchError::UnsupportedScheme { .. }),
            "{url}: {err:?}"
        );
    }
    for url in ["", "not a url", "/relative/path", "http://"] {
        let err = allowed().fetch(url).await.expect_err(url);
        assert!(
            matches!(err, FetchError::InvalidUrl { .. }),
            "{url:?}: {err:?}"
        );
    }
    let origin = Origin::start().await;
    let with_credentials = format!("http://user:secret@{}/article", origin.addr);
    let err = allowed()
        .fetch(&with_credentials)
        .await
        .expect_err("credentials");
    assert!(matches!(err, FetchError::InvalidUrl { .. }), "{err:?}");
    assert!(!err.to_string().contains("secret"), "{err}");
    assert_eq!(origin.connections(), 0);
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let origin = Origin::start().await;
    let page = allowed()
        .fetch(&origin.url("/exact"))
        .await
        .expect("exactly at the limit");
    assert_eq!(page.body.len(), LIMIT);
    for path in ["/big-length", "/big-close", "/big-chunked", "/gzip-bomb"] {
        let err = allowed().fetch(&origin.url(path)).await.expect_err(path);
        assert!(
            matches!(err, FetchError::TooLarge { limit: LIMIT }),
            "{path}: {err:?}"
        );
    }
}

#[tokio::test]
async fn slow_origins_time_out() {
    let origin = Origin::start().await;
    let quick = fetcher_with(&["127.0.0.1/32"], |c| {
        c.total_timeout = Duration::from_millis(300)
    });
    for path in ["/slow-head", "/slow-body"] {
        let started = Instant::now();
        let err = quick.fetch(&origin.url(path)).await.expect_err(path);
        assert!(
            matches!(err, FetchError::Timeout { limit } if limit == Duration::from_millis(300)),
            "{path}: {err:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(2), "{path}");
    }
    // A caller's deadline sooner than the configured timeout wins.
    let started = Instant::now();
    let err = allowed()
        .fetch_until(
            &origin.url("/slow-head"),
            Some(Instant::now() + Duration::from_millis(200)),
        )
        .await
        .expect_err("deadline");
    assert!(matches!(err, FetchError::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn error_statuses_and_non_html_are_reported() {
    let origin = Origin::start().await;
    for (path, code) in [("/missing", 404), ("/broken", 500), ("/no-location", 302)] {
        let err = allowed().fetch(&origin.url(path)).await.expect_err(path);
        assert!(
            matches!(&err, FetchError::HttpStatus { status, .. } if *status == code),
            "{path}: {err:?}"
        );
    }
    for (path, ct) in [("/png", "image/png"), ("/pdf", "application/pdf")] {
        let err = allowed().fetch(&origin.url(path)).await.expect_err(path);
        assert!(
            matches!(&err, FetchError::NotHtml { content_type } if content_type == ct),
            "{path}: {err:?}"
        );
    }
}

#[tokio::test]
async fn https_speaks_tls_with_alpn_and_reports_handshake_failures() {
    // A TCP listener that records the first bytes the client sends, then hangs up: enough to
    // see a TLS ClientHello offering h2 without a certificate the webpki roots would trust.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let hello = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("accept");
        let mut buf = vec![0u8; 4096];
        let n = stream.read(&mut buf).await.expect("read");
        buf.truncate(n);
        buf
    });
    let err = allowed()
        .fetch(&format!("https://{addr}/"))
        .await
        .expect_err("no TLS server");
    assert!(matches!(err, FetchError::Transport(_)), "{err:?}");
    let hello = hello.await.expect("hello");
    assert_eq!(&hello[..2], &[0x16, 0x03], "a TLS handshake record");
    assert!(hello.windows(3).any(|w| w == b"\x02h2"), "ALPN offers h2");
}
