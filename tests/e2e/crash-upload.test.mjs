// A browser killed in the middle of an upload does not lose the file: a document attached, its
// upload under way on a slow link, the browser killed with SIGKILL, relaunched on the same
// profile directory: the file is still attached, uploaded again from this device, and stored
// once, byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver, axe, launchOnProfile, killBrowser } from './lib.mjs';
import { startAttachmentServer } from './attachments-server.mjs';

const srv = {};
let files;
const profileDir = mkdtempSync(join(tmpdir(), 'sen-chromium-'));
// 4 MB whose bytes say PDF: long enough on a slow link to be killed half way.
const file = join(profileDir, '..', `ep-report-${process.pid}.pdf`);
writeFileSync(file, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]));
const bytes = fs.readFileSync(file);
const sha = createHash('sha256').update(bytes).digest('hex');

before(async () => {
  Object.assign(srv, await startReceiver());
  files = await startAttachmentServer(srv.base, { slow: 60 });
});
after(() => { files.close(); srv.stop(); rmSync(profileDir, { recursive: true, force: true }); rmSync(file, { force: true }); });

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();
const status = (page) => page.evaluate(() => document.querySelector('sen-support-form').shadowRoot.getElementById('file-status-0')?.textContent ?? '');

async function openDocuments(browser) {
  const page = await browser.contexts()[0].newPage();
  await page.goto(`${files.base}/www/scenario.html`);
  await page.waitForSelector('sen-support-form >> css=#page-heading', { timeout: 15000 });
  await q(page, '#task-attachments').click();
  await page.waitForSelector('sen-support-form >> css=#f-attachments');
  return page;
}

test('SIGKILL of the browser during an upload: on relaunch the file is still attached, and is stored once', { timeout: 120000 }, async () => {
  let { child, browser } = await launchOnProfile(profileDir);
  let page = await openDocuments(browser);
  await q(page, '#f-attachments').setInputFiles(file);
  await page.waitForFunction(() => /Uploading: [1-9]\d?%/.test(document.querySelector('sen-support-form').shadowRoot.getElementById('file-status-0')?.textContent ?? ''), null, { timeout: 30000 });
  await page.waitForTimeout(900); // past the autosave pause, and no more
  assert.equal(files.stored.has(sha), false, 'not stored before the crash');
  await killBrowser(child);

  files.slow(0);
  ({ child, browser } = await launchOnProfile(profileDir));
  try {
    page = await openDocuments(browser);
    assert.equal(await q(page, '.app-file__name').textContent(), `ep-report-${process.pid}.pdf`);
    await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.getElementById('file-status-0')?.textContent === 'Uploaded', null, { timeout: 30000 });
    assert.equal(await status(page), 'Uploaded');
    assert.ok(files.stored.get(sha).bytes.equals(bytes), 'stored byte for byte');
    assert.equal(files.puts.filter((p) => p.sha === sha && p.status === 201).length, 1, 'stored once');
    assert.deepEqual(await axe(page), []);
  } finally {
    await killBrowser(child);
  }
});
