// Shared helpers for the browser journeys: the real receiver (target/release/sen-receiver) on a
// free port with its own database, serving the host pages and the built widget (with the
// profiles, scanner and attachments directory a journey gives it, and the fault proxy in
// front when a journey needs a fault the receiver will not make); headless
// Chromium (Debian's, through playwright-core); the widget's shadow root, keyboard-only focus
// moves and axe-core.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as absolute } from 'node:path';
import { chromium } from 'playwright-core';
import { startFaultProxy } from './fault-proxy.mjs';

const RECEIVER = 'target/release/sen-receiver';
/** The receiver tests' scanner: infected when the file holds the EICAR test string. */
export const EICAR_SCANNER = absolute('crates/receiver/tests/scanners/eicar.sh');

/**
 * Starts the receiver; resolves to { base, database, stored, documents, attachmentsDirNames,
 * stop }. `profiles`:
 * council profiles (objects) it is given with --profile-file; `scanner`: its --scan-command;
 * `attachmentsDir`: keep documents as files named by their hash in a directory of its own
 * (--attachments-dir), which `documents()` reads.
 */
export function startReceiver({ today = '2025-04-30', profiles = [], scanner = null, attachmentsDir = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sen-e2e-'));
  const database = join(dir, 'applications.sqlite3');
  const files = attachmentsDir ? join(dir, 'attachments') : null;
  const kept = files ? ['--attachments-dir', files] : [];
  // Only warnings and errors from the receiver: a line for every request would bury a failing journey's output.
  const args = ['--listen', '127.0.0.1:0', '--database', database, '--static', '.', '--serve-axe-core', '--today', today,
    '--log-level', 'warn', ...kept];
  profiles.forEach((profile, i) => {
    const path = join(dir, `profile-${i}.json`);
    writeFileSync(path, JSON.stringify(profile));
    args.push('--profile-file', path);
  });
  if (scanner) args.push('--scan-command', scanner);
  const attachmentsDirNames = () => {
    if (!files) throw new Error('the receiver keeps its documents in the database: start it with attachmentsDir');
    mkdirSync(files, { recursive: true });
    return readdirSync(files).sort();
  };
  const child = spawn(RECEIVER, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`sen-receiver exited (${code}): build it with cargo build --release --bin sen-receiver`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^/\s]+)\//);
      if (m) {
        child.removeAllListeners('exit');
        resolve({
          base: m[1],
          database,
          /** The applications the receiver has stored, each with its documents (--list). */
          stored() {
            const r = spawnSync(RECEIVER, ['--list', '--database', database, ...kept], { encoding: 'utf8' });
            if (r.status !== 0) throw new Error(`sen-receiver --list failed: ${r.stderr}`);
            return JSON.parse(r.stdout);
          },
          /**
           * The documents kept in the attachments directory, as sha256 → bytes (the files
           * named by a hash; uploads still arriving are left out).
           */
          documents() {
            return new Map(attachmentsDirNames().filter((n) => /^[0-9a-f]{64}$/.test(n)).map((n) => [n, readFileSync(join(files, n))]));
          },
          /** Every name in the attachments directory (documents and uploads arriving). */
          attachmentsDirNames,

          stop() { child.kill(); rmSync(dir, { recursive: true, force: true }); },
        });
      }
    });
  });
}

/**
 * Debian's Chromium as its own process group on a profile directory, driven over CDP (so that
 * it can be killed with SIGKILL, as a crash, and relaunched on the same profile). Resolves to
 * { child, browser }.
 */
