//! `article-eval`: the engine's evaluation and speed commands, run over dataset folders.
//!
//! - `article-eval aeb DIR` — body text against an AEB-layout dataset
//!   (`DIR/html/<id>.html.gz`, `DIR/ground-truth.json`), scored with the benchmark's metric.
//! - `article-eval headlines DIR` — ListHeadlines against truth files (`DIR/pages/*.html`,
//!   `DIR/truth/*.json` with `page_type: "listing"`).
//! - `article-eval speed DIR` — parse-only vs full extraction over the same pages, one core.
//! - `article-eval dump DIR --out FILE` — every output field per page, for output-neutral diffs.

mod aeb;
mod dump;
mod headlines;
mod heap;
mod speed;

use std::process::ExitCode;

#[global_allocator]
static ALLOC: heap::Counting = heap::Counting;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("aeb") => aeb::run(&args[1..]),
        Some("headlines") => headlines::run(&args[1..]),
        Some("speed") => speed::run(&args[1..]),
        Some("dump") => dump::run(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("article-eval: {msg}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str =
    "usage: article-eval aeb DIR [--out PRED.jsonl] [--min-f1 F] [--worst N] [--only URL-PART]
       article-eval headlines DIR [--min-recall R --min-precision P --min-group G]
       article-eval speed DIR [--rounds N]
       article-eval dump DIR --out FILE";
