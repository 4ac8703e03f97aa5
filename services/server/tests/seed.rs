//! The page this project started from — a Kalbela article (fixture built from the site's real
//! structure, ../shared/data/bn-dev/KALBELA.md, and the seed page's text) — end to end through
//! gRPC: every field the first users rely on must come back exactly right.

mod common;

use common::TestServer;
use std::path::Path;

fn fixture() -> (Vec<u8>, serde_json::Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/kalbela-seed");
    let html = std::fs::read(dir.join("source.html")).expect("fixture source.html");
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("expected.json"))
            .expect("expected.json parses");
    (html, expected)
}

fn s<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("expected.json has {key}"))
}

#[tokio::test]
async fn kalbela_seed_article_comes_back_exactly_right() {
    let (html, exp) = fixture();
    let server = TestServer::start(|_| {}).await;
    let client = server.client().await;
    let resp = client
        .extract_article(html, s(&exp, "url"))
        .await
        .expect("ExtractArticle");
    assert!(resp.is_article);
    let a = resp.article.expect("article");
    assert_eq!(a.title, s(&exp, "title"));
    assert_eq!(
        a.authors,
        vec![exp["authors"][0].as_str().unwrap_or_default()]
    );
    let published = a.published_time.expect("published_time");
    let want: jiff::Timestamp = s(&exp, "published_time").parse().expect("timestamp");
    assert_eq!(published.seconds, want.as_second());
    assert_eq!(a.published_time_local, s(&exp, "published_time_local"));
    assert!(
        a.published_time_raw
            .contains(s(&exp, "published_time_raw_contains")),
        "raw: {:?}",
        a.published_time_raw
    );
    assert_eq!(a.language, s(&exp, "language"));
    assert_eq!(a.site_name, s(&exp, "site_name"));
    assert_eq!(a.canonical_url, s(&exp, "canonical_url"));
    let img = a.lead_image.expect("lead image");
    assert_eq!(img.url, s(&exp["lead_image"], "url"));
    assert_eq!(img.caption, s(&exp["lead_image"], "caption"));
    assert_eq!(img.credit, s(&exp["lead_image"], "credit"));
    assert_eq!(a.text, s(&exp, "text"));
    for bad in exp["text_excludes"].as_array().expect("text_excludes") {
        let bad = bad.as_str().unwrap_or_default();
        assert!(!a.text.contains(bad), "text must not contain {bad:?}");
    }
}

#[tokio::test]
async fn kalbela_seed_sidebar_lists_latest_and_popular_in_order() {
    let (html, exp) = fixture();
    let server = TestServer::start(|_| {}).await;
    let client = server.client().await;
    let resp = client
        .list_headlines(html, s(&exp, "url"))
        .await
        .expect("ListHeadlines");
    let groups = exp["headline_groups"].as_object().expect("headline_groups");
    assert_eq!(groups.len(), 2);
    for (group, items) in groups {
        let got: Vec<_> = resp
            .headlines
            .iter()
            .filter(|h| &h.group == group)
            .collect();
        let items = items.as_array().expect("items");
        assert_eq!(got.len(), items.len(), "group {group}: {got:#?}");
        for (rank, (h, want)) in got.iter().zip(items).enumerate() {
            assert_eq!(h.rank as usize, rank + 1, "{group} rank");
            assert_eq!(h.title, s(want, "title"), "{group} #{}", rank + 1);
            assert_eq!(h.url, s(want, "url"), "{group} #{}", rank + 1);
        }
    }
}
