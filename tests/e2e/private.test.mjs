// Private at rest: what the form keeps on the device is sealed (AES-GCM, a non-extractable key
// in IndexedDB, a new IV for every write). After a save, every storage the page has, read
// directly, holds no answer, no send key and no school detail; deleting a draft leaves nothing
// that can open a copy of its ciphertext; a draft in the earlier plain format is restored once
// and sealed in its place; without IndexedDB nothing is kept and the person is told; a tab's
// draft (drafts="session") is sealed too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  setup, open, axe, draftOf, draftKey, seedDraft, seedPlainDraft, savedDrafts, sealedRecords,
  openWithWhatIsLeft, everyStorage, keepDraftsInTab,
} from './lib.mjs';

const S01 = JSON.parse(fs.readFileSync('tests/fixtures/scenarios/S01-complete-valid.json', 'utf8'));
const NAME = 'Zephyrine';
const SCHOOL_KEY = 'sen-support-form:school';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();

/** Back to the task list, by the back links. */
async function toTasks(page) {
  while (!(await q(page, '#task-child').count())) await q(page, '.govuk-back-link').click();
}

/** Types the child's first name and waits past the autosave pause. */
async function typeName(page, name) {
  await q(page, '#task-child').click();
  await q(page, '#f-child-legalForename').fill(name);
  await q(page, '.govuk-back-link').click();
  await page.waitForTimeout(900);
}

test('after a save, no storage holds an answer, the send key or the school in plain text', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  await seedDraft(page, draftOf(S01));
  // The school remembered too, under its own key.
  await q(page, '#task-setting').click();
  await q(page, '#continue').click();
  await q(page, '#remember-school').check();
  await toTasks(page);
  await typeName(page, NAME);
  const firstIv = (await sealedRecords(page))[draftKey()].iv;
  // A send that starts offline saves its idempotency key with the draft.
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.headers()['idempotency-key']); });
  await q(page, '#to-answers').click();
  await page.context().setOffline(true);
  await q(page, '#send').click();
  await page.waitForSelector('sen-support-form >> css=#send-failed', { timeout: 30000 });
  await page.context().setOffline(false);
  const sendKey = posts[0];
  assert.match(sendKey, /^[0-9a-f-]{36}$/);

  // What the form keeps, opened with the keys kept with it: the answers, the key, the school.
  const opened = await savedDrafts(page);
  const draft = JSON.parse(opened[draftKey()]);
  assert.equal(draft.document.child.legalForename, NAME);
  assert.equal(draft.idempotencyKey, sendKey);
  assert.deepEqual(JSON.parse(opened[SCHOOL_KEY]), S01.setting);

  // Every storage, read directly: none of it in plain text.
  const everything = await everyStorage(page);
  assert.ok(everything.includes(`indexedDB sen-support-form/drafts/${draftKey()}`), 'the draft is there');
  assert.ok(everything.includes(`indexedDB sen-support-form/drafts/${SCHOOL_KEY}`), 'the school is there');
  const answers = [NAME, S01.child.legalSurname, S01.child.upn, S01.child.postcode,
    S01.parents[0].email, S01.setting.name, S01.setting.senco.name, S01.setting.senco.email,
    sendKey, 'legalForename', 'draftVersion'];
  for (const answer of answers) {
    assert.ok(typeof answer === 'string' && answer.length > 5, `${answer} is not a distinctive text`);
    assert.ok(!everything.includes(answer), `${answer} is kept in plain text`);
  }
  // Sealed as said: AES-GCM, a key no script can read out, a 96-bit IV new for each write.
  const records = await sealedRecords(page);
  for (const key of [draftKey(), SCHOOL_KEY]) {
    const r = records[key];
    assert.deepEqual(r.cryptoKey, { type: 'secret', extractable: false, algorithm: { name: 'AES-GCM', length: 256 }, usages: ['encrypt', 'decrypt'] });
    assert.equal(r.iv.length, 12);
    assert.ok(r.data.length > 16);
  }
  assert.notDeepEqual(records[draftKey()].iv, firstIv, 'the IV was used again');
  assert.notDeepEqual(records[draftKey()].iv, records[SCHOOL_KEY].iv);
  assert.deepEqual(page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)), []);
  await context.close();
});

