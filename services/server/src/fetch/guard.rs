//! The SSRF guard: which addresses the fetcher may connect to, and a resolver for reqwest that
//! only ever hands out vetted addresses.
//!
//! Checking a name and then letting the HTTP client resolve it again would leave a window for
//! DNS rebinding (the second answer could be 127.0.0.1). Here the check lives *inside* the
//! resolver the client connects with, so what is checked is exactly what is connected to.
//! IP literals never reach a resolver (hyper-util parses them itself), so the fetcher checks
//! those before each request with the same [`AddressPolicy`].

use ipnet::IpNet;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why an address is refused, or `None` when it is an ordinary public unicast address.
///
/// IPv6 forms that embed an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`,
/// 6to4 `2002::/16`) are judged by the IPv4 address they lead to.
pub fn refusal_reason(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => v4_reason(v4),
        IpAddr::V6(v6) => v6_reason(v6),
    }
}

fn v4_reason(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    // Order matters: the metadata address sits inside link-local, broadcast inside 240/4.
    Some(match () {
        _ if ip == Ipv4Addr::new(169, 254, 169, 254) => "cloud metadata",
        _ if ip.is_unspecified() => "unspecified",
        _ if ip.is_broadcast() => "broadcast",
        _ if a == 0 => "this-network (0.0.0.0/8)",
        _ if ip.is_loopback() => "loopback",
        _ if ip.is_private() => "private",
        _ if a == 100 && (b & 0xc0) == 64 => "carrier-grade NAT (100.64.0.0/10)",
        _ if ip.is_link_local() => "link-local",
        _ if ip.is_multicast() => "multicast",
        _ if a >= 240 => "reserved (240.0.0.0/4)",
        _ if ip.is_documentation() => "documentation",
        _ if a == 198 && (b & 0xfe) == 18 => "benchmarking (198.18.0.0/15)",
        _ if a == 192 && b == 0 && c == 0 => "IETF protocol assignments (192.0.0.0/24)",
        _ if a == 192 && b == 88 && c == 99 => "6to4 relay anycast (192.88.99.0/24)",
        _ => return None,
    })
}

fn v6_reason(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return v4_reason(v4);
    }
    let s = ip.segments();
    if ip == Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x254) {
        return Some("cloud metadata");
    }
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    if ip.is_loopback() {
        return Some("loopback");
    }
    // NAT64 (RFC 6052) and 6to4 (RFC 3056) carry an IPv4 address a gateway would reach.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return v4_reason(embedded_v4(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        return v4_reason(embedded_v4(s[1], s[2]));
    }
    Some(match s[0] {
        // ::/96 minus :: and ::1: deprecated IPv4-compatible addresses; nothing public lives here.
        0 if s[1..6] == [0, 0, 0, 0, 0] => "IPv4-compatible (deprecated)",
        0x64 if s[1] == 0xff9b && s[2] == 1 => "private (local-use NAT64, 64:ff9b:1::/48)",
        0x100 if s[1..4] == [0, 0, 0] => "discard-only (100::/64)",
        0x2001 if s[1] == 0x0db8 => "documentation",
        0x2001 if s[1] < 0x200 => "IETF protocol assignments (2001::/23)",
        0x3fff if s[1] < 0x1000 => "documentation",
        x if x & 0xfe00 == 0xfc00 => "private (unique local, fc00::/7)",
        x if x & 0xffc0 == 0xfe80 => "link-local",
        x if x & 0xffc0 == 0xfec0 => "private (site-local, fec0::/10)",
        x if x & 0xff00 == 0xff00 => "multicast",
        _ => return None,
    })
}

fn embedded_v4(hi: u16, lo: u16) -> Ipv4Addr {
    let [a, b] = hi.to_be_bytes();
    let [c, d] = lo.to_be_bytes();
    Ipv4Addr::new(a, b, c, d)
}

/// The refused ranges above, minus whatever the operator's allowlist names.
#[derive(Debug, Clone, Default)]
pub struct AddressPolicy {
    allow: Vec<IpNet>,
}

impl AddressPolicy {
    pub fn new(allow: Vec<IpNet>) -> Self {
        Self { allow }
    }

    /// `Err(reason)` when the fetcher must not connect to `ip`.
    pub fn check(&self, ip: IpAddr) -> Result<(), &'static str> {
        // An allowlisted 127.0.0.1/32 also admits ::ffff:127.0.0.1: both reach the same socket.
        let canonical = ip.to_canonical();
        if self
            .allow
            .iter()
            .any(|net| net.contains(&ip) || net.contains(&canonical))
        {
            return Ok(());
        }
        refusal_reason(ip).map_or(Ok(()), Err)
    }
}

/// A resolver refused every address a name resolved to.
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    pub host: String,
    pub addr: IpAddr,
    pub reason: &'static str,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} resolves only to refused addresses", self.host)
    }
}

impl std::error::Error for Refusal {}

