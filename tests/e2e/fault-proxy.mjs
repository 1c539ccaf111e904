// Faults the real receiver will not make on its own, in front of it: a slow link (each chunk of
// a document's PUT body held back a while, so the browser's upload progress moves in steps),
// a busy 503 with Retry-After for the next n PUTs, and a client gone mid-request passed on as
// a dropped connection. It holds no protocol logic: every request goes to the receiver as it
// came, every answer comes back as the receiver gave it (its status, headers and words), and
// each PUT of a document is recorded with the status the browser got. It also serves a few
// host pages of the journeys' own (a page and the profile it loads).
import http from 'node:http';

/**
 * Starts the proxy in front of the receiver at `receiver` (its base URL). Resolves to
 * { base, puts, busy(n), slow(ms), close }: `puts` is every PUT to `/attachments/…` seen
 * ({ sha, status }), `busy(n)` makes the next n of them answer 503 without reaching the
 * receiver, `slow(ms)` pauses after each chunk of their bodies.
 */
export function startFaultProxy(receiver, { slow = 0, pages = {} } = {}) {
  const puts = [];
  let busy = 0;

  function busyAnswer(req, res, put) {
    // The receiver's own answer when every place is taken (crates/receiver/src/limits.rs).
    req.resume();
    req.on('end', () => {
      put.status = 503;
      res.writeHead(503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Retry-After': '1' });
      res.end(JSON.stringify({ error: { kind: 'busy', message: 'the receiver is handling as many requests as it can: try again shortly' } }));
    });
  }

  function forward(req, res, put) {
    const target = new URL(req.url, receiver);
    // A document's body goes only once the receiver asks for it (100 Continue): a receiver
    // that refuses at the headers (a Content-Length over the limit) answers and closes, and
    // its answer reaches the browser instead of a connection cut while the body was sent.
    const headers = { ...req.headers, host: target.host, ...(put ? { expect: '100-continue' } : {}) };
    const out = http.request(target, { method: req.method, headers }, (r) => {
      if (put) put.status = r.statusCode;
      const back = { ...r.headers };
      // The browser may still be sending when the receiver has answered: the rest is read
      // and dropped here, and the browser's connection kept.
      delete back.connection;
      res.writeHead(r.statusCode, back);
      r.pipe(res);
      req.resume();
    });
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    // A client gone in the middle of its request (a browser killed during an upload): the
    // receiver sees its connection dropped too.
    req.on('aborted', () => out.destroy());
    res.on('close', () => { if (!req.complete) out.destroy(); });
    req.on('error', () => out.destroy());
    let answered = false;
    out.on('response', () => { answered = true; });
    const held = put ? slow : 0;
    req.on('data', (chunk) => {
      if (answered || out.destroyed) return;
      out.write(chunk);
      if (held) {
        req.pause();
        setTimeout(() => req.resume(), held);
      }
    });
    req.on('end', () => { if (!answered) out.end(); });
    if (put) {
      req.pause();
      out.on('continue', () => req.resume());
      out.flushHeaders();
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (pages[url.pathname]) {
      const [type, text] = pages[url.pathname];
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      return res.end(text);
    }
    const m = req.method === 'PUT' && url.pathname.match(/^\/attachments\/([^/]*)$/);
    const put = m ? { sha: m[1], status: null } : null;
    if (put) puts.push(put);
    if (put && busy > 0) {
      busy -= 1;
      return busyAnswer(req, res, put);
    }
    return forward(req, res, put);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    base: `http://127.0.0.1:${server.address().port}`,
    puts,
    busy(n) { busy = n; },
    slow(ms) { slow = ms; },
    close() { server.closeAllConnections?.(); server.close(); },
  })));
}
