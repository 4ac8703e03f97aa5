//! tower middleware around the article service only (health and reflection stay outside, so
//! probes answer under any load). From the outside in:
//!
//! 1. [`MetricsLayer`]: in-flight gauge, calls by method and code, latency histogram;
//! 2. tracing: one span per RPC (method, request bytes, status code, duration, engine timings),
//!    parented on an incoming W3C `traceparent`;
//! 3. [`AuthLayer`]: the bearer token, when one is configured (before any capacity is used);
//! 4. [`StatusLayer`]: turns middleware errors into gRPC statuses (shed → UNAVAILABLE) and
//!    tonic's OUT_OF_RANGE for oversized messages into RESOURCE_EXHAUSTED naming the limit;
//! 5. load shedding over a concurrency limit: calls beyond the limit are refused at once;
//! 6. [`DeadlineLayer`]: the caller's `grpc-timeout` capped by the server's default.

use crate::metrics::Metrics;
use crate::status::{ServiceError, request_too_large};
use http::{HeaderMap, Request, Response};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tonic::body::Body;
use tonic::server::NamedService;
use tower::util::BoxCloneSyncService;
use tower::{BoxError, Layer, Service, ServiceBuilder, ServiceExt};
use tracing::Span;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// The deadline of the current call, for handlers (put in the request's extensions).
#[derive(Debug, Clone, Copy)]
pub struct Deadline(pub Instant);

/// The article service with its middleware, still addressable by its gRPC name.
#[derive(Clone)]
pub struct Guarded {
    inner: BoxCloneSyncService<Request<Body>, Response<Body>, Infallible>,
}

impl NamedService for Guarded {
    const NAME: &'static str = <article_proto::v1::article_service_server::ArticleServiceServer<
        crate::rpc::Articles,
    > as NamedService>::NAME;
}

impl Service<Request<Body>> for Guarded {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Response<Body>, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        Box::pin(self.inner.call(req))
    }
}

/// Wraps the generated article service in the middleware stack.
pub fn guard<S>(
    svc: S,
    metrics: Arc<Metrics>,
    token: Option<crate::config::Secret>,
    max_concurrent: usize,
    timeout_cap: Duration,
    max_request_bytes: usize,
) -> Guarded
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Future: Send + 'static,
{
    let stack = ServiceBuilder::new()
        .layer(MetricsLayer {
            metrics: Arc::clone(&metrics),
        })
        .map_response(|r: Response<_>| r.map(Body::new))
        .layer(
            tower_http::trace::TraceLayer::new_for_grpc()
                .make_span_with(make_span)
                .on_request(())
                .on_response(on_response)
                .on_failure(on_failure),
        )
        .layer(AuthLayer {
            token: token.map(Arc::new),
        })
        .layer(StatusLayer {
            max_concurrent,
            max_request_bytes,
            metrics,
        })
        .load_shed()
        .concurrency_limit(max_concurrent)
        .layer(DeadlineLayer { cap: timeout_cap })
        .service(svc);
    Guarded {
        inner: BoxCloneSyncService::new(stack.map_err(|e: Infallible| match e {})),
    }
}

fn make_span(req: &Request<Body>) -> Span {
    let span = tracing::info_span!(
        "rpc",
        otel.name = %req.uri().path().trim_start_matches('/'),
        otel.kind = "server",
        rpc.system = "grpc",
        rpc.method = %req.uri().path(),
        request_bytes = tracing::field::Empty,
        grpc.code = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
        parse_us = tracing::field::Empty,
        extract_us = tracing::field::Empty,
        is_article = tracing::field::Empty,
        headlines = tracing::field::Empty,
    );
    crate::telemetry::set_remote_parent(&span, req.headers());
    span
}

fn on_response<B>(res: &Response<B>, latency: Duration, span: &Span) {
    let code = grpc_code(res.headers());
    span.record("grpc.code", crate::status::code_name(code));
    span.record("duration_ms", latency.as_secs_f64() * 1000.0);
    if code == tonic::Code::Ok {
        tracing::info!(parent: span, "rpc ok");
    } else {
        tracing::warn!(parent: span, grpc_status = code as i32, "rpc failed");
    }
}

fn on_failure(class: tower_http::classify::GrpcFailureClass, latency: Duration, span: &Span) {
    span.record("duration_ms", latency.as_secs_f64() * 1000.0);
    if let tower_http::classify::GrpcFailureClass::Status(status) = class {
        span.record(
            "grpc.code",
            crate::status::code_name(tonic::Code::from_i32(status.code_raw())),
        );
    }
}

