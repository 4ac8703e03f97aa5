//! `article-eval headlines DIR [--min-recall R] [--min-precision P] [--min-group G] [--show N]`

use article_engine::eval::listing;
use std::path::PathBuf;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let (mut min_r, mut min_p, mut min_g) = (None, None, None);
    let mut show = 5usize;
    let mut it = args.iter();
    let num = |v: Option<&String>, flag: &str| -> Result<f64, String> {
        v.and_then(|x| x.parse().ok())
            .ok_or(format!("{flag} needs a number"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--min-recall" => min_r = Some(num(it.next(), a)?),
            "--min-precision" => min_p = Some(num(it.next(), a)?),
            "--min-group" => min_g = Some(num(it.next(), a)?),
            "--show" => show = num(it.next(), a)? as usize,
            other if dir.is_none() => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let dir = dir.ok_or("usage: article-eval headlines DIR")?;
    let pages = listing::load(&dir)?;
    let mut total = listing::Score::default();
    let options = article_engine::Options::default();
    for page in &pages {
        let input = article_engine::Input {
            html: &page.html,
            url: Some(&page.url),
            content_type: None,
        };
        let list = article_engine::list_headlines(&input, &options).map_err(|e| e.to_string())?;
        let (s, misses, fps) = listing::score(page, &list.headlines);
        println!(
            "{:<22} truth {:>4}  predicted {:>4} (all {:>4})  recall {:.3}  precision {:.3}  group {:.3}",
            page.name,
            s.truth,
            s.predicted_in_scope,
            list.headlines.len(),
            s.recall(),
            s.precision(),
            s.group_agreement()
        );
        for m in misses.iter().take(show) {
            println!("    miss  {m}");
        }
        for f in fps.iter().take(show) {
            println!("    extra {f}");
        }
        total.add(&s);
    }
    println!(
        "overall: pages {}  recall {:.4}  precision {:.4}  group agreement {:.4}",
        pages.len(),
        total.recall(),
        total.precision(),
        total.group_agreement()
    );
    for (name, floor, got) in [
        ("recall", min_r, total.recall()),
        ("precision", min_p, total.precision()),
        ("group agreement", min_g, total.group_agreement()),
    ] {
        if let Some(f) = floor
            && got < f
        {
            return Err(format!("{name} {got:.4} is below the floor {f}"));
        }
    }
    Ok(())
}
