//! `article-eval speed DIR [--rounds N]`: parse-only vs full extraction over the same pages, on
//! one thread, in one run (rounds alternate the two so that machine noise hits both alike), then
//! peak heap per page in an untimed pass.

use crate::heap;
use article_engine::eval;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub fn run(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut rounds = 5usize;
    let mut stages = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--stages" => stages = true,
            "--rounds" => {
                rounds = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--rounds needs a number")?
            }
            other if dir.is_none() => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let dir = dir.ok_or("usage: article-eval speed DIR [--rounds N]")?;
    let pages = eval::load_aeb(&dir)?;
    // Parse-only gets the decoded text, as the engine's parse step does.
    let texts: Vec<String> = pages
        .iter()
        .map(|p| String::from_utf8_lossy(&p.html).into_owned())
        .collect();
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let options = article_engine::Options::default();
    let mut parse_times: Vec<Duration> = Vec::new();
    let mut full_times: Vec<Duration> = Vec::new();
    let mut parse_total = Duration::ZERO;
    let mut full_total = Duration::ZERO;
    let mut headlines_total = Duration::ZERO;
    for _ in 0..rounds {
        for (p, text) in pages.iter().zip(&texts) {
            // The tree is dropped inside the timed region, as full extraction drops its own.
            let t = Instant::now();
            let doc = scraper::Html::parse_document(text);
            std::hint::black_box(&doc);
            drop(doc);
            let d = t.elapsed();
            parse_times.push(d);
            parse_total += d;

            let input = article_engine::Input {
                html: &p.html,
                url: Some(&p.url),
                content_type: None,
            };
            let t = Instant::now();
            let a = article_engine::extract(&input, &options);
            let d = t.elapsed();
            std::hint::black_box(&a);
            full_times.push(d);
            full_total += d;

            let t = Instant::now();
            let l = article_engine::list_headlines(&input, &options);
            headlines_total += t.elapsed();
            std::hint::black_box(&l);
        }
    }
    let n = (pages.len() * rounds) as f64;
    let mb = (bytes * rounds) as f64 / 1e6;
    let report = |name: &str, total: Duration, times: &mut Vec<Duration>| {
        times.sort();
        let pct = |q: f64| {
            times
                .get(((times.len() as f64 - 1.0) * q).round() as usize)
                .copied()
                .unwrap_or_default()
        };
        println!(
            "{name:<22} {:>8.1} pages/s  {:>7.1} MB/s  p50 {:>6.2} ms  p99 {:>6.2} ms",
            n / total.as_secs_f64(),
            mb / total.as_secs_f64(),
            pct(0.5).as_secs_f64() * 1e3,
            pct(0.99).as_secs_f64() * 1e3
        );
    };
    println!(
        "{} pages ({:.1} MB) x {rounds} rounds, one thread",
        pages.len(),
        bytes as f64 / 1e6
    );
    report("parse only (scraper)", parse_total, &mut parse_times);
    report("extract (full)", full_total, &mut full_times);
    println!(
        "{:<22} {:>8.1} pages/s",
        "list_headlines (full)",
        n / headlines_total.as_secs_f64()
    );
    // Full extraction parses the lean page (no comments, script code or style sheets), so its
    // time is not "the parse plus the rest": `--stages` splits it.
    println!(
        "full extraction / parse-only throughput: {:.2}  (full extraction takes {:.0}% of the parse-only time)",
        parse_total.as_secs_f64() / full_total.as_secs_f64(),
        full_total.as_secs_f64() / parse_total.as_secs_f64() * 100.0
    );
    // Peak heap per page, in an untimed pass (counting is off while timing).
    let mut parse_peak = Vec::new();
    let mut full_peak = Vec::new();
    for (p, text) in pages.iter().zip(&texts) {
        parse_peak.push(heap::peak_of(|| {
            drop(std::hint::black_box(scraper::Html::parse_document(text)))
        }));
        let input = article_engine::Input {
            html: &p.html,
            url: Some(&p.url),
            content_type: None,
        };
        full_peak.push(heap::peak_of(|| {
            drop(std::hint::black_box(article_engine::extract(
                &input, &options,
            )))
        }));
    }
    let peaks = |name: &str, v: &mut Vec<usize>| {
        v.sort_unstable();
        let mean = v.iter().sum::<usize>() as f64 / v.len().max(1) as f64;
        let p99 = v
            .get(((v.len() as f64 - 1.0) * 0.99).round() as usize)
            .copied()
            .unwrap_or_default();
        println!(
            "{name:<22} peak heap per page: mean {:>6.2} MB  p99 {:>6.2} MB  max {:>6.2} MB",
            mean / 1e6,
            p99 as f64 / 1e6,
            v.last().copied().unwrap_or_default() as f64 / 1e6
        );
    };
    peaks("parse only (scraper)", &mut parse_peak);
    peaks("extract (full)", &mut full_peak);
    println!("peak RSS: {}", peak_rss());
    if stages {
        stage_budget(&pages, rounds, parse_total);
    }
    Ok(())
}

