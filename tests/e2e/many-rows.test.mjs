// A provision map of 500 rows is drawn a piece at a time, so that no page change is one long
// task: every row is shown in the end, in order, with the right total; a link from the error
// summary to a row near the end focuses that row's field; the keyboard reaches the last row
// before the button after the table; and leaving the page before all rows are drawn loses none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, open, draftOf, seedDraft, focusedId, fieldId } from './lib.mjs';
import { withRows } from './many-rows.mjs';

const env = {};
const dir = mkdtempSync(join(tmpdir(), 'sen-many-rows-'));
before(async () => Object.assign(env, await setup()));
after(async () => { await env.close(); rmSync(dir, { recursive: true, force: true }); });

const ROWS = 500;
const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();
const shownRows = (page) => page.evaluate(() => [...document.querySelector('sen-support-form').shadowRoot
  .querySelectorAll('table.app-cpm tbody tr th')].map((th) => th.textContent));
const allShown = (page, n = ROWS) => page.waitForFunction((count) => document.querySelector('sen-support-form').shadowRoot
  .querySelectorAll('table.app-cpm tbody tr').length === count, n, { timeout: 30000 });
/** The provision rows' names on check your answers, in the order shown. */
const answerRows = (page) => page.evaluate(() => [...document.querySelector('sen-support-form').shadowRoot
  .querySelectorAll('.govuk-summary-card dt.govuk-summary-list__key')].map((dt) => dt.textContent).filter((t) => /\(row \d+\)$/.test(t)));
const answersShown = (page, n = ROWS) => page.waitForFunction((count) => [...document.querySelector('sen-support-form').shadowRoot
  .querySelectorAll('.govuk-summary-card dt.govuk-summary-list__key')].filter((dt) => /\(row \d+\)$/.test(dt.textContent)).length === count, n, { timeout: 30000 });
/** £1,234.56 for pence. */
const pounds = (pence) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

async function withDraft(doc) {
  const context = await env.browser.newContext();
  const page = await open({ ...env, browser: context }, '/www/scenario.html');
  await seedDraft(page, draftOf(doc));
  await page.waitForSelector('sen-support-form >> css=#notice');
  return { context, page };
}

