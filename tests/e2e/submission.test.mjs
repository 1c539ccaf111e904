// Never lose an application: drafts survive a reload, sending survives a network failure and a
// lost response (one stored application, one reference), a double click sends once, nothing is
// left on the device after success, and the receiver's 422 shows on the right fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, axe, draftKey, focusedId, savedDrafts, withS01, sent, S01 } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();

test('half an application survives a reload, with the banner; Start again clears it', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/scenario.html');
  await q(page, '#task-child').click();
  await q(page, '#f-child-legalForename').fill('Alex');
  await q(page, '#f-child-dob').fill('14');
  await q(page, '#f-child-dob-month').fill('5');
  await q(page, '#f-child-dob-year').fill('2016');
  await q(page, '#f-child-legalSurname').fill('Example-Smith');
  await page.waitForTimeout(900); // past the autosave pause
  // Screen readers hear that the answers were saved.
  assert.match(await q(page, '#live').textContent(), /^Your answers were saved on this device at \d\d:\d\d$/);
  assert.equal(await q(page, '#live').getAttribute('role'), 'status');
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#notice');
  assert.equal(await q(page, '.govuk-notification-banner__heading').textContent(), 'We have restored your answers');
  assert.deepEqual(await axe(page), []);
  await q(page, '#task-child').click();
  assert.equal(await q(page, '#f-child-legalForename').inputValue(), 'Alex');
  assert.equal(await q(page, '#f-child-dob-year').inputValue(), '2016');
  assert.equal(await q(page, '#f-child-legalSurname').inputValue(), 'Example-Smith');
  await q(page, '.govuk-back-link').click();
  await q(page, '#start-again').click();
  await page.waitForTimeout(50);
  assert.deepEqual(await savedDrafts(page), {});
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#page-heading');
  assert.equal(await q(page, '#notice').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('offline at Submit: not sent yet, draft and key kept; back online: exactly one stored', { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const page = await withS01(env);
  assert.deepEqual(await axe(page), []); // (loads axe-core while online)
  await page.context().setOffline(true);
  await q(page, '#send').click();
  // Screen readers hear the sending and the waiting.
  await page.waitForFunction(() => /has not been sent yet\. Trying again in \d+ seconds?/.test(document.querySelector('sen-support-form').shadowRoot.getElementById('live').textContent), null, { timeout: 30000 });
  await page.waitForSelector('sen-support-form >> css=#send-failed', { timeout: 30000 });
  assert.match(await q(page, '#send-failed').innerText(), /has not been sent yet/);
  assert.deepEqual(await axe(page), []);
  const draft = JSON.parse((await savedDrafts(page))[draftKey()]);
  assert.ok(draft.idempotencyKey, 'the key was not saved with the draft');
  assert.ok(page.posts.length >= 2, `retried: ${page.posts.length} attempts`);
  assert.ok(page.posts.every((k) => k === draft.idempotencyKey), 'a retry changed the key');
  assert.equal(env.stored().length, before);
  await page.context().setOffline(false);
  await q(page, '#send').click();
  const reference = await sent(page);
  const stored = env.stored();
  assert.equal(stored.length, before + 1);
  assert.equal(stored.at(-1).reference, reference);
  assert.equal(stored.at(-1).idempotencyKey, draft.idempotencyKey);
  assert.deepEqual(stored.at(-1).application, S01);
  // Nothing of the application is left on the device.
  assert.deepEqual(await savedDrafts(page), {});
  assert.deepEqual(await axe(page), []);
});

test('the first response is lost after the receiver committed: one application, one reference', { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const page = await withS01(env);
  let first = true;
  await page.route('**/applications', async (route) => {
    if (first && route.request().method() === 'POST') {
      first = false;
      await route.fetch(); // reaches the receiver, which stores it…
      return route.abort('connectionreset'); // …but the answer never arrives
    }
    return route.continue();
  });
  await q(page, '#send').click();
  const reference = await sent(page);
  const stored = env.stored();
  assert.equal(stored.length, before + 1, 'the retry stored a second application');
  assert.equal(stored.at(-1).reference, reference);
  assert.equal(new Set(page.posts).size, 1, 'the retry used another key');
  assert.ok(page.posts.length >= 2);
});

test('a double click on Accept and send sends one application', { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const page = await withS01(env);
  await q(page, '#send').dblclick();
  await sent(page);
  assert.equal(page.posts.length, 1);
  assert.equal(env.stored().length, before + 1);
});

test("the receiver's 422 shows its messages on the right fields", { timeout: 120000 }, async () => {
  // This receiver checks against a later date than the form: the child is a year older and the
  // evidence older, so the receiver finds what the form did not.
  const later = await setup({ today: '2026-11-25' });
  try {
    const page = await withS01(later);
    await q(page, '#send').click();
    await page.waitForSelector('sen-support-form >> css=#error-summary', { timeout: 30000 });
    assert.equal(await focusedId(page), 'error-summary');
    const links = await page.evaluate(() => [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('#error-summary a')].map((a) => [a.getAttribute('href'), a.textContent]));
    assert.ok(links.length > 0);
    assert.equal(later.stored().length, 0);
    assert.deepEqual(await axe(page), []);
    // Following a link opens the field, which shows the receiver's message.
    await q(page, '#error-summary a').click();
    await page.waitForTimeout(80);
    const focused = await focusedId(page);
    const message = await page.evaluate((id) => document.querySelector('sen-support-form').shadowRoot.getElementById(`${id}-error`)?.textContent ?? '', focused);
    assert.ok(message.includes(links[0][1]), `#${focused} shows "${message}", expected "${links[0][1]}"`);
  } finally {
    await later.close();
  }
});

test("a portal's CSRF token (from its meta tag) and its own headers go with each attempt", { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const page = await withS01(env, '/www/portal.html', draftKey('stockton-one-point', 'portal-form'));
  await q(page, '#send').click();
  const reference = await sent(page);
  assert.equal(page.sentHeaders.length, 1);
  const h = page.sentHeaders[0];
  assert.equal(h['x-csrf-token'], 'portal-csrf-7f3a');
  assert.equal(h['x-portal-session'], 'session-1234');
  assert.equal(h['x-portal-attempt'], '1');
  assert.equal(h['content-type'], 'application/json');
  assert.match(h['idempotency-key'], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(env.stored().length, before + 1);
  // The page heard about it.
  assert.equal(await page.locator('#portal-status').textContent(), `The portal recorded your application ${reference}.`);
  // The key was saved with the draft before sending, and the page heard that too.
  assert.match(await page.locator('#portal-drafts').textContent(), /^The form has saved your answers on this device \d+ times?\.$/);
  assert.deepEqual(page.errors, []);
});

test("a failing headers() hook is reported to the page and nothing is sent", { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const page = await withS01(env, '/www/portal.html', draftKey('stockton-one-point', 'portal-form'));
  await page.evaluate(() => {
    document.getElementById('portal-form').headers = () => { throw new Error('the portal session has ended'); };
  });
  await q(page, '#send').click();
  await page.waitForSelector('sen-support-form >> css=#send-failed', { timeout: 30000 });
  assert.match(await page.locator('#portal-status').textContent(), /headers\(\) hook failed: the portal session has ended/);
  assert.equal(page.posts.length, 0);
  assert.equal(env.stored().length, before);
  // The draft and its key are kept for "Try again".
  assert.ok(JSON.parse((await savedDrafts(page))[draftKey('stockton-one-point', 'portal-form')]).idempotencyKey);
});

test('a full storage: the form says so, keeps every answer in memory, and still sends', { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const context = await env.browser.newContext();
  // The browser's answer when the origin's quota is used up, for every write the form can make.
  await context.addInitScript(() => {
    const full = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    IDBObjectStore.prototype.put = full;
    Storage.prototype.setItem = full;
  });
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  page.posts = [];
  await q(page, '#task-child').click();
  await q(page, '#f-child-legalForename').fill('Alex');
  await q(page, '#f-child-legalSurname').fill('Example-Smith');
  await page.waitForTimeout(900);
  assert.match(await q(page, '#live').textContent(), /could not be saved on this device: its storage is full or turned off/);
  await q(page, '.govuk-back-link').click();
  assert.match(await q(page, '#save-status').textContent(), /could not be saved on this device/);
  assert.equal(await q(page, '#task-child-status').textContent(), 'In progress');
  assert.deepEqual(await axe(page), []);
  // Nothing was lost: the answers are there, and a whole application still goes.
  await q(page, '#task-child').click();
  assert.equal(await q(page, '#f-child-legalForename').inputValue(), 'Alex');
  assert.equal(await q(page, '#f-child-legalSurname').inputValue(), 'Example-Smith');
  await q(page, '.govuk-back-link').click();
  await q(page, '#load-file').setInputFiles({ name: 'answers.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(S01)) });
  await page.waitForSelector('sen-support-form >> css=#notice');
  await q(page, '#to-answers').click();
  await q(page, '#send').click();
  await sent(page);
  assert.equal(env.stored().length, before + 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});
