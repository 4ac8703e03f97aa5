//! Fetching a page by URL, with SSRF protection.
//!
//! [`Fetcher`] is built once at startup and cloned freely (one reqwest client, one connection
//! pool). Every hop of a fetch — the URL the caller gave and each redirect target — goes
//! through the same gate: scheme http/https, no credentials, an IP-literal host must pass the
//! [`AddressPolicy`], and a host name is resolved by [`guard::GuardedResolver`], which drops
//! refused addresses before the client can connect to them. Redirects are followed by hand
//! for exactly that reason. One deadline covers the whole fetch (all hops and the body); the
//! body is streamed and cut off at `max_bytes`.
//!
//! TLS is rustls with the ring provider (the one tonic uses) and the webpki root
//! certificates, so the server needs no system CA bundle and aws-lc is never built.

mod guard;

pub use guard::{AddressPolicy, refusal_reason};

use guard::{DnsFailure, GuardedResolver, Refusal, find_in_chain};
use ipnet::IpNet;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use url::{Host, Url};

/// Settings for [`Fetcher::new`].
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Addresses that may be fetched even though they are loopback, private, link-local, ….
    pub allow_cidrs: Vec<IpNet>,
    /// Longest TCP connect (per attempt).
    pub connect_timeout: Duration,
    /// Longest whole fetch: every redirect hop and the body.
    pub total_timeout: Duration,
    /// Largest body accepted, after content decoding (so a gzip bomb stops here too).
    pub max_bytes: usize,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    pub user_agent: String,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self {
            allow_cidrs: Vec::new(),
            connect_timeout: Duration::from_secs(3),
            total_timeout: Duration::from_secs(8),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            user_agent: default_user_agent(),
        }
    }
}

/// `article-server/<version>`.
pub fn default_user_agent() -> String {
    concat!("article-server/", env!("CARGO_PKG_VERSION")).to_string()
}

/// Parses an allowlist entry: a CIDR (`10.0.0.0/8`, `fd00::/8`) or a bare address (`/32`,
/// `/128`). Usable as a clap `value_parser`.
pub fn parse_cidr(s: &str) -> Result<IpNet, String> {
    let s = s.trim();
    if let Ok(net) = s.parse::<IpNet>() {
        return Ok(net.trunc());
    }
    s.parse::<IpAddr>()
        .map(IpNet::from)
        .map_err(|_| format!("{s:?} is neither a CIDR (10.0.0.0/8) nor an IP address"))
}

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub body: Vec<u8>,
    /// The `Content-Type` header as sent (charset included), for the engine's decoding.
    pub content_type: Option<String>,
    /// The URL after redirects.
    pub final_url: String,
    pub status: u16,
}

/// Why a fetch failed. Messages are meant for the caller: they name the limit or the rule.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("url {url:?} is not valid: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("url scheme {scheme:?} is not supported: only http and https pages are fetched")]
    UnsupportedScheme { scheme: String },
    #[error("{}", refused_message(.host, .addr, .reason))]
    RefusedAddress {
        host: String,
        /// The refused address (server-side logs only: not in the message for host names,
        /// so that callers cannot map internal DNS through the fetcher).
        addr: IpAddr,
        reason: &'static str,
    },
    #[error("could not resolve {host}: {message}")]
    DnsFailed { host: String, message: String },
    #[error("connecting to {host} took longer than {limit:?}")]
    ConnectTimeout { host: String, limit: Duration },
    #[error("fetching the page took longer than {limit:?}")]
    Timeout { limit: Duration },
    #[error("the page is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the page redirected more than {limit} times")]
    TooManyRedirects { limit: usize },
    #[error("the page's server answered HTTP {status} for {url}")]
    HttpStatus { status: u16, url: String },
    #[error("not an HTML page: content type {content_type:?}")]
    NotHtml { content_type: String },
    #[error("fetching the page failed: {0}")]
    Transport(String),
}

