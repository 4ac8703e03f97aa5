//! Rust client for `article.v1.ArticleService`.
//!
//! The generated stubs are re-exported as [`proto`]; [`Client`] is a small convenience layer:
//! [`connect`] to an address, then [`Client::extract_article`] / [`Client::list_headlines`] with
//! a page's bytes and URL. [`to_json`] renders any response as protobuf JSON (what
//! `articlectl` prints, and what grpcurl shows).

pub use article_proto::v1 as proto;

pub mod balance;
pub use balance::{BalanceOptions, connect_balanced};

use proto::article_service_client::ArticleServiceClient;
use std::time::Duration;
use tonic::transport::{Channel, Endpoint};

/// What a client call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid server address {addr:?}: {reason}")]
    InvalidAddress { addr: String, reason: String },
    #[error("cannot reach the server at {addr}: {source}")]
    Unreachable {
        addr: String,
        #[source]
        source: tonic::transport::Error,
    },
    #[error("{}: {}", .0.code(), .0.message())]
    Status(#[from] tonic::Status),
    #[error("rendering JSON: {0}")]
    Json(String),
}

/// A connected client. Cheap to clone: clones share one HTTP/2 channel.
#[derive(Clone)]
pub struct Client {
    inner: ArticleServiceClient<Channel>,
    channel: Channel,
    timeout: Option<Duration>,
    authorization: Option<AuthValue>,
}

/// TLS settings for [`connect_with`]: PEM bytes.
#[derive(Clone, Default)]
pub struct TlsOptions {
    /// CA certificate(s) that signed the server's certificate.
    pub ca_pem: Option<Vec<u8>>,
    /// Client certificate and key, for servers that require mutual TLS.
    pub identity_pem: Option<(Vec<u8>, Vec<u8>)>,
    /// Name to verify in the server's certificate, when it differs from the address's host.
    pub domain: Option<String>,
}

/// How to reach a server: TLS and a bearer token, both optional.
#[derive(Clone, Default)]
pub struct ConnectOptions {
    pub tls: Option<TlsOptions>,
    pub token: Option<String>,
}

/// Turns `host:port` or a full URI into an endpoint with sensible client defaults.
pub fn endpoint(addr: &str) -> Result<Endpoint, Error> {
    let uri = if addr.contains("://") {
        addr.to_string()
    } else {
        format!("http://{addr}")
    };
    Endpoint::from_shared(uri)
        .map(|e| {
            e.connect_timeout(Duration::from_secs(5))
                .tcp_nodelay(true)
                .http2_keep_alive_interval(Duration::from_secs(30))
        })
        .map_err(|e| Error::InvalidAddress {
            addr: addr.to_string(),
            reason: e.to_string(),
        })
}

/// Connects to a server at `addr` (`host:port` or `http://host:port`).
pub async fn connect(addr: &str) -> Result<Client, Error> {
    connect_with(addr, &ConnectOptions::default()).await
}

/// Connects with TLS and/or a bearer token. With TLS, `host:port` means `https://host:port`.
pub async fn connect_with(addr: &str, options: &ConnectOptions) -> Result<Client, Error> {
    let mut ep = if options.tls.is_some() && !addr.contains("://") {
        endpoint(&format!("https://{addr}"))?
    } else {
        endpoint(addr)?
    };
    if let Some(tls) = &options.tls {
        ep = ep
            .tls_config(client_tls(tls))
            .map_err(|e| Error::InvalidAddress {
                addr: addr.to_string(),
                reason: format!("TLS settings: {e}"),
            })?;
    }
    let channel = ep.connect().await.map_err(|source| Error::Unreachable {
        addr: addr.to_string(),
        source,
    })?;
    let mut client = Client::from_channel(channel);
    client.authorization = authorization(options, addr)?;
    Ok(client)
}

pub(crate) fn client_tls(tls: &TlsOptions) -> tonic::transport::ClientTlsConfig {
    let mut cfg = tonic::transport::ClientTlsConfig::new();
    if let Some(ca) = &tls.ca_pem {
        cfg = cfg.ca_certificate(tonic::transport::Certificate::from_pem(ca));
    }
    if let Some((cert, key)) = &tls.identity_pem {
        cfg = cfg.identity(tonic::transport::Identity::from_pem(cert, key));
    }
    if let Some(domain) = &tls.domain {
        cfg = cfg.domain_name(domain.clone());
    }
    cfg
}

type AuthValue = tonic::metadata::MetadataValue<tonic::metadata::Ascii>;

pub(crate) fn authorization(
    options: &ConnectOptions,
    addr: &str,
) -> Result<Option<AuthValue>, Error> {
    options
        .token
        .as_ref()
        .map(|token| {
            format!("Bearer {}", token.trim())
                .parse()
                .map_err(|_| Error::InvalidAddress {
                    addr: addr.to_string(),
                    reason: "the token has characters not allowed in metadata".into(),
                })
        })
        .transpose()
}

impl Client {
    /// Wraps an existing channel (e.g. one balanced over several endpoints).
    pub fn from_channel(channel: Channel) -> Self {
        Self {
            inner: ArticleServiceClient::new(channel.clone())
                .max_decoding_message_size(64 * 1024 * 1024),
            channel,
            timeout: None,
            authorization: None,
        }
    }

