// Drafts the SENCo controls: a downloaded file carries the answers to another browser, "Save my
// answers on this device" off leaves nothing behind, and an expired draft is not restored but
// deleted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, open, axe, draftKey, seedDraft, savedDrafts } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();

async function typeChild(page) {
  await q(page, '#task-child').click();
  await q(page, '#f-child-legalForename').fill('Alex');
  await q(page, '#f-child-legalSurname').fill('Example-Smith');
  await q(page, '.govuk-back-link').click();
}

test('Download your answers, then carry on from the file in another browser', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/scenario.html');
  await typeChild(page);
  const [download] = await Promise.all([page.waitForEvent('download'), q(page, '#download').click()]);
  const file = await download.path();
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(download.suggestedFilename(), 'stockton-one-point-answers.json');
  assert.equal(exported.profile, 'stockton-one-point');
  assert.equal(exported.document.child.legalForename, 'Alex');
  assert.equal(exported.idempotencyKey, undefined, 'a file must not carry a send key');

  const elsewhere = await env.browser.newContext(); // another browser profile: empty storage
  const other = await open({ ...env, browser: elsewhere }, '/www/scenario.html');
  await q(other, '#load-file').setInputFiles(file);
  await other.waitForSelector('sen-support-form >> css=#notice');
  assert.equal(await q(other, '.govuk-notification-banner__heading').textContent(), 'Your answers have been loaded from the file');
  assert.deepEqual(await axe(other), []);
  await q(other, '#task-child').click();
  assert.equal(await q(other, '#f-child-legalForename').inputValue(), 'Alex');
  assert.equal(await q(other, '#f-child-legalSurname').inputValue(), 'Example-Smith');
  // Loaded answers are kept on this device from then on.
  await other.waitForTimeout(100);
  assert.equal(JSON.parse((await savedDrafts(other))[draftKey()]).document.child.legalForename, 'Alex');

  // A file that is not one of ours is refused with a reason, and nothing is lost.
  await q(other, '.govuk-back-link').click();
  await q(other, '#load-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "answers"') });
  await other.waitForTimeout(100);
  assert.match(await q(other, '.govuk-notification-banner__heading').textContent(), /^Your answers could not be loaded: /);
  assert.deepEqual(await axe(other), []);
  await q(other, '#task-child').click();
  assert.equal(await q(other, '#f-child-legalForename').inputValue(), 'Alex');
  assert.deepEqual([...page.errors, ...other.errors], []);
  await elsewhere.close();
});

test('with "Save my answers on this device" off nothing is kept, and the draft already saved is deleted', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  await typeChild(page);
  await page.waitForTimeout(900);
  assert.ok((await savedDrafts(page))[draftKey()], 'saved while the box was ticked');
  await q(page, '#save-here').uncheck();
  await page.waitForTimeout(100);
  assert.deepEqual(await savedDrafts(page), {});
  assert.match(await q(page, '#save-status').textContent(), /not saved on this device/);
  await q(page, '#task-child').click();
  await q(page, '#f-child-legalSurname').fill('Morgan');
  await page.waitForTimeout(900);
  assert.deepEqual(await savedDrafts(page), {});
  // Still all in memory.
  await q(page, '.govuk-back-link').click();
  assert.equal(await q(page, '#task-child-status').textContent(), 'In progress');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an expired draft is not restored, and is deleted', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  const old = Date.now() - 40 * 86400000;
  const expired = JSON.stringify({ draftVersion: 1, profile: 'stockton-one-point', savedAt: old, expiresAt: old + 30 * 86400000, document: { child: { legalForename: 'Alex' } } });
  await seedDraft(page, expired);
  assert.equal(await q(page, '#notice').count(), 0);
  assert.equal(await q(page, '#task-child-status').textContent(), 'Not started');
  await page.waitForTimeout(100);
  assert.deepEqual(await savedDrafts(page), {});
  assert.deepEqual(page.errors, []);
  await context.close();
});
