// Documents listed in answers whose files are not on this device (answers carried on in another
// browser from a downloaded file, or a draft restored where the files were never kept): the
// form does not hold sending for them, since each file was uploaded as soon as it was attached
// wherever that was; the council's system decides, and says at the file when one is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { setup, open, axe, draftOf, seedDraft, sent, S01, S01_FILES } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (p, css) => p.locator(`sen-support-form >> css=${css}`).first();
const statuses = (p) => p.evaluate(() => [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('[id^="file-status-"]')].map((e) => e.textContent));

/** Sends a file to the receiver itself, as the first browser did when it was attached there. */
async function uploadedElsewhere(path) {
  const bytes = readFileSync(path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const r = await fetch(`${env.receiverBase ?? env.base}/attachments/${sha}?profile=stockton-one-point`, { method: 'PUT', body: bytes });
  assert.ok(r.status === 201 || r.status === 200, `PUT ${path}: ${r.status}`);
}

/** The answers of S01 restored on a device that never had its files, then sent. */
async function restoreAndSend() {
  const page = await open(env, '/www/scenario.html');
  await seedDraft(page, draftOf(S01));
  await q(page, '#task-attachments').click();
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.querySelectorAll('[id^="file-status-"]').length === 5);
  await page.waitForFunction(() => [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('[id^="file-status-"]')].every((e) => /Not on this device/.test(e.textContent)));
  assert.deepEqual(await axe(page), []);
  await q(page, '.govuk-back-link').click();
  await q(page, '#to-answers').click();
  await q(page, '#send').click();
  return page;
}

test('documents uploaded from the browser where they were attached: not asked again, the application is accepted', { timeout: 120000 }, async () => {
  for (const f of S01_FILES) await uploadedElsewhere(f);
  const before = env.stored().length;
  const page = await restoreAndSend();
  const reference = await sent(page);
  assert.match(reference, /\S/);
  const stored = env.stored();
  assert.equal(stored.length, before + 1);
  assert.deepEqual(stored.at(-1).application.attachments.map((a) => a.sha256), S01.attachments.map((a) => a.sha256));
  assert.deepEqual(page.errors, []);
});

test('a document never uploaded anywhere: the council\'s system says so at the file, and nothing is stored', { timeout: 120000 }, async () => {
  // A fresh receiver holds none of S01's files.
  const fresh = await setup();
  try {
    const before = fresh.stored().length;
    const page = await open(fresh, '/www/scenario.html');
    await seedDraft(page, draftOf(S01));
    await q(page, '#to-answers').click();
    await q(page, '#send').click();
    await page.waitForFunction(() => /has not been received: attach it again/.test(document.querySelector('sen-support-form').shadowRoot.querySelector('.govuk-error-summary')?.textContent ?? ''), null, { timeout: 30000 });
    const summary = await page.locator('sen-support-form >> css=.govuk-error-summary').innerText();
    assert.match(summary, /The file sen-support-plan\.pdf has not been received: attach it again/);
    assert.equal(fresh.stored().length, before);
    assert.deepEqual(await axe(page), []);
    // The summary's link goes to the file, where the same words are shown.
    await page.locator('sen-support-form >> css=.govuk-error-summary__list a').first().click();
    await page.waitForFunction(() => [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('.govuk-error-message')].some((e) => /sen-support-plan\.pdf has not been received/.test(e.textContent)), null, { timeout: 10000 });
    assert.deepEqual(await axe(page), []);
  } finally {
    await fresh.close();
  }
});
