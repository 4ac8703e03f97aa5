//! Hostile and broken inputs through gRPC: each gets a clear status or a valid result, fast, and
//! the server keeps serving.

mod common;

use article_client::{Client, ServingStatus, proto};
use common::TestServer;
use std::time::{Duration, Instant};
use tonic::Code;

async fn call(
    client: &Client,
    html: Vec<u8>,
    content_type: &str,
) -> Result<proto::ExtractArticleResponse, Code> {
    client
        .extract(proto::ExtractArticleRequest {
            html,
            content_type: content_type.to_string(),
            ..Default::default()
        })
        .await
        .map_err(|e| match e {
            article_client::Error::Status(s) => s.code(),
            other => panic!("transport failure: {other}"),
        })
}

async fn still_serving(client: &Client) {
    assert_eq!(
        client.health("").await.expect("health"),
        ServingStatus::Serving
    );
    let ok = call(
        client,
        b"<p>still here and answering calls</p>".to_vec(),
        "",
    )
    .await;
    assert!(ok.is_ok(), "{ok:?}");
}

fn text_of(r: &Result<proto::ExtractArticleResponse, Code>) -> String {
    r.as_ref()
        .ok()
        .and_then(|r| r.article.as_ref())
        .map(|a| a.text.clone())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_structures_are_refused_fast() {
    let server = TestServer::start(|_| {}).await;
    let client = server.client().await;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("10^6 nested divs", "<div>".repeat(1_000_000).into_bytes()),
        ("10^5 nested lists", "<ul><li>".repeat(100_000).into_bytes()),
        ("10^5 attributes on one element", {
            let mut s = String::from("<div ");
            for i in 0..100_000 {
                s.push_str(&format!("data-a{i}=\"v\" "));
            }
            s.push_str(">x</div>");
            s.into_bytes()
        }),
    ];
    for (name, html) in cases {
        let started = Instant::now();
        let r = call(&client, html, "").await;
        assert_eq!(r.map(|_| ()), Err(Code::ResourceExhausted), "{name}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{name}: {:?}",
            started.elapsed()
        );
        still_serving(&client).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_inline_nesting_is_a_valid_result() {
    let server = TestServer::start(|_| {}).await;
    let client = server.client().await;
    let html = format!(
        "{}deep text{}",
        "<span>".repeat(200_000),
        "</span>".repeat(200_000)
    );
    let r = call(&client, html.into_bytes(), "").await;
    assert!(r.is_ok(), "{r:?}");
    still_serving(&client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_text_nodes() {
    let server = TestServer::start(|_| {}).await;
    let client = server.client().await;
    // 20 MB: over the default 16 MiB request limit.
    let mut big = b"<p>".to_vec();
    big.extend(std::iter::repeat_n(b'a', 20 * 1024 * 1024));
    assert_eq!(
        call(&client, big, "").await.map(|_| ()),
        Err(Code::ResourceExhausted)
    );
    still_serving(&client).await;
    // 8 MB of words in one text node: under the limit, a valid result.
    let mut words = b"<html><body><p>".to_vec();
    words.extend("lorem ipsum dolor ".repeat(8 * 1024 * 1024 / 18).bytes());
    let r = call(&client, words, "").await;
    assert!(r.is_ok(), "{r:?}");
    still_serving(&client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_encodings_give_valid_results() {
    let server = TestServer::start(|_| {}).await;
    let client = server.client().await;
    let para = "The river ferry carried sixty passengers across the water every single morning.";

    // Invalid UTF-8 inside a UTF-8 page: replacement characters, the rest intact.
    let mut bad = format!("<meta charset=utf-8><p>{para} ").into_bytes();
    bad.extend_from_slice(b"\xff\xfe\xc3\x28 tail</p>");
    let r = call(&client, bad, "").await;
    assert!(text_of(&r).contains("sixty passengers"), "{r:?}");

    // A wrong charset label: detection takes over.
    let r = call(
        &client,
        format!("<p>{para}</p>").into_bytes(),
        "text/html; charset=bogus-8",
    )
    .await;
    assert!(text_of(&r).contains("sixty passengers"), "{r:?}");

    // UTF-16 with a BOM.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in format!("<html><body><p>{para}</p></body></html>").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let r = call(&client, utf16, "").await;
    assert!(text_of(&r).contains("sixty passengers"), "{r:?}");

    // NUL bytes sprinkled through the page.
    let r = call(&client, format!("<p>{para}\0\0</p>\0").into_bytes(), "").await;
    let text = text_of(&r);
    assert!(
        text.contains("sixty passengers") && !text.contains('\0'),
        "{r:?}"
    );
    still_serving(&client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_payloads_are_invalid_arguments() {
    let server = TestServer::start(|_| {}).await;
    let client = server.client().await;
    for (name, bytes) in [
        ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec()),
        (
            "gzip",
            b"\x1f\x8b\x08\0\0\0\0\0\0\x03\xcb\x48\xcd\xc9\xc9\x07\0".to_vec(),
        ),
        ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec()),
    ] {
        assert_eq!(
            call(&client, bytes, "").await.map(|_| ()),
            Err(Code::InvalidArgument),
            "{name}"
        );
    }
    // Empty request and empty html without url.
    assert_eq!(
        call(&client, Vec::new(), "").await.map(|_| ()),
        Err(Code::InvalidArgument)
    );
    still_serving(&client).await;
}
