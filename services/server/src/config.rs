//! The server's configuration: one clap struct; every option is a flag with an env twin.

use clap::{Parser, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// article-server: turns news web pages into structured articles over gRPC (article.v1).
#[derive(Debug, Clone, Parser)]
#[command(name = "article-server", version, about, long_about = None)]
pub struct Config {
    /// Address to listen on. Port 0 picks a free port (the bound address is logged).
    #[arg(long, env = "ARTICLE_LISTEN", default_value = "127.0.0.1:50051")]
    pub listen: SocketAddr,

    /// Address for Prometheus metrics (`GET /metrics`, text format), e.g. 0.0.0.0:9090.
    /// Off when unset.
    #[arg(long, env = "ARTICLE_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,

    /// Extraction worker threads (CPU-bound work never runs on the async reactor).
    /// Default: the number of cores.
    #[arg(long, env = "ARTICLE_WORKERS")]
    pub workers: Option<usize>,

    /// Article-service calls admitted at once (running plus queued for a worker); calls beyond
    /// it are rejected at once with UNAVAILABLE. Default: 4 × workers.
    #[arg(long, env = "ARTICLE_MAX_CONCURRENT")]
    pub max_concurrent: Option<usize>,

    /// Largest request message accepted, in bytes; larger ones get RESOURCE_EXHAUSTED.
    #[arg(long, env = "ARTICLE_MAX_REQUEST_BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_request_bytes: usize,

    /// Largest number of HTML elements one page may have.
    #[arg(long, env = "ARTICLE_MAX_ELEMENTS", default_value_t = 1_000_000)]
    pub max_elements: usize,

    /// Longest time one call may take, in milliseconds. A shorter `grpc-timeout` from the
    /// caller wins; past the deadline the call ends with DEADLINE_EXCEEDED.
    #[arg(long, env = "ARTICLE_TIMEOUT_MS", default_value_t = 10_000)]
    pub timeout_ms: u64,

    /// Longest wait for in-flight calls after SIGTERM / Ctrl-C, in milliseconds.
    #[arg(long, env = "ARTICLE_DRAIN_TIMEOUT_MS", default_value_t = 10_000)]
    pub drain_timeout_ms: u64,

    /// IANA zone for dates pages print without an offset, when no site rule applies
    /// (e.g. Asia/Dhaka). Default: from the site's country domain, else UTC.
    #[arg(long, env = "ARTICLE_DEFAULT_TIME_ZONE")]
    pub default_time_zone: Option<String>,

    /// PEM certificate chain for TLS. With --tls-key, the server speaks only TLS.
    #[arg(long, env = "ARTICLE_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// PEM private key for TLS.
    #[arg(long, env = "ARTICLE_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// PEM CA certificate(s): clients must present a certificate signed by one (mutual TLS).
    #[arg(long, env = "ARTICLE_TLS_CLIENT_CA", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,

    /// File holding a bearer token that article-service calls must send
    /// (`authorization: Bearer <token>`); health and reflection stay open for probes.
    #[arg(long, env = "ARTICLE_AUTH_TOKEN_FILE", conflicts_with = "auth_token")]
    pub auth_token_file: Option<PathBuf>,

    /// The bearer token itself. Prefer the environment variable or --auth-token-file: a flag's
    /// value shows in the process list.
    #[arg(long, env = "ARTICLE_AUTH_TOKEN", hide_env_values = true, value_parser = parse_secret)]
    pub auth_token: Option<Secret>,

    /// Fetch the page when a request has a url but no html. Off by default: a service that
    /// fetches arbitrary URLs must be placed where its outbound traffic is acceptable.
    #[arg(long, env = "ARTICLE_ALLOW_FETCH", value_parser = clap::builder::FalseyValueParser::new(), default_value_t = false, num_args = 0..=1, default_missing_value = "true")]
    pub allow_fetch: bool,

    /// Addresses fetching may reach although they are loopback, private, link-local, CGNAT or
    /// cloud metadata (refused otherwise), as CIDRs or single addresses, comma-separated.
    #[arg(long, env = "ARTICLE_FETCH_ALLOW", value_delimiter = ',', value_parser = crate::fetch::parse_cidr)]
    pub fetch_allow: Vec<ipnet::IpNet>,

    /// Longest whole fetch (every redirect hop and the body), in milliseconds; a sooner call
    /// deadline wins.
    #[arg(long, env = "ARTICLE_FETCH_TIMEOUT_MS", default_value_t = 8_000)]
    pub fetch_timeout_ms: u64,

    /// Longest TCP connect of a fetch, in milliseconds.
    #[arg(
        long,
        env = "ARTICLE_FETCH_CONNECT_TIMEOUT_MS",
        default_value_t = 3_000
    )]
    pub fetch_connect_timeout_ms: u64,

    /// Largest fetched page, in bytes after content decoding.
    #[arg(long, env = "ARTICLE_FETCH_MAX_BYTES", default_value_t = 10 * 1024 * 1024)]
    pub fetch_max_bytes: usize,

    /// Redirects a fetch follows (each hop is checked again).
    #[arg(long, env = "ARTICLE_FETCH_MAX_REDIRECTS", default_value_t = 5)]
    pub fetch_max_redirects: usize,

    /// User-Agent of fetches. Default: article-server/<version>.
    #[arg(long, env = "ARTICLE_FETCH_USER_AGENT")]
    pub fetch_user_agent: Option<String>,

    /// Log format.
    #[arg(long, env = "ARTICLE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human)]
    pub log_format: LogFormat,

    /// Log filter in tracing's EnvFilter syntax (e.g. "info,article_server=debug").
    #[arg(long, env = "ARTICLE_LOG", default_value = "info")]
    pub log: String,
}