export function launchOnProfile(profileDir) {
  const child = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--remote-debugging-port=0', `--user-data-dir=${profileDir}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  return new Promise((resolve, reject) => {
    let err = '';
    child.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${err}`)));
    child.stderr.on('data', async (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\S+)/);
      if (m) {
        child.removeAllListeners('exit');
        const browser = await chromium.connectOverCDP(m[1]);
        resolve({ child, browser });
      }
    });
  });
}

/** SIGKILLs a browser from `launchOnProfile` and every process it started. */
export function killBrowser(child) {
  return new Promise((resolve) => {
    child.on('exit', resolve);
    process.kill(-child.pid, 'SIGKILL');
  });
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * A receiver and a browser for one test file. `receiver`: how the receiver is started (see
 * `startReceiver`). `faults`: put the fault-injecting proxy (`fault-proxy.mjs`) in front of
 * it, with these options ({ slow, pages }); the pages then go through it and `env.faults`
 * controls it, while `env.receiverBase` still reaches the receiver itself.
 */
export async function setup({ receiver: how = {}, faults = null, ...options } = {}) {
  const receiver = await startReceiver({ ...options, ...how });
  const front = faults ? await startFaultProxy(receiver.base, faults) : null;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
  return {
    base: front?.base ?? receiver.base, receiverBase: receiver.base, browser, faults: front,
    stored: receiver.stored, documents: receiver.documents,
    async close() { await browser.close(); front?.close(); receiver.stop(); },
  };
}

/** Opens a page and waits for the widget's first heading; fails on any page error. */
export async function open(env, path, { width = 1024, height = 800 } = {}) {
  const page = await env.browser.newPage({ viewport: { width, height } });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.text())) page.errors.push(m.text()); });
  await page.goto(env.base + path);
  await page.waitForSelector('sen-support-form >> css=#page-heading', { timeout: 15000 });
  return page;
}

/** The id of the element focused inside the (first) widget's shadow root. */
export function focusedId(page, host = 'sen-support-form') {
  return page.evaluate((h) => document.querySelector(h)?.shadowRoot?.activeElement?.id ?? null, host);
}

/** Presses Tab until the element with `id` has focus (keyboard only). */
export async function tabTo(page, id, max = 400) {
  for (let i = 0; i < max; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach #${id} with the Tab key`);
}

/**
 * Chooses files with the keyboard alone: Tab to the file input `id`, Space opens the chooser
 * (Enter, or Space again, if the browser let the first press go without one, as it may just
 * after another chooser closed). Resolves once the files are given; fails if no chooser opens.
 */
export async function chooseFiles(page, id, files) {
  for (const key of ['Space', 'Enter', 'Space']) {
    await tabTo(page, id);
    const opened = page.waitForEvent('filechooser', { timeout: 3000 }).catch(() => null);
    await page.keyboard.press(key);
    const chooser = await opened;
    if (chooser) {
      if (!chooser.isMultiple()) throw new Error(`#${id} takes one file only`);
      await chooser.setFiles(files);
      return;
    }
  }
  throw new Error(`no file chooser opened from #${id} with Space or Enter`);
}

/** Text of the widget's current page. */
export function widgetText(page) {
  return page.locator('sen-support-form >> css=.app-root').first().innerText();
}

/** Runs axe-core on the whole page (it enters open shadow roots) and returns the violations. */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    // Served by the receiver (--serve-axe-core), so the page's strict CSP (script-src 'self')
    // allows it.
    await page.addScriptTag({ url: '/node_modules/axe-core/axe.min.js' });
  }
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: tags }), AXE_TAGS);
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** The element id the widget gives a JSON Pointer's field. */
export function fieldId(pointer) {
  return 'f' + pointer.replace(/[^A-Za-z0-9]/g, '-');
}

/** A saved draft of `doc` for `profile` (the widget's storage format), as text. */
export function draftOf(doc, profile = 'stockton-one-point') {
  const now = Date.now();
  return JSON.stringify({ draftVersion: 1, profile, savedAt: now, expiresAt: now + 86400000, document: doc });
}

/** The storage key of a form's draft. */
export function draftKey(profile = 'stockton-one-point', instance = 'form') {
  return `sen-support-form/v1/${profile}/${instance}`;
}

/**
 * In the page: the widget's IndexedDB database (`sen-support-form`, store `drafts`) as
 * { key: record }. Records are what the widget keeps: { key, iv, data } (the text sealed with
 * AES-GCM under a non-extractable CryptoKey), a bare CryptoKey (the key of a tab's
 * sessionStorage draft), or, in the earlier format, plain text.
 */
const READ_RECORDS = `async () => {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('sen-support-form', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('drafts');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => resolve(open.result);
  });
  const store = db.transaction('drafts').objectStore('drafts');
  const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]
    .map((r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); })));
  db.close();
  return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
}`;

/** In the page: opens a sealed record ({ key, iv, data }) to its text; rejects if it cannot. */
const OPEN_SEALED = `async ({ key, iv, data }) =>
  new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data))`;

