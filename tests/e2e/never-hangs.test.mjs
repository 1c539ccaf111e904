// The form never hangs silently. A send whose `fetch` throws (or is gone), or that has no
// answer within a minute, is a failed attempt: retried, then "not sent yet" with the button
// usable, and it sends once `fetch` (or the backend) is back. When the widget cannot go on
// (here the page's `document.createElement` throws, and the WebAssembly traps), it says so,
// keeps the answers saved, shows the element's own content and fires `sen-error`. A page that
// has already defined <sen-support-form> is told so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, axe, savedDrafts, draftKey, withS01, sent } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();

/** Records each `sen-error` the page hears in `window.senErrors`. */
const listenForErrors = (page) => page.evaluate(() => {
  window.senErrors = [];
  document.addEventListener('sen-error', (e) => window.senErrors.push(e.detail.message));
});

for (const [name, broken] of [
  ['throws', () => { window.fetch = () => { window.fetchCalls += 1; throw new TypeError('fetch was blocked by an extension'); }; }],
  ['is null', () => { window.fetch = null; }],
]) {
  test(`a send whose fetch ${name}: retried, then not sent yet with the button usable; sent once fetch is back`, { timeout: 120000 }, async () => {
    const before = env.stored().length;
    const page = await withS01(env);
    assert.deepEqual(await axe(page), []); // (loads axe-core first)
    await page.evaluate(`window.realFetch = window.fetch; window.fetchCalls = 0; (${broken})()`);
    await q(page, '#send').click();
    await page.waitForSelector('sen-support-form >> css=#send-failed', { timeout: 30000 });
    assert.match(await q(page, '#send-failed').innerText(), /has not been sent yet/);
    if (name === 'throws') assert.equal(await page.evaluate(() => window.fetchCalls), 5, 'not retried as a network failure');
    assert.equal(await q(page, '#send').textContent(), 'Accept and send');
    assert.equal(await q(page, '#send').getAttribute('aria-disabled'), null);
    assert.deepEqual(await axe(page), []);
    await page.evaluate(() => { window.fetch = window.realFetch; });
    await q(page, '#send').click();
    await sent(page);
    assert.equal(env.stored().length, before + 1);
    assert.deepEqual(page.errors, []);
  });
}

test('a backend that never answers: each attempt gives up after a minute, then not sent yet; sent once it answers', { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const page = await withS01(env);
  await page.clock.install();
  await page.route('**/applications', () => {}); // accepted, never answered
  await q(page, '#send').click();
  for (let minute = 0; minute < 10 && !(await q(page, '#send-failed').count()); minute++) {
    await page.waitForTimeout(50);
    await page.clock.runFor(61_000);
  }
  assert.match(await q(page, '#send-failed').innerText(), /has not been sent yet/);
  assert.equal(page.posts.length, 5, 'not retried as unanswered');
  assert.equal(await q(page, '#send').textContent(), 'Accept and send');
  await page.unroute('**/applications');
  await q(page, '#send').click();
  await sent(page);
  assert.equal(env.stored().length, before + 1);
});

test('when the widget cannot go on it says so, keeps the answers, shows the fallback and fires sen-error', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/scenario.html');
  await listenForErrors(page);
  assert.equal(await page.locator('p.fallback').isVisible(), false);
  await q(page, '#task-child').click();
  await q(page, '#f-child-legalForename').fill('Alex');
  // Before the answers' autosave: the page breaks the DOM, and the next page cannot be drawn.
  await page.evaluate(() => { document.createElement = () => { throw new Error('createElement is not allowed here'); }; });
  await q(page, '.govuk-back-link').click();
  await page.waitForSelector('sen-support-form >> css=#stopped', { timeout: 15000 });
  // Saved as it stopped (the autosave would have waited for a pause of 600 ms).
  assert.equal(JSON.parse((await savedDrafts(page))[draftKey()]).document.child.legalForename, 'Alex');
  assert.match(await q(page, '#stopped').innerText(), /^Sorry, there is a problem with this form\s+It cannot carry on\. Your answers are saved on this device/);
  assert.equal(await page.evaluate(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id), 'stopped');
  assert.ok(await page.locator('p.fallback').isVisible(), "the element's own content is hidden");
  const errors = await page.evaluate(() => window.senErrors);
  assert.equal(errors.length, 1, `sen-error fired ${errors.length} times`);
  assert.match(errors[0], /stopped working/);
  assert.ok(page.errors.length > 0 && page.errors.every((e) => /unreachable/.test(e)), page.errors.join('\n'));
  await page.evaluate(() => { delete document.createElement; });
  assert.deepEqual(await axe(page), []);
  // A form added to the page afterwards does not start: its own content stays, and it says so.
  await page.evaluate(() => {
    const late = document.createElement('sen-support-form');
    late.id = 'late';
    late.setAttribute('profile', 'stockton-one-point');
    late.innerHTML = '<p id="late-fallback">Apply by email instead</p>';
    document.querySelector('main').append(late);
  });
  await page.waitForFunction(() => window.senErrors.length === 2, null, { timeout: 15000 });
  assert.match((await page.evaluate(() => window.senErrors))[1], /stopped working earlier on this page/);
  assert.ok(await page.locator('#late-fallback').isVisible());
  // The answers are there when the page is opened again.
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#notice');
  await q(page, '#task-child').click();
  assert.equal(await q(page, '#f-child-legalForename').inputValue(), 'Alex');
});