fn refused_message(host: &str, addr: &IpAddr, reason: &str) -> String {
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    if literal.parse::<IpAddr>().is_ok() {
        format!("refused to fetch from {addr}: it is a {reason} address")
    } else {
        format!("refused to fetch from {host}: it resolves to a {reason} address")
    }
}

/// The URL fetcher: cheap to clone, share one per server.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    policy: Arc<AddressPolicy>,
    config: Arc<FetchConfig>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Fetcher {
    /// Builds the client. Fails on settings that could never work (zero limits, a user agent
    /// that is not a valid header value).
    pub fn new(config: FetchConfig) -> Result<Self, String> {
        if config.total_timeout.is_zero() || config.connect_timeout.is_zero() {
            return Err("fetch timeouts must be greater than zero".into());
        }
        if config.max_bytes == 0 {
            return Err("the fetch body limit must be greater than zero".into());
        }
        let user_agent = HeaderValue::from_str(&config.user_agent).map_err(|_| {
            format!(
                "fetch user agent {:?} is not a valid header value",
                config.user_agent
            )
        })?;
        let policy = Arc::new(AddressPolicy::new(config.allow_cidrs.clone()));

        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT,
            HeaderValue::from_static("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"),
        );
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls_config()?)
            .dns_resolver(GuardedResolver::new(policy.clone()))
            // Redirects are followed by hand so that each hop is vetted.
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve and connect on our behalf, past the guard.
            .no_proxy()
            .referer(false)
            .connect_timeout(config.connect_timeout)
            .user_agent(user_agent)
            .default_headers(headers)
            .pool_idle_timeout(Duration::from_secs(30))
            .pool_max_idle_per_host(4)
            .build()
            .map_err(|e| format!("could not build the HTTP client: {}", describe(&e)))?;
        Ok(Self {
            client,
            policy,
            config: Arc::new(config),
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Fetches `url` within the configured total timeout.
    pub async fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        self.fetch_until(url, None).await
    }

    /// Fetches `url`, finishing by `deadline` (e.g. the gRPC call's) when that is sooner than
    /// the configured total timeout.
    pub async fn fetch_until(
        &self,
        url: &str,
        deadline: Option<Instant>,
    ) -> Result<Fetched, FetchError> {
        let mut limit = self.config.total_timeout;
        if let Some(deadline) = deadline {
            limit = limit.min(deadline.saturating_duration_since(Instant::now()));
        }
        match tokio::time::timeout(limit, self.fetch_hops(url)).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::Timeout { limit }),
        }
    }

    async fn fetch_hops(&self, raw: &str) -> Result<Fetched, FetchError> {
        let mut url = Url::parse(raw.trim()).map_err(|e| FetchError::InvalidUrl {
            url: clip(raw),
            reason: e.to_string(),
        })?;
        let mut redirects = 0;
        loop {
            self.vet(&url)?;
            tracing::debug!(url = %url, redirects, "fetching");
            let response = self
                .client
                .get(url.clone())
                .send()
                .await
                .map_err(|e| self.send_error(&e, &url))?;
            let status = response.status();
            if is_redirect(status)
                && let Some(location) = response.headers().get(LOCATION)
            {
                if redirects >= self.config.max_redirects {
                    return Err(FetchError::TooManyRedirects {
                        limit: self.config.max_redirects,
                    });
                }
                redirects += 1;
                url = next_hop(&url, location.as_bytes())?;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::HttpStatus {
                    status: status.as_u16(),
                    url: url.to_string(),
                });
            }
            return self.read(response, url).await;
        }
    }

    /// The per-hop gate: scheme, credentials, and IP-literal hosts (names are checked by the
    /// resolver, which is the only way the client can turn them into addresses).
    fn vet(&self, url: &Url) -> Result<(), FetchError> {
        match url.scheme() {
            "http" | "https" => {}
            other => {
                return Err(FetchError::UnsupportedScheme {
                    scheme: other.to_string(),
                });
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            // The message must not carry the secret on into logs.
            let mut shown = url.clone();
            let _ = shown.set_username("");
            let _ = shown.set_password(None);
            return Err(FetchError::InvalidUrl {
                url: clip(shown.as_str()),
                reason: "credentials in urls are not accepted".into(),
            });
        }
        let ip = match url.host() {
            None => {
                return Err(FetchError::InvalidUrl {
                    url: clip(url.as_str()),
                    reason: "it has no host".into(),
                });
            }
            Some(Host::Domain(_)) => return Ok(()),
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
        };
        self.policy.check(ip).map_err(|reason| {
            tracing::debug!(url = %url, addr = %ip, reason, "refused an address");
            FetchError::RefusedAddress {
                host: url.host_str().unwrap_or_default().to_string(),
                addr: ip,
                reason,
            }
        })
    }

    fn send_error(&self, err: &reqwest::Error, url: &Url) -> FetchError {
        let host = url.host_str().unwrap_or_default().to_string();
        if let Some(refusal) = find_in_chain::<Refusal>(err) {
            tracing::debug!(url = %url, addr = %refusal.addr, reason = refusal.reason, "refused an address");
            return FetchError::RefusedAddress {
                host: refusal.host.clone(),
                addr: refusal.addr,
                reason: refusal.reason,
            };
        }
        if let Some(dns) = find_in_chain::<DnsFailure>(err) {
            return FetchError::DnsFailed {
                host: dns.host.clone(),
                message: dns.message.clone(),
            };
        }
        if err.is_connect() && err.is_timeout() {
            return FetchError::ConnectTimeout {
                host,
                limit: self.config.connect_timeout,
            };
        }
        if err.is_timeout() {
            return FetchError::Timeout {
                limit: self.config.total_timeout,
            };
        }
        FetchError::Transport(describe(err))
    }

    /// Checks the content type and streams the body up to the limit.
    async fn read(&self, mut response: reqwest::Response, url: Url) -> Result<Fetched, FetchError> {
        let limit = self.config.max_bytes;
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        if let Some(ct) = &content_type
            && is_refused_content_type(ct)
        {
            return Err(FetchError::NotHtml {
                content_type: ct.clone(),
            });
        }
        // Known only for bodies that are not content-encoded; others are cut off below.
        let declared = response.content_length();
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(FetchError::TooLarge { limit });
        }
        let capacity = declared.map_or(0, |n| n as usize).min(limit);
        let mut body = Vec::with_capacity(capacity);
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| FetchError::Transport(describe(&e)))?
        {
            if body.len() + chunk.len() > limit {
                return Err(FetchError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            body,
            content_type,
            final_url: url.to_string(),
            status: response.status().as_u16(),
        })
    }
}

