// The demo server: serves the host pages (www/) and the built widget (pkg/) under a strict
// Content-Security-Policy, and gives the form somewhere to POST to. It stores each application
// it receives in target/demo-submissions/ and answers 201 with a reference. (The reference
// receiver, which re-checks applications with the rules core, replaces this.)
//
//   node scripts/serve.mjs [port]        (default 8080; PORT also works)
import { createServer } from 'node:http';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

const root = resolve(new URL('..', import.meta.url).pathname);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon',
};
const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; " +
  "style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";
const LIMIT = 2 * 1024 * 1024;
let verbose = false;

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Security-Policy': csp });
  res.end(body);
}

async function receive(req, res, received) {
  let size = 0;
  const chunks = [];
  for await (const c of req) {
    size += c.length;
    if (size > LIMIT) return send(res, 413, JSON.stringify({ error: 'too large' }));
    chunks.push(c);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let doc;
  try { doc = JSON.parse(text); } catch { return send(res, 400, JSON.stringify({ error: 'not JSON' })); }
  const reference = 'SSF-' + randomUUID().slice(0, 8).toUpperCase();
  received.push({ reference, doc });
  const dir = join(root, 'target', 'demo-submissions');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${reference}.json`), JSON.stringify(doc, null, 2));
  if (verbose) console.log(`received ${reference} (${text.length} bytes)`);
  send(res, 201, JSON.stringify({ reference }));
}

/** Starts the server; resolves to { server, port, received } (port 0 picks a free one). */
export function startServer(port = 0) {
  const received = [];
  const server = createServer((req, res) => handle(req, res, received));
  return new Promise((done) => {
    server.listen(port, '127.0.0.1', () => done({ server, port: server.address().port, received }));
  });
}

async function handle(req, res, received) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/api/applications' && req.method === 'POST') return receive(req, res, received);
  if (url.pathname === '/api/applications' && req.method === 'GET') {
    return send(res, 200, JSON.stringify(received));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '{}');
  if (url.pathname === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
  let path = decodeURIComponent(url.pathname);
  if (path === '/') path = '/www/index.html';
  else if (!path.startsWith('/pkg/') && !path.startsWith('/www/') && !path.startsWith('/profiles/')
    && !path.startsWith('/tests/fixtures/') && !path.startsWith('/node_modules/axe-core/')) {
    path = '/www' + path;
  }
  const file = normalize(join(root, path));
  if (!file.startsWith(root + '/')) return send(res, 404, 'not found', 'text/plain');
  try {
    const body = await readFile(file);
    send(res, 200, req.method === 'HEAD' ? '' : body, types[extname(file)] ?? 'application/octet-stream');
  } catch {
    send(res, 404, 'not found', 'text/plain');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  verbose = true;
  const { port } = await startServer(Number(process.argv[2] ?? process.env.PORT ?? 8080));
  console.log(`demo: http://localhost:${port}/  (applications sent are saved in target/demo-submissions/)`);
}
