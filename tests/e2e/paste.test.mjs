// Pasting a provision map from a spreadsheet, and reading one from a CSV file: the 20-row
// fixture (made like the costed provision map templates councils publish) fills 20 rows with
// the costs the fixture expects; a paste with a bad row names the row and the column and
// changes nothing until the person confirms; Cancel changes nothing; the preview has no axe
// violations, with problems and without, shows markup in a cell as text and needs no
// horizontal scroll at 320px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, open, axe, draftOf, seedDraft, focusedId, savedDrafts, draftKey } from './lib.mjs';

const TSV = fs.readFileSync('tests/fixtures/paste/provision-map.tsv', 'utf8');
const CSV_PATH = 'tests/fixtures/paste/provision-map.csv';
const EXPECTED = JSON.parse(fs.readFileSync('tests/fixtures/paste/expected.json', 'utf8'));
const S01 = JSON.parse(fs.readFileSync('tests/fixtures/scenarios/S01-complete-valid.json', 'utf8'));

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();
const money = (p) => `£${Math.floor(p / 100).toLocaleString('en-GB')}.${String(p % 100).padStart(2, '0')}`;

/** An application with S01's five outcomes and, if asked, its first `rows` provision rows. */
function start(rows = 0) {
  const doc = { schemaVersion: '1.0', profile: 'stockton-one-point', outcomes: S01.outcomes };
  if (rows) doc.provisionMap = { rows: S01.provisionMap.rows.slice(0, rows) };
  return draftOf(doc);
}

/** Opens the provision section of a form holding `draft`. */
async function provision(draft, viewport) {
  const page = await open(env, '/www/scenario.html', viewport);
  await seedDraft(page, draft);
  await q(page, '#task-provision').click();
  await q(page, '#paste-open').click();
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-text');
  return page;
}

