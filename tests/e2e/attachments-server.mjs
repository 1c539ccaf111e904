// A backend that follows the attachments protocol (README, "Supporting documents"), in front of
// the real receiver: `PUT /attachments/{sha256}?profile={id}` is answered here (201 stored,
// 200 already stored, 400, 413, 415, 422 hash-mismatch / empty / virus, 503 when told to be
// busy), `POST /applications` is refused with the core's report shape (422, at
// /attachments/{i}/sha256 or the field that disagrees) when a file it lists was never stored
// or disagrees with it, and everything else goes to the receiver unchanged. The browser
// journeys use it until the receiver serves the PUT itself; it keeps what it stores, so a
// journey can compare it byte for byte with what was attached.
import http from 'node:http';
import { createHash } from 'node:crypto';

const MIB = 1024 * 1024;
const ALL = ['PDF', 'DOCX', 'XLSX', 'ODT', 'DOC', 'JPEG', 'PNG', 'HEIC', 'TXT', 'CSV', 'RTF'];
const LABEL = { JPEG: 'JPG' };
const MEDIA = {
  PDF: 'application/pdf', DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ODT: 'application/vnd.oasis.opendocument.text',
  DOC: 'application/msword', JPEG: 'image/jpeg', PNG: 'image/png', HEIC: 'image/heic', TXT: 'text/plain', CSV: 'text/csv', RTF: 'application/rtf',
};
// The anti-virus test file's signature: a scanner says it is infected.
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** The core's "10MB" / "512KB". */
export function megabytes(bytes) {
  return bytes >= MIB && bytes % MIB === 0 ? `${bytes / MIB}MB` : `${Math.ceil(bytes / 1024)}KB`;
}

/** The kind of file from its bytes, as far as the journeys' fixtures need. */
function sniff(b) {
  const head = b.subarray(0, 1024).toString('latin1');
  if (head.includes('%PDF-')) return 'PDF';
  if (b[0] === 0x89 && head.startsWith('\x89PNG')) return 'PNG';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'JPEG';
  if (head.slice(4, 8) === 'ftyp') return 'HEIC';
  if (head.startsWith('PK\x03\x04')) {
    const all = b.toString('latin1');
    if (all.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'ODT';
    if (all.includes('word/document.xml')) return 'DOCX';
    if (all.includes('xl/workbook.xml')) return 'XLSX';
    return null;
  }
  if (head.startsWith('{\\rtf')) return 'RTF';
  if (/^[\t\n\r\f\x20-\x7e\x80-\xff]*$/.test(head)) return 'TXT';
  return null;
}

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};
const refuse = (res, status, kind, message, headers) => json(res, status, { error: { kind, message } }, headers);