/** Runs `body(records, openSealed, arg)` in the page, with the helpers above. */
function inPage(page, body, arg) {
  return page.evaluate(`(async () => {
    const records = await (${READ_RECORDS})();
    const openSealed = ${OPEN_SEALED};
    return (${body})(records, openSealed, ${JSON.stringify(arg ?? null)});
  })()`);
}

/** Writes a record under `key` in the widget's IndexedDB store. */
async function putRecord(page, key, sealed) {
  await page.evaluate(async ([k, v, seal]) => {
    let record = v;
    if (seal) {
      // As the widget seals: a new non-extractable AES-GCM key and a random 96-bit IV.
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const plain = typeof v === 'string' ? new TextEncoder().encode(v) : new Uint8Array(v);
      const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain);
      record = { key, iv, data };
    }
    await new Promise((resolve, reject) => {
      const open = indexedDB.open('sen-support-form', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('drafts');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('drafts', 'readwrite');
        tx.objectStore('drafts').put(record, k);
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    });
  }, [key, sealed.text, sealed.seal]);
}

/** Makes the pages of a browser context keep their form's draft in the tab (drafts="session"). */
export function keepDraftsInTab(context) {
  return context.addInitScript(() => new MutationObserver((_, observer) => {
    const form = document.querySelector('sen-support-form');
    if (form) { form.setAttribute('drafts', 'session'); observer.disconnect(); }
  }).observe(document, { childList: true, subtree: true }));
}

/** Puts a draft where the widget keeps them on this device (IndexedDB, sealed), then reloads. */
export async function seedDraft(page, text, key = draftKey()) {
  await putRecord(page, key, { text, seal: true });
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#page-heading', { timeout: 15000 });
}

/**
 * Puts a draft and the files kept with it (each file's bytes sealed under
 * `{draft key}/files/{sha256}`, as the widget keeps them), then reloads: the widget reads the
 * files back and uploads them, none yet confirmed stored.
 */
export async function seedDraftWithFiles(page, text, files, key = draftKey()) {
  for (const path of files) {
    const bytes = readFileSync(path);
    await putRecord(page, `${key}/files/${createHash('sha256').update(bytes).digest('hex')}`, { text: [...bytes], seal: true });
  }
  await seedDraft(page, text, key);
}

/** Puts a draft in the earlier, plain format (text in IndexedDB), then reloads. */
export async function seedPlainDraft(page, text, key = draftKey()) {
  await putRecord(page, key, { text, seal: false });
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#page-heading', { timeout: 15000 });
}

/**
 * Everything of the widget's in this page's browser storage, opened: { key: text } from
 * IndexedDB, localStorage and sessionStorage. Sealed records are opened with the key stored
 * with them (IndexedDB) or named by them (a sessionStorage draft); keys alone are left out.
 */
export function savedDrafts(page) {
  return inPage(page, `async (records, openSealed) => {
    const out = {};
    const unhex = (h) => new Uint8Array((h.match(/../g) ?? []).map((b) => parseInt(b, 16)));
    for (const s of [localStorage, sessionStorage]) {
      for (const k of Object.keys(s)) {
        if (!k.startsWith('sen-support-form')) continue;
        const v = s.getItem(k);
        const m = v.match(/^sealed:([^:]+):([0-9a-f]*):([0-9a-f]*)$/);
        out[k] = m ? await openSealed({ key: records['sen-support-form:key/' + m[1]], iv: unhex(m[2]), data: unhex(m[3]).buffer }) : v;
      }
    }
    for (const [k, v] of Object.entries(records)) {
      if (v instanceof CryptoKey || v === true) continue;
      out[k] = typeof v === 'string' ? v : await openSealed(v);
    }
    return out;
  }`);
}

/** The widget's IndexedDB records as they are stored, described: { key: { iv, data, key } }. */
export function sealedRecords(page) {
  return inPage(page, `async (records) => Object.fromEntries(Object.entries(records).map(([k, v]) => [k,
    v instanceof CryptoKey ? { cryptoKey: { type: v.type, extractable: v.extractable, algorithm: v.algorithm, usages: v.usages } }
    : typeof v === 'string' ? { plain: v }
    : { iv: [...v.iv], data: [...new Uint8Array(v.data)],
        cryptoKey: { type: v.key.type, extractable: v.key.extractable, algorithm: v.key.algorithm, usages: v.key.usages } }]))`);
}