fn tls_config() -> Result<rustls::ClientConfig, String> {
    // Deprecated in rustls 0.23.48 only because ring has no post-quantum key exchange; the
    // provider that has it is aws-lc, which this workspace keeps out (one provider, like tonic).
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let mut tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    // A preconfigured config gets no ALPN from reqwest: offer HTTP/2 and HTTP/1.1 ourselves.
    tls.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(tls)
}

fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

fn next_hop(from: &Url, location: &[u8]) -> Result<Url, FetchError> {
    let invalid = |reason: String| FetchError::InvalidUrl {
        url: clip(&String::from_utf8_lossy(location)),
        reason: format!("redirect target from {from}: {reason}"),
    };
    let location = std::str::from_utf8(location).map_err(|_| invalid("not UTF-8".into()))?;
    from.join(location.trim())
        .map_err(|e| invalid(e.to_string()))
}

/// Obvious non-HTML: media, fonts, PDFs and archives. Anything else (text/html,
/// application/xhtml+xml, text/plain, a missing or odd type) goes to the engine, which sniffs
/// the bytes itself.
fn is_refused_content_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let (kind, subtype) = essence.split_once('/').unwrap_or((essence.as_str(), ""));
    matches!(kind, "image" | "video" | "audio" | "font" | "model")
        || (kind == "application"
            && matches!(
                subtype,
                "pdf"
                    | "zip"
                    | "gzip"
                    | "x-gzip"
                    | "x-tar"
                    | "x-7z-compressed"
                    | "x-rar-compressed"
                    | "vnd.rar"
                    | "msword"
                    | "wasm"
                    | "x-shockwave-flash"
            )
            || subtype.starts_with("vnd.openxmlformats")
            || subtype.starts_with("vnd.ms-"))
}

