// What people paste: a 12,000-character text (over the 10,000 limit) is kept whole, counted
// and reported; markup typed into a field stays text on every page,
// runs nothing, and reaches the receiver exactly as typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, open, axe, draftOf, seedDraftWithFiles, S01_FILES } from './lib.mjs';

const S01 = JSON.parse(fs.readFileSync('tests/fixtures/scenarios/S01-complete-valid.json', 'utf8'));
const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();

test('a 12,000-character paste is kept whole, counted and reported', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/scenario.html');
  await q(page, '#task-sen').click();
  const text = 'Alex needs help with reading and writing. '.repeat(300).slice(0, 12000);
  const field = q(page, '#f-sen-needsSummary');
  await field.focus();
  await field.fill(text); // one input event with the whole text, as a paste gives
  await field.blur();
  await page.waitForTimeout(100);
  assert.equal((await field.inputValue()).length, 12000, 'the pasted text was cut');
  assert.equal(await q(page, '#f-sen-needsSummary-info').textContent(), 'You have 2,000 characters too many');
  assert.match(await q(page, '#f-sen-needsSummary-error').textContent(), /10,?000 characters or fewer/);
  assert.deepEqual(await axe(page), []);
  // Kept across pages, and the form still answers at once.
  await q(page, '.govuk-back-link').click();
  await q(page, '#task-sen').click();
  assert.equal((await q(page, '#f-sen-needsSummary').inputValue()).length, 12000);
  // Cut back under the limit: the count and the message follow.
  await q(page, '#f-sen-needsSummary').fill(text.slice(0, 9999));
  await q(page, '#f-sen-needsSummary').blur();
  await page.waitForTimeout(100);
  assert.equal(await q(page, '#f-sen-needsSummary-info').textContent(), 'You have 1 character remaining');
  assert.equal(await q(page, '#f-sen-needsSummary-error').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('markup typed into fields stays text everywhere and is sent as typed', { timeout: 120000 }, async () => {
  const before = env.stored().length;
  const page = await open(env, '/www/scenario.html');
  await page.evaluate(() => { window.__ran = []; });
  const name = '<script>window.__ran.push(1)</script>';
  const summary = '<img src=x onerror="window.__ran.push(2)"><b>bold</b> & "quotes"';
  await seedDraftWithFiles(page, draftOf(S01), S01_FILES); // a complete application, then the markup typed in
  await page.evaluate(() => { window.__ran = []; });
  await q(page, '#task-child').click();
  await q(page, '#f-child-preferredName').fill(name);
  await q(page, '#f-child-preferredName').blur();
  await q(page, '.govuk-back-link').click();
  await q(page, '#task-sen').click();
  await q(page, '#f-sen-needsSummary').fill(summary);
  await q(page, '#f-sen-needsSummary').blur();
  await q(page, '.govuk-back-link').click();
  await q(page, '#task-sen').click();
  assert.equal(await q(page, '#f-sen-needsSummary').inputValue(), summary);
  await q(page, '.govuk-back-link').click();
  await q(page, '#to-answers').click();
  await page.waitForTimeout(100);
  const shown = await page.locator('sen-support-form >> css=.app-root').innerText();
  assert.ok(shown.includes(name), 'the name is not shown as typed');
  assert.ok(shown.includes(summary), 'the summary is not shown as typed');
  const injected = await page.evaluate(() => {
    const r = document.querySelector('sen-support-form').shadowRoot;
    return r.querySelectorAll('script, img, b').length;
  });
  assert.equal(injected, 0, 'markup from an answer became elements');
  await q(page, '#send').click();
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.getElementById('page-heading')?.textContent === 'Application sent', null, { timeout: 30000 });
  assert.deepEqual(await page.evaluate(() => window.__ran), [], 'typed markup ran');
  const stored = env.stored();
  assert.equal(stored.length, before + 1);
  assert.equal(stored.at(-1).application.child.preferredName, name);
  assert.equal(stored.at(-1).application.sen.needsSummary, summary);
  assert.deepEqual(page.errors, []);
});
