// One key is one body. After a refusal, or after loading a file, a changed application goes out
// under a new Idempotency-Key; an unchanged one keeps its key (a retry, "Try again", a reload).
// A backend that keeps its refusals under their key (the IETF draft allows it) would otherwise
// refuse the corrected application for ever.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, savedDrafts, draftKey, withS01, sent, S01 } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();
const json = (status, body) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

/** The backend's report refusing the child's name (as the core's 422 reads). */
const REFUSAL = json(422, {
  complete: false,
  issues: [{ ruleId: 'X-01', severity: 'error', pointer: '/child/legalForename', message: "Enter the child's first name as the school's records have it" }],
});

/**
 * In front of the receiver: a backend that refuses the first application and keeps that answer
 * under its key, refusing the key with any other body. Other keys reach the receiver.
 */
async function keepsRefusals(page) {
  const refused = new Map();
  await page.route('**/applications', async (route) => {
    const key = route.request().headers()['idempotency-key'];
    const body = route.request().postData();
    if (refused.size === 0) refused.set(key, body);
    if (!refused.has(key)) return route.continue();
    if (refused.get(key) === body) return route.fulfill(REFUSAL);
    return route.fulfill(json(422, { error: { kind: 'idempotency', message: 'this key was used for another application' } }));
  });
}

/** Waits until the `n`th POST has been answered and the button is back. */
async function answered(page, n) {
  while (page.posts.length < n) await page.waitForTimeout(20);
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.getElementById('send')?.textContent === 'Accept and send', null, { timeout: 30000 });
}

test('after a refusal: the same key while unchanged, a new key for the corrected application, which is stored', { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const page = await withS01(env);
  await keepsRefusals(page);
  await q(page, '#send').click();
  await page.waitForSelector('sen-support-form >> css=#error-summary', { timeout: 30000 });
  assert.match(await q(page, '#error-summary').innerText(), /as the school's records have it/);
  // Sent again unchanged: the same body, the same key, the same refusal.
  await q(page, '#send').click();
  await answered(page, 2);
  assert.equal(page.posts.length, 2);
  assert.equal(page.posts[1], page.posts[0], 'an unchanged resend changed its key');
  // Corrected where the message points, then sent: a new key, and the backend stores it.
  await q(page, '#error-summary a').click();
  await page.waitForTimeout(80);
  await q(page, '#f-child-legalForename').fill('Alexandra');
  await q(page, '#f-child-legalForename').blur();
  await q(page, '.govuk-back-link').click();
  while (!(await q(page, '#to-answers').count())) {
    await q(page, '.govuk-back-link').click();
  }
  await q(page, '#to-answers').click();
  await q(page, '#send').click();
  const reference = await sent(page);
  assert.equal(page.posts.length, 3);
  assert.notEqual(page.posts[2], page.posts[0], 'the corrected application went out under the refused key');
  const stored = env.stored();
  assert.equal(stored.length, before + 1);
  assert.equal(stored.at(-1).reference, reference);
  assert.equal(stored.at(-1).idempotencyKey, page.posts[2]);
  assert.equal(stored.at(-1).application.child.legalForename, 'Alexandra');
  assert.deepEqual(page.errors.filter((e) => !e.startsWith('Failed to load resource')), []);
});

test('after loading a file, its application goes out under a new key, not the key of the one sent before', { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const page = await withS01(env);
  // Every attempt reaches the receiver, which stores S01 under its key; no answer comes back.
  await page.route('**/applications', async (route) => {
    await route.fetch();
    return route.abort('connectionreset');
  });
  await q(page, '#send').click();
  await page.waitForSelector('sen-support-form >> css=#send-failed', { timeout: 30000 });
  assert.equal(new Set(page.posts).size, 1);
  assert.equal(env.stored().length, before + 1);
  await page.unroute('**/applications');
  // The SENCo carries on from a file with another child's name, and sends it.
  const changed = structuredClone(S01);
  changed.child.legalForename = 'Alexandra';
  await q(page, '.govuk-back-link').click();
  await q(page, '#load-file').setInputFiles({ name: 'answers.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(changed)) });
  await page.waitForSelector('sen-support-form >> css=#notice');
  await q(page, '#to-answers').click();
  await q(page, '#send').click();
  const reference = await sent(page);
  const key = page.posts.at(-1);
  assert.notEqual(key, page.posts[0], 'the loaded application went out under the key of the one sent before');
  const stored = env.stored();
  assert.equal(stored.length, before + 2);
  assert.equal(stored.at(-1).reference, reference);
  assert.equal(stored.at(-1).idempotencyKey, key);
  assert.equal(stored.at(-1).application.child.legalForename, 'Alexandra');
  assert.deepEqual(page.errors.filter((e) => !e.startsWith('Failed to load resource')), []);
});

test('an unchanged application keeps its key after a reload', { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const page = await withS01(env);
  await page.context().setOffline(true);
  await q(page, '#send').click();
  await page.waitForSelector('sen-support-form >> css=#send-failed', { timeout: 30000 });
  const kept = JSON.parse((await savedDrafts(page))[draftKey()]).idempotencyKey;
  assert.equal(kept, page.posts[0]);
  await page.context().setOffline(false);
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#notice');
  await q(page, '#to-answers').click();
  await q(page, '#send').click();
  await sent(page);
  assert.equal(page.posts.at(-1), kept, 'a reload changed the key of an unchanged application');
  assert.equal(env.stored().length, before + 1);
});
