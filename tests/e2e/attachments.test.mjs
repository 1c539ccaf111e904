// Supporting documents: attached with the keyboard alone (the file upload is reached with Tab
// and opened with Space), checked in the browser before anything is sent (a program named
// .pdf, an empty file, the same file twice, a file over the limit, a password-protected PDF),
// uploaded as attached with progress announced, refused files told at the file with the
// council's words, kept on the device through going offline and a reload, and the application
// sent only once every file is stored, with only their metadata. What the real receiver stores is
// what was attached, byte for byte. axe-core in every state, 320 px without sideways scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, open, tabTo, focusedId, axe, widgetText, seedDraft, seedDraftWithFiles, draftOf, S01, S01_FILES, sent, chooseFiles, EICAR_SCANNER } from './lib.mjs';

const FILES = 'tests/fixtures/files';
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
const tmp = mkdtempSync(join(tmpdir(), 'sen-attach-'));
/** A file made for one test, in a directory of its own. */
function made(name, bytes) {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}
// A PDF of 4.5 MB (its bytes say PDF), for progress on a slow link.
const BIG = made('assessment-report.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4.5 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]));
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

// A council whose files must be under 1 KB: the stockton profile with a small limit, given to
// the receiver (--profile-file) and loaded by the widget from a page of its own.
const small = JSON.parse(fs.readFileSync('profiles/stockton-one-point.json', 'utf8'));
small.id = 'e2e-small-files';
small.attachments = { maxBytes: 1024, maxFiles: 3, allowedTypes: ['PDF', 'DOCX', 'JPEG'] };
// The receiver allows less than the widget's copy of stockton's profile says (its own limit
// wins, with its words): its stockton profile takes files under 5 MB.
const strict = JSON.parse(fs.readFileSync('profiles/stockton-one-point.json', 'utf8'));
strict.attachments = { ...strict.attachments, maxBytes: 5 * 1024 * 1024 };
const page = (attrs) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Documents – test page</title><script type="module" src="/pkg/sen-support-form.js"></script></head><body><main><h1>Apply</h1><sen-support-form ${attrs} endpoint="/applications" today="2025-04-30"><p>Email us instead.</p></sen-support-form></main></body></html>`;

// The real receiver, keeping documents as files named by their hash, scanning each with the
// receiver tests' scanner (infected: the EICAR test string); in front of it, faults only when
// a test asks (a slow link, a busy 503).
const env = {};
before(async () => Object.assign(env, await setup({
  receiver: { profiles: [small, strict], scanner: EICAR_SCANNER, attachmentsDir: true },
  faults: {
    pages: {
      '/e2e/small.json': ['application/json', JSON.stringify(small)],
      '/e2e/small.html': ['text/html', page('profile-url="/e2e/small.json"')],
    },
  },
})));
/** What the receiver stored under the SHA-256 of `bytes`, if anything. */
const storedAs = (bytes) => env.documents().get(sha(bytes));
after(async () => env.close());

const q = (p, css) => p.locator(`sen-support-form >> css=${css}`).first();
const root = (p, fn, arg) => p.evaluate(([f, a]) => new Function('r', 'a', `return (${f})(r, a)`)(document.querySelector('sen-support-form').shadowRoot, a), [fn.toString(), arg]);

/** Records each text the widget's element `id` shows, in `window[into]`. */
function record(p, id, into) {
  return p.evaluate(([id, into]) => {
    window[into] = [];
    const r = document.querySelector('sen-support-form').shadowRoot;
    new MutationObserver(() => {
      const t = r.getElementById(id)?.textContent;
      if (t && window[into].at(-1) !== t) window[into].push(t);
    }).observe(r, { subtree: true, childList: true, characterData: true });
  }, [id, into]);
}

/** A fresh browser context on a page, its live region's every change recorded. */
async function start(path = '/www/scenario.html', viewport) {
  const context = await env.browser.newContext();
  const p = await open({ ...env, browser: context }, path, viewport);
  await record(p, 'live', 'said');
  return p;
}

/** To the supporting documents with the keyboard, from the task list. */
async function toDocuments(p) {
  await tabTo(p, 'task-attachments');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.getElementById('f-attachments'));
}

/** Chooses files with the keyboard alone: Tab to the upload, Space opens the chooser. */
const attach = (p, files) => chooseFiles(p, 'f-attachments', files);

const statuses = (p) => root(p, (r) => [...r.querySelectorAll('[id^="file-status-"]')].map((e) => e.textContent));
const names = (p) => root(p, (r) => [...r.querySelectorAll('.app-file__name')].map((e) => e.textContent));
const errors = (p) => root(p, (r) => [...r.querySelectorAll('.govuk-error-message')].map((e) => e.textContent.replace(/^Error: /, '')));
const summary = (p) => root(p, (r) => [...r.querySelectorAll('.govuk-error-summary__list a')].map((e) => e.textContent));

async function uploaded(p, count) {
  await p.waitForFunction((n) => {
    const s = [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('[id^="file-status-"]')].map((e) => e.textContent);
    return s.length === n && s.every((t) => t === 'Uploaded');
  }, count, { timeout: 30000 });
}

async function noSidewaysScroll(p) {
  await p.setViewportSize({ width: 320, height: 700 });
  const wide = await p.evaluate(() => document.documentElement.scrollWidth);
  await p.setViewportSize({ width: 1024, height: 800 });
  return wide;
}

test('a PDF, a DOCX and a JPEG attached with the keyboard alone: listed with name, size and type, uploaded, stored byte for byte', { timeout: 120000 }, async () => {
  const p = await start();
  await toDocuments(p);
  assert.deepEqual(await axe(p), [], 'no files');
  const text = await widgetText(p);
  assert.match(text, /Each file must be a PDF, DOCX, XLSX, ODT, DOC, JPG, PNG, HEIC, TXT, CSV or RTF and smaller than 10MB\. You can attach up to 20 files\./);
  assert.match(text, /No documents attached yet/);
  const accept = await root(p, (r) => r.getElementById('f-attachments').accept);
  for (const type of ['image/jpeg', 'image/heic', 'image/png', '.pdf']) assert.ok(accept.includes(type), `accept has ${type}`);
  const files = ['report.pdf', 'plan.docx', 'photo.jpg'].map((f) => `${FILES}/${f}`);
  await attach(p, files);
  await uploaded(p, 3);
  assert.deepEqual(await names(p), ['report.pdf', 'plan.docx', 'photo.jpg']);
  for (const f of files) {
    const bytes = fs.readFileSync(f);
    const kept = storedAs(bytes);
    assert.ok(kept, `${f} is stored`);
    assert.ok(kept.equals(bytes), `${f} is stored byte for byte`);
  }
  const list = await widgetText(p);
  assert.match(list, /report\.pdf\s+Remove\s+report\.pdf\s+1KB\. Uploaded/);
  assert.doesNotMatch(list, /[0-9a-f]{64}|\ba[0-9]\b|PROFESSIONAL_REPORT/, 'no hash, id or code on screen');
  // The type offered from the name, and chosen by the keyboard for the others.
  assert.equal(await root(p, (r) => r.getElementById('f-attachments-0-type').value), 'PROFESSIONAL_REPORT');
  await tabTo(p, 'f-attachments-1-type');
  for (let i = 0; i < 1; i++) await p.keyboard.press('ArrowDown');
  assert.equal(await root(p, (r) => r.getElementById('f-attachments-1-type').value), 'SEN_SUPPORT_PLAN');
  await tabTo(p, 'f-attachments-2-documentDate');
  await p.keyboard.type('28');
  await p.keyboard.press('Tab');
  await p.keyboard.type('3');
  await p.keyboard.press('Tab');
  await p.keyboard.type('2025');
  const said = await p.evaluate(() => window.said);
  assert.ok(said.some((s) => /report\.pdf attached\. plan\.docx attached\. photo\.jpg attached\./.test(s)), said.join(' | '));
  assert.ok(said.some((s) => /100% uploaded/.test(s)), said.join(' | '));
  assert.deepEqual(await axe(p), [], 'files listed');
  assert.ok(await noSidewaysScroll(p) <= 320, 'no sideways scroll at 320 px');
  for (const width of [1280, 375]) {
    await p.setViewportSize({ width, height: 900 });
    await p.screenshot({ path: join(tmp, `files-${width}.png`), fullPage: true });
  }
  console.log(`screenshots: ${tmp}/files-1280.png, files-375.png`);
  // Remove, by the keyboard: the file goes, focus returns to the upload, it is said.
  await tabTo(p, 'remove-file-1');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.querySelectorAll('.app-file').length === 2);
  assert.deepEqual(await names(p), ['report.pdf', 'photo.jpg']);
  await p.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'f-attachments');
  assert.ok((await p.evaluate(() => window.said)).includes('plan.docx removed'));
  // Only metadata in the draft: the answers name the files; the bytes are kept apart.
  assert.deepEqual(p.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await p.context().close();
});

test('refused in the browser, never sent: a program named .pdf, an empty file, the same file twice; each message at the upload and in the summary', { timeout: 120000 }, async () => {
  const p = await start();
  await toDocuments(p);
  const before = env.faults.puts.length;
  await attach(p, [`${FILES}/report.pdf`]);
  await uploaded(p, 1);
  await attach(p, [`${FILES}/program.pdf`, `${FILES}/empty.pdf`, made('copy-of-report.pdf', fs.readFileSync(`${FILES}/report.pdf`))]);
  await p.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.querySelector('.govuk-error-summary'));
  const expected = [
    'program.pdf: The selected file must be a PDF, DOCX, XLSX, ODT, DOC, JPG, PNG, HEIC, TXT, CSV or RTF',
    'empty.pdf: The selected file is empty',
    'copy-of-report.pdf: The selected file is the same as report.pdf, which is already attached',
  ];
  assert.deepEqual(await errors(p), expected);
  assert.deepEqual(await summary(p), expected);
  assert.equal(await focusedId(p), 'error-summary');
  assert.deepEqual(await names(p), ['report.pdf'], 'none of them added');
  assert.equal(env.faults.puts.length - before, 1, 'only the accepted file was sent');
  assert.deepEqual(await axe(p), [], 'each error');
  // The summary's link goes to the upload.
  await p.keyboard.press('Tab');
  await p.keyboard.press('Enter');
  assert.equal(await focusedId(p), 'f-attachments');
  assert.deepEqual(p.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await p.context().close();
});

test('sent directly to the receiver, as a hostile page would: a program named .pdf refused (415) with the words the widget shows, and not stored', { timeout: 60000 }, async () => {
  // A page of the receiver's own origin, with no proxy between: the PUT is the page's fetch.
  const context = await env.browser.newContext();
  const p = await context.newPage();
  await p.goto(`${env.receiverBase}/www/scenario.html`);
  const put = (bytes, hash = sha(bytes)) => p.evaluate(async ([data, hash]) => {
    const r = await fetch(`/attachments/${hash}?profile=stockton-one-point`, { method: 'PUT', headers: { 'Content-Type': 'application/pdf' }, body: new Uint8Array(data) });
    return { status: r.status, cacheControl: r.headers.get('cache-control'), body: await r.json() };
  }, [[...bytes], hash]);
  const program = fs.readFileSync(`${FILES}/program.pdf`);
  assert.deepEqual(await put(program), {
    status: 415, cacheControl: 'no-store',
    body: { error: { kind: 'file-type', message: 'The selected file must be a PDF, DOCX, XLSX, ODT, DOC, JPG, PNG, HEIC, TXT, CSV or RTF' } },
  });
  assert.equal(storedAs(program), undefined, 'the program is not stored');
  const empty = await put(Buffer.alloc(0));
  assert.deepEqual([empty.status, empty.body.error.kind, empty.body.error.message], [422, 'empty', 'The selected file is empty']);
  // The same file twice: stored once (201), then known (200), with the same answer.
  const plan = Buffer.concat([fs.readFileSync(`${FILES}/report.pdf`), Buffer.from('\n% direct\n')]);
  const first = await put(plan);
  const again = await put(plan);
  assert.deepEqual([first.status, again.status], [201, 200]);
  assert.deepEqual(first.body, { sha256: sha(plan), sizeBytes: plan.length, mimeType: 'application/pdf', kind: 'PDF' });
  assert.deepEqual(again.body, first.body);
  assert.ok(storedAs(plan)?.equals(plan));
  await context.close();
});

test('a council\'s limits: a file over its size refused in the browser, a password-protected PDF attached with a warning', { timeout: 120000 }, async () => {
  const p = await start('/e2e/small.html');
  await toDocuments(p);
  assert.match(await widgetText(p), /Each file must be a PDF, DOCX or JPG and smaller than 1KB\. You can attach up to 3 files\./);
  const accept = await root(p, (r) => r.getElementById('f-attachments').accept);
  assert.ok(!accept.includes('image/heic'), 'only what the council allows is offered');
  await attach(p, [made('large-report.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20)])), `${FILES}/protected.pdf`]);
  await p.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.querySelector('.govuk-error-summary'));
  assert.deepEqual(await errors(p), ['large-report.pdf: The selected file must be smaller than 1KB']);
  await uploaded(p, 1);
  assert.deepEqual(await names(p), ['protected.pdf']);
  const warning = await root(p, (r) => r.querySelector('.govuk-warning-text')?.textContent);
  assert.match(warning, /Warning: The selected PDF is protected with a password, so the panel may not be able to open it/);
  assert.deepEqual(await axe(p), [], 'an error and a warning');
  assert.deepEqual(p.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await p.context().close();
});

test('refused by the council\'s system: its words at the file (too large for it, a virus), and sending says which file', { timeout: 120000 }, async () => {
  const p = await start();
  await toDocuments(p);
  // 6 MB: under the widget's 10 MB, over the receiver's 5 MB for stockton.
  const huge = made('scan.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(6 * 1024 * 1024, 0x20)]));
  await attach(p, [huge, made('notes-virus.txt', EICAR)]);
  await p.waitForFunction(() => [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('[id^="file-status-"]')].filter((e) => /^Error: /.test(e.textContent)).length === 2, null, { timeout: 30000 }).catch(() => {});
  assert.deepEqual(await statuses(p), ['Error: The selected file must be smaller than 5MB', 'Error: The selected file contains a virus']);
  const said = await p.evaluate(() => window.said);
  assert.ok(said.includes('notes-virus.txt was not uploaded: The selected file contains a virus'), said.join(' | '));
  // Kept out: the receiver stored neither.
  assert.equal(storedAs(fs.readFileSync(huge)), undefined);
  assert.equal(storedAs(Buffer.from(EICAR)), undefined);
  assert.deepEqual(env.faults.puts.filter((r) => r.sha === sha(Buffer.from(EICAR))).map((r) => r.status), [422], 'the virus refused once, not tried again');
  assert.deepEqual(await axe(p), [], 'refused by the council\'s system');
  assert.deepEqual(p.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await p.context().close();
});

test('progress reaches 100%, shown as a percentage and announced at steps', { timeout: 120000 }, async () => {
  const p = await start();
  await toDocuments(p);
  await record(p, 'file-status-0', 'shown');
  env.faults.slow(40);
  await attach(p, [BIG]);
  await p.waitForFunction(() => /Uploading: \d+%/.test(document.querySelector('sen-support-form').shadowRoot.getElementById('file-status-0')?.textContent ?? ''), null, { timeout: 30000 });
  assert.deepEqual(await axe(p), [], 'uploading');
  await uploaded(p, 1);
  env.faults.slow(0);
  const shown = await p.evaluate(() => window.shown);
  const percents = shown.map((s) => s.match(/Uploading: (\d+)%/)?.[1]).filter(Boolean).map(Number);
  assert.ok(percents.includes(100), `100% shown: ${shown.join(' | ')}`);
  assert.ok(percents.some((n) => n > 0 && n < 100), `progress in between: ${shown.join(' | ')}`);
  assert.deepEqual([...percents].sort((a, b) => a - b), percents, 'it only goes up');
  const said = (await p.evaluate(() => window.said)).filter((s) => /% uploaded/.test(s));
  assert.ok(said.at(-1).endsWith('100% uploaded'), said.join(' | '));
  assert.ok(said.length <= 4, `announced at steps, not at every event: ${said.join(' | ')}`);
  assert.ok(storedAs(fs.readFileSync(BIG))?.equals(fs.readFileSync(BIG)));
  assert.deepEqual(p.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await p.context().close();
});

test('offline when attaching: kept, tried again, and uploaded when back online', { timeout: 120000 }, async () => {
  const p = await start();
  await toDocuments(p);
  await p.context().setOffline(true);
  const file = made('offline-report.pdf', Buffer.concat([fs.readFileSync(`${FILES}/report.pdf`), Buffer.from('\n% offline\n')]));
  await attach(p, [file]);
  await p.waitForFunction(() => /Not uploaded/.test(document.querySelector('sen-support-form').shadowRoot.getElementById('file-status-0')?.textContent ?? ''), null, { timeout: 60000 });
  assert.equal(storedAs(fs.readFileSync(file)), undefined);
  await p.context().setOffline(false);
  await uploaded(p, 1);
  assert.ok(storedAs(fs.readFileSync(file))?.equals(fs.readFileSync(file)));
  assert.deepEqual(p.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await p.context().close();
});

test('a reload keeps the attached files (sealed on the device) and uploads those not yet stored; Start again deletes them', { timeout: 120000 }, async () => {
  const p = await start();
  await toDocuments(p);
  await attach(p, [`${FILES}/photo.jpg`]);
  await uploaded(p, 1);
  // The receiver is busy for the next file (a 503 from the proxy): it is not stored before the reload.
  env.faults.busy(1000);
  const file = made('reload-report.pdf', Buffer.concat([fs.readFileSync(`${FILES}/report.pdf`), Buffer.from('\n% reload\n')]));
  await attach(p, [file]);
  await p.waitForFunction(() => /trying again/.test(document.querySelector('sen-support-form').shadowRoot.getElementById('file-status-1')?.textContent ?? ''), null, { timeout: 30000 });
  await p.waitForTimeout(900); // past the autosave pause
  // On the device: the bytes sealed, not readable as they are stored.
  const raw = await p.evaluate(async () => {
    const db = await new Promise((res) => { const o = indexedDB.open('sen-support-form', 1); o.onsuccess = () => res(o.result); });
    const store = db.transaction('drafts').objectStore('drafts');
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map((r) => new Promise((res) => { r.onsuccess = () => res(r.result); })));
    return keys.map((k, i) => [k, values[i]?.data ? new TextDecoder('latin1').decode(values[i].data) : String(values[i]), values[i]?.key?.extractable]);
  });
  const fileRecords = raw.filter(([k]) => /\/files\/[0-9a-f]{64}$/.test(k));
  assert.equal(fileRecords.length, 2, raw.map(([k]) => k).join(', '));
  for (const [, data, extractable] of fileRecords) {
    assert.ok(!data.includes('%PDF') && !data.includes('JFIF'), 'sealed');
    assert.equal(extractable, false);
  }
  env.faults.busy(0);
  const putsBefore = env.faults.puts.length;
  await p.reload();
  await p.waitForSelector('sen-support-form >> css=#page-heading');
  await q(p, '#task-attachments').click();
  await uploaded(p, 2);
  assert.deepEqual(await names(p), ['photo.jpg', 'reload-report.pdf']);
  const again = env.faults.puts.slice(putsBefore);
  assert.deepEqual(again.map((r) => r.sha), [sha(fs.readFileSync(file))], 'only the file not stored is sent again');
  assert.ok(storedAs(fs.readFileSync(file))?.equals(fs.readFileSync(file)));
  // Start again: the answers and the files kept with them are deleted.
  await q(p, '.govuk-back-link').click();
  await q(p, '#start-again').click();
  await p.waitForTimeout(300);
  const left = await p.evaluate(async () => {
    const db = await new Promise((res) => { const o = indexedDB.open('sen-support-form', 1); o.onsuccess = () => res(o.result); });
    const r = db.transaction('drafts').objectStore('drafts').getAllKeys();
    return new Promise((res) => { r.onsuccess = () => res(r.result); });
  });
  assert.deepEqual(left.filter((k) => k.includes('/files/')), []);
  assert.deepEqual(p.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await p.context().close();
});

test('sending waits until every file is stored, says so, and carries only their metadata', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  const p = await open({ ...env, browser: context }, '/www/scenario.html');
  // S01 with its documents kept on this device: they upload as the draft is restored.
  await seedDraftWithFiles(p, draftOf(S01), S01_FILES);
  await q(p, '#task-attachments').click();
  await uploaded(p, S01.attachments.length);
  env.faults.busy(3);
  const file = made('speech-therapy-quote.pdf', Buffer.concat([fs.readFileSync(`${FILES}/report.pdf`), Buffer.from('\n% quote\n')]));
  await attach(p, [file]);
  await q(p, '.govuk-back-link').click();
  await q(p, '#to-answers').click();
  const posts = [];
  p.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/applications')) posts.push(JSON.parse(r.postData())); });
  await q(p, '#send').click();
  await p.waitForFunction(() => /Waiting for 1 file to finish uploading/.test(document.querySelector('sen-support-form').shadowRoot.getElementById('send-status')?.textContent ?? ''), null, { timeout: 10000 });
  assert.equal(posts.length, 0, 'not sent while the file uploads');
  const reference = await sent(p);
  assert.equal(posts.length, 1);
  // The receiver stored it, and every document it names.
  const [kept] = env.stored().filter((a) => a.reference === reference);
  assert.deepEqual(kept.documents.map((d) => [d.filename, d.stored]), posts[0].attachments.map((a) => [a.filename, true]));
  const listed = posts[0].attachments.at(-1);
  const bytes = fs.readFileSync(file);
  assert.deepEqual(listed, { id: 'a6', type: 'QUOTE', filename: 'speech-therapy-quote.pdf', mimeType: 'application/pdf', sizeBytes: bytes.length, sha256: sha(bytes) });
  assert.ok(storedAs(bytes)?.equals(bytes));
  assert.ok(!JSON.stringify(posts[0]).includes(bytes.toString('base64').slice(0, 40)), 'no file in the application');
  assert.deepEqual(p.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await context.close();
});

test('"Attach a document" beside a question that refers to one: to the upload and back, the new document among the choices', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  const p = await open({ ...env, browser: context }, '/www/scenario.html');
  await seedDraft(p, draftOf(S01));
  await q(p, '#task-specialists').click();
  await q(p, '.govuk-summary-list__actions a').click();
  for (let i = 0; i < 5 && !(await q(p, '#f-specialists-0-reportAttachmentId-attach').count()); i++) await q(p, '#continue').click();
  const heading = await q(p, '#page-heading').textContent();
  await q(p, '#f-specialists-0-reportAttachmentId-attach').click();
  await p.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.getElementById('f-attachments'));
  await q(p, '#f-attachments').setInputFiles(made('salt-report.pdf', Buffer.concat([fs.readFileSync(`${FILES}/report.pdf`), Buffer.from('\n% salt\n')])));
  const last = `file-status-${S01.attachments.length}`;
  await p.waitForFunction((id) => document.querySelector('sen-support-form').shadowRoot.getElementById(id)?.textContent === 'Uploaded', last, { timeout: 30000 });
  await q(p, '#continue').click();
  await p.waitForFunction((h) => document.querySelector('sen-support-form').shadowRoot.getElementById('page-heading')?.textContent === h, heading);
  const choices = await root(p, (r) => [...r.querySelectorAll('input[name="f-specialists-0-reportAttachmentId"]')].map((e) => e.labels[0]?.textContent.trim()));
  assert.ok(choices.includes('salt-report.pdf'), choices.join(', '));
  assert.match(await focusedId(p), /^f-specialists-0-reportAttachmentId/);
  assert.deepEqual(await axe(p), []);
  assert.deepEqual(p.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await context.close();
});

test('files dragged onto the drop zone are attached as chosen ones are', { timeout: 60000 }, async () => {
  const p = await start();
  await toDocuments(p);
  const bytes = Buffer.concat([fs.readFileSync(`${FILES}/report.pdf`), Buffer.from('\n% dropped\n')]);
  await p.evaluate((data) => {
    const zone = document.querySelector('sen-support-form').shadowRoot.querySelector('.app-drop-zone');
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'dropped-report.pdf', { type: 'application/pdf' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...bytes]);
  await uploaded(p, 1);
  assert.deepEqual(await names(p), ['dropped-report.pdf']);
  assert.ok(storedAs(bytes)?.equals(bytes));
  assert.equal(await root(p, (r) => r.querySelector('.app-drop-zone').className), 'govuk-drop-zone app-drop-zone', 'no longer shown as a drop target');
  await p.context().close();
});

test('a full storage when attaching: the form says so, keeps the file in memory, and still uploads it', { timeout: 120000 }, async () => {
  const p = await start();
  await toDocuments(p);
  // The browser's answer when the origin's quota is used up, for every write the form can make.
  await p.evaluate(() => {
    const full = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    IDBObjectStore.prototype.put = full;
    IDBObjectStore.prototype.add = full;
    Storage.prototype.setItem = full;
  });
  const file = `${FILES}/report.pdf`;
  await attach(p, [file]);
  await uploaded(p, 1);
  // Said where the files are, not only to screen readers.
  await p.waitForFunction(() => /A file could not be saved on this device: its storage is full or turned off/.test(document.querySelector('sen-support-form').shadowRoot.getElementById('files-not-kept')?.textContent ?? ''), null, { timeout: 15000 });
  assert.deepEqual(await names(p), ['report.pdf']);
  const bytes = fs.readFileSync(file);
  assert.ok(storedAs(bytes)?.equals(bytes), 'uploaded byte for byte from memory');
  assert.deepEqual(await axe(p), []);
  assert.deepEqual(p.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
});
