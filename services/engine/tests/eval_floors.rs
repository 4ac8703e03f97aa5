//! Regression floors on the shared evaluation sets (CI has `../shared` beside its clone).
//! Each check skips itself, saying so, when the dataset is not there (a user's clone).

use article_engine::eval;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: dataset not found at {}", p.display());
        None
    }
}

fn baseline() -> serde_json::Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval-baseline.json");
    serde_json::from_slice(&std::fs::read(p).expect("eval-baseline.json")).expect("valid JSON")
}

fn floor(b: &serde_json::Value, set: &str, key: &str) -> f64 {
    b[set][key]
        .as_f64()
        .unwrap_or_else(|| panic!("eval-baseline.json lacks {set}.{key}"))
}

#[test]
fn aeb_dev_body_f1_does_not_regress() {
    let Some(dir) = shared("aeb-dev") else { return };
    let pages = eval::load_aeb(&dir).expect("load aeb-dev");
    let rows: Vec<eval::Counts> = eval::run_aeb(&pages).into_iter().map(|r| r.2).collect();
    let s = eval::aggregate(&rows);
    let min = floor(&baseline(), "aeb_dev", "min_f1");
    eprintln!(
        "aeb-dev: {} pages, P {:.4} R {:.4} F1 {:.4} (floor {min})",
        rows.len(),
        s.precision,
        s.recall,
        s.f1
    );
    assert!(s.f1 >= min, "F1 {:.4} fell below the floor {min}", s.f1);
}

#[test]
fn bn_dev_headlines_do_not_regress() {
    let Some(dir) = shared("bn-dev") else { return };
    let pages = eval::listing::load(&dir).expect("load bn-dev");
    let mut total = eval::listing::Score::default();
    for page in &pages {
        let input = article_engine::Input {
            html: &page.html,
            url: Some(&page.url),
            content_type: None,
        };
        let list = article_engine::list_headlines(&input, &Default::default()).expect("list");
        total.add(&eval::listing::score(page, &list.headlines).0);
    }
    let b = baseline();
    eprintln!(
        "bn-dev headlines: recall {:.4} precision {:.4} group {:.4}",
        total.recall(),
        total.precision(),
        total.group_agreement()
    );
    assert!(total.recall() >= floor(&b, "bn_dev_headlines", "min_recall"));
    assert!(total.precision() >= floor(&b, "bn_dev_headlines", "min_precision"));
    assert!(total.group_agreement() >= floor(&b, "bn_dev_headlines", "min_group"));
}

#[test]
fn ukbdnews_article_metadata() {
    let Some(dir) = shared("bn-dev") else { return };
    let html = std::fs::read(dir.join("pages/ukbdnews-1.html")).expect("page");
    let input = article_engine::Input {
        html: &html,
        url: Some("https://ukbdnews.com/2020/08/23646/"),
        content_type: None,
    };
    let a = article_engine::extract(&input, &Default::default()).expect("extract");
    let want: String = "এমপির ভাইকে নিজ বাড়ির সামনেই কুপিয়ে হত্যা".nfc().collect();
    assert_eq!(a.title, want);
    assert!(
        a.authors.is_empty(),
        "the CMS username is no byline: {:?}",
        a.authors
    );
    let p = a.published.expect("published");
    assert_eq!(
        p.instant.to_string(),
        "2020-08-29T09:46:06Z",
        "the consistent majority wins"
    );
}

/// The parser gets each page without comments, script code and style sheets (`guard::scan`);
/// on every real page the tree must be the one the whole page gives, less those nodes.
#[test]
fn lean_pages_parse_to_the_same_tree() {
    use article_engine::{charset, guard};
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    if let Some(dir) = shared("aeb-dev") {
        let aeb = eval::load_aeb(&dir).expect("load aeb-dev");
        pages.extend(aeb.into_iter().map(|p| (p.id, p.html)));
    }
    if let Some(dir) = shared("bn-dev") {
        let bn = eval::listing::load(&dir).expect("load bn-dev");
        pages.extend(bn.into_iter().map(|p| (p.name, p.html)));
    }
    let mut cut = 0usize;
    let mut total = 0usize;
    for (name, html) in &pages {
        let text = charset::decode(html, None, None).expect("decode").text;
        let scan = guard::scan(&text, true);
        total += text.len();
        cut += text.len() - scan.lean.len();
        let whole = guard::tree_signature(&scraper::Html::parse_document(&text));
        let lean = guard::tree_signature(&scraper::Html::parse_document(&scan.lean));
        assert!(
            whole == lean,
            "{name}: the lean page parses to another tree"
        );
    }
    eprintln!(
        "{} pages: {cut} of {total} bytes left out of the parse",
        pages.len()
    );
}
