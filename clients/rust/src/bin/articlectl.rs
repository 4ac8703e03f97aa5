//! `articlectl`: call an article-server from the shell.
//!
//!   articlectl extract page.html --url https://example.com/story
//!   curl -s https://example.com/ | articlectl headlines - --url https://example.com/
//!   articlectl health

use article_client::{Error, proto, to_json};
use clap::{Parser, Subcommand};
use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "articlectl",
    version,
    about = "Client for article-server (article.v1)"
)]
struct Cli {
    /// Server address, host:port or http://host:port.
    #[arg(
        long,
        env = "ARTICLE_ADDR",
        default_value = "127.0.0.1:50051",
        global = true
    )]
    addr: String,

    /// Deadline for the call, in milliseconds.
    #[arg(
        long,
        env = "ARTICLE_TIMEOUT_MS",
        default_value_t = 30_000,
        global = true
    )]
    timeout_ms: u64,

    /// PEM CA certificate to verify a TLS server with (enables TLS).
    #[arg(long, env = "ARTICLE_TLS_CA", global = true)]
    tls_ca: Option<std::path::PathBuf>,

    /// PEM client certificate, for servers that require mutual TLS (with --tls-key).
    #[arg(long, env = "ARTICLE_TLS_CERT", global = true, requires = "tls_key")]
    tls_cert: Option<std::path::PathBuf>,

    /// PEM client key.
    #[arg(long, env = "ARTICLE_TLS_KEY", global = true, requires = "tls_cert")]
    tls_key: Option<std::path::PathBuf>,

    /// Server name to verify, when it differs from the address's host.
    #[arg(long, global = true)]
    tls_domain: Option<String>,

    /// File holding the bearer token to send (or set ARTICLE_TOKEN).
    #[arg(long, env = "ARTICLE_TOKEN_FILE", global = true)]
    token_file: Option<std::path::PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the article from an HTML file (or - for standard input); prints protobuf JSON.
    /// With several files, streams them all over one ExtractArticles call and prints one JSON
    /// object per line (id = the file name), in order. With --url and no file, the server
    /// fetches the page (it must run with --allow-fetch).
    Extract {
        /// HTML files, or - for standard input.
        #[arg(required_unless_present = "url", num_args = 0..)]
        files: Vec<String>,
        /// The page's address (one file only: base for relative links, time-zone hint; alone,
        /// the page the server fetches).
        #[arg(long, default_value = "")]
        url: String,
        /// The HTTP Content-Type the page was served with (charset hint).
        #[arg(long, default_value = "")]
        content_type: String,
        /// IANA zone for dates printed without an offset, e.g. Asia/Dhaka.
        #[arg(long, default_value = "")]
        time_zone: String,
    },
    /// List the headlines of an HTML file (or -); prints protobuf JSON. With --url and no file,
    /// the server fetches the page (it must run with --allow-fetch).
    Headlines {
        #[command(flatten)]
        page: PageArgs,
        /// Return every link, not only story links.
        #[arg(long)]
        all_links: bool,
    },
    /// Check the server's health ("" = whole server, or a service name).
    Health {
        #[arg(long, default_value = "")]
        service: String,
    },
}