function readBody(req, slow) {
  return new Promise((resolve, reject) => {
    const parts = [];
    req.on('data', (c) => {
      parts.push(c);
      // A slow link: the browser's upload progress moves in steps.
      if (slow) { req.pause(); setTimeout(() => req.resume(), slow); }
    });
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

/**
 * Starts the backend in front of the receiver at `receiver` (its base URL). `policies` maps a
 * profile id to { maxBytes, allowedTypes }; ids not listed are unknown (400), except the
 * built-in ones, which get the core's default policy. Resolves to { base, stored, puts, busy,
 * slow, close }: `stored` is sha256 → { bytes, kind }, `puts` every PUT seen ({ sha, status,
 * headers }), `busy(n)` makes the next n PUTs answer 503, `slow(ms)` pauses after each chunk of a PUT's
 * body (a slow link).
 */
export function startAttachmentServer(receiver, { policies = {}, slow = 0, pages = {} } = {}) {
  const stored = new Map();
  const puts = [];
  let busy = 0;
  const builtin = ['stockton-one-point', 'croydon-lss', 'ehcna-request', 'tees-sen-support-plan'];
  const policyOf = (id) => policies[id] ?? (id === null || builtin.includes(id) ? { maxBytes: 10 * MIB, allowedTypes: ALL } : undefined);

  async function put(req, res, sha, profile) {
    const body = await readBody(req, slow);
    const answer = (status, ...rest) => {
      puts.push({ sha, status, headers: req.headers, bytes: body.length });
      if (status >= 400) refuse(res, status, ...rest);
      else json(res, status, ...rest);
    };
    if (!/^[0-9a-f]{64}$/.test(sha)) return answer(400, 'hash', 'The file\'s address must be its SHA-256 in 64 lowercase hex digits');
    const policy = policyOf(profile);
    if (!policy) return answer(400, 'profile', `There is no profile called ${profile}`);
    if (busy > 0) {
      busy -= 1;
      return answer(503, 'busy', 'The council\'s system is busy: try again shortly', { 'Retry-After': '1' });
    }
    if (body.length === 0) return answer(422, 'empty', 'The selected file is empty');
    if (body.length > policy.maxBytes) return answer(413, 'too-large', `The selected file must be smaller than ${megabytes(policy.maxBytes)}`);
    const kind = sniff(body);
    if (!kind || !policy.allowedTypes.includes(kind)) {
      const names = policy.allowedTypes.map((k) => LABEL[k] ?? k);
      const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
      return answer(415, 'type', `The selected file must be a ${list}`);
    }
    if (createHash('sha256').update(body).digest('hex') !== sha) return answer(422, 'hash-mismatch', 'The selected file did not arrive whole: try again');
    if (body.includes(EICAR)) return answer(422, 'virus', 'The selected file contains a virus');
    const already = stored.has(sha);
    if (!already) stored.set(sha, { bytes: body, kind });
    return answer(already ? 200 : 201, { sha256: sha, sizeBytes: body.length, mimeType: MEDIA[kind], kind });
  }

  /** The 422 the receiver gives when an application lists a file it does not have. */
  function missing(application) {
    const issues = [];
    (application.attachments ?? []).forEach((a, i) => {
      if (!a.sha256) return;
      const file = stored.get(a.sha256);
      if (!file) {
        issues.push({ ruleId: 'F-08', severity: 'error', pointer: `/attachments/${i}/sha256`, message: `${a.filename ?? 'A document'} has not been received: attach it again` });
      } else if (a.sizeBytes !== undefined && a.sizeBytes !== file.bytes.length) {
        issues.push({ ruleId: 'F-08', severity: 'error', pointer: `/attachments/${i}/sizeBytes`, message: `${a.filename} is not the size of the file received` });
      } else if (a.mimeType !== undefined && a.mimeType !== MEDIA[file.kind]) {
        issues.push({ ruleId: 'F-08', severity: 'error', pointer: `/attachments/${i}/mimeType`, message: `${a.filename} is not the kind of file received` });
      }
    });
    return issues;
  }

  function forward(req, res, body) {
    const target = new URL(req.url, receiver);
    const out = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    out.on('error', () => { res.writeHead(502); res.end(); });
    if (body) out.end(body);
    else req.pipe(out);
  }

  const server = http.createServer((req, res) => handle(req, res).catch(() => {
    // A client gone in the middle of its request (a browser killed during an upload).
    if (!res.headersSent) res.writeHead(400);
    res.end();
  }));
  async function handle(req, res) {
    const url = new URL(req.url, 'http://x');
    const m = url.pathname.match(/^\/attachments\/([^/]*)$/);
    if (m && req.method === 'PUT') return put(req, res, m[1], url.searchParams.get('profile'));
    if (m) return refuse(res, 405, 'method', 'Files are sent with PUT', { Allow: 'PUT' });
    if (pages[url.pathname]) {
      const [type, text] = pages[url.pathname];
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      return res.end(text);
    }
    if (url.pathname === '/applications' && req.method === 'POST') {
      const body = await readBody(req, 0);
      let application = null;
      try { application = JSON.parse(body.toString('utf8')); } catch { /* the receiver says */ }
      const issues = application ? missing(application) : [];
      if (issues.length) return json(res, 422, { complete: false, issues });
      return forward(req, res, body);
    }
    return forward(req, res, null);
  }
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    base: `http://127.0.0.1:${server.address().port}`,
    stored, puts,
    busy(n) { busy = n; },
    slow(ms) { slow = ms; },
    close() { server.closeAllConnections?.(); server.close(); },
  })));
}
