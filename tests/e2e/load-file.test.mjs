// Loading a file of answers that is partly broken: everything that reads is loaded, and the
// person sees exactly which values were not read, where, what the file had and why; where the
// form asks for one, the file's text is in its field with a message and Continue holds there.
// The task list counts what was read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, open, axe, focusedId, fieldId } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();
const inRoot = (page, fn, arg) => page.evaluate(([f, a]) => {
  const r = document.querySelector('sen-support-form').shadowRoot;
  return new Function('r', 'a', `return (${f})(r, a)`)(r, a);
}, [fn.toString(), arg]);
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const S01 = JSON.parse(fs.readFileSync('tests/fixtures/scenarios/S01-complete-valid.json', 'utf8'));

/** S01 with an unknown field, a bad code and a number as text. */
function damaged() {
  const doc = structuredClone(S01);
  doc.child.favouriteColour = 'blue';
  doc.parents[0].relationship = 'AUNT';
  doc.child.attendancePct12m = '93.4';
  return doc;
}

/** What should have been read: S01 without the two values that could not be. */
function kept() {
  const doc = structuredClone(S01);
  delete doc.parents[0].relationship;
  delete doc.child.attendancePct12m;
  return doc;
}

/** Each section's status as sen-check reports it for a document. */
function cliStatuses(doc) {
  const dir = mkdtempSync(join(tmpdir(), 'sen-load-'));
  try {
    const file = join(dir, 'kept.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync('target/release/sen-check', ['--profile', 'stockton-one-point', '--today', '2025-04-30', '--json', file], { encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, `sen-check failed: ${r.stderr}`);
    return Object.fromEntries(JSON.parse(r.stdout).sections.map((s) => [s.id, s.status]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SHOWN = { 'complete': 'Completed', 'in-progress': 'In progress', 'has-errors': 'There is a problem', 'not-started': 'Not started' };

test('a file with an unknown field, a bad code and a number as text: exactly those are listed, the rest is loaded', { timeout: 180000 }, async () => {
  const context = await env.browser.newContext();
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  await q(page, '#load-file').setInputFiles({ name: 'answers.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(damaged(), null, 2)) });
  await page.waitForSelector('sen-support-form >> css=#notice-unread');

  // The banner: "Important", how many, and exactly the three, by their labels and values.
  assert.equal(await q(page, '#notice-title').textContent(), 'Important');
  assert.equal(await q(page, '.govuk-notification-banner__heading').textContent(), 'We loaded your answers, but 3 could not be read');
  const items = await inRoot(page, (r) => [...r.querySelectorAll('#notice-unread li')].map((li) => ({
    text: li.textContent, link: li.querySelector('a')?.textContent ?? null,
  })));
  assert.equal(items.length, 3, JSON.stringify(items));
  assert.deepEqual(items[0], {
    text: 'Attendance over the last 12 months: the file had \u201893.4\u2019 (expected a number, not text)',
    link: 'Attendance over the last 12 months',
  });
  assert.deepEqual(items[1], {
    text: 'An answer this form does not ask for: \u2018favouriteColour\u2019 (the file had \u2018blue\u2019)',
    link: null,
  });
  assert.equal(items[2].link, 'Relationship to the child (parent or carer 1)');
  assert.match(items[2].text, /^Relationship to the child \(parent or carer 1\): the file had \u2018AUNT\u2019 \(`AUNT` is not one of `MOTHER`, .*\)$/);
  // No pointers or internal ids on screen.
  for (const { text } of items) assert.doesNotMatch(text, /\/(child|parents)|\bo1\b|attendancePct12m/);

  // The task list counts what was read: every section as sen-check reports the kept answers,
  // except that a section holding a value it could not read has a problem.
  const expected = cliStatuses(kept());
  expected.child = 'has-errors';
  expected.parents = 'has-errors';
  const done = Object.values(expected).filter((s) => s === 'complete').length;
  assert.ok(done >= 10, `only ${done} sections complete: ${JSON.stringify(expected)}`);
  const shown = await inRoot(page, (r) => Object.fromEntries([...r.querySelectorAll('.govuk-task-list__status')]
    .map((s) => [s.id.replace(/^task-|-status$/g, ''), s.textContent.trim()])));
  assert.deepEqual(shown, Object.fromEntries(Object.entries(expected).map(([id, s]) => [id, SHOWN[s]])));
  assert.equal(await q(page, '#progress').textContent(), `You have completed ${done} of ${Object.keys(expected).length} sections.`);

  assert.deepEqual(await axe(page), [], 'axe on the task list with the banner');
  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await overflow(page), 0, 'horizontal scroll at 320px on the task list with the banner');
  await page.setViewportSize({ width: 1024, height: 800 });

  // The link moves focus to the field, which shows the file's text and its message.
  await q(page, '#notice-unread a').click();
  await page.waitForTimeout(100);
  const field = fieldId('/child/attendancePct12m');
  assert.equal(await focusedId(page), field);
  assert.equal(await q(page, '#page-heading').textContent(), 'The child or young person: school, year group and attendance');
  assert.equal(await q(page, `#${field}`).inputValue(), '93.4');
  assert.equal(await q(page, `#${field}-error`).textContent(),
    'Error: This answer from the file could not be read: expected a number, not text. Check it and enter it again');
  // The rest of the section was loaded as the file had it.
  assert.equal(await q(page, `#${fieldId('/child/admissionDate')}-year`).inputValue(), S01.child.admissionDate.slice(0, 4));
  assert.deepEqual(await axe(page), [], 'axe on the field with the file\'s value');
  await page.setViewportSize({ width: 320, height: 640 });
  assert.equal(await overflow(page), 0, 'horizontal scroll at 320px on the field\'s page');
  await page.setViewportSize({ width: 1024, height: 800 });

  // Continue holds there until it is put right; then the section is complete.
  await q(page, '#continue').click();
  await page.waitForTimeout(100);
  assert.equal(await q(page, '#page-heading').textContent(), 'The child or young person: school, year group and attendance');
  assert.match(await q(page, '#error-summary').textContent(), /This answer from the file could not be read: expected a number, not text/);
  await q(page, `#${field}`).fill('');
  await q(page, `#${field}`).fill('93.4');
  await q(page, '#continue').click();
  await page.waitForTimeout(100);
  assert.equal(await q(page, '#page-heading').textContent(), 'Apply for SEN support');
  assert.equal(await q(page, '#task-child-status').textContent(), 'Completed');

  // The bad code: its radios show the message, and choosing an answer puts it right.
  await q(page, '#notice-unread li:nth-child(3) a').click();
  await page.waitForTimeout(100);
  const relationship = fieldId('/parents/0/relationship');
  assert.match(await q(page, `#${relationship}-error`).textContent(), /This answer from the file could not be read: `AUNT` is not one of .*Select the answer again$/);
  assert.deepEqual(await axe(page), [], 'axe on the radios with the file\'s value');
  await q(page, `#${relationship}`).check();
  await page.waitForTimeout(100);
  assert.equal(await q(page, `#${relationship}-error`).count(), 0);

  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a file that reads in full still says "Your answers have been loaded"', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  await q(page, '#load-file').setInputFiles({ name: 'answers.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(S01)) });
  await page.waitForSelector('sen-support-form >> css=#notice');
  assert.equal(await q(page, '.govuk-notification-banner__heading').textContent(), 'Your answers have been loaded from the file');
  assert.equal(await q(page, '#notice-unread').count(), 0);
  const statuses = cliStatuses(S01);
  const total = Object.keys(statuses).length;
  assert.equal(await q(page, '#progress').textContent(), `You have completed ${total} of ${total} sections.`);
  assert.deepEqual(page.errors, []);
  await context.close();
});
