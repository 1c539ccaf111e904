// Shared helpers for the browser journeys: the real receiver (target/release/sen-receiver) on a
// free port with its own database, serving the host pages and the built widget; headless
// Chromium (Debian's, through playwright-core); the widget's shadow root, keyboard-only focus
// moves and axe-core.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const RECEIVER = 'target/release/sen-receiver';

/** Starts the receiver; resolves to { base, stop, stored }. */
export function startReceiver({ today = '2025-04-30' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sen-e2e-'));
  const database = join(dir, 'applications.sqlite3');
  const child = spawn(RECEIVER, ['--listen', '127.0.0.1:0', '--database', database, '--static', '.', '--serve-axe-core', '--today', today], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
          /** The applications the receiver has stored. */
          stored() {
            const r = spawnSync(RECEIVER, ['--list', '--database', database], { encoding: 'utf8' });
            if (r.status !== 0) throw new Error(`sen-receiver --list failed: ${r.stderr}`);
            return JSON.parse(r.stdout);
          },
          stop() { child.kill(); rmSync(dir, { recursive: true, force: true }); },
        });
      }
    });
  });
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** A server and a browser for one test file. */
export async function setup(options = {}) {
  const srv = await startReceiver(options);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
  return {
    base: srv.base, browser, stored: srv.stored,
    async close() { await browser.close(); srv.stop(); },
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

/** Puts a draft where the widget keeps them on this device (IndexedDB), then reloads. */
export async function seedDraft(page, text, key = draftKey()) {
  await page.evaluate(([k, v]) => new Promise((resolve, reject) => {
    const open = indexedDB.open('sen-support-form', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('drafts');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('drafts', 'readwrite');
      tx.objectStore('drafts').put(v, k);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [key, text]);
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#page-heading', { timeout: 15000 });
}

/**
 * Everything of the widget's in this page's browser storage: { key: text } from IndexedDB,
 * localStorage and sessionStorage.
 */
export function savedDrafts(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const out = {};
    for (const s of [localStorage, sessionStorage]) {
      for (const k of Object.keys(s)) if (k.startsWith('sen-support-form')) out[k] = s.getItem(k);
    }
    const open = indexedDB.open('sen-support-form', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('drafts');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const store = db.transaction('drafts').objectStore('drafts');
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => {
        keys.result.forEach((k, i) => { out[k] = values.result[i]; });
        db.close();
        resolve(out);
      };
    };
  }));
}

/** S01, the complete and valid scenario. */
export const S01 = JSON.parse(readFileSync('tests/fixtures/scenarios/S01-complete-valid.json', 'utf8'));

/**
 * A page whose form has S01 restored from a draft, on check your answers. `page.posts` collects
 * the Idempotency-Key of each POST, `page.sentHeaders` their headers.
 */
export async function withS01(env, path = '/www/scenario.html', key = draftKey()) {
  const page = await open(env, path);
  await seedDraft(page, draftOf(S01), key);
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