#[derive(clap::Args)]
struct PageArgs {
    /// The HTML file, or - to read standard input.
    #[arg(required_unless_present = "url")]
    file: Option<String>,
    /// The page's address (base for relative links, time-zone hint; alone, the page the server
    /// fetches).
    #[arg(long, default_value = "")]
    url: String,
    /// The HTTP Content-Type the page was served with (charset hint).
    #[arg(long, default_value = "")]
    content_type: String,
    /// IANA zone for dates printed without an offset, e.g. Asia/Dhaka.
    #[arg(long, default_value = "")]
    time_zone: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("articlectl: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("articlectl: {msg}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<String, String> {
    // Read the input before connecting, so a missing file is reported as such.
    let pages: Vec<Vec<u8>> = match &cli.command {
        Command::Extract { files, .. } => files
            .iter()
            .map(|f| read_page(f))
            .collect::<Result<_, _>>()?,
        Command::Headlines { page: p, .. } => match &p.file {
            Some(f) => vec![read_page(f)?],
            None => Vec::new(),
        },
        Command::Health { .. } => Vec::new(),
    };
    let options = connect_options(&cli)?;
    let client = article_client::connect_with(&cli.addr, &options)
        .await
        .map_err(|e| chain(&e))?
        .with_timeout(Duration::from_millis(cli.timeout_ms));
    let mut pages = pages.into_iter();
    let result: Result<String, Error> = match cli.command {
        Command::Extract {
            files,
            url,
            content_type,
            time_zone,
        } if files.len() > 1 => {
            let requests: Vec<_> = files
                .into_iter()
                .zip(pages)
                .map(|(id, html)| proto::ExtractArticlesRequest {
                    id,
                    request: Some(proto::ExtractArticleRequest {
                        html,
                        url: url.clone(),
                        content_type: content_type.clone(),
                        default_time_zone: time_zone.clone(),
                        ..Default::default()
                    }),
                })
                .collect();
            extract_stream(&client, requests).await
        }
        Command::Extract {
            url,
            content_type,
            time_zone,
            ..
        } => client
            .extract(proto::ExtractArticleRequest {
                html: pages.next().unwrap_or_default(),
                url,
                content_type,
                default_time_zone: time_zone,
                ..Default::default()
            })
            .await
            .and_then(|r| to_json(&r)),
        Command::Headlines { page: p, all_links } => client
            .headlines(proto::ListHeadlinesRequest {
                html: pages.next().unwrap_or_default(),
                url: p.url,
                content_type: p.content_type,
                default_time_zone: p.time_zone,
                all_links,
                ..Default::default()
            })
            .await
            .and_then(|r| to_json(&r)),
        Command::Health { service } => client
            .health(&service)
            .await
            .map(|s| format!("{{\n  \"status\": \"{}\"\n}}", s.as_str())),
    };
    result.map_err(|e| chain(&e))
}

/// Streams the pages and renders one compact JSON line per result, in order.
async fn extract_stream(
    client: &article_client::Client,
    requests: Vec<proto::ExtractArticlesRequest>,
) -> Result<String, Error> {
    let mut stream = client.extract_many(requests).await?;
    let mut lines = Vec::new();
    while let Some(item) = stream.message().await? {
        let pretty = to_json(&item)?;
        let compact = serde_json::from_str::<serde_json::Value>(&pretty)
            .map(|v| v.to_string())
            .unwrap_or(pretty);
        lines.push(compact);
    }
    Ok(lines.join("\n"))
}

/// The error and its causes on one line ("transport error: ... Connection refused").
fn chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let s = c.to_string();
        if !msg.contains(&s) {
            msg.push_str(": ");
            msg.push_str(&s);
        }
        cause = c.source();
    }
    msg
}

fn connect_options(cli: &Cli) -> Result<article_client::ConnectOptions, String> {
    let read = |p: &std::path::Path| {
        std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
    };
    let tls = if cli.tls_ca.is_some() || cli.tls_cert.is_some() {
        Some(article_client::TlsOptions {
            ca_pem: cli.tls_ca.as_deref().map(read).transpose()?,
            identity_pem: match (&cli.tls_cert, &cli.tls_key) {
                (Some(c), Some(k)) => Some((read(c)?, read(k)?)),
                _ => None,
            },
            domain: cli.tls_domain.clone(),
        })
    } else {
        None
    };
    let token = match &cli.token_file {
        Some(p) => Some(String::from_utf8_lossy(&read(p)?).trim().to_string()),
        None => std::env::var("ARTICLE_TOKEN")
            .ok()
            .filter(|t| !t.trim().is_empty()),
    };
    Ok(article_client::ConnectOptions { tls, token })
}

fn read_page(file: &str) -> Result<Vec<u8>, String> {
    if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("reading standard input: {e}"))?;
        return Ok(buf);
    }
    std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))
}