/** The preview table's cells, row by row: [row, provision, cost, problems]. */
function previewRows(page) {
  return page.evaluate(() => [...document.querySelector('sen-support-form').shadowRoot
    .querySelectorAll('#paste-preview ~ .app-table-wrap tbody tr')]
    .map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

/** The document as last saved on the device. */
async function savedDoc(page) {
  await page.waitForTimeout(900); // the autosave runs 600 ms after a change
  const text = (await savedDrafts(page))[draftKey()];
  return JSON.parse(text).document;
}

async function checkPreviewOfFixture(page) {
  await q(page, '#paste-preview').waitFor();
  assert.equal(await focusedId(page), 'paste-preview');
  assert.equal(await q(page, '#paste-summary').count(), 0, 'the fixture has no problems');
  const rows = await previewRows(page);
  assert.equal(rows.length, 20);
  rows.forEach(([n, name, cost, problems], i) => {
    assert.equal(n, String(i + 2), 'rows are numbered as the spreadsheet numbers them');
    assert.equal(name, EXPECTED.interventions[i]);
    assert.equal(cost, money(EXPECTED.costsPence[i]), `row ${i + 2}'s cost`);
    assert.equal(problems, 'None');
  });
  assert.match(await q(page, '.govuk-table__caption').textContent(), new RegExp(`20 rows from your spreadsheet, costing ${money(EXPECTED.totalPence).replace('.', '\\.')} in all`));
  assert.equal((await q(page, '#paste-add').textContent()).trim(), 'Add these 20 rows');
  assert.equal(await q(page, '#paste-replace').count(), 0, 'there are no rows to replace');
}

/** After confirming the fixture: 20 rows with ids, their costs shown, the totals right. */
async function checkTwentyRowsAdded(page) {
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-done');
  assert.equal((await q(page, '#paste-done .govuk-notification-banner__heading').textContent()).trim(), '20 rows added');
  assert.equal(await q(page, '#paste-live').textContent(), '20 rows added');
  assert.equal(await q(page, '#paste-preview').count(), 0, 'the preview is gone');
  assert.equal(await q(page, '#totals-total').textContent(), money(EXPECTED.totalPence));
  // Each row shows its cost after its name, in order.
  const text = await q(page, '.app-root').innerText();
  let at = 0;
  EXPECTED.interventions.forEach((name, i) => {
    const n = text.indexOf(name, at);
    assert.ok(n >= 0, `row ${i + 1} (${name}) is not listed`);
    const c = text.indexOf(money(EXPECTED.costsPence[i]), n);
    assert.ok(c > n, `row ${i + 1}'s cost is not shown`);
    at = n + name.length;
  });
  const doc = await savedDoc(page);
  assert.equal(doc.provisionMap.rows.length, 20);
  assert.deepEqual(doc.provisionMap.rows.map((r) => r.id), EXPECTED.costsPence.map((_, i) => `r${i + 1}`));
  assert.deepEqual(doc.provisionMap.rows[1].linkedOutcomeIds, ['o1', 'o3']);
  assert.equal(doc.provisionMap.rows[0].hourlyRatePence, 1720);
  assert.deepEqual(page.errors, []);
}

test('a 20-row paste from a spreadsheet fills 20 rows with the right costs', { timeout: 120000 }, async () => {
  const page = await provision(start());
  await page.keyboard.insertText(TSV);
  await q(page, '#paste-check').click();
  await checkPreviewOfFixture(page);
  assert.deepEqual(await axe(page), [], 'the preview without problems');
  await q(page, '#paste-add').click();
  await checkTwentyRowsAdded(page);
  await page.close();
});

test('the same 20 rows from a CSV file', { timeout: 120000 }, async () => {
  const page = await provision(start());
  await page.locator('sen-support-form >> css=input[type=file]').setInputFiles(CSV_PATH);
  await q(page, '#paste-file-ready').waitFor();
  assert.equal(await q(page, '#paste-file-ready').textContent(), 'provision-map.csv is ready to check');
  await q(page, '#paste-check').click();
  await checkPreviewOfFixture(page);
  await q(page, '#paste-add').click();
  await checkTwentyRowsAdded(page);
  await page.close();
});

test('a bad row is named and nothing changes until the person confirms', { timeout: 120000 }, async () => {
  const page = await provision(start(3));
  const before = await q(page, '#totals-total').textContent();
  assert.equal(before, money(653600 + 54467 + 17200));
  const bad = TSV.split('\r\n');
  bad[3] = bad[3].replace('£15.60', 'abc'); // spreadsheet row 4: Toe by Toe
  await page.keyboard.insertText(bad.join('\r\n'));
  await q(page, '#paste-check').click();
  await q(page, '#paste-summary').waitFor();
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-summary');
  const message = "Row 4, 'Hourly rate': 'abc' is not an amount of money (like £17.20)";
  assert.equal((await q(page, '#paste-summary li').textContent()).trim(), message);
  const rows = await previewRows(page);
  assert.deepEqual(rows[2], ['4', 'Toe by Toe', 'Cannot be worked out', message]);
  assert.deepEqual(await axe(page), [], 'the preview with a problem');
  // The summary's link moves focus to the row.
  await q(page, '#paste-summary a').click();
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-row-4');
  // Nothing has changed yet.
  assert.equal(await q(page, '#totals-total').textContent(), before);
  assert.equal((await q(page, '#paste-replace').textContent()).trim(), 'Replace the 3 rows you have');
  assert.equal((await q(page, '#paste-add').textContent()).trim(), 'Add these 20 rows after the 3 rows you have');
  // Cancel discards the rows: the application is as it was.
  await q(page, '#paste-discard').click();
  assert.equal(await q(page, '#paste-preview').count(), 0);
  assert.equal(await q(page, '#paste-summary').count(), 0);
  assert.equal(await focusedId(page), 'paste-open');
  assert.equal(await q(page, '#totals-total').textContent(), before);
  const kept = (await savedDrafts(page))[draftKey()];
  assert.deepEqual(JSON.parse(kept).document.provisionMap.rows.map((r) => r.id), ['r1', 'r2', 'r3']);
  // Pasted again and confirmed: the 20 rows replace the 3, the bad one without its rate.
  await q(page, '#paste-open').click();
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-text');
  await page.keyboard.insertText(bad.join('\r\n'));
  await q(page, '#paste-check').click();
  await q(page, '#paste-replace').click();
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-done');
  assert.equal(await q(page, '#paste-live').textContent(), '20 rows added in place of the 3 rows you had');
  assert.equal(await q(page, '#totals-total').textContent(), money(EXPECTED.totalPence - EXPECTED.costsPence[2]));
  const doc = await savedDoc(page);
  assert.equal(doc.provisionMap.rows.length, 20);
  assert.equal(doc.provisionMap.rows[0].id, 'r1');
  assert.equal(doc.provisionMap.rows[2].hourlyRatePence, undefined);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('an empty check is an error on the box; markup in a cell stays text; the preview fits 320px', { timeout: 120000 }, async () => {
  const page = await provision(start(), { width: 320, height: 640 });
  await q(page, '#paste-check').click();
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-summary');
  assert.match(await q(page, '#paste-text-error').textContent(), /Paste rows from your spreadsheet or choose a CSV file/);
  assert.deepEqual(await axe(page), [], 'the error on the box');
  await q(page, '#paste-text').focus();
  // A rate that is not money, and markup in a cell: shown as text, never run.
  await page.evaluate(() => { window.__ran = 0; });
  const hostile = '<img src=x onerror="window.__ran=1"><script>window.__ran=2</script>';
  await page.keyboard.insertText(TSV.replace('£17.20', '£17.2x') + `${hostile}\t\t\t\t\t\t\t\t\t£5.00\r\n`);
  await q(page, '#paste-check').click();
  await q(page, '#paste-preview').waitFor();
  const rows = await previewRows(page);
  assert.equal(rows.length, 21);
  assert.deepEqual(rows[20].slice(0, 3), ['22', hostile, '£5.00']);
  assert.equal(await page.evaluate(() => document.querySelector('sen-support-form').shadowRoot.querySelectorAll('#paste-preview ~ * img, #paste-preview ~ * script').length), 0);
  assert.equal(await page.evaluate(() => window.__ran), 0, 'markup in a cell ran');
  assert.match(await q(page, '#paste-summary').textContent(), /Row 2, 'Hourly rate': '£17\.2x' is not an amount of money/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'the page scrolls sideways at 320px');
  assert.deepEqual(await axe(page), [], 'the preview at 320px');
  assert.deepEqual(page.errors, []);
  await page.close();
});
