// A browser killed in the middle of an upload does not lose the file: S01 restored, a
// document attached, its upload under way on a slow link (a proxy in front of the real
// receiver holds back each chunk), the browser killed with SIGKILL, relaunched on the same
// profile directory: the file is still attached, uploaded again from this device, and stored
// once, byte for byte, by the real receiver; the application sent afterwards is accepted (201)
// and names the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver, axe, launchOnProfile, killBrowser, seedDraftWithFiles, draftOf, S01, S01_FILES, sent } from './lib.mjs';
import { startFaultProxy } from './fault-proxy.mjs';

const srv = {};
let faults;
const profileDir = mkdtempSync(join(tmpdir(), 'sen-chromium-'));
// 4 MB whose bytes say PDF: long enough on a slow link to be killed half way.
const name = `ep-report-${process.pid}.pdf`;
const file = join(profileDir, '..', name);
writeFileSync(file, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]));
const bytes = fs.readFileSync(file);
const sha = createHash('sha256').update(bytes).digest('hex');
const at = S01.attachments.length;

before(async () => {
  Object.assign(srv, await startReceiver({ attachmentsDir: true }));
  faults = await startFaultProxy(srv.base, { slow: 150 });
});
after(() => { faults.close(); srv.stop(); rmSync(profileDir, { recursive: true, force: true }); rmSync(file, { force: true }); });

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();
const status = (page) => page.evaluate((i) => document.querySelector('sen-support-form').shadowRoot.getElementById(`file-status-${i}`)?.textContent ?? '', at);

async function openForm(browser) {
  const page = await browser.contexts()[0].newPage();
  await page.goto(`${faults.base}/www/scenario.html`);
  await page.waitForSelector('sen-support-form >> css=#page-heading', { timeout: 15000 });
  return page;
}

async function toDocuments(page) {
  await q(page, '#task-attachments').click();
  await page.waitForSelector('sen-support-form >> css=#f-attachments');
}

test('SIGKILL of the browser during an upload: on relaunch the file is still attached, is stored once, and the application naming it is accepted', { timeout: 180000 }, async () => {
  let { child, browser } = await launchOnProfile(profileDir);
  let page = await openForm(browser);
  // S01 with its documents kept on this device: they upload as the draft is restored.
  await seedDraftWithFiles(page, draftOf(S01), S01_FILES);
  await toDocuments(page);
  await q(page, '#f-attachments').setInputFiles(file);
  // Under way: the browser may report any share sent, up to 100%, while the bytes still sit in
  // the link's buffers (the kernel takes several MB at once on loopback); the receiver has not
  // stored it, which is asserted below.
  await page.waitForFunction((i) => /Uploading: \d+%/.test(document.querySelector('sen-support-form').shadowRoot.getElementById(`file-status-${i}`)?.textContent ?? ''), at, { timeout: 30000 });
  await page.waitForTimeout(900); // past the autosave pause, and no more
  assert.equal(srv.documents().has(sha), false, 'not stored before the crash');
  await killBrowser(child);

  faults.slow(0);
  ({ child, browser } = await launchOnProfile(profileDir));
  try {
    page = await openForm(browser);
    await toDocuments(page);
    assert.equal(await page.locator('sen-support-form >> css=.app-file__name').nth(at).textContent(), name);
    await page.waitForFunction((i) => document.querySelector('sen-support-form').shadowRoot.getElementById(`file-status-${i}`)?.textContent === 'Uploaded', at, { timeout: 30000 });
    assert.equal(await status(page), 'Uploaded');
    assert.deepEqual(await axe(page), []);
    // Stored once, byte for byte: one file of that hash in the receiver's directory, one 201.
    assert.ok(srv.documents().get(sha)?.equals(bytes), 'stored byte for byte');
    assert.equal(faults.puts.filter((p) => p.sha === sha && p.status === 201).length, 1, 'stored once');
    assert.deepEqual(faults.puts.filter((p) => p.sha === sha && p.status === 200), [], 'not stored again');
    // Nothing else in the directory: S01's documents and this one, no upload cut off left.
    // (The cut-off upload's part is removed once the receiver sees its connection gone.)
    const kept = [...S01.attachments.map((a) => a.sha256), sha].sort();
    for (let t = Date.now(); Date.now() - t < 45000 && JSON.stringify(srv.attachmentsDirNames()) !== JSON.stringify(kept);) await page.waitForTimeout(200);
    assert.deepEqual(srv.attachmentsDirNames(), kept);

    // Sent afterwards: accepted, naming the file by its metadata; the receiver lists it stored.
    const answers = [];
    page.on('response', (r) => { if (r.request().method() === 'POST' && r.url().endsWith('/applications')) answers.push(r.status()); });
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/applications')) posts.push(JSON.parse(r.postData())); });
    await q(page, '.govuk-back-link').click();
    await q(page, '#to-answers').click();
    await q(page, '#send').click();
    const reference = await sent(page);
    assert.deepEqual(answers, [201]);
    const listed = posts[0].attachments.at(-1);
    assert.deepEqual({ filename: listed.filename, mimeType: listed.mimeType, sizeBytes: listed.sizeBytes, sha256: listed.sha256 },
      { filename: name, mimeType: 'application/pdf', sizeBytes: bytes.length, sha256: sha });
    const [application] = srv.stored().filter((s) => s.reference === reference);
    assert.ok(application, `${reference} is stored`);
    assert.deepEqual(application.documents.at(-1), { filename: name, type: listed.type, sizeBytes: bytes.length, sha256: sha.slice(0, 12), stored: true });
    assert.deepEqual(await axe(page), []);
  } finally {
    await killBrowser(child);
  }
});