    /// Sets a deadline for each call (sent as `grpc-timeout`).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    fn request<T>(&self, msg: T) -> tonic::Request<T> {
        let mut req = tonic::Request::new(msg);
        if let Some(t) = self.timeout {
            req.set_timeout(t);
        }
        if let Some(auth) = &self.authorization {
            req.metadata_mut().insert("authorization", auth.clone());
        }
        req
    }

    /// Extracts the article from a page's bytes.
    pub async fn extract_article(
        &self,
        html: impl Into<Vec<u8>>,
        url: &str,
    ) -> Result<proto::ExtractArticleResponse, Error> {
        self.extract(proto::ExtractArticleRequest {
            html: html.into(),
            url: url.to_string(),
            ..Default::default()
        })
        .await
    }

    /// ExtractArticle with every request field under the caller's control.
    pub async fn extract(
        &self,
        request: proto::ExtractArticleRequest,
    ) -> Result<proto::ExtractArticleResponse, Error> {
        let mut inner = self.inner.clone();
        Ok(inner
            .extract_article(self.request(request))
            .await?
            .into_inner())
    }

    /// Extracts many pages over one ExtractArticles stream. Yields one response per request, in
    /// order; a page that failed carries its own status (the stream goes on).
    pub async fn extract_many(
        &self,
        requests: impl IntoIterator<Item = proto::ExtractArticlesRequest> + Send + 'static,
    ) -> Result<tonic::Streaming<proto::ExtractArticlesResponse>, Error>
    where
        <Vec<proto::ExtractArticlesRequest> as IntoIterator>::IntoIter: Send,
    {
        let items: Vec<_> = requests.into_iter().collect();
        let mut inner = self.inner.clone();
        let mut req = tonic::Request::new(tokio_stream::iter(items));
        if let Some(auth) = &self.authorization {
            req.metadata_mut().insert("authorization", auth.clone());
        }
        Ok(inner.extract_articles(req).await?.into_inner())
    }

    /// Lists the headlines a page shows.
    pub async fn list_headlines(
        &self,
        html: impl Into<Vec<u8>>,
        url: &str,
    ) -> Result<proto::ListHeadlinesResponse, Error> {
        self.headlines(proto::ListHeadlinesRequest {
            html: html.into(),
            url: url.to_string(),
            ..Default::default()
        })
        .await
    }

    /// ListHeadlines with every request field under the caller's control.
    pub async fn headlines(
        &self,
        request: proto::ListHeadlinesRequest,
    ) -> Result<proto::ListHeadlinesResponse, Error> {
        let mut inner = self.inner.clone();
        Ok(inner
            .list_headlines(self.request(request))
            .await?
            .into_inner())
    }

    /// The server's health for `service` ("" for the whole server).
    pub async fn health(&self, service: &str) -> Result<ServingStatus, Error> {
        let mut health = tonic_health::pb::health_client::HealthClient::new(self.channel.clone());
        let resp = health
            .check(self.request(tonic_health::pb::HealthCheckRequest {
                service: service.to_string(),
            }))
            .await?
            .into_inner();
        Ok(ServingStatus::from_i32(resp.status))
    }
}

/// A health check's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServingStatus {
    Unknown,
    Serving,
    NotServing,
    ServiceUnknown,
}

impl ServingStatus {
    fn from_i32(v: i32) -> Self {
        match v {
            1 => Self::Serving,
            2 => Self::NotServing,
            3 => Self::ServiceUnknown,
            _ => Self::Unknown,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unknown => "UNKNOWN",
            Self::Serving => "SERVING",
            Self::NotServing => "NOT_SERVING",
            Self::ServiceUnknown => "SERVICE_UNKNOWN",
        }
    }
}

/// Protobuf messages that [`to_json`] can render.
pub trait FullName {
    /// The message's fully qualified protobuf name.
    const FULL_NAME: &'static str;
}

macro_rules! full_names {
    ($($ty:ident),*) => {
        $(impl FullName for proto::$ty {
            const FULL_NAME: &'static str = concat!("article.v1.", stringify!($ty));
        })*
    };
}
full_names!(
    ExtractArticleRequest,
    ExtractArticleResponse,
    ExtractArticlesResponse,
    ListHeadlinesRequest,
    ListHeadlinesResponse,
    Article,
    Headline
);

/// Renders a message as protobuf JSON (camelCase names, RFC 3339 timestamps), as grpcurl does.
pub fn to_json<M: prost::Message + FullName>(msg: &M) -> Result<String, Error> {
    use prost_reflect::{DescriptorPool, DynamicMessage, SerializeOptions};
    let pool = DescriptorPool::decode(article_proto::FILE_DESCRIPTOR_SET)
        .map_err(|e| Error::Json(e.to_string()))?;
    let desc = pool
        .get_message_by_name(M::FULL_NAME)
        .ok_or_else(|| Error::Json(format!("unknown message {}", M::FULL_NAME)))?;
    let dynamic = DynamicMessage::decode(desc, msg.encode_to_vec().as_slice())
        .map_err(|e| Error::Json(e.to_string()))?;
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::pretty(&mut out);
    dynamic
        .serialize_with_options(&mut ser, &SerializeOptions::new())
        .map_err(|e| Error::Json(e.to_string()))?;
    String::from_utf8(out).map_err(|e| Error::Json(e.to_string()))
}
