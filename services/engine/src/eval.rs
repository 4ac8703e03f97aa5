//! Evaluation helpers shared by `article-eval` and the CI floor tests: the article-extraction
//! benchmark's body metric and a loader for datasets in its layout. Not used on the request path.
//!
//! Metric (as the benchmark defines it): tokens are maximal runs of word characters (Python's
//! `\w`: letters, digits, underscore — not combining marks); each text becomes a multiset of
//! token 4-grams; per page, precision = shared / predicted and recall = shared / truth; the
//! corpus figures are macro averages (precision only over pages with a prediction), and
//! F1 = 2PR / (P + R) of those averages.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

const SHINGLE: usize = 4;

fn is_word_char(c: char) -> bool {
    c == '_'
        || matches!(
            c.general_category_group(),
            GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
        )
}

/// Word tokens of `text`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(toks: &'a [&'a str]) -> HashMap<&'a [&'a str], u32> {
    let mut bag = HashMap::new();
    if toks.is_empty() {
        return bag;
    }
    if toks.len() < SHINGLE {
        bag.insert(toks, 1);
        return bag;
    }
    for w in toks.windows(SHINGLE) {
        *bag.entry(w).or_insert(0) += 1;
    }
    bag
}

/// One page's shingle counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
    pub exact: bool,
}

pub fn page_counts(truth: &str, pred: &str) -> Counts {
    let tt = tokens(truth);
    let pt = tokens(pred);
    let tb = shingles(&tt);
    let pb = shingles(&pt);
    let tp: u64 = pb
        .iter()
        .map(|(k, &n)| u64::from(n.min(tb.get(k).copied().unwrap_or(0))))
        .sum();
    let p_total: u64 = pb.values().map(|&n| u64::from(n)).sum();
    let t_total: u64 = tb.values().map(|&n| u64::from(n)).sum();
    Counts {
        tp,
        fp: p_total - tp,
        fn_: t_total - tp,
        exact: tt == pt,
    }
}

/// Corpus figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
}

pub fn aggregate(rows: &[Counts]) -> Scores {
    let precs: Vec<f64> = rows
        .iter()
        .filter(|r| r.tp + r.fp > 0)
        .map(|r| r.tp as f64 / (r.tp + r.fp) as f64)
        .collect();
    let recs: Vec<f64> = rows
        .iter()
        .filter(|r| r.tp + r.fn_ > 0)
        .map(|r| r.tp as f64 / (r.tp + r.fn_) as f64)
        .collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (p, r) = (mean(&precs), mean(&recs));
    Scores {
        precision: p,
        recall: r,
        f1: if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
        accuracy: if rows.is_empty() {
            0.0
        } else {
            rows.iter().filter(|r| r.exact).count() as f64 / rows.len() as f64
        },
    }
}

/// One page of an AEB-layout dataset.
pub struct AebPage {
    pub id: String,
    pub url: String,
    pub html: Vec<u8>,
    pub truth: String,
}

