//! `article-eval dump DIR --out FILE`: every field of `extract` and `list_headlines` (timings
//! zeroed) for each page of an AEB-layout folder (or a `DIR/pages/*.html` folder), one line per
//! page, so that a change meant to be output-neutral can be checked with `diff`.

use article_engine::eval;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut out = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = it.next().map(PathBuf::from),
            other if dir.is_none() => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let usage = "usage: article-eval dump DIR --out FILE";
    let dir = dir.ok_or(usage)?;
    let out = out.ok_or(usage)?;
    let pages = load(&dir)?;
    let mut f = std::fs::File::create(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let options = article_engine::Options::default();
    for (name, url, html) in &pages {
        let input = article_engine::Input {
            html,
            url: (!url.is_empty()).then_some(url.as_str()),
            content_type: None,
        };
        let article = article_engine::extract(&input, &options).map(|mut a| {
            a.timings = Default::default();
            a
        });
        let list = article_engine::list_headlines(&input, &options).map(|mut l| {
            l.timings = Default::default();
            l
        });
        writeln!(f, "{name}\t{article:?}\t{list:?}").map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// (name, url, html) of every page: AEB layout, else `pages/*.html` with truth files' URLs.
fn load(dir: &Path) -> Result<Vec<(String, String, Vec<u8>)>, String> {
    if dir.join("pages").is_dir() {
        let pages = eval::listing::load(dir)?;
        return Ok(pages.into_iter().map(|p| (p.name, p.url, p.html)).collect());
    }
    let pages = eval::load_aeb(dir)?;
    Ok(pages.into_iter().map(|p| (p.id, p.url, p.html)).collect())
}
