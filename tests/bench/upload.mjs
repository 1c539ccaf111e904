// Attaching a document as the widget does it, timed in headless Chromium against the real
// receiver on loopback: SHA-256 with WebCrypto, then PUT /attachments/{sha256} with
// XMLHttpRequest (upload progress), for 1, 10 and 50 MB of random bytes; the median of 3, each a
// new file (201), then the same file again (200). Prints the BENCHMARKS.md rows and the
// receiver's peak memory (VmHWM). Run after `cargo build --release --bin sen-receiver`:
//   node tests/bench/upload.mjs
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'sen-upload-'));
const profile = JSON.parse(readFileSync('profiles/stockton-one-point.json', 'utf8'));
profile.id = 'upload-bench';
profile.attachments = { ...(profile.attachments || {}), maxBytes: 64 * 1024 * 1024 };
writeFileSync(join(dir, 'profile.json'), JSON.stringify(profile));
const port = 20000 + Math.floor(Math.random() * 20000);
const receiver = spawn(process.env.RECEIVER || 'target/release/sen-receiver', [
  '--listen', `127.0.0.1:${port}`, '--database', join(dir, 'db.sqlite3'), '--static', '.',
  '--profile-file', join(dir, 'profile.json'), '--read-timeout', '300',
], { stdio: ['ignore', 'ignore', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 100));
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage();
await page.goto(`${base}/healthz`);
const rows = await page.evaluate(async () => {
  const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const put = (hash, bytes) => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let events = 0;
    xhr.upload.onprogress = () => { events += 1; };
    xhr.onload = () => resolve({ status: xhr.status, events });
    xhr.onerror = () => reject(new Error('network'));
    xhr.open('PUT', `/attachments/${hash}?profile=upload-bench`);
    xhr.send(bytes);
  });
  const out = [];
  for (const mb of [1, 10, 50]) {
    const hashing = [];
    const fresh = [];
    const again = [];
    let status = [];
    for (let run = 0; run < 3; run++) {
      const bytes = new Uint8Array(mb * 1024 * 1024);
      for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
      bytes.set(new TextEncoder().encode('%PDF-1.4\n'), 0);
      let t = performance.now();
      const hash = hex(await crypto.subtle.digest('SHA-256', bytes));
      hashing.push(performance.now() - t);
      t = performance.now();
      const first = await put(hash, bytes);
      fresh.push(performance.now() - t);
      t = performance.now();
      const second = await put(hash, bytes);
      again.push(performance.now() - t);
      status.push(`${first.status}/${second.status}`);
    }
    out.push({ mb, hashing: median(hashing), fresh: median(fresh), again: median(again), status: [...new Set(status)].join(' ') });
  }
  return out;
});
const hwm = readFileSync(`/proc/${receiver.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)[1];
console.log('| file | SHA-256 (WebCrypto) | PUT, new file | PUT, the same file again | answers |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.mb} MB | ${r.hashing.toFixed(1)} ms | ${r.fresh.toFixed(0)} ms | ${r.again.toFixed(0)} ms | ${r.status} |`);
}
console.log(`receiver peak resident memory (VmHWM) after 9 uploads of up to 50 MB: ${(hwm / 1024).toFixed(1)} MB`);
await browser.close();
receiver.kill();
