//! Client-side load balancing. gRPC multiplexes every call over one long-lived HTTP/2
//! connection, so an L4 load balancer (a Kubernetes ClusterIP Service) pins a client to one pod.
//! Instead the client resolves the backends itself — every address behind a DNS name (a headless
//! Service) or a fixed list — keeps a connection to each, spreads calls over them
//! (power-of-two-choices on pending requests), and re-resolves periodically to pick up pods that
//! come and go.

use crate::{Client, ConnectOptions, Error, endpoint};
use std::collections::BTreeSet;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tonic::transport::Channel;
use tonic::transport::channel::Change;

/// Finds the current backend addresses.
pub trait Resolver: Send + Sync + 'static {
    fn resolve(
        &self,
    ) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<SocketAddr>>> + Send + '_>>;
}

/// DNS: every A/AAAA record of `host:port` (what a headless Service returns).
pub struct DnsResolver {
    pub target: String,
}

impl Resolver for DnsResolver {
    fn resolve(
        &self,
    ) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<SocketAddr>>> + Send + '_>> {
        Box::pin(async move {
            Ok(tokio::net::lookup_host(self.target.as_str())
                .await?
                .collect())
        })
    }
}

/// A fixed list of addresses.
pub struct StaticResolver(pub Vec<SocketAddr>);

impl Resolver for StaticResolver {
    fn resolve(
        &self,
    ) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<SocketAddr>>> + Send + '_>> {
        let list = self.0.clone();
        Box::pin(async move { Ok(list) })
    }
}

/// Balancing settings.
#[derive(Clone)]
pub struct BalanceOptions {
    pub connect: ConnectOptions,
    /// How often to re-resolve.
    pub refresh: Duration,
    /// Name to verify in TLS certificates (defaults to the DNS host).
    pub tls_domain: Option<String>,
}

impl Default for BalanceOptions {
    fn default() -> Self {
        Self {
            connect: ConnectOptions::default(),
            refresh: Duration::from_secs(10),
            tls_domain: None,
        }
    }
}

/// Connects to every backend of `target`: `dns:///host:port` or `host:port` (all addresses the
/// name resolves to), or a comma-separated list `a:1,b:2`.
pub async fn connect_balanced(target: &str, options: BalanceOptions) -> Result<Client, Error> {
    let target = target.trim().trim_start_matches("dns:///");
    if target.contains(',') {
        let mut addrs = Vec::new();
        for part in target.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let mut resolved =
                tokio::net::lookup_host(part)
                    .await
                    .map_err(|e| Error::InvalidAddress {
                        addr: part.to_string(),
                        reason: e.to_string(),
                    })?;
            if let Some(a) = resolved.next() {
                addrs.push(a);
            }
        }
        return connect_with_resolver(Arc::new(StaticResolver(addrs)), target, options).await;
    }
    let resolver = Arc::new(DnsResolver {
        target: target.to_string(),
    });
    connect_with_resolver(resolver, target, options).await
}

/// Balances over whatever `resolver` returns, re-resolving every `options.refresh`.
pub async fn connect_with_resolver(
    resolver: Arc<dyn Resolver>,
    name: &str,
    options: BalanceOptions,
) -> Result<Client, Error> {
    let initial = resolver
        .resolve()
        .await
        .map_err(|e| Error::InvalidAddress {
            addr: name.to_string(),
            reason: format!("resolving: {e}"),
        })?;
    if initial.is_empty() {
        return Err(Error::InvalidAddress {
            addr: name.to_string(),
            reason: "resolves to no address".into(),
        });
    }
    let (channel, tx) = Channel::balance_channel::<SocketAddr>(64);
    let tls = options.connect.tls.clone();
    let domain = options.tls_domain.clone().or_else(|| {
        name.rsplit_once(':')
            .map(|(host, _)| host.to_string())
            .filter(|h| h.parse::<std::net::IpAddr>().is_err())
    });
    let make_endpoint = move |addr: SocketAddr| -> Option<tonic::transport::Endpoint> {
        let scheme = if tls.is_some() { "https" } else { "http" };
        let mut ep = endpoint(&format!("{scheme}://{addr}")).ok()?;
        if let Some(t) = &tls {
            let mut t = t.clone();
            if t.domain.is_none() {
                t.domain = domain.clone();
            }
            ep = ep.tls_config(crate::client_tls(&t)).ok()?;
        }
        Some(ep)
    };
    let mut current = BTreeSet::new();
    for addr in initial {
        if let Some(ep) = make_endpoint(addr)
            && tx.send(Change::Insert(addr, ep)).await.is_ok()
        {
            current.insert(addr);
        }
    }
    let refresh = options.refresh;
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(refresh).await;
            if tx.is_closed() {
                return; // every Client clone is gone
            }
            let Ok(found) = resolver.resolve().await else {
                continue; // keep the last known set on a failed lookup
            };
            if found.is_empty() {
                continue;
            }
            let found: BTreeSet<SocketAddr> = found.into_iter().collect();
            for gone in current.difference(&found).copied().collect::<Vec<_>>() {
                if tx.send(Change::Remove(gone)).await.is_err() {
                    return;
                }
                current.remove(&gone);
            }
            for new in found.difference(&current).copied().collect::<Vec<_>>() {
                if let Some(ep) = make_endpoint(new) {
                    if tx.send(Change::Insert(new, ep)).await.is_err() {
                        return;
                    }
                    current.insert(new);
                }
            }
        }
    });
    let mut client = Client::from_channel(channel);
    client.authorization = crate::authorization(&options.connect, name)?;
    Ok(client)
}
