//! Serving the router over HTTP/1.1 on a listener, like `axum::serve`, but with a deadline for
//! each request's headers: a client that connects and sends nothing, or its headers a byte at
//! a time, or keeps an idle connection open, is disconnected when `header_read_timeout` ends.
//! On `shutdown` it stops accepting, lets each connection finish the request it is answering
//! (within a grace: `--shutdown-grace`), and returns.

use std::future::Future;
use std::io;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::limits::MAX_READ_TIMEOUT;

/// Serves `app` on `listener` until `shutdown` completes, then gives the requests in flight
/// twice `header_read_timeout` to finish. `header_read_timeout` is at most `MAX_READ_TIMEOUT`
/// (a longer one is shortened to it).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_read_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let grace = header_read_timeout.min(MAX_READ_TIMEOUT).saturating_mul(2);
    serve_with_grace(listener, app, header_read_timeout, grace, shutdown).await;
}

/// How serving ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    /// Connections still answering a request when the grace ended (0: every one finished).
    pub unfinished: usize,
}

/// Serves `app` on `listener` until `shutdown` completes; then stops accepting (the listener
/// is closed, so a new connection is refused), closes idle connections, and waits at most
/// `grace` for each connection to finish the request it is answering.
pub async fn serve_with_grace(
    listener: TcpListener,
    app: Router,
    header_read_timeout: Duration,
    grace: Duration,
    shutdown: impl Future<Output = ()>,
) -> Stopped {
    let header_read_timeout = header_read_timeout.min(MAX_READ_TIMEOUT);
    let (stop, stopping) = watch::channel(());
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors, say: wait rather than spin.
                    if !is_connection_error(&e) {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        let mut stopping = stopping.clone();
        tokio::spawn(async move {
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = stopping.changed() => {}
            }
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        });
    }
    drop(listener);
    drop(stopping);
    let _ = stop.send(());
    // Every connection task holds a receiver: they are done when none is left.
    let _ = tokio::time::timeout(grace.min(MAX_READ_TIMEOUT), stop.closed()).await;
    Stopped {
        unfinished: stop.receiver_count(),
    }
}

fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