test('deleting a draft deletes its key: a copy of its ciphertext cannot be opened with what is left', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  await typeName(page, NAME);
  const copy = (await sealedRecords(page))[draftKey()];
  // While the draft is kept, its key opens the copy.
  const before = await openWithWhatIsLeft(page, copy);
  assert.equal(before.opened.length, 1);
  assert.equal(JSON.parse(before.opened[0]).document.child.legalForename, NAME);

  // Start again deletes the draft (its record, key and all).
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#notice');
  await q(page, '#start-again').click();
  await page.waitForTimeout(100);
  assert.deepEqual(await savedDrafts(page), {});
  // New answers: a new key, not the old one.
  await typeName(page, 'Another');
  const after = await openWithWhatIsLeft(page, copy);
  assert.equal(after.keys, 1, 'the new draft\'s key');
  assert.deepEqual(after.opened, [], 'the deleted draft could still be read');
  assert.equal(JSON.parse((await savedDrafts(page))[draftKey()]).document.child.legalForename, 'Another');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a draft in the earlier plain format is restored once and sealed in its place', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  const plain = draftOf({ child: { legalForename: NAME } });
  await seedPlainDraft(page, plain);
  await page.waitForSelector('sen-support-form >> css=#notice');
  assert.equal(await q(page, '.govuk-notification-banner__heading').textContent(), 'We have restored your answers');
  await page.waitForTimeout(100);
  assert.ok(!(await everyStorage(page)).includes(NAME), 'the plain draft is still there');
  assert.ok((await sealedRecords(page))[draftKey()].iv, 'sealed in its place');
  // The sealed draft is what the next visit restores.
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#notice');
  await q(page, '#task-child').click();
  assert.equal(await q(page, '#f-child-legalForename').inputValue(), NAME);

  // One kept in localStorage (where IndexedDB could not be opened before) moves too.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [draftKey('stockton-one-point', 'other'), plain]);
  await page.evaluate(() => {
    const form = document.createElement('sen-support-form');
    form.id = 'other';
    form.setAttribute('profile', 'stockton-one-point');
    document.body.append(form);
  });
  await page.waitForSelector('#other >> css=#notice');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.equal(JSON.parse((await savedDrafts(page))[draftKey('stockton-one-point', 'other')]).document.child.legalForename, NAME);
  assert.ok(!(await everyStorage(page)).includes(NAME));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('without IndexedDB nothing is kept (there is nowhere to keep a key), and the form says so', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  // Said from the start, not only once a save has failed.
  assert.match(await q(page, '#save-status').textContent(), /cannot be saved on this device/);
  // A plain draft left by the earlier fallback is restored once, and not kept.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [draftKey(), draftOf({ child: { legalSurname: 'Morgan' } })]);
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#notice');
  await q(page, '#task-child').click();
  assert.equal(await q(page, '#f-child-legalSurname').inputValue(), 'Morgan');
  await q(page, '#f-child-legalForename').fill(NAME);
  await page.waitForTimeout(900);
  assert.match(await q(page, '#live').textContent(), /cannot be saved on this device: this browser does not let the form keep them safely/);
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
  assert.ok(!(await page.evaluate(() => document.cookie)).includes(NAME));
  await q(page, '.govuk-back-link').click();
  assert.match(await q(page, '#save-status').textContent(), /cannot be saved on this device/);
  assert.deepEqual(await axe(page), []);
  // Still all in memory.
  await q(page, '#task-child').click();
  assert.equal(await q(page, '#f-child-legalForename').inputValue(), NAME);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a tab\'s draft (drafts="session") is sealed in sessionStorage, its key in IndexedDB', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  await keepDraftsInTab(context);
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  await typeName(page, NAME);
  const sealed = await page.evaluate((k) => sessionStorage.getItem(k), draftKey());
  assert.match(sealed, /^sealed:[0-9a-f-]{36}:[0-9a-f]{24}:[0-9a-f]+$/);
  const everything = await everyStorage(page);
  assert.ok(!everything.includes(NAME), 'an answer is kept in plain text');
  assert.equal(JSON.parse((await savedDrafts(page))[draftKey()]).document.child.legalForename, NAME);
  const keyName = `sen-support-form:key/${sealed.split(':')[1]}`;
  assert.equal((await sealedRecords(page))[keyName].cryptoKey.extractable, false);
  // Restored after a reload of the tab; a new save seals under a new key and deletes the old.
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#notice');
  await typeName(page, 'Another');
  const resealed = await page.evaluate((k) => sessionStorage.getItem(k), draftKey());
  assert.notEqual(resealed.split(':')[1], sealed.split(':')[1]);
  const records = await sealedRecords(page);
  assert.equal(records[keyName], undefined, 'the old key is kept');
  assert.deepEqual(Object.keys(records), [`sen-support-form:key/${resealed.split(':')[1]}`]);
  // Start again deletes the draft and its key.
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#notice');
  await q(page, '#start-again').click();
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  assert.deepEqual(await sealedRecords(page), {});
  assert.deepEqual(page.errors, []);
  await context.close();
});