/// `--stages`: wall time of each step of `extract`, run separately over the same pages, as a
/// share of the parse-only time measured above.
fn stage_budget(pages: &[eval::AebPage], rounds: usize, parse_total: Duration) {
    use article_engine::{body, charset, guard, metadata};
    let options = article_engine::Options::default();
    let names = [
        "decode",
        "pre-scan, cut, NFC",
        "parse+drop (lean)",
        "tree checks",
        "metadata",
        "body",
        "words, script, drop",
        "tree drop",
    ];
    let mut t = [Duration::ZERO; 8];
    for _ in 0..rounds {
        for p in pages {
            let input = article_engine::Input {
                html: &p.html,
                url: Some(&p.url),
                content_type: None,
            };
            let s = Instant::now();
            let Ok(d) = charset::decode_unnormalized(&p.html, None, None) else {
                continue;
            };
            let decode = s.elapsed();
            let s = Instant::now();
            let scan = std::hint::black_box(guard::scan(&d.text, true));
            let lean_text = std::hint::black_box(charset::nfc_cow(scan.lean));
            let pre_scan = s.elapsed();
            let s = Instant::now();
            drop(std::hint::black_box(scraper::Html::parse_document(
                &lean_text,
            )));
            let lean = s.elapsed();
            drop(lean_text);
            // parse() is decode + pre-scan + parse_document + the tree checks (element count,
            // <base>): the checks are what is left over.
            let s = Instant::now();
            let Ok(doc) = article_engine::parse(&input, &options) else {
                continue;
            };
            let whole = s.elapsed();
            t[0] += decode;
            t[1] += pre_scan;
            t[2] += lean;
            t[3] += whole.saturating_sub(decode + pre_scan + lean);
            let s = Instant::now();
            let meta = metadata::extract(&doc.html, &doc.ctx, &options);
            t[4] += s.elapsed();
            let s = Instant::now();
            let b = body::extract(&doc.html, &doc.ctx, &meta, &options);
            t[5] += s.elapsed();
            let s = Instant::now();
            std::hint::black_box(article_engine::count_words(&b.text));
            std::hint::black_box(metadata::script_contradicts(&meta.language, &b.text));
            drop(b);
            drop(meta);
            t[6] += s.elapsed();
            let s = Instant::now();
            drop(doc);
            t[7] += s.elapsed();
        }
    }
    println!("stage budget (wall time, share of parse-only time):");
    let share = |d: Duration| d.as_secs_f64() / parse_total.as_secs_f64() * 100.0;
    for (name, d) in names.iter().zip(t) {
        println!("  {name:<20} {:>5.1} %", share(d));
    }
    // Parse-only times a parse and its tree's drop; "parse+drop (lean)" is the same for the
    // lean page, so the extraction's own tree drop is not counted again in what is left.
    let rest: Duration = t.iter().sum::<Duration>() - t[2] - t[7];
    println!(
        "  = parsing the lean page {:.1} % of the whole page's parse; everything else {:.1} %",
        share(t[2]),
        share(rest)
    );
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}