/// A value that must never reach a log line: `Debug` prints `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

fn parse_secret(s: &str) -> Result<Secret, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("the token is empty".into());
    }
    Ok(Secret(s.to_string()))
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One readable line per event.
    Human,
    /// One JSON object per line (for log collectors).
    Json,
}

impl Config {
    /// Configuration with every default, listening on `listen` (for tests and embedding).
    pub fn with_listen(listen: SocketAddr) -> Self {
        let mut cfg = Self::parse_from(["article-server"]);
        cfg.listen = listen;
        cfg
    }

    pub fn workers(&self) -> usize {
        self.workers
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
    }

    pub fn max_concurrent(&self) -> usize {
        self.max_concurrent
            .filter(|&n| n > 0)
            .unwrap_or_else(|| self.workers() * 4)
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms.max(1))
    }

    pub fn drain_timeout(&self) -> Duration {
        Duration::from_millis(self.drain_timeout_ms)
    }

    /// The bearer token callers must send, from --auth-token-file or --auth-token.
    pub fn auth_token(&self) -> Result<Option<Secret>, String> {
        if let Some(path) = &self.auth_token_file {
            let raw = std::fs::read_to_string(path)
                .map_err(|e| format!("--auth-token-file {}: {e}", path.display()))?;
            return parse_secret(&raw)
                .map(Some)
                .map_err(|e| format!("--auth-token-file {}: {e}", path.display()));
        }
        Ok(self.auth_token.clone())
    }

    /// The fetcher's settings, or None when fetching is off.
    pub fn fetch_config(&self) -> Option<crate::fetch::FetchConfig> {
        self.allow_fetch.then(|| crate::fetch::FetchConfig {
            allow_cidrs: self.fetch_allow.clone(),
            connect_timeout: Duration::from_millis(self.fetch_connect_timeout_ms),
            total_timeout: Duration::from_millis(self.fetch_timeout_ms),
            max_bytes: self.fetch_max_bytes,
            max_redirects: self.fetch_max_redirects,
            user_agent: self
                .fetch_user_agent
                .clone()
                .unwrap_or_else(crate::fetch::default_user_agent),
        })
    }

    /// Checks values clap cannot, so that a bad setting fails at start, not per request.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(zone) = &self.default_time_zone {
            jiff::tz::TimeZone::get(zone)
                .map_err(|e| format!("--default-time-zone {zone:?} is not a known zone: {e}"))?;
        }
        if self.allow_fetch {
            if self.fetch_timeout_ms == 0 || self.fetch_connect_timeout_ms == 0 {
                return Err("--fetch-timeout-ms and --fetch-connect-timeout-ms must be > 0".into());
            }
            if self.fetch_max_bytes == 0 {
                return Err("--fetch-max-bytes must be > 0".into());
            }
        }
        if self.max_request_bytes < 1024 {
            return Err("--max-request-bytes must be at least 1024".into());
        }
        Ok(())
    }
}
