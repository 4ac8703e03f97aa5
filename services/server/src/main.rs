//! The `article-server` binary: parse flags, start telemetry, bind, serve until SIGTERM/Ctrl-C.

use article_server::{Config, Listeners, serve, telemetry};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let config = Config::parse();
    if let Err(e) = config.validate() {
        eprintln!("article-server: {e}");
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("article-io")
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("article-server: starting the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        // The OTLP exporter must be built inside the runtime.
        let telemetry = match telemetry::init(&config) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("article-server: {e}");
                return ExitCode::FAILURE;
            }
        };
        // Install the signal handlers before binding: a SIGTERM that arrives while starting must
        // still mean "drain and exit 0", not the default "die".
        let shutdown = shutdown_signal();
        let listener = match tokio::net::TcpListener::bind(config.listen).await {
            Ok(l) => l,
            Err(e) => {
                tracing::error!(listen = %config.listen, "cannot listen: {e}");
                telemetry.shutdown();
                return ExitCode::FAILURE;
            }
        };
        let metrics = match config.metrics_listen {
            Some(addr) => match tokio::net::TcpListener::bind(addr).await {
                Ok(l) => Some(l),
                Err(e) => {
                    tracing::error!(metrics_listen = %addr, "cannot listen for metrics: {e}");
                    telemetry.shutdown();
                    return ExitCode::FAILURE;
                }
            },
            None => None,
        };
        let listeners = Listeners {
            grpc: listener,
            metrics,
        };
        let result = serve(listeners, config, shutdown.wait()).await;
        let code = match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                tracing::error!("{e}");
                ExitCode::FAILURE
            }
        };
        // Flush spans on the multi-thread runtime before exit.
        tokio::task::block_in_place(|| telemetry.shutdown());
        code
    })
}

/// SIGTERM (Kubernetes) and Ctrl-C, registered when created.
struct Shutdown {
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
}

fn shutdown_signal() -> Shutdown {
    Shutdown {
        #[cfg(unix)]
        term: tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok(),
    }
}

impl Shutdown {
    /// Resolves on the first SIGTERM or Ctrl-C.
    async fn wait(self) {
        let ctrl_c = async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        #[cfg(unix)]
        let term = async move {
            match self.term {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            () = ctrl_c => {}
            () = term => {}
        }
    }
}