/// Loads `DIR/ground-truth.json` and `DIR/html/<id>.html.gz`, sorted by id.
pub fn load_aeb(dir: &Path) -> Result<Vec<AebPage>, String> {
    let gt_path = dir.join("ground-truth.json");
    let raw = std::fs::read(&gt_path).map_err(|e| format!("{}: {e}", gt_path.display()))?;
    let gt: serde_json::Value =
        serde_json::from_slice(&raw).map_err(|e| format!("{}: {e}", gt_path.display()))?;
    let obj = gt
        .as_object()
        .ok_or_else(|| format!("{}: not an object", gt_path.display()))?;
    let mut pages = Vec::with_capacity(obj.len());
    for (id, v) in obj {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let gz = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_end(&mut html)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        pages.push(AebPage {
            id: id.clone(),
            url: v
                .get("url")
                .and_then(|u| u.as_str())
                .unwrap_or("")
                .to_string(),
            html,
            truth: v
                .get("articleBody")
                .and_then(|b| b.as_str())
                .unwrap_or("")
                .to_string(),
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// Extracts every page and scores it: (page, prediction, counts).
pub fn run_aeb(pages: &[AebPage]) -> Vec<(&AebPage, String, Counts)> {
    let options = crate::Options::default();
    pages
        .iter()
        .map(|p| {
            let input = crate::Input {
                html: &p.html,
                url: (!p.url.is_empty()).then_some(p.url.as_str()),
                content_type: None,
            };
            let pred = crate::extract(&input, &options)
                .map(|a| a.text)
                .unwrap_or_default();
            let counts = page_counts(&p.truth, &pred);
            (p, pred, counts)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_pythons_word_class() {
        assert_eq!(
            tokens("Hello, world_2! It's"),
            vec!["Hello", "world_2", "It", "s"]
        );
        // Bengali vowel signs are combining marks: Python's \w splits on them.
        assert_eq!(tokens("কিম"), vec!["ক", "ম"]);
    }

    #[test]
    fn metric_matches_the_definition() {
        let c = page_counts("a b c d e", "a b c d x");
        assert_eq!((c.tp, c.fp, c.fn_), (1, 1, 1));
        let s = aggregate(&[c, page_counts("a b c d", "")]);
        assert!((s.precision - 0.5).abs() < 1e-9);
        assert!((s.recall - 0.25).abs() < 1e-9);
        assert_eq!(page_counts("one two", "one two").tp, 1);
    }
}

/// ListHeadlines scoring against truth files in the bn-dev layout (`pages/<name>.html`,
/// `truth/<name>.json` with `page_type: "listing"`, `page_url` and `headlines: [{title, url,
/// group}]`). Titles compare after NFC and whitespace collapsing, URLs after percent-decoding.
/// Truth files may cover only some of a page's lists, so precision counts the predictions in
/// the groups the truth covers.
pub mod listing {
    use std::path::Path;
    use unicode_normalization::UnicodeNormalization;

    pub struct Page {
        pub name: String,
        pub url: String,
        pub html: Vec<u8>,
        pub truth: Vec<(String, String, String)>,
    }

    #[derive(Debug, Default, Clone, Copy)]
    pub struct Score {
        pub truth: usize,
        pub predicted_in_scope: usize,
        pub matched: usize,
        pub same_group: usize,
    }

    impl Score {
        pub fn recall(&self) -> f64 {
            ratio(self.matched, self.truth)
        }
        pub fn precision(&self) -> f64 {
            ratio(self.matched, self.predicted_in_scope)
        }
        pub fn group_agreement(&self) -> f64 {
            ratio(self.same_group, self.matched)
        }
        pub fn add(&mut self, o: &Score) {
            self.truth += o.truth;
            self.predicted_in_scope += o.predicted_in_scope;
            self.matched += o.matched;
            self.same_group += o.same_group;
        }
    }

    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 { 1.0 } else { a as f64 / b as f64 }
    }

    pub fn norm_title(t: &str) -> String {
        crate::dom::collapse_ws(&t.nfc().collect::<String>())
    }

    pub fn norm_url(u: &str) -> String {
        let decoded = {
            let b = u.trim().as_bytes();
            let mut out = Vec::with_capacity(b.len());
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'%'
                    && i + 2 < b.len()
                    && let Ok(x) = u8::from_str_radix(&u[i + 1..i + 3], 16)
                {
                    out.push(x);
                    i += 3;
                    continue;
                }
                out.push(b[i]);
                i += 1;
            }
            String::from_utf8_lossy(&out).into_owned()
        };
        let d: String = decoded.nfc().collect();
        let d = d.trim_end_matches('/');
        d.strip_prefix("https://")
            .or_else(|| d.strip_prefix("http://"))
            .unwrap_or(d)
            .to_lowercase()
    }

    pub fn load(dir: &Path) -> Result<Vec<Page>, String> {
        let truth_dir = dir.join("truth");
        let mut names: Vec<_> = std::fs::read_dir(&truth_dir)
            .map_err(|e| format!("{}: {e}", truth_dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        names.sort();
        let mut pages = Vec::new();
        for p in names {
            let raw = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let v: serde_json::Value =
                serde_json::from_slice(&raw).map_err(|e| format!("{}: {e}", p.display()))?;
            if v.get("page_type").and_then(|t| t.as_str()) != Some("listing") {
                continue;
            }
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let html_path = dir.join("pages").join(format!("{name}.html"));
            let html =
                std::fs::read(&html_path).map_err(|e| format!("{}: {e}", html_path.display()))?;
            let truth = v
                .get("headlines")
                .and_then(|h| h.as_array())
                .map(|items| {
                    items
                        .iter()
                        .map(|h| {
                            let s = |k: &str| {
                                h.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string()
                            };
                            (s("title"), s("url"), s("group"))
                        })
                        .collect()
                })
                .unwrap_or_default();
            pages.push(Page {
                name,
                url: v
                    .get("page_url")
                    .and_then(|u| u.as_str())
                    .unwrap_or("")
                    .to_string(),
                html,
                truth,
            });
        }
        Ok(pages)
    }

    /// Scores one page; also returns (misses, false positives) for reports.
    pub fn score(page: &Page, predicted: &[crate::Headline]) -> (Score, Vec<String>, Vec<String>) {
        let groups: std::collections::HashSet<String> =
            page.truth.iter().map(|t| norm_title(&t.2)).collect();
        let preds: Vec<(String, String, String)> = predicted
            .iter()
            .map(|h| (norm_title(&h.title), norm_url(&h.url), norm_title(&h.group)))
            .collect();
        let in_scope: Vec<usize> = (0..preds.len())
            .filter(|&i| groups.contains(&preds[i].2))
            .collect();
        let mut used = vec![false; preds.len()];
        let mut s = Score {
            truth: page.truth.len(),
            predicted_in_scope: in_scope.len(),
            ..Default::default()
        };
        let mut misses = Vec::new();
        for (t, u, g) in &page.truth {
            let (t, u, g) = (norm_title(t), norm_url(u), norm_title(g));
            let same = (0..preds.len())
                .find(|&i| !used[i] && preds[i].0 == t && preds[i].1 == u && preds[i].2 == g);
            let any = same.or_else(|| {
                (0..preds.len()).find(|&i| !used[i] && preds[i].0 == t && preds[i].1 == u)
            });
            match any {
                Some(i) => {
                    used[i] = true;
                    s.matched += 1;
                    if preds[i].2 == g {
                        s.same_group += 1;
                    } else {
                        misses.push(format!("group [{}] should be [{g}]: {t}", preds[i].2));
                    }
                }
                None => misses.push(format!("[{g}] {t} <{u}>")),
            }
        }
        // Matches found outside the truth's groups still count as matched, so count them in
        // scope too.
        let extra = (0..preds.len())
            .filter(|&i| used[i] && !groups.contains(&preds[i].2))
            .count();
        s.predicted_in_scope += extra;
        let false_pos = in_scope
            .iter()
            .filter(|&&i| !used[i])
            .map(|&i| format!("[{}] {} <{}>", preds[i].2, preds[i].0, preds[i].1))
            .collect();
        (s, misses, false_pos)
    }
}