/// A name did not resolve.
#[derive(Debug, Clone)]
pub(crate) struct DnsFailure {
    pub host: String,
    pub message: String,
}

impl fmt::Display for DnsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.host, self.message)
    }
}

impl std::error::Error for DnsFailure {}

/// reqwest's resolver: the system resolver (getaddrinfo, so /etc/hosts and the pod's DNS
/// config apply), with every refused address dropped before the client sees it.
#[derive(Clone)]
pub(crate) struct GuardedResolver {
    policy: Arc<AddressPolicy>,
}

impl GuardedResolver {
    pub(crate) fn new(policy: Arc<AddressPolicy>) -> Self {
        Self { policy }
    }

    /// Resolves `host` and keeps the allowed addresses; fails when none is left.
    pub(crate) async fn resolve_checked(&self, host: &str) -> Result<Vec<SocketAddr>, BoxError> {
        let found = tokio::net::lookup_host((host, 0))
            .await
            .map_err(|e| DnsFailure {
                host: host.to_string(),
                message: e.to_string(),
            })?;
        let mut allowed: Vec<SocketAddr> = Vec::new();
        let mut refused: Option<Refusal> = None;
        for addr in found {
            match self.policy.check(addr.ip()) {
                Ok(()) if !allowed.contains(&addr) => allowed.push(addr),
                Ok(()) => {}
                Err(reason) => {
                    tracing::debug!(host, addr = %addr.ip(), reason, "dropped a refused address");
                    refused.get_or_insert(Refusal {
                        host: host.to_string(),
                        addr: addr.ip(),
                        reason,
                    });
                }
            }
        }
        if !allowed.is_empty() {
            return Ok(allowed);
        }
        Err(match refused {
            Some(refusal) => Box::new(refusal),
            None => Box::new(DnsFailure {
                host: host.to_string(),
                message: "no addresses".into(),
            }),
        })
    }
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let this = self.clone();
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs = this.resolve_checked(&host).await?;
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Finds an error of type `T` anywhere in a source chain, also inside `io::Error` wrappers
/// (whose `source()` skips the wrapped error itself).
pub(crate) fn find_in_chain<'a, T: std::error::Error + 'static>(
    err: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = next {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<T>())
        {
            return Some(inner);
        }
        next = e.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(s: &str) -> Option<&'static str> {
        refusal_reason(s.parse().expect("test address"))
    }

    #[test]
    fn refuses_every_special_ipv4_range() {
        let cases = [
            ("127.0.0.1", "loopback"),
            ("127.255.255.254", "loopback"),
            ("10.0.0.1", "private"),
            ("10.255.255.255", "private"),
            ("172.16.0.1", "private"),
            ("172.31.255.255", "private"),
            ("192.168.1.1", "private"),
            ("169.254.0.1", "link-local"),
            ("169.254.169.254", "cloud metadata"),
            ("100.64.0.1", "carrier-grade NAT (100.64.0.0/10)"),
            ("100.127.255.255", "carrier-grade NAT (100.64.0.0/10)"),
            ("100.100.100.200", "carrier-grade NAT (100.64.0.0/10)"),
            ("224.0.0.1", "multicast"),
            ("239.255.255.250", "multicast"),
            ("0.0.0.0", "unspecified"),
            ("0.1.2.3", "this-network (0.0.0.0/8)"),
            ("255.255.255.255", "broadcast"),
            ("240.0.0.1", "reserved (240.0.0.0/4)"),
            ("192.0.2.1", "documentation"),
            ("198.51.100.7", "documentation"),
            ("203.0.113.9", "documentation"),
            ("198.18.0.1", "benchmarking (198.18.0.0/15)"),
            ("198.19.255.255", "benchmarking (198.18.0.0/15)"),
            ("192.0.0.170", "IETF protocol assignments (192.0.0.0/24)"),
            ("192.88.99.1", "6to4 relay anycast (192.88.99.0/24)"),
        ];
        for (addr, want) in cases {
            assert_eq!(reason(addr), Some(want), "{addr}");
        }
    }

    #[test]
    fn refuses_every_special_ipv6_range() {
        let cases = [
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("fc00::1", "private (unique local, fc00::/7)"),
            ("fdff:ffff::1", "private (unique local, fc00::/7)"),
            ("fd00:ec2::254", "cloud metadata"),
            ("fe80::1", "link-local"),
            ("febf::1", "link-local"),
            ("fec0::1", "private (site-local, fec0::/10)"),
            ("ff02::1", "multicast"),
            ("ff0e::1", "multicast"),
            ("2001:db8::1", "documentation"),
            ("3fff::1", "documentation"),
            ("2001::1", "IETF protocol assignments (2001::/23)"),
            ("100::1", "discard-only (100::/64)"),
            ("::7f00:1", "IPv4-compatible (deprecated)"),
            ("64:ff9b:1::1", "private (local-use NAT64, 64:ff9b:1::/48)"),
        ];
        for (addr, want) in cases {
            assert_eq!(reason(addr), Some(want), "{addr}");
        }
    }

