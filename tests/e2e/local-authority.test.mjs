// Where the child lives is chosen by name from the local authorities the council's profile
// lists, or given by its DfE code after "Another local authority" (a GOV.UK conditional
// reveal); the document holds the code, check your answers the name. axe-core in both states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, open, axe, draftOf, seedDraft, savedDrafts, draftKey, widgetText } from './lib.mjs';

const S01 = JSON.parse(fs.readFileSync('tests/fixtures/scenarios/S01-complete-valid.json', 'utf8'));

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();
const ID = 'f-child-residentLaCode';

async function saved(page) {
  await page.waitForTimeout(900); // the autosave runs 600 ms after a change
  return JSON.parse((await savedDrafts(page))[draftKey()]).document;
}

test('a local authority by name, or another by its code', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/scenario.html', { width: 1280, height: 900 });
  const child = { ...S01.child };
  delete child.residentLaCode;
  await seedDraft(page, draftOf({ schemaVersion: '1.0', profile: 'stockton-one-point', child }));
  await q(page, '#task-child').click();
  await q(page, '#continue').click();
  await q(page, `#${ID}`).waitFor();
  const names = await page.evaluate((id) => [...document.querySelector('sen-support-form').shadowRoot
    .querySelectorAll(`input[name="${id}"]`)].map((i) => i.labels[0].textContent), ID);
  assert.deepEqual(names, ['Stockton-on-Tees', 'Middlesbrough', 'Redcar and Cleveland', 'Another local authority']);
  assert.equal(await q(page, `#${ID}-code`).isVisible(), false, 'the code box is hidden until asked for');
  assert.deepEqual(await axe(page), []);

  await q(page, `#${ID}-other`).check();
  assert.equal(await q(page, `#${ID}-code`).isVisible(), true);
  await q(page, `#${ID}-code`).fill('841');
  assert.equal((await saved(page)).child.residentLaCode, '841');
  assert.deepEqual(await axe(page), [], 'with the code box open');

  await q(page, `#${ID}-1`).check();
  assert.equal((await saved(page)).child.residentLaCode, '806');
  assert.equal(await q(page, `#${ID}-code`).isVisible(), false);
  await q(page, '#continue').click();
  await q(page, '#continue').click();
  // Check your answers names it.
  await page.evaluate(() => document.querySelector('sen-support-form').shadowRoot.getElementById('to-answers')?.click());
  await q(page, '#page-heading').waitFor();
  const text = await widgetText(page);
  assert.match(text, /Local authority where the child lives\tMiddlesbrough/);
  assert.doesNotMatch(text, /\b806\b/);
  assert.deepEqual(page.errors, []);
});