/// Maps middleware errors and tonic's own statuses to the contract's statuses.
#[derive(Clone)]
pub struct StatusLayer {
    max_concurrent: usize,
    max_request_bytes: usize,
    metrics: Arc<Metrics>,
}

impl<S> Layer<S> for StatusLayer {
    type Service = StatusService<S>;
    fn layer(&self, inner: S) -> Self::Service {
        StatusService {
            inner,
            cfg: self.clone(),
        }
    }
}

#[derive(Clone)]
pub struct StatusService<S> {
    inner: S,
    cfg: StatusLayer,
}

impl<S> Service<Request<Body>> for StatusService<S>
where
    S: Service<Request<Body>, Response = Response<Body>>,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Response<Body>, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        // Load shedding never reports "not ready"; a readiness error surfaces on call.
        match self.inner.poll_ready(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(_) => Poll::Ready(Ok(())),
        }
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let cfg = self.cfg.clone();
        let fut = self.inner.call(req);
        Box::pin(async move {
            match fut.await {
                Ok(res) => Ok(rewrite_oversize(res, cfg.max_request_bytes)),
                Err(err) => {
                    let err: BoxError = err.into();
                    let status: tonic::Status = if err.is::<tower::load_shed::error::Overloaded>() {
                        cfg.metrics.shed();
                        ServiceError::Overloaded(cfg.max_concurrent).into()
                    } else {
                        ServiceError::Internal(err.to_string()).into()
                    };
                    Ok(status.into_http())
                }
            }
        })
    }
}

/// Checks `authorization: Bearer <token>` in constant time.
#[derive(Clone)]
pub struct AuthLayer {
    token: Option<Arc<crate::config::Secret>>,
}

impl<S> Layer<S> for AuthLayer {
    type Service = AuthService<S>;
    fn layer(&self, inner: S) -> Self::Service {
        AuthService {
            inner,
            token: self.token.clone(),
        }
    }
}

#[derive(Clone)]
pub struct AuthService<S> {
    inner: S,
    token: Option<Arc<crate::config::Secret>>,
}

impl<S> Service<Request<Body>> for AuthService<S>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Response<Body>, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        if let Some(token) = &self.token
            && let Err(why) = check_bearer(req.headers(), &token.0)
        {
            let status = tonic::Status::from(ServiceError::Unauthenticated(why));
            return Box::pin(async move { Ok(status.into_http()) });
        }
        Box::pin(self.inner.call(req))
    }
}

fn check_bearer(headers: &HeaderMap, expected: &str) -> Result<(), &'static str> {
    use subtle::ConstantTimeEq;
    let value = headers
        .get(http::header::AUTHORIZATION)
        .ok_or("missing authorization metadata: send \"authorization: Bearer <token>\"")?;
    let presented = value
        .as_bytes()
        .strip_prefix(b"Bearer ")
        .ok_or("authorization metadata must be \"Bearer <token>\"")?;
    if bool::from(presented.ct_eq(expected.as_bytes())) {
        Ok(())
    } else {
        Err("invalid bearer token")
    }
}

/// Counts calls and their outcome for Prometheus.
#[derive(Clone)]
pub struct MetricsLayer {
    metrics: Arc<Metrics>,
}

impl<S> Layer<S> for MetricsLayer {
    type Service = MetricsService<S>;
    fn layer(&self, inner: S) -> Self::Service {
        MetricsService {
            inner,
            metrics: Arc::clone(&self.metrics),
        }
    }
}

#[derive(Clone)]
pub struct MetricsService<S> {
    inner: S,
    metrics: Arc<Metrics>,
}

impl<S> Service<Request<Body>> for MetricsService<S>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Response<Body>, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let metrics = Arc::clone(&self.metrics);
        let method = req.uri().path().to_string();
        let started = Instant::now();
        metrics.call_started();
        let fut = self.inner.call(req);
        Box::pin(async move {
            let result = fut.await;
            let code = match &result {
                Ok(res) => grpc_code(res.headers()),
                Err(e) => match *e {},
            };
            metrics.call_finished(&method, crate::status::code_name(code), started.elapsed());
            result
        })
    }
}

/// The status of a response whose status is in its headers (errors are "trailers-only");
/// OK when absent, as for unary successes whose status travels in trailers.
fn grpc_code(headers: &HeaderMap) -> tonic::Code {
    let code = headers
        .get("grpc-status")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i32>().ok())
        .unwrap_or(0);
    tonic::Code::from_i32(code)
}