/// An error and its sources, one line ("a: b: c"), skipping repeats.
fn describe(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    parts.join(": ")
}

/// URLs in messages are cut to a readable length (a request may carry megabytes).
fn clip(s: &str) -> String {
    const MAX: usize = 200;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        for refused in [
            "image/png",
            "IMAGE/JPEG; foo=bar",
            "video/mp4",
            "audio/mpeg",
            "font/woff2",
            "application/pdf",
            "application/zip",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel",
        ] {
            assert!(is_refused_content_type(refused), "{refused}");
        }
        for accepted in [
            "text/html",
            "text/html; charset=windows-1252",
            "application/xhtml+xml",
            "text/plain",
            "application/xml",
            "application/octet-stream",
            "",
            "garbage",
        ] {
            assert!(!is_refused_content_type(accepted), "{accepted}");
        }
    }

    #[test]
    fn allowlist_entries_parse_as_cidr_or_address() {
        assert_eq!(
            parse_cidr("127.0.0.1"),
            Ok("127.0.0.1/32".parse().expect("net"))
        );
        assert_eq!(parse_cidr("::1"), Ok("::1/128".parse().expect("net")));
        assert_eq!(
            parse_cidr(" 10.0.0.0/8 "),
            Ok("10.0.0.0/8".parse().expect("net"))
        );
        assert_eq!(
            parse_cidr("10.1.2.3/8"),
            Ok("10.0.0.0/8".parse().expect("net"))
        );
        assert!(parse_cidr("10.0.0.0/33").is_err());
        assert!(parse_cidr("example.com").is_err());
    }

    #[test]
    fn redirect_targets_resolve_against_the_current_url() {
        let from = Url::parse("http://a.example/x/y?q=1").expect("url");
        assert_eq!(
            next_hop(&from, b"/z").expect("hop").as_str(),
            "http://a.example/z"
        );
        assert_eq!(
            next_hop(&from, b"w").expect("hop").as_str(),
            "http://a.example/x/w"
        );
        assert_eq!(
            next_hop(&from, b"//b.example/").expect("hop").as_str(),
            "http://b.example/"
        );
        assert!(next_hop(&from, b"http://[::1").is_err());
        assert!(next_hop(&from, &[0xff, 0xfe]).is_err());
    }

    #[test]
    fn refusal_messages_show_literal_addresses_only() {
        let literal = FetchError::RefusedAddress {
            host: "10.0.0.1".into(),
            addr: "10.0.0.1".parse().expect("addr"),
            reason: "private",
        };
        assert_eq!(
            literal.to_string(),
            "refused to fetch from 10.0.0.1: it is a private address"
        );
        let name = FetchError::RefusedAddress {
            host: "db.internal".into(),
            addr: "10.9.8.7".parse().expect("addr"),
            reason: "private",
        };
        assert_eq!(
            name.to_string(),
            "refused to fetch from db.internal: it resolves to a private address"
        );
        assert!(!name.to_string().contains("10.9.8.7"));
    }

    #[test]
    fn rejects_unusable_settings() {
        let zero = FetchConfig {
            max_bytes: 0,
            ..FetchConfig::default()
        };
        assert!(Fetcher::new(zero).is_err());
        let bad_agent = FetchConfig {
            user_agent: "bad\nagent".into(),
            ..FetchConfig::default()
        };
        assert!(Fetcher::new(bad_agent).is_err());
        assert!(Fetcher::new(FetchConfig::default()).is_ok());
    }

    #[test]
    fn clips_long_urls_on_a_char_boundary() {
        let long = "é".repeat(300);
        let clipped = clip(&long);
        assert_eq!(clipped.chars().count(), 201);
        assert_eq!(clip("short"), "short");
    }
}
