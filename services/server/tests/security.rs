//! TLS, mutual TLS and the bearer token, with certificates made by the test (rcgen).

mod common;

use article_client::{ConnectOptions, ServingStatus, TlsOptions};
use common::{ARTICLE_HTML, ARTICLE_URL, TestServer};
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use std::path::PathBuf;
use tonic::Code;

struct Pki {
    dir: PathBuf,
    ca_pem: String,
    client_cert: String,
    client_key: String,
}

impl Pki {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("article-pki-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("pki dir");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("ca params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "article test CA");
        let ca =
            CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("key")).expect("ca");
        let leaf = |name: &str| {
            let key = KeyPair::generate().expect("key");
            let params = CertificateParams::new(vec![name.to_string()]).expect("params");
            let cert = params.signed_by(&key, &ca).expect("sign");
            (cert.pem(), key.serialize_pem())
        };
        let (server_cert, server_key) = leaf("localhost");
        let (client_cert, client_key) = leaf("article-client");
        for (file, pem) in [
            ("ca.pem", ca.pem()),
            ("server.pem", server_cert),
            ("server.key", server_key),
        ] {
            std::fs::write(dir.join(file), pem).expect("write pem");
        }
        Self {
            dir,
            ca_pem: ca.pem(),
            client_cert,
            client_key,
        }
    }

    fn path(&self, f: &str) -> PathBuf {
        self.dir.join(f)
    }

    fn tls(&self, with_identity: bool) -> TlsOptions {
        TlsOptions {
            ca_pem: Some(self.ca_pem.clone().into_bytes()),
            identity_pem: with_identity.then(|| {
                (
                    self.client_cert.clone().into_bytes(),
                    self.client_key.clone().into_bytes(),
                )
            }),
            domain: Some("localhost".into()),
        }
    }
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test]
async fn tls_serves_tls_clients_only() {
    let pki = Pki::new("tls");
    let server = TestServer::start(|c| {
        c.tls_cert = Some(pki.path("server.pem"));
        c.tls_key = Some(pki.path("server.key"));
    })
    .await;
    let addr = server.addr.to_string();
    let opts = ConnectOptions {
        tls: Some(pki.tls(false)),
        token: None,
    };
    let client = article_client::connect_with(&addr, &opts)
        .await
        .expect("TLS connect");
    let resp = client
        .extract_article(ARTICLE_HTML, ARTICLE_URL)
        .await
        .expect("extract over TLS");
    assert!(resp.is_article);
    // A plaintext client cannot talk to a TLS server.
    let plain = match article_client::connect(&addr).await {
        Ok(c) => c.health("").await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(plain.is_err(), "plaintext must fail against TLS");
}

#[tokio::test]
async fn mutual_tls_requires_a_client_certificate() {
    let pki = Pki::new("mtls");
    let server = TestServer::start(|c| {
        c.tls_cert = Some(pki.path("server.pem"));
        c.tls_key = Some(pki.path("server.key"));
        c.tls_client_ca = Some(pki.path("ca.pem"));
    })
    .await;
    let addr = server.addr.to_string();
    let without = ConnectOptions {
        tls: Some(pki.tls(false)),
        token: None,
    };
    let r = match article_client::connect_with(&addr, &without).await {
        Ok(c) => c.health("").await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(r.is_err(), "a client without a certificate is refused");
    let with = ConnectOptions {
        tls: Some(pki.tls(true)),
        token: None,
    };
    let client = article_client::connect_with(&addr, &with)
        .await
        .expect("mTLS connect");
    assert_eq!(
        client.health("").await.expect("health"),
        ServingStatus::Serving
    );
    assert!(
        client
            .extract_article(ARTICLE_HTML, ARTICLE_URL)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn bearer_token_guards_the_article_service_but_not_health() {
    let dir = std::env::temp_dir().join(format!("article-token-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let token_file = dir.join("token");
    std::fs::write(&token_file, "s3cret-token\n").expect("write token");
    let server = TestServer::start(|c| c.auth_token_file = Some(token_file.clone())).await;
    let addr = server.addr.to_string();

    let anonymous = article_client::connect(&addr).await.expect("connect");
    // Probes need no token.
    assert_eq!(
        anonymous.health("").await.expect("health"),
        ServingStatus::Serving
    );
    let code = |r: Result<_, article_client::Error>| match r {
        Err(article_client::Error::Status(s)) => s.code(),
        Ok(_) => Code::Ok,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        code(anonymous.extract_article(ARTICLE_HTML, ARTICLE_URL).await),
        Code::Unauthenticated
    );
    for token in ["wrong-token", "s3cret-token-but-longer", "s3cret"] {
        let c = article_client::connect_with(
            &addr,
            &ConnectOptions {
                tls: None,
                token: Some(token.into()),
            },
        )
        .await
        .expect("connect");
        assert_eq!(
            code(c.extract_article(ARTICLE_HTML, ARTICLE_URL).await),
            Code::Unauthenticated,
            "{token}"
        );
    }
    let authed = article_client::connect_with(
        &addr,
        &ConnectOptions {
            tls: None,
            token: Some("s3cret-token".into()),
        },
    )
    .await
    .expect("connect");
    assert_eq!(
        code(authed.extract_article(ARTICLE_HTML, ARTICLE_URL).await),
        Code::Ok
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn secrets_do_not_reach_debug_output() {
    let mut cfg = article_server::Config::with_listen("127.0.0.1:0".parse().expect("addr"));
    cfg.auth_token = Some(article_server::config::Secret("hunter2".into()));
    assert!(!format!("{cfg:?}").contains("hunter2"));
}