/// tonic answers a message over `max_decoding_message_size` with OUT_OF_RANGE; the gRPC
/// convention (and our contract) is RESOURCE_EXHAUSTED naming the limit.
fn rewrite_oversize(res: Response<Body>, limit: usize) -> Response<Body> {
    let is_oversize = res.headers().get("grpc-status").is_some_and(|v| v == "11")
        && tonic::Status::from_header_map(res.headers())
            .is_some_and(|s| s.message().contains("message length too large"));
    if is_oversize {
        request_too_large(limit).into_http()
    } else {
        res
    }
}

/// Applies the call's deadline: the caller's `grpc-timeout`, capped by the server default.
#[derive(Clone, Copy)]
pub struct DeadlineLayer {
    cap: Duration,
}

impl<S> Layer<S> for DeadlineLayer {
    type Service = DeadlineService<S>;
    fn layer(&self, inner: S) -> Self::Service {
        DeadlineService {
            inner,
            cap: self.cap,
        }
    }
}

#[derive(Clone)]
pub struct DeadlineService<S> {
    inner: S,
    cap: Duration,
}

impl<S> Service<Request<Body>> for DeadlineService<S>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Response<Body>, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<Body>) -> Self::Future {
        // A bulk stream may run far longer than one call: only the caller's own deadline bounds
        // it (each of its items gets the server's cap).
        let cap = if req.uri().path().ends_with("/ExtractArticles") {
            Duration::MAX
        } else {
            self.cap
        };
        let timeout = grpc_timeout(req.headers()).map_or(cap, |t| t.min(cap));
        // Duration::MAX would overflow an Instant: then there is no deadline to hand down.
        if let Some(deadline) = Instant::now().checked_add(timeout) {
            req.extensions_mut().insert(Deadline(deadline));
        }
        let fut = self.inner.call(req);
        Box::pin(async move {
            match tokio::time::timeout(timeout, fut).await {
                Ok(res) => res,
                Err(_) => {
                    Ok(tonic::Status::from(ServiceError::DeadlineExceeded(timeout)).into_http())
                }
            }
        })
    }
}

/// Parses the `grpc-timeout` header: up to 8 digits and a unit (H, M, S, m, u, n).
pub fn grpc_timeout(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get("grpc-timeout")?.to_str().ok()?;
    if v.len() < 2 || v.len() > 9 {
        return None;
    }
    let (digits, unit) = v.split_at(v.len() - 1);
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n.saturating_mul(3600)),
        "M" => Duration::from_secs(n.saturating_mul(60)),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn status_after(header: Option<&str>, cap: Duration, work: Duration) -> String {
        let slow = tower::service_fn(move |_req: Request<Body>| async move {
            tokio::time::sleep(work).await;
            Ok::<_, Infallible>(Response::new(Body::empty()))
        });
        let mut svc = DeadlineLayer { cap }.layer(slow);
        let mut req = Request::new(Body::empty());
        if let Some(h) = header {
            req.headers_mut()
                .insert("grpc-timeout", h.parse().expect("header"));
        }
        let res = svc.call(req).await.expect("infallible");
        res.headers()
            .get("grpc-status")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("none")
            .to_string()
    }

    #[tokio::test]
    async fn deadline_from_the_caller_and_the_cap() {
        let long = Duration::from_secs(30);
        // The caller's 20 ms deadline ends a 30 s job with DEADLINE_EXCEEDED (code 4).
        assert_eq!(status_after(Some("20m"), long, long).await, "4");
        // The server cap wins over a longer caller deadline.
        assert_eq!(
            status_after(Some("100S"), Duration::from_millis(20), long).await,
            "4"
        );
        // No header: the cap applies.
        assert_eq!(
            status_after(None, Duration::from_millis(20), long).await,
            "4"
        );
        // Fast work passes through untouched.
        assert_eq!(
            status_after(Some("5S"), long, Duration::from_millis(1)).await,
            "none"
        );
    }

    #[test]
    fn grpc_timeout_units() {
        let mut h = HeaderMap::new();
        for (v, d) in [
            ("5S", Duration::from_secs(5)),
            ("250m", Duration::from_millis(250)),
            ("1H", Duration::from_secs(3600)),
            ("10u", Duration::from_micros(10)),
        ] {
            h.insert("grpc-timeout", v.parse().expect("header"));
            assert_eq!(grpc_timeout(&h), Some(d), "{v}");
        }
        for bad in ["", "S", "5x", "123456789S", "-1S"] {
            h.insert("grpc-timeout", bad.parse().expect("header"));
            assert_eq!(grpc_timeout(&h), None, "{bad}");
        }
    }
}
