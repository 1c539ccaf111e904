//! One delivery attempt: a POST over HTTP/1.1 on a new connection (hyper's client, already
//! in the tree for the server), within `TIMEOUT` from connecting to the end of the answer;
//! a redirect is an answer like any other that is not 2xx (never followed). Only `http://`:
//! the receiver has no TLS stack of its own (README says how to reach an `https://` case
//! system through a TLS proxy, and why).

use std::time::Duration;

use axum::body::Bytes;
use axum::http::{header, HeaderValue, Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;

/// The most an attempt may take, connecting included: shorter than PostgreSQL's lease on the
/// row being sent (`crate::store::postgres::LEASE`).
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// The most of an answer's body read (and then dropped).
const MAX_ANSWER: usize = 64 * 1024;

/// Where events are POSTed: an `http://` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    uri: Uri,
    host: String,
    port: u16,
}

impl Target {
    /// `http://HOST[:PORT]/PATH`, or why not.
    pub fn parse(url: &str) -> Result<Target, String> {
        let uri: Uri = url
            .parse()
            .map_err(|_| format!("--forward-url needs an http:// URL, not {url}"))?;
        match uri.scheme_str() {
            Some("http") => {}
            Some("https") => {
                return Err(
                    "--forward-url needs an http:// URL: the receiver speaks no TLS itself; \
                     reach an https:// case system through a TLS proxy on this machine (README)"
                        .to_owned(),
                )
            }
            _ => return Err(format!("--forward-url needs an http:// URL, not {url}")),
        }
        let authority = uri
            .authority()
            .filter(|a| !a.as_str().contains('@'))
            .ok_or_else(|| format!("--forward-url needs a host (and no user), not {url}"))?;
        let host = authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']');
        Ok(Target {
            host: host.to_owned(),
            port: authority.port_u16().unwrap_or(80),
            uri: uri.clone(),
        })
    }

    /// The URL as it may be logged (no query string).
    pub fn shown(&self) -> String {
        format!("http://{}:{}{}", self.host, self.port, self.uri.path())
    }
}

/// What a webhook answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// Its `Retry-After`, as sent.
    pub retry_after: Option<String>,
}

/// POSTs `body` (JSON) with `headers` to `target`: its answer, or why there was none.
pub async fn post(
    target: &Target,
    headers: &[(&'static str, String)],
    body: String,
) -> Result<Answer, String> {
    tokio::time::timeout(TIMEOUT, attempt(target, headers, body))
        .await
        .unwrap_or_else(|_| Err(format!("no answer within {} s", TIMEOUT.as_secs())))
}

async fn attempt(
    target: &Target,
    headers: &[(&'static str, String)],
    body: String,
) -> Result<Answer, String> {
    let stream = tokio::net::TcpStream::connect((target.host.as_str(), target.port))
        .await
        .map_err(|e| format!("cannot connect: {e}"))?;
    let _ = stream.set_nodelay(true);
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("cannot speak HTTP: {e}"))?;
    let driving = tokio::spawn(connection);
    let path = target
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let host = match target.uri.authority() {
        Some(a) => a.as_str().to_owned(),
        None => target.host.clone(),
    };
    let mut request = Request::post(path)
        .header(header::HOST, host)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::USER_AGENT, "sen-receiver");
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let request = request
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| format!("cannot make the request: {e}"))?;
    let answer = sender
        .send_request(request)
        .await
        .map_err(|e| format!("no answer: {e}"))?;
    let status = answer.status().as_u16();
    let retry_after = answer
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v: &HeaderValue| v.to_str().ok())
        .map(str::to_owned);
    // The answer's body is read (a little of it) so the webhook is not cut off mid-answer.
    let _ = http_body_util::Limited::new(answer.into_body(), MAX_ANSWER)
        .collect()
        .await;
    driving.abort();
    Ok(Answer {
        status,
        retry_after,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_http_urls_with_a_host() {
        let t = Target::parse("http://127.0.0.1:9000/hooks/sen?x=1").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("127.0.0.1", 9000));
        assert_eq!(t.shown(), "http://127.0.0.1:9000/hooks/sen");
        assert_eq!(Target::parse("http://cases.example").unwrap().port, 80);
        assert!(Target::parse("https://cases.example/")
            .unwrap_err()
            .contains("TLS proxy"));
        assert!(Target::parse("ftp://cases.example/").is_err());
        assert!(Target::parse("http://user:pw@cases.example/").is_err());
        assert!(Target::parse("/relative").is_err());
    }
}
