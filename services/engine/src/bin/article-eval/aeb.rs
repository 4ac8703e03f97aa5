//! `article-eval aeb DIR [--out PRED.jsonl] [--min-f1 F] [--worst N] [--only URL-PART]`

use article_engine::eval;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut out = None;
    let mut min_f1 = None;
    let mut worst = 10usize;
    let mut only: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = it.next().map(PathBuf::from),
            "--min-f1" => {
                min_f1 = Some(
                    it.next()
                        .and_then(|v| v.parse::<f64>().ok())
                        .ok_or("--min-f1 needs a number")?,
                )
            }
            // Score only the pages whose URL contains this text (to study one page).
            "--only" => only = it.next().cloned(),
            "--worst" => worst = it.next().and_then(|v| v.parse().ok()).unwrap_or(10),
            other if dir.is_none() => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let dir = dir.ok_or(
        "usage: article-eval aeb DIR [--out PRED.jsonl] [--min-f1 F] [--worst N] [--only URL-PART]",
    )?;
    let mut pages = eval::load_aeb(&dir)?;
    if let Some(part) = &only {
        pages.retain(|p| p.url.contains(part.as_str()));
    }
    let started = Instant::now();
    let results = eval::run_aeb(&pages);
    let elapsed = started.elapsed();
    let rows: Vec<eval::Counts> = results.iter().map(|r| r.2).collect();
    let s = eval::aggregate(&rows);
    if let Some(path) = out {
        let mut f = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (p, pred, _) in &results {
            let line = serde_json::json!({"id": p.id, "url": p.url, "articleBody": pred});
            writeln!(f, "{line}").map_err(|e| e.to_string())?;
        }
    }
    let mut per_page: Vec<(f64, &str, f64, f64)> = results
        .iter()
        .map(|(p, _, c)| {
            let prec = if c.tp + c.fp > 0 {
                c.tp as f64 / (c.tp + c.fp) as f64
            } else {
                0.0
            };
            let rec = if c.tp + c.fn_ > 0 {
                c.tp as f64 / (c.tp + c.fn_) as f64
            } else {
                0.0
            };
            let f = if prec + rec > 0.0 {
                2.0 * prec * rec / (prec + rec)
            } else {
                0.0
            };
            (f, p.url.as_str(), prec, rec)
        })
        .collect();
    per_page.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("worst pages (F1, P, R):");
    for (f, url, p, r) in per_page.iter().take(worst) {
        println!("  {f:.3} {p:.3} {r:.3}  {url}");
    }
    println!(
        "pages {}  precision {:.4}  recall {:.4}  F1 {:.4}  accuracy {:.4}  ({:.1} pages/s, debug builds are slower)",
        rows.len(),
        s.precision,
        s.recall,
        s.f1,
        s.accuracy,
        rows.len() as f64 / elapsed.as_secs_f64()
    );
    if let Some(min) = min_f1
        && s.f1 < min
    {
        return Err(format!("F1 {:.4} is below the floor {min}", s.f1));
    }
    Ok(())
}
