// The embedding contract: hostile page CSS changes nothing in the widget, nothing is added to
// the page's <head>, two instances do not clash, a broken profile leaves the element's own
// content visible, a strict CSP is never violated, 320px needs no horizontal scroll, and a
// reload does not throw.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, axe } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
}

test('hostile global CSS does not change the widget', { timeout: 120000 }, async () => {
  const shots = [];
  for (const path of ['/www/hostile.html', '/www/hostile.html?plain']) {
    const page = await env.browser.newPage({ viewport: { width: 900, height: 900 } });
    if (path.endsWith('?plain')) {
      // The same page with its stylesheet removed before anything renders.
      await page.route('**/www/hostile.css', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
    }
    await page.goto(env.base + path);
    await page.waitForSelector('sen-support-form >> css=#page-heading');
    await page.waitForTimeout(200);
    const box = await page.locator('sen-support-form').boundingBox();
    shots.push({ png: await page.locator('sen-support-form').screenshot(), box });
    // Inputs are still displayed inside the widget despite `input { display: none !important }`.
    await page.locator('sen-support-form >> css=#task-child').click();
    const visible = await page.locator('sen-support-form >> css=#f-child-legalForename').isVisible();
    assert.ok(visible, `${path}: the page's CSS hid the widget's inputs`);
    await page.close();
  }
  assert.equal(shots[0].box.width, shots[1].box.width);
  assert.equal(shots[0].box.height, shots[1].box.height);
  assert.ok(shots[0].png.equals(shots[1].png), 'the widget looks different under the hostile stylesheet');
});

test('nothing is added to the page head; no CSP violation; reload does not throw', { timeout: 120000 }, async () => {
  const page = await env.browser.newPage();
  await watchCsp(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.base + '/www/index.html');
  const headBefore = await page.evaluate(() => document.head.innerHTML);
  await page.waitForSelector('sen-support-form >> css=#page-heading');
  await page.locator('sen-support-form >> css=#task-child').click();
  await page.locator('sen-support-form >> css=#continue').click();
  await page.waitForSelector('sen-support-form >> css=#error-summary');
  assert.equal(await page.evaluate(() => document.head.innerHTML), headBefore);
  assert.deepEqual(await cspViolations(page), []);
  await page.reload();
  await page.waitForSelector('sen-support-form >> css=#page-heading');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('two instances on one page do not clash', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/two.html');
  await page.waitForSelector('#second >> css=#page-heading');
  await page.locator('#first >> css=#task-child').click();
  await page.locator('#first >> css=#f-child-legalForename').fill('Alex');
  const second = await page.evaluate(() => document.querySelector('#second').shadowRoot.getElementById('page-heading').textContent);
  assert.equal(second, 'Apply for SEN support', 'the second form moved with the first');
  await page.locator('#second >> css=#task-child').click();
  assert.equal(await page.locator('#second >> css=#f-child-legalForename').inputValue(), '');
  // Each has its own profile: Croydon's section titles differ from Stockton's.
  const caption = (id) => page.evaluate((id) => document.querySelector(id).shadowRoot.querySelector('.govuk-caption-l').textContent, id);
  assert.notEqual(await caption('#first'), await caption('#second'));
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.errors, []);
});

test('a profile that cannot be loaded leaves the fallback content visible', { timeout: 60000 }, async () => {
  const page = await env.browser.newPage();
  let detail = null;
  await page.exposeFunction('__senError', (d) => { detail = d; });
  await page.addInitScript(() => document.addEventListener('sen-error', (e) => window.__senError(e.detail.message)));
  await page.goto(env.base + '/www/broken.html');
  await page.waitForSelector('sen-support-form >> css=.govuk-error-summary');
  assert.ok(await page.locator('#fallback').isVisible(), 'the light-DOM fallback is hidden');
  assert.match(await page.locator('sen-support-form >> css=.govuk-error-summary').innerText(), /could not be loaded/);
  assert.match(String(detail), /HTTP 404/);
  await page.close();
});

test('at 320 CSS pixels wide there is no horizontal scroll', { timeout: 180000 }, async () => {
  const page = await open(env, '/www/scenario.html', { width: 320, height: 640 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const where = [];
  const look = async (name) => { const o = await overflow(); if (o > 0) where.push(`${name}: ${o}px too wide`); };
  await look('task list');
  const tasks = await page.evaluate(() => [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('.govuk-task-list__link')].map((a) => a.id));
  for (const id of tasks) {
    await page.locator(`sen-support-form >> css=#${id}`).click();
    await page.waitForTimeout(40);
    await page.locator('sen-support-form >> css=#continue').click();
    await page.waitForTimeout(40);
    await look(id);
    // Back to the task list (Continue may have gone there already, or to a later part).
    for (let i = 0; i < 4 && await page.locator('sen-support-form >> css=#to-answers').count() === 0; i++) {
      await page.locator('sen-support-form >> css=.govuk-back-link').click();
      await page.waitForTimeout(40);
    }
  }
  await page.locator('sen-support-form >> css=#to-answers').click();
  await look('check your answers');
  assert.deepEqual(where, []);
});
