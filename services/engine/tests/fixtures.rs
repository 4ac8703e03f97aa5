//! Golden fixtures: `fixtures/<slug>/source.html` + `expected.json`. Every key present in
//! expected.json is checked; absent keys are not. Keys: is_article, title, authors,
//! published_time (UTC instant), published_time_local, published_time_raw_contains,
//! modified_time, language, site_name, section, tags, canonical_url, lead_image {url, caption,
//! credit}, text (exact), text_contains, text_excludes, headline_groups {group: [{title, url}]}
//! (each listed group must match exactly, ranks 1..n in order), pagination_next,
//! lead_card {image_url, summary, published_time} (the first headline's card).

use serde_json::Value;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

fn eq(errs: &mut Vec<String>, what: &str, got: String, want: Option<&str>) {
    if let Some(w) = want
        && got != nfc(w)
    {
        errs.push(format!("{what}: got {got:?}, want {w:?}"));
    }
}

fn check(slug: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(slug);
    let html = std::fs::read(dir.join("source.html")).expect("source.html");
    let exp: Value =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("expected.json"))
            .expect("expected.json parses");
    let url = exp["url"].as_str();
    let input = article_engine::Input {
        html: &html,
        url,
        content_type: None,
    };
    let opts = article_engine::Options::default();
    let a = article_engine::extract(&input, &opts).expect("extract");
    let l = article_engine::list_headlines(&input, &opts).expect("list_headlines");
    let mut errs = Vec::new();
    eq(&mut errs, "title", a.title.clone(), exp["title"].as_str());
    eq(
        &mut errs,
        "language",
        a.language.clone(),
        exp["language"].as_str(),
    );
    eq(
        &mut errs,
        "site_name",
        a.site_name.clone(),
        exp["site_name"].as_str(),
    );
    eq(
        &mut errs,
        "section",
        a.section.clone(),
        exp["section"].as_str(),
    );
    eq(
        &mut errs,
        "canonical_url",
        a.canonical_url.clone(),
        exp["canonical_url"].as_str(),
    );
    eq(&mut errs, "text", a.text.clone(), exp["text"].as_str());
    eq(
        &mut errs,
        "published_time",
        a.published
            .as_ref()
            .map(|p| p.instant.to_string())
            .unwrap_or_default(),
        exp["published_time"].as_str(),
    );
    eq(
        &mut errs,
        "published_time_local",
        a.published
            .as_ref()
            .map(|p| p.local_rfc3339())
            .unwrap_or_default(),
        exp["published_time_local"].as_str(),
    );
    eq(
        &mut errs,
        "modified_time",
        a.modified
            .as_ref()
            .map(|p| p.instant.to_string())
            .unwrap_or_default(),
        exp["modified_time"].as_str(),
    );
    eq(
        &mut errs,
        "pagination_next",
        l.pagination_next.clone().unwrap_or_default(),
        exp["pagination_next"].as_str(),
    );
    if let Some(li) = exp.get("lead_image") {
        let img = a.lead_image.clone().unwrap_or_default();
        eq(&mut errs, "lead_image.url", img.url, li["url"].as_str());
        eq(
            &mut errs,
            "lead_image.caption",
            img.caption,
            li["caption"].as_str(),
        );
        eq(
            &mut errs,
            "lead_image.credit",
            img.credit,
            li["credit"].as_str(),
        );
    }
    if let Some(want) = exp["is_article"].as_bool()
        && a.is_article != want
    {
        errs.push(format!("is_article: got {}, want {want}", a.is_article));
    }
    for (key, got) in [("authors", &a.authors), ("tags", &a.tags)] {
        if let Some(want) = exp[key].as_array() {
            let want: Vec<String> = want.iter().filter_map(Value::as_str).map(nfc).collect();
            if *got != want {
                errs.push(format!("{key}: got {got:?}, want {want:?}"));
            }
        }
    }
    if let Some(raw) = exp["published_time_raw_contains"].as_str()
        && !a.published_raw.contains(&nfc(raw))
    {
        errs.push(format!(
            "published_time_raw {:?} lacks {raw:?}",
            a.published_raw
        ));
    }
    for s in exp["text_contains"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if !a.text.contains(&nfc(s)) {
            errs.push(format!("text lacks {s:?}"));
        }
    }
    // The same selection in the other two forms (a caption as <figcaption> and in italics).
    for (key, out) in [
        ("html_contains", &a.html),
        ("markdown_contains", &a.markdown),
    ] {
        for s in exp[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !out.contains(&nfc(s)) {
                errs.push(format!("{key}: output lacks {s:?}"));
            }
        }
    }
    for s in exp["text_excludes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if a.text.contains(&nfc(s)) {
            // Show where it was found, by chars (the text is not ASCII in every fixture).
            let at = a.text.find(&nfc(s)).unwrap_or(0);
            let before = a.text[..at].chars().count();
            let around: String = a
                .text
                .chars()
                .skip(before.saturating_sub(60))
                .take(s.chars().count() + 120)
                .collect();
            errs.push(format!("text must not contain {s:?} (in {around:?})"));
        }
    }
    if let Some(groups) = exp["headline_groups"].as_object() {
        for (group, items) in groups {
            let group = nfc(group);
            let got: Vec<&article_engine::Headline> =
                l.headlines.iter().filter(|h| h.group == group).collect();
            let want: Vec<(String, String)> = items
                .as_array()
                .into_iter()
                .flatten()
                .map(|i| {
                    (
                        nfc(i["title"].as_str().unwrap_or("")),
                        i["url"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect();
            let got_pairs: Vec<(String, String)> = got
                .iter()
                .map(|h| (h.title.clone(), h.url.clone()))
                .collect();
            if got_pairs != want {
                errs.push(format!(
                    "group {group:?}: got {got_pairs:#?}, want {want:#?}"
                ));
            }
            for (i, h) in got.iter().enumerate() {
                if h.rank as usize != i + 1 {
                    errs.push(format!(
                        "group {group:?}: rank {} at position {}",
                        h.rank,
                        i + 1
                    ));
                }
            }
        }
        let known: Vec<String> = groups.keys().map(|g| nfc(g)).collect();
        for h in &l.headlines {
            if !known.contains(&h.group) && slug != "kalbela-seed" {
                errs.push(format!(
                    "unexpected headline [{}] {:?} <{}>",
                    h.group, h.title, h.url
                ));
            }
        }
    }
    if let Some(card) = exp.get("lead_card") {
        let h = l.headlines.first().cloned().unwrap_or_default();
        eq(
            &mut errs,
            "lead_card.image_url",
            h.image_url,
            card["image_url"].as_str(),
        );
        eq(
            &mut errs,
            "lead_card.summary",
            h.summary,
            card["summary"].as_str(),
        );
        eq(
            &mut errs,
            "lead_card.published_time",
            h.published
                .map(|p| p.instant.to_string())
                .unwrap_or_default(),
            card["published_time"].as_str(),
        );
    }
    errs
}

#[test]
fn golden_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut slugs: Vec<String> = std::fs::read_dir(&root)
        .expect("fixtures dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("expected.json").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    assert!(slugs.len() >= 4, "fixtures: {slugs:?}");
    let mut failures = Vec::new();
    for slug in &slugs {
        for e in check(slug) {
            failures.push(format!("{slug}: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every fixture parses to the same tree whole and lean (without comments, script code and
/// style sheets, as `guard::scan` hands it to the parser).
#[test]
fn fixtures_parse_to_the_same_tree_lean() {
    use article_engine::guard;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(&root).expect("fixtures dir").flatten() {
        let Ok(html) = std::fs::read_to_string(entry.path().join("source.html")) else {
            continue;
        };
        let whole = guard::tree_signature(&scraper::Html::parse_document(&html));
        let lean = guard::tree_signature(&scraper::Html::parse_document(
            &guard::scan(&html, true).lean,
        ));
        assert!(whole == lean, "{}", entry.path().display());
        seen += 1;
    }
    assert!(seen >= 4, "only {seen} fixtures read");
}
