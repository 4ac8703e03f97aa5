//! `article-load`: a bounded gRPC load generator for article-server.
//!
//!   article-load --addr 127.0.0.1:50051 --pages ../shared/data/aeb-dev --concurrency 1,2,8,64 --seconds 10
//!
//! For each concurrency level it runs that many callers for a fixed time (and at most
//! `--max-calls` calls), cycling over the pages, and prints calls/s, pages/s of successful
//! extractions and p50/p99 latency of accepted calls and of rejections, by status code.

use article_client::proto;
use clap::Parser;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(name = "article-load", about = "Bounded load test for article-server")]
struct Args {
    /// Server address.
    #[arg(long, default_value = "127.0.0.1:50051")]
    addr: String,
    /// Pages: a folder (its `html/` subfolder or itself; *.html and *.html.gz) or one file.
    #[arg(long)]
    pages: PathBuf,
    /// Comma-separated concurrency levels.
    #[arg(long, default_value = "1,2,8,64", value_delimiter = ',')]
    concurrency: Vec<usize>,
    /// Seconds per level.
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Upper bound on calls per level.
    #[arg(long, default_value_t = 1_000_000)]
    max_calls: u64,
    /// HTTP/2 connections to spread callers over.
    #[arg(long, default_value_t = 1)]
    connections: usize,
    /// RPC: extract or headlines.
    #[arg(long, default_value = "extract")]
    rpc: String,
    /// Per-call deadline in milliseconds.
    #[arg(long, default_value_t = 30_000)]
    timeout_ms: u64,
}

/// One level's outcome.
#[derive(Default)]
pub struct LevelReport {
    pub calls: u64,
    pub ok_latencies: Vec<Duration>,
    pub errors: BTreeMap<String, Vec<Duration>>,
    pub elapsed: Duration,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let pages = match load_pages(&args.pages) {
        Ok(p) if !p.is_empty() => Arc::new(p),
        Ok(_) => {
            eprintln!("article-load: no pages found in {}", args.pages.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("article-load: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("article-load: {e}");
            return ExitCode::FAILURE;
        }
    };
    let total_bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    println!(
        "pages: {} ({:.1} MB), rpc {}, {} s per level, {} connection(s)",
        pages.len(),
        total_bytes as f64 / 1e6,
        args.rpc,
        args.seconds,
        args.connections
    );
    println!(
        "{:>6} {:>8} {:>9} {:>9} {:>9} {:>9}  rejections",
        "conc", "calls", "ok/s", "MB/s", "p50 ms", "p99 ms"
    );
    for &c in &args.concurrency {
        let report = match runtime.block_on(run_level(&args, Arc::clone(&pages), c)) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("article-load: {e}");
                return ExitCode::FAILURE;
            }
        };
        print_level(c, &report, total_bytes as f64 / pages.len() as f64);
    }
    ExitCode::SUCCESS
}

fn print_level(concurrency: usize, r: &LevelReport, mean_page_bytes: f64) {
    let secs = r.elapsed.as_secs_f64().max(1e-9);
    let mut ok = r.ok_latencies.clone();
    ok.sort();
    let ok_per_s = ok.len() as f64 / secs;
    let rejections = r
        .errors
        .iter()
        .map(|(code, lat)| {
            let mut lat = lat.clone();
            lat.sort();
            format!(
                "{code}: {} (p50 {:.2} ms, p99 {:.2} ms)",
                lat.len(),
                ms(percentile(&lat, 0.50)),
                ms(percentile(&lat, 0.99))
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    println!(
        "{:>6} {:>8} {:>9.1} {:>9.2} {:>9.2} {:>9.2}  {}",
        concurrency,
        r.calls,
        ok_per_s,
        ok_per_s * mean_page_bytes / 1e6,
        ms(percentile(&ok, 0.50)),
        ms(percentile(&ok, 0.99)),
        if rejections.is_empty() {
            "none".to_string()
        } else {
            rejections
        }
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

async fn run_level(
    args: &Args,
    pages: Arc<Vec<(String, Vec<u8>)>>,
    concurrency: usize,
) -> Result<LevelReport, String> {
    let mut clients = Vec::new();
    for _ in 0..args.connections.max(1) {
        let c = article_client::connect(&args.addr)
            .await
            .map_err(|e| e.to_string())?
            .with_timeout(Duration::from_millis(args.timeout_ms));
        clients.push(c);
    }
    let deadline = Instant::now() + Duration::from_secs_f64(args.seconds);
    let budget = Arc::new(std::sync::atomic::AtomicU64::new(args.max_calls));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let client = clients[worker % clients.len()].clone();
        let pages = Arc::clone(&pages);
        let budget = Arc::clone(&budget);
        let headlines = args.rpc == "headlines";
        tasks.push(tokio::spawn(async move {
            let mut report = LevelReport::default();
            let mut i = worker;
            while Instant::now() < deadline {
                if budget
                    .fetch_update(
                        std::sync::atomic::Ordering::Relaxed,
                        std::sync::atomic::Ordering::Relaxed,
                        |b| b.checked_sub(1),
                    )
                    .is_err()
                {
                    break;
                }
                let (url, html) = &pages[i % pages.len()];
                i += concurrency;
                let t = Instant::now();
                let result = if headlines {
                    client
                        .headlines(proto::ListHeadlinesRequest {
                            html: html.clone(),
                            url: url.clone(),
                            ..Default::default()
                        })
                        .await
                        .map(|_| ())
                } else {
                    client
                        .extract(proto::ExtractArticleRequest {
                            html: html.clone(),
                            url: url.clone(),
                            ..Default::default()
                        })
                        .await
                        .map(|_| ())
                };
                let took = t.elapsed();
                report.calls += 1;
                match result {
                    Ok(()) => report.ok_latencies.push(took),
                    Err(article_client::Error::Status(s)) => report
                        .errors
                        .entry(format!("{:?}", s.code()))
                        .or_default()
                        .push(took),
                    Err(e) => report.errors.entry(e.to_string()).or_default().push(took),
                }
            }
            report
        }));
    }
    let mut total = LevelReport::default();
    for t in tasks {
        let r = t.await.map_err(|e| e.to_string())?;
        total.calls += r.calls;
        total.ok_latencies.extend(r.ok_latencies);
        for (k, v) in r.errors {
            total.errors.entry(k).or_default().extend(v);
        }
    }
    total.elapsed = started.elapsed();
    Ok(total)
}

/// (url, html bytes) for every page: AEB layout (`html/*.html.gz` + `ground-truth.json` urls) or
/// plain files.
fn load_pages(path: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    if path.is_file() {
        return Ok(vec![(String::new(), read_page(path)?)]);
    }
    let urls: BTreeMap<String, String> = std::fs::read(path.join("ground-truth.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v.as_object().cloned())
        .map(|o| {
            o.into_iter()
                .filter_map(|(k, v)| Some((k, v.get("url")?.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let dir = if path.join("html").is_dir() {
        path.join("html")
    } else {
        path.to_path_buf()
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".html") || n.ends_with(".html.gz")
        })
        .collect();
    entries.sort();
    entries
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let id = name
                .trim_end_matches(".gz")
                .trim_end_matches(".html")
                .to_string();
            Ok((urls.get(&id).cloned().unwrap_or_default(), read_page(p)?))
        })
        .collect()
}

fn read_page(p: &Path) -> Result<Vec<u8>, String> {
    let raw = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
    if p.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| format!("{}: {e}", p.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}