/**
 * Tries to open a copy of a sealed record ({ iv, data } as arrays of bytes) with every
 * CryptoKey in the widget's IndexedDB; resolves to the texts it opened to (none, when nothing
 * left can read it).
 */
export function openWithWhatIsLeft(page, copy) {
  return inPage(page, `async (records, openSealed, copy) => {
    const keys = Object.values(records).flatMap((v) => v instanceof CryptoKey ? [v] : v && v.key instanceof CryptoKey ? [v.key] : []);
    const opened = [];
    for (const key of keys) {
      try { opened.push(await openSealed({ key, iv: new Uint8Array(copy.iv), data: new Uint8Array(copy.data).buffer })); } catch {}
    }
    return { keys: keys.length, opened };
  }`, copy);
}

/**
 * Every storage the page's origin has, read directly, as one text: every IndexedDB database
 * (every store, every record; bytes decoded as UTF-8 and Latin-1, so text stored as bytes
 * shows), localStorage, sessionStorage, Cache Storage (every entry's URL and body) and cookies.
 */
export function everyStorage(page) {
  return page.evaluate(async () => {
    const parts = [];
    const bytesAsText = (b) => new TextDecoder('utf-8').decode(b) + ' ' + new TextDecoder('latin1').decode(b);
    const describe = (v, depth = 0) => {
      if (depth > 8 || v === null || v === undefined) return String(v);
      if (typeof v !== 'object') return String(v);
      if (v instanceof ArrayBuffer) return bytesAsText(new Uint8Array(v));
      if (ArrayBuffer.isView(v)) return bytesAsText(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      if (v instanceof CryptoKey) return `CryptoKey(${v.type}, ${v.extractable})`;
      if (v instanceof Blob) return `Blob(${v.size})`;
      return Object.entries(v).map(([k, x]) => `${k}=${describe(x, depth + 1)}`).join(' ');
    };
    for (const { name, version } of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open(name, version);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const storeName of db.objectStoreNames) {
        const store = db.transaction(storeName).objectStore(storeName);
        const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]
          .map((r) => new Promise((resolve) => { r.onsuccess = () => resolve(r.result); })));
        keys.forEach((k, i) => parts.push(`indexedDB ${name}/${storeName}/${k}: ${describe(values[i])}`));
      }
      db.close();
    }
    for (const [label, s] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]]) {
      for (const k of Object.keys(s)) parts.push(`${label} ${k}: ${s.getItem(k)}`);
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        parts.push(`cache ${name} ${request.url}: ${await response.text()}`);
      }
    }
    parts.push(`cookies: ${document.cookie}`);
    return parts.join('\n');
  });
}

/** S01, the complete and valid scenario. */
export const S01 = JSON.parse(readFileSync('tests/fixtures/scenarios/S01-complete-valid.json', 'utf8'));
/** S01's documents: the files of the names it gives (`tests/fixtures/files/s01`). */
export const S01_FILES = S01.attachments.map((a) => `tests/fixtures/files/s01/${a.filename}`);

/**
 * A page whose form has S01 restored from a draft with its documents, on check your answers. `page.posts` collects
 * the Idempotency-Key of each POST, `page.sentHeaders` their headers.
 */
export async function withS01(env, path = '/www/scenario.html', key = draftKey()) {
  const page = await open(env, path);
  // With its documents kept on the device: they upload as it is restored (else they would be
  // files no longer on this device, and sending would wait for them to be attached again).
  await seedDraftWithFiles(page, draftOf(S01), S01_FILES, key);
  await page.waitForSelector('sen-support-form >> css=#notice');
  await page.locator('sen-support-form >> css=#to-answers').first().click();
  await page.waitForTimeout(50);
  const heading = await page.locator('sen-support-form >> css=#page-heading').first().textContent();
  if (heading !== 'Check your answers before sending your application') throw new Error(`not on check your answers: ${heading}`);
  page.posts = [];
  page.sentHeaders = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/applications')) {
      page.posts.push(r.headers()['idempotency-key']);
      page.sentHeaders.push(r.headers());
    }
  });
  return page;
}

/** Waits for "Application sent"; resolves to the reference shown. */
export async function sent(page) {
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.getElementById('page-heading')?.textContent === 'Application sent', null, { timeout: 30000 });
  return page.locator('sen-support-form >> css=#reference').first().textContent();
}
