//! `articlectl` against a real server on port 0.

use std::process::Command;

async fn start_server() -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(article_server::run(
        listener,
        article_server::Config::with_listen(addr),
        async {
            let _ = rx.await;
        },
    ));
    (addr.to_string(), tx)
}

fn articlectl(args: &[&str], stdin: Option<&[u8]>) -> (bool, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_articlectl"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn articlectl");
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.unwrap_or_default()).expect("stdin");
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const PAGE: &str = "<html lang='en'><body><article><p>The harbour authority said on Monday that \
    the new pier would open in May, after two years of work and a long dispute over costs.</p>\
    <p>Fishermen welcomed the news and said the old pier had become unsafe in winter storms.</p>\
    </article></body></html>";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extract_headlines_and_health_print_json() {
    let (addr, _stop) = start_server().await;
    let dir = std::env::temp_dir().join(format!("articlectl-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let file = dir.join("page.html");
    std::fs::write(&file, PAGE).expect("write page");
    let file = file.to_string_lossy().into_owned();

    let (ok, out, err) = tokio::task::block_in_place(|| {
        articlectl(
            &[
                "extract",
                &file,
                "--url",
                "https://example.org/pier",
                "--addr",
                &addr,
            ],
            None,
        )
    });
    assert!(ok, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("protobuf JSON");
    assert_eq!(json["isArticle"], true);
    assert!(
        json["article"]["text"]
            .as_str()
            .unwrap_or("")
            .contains("new pier")
    );

    let (ok, out, err) = tokio::task::block_in_place(|| {
        articlectl(&["headlines", "-", "--addr", &addr], Some(PAGE.as_bytes()))
    });
    assert!(ok, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("protobuf JSON");
    assert!(json.get("diagnostics").is_some(), "{out}");

    let (ok, out, _) =
        tokio::task::block_in_place(|| articlectl(&["health", "--addr", &addr], None));
    assert!(ok);
    assert!(out.contains("SERVING"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn clear_messages_for_missing_files_and_unreachable_servers() {
    let (ok, _, err) = articlectl(
        &["extract", "/no/such/page.html", "--addr", "127.0.0.1:1"],
        None,
    );
    assert!(!ok);
    assert!(err.contains("cannot read /no/such/page.html"), "{err}");
    let (ok, _, err) = articlectl(&["health", "--addr", "127.0.0.1:1"], None);
    assert!(!ok);
    assert!(
        err.contains("cannot reach the server at 127.0.0.1:1"),
        "{err}"
    );
}

/// An HTTP origin on 127.0.0.1 that answers every request with `PAGE`.
async fn start_origin() -> std::net::SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind origin");
    let addr = listener.local_addr().expect("origin addr");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let head = format!(
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
                    PAGE.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(PAGE.as_bytes()).await;
            });
        }
    });
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn url_alone_asks_the_server_to_fetch() {
    let origin = start_origin().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let mut config = article_server::Config::with_listen(addr);
    config.allow_fetch = true;
    config.fetch_allow = vec![article_server::fetch::parse_cidr("127.0.0.1").expect("cidr")];
    let (_stop, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(article_server::run(listener, config, async {
        let _ = rx.await;
    }));
    let addr = addr.to_string();
    let page_url = format!("http://{origin}/pier");

    let (ok, out, err) = tokio::task::block_in_place(|| {
        articlectl(&["extract", "--url", &page_url, "--addr", &addr], None)
    });
    assert!(ok, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("protobuf JSON");
    assert_eq!(json["finalUrl"], page_url.as_str());
    assert!(
        json["article"]["text"]
            .as_str()
            .unwrap_or("")
            .contains("new pier")
    );

    let (ok, _out, err) = tokio::task::block_in_place(|| {
        articlectl(&["headlines", "--url", &page_url, "--addr", &addr], None)
    });
    assert!(ok, "{err}");

    // Neither a file nor --url: clap says what is missing.
    let (ok, _out, err) =
        tokio::task::block_in_place(|| articlectl(&["extract", "--addr", &addr], None));
    assert!(!ok);
    assert!(err.contains("--url") || err.contains("FILES"), "{err}");
}
