//! A bounded pool of OS threads for CPU-bound extraction. Async handlers hand it a closure and
//! await the result, so the reactor threads never parse HTML. The queue is bounded: when it is
//! full the call is refused at once (UNAVAILABLE) instead of waiting without limit.

use crate::status::ServiceError;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::oneshot;

type Job = Box<dyn FnOnce() + Send + 'static>;

/// Handle to the worker threads; dropping every handle lets the workers exit.
pub struct Pool {
    tx: SyncSender<Job>,
    capacity: usize,
}

impl Pool {
    /// Starts `workers` threads sharing a queue of at most `queue` waiting jobs.
    pub fn new(workers: usize, queue: usize) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::sync_channel::<Job>(queue);
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..workers.max(1) {
            let rx = Arc::clone(&rx);
            std::thread::Builder::new()
                .name(format!("extract-{i}"))
                .spawn(move || worker(&rx))?;
        }
        Ok(Self {
            tx,
            capacity: workers + queue,
        })
    }

    /// Runs `f` on a worker. A job whose deadline has passed by the time a worker takes it is
    /// dropped unrun (its caller has already been answered).
    pub async fn run<T, F>(&self, deadline: Option<Instant>, f: F) -> Result<T, ServiceError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (done_tx, done_rx) = oneshot::channel();
        let job: Job = Box::new(move || {
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return;
            }
            // A panic in extraction is a bug, but it must cost one call, not a worker.
            let result = catch_unwind(AssertUnwindSafe(f));
            let _ = done_tx.send(result);
        });
        match self.tx.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(ServiceError::Overloaded(self.capacity)),
            Err(TrySendError::Disconnected(_)) => return Err(ServiceError::ShuttingDown),
        }
        match done_rx.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_panic)) => Err(ServiceError::Internal(
                "extraction failed unexpectedly on this page; the error was logged".into(),
            )),
            Err(_) => Err(ServiceError::DeadlineExceeded(std::time::Duration::ZERO)),
        }
    }
}

fn worker(rx: &Mutex<Receiver<Job>>) {
    loop {
        // Hold the lock only while taking a job, not while running it.
        let job = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        match job {
            Ok(job) => job(),
            Err(_) => return, // every sender dropped: the server is gone
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn runs_jobs_and_survives_panics() {
        let pool = Pool::new(1, 4).expect("pool");
        assert_eq!(pool.run(None, || 2 + 2).await.ok(), Some(4));
        let r: Result<(), _> = pool.run(None, || panic!("boom")).await;
        assert!(matches!(r, Err(ServiceError::Internal(_))));
        assert_eq!(pool.run(None, || 7).await.ok(), Some(7));
    }

    #[tokio::test]
    async fn full_queue_is_refused_not_queued() {
        let pool = Arc::new(Pool::new(1, 1).expect("pool"));
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let blocker = {
            let pool = Arc::clone(&pool);
            tokio::spawn(async move {
                pool.run(None, move || {
                    let _ = release_rx.recv_timeout(Duration::from_secs(5));
                })
                .await
            })
        };
        // Wait until the worker has taken the blocking job, then fill the one queue slot.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let queued = {
            let pool = Arc::clone(&pool);
            tokio::spawn(async move { pool.run(None, || 1).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let refused = pool.run(None, || 1).await;
        assert!(matches!(refused, Err(ServiceError::Overloaded(2))));
        let _ = release_tx.send(());
        assert!(blocker.await.expect("join").is_ok());
        assert_eq!(queued.await.expect("join").ok(), Some(1));
    }

    #[tokio::test]
    async fn expired_jobs_are_skipped() {
        let pool = Pool::new(1, 4).expect("pool");
        let past = Instant::now() - Duration::from_millis(1);
        let r = pool.run(Some(past), || 1).await;
        assert!(matches!(r, Err(ServiceError::DeadlineExceeded(_))));
    }
}
