//! A real HTTP/1.1 origin on 127.0.0.1 for the fetch tests, with hand-written responses (so
//! lengths, encodings and stalls are exactly as stated) and a connection counter, which proves
//! that refused fetches never connect.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const ARTICLE: &str = "<!doctype html><html><head><title>Headline</title></head>\
                       <body><article><p>Body text.</p></article></body></html>";
/// The fetchers' body limit in the fetch tests.
pub const LIMIT: usize = 1000;

const LISTING: &str = r#"<html><head><title>Front page</title></head><body><main>
<section><h2>Latest</h2><ul>
<li><a href="/news/2024/03/14/one-story">First story headline on the front page</a></li>
<li><a href="/news/2024/03/14/two-story">Second story headline on the front page</a></li>
<li><a href="/news/2024/03/14/three-story">Third story headline on the front page</a></li>
</ul></section></main></body></html>"#;

/// "Café crème" in windows-1252 bytes, in a page that names no charset of its own.
const LATIN1_ARTICLE: &[u8] = b"<html><head><title>Caf\xe9 cr\xe8me prices rise again</title></head><body><article>\
<h1>Caf\xe9 cr\xe8me prices rise again</h1><p>The price of a caf\xe9 cr\xe8me in the old town rose again this \
month, the third rise this year, and owners say the cost of milk is to blame.</p><p>Regulars at the \
market caf\xe9s said they would keep coming, though some now order a smaller cup than before.</p>\
</article></body></html>";

/// An HTTP/1.1 origin on 127.0.0.1:0 with hand-written answers per path; counts connections.
pub struct Origin {
    pub addr: SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl Origin {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, addr));
            }
        });
        Self { addr, connections }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

fn head(status: &str, headers: &[(&str, String)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

fn response(status: &str, content_type: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut headers = vec![("Content-Length", body.len().to_string())];
    if let Some(ct) = content_type {
        headers.push(("Content-Type", ct.to_string()));
    }
    let mut out = head(status, &headers);
    out.extend_from_slice(body);
    out
}

fn redirect(status: &str, location: &str) -> Vec<u8> {
    head(
        status,
        &[
            ("Location", location.to_string()),
            ("Content-Length", "0".into()),
        ],
    )
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

async fn serve(mut stream: TcpStream, me: SocketAddr) {
    let mut request = Vec::new();
    let mut buf = [0u8; 2048];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
        if request.len() > 64 * 1024 {
            return;
        }
    }
    let request = String::from_utf8_lossy(&request).into_owned();
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let html = Some("text/html; charset=utf-8");
    // Write errors are expected: the client hangs up on refused and oversized answers.
    let out = match path.as_str() {
        "/article" => response("200 OK", html, ARTICLE.as_bytes()),
        // A full news article (the server tests' page) and a listing, for the gRPC tests.
        "/news/solar-ferry" => response("200 OK", html, super::ARTICLE_HTML.as_bytes()),
        "/old-address" => redirect("301 Moved Permanently", "/news/solar-ferry"),
        "/front" => response("200 OK", html, LISTING.as_bytes()),
        "/latin1-article" => response(
            "200 OK",
            Some("text/html; charset=windows-1252"),
            LATIN1_ARTICLE,
        ),
        "/latin1" => response(
            "200 OK",
            Some("text/html; charset=windows-1252"),
            b"<html><body><p>Caf\xe9</p></body></html>",
        ),
        "/no-type" => response("200 OK", None, ARTICLE.as_bytes()),
        "/user-agent" => {
            let ua = request
                .lines()
                .find_map(|l| l.strip_prefix("user-agent: "))
                .unwrap_or("(none)")
                .to_string();
            response("200 OK", Some("text/plain"), ua.as_bytes())
        }
        "/png" => response("200 OK", Some("image/png"), b"\x89PNG\r\n\x1a\n"),
        "/pdf" => response("200 OK", Some("application/pdf"), b"%PDF-1.7"),
        "/missing" => response("404 Not Found", html, b"<p>no such page</p>"),
        "/broken" => response("500 Internal Server Error", html, b"oops"),
        "/exact" => response("200 OK", html, &[b'a'; LIMIT]),
        "/big-length" => response("200 OK", html, &[b'a'; 5 * LIMIT]),
        "/big-close" => {
            // No Content-Length: the body runs until the connection closes.
            let mut out = head("200 OK", &[("Content-Type", "text/html".into())]);
            out.extend_from_slice(&[b'a'; 5 * LIMIT]);
            out
        }
        "/big-chunked" => {
            let mut out = head(
                "200 OK",
                &[
                    ("Content-Type", "text/html".into()),
                    ("Transfer-Encoding", "chunked".into()),
                ],
            );
            for _ in 0..10 {
                out.extend_from_slice(format!("{:x}\r\n", LIMIT / 2).as_bytes());
                out.extend_from_slice(&[b'a'; LIMIT / 2]);
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"0\r\n\r\n");
            out
        }
        "/gzip" | "/gzip-bomb" => {
            let plain = if path == "/gzip" {
                ARTICLE.as_bytes().to_vec()
            } else {
                vec![b' '; 1000 * LIMIT]
            };
            let packed = gzip(&plain);
            let mut out = head(
                "200 OK",
                &[
                    ("Content-Type", "text/html".into()),
                    ("Content-Encoding", "gzip".into()),
                    ("Content-Length", packed.len().to_string()),
                ],
            );
            out.extend_from_slice(&packed);
            out
        }
        "/slow-head" => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            response("200 OK", html, ARTICLE.as_bytes())
        }
        "/slow-body" => {
            let mut first = head(
                "200 OK",
                &[
                    ("Content-Type", "text/html".into()),
                    ("Content-Length", "100".into()),
                ],
            );
            first.extend_from_slice(b"<html>");
            let _ = stream.write_all(&first).await;
            tokio::time::sleep(Duration::from_secs(5)).await;
            b"</html>".to_vec()
        }
        "/redirect" => redirect("302 Found", "/article"),
        "/redirect-absolute" => redirect("301 Moved Permanently", &format!("http://{me}/article")),
        "/redirect-localhost" => redirect(
            "307 Temporary Redirect",
            &format!("http://localhost:{}/article", me.port()),
        ),
        "/loop" => redirect("302 Found", "/loop"),
        "/to-metadata" => redirect("302 Found", "http://169.254.169.254/latest/meta-data/"),
        "/to-metadata-v6" => redirect("302 Found", "http://[fd00:ec2::254]/latest/meta-data/"),
        "/to-private" => redirect("301 Moved Permanently", "http://10.0.0.1/"),
        "/to-mapped" => redirect("302 Found", "http://[::ffff:192.168.0.1]/"),
        "/to-file" => redirect("302 Found", "file:///etc/passwd"),
        "/no-location" => response("302 Found", html, b""),
        p if p.starts_with("/chain/") => {
            let n: usize = p["/chain/".len()..].parse().unwrap_or(0);
            if n == 0 {
                response("200 OK", html, ARTICLE.as_bytes())
            } else {
                redirect("302 Found", &format!("/chain/{}", n - 1))
            }
        }
        _ => response("404 Not Found", None, b""),
    };
    let _ = stream.write_all(&out).await;
    let _ = stream.shutdown().await;
}