test('500 rows: the provision map shows every row in order, and the total of them all', { timeout: 180000 }, async () => {
  const doc = withRows(ROWS);
  const { context, page } = await withDraft(doc);
  await q(page, '#task-provision').click();
  await allShown(page);
  const names = await shownRows(page);
  assert.equal(names.length, ROWS);
  names.forEach((name, i) => assert.match(name, new RegExp(`\\(row ${i + 1}\\)$`), `row ${i + 1}: ${name}`));
  const expected = doc.provisionMap.rows.reduce((sum, r) => sum + r.annualCostPence, 0);
  assert.equal(await q(page, 'table.app-cpm tfoot td.app-strong').textContent(), pounds(expected));
  assert.equal(await q(page, '#totals-total').textContent(), pounds(expected));

  // The keyboard reaches the last row's links, then the button after the table.
  const last = page.locator('sen-support-form >> css=table.app-cpm tbody tr:last-child a').first();
  await last.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), fieldId('/provisionMap/rows'), 'Tab from the last row\'s Change and Remove reaches the add button');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a link from the error summary to row 480 focuses its field, even at once', { timeout: 180000 }, async () => {
  const doc = withRows(ROWS);
  delete doc.provisionMap.rows[479].intervention;
  const { context, page } = await withDraft(doc);
  await q(page, '#task-provision').click();
  await q(page, '#continue').click();
  const target = fieldId('/provisionMap/rows/479/intervention');
  const link = q(page, `.govuk-error-summary a[href="#${target}"]`);
  await link.click();
  await page.waitForFunction((id) => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === id, target, { timeout: 10000 });
  assert.equal(await focusedId(page), target);
  assert.match(await q(page, '#page-heading').textContent(), /480/);
  // And back on the map, row 480 is there with the others.
  await q(page, '.govuk-back-link').click();
  await allShown(page);
  assert.match((await shownRows(page))[479], /\(row 480\)$|^Provision 480/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('leaving the provision map before every row is drawn loses none of them', { timeout: 180000 }, async () => {
  const doc = withRows(ROWS);
  const { context, page } = await withDraft(doc);
  // Open the map and leave it as soon as its first rows are there, before the rest are drawn.
  const drawnWhenLeft = await page.evaluate(() => new Promise((resolve) => {
    const root = document.querySelector('sen-support-form').shadowRoot;
    const mo = new MutationObserver(() => {
      const n = root.querySelectorAll('table.app-cpm tbody tr').length;
      if (n === 0) return;
      mo.disconnect();
      root.querySelector('.govuk-back-link').click();
      resolve(n);
    });
    mo.observe(root, { childList: true, subtree: true });
    root.getElementById('task-provision').click();
  }));
  assert.ok(drawnWhenLeft < ROWS, `every row was drawn at once (${drawnWhenLeft}): nothing here shows a piece at a time`);
  await page.waitForTimeout(300);
  assert.equal(await q(page, '#page-heading').textContent(), 'Apply for SEN support');
  // Check your answers lists all 500 (once drawn: it too draws them a piece at a time); the
  // provision map shows them all again.
  await q(page, '#to-answers').click();
  await answersShown(page);
  const text = await page.locator('sen-support-form >> css=.app-root').first().innerText();
  for (const n of [1, 250, 499, 500]) assert.ok(text.includes(`(row ${n})`), `row ${n} on check your answers`);
  await q(page, '.govuk-back-link').click();
  await q(page, '#task-provision').click();
  await allShown(page);
  assert.equal((await shownRows(page)).length, ROWS);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('500 rows: check your answers comes at once, shows every row in the end in order, and prints them all', { timeout: 180000 }, async () => {
  const doc = withRows(ROWS);
  const { context, page } = await withDraft(doc);
  // As soon as the page's first section is there: its heading is too, the rows are not all.
  const first = await page.evaluate(() => new Promise((resolve) => {
    const root = document.querySelector('sen-support-form').shadowRoot;
    const mo = new MutationObserver(() => {
      if (!root.querySelector('.govuk-summary-card')) return;
      mo.disconnect();
      resolve({
        heading: root.getElementById('page-heading')?.textContent ?? '',
        rows: [...root.querySelectorAll('.govuk-summary-card dt.govuk-summary-list__key')].filter((dt) => /\(row \d+\)$/.test(dt.textContent)).length,
      });
    });
    mo.observe(root, { childList: true, subtree: true });
    root.getElementById('to-answers').click();
  }));
  assert.match(first.heading, /Check your answers/);
  assert.ok(first.rows > 0 && first.rows < ROWS, `${first.rows} rows drawn with the page: nothing here shows a piece at a time`);
  // Printed at once, before the rest are drawn: every row is in the PDF, in order.
  const path = join(dir, 'answers.pdf');
  writeFileSync(path, await page.pdf({ format: 'A4' }));
  const r = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (r.error) throw new Error('pdftotext is missing: run scripts/setup.sh (poppler-utils)');
  assert.equal(r.status, 0, r.stderr);
  const printed = r.stdout.replace(/\s+/g, ' ');
  let at = -1;
  for (let n = 1; n <= ROWS; n++) {
    const next = printed.indexOf(`(row ${n})`);
    assert.ok(next > at, `row ${n} printed after row ${n - 1} (${next}, ${at})`);
    at = next;
  }
  // On screen, every row in the end, in order (and again after going back and returning).
  for (let pass = 0; pass < 2; pass++) {
    await answersShown(page);
    const names = await answerRows(page);
    assert.equal(names.length, ROWS);
    names.forEach((name, i) => assert.match(name, new RegExp(`\\(row ${i + 1}\\)$`), `row ${i + 1}: ${name}`));
    await q(page, '.govuk-back-link').click();
    await q(page, '#to-answers').click();
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});
