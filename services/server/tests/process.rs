//! The real `article-server` binary as operators run it: port 0 with the bound address in the
//! log, OTLP trace export to an in-process collector (parented on the caller's `traceparent`),
//! and SIGTERM → drain → exit 0.

use article_client::proto;
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Default)]
struct Collector {
    received: Arc<Mutex<Vec<ExportTraceServiceRequest>>>,
}

#[tonic::async_trait]
impl TraceService for Collector {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        if let Ok(mut r) = self.received.lock() {
            r.push(request.into_inner());
        }
        Ok(tonic::Response::new(ExportTraceServiceResponse::default()))
    }
}

/// Starts the binary and returns it with the address it logged.
fn spawn_server(envs: &[(&str, String)]) -> (Child, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_article-server"));
    cmd.args(["--listen", "127.0.0.1:0", "--log-format", "json"])
        .env_remove("OTEL_EXPORTER_OTLP_ENDPOINT")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn article-server");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            eprintln!("server: {line}");
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line)
                && let Some(addr) = v.get("addr").and_then(|a| a.as_str())
            {
                let _ = tx.send(addr.to_string());
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the server logs the address it bound");
    (child, addr)
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
}

fn wait_exit(child: &mut Child, within: Duration) -> std::process::ExitStatus {
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if start.elapsed() > within {
            let _ = child.kill();
            panic!("server did not exit within {within:?} of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn port_zero_sigterm_exits_zero() {
    let (mut child, addr) = spawn_server(&[]);
    assert!(!addr.ends_with(":0"), "the real port is logged: {addr}");
    let client = article_client::connect(&addr).await.expect("connect");
    assert_eq!(
        client.health("").await.expect("health"),
        article_client::ServingStatus::Serving
    );
    drop(client);
    sigterm(&child);
    let status = wait_exit(&mut child, Duration::from_secs(15));
    assert!(status.success(), "exit status {status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spans_are_exported_over_otlp_with_the_callers_parent() {
    let collector = Collector::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let otlp_addr = listener.local_addr().expect("addr");
    let received = Arc::clone(&collector.received);
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(TraceServiceServer::new(collector))
            .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener)),
    );

    let (mut child, addr) = spawn_server(&[
        ("OTEL_EXPORTER_OTLP_ENDPOINT", format!("http://{otlp_addr}")),
        ("OTEL_BSP_SCHEDULE_DELAY", "100".to_string()),
    ]);
    let trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    let parent_span = "00f067aa0ba902b7";
    let channel = article_client::endpoint(&addr)
        .expect("endpoint")
        .connect()
        .await
        .expect("connect");
    let mut raw = proto::article_service_client::ArticleServiceClient::new(channel);
    let mut req = tonic::Request::new(proto::ExtractArticleRequest {
        html: b"<html><body><p>Hello from a traced call.</p></body></html>".to_vec(),
        ..Default::default()
    });
    req.metadata_mut().insert(
        "traceparent",
        format!("00-{trace_id}-{parent_span}-01")
            .parse()
            .expect("meta"),
    );
    raw.extract_article(req).await.expect("extract");
    drop(raw);
    sigterm(&child);
    let status = wait_exit(&mut child, Duration::from_secs(20));
    assert!(status.success(), "exit status {status:?}");

    let received = received.lock().expect("lock");
    let spans: Vec<_> = received
        .iter()
        .flat_map(|r| &r.resource_spans)
        .flat_map(|rs| &rs.scope_spans)
        .flat_map(|ss| &ss.spans)
        .collect();
    let rpc = spans
        .iter()
        .find(|s| s.name.contains("ExtractArticle"))
        .unwrap_or_else(|| {
            panic!(
                "an ExtractArticle span was exported; got {:?}",
                spans.iter().map(|s| &s.name).collect::<Vec<_>>()
            )
        });
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    assert_eq!(hex(&rpc.trace_id), trace_id, "joined the caller's trace");
    assert_eq!(
        hex(&rpc.parent_span_id),
        parent_span,
        "parented on the caller's span"
    );
    let keys: Vec<&str> = rpc.attributes.iter().map(|a| a.key.as_str()).collect();
    for key in ["rpc.method", "grpc.code", "request_bytes", "parse_us"] {
        assert!(keys.contains(&key), "span has {key}: {keys:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_under_load_loses_no_in_flight_call() {
    let (mut child, addr) = spawn_server(&[("ARTICLE_WORKERS", "2".to_string())]);
    let client = article_client::connect(&addr).await.expect("connect");
    let mut page = String::from("<html><body><article>");
    for i in 0..3_000 {
        page.push_str(&format!(
            "<p>Paragraph {i} of a long report on the river crossing and its new ferry.</p>"
        ));
    }
    page.push_str("</article></body></html>");
    let t0 = std::time::Instant::now();
    let stop_at = Duration::from_millis(700);
    let mut callers = Vec::new();
    for _ in 0..8 {
        let client = client.clone();
        let page = page.clone();
        callers.push(tokio::spawn(async move {
            let mut calls = Vec::new();
            while t0.elapsed() < Duration::from_millis(1_500) {
                let start = t0.elapsed();
                let r = client.extract_article(page.clone(), "").await;
                let code = match &r {
                    Ok(_) => tonic::Code::Ok,
                    Err(article_client::Error::Status(s)) => s.code(),
                    Err(_) => tonic::Code::Unavailable,
                };

                calls.push((start, t0.elapsed(), code));
                if code != tonic::Code::Ok {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
            calls
        }));
    }
    tokio::time::sleep(stop_at).await;
    let sigterm_at = t0.elapsed();
    sigterm(&child);
    let mut in_flight = 0;
    let mut ok_total = 0;
    for c in callers {
        for (start, end, code) in c.await.expect("join") {
            if code == tonic::Code::Ok {
                ok_total += 1;
            }
            // Started well before SIGTERM, still running at it: the server had it in flight.
            if start + Duration::from_millis(50) < sigterm_at && end > sigterm_at {
                in_flight += 1;
                assert_eq!(
                    code,
                    tonic::Code::Ok,
                    "an in-flight call failed ({start:?}..{end:?})"
                );
            }
            // Calls made before shutdown all succeed; calls made after it may only be refused
            // (connection closing: CANCELLED; closed: UNAVAILABLE), never half-served.
            if start + Duration::from_millis(50) < sigterm_at {
                assert_eq!(code, tonic::Code::Ok, "a call made before SIGTERM failed");
            } else {
                assert!(
                    matches!(
                        code,
                        tonic::Code::Ok | tonic::Code::Unavailable | tonic::Code::Cancelled
                    ),
                    "unexpected {code:?} for a call made at {start:?}"
                );
            }
        }
    }
    let status = wait_exit(&mut child, Duration::from_secs(20));
    assert!(status.success(), "exit status {status:?}");
    assert!(ok_total > 0);
    eprintln!("{ok_total} calls served, {in_flight} in flight at SIGTERM, all completed");
}