    #[test]
    fn judges_ipv6_forms_that_embed_ipv4_by_the_ipv4_address() {
        let cases = [
            ("::ffff:127.0.0.1", "loopback"),
            ("::ffff:7f00:1", "loopback"),
            ("::ffff:10.1.2.3", "private"),
            ("::ffff:169.254.169.254", "cloud metadata"),
            ("::ffff:100.64.0.1", "carrier-grade NAT (100.64.0.0/10)"),
            ("::ffff:0.0.0.0", "unspecified"),
            ("::ffff:255.255.255.255", "broadcast"),
            ("::ffff:224.0.0.1", "multicast"),
            ("64:ff9b::7f00:1", "loopback"),
            ("64:ff9b::a9fe:a9fe", "cloud metadata"),
            ("2002:7f00:1::", "loopback"),
            ("2002:c0a8:101::1", "private"),
        ];
        for (addr, want) in cases {
            assert_eq!(reason(addr), Some(want), "{addr}");
        }
        // Embedding a public address is fine.
        assert_eq!(reason("::ffff:93.184.216.34"), None);
        assert_eq!(reason("64:ff9b::5db8:d822"), None);
        assert_eq!(reason("2002:5db8:d822::1"), None);
    }

    #[test]
    fn accepts_public_unicast() {
        for addr in [
            "93.184.216.34",
            "1.1.1.1",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "169.255.0.1",
            "2606:4700::1111",
            "2a00:1450:4001::200e",
            "2001:4860:4860::8888",
        ] {
            assert_eq!(reason(addr), None, "{addr}");
        }
    }

    #[test]
    fn allowlist_overrides_only_what_it_names() {
        let policy = AddressPolicy::new(vec![
            "127.0.0.1/32".parse().expect("cidr"),
            "10.1.0.0/16".parse().expect("cidr"),
            "fd00::/64".parse().expect("cidr"),
        ]);
        let ok = |s: &str| policy.check(s.parse().expect("addr"));
        assert_eq!(ok("127.0.0.1"), Ok(()));
        assert_eq!(
            ok("::ffff:127.0.0.1"),
            Ok(()),
            "mapped form of an allowed address"
        );
        assert_eq!(ok("127.0.0.2"), Err("loopback"));
        assert_eq!(ok("::1"), Err("loopback"));
        assert_eq!(ok("10.1.200.3"), Ok(()));
        assert_eq!(ok("10.2.0.1"), Err("private"));
        assert_eq!(ok("fd00::5"), Ok(()));
        assert_eq!(ok("fd00:ec2::254"), Err("cloud metadata"));
        assert_eq!(ok("169.254.169.254"), Err("cloud metadata"));
        assert_eq!(ok("93.184.216.34"), Ok(()));

        let metadata = AddressPolicy::new(vec!["169.254.169.254/32".parse().expect("cidr")]);
        assert_eq!(
            metadata.check("169.254.169.254".parse().expect("addr")),
            Ok(())
        );
        assert_eq!(
            metadata.check("169.254.169.253".parse().expect("addr")),
            Err("link-local")
        );
    }

    #[tokio::test]
    async fn resolver_drops_refused_addresses() {
        // localhost comes from /etc/hosts: no DNS traffic leaves the machine.
        let refusing = GuardedResolver::new(Arc::new(AddressPolicy::default()));
        let err = refusing
            .resolve_checked("localhost")
            .await
            .expect_err("loopback must be refused");
        let refusal = find_in_chain::<Refusal>(err.as_ref()).expect("a Refusal");
        assert_eq!(refusal.reason, "loopback");
        assert_eq!(refusal.host, "localhost");

        let allowing = GuardedResolver::new(Arc::new(AddressPolicy::new(vec![
            "127.0.0.0/8".parse().expect("cidr"),
        ])));
        let addrs = allowing
            .resolve_checked("localhost")
            .await
            .expect("allowlisted");
        assert!(!addrs.is_empty());
        assert!(addrs.iter().all(|a| a.ip().is_loopback() && a.is_ipv4()));
    }

    #[test]
    fn finds_errors_behind_io_and_source_chains() {
        #[derive(Debug)]
        struct Outer(BoxError);
        impl fmt::Display for Outer {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("outer")
            }
        }
        impl std::error::Error for Outer {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(self.0.as_ref())
            }
        }
        let refusal = Refusal {
            host: "h".into(),
            addr: "10.0.0.1".parse().expect("addr"),
            reason: "private",
        };
        let wrapped = Outer(Box::new(std::io::Error::other(refusal)));
        let found = find_in_chain::<Refusal>(&wrapped).expect("found through io::Error");
        assert_eq!(found.reason, "private");
        assert!(find_in_chain::<DnsFailure>(&wrapped).is_none());
    }
}
