// SHA-256 of 1, 10 and 50 MB of random bytes in headless Chromium: WebCrypto's digest of the
// whole file, the sha2 crate in wasm on the whole file, and in wasm fed 1 MB chunks. Each is
// timed 5 times after a warm-up; the median is printed. Usage: node tests/bench/hash.mjs PKG_DIR
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = process.argv[2];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage();
const origin = 'http://localhost:9';
await page.route(`${origin}/**`, (route) => {
  const path = new URL(route.request().url()).pathname;
  if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>hash</title>' });
  const file = join(pkg, path.slice(1));
  const type = path.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
  return route.fulfill({ contentType: type, body: readFileSync(file) });
});
await page.goto(`${origin}/`);
const rows = await page.evaluate(async () => {
  const { default: init, sha256, Hasher } = await import('/hash_bench.js');
  await init();
  const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = async (f) => {
    await f();
    const xs = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await f();
      xs.push(performance.now() - t);
    }
    return median(xs);
  };
  const out = [];
  for (const mb of [1, 10, 50]) {
    const bytes = new Uint8Array(mb * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    const a = hex(await crypto.subtle.digest('SHA-256', bytes));
    const b = hex(sha256(bytes));
    const h = new Hasher();
    for (let i = 0; i < bytes.length; i += 1 << 20) h.update(bytes.subarray(i, i + (1 << 20)));
    const c = hex(h.finish());
    if (a !== b || a !== c) throw new Error(`digests differ at ${mb} MB`);
    out.push({
      mb,
      webcrypto: await time(() => crypto.subtle.digest('SHA-256', bytes)),
      wasm: await time(async () => sha256(bytes)),
      wasmChunks: await time(async () => {
        const h = new Hasher();
        for (let i = 0; i < bytes.length; i += 1 << 20) h.update(bytes.subarray(i, i + (1 << 20)));
        h.finish();
      }),
    });
  }
  return out;
});
console.log('| file | WebCrypto digest | sha2 in wasm, whole | sha2 in wasm, 1 MB chunks |');
console.log('|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.mb} MB | ${r.webcrypto.toFixed(1)} ms | ${r.wasm.toFixed(1)} ms | ${r.wasmChunks.toFixed(1)} ms |`);
}
await browser.close();