test('with saving on this device turned off, a stopped form says its answers could not be kept, and keeps none', { timeout: 60000 }, async () => {
  const page = await open(env, '/www/scenario.html');
  await listenForErrors(page);
  await q(page, '#save-here').uncheck();
  await q(page, '#task-child').click();
  await q(page, '#f-child-legalForename').fill('Alex');
  await page.evaluate(() => { document.createElement = () => { throw new Error('createElement is not allowed here'); }; });
  await q(page, '.govuk-back-link').click();
  await page.waitForSelector('sen-support-form >> css=#stopped', { timeout: 15000 });
  assert.match(await q(page, '#stopped').innerText(), /It cannot carry on\. Saving on this device is turned off, so your answers could not be kept\.$/);
  assert.ok(await page.locator('p.fallback').isVisible());
  assert.equal((await page.evaluate(() => window.senErrors)).length, 1);
  assert.deepEqual(await savedDrafts(page), {});
});

test('a browser API that throws through the form (a send reading the CSRF meta tag) stops it with its message, not a send for ever', { timeout: 60000 }, async () => {
  const page = await withS01(env, '/www/portal.html', draftKey('stockton-one-point', 'portal-form'));
  await listenForErrors(page);
  await page.evaluate(() => { document.getElementsByName = () => { throw new Error('getElementsByName is not allowed here'); }; });
  await q(page, '#send').click();
  await page.waitForSelector('sen-support-form >> css=#stopped', { timeout: 15000 });
  assert.match(await q(page, '#stopped').innerText(), /Your answers are saved on this device/);
  const errors = await page.evaluate(() => window.senErrors);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^The form stopped working: Error: getElementsByName is not allowed here$/);
  assert.equal(page.posts.length, 0);
  assert.ok(JSON.parse((await savedDrafts(page))[draftKey('stockton-one-point', 'portal-form')]).idempotencyKey);
});

test('a page that broke document.createElement before the form started: the message and its own content, not a blank form', { timeout: 60000 }, async () => {
  const page = await env.browser.newPage();
  await page.addInitScript(() => {
    window.senErrors = [];
    document.addEventListener('sen-error', (e) => window.senErrors.push(e.detail.message));
    document.createElement = () => { throw new Error('createElement is not allowed here'); };
  });
  await page.goto(env.base + '/www/scenario.html');
  await page.waitForSelector('sen-support-form >> css=#stopped', { timeout: 15000 });
  assert.match(await q(page, '#stopped').innerText(), /^Sorry, there is a problem with this form\s+It cannot carry on\.$/);
  assert.ok(await page.locator('p.fallback').isVisible());
  assert.deepEqual(await page.evaluate(() => window.senErrors), ['The form could not start: it could not make its page']);
  await page.evaluate(() => { delete document.createElement; });
  assert.deepEqual(await axe(page), []);
  await page.close();
});

test('mounting into an element another script gave a closed shadow root says so with sen-error', { timeout: 60000 }, async () => {
  const page = await open(env, '/www/scenario.html');
  const message = await page.evaluate(async () => {
    const { mount } = await import('/pkg/sen-support-form.js');
    const element = document.createElement('div');
    element.attachShadow({ mode: 'closed' });
    document.querySelector('main').append(element);
    const heard = new Promise((resolve) => element.addEventListener('sen-error', (e) => resolve(e.detail.message)));
    await mount(element, { profile: 'stockton-one-point' });
    return heard;
  });
  assert.equal(message, 'The form could not start: the element has a shadow root already');
  assert.deepEqual(page.errors, []);
});

test("a page's own listener that throws does not stop the form", { timeout: 60000 }, async () => {
  const page = await open(env, '/www/scenario.html');
  await page.evaluate(() => document.addEventListener('sen-draft-saved', () => { throw new Error("the page's own bug"); }));
  await q(page, '#task-child').click();
  await q(page, '#f-child-legalForename').fill('Alex');
  await page.waitForTimeout(900); // the autosave, and the page's listener
  assert.ok(page.errors.some((e) => e.includes("the page's own bug")), 'the listener did not run');
  await q(page, '.govuk-back-link').click();
  assert.equal(await q(page, '#stopped').count(), 0);
  assert.equal(await q(page, '#page-heading').textContent(), 'Apply for SEN support');
});

test('a page that already defines <sen-support-form> is told so, in the console and with sen-error', { timeout: 60000 }, async () => {
  const page = await env.browser.newPage();
  const console = [];
  page.on('console', (m) => { if (m.type() === 'error') console.push(m.text()); });
  await page.addInitScript(() => {
    window.senErrors = [];
    document.addEventListener('sen-error', (e) => window.senErrors.push(e.detail.message));
    customElements.define('sen-support-form', class extends HTMLElement {});
  });
  await page.goto(env.base + '/www/scenario.html');
  await page.waitForFunction(() => window.senErrors.length > 0, null, { timeout: 15000 });
  const [message] = await page.evaluate(() => window.senErrors);
  assert.match(message, /<sen-support-form> is already defined on this page/);
  assert.ok(console.some((t) => t.includes(message)), `not in the console: ${console.join('\n')}`);
  assert.ok(await page.locator('p.fallback').isVisible());
  await page.close();
});
