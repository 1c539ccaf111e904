// Remembering the school's details on this device: offered on the school's section, it keeps
// exactly the school's answers (never a child's) under their own key; a new application on
// the same browser starts with them and says so; clearing the box deletes them. axe-core on
// the page with the box and on the task list with the notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, open, axe, draftOf, seedDraft, savedDrafts, draftKey, widgetText } from './lib.mjs';

const S01 = JSON.parse(fs.readFileSync('tests/fixtures/scenarios/S01-complete-valid.json', 'utf8'));
const KEY = 'sen-support-form:school';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();

async function schoolPage(page) {
  await q(page, '#task-setting').click();
  await q(page, '#continue').click();
  await q(page, '#remember-school').waitFor();
  assert.equal(await q(page, '#page-heading').textContent(), 'Your school and contacts: its SENCo and headteacher');
}

test('the school is remembered, and only the school', { timeout: 120000 }, async () => {
  const laptop = { ...env, browser: await env.browser.newContext() };
  const page = await open(laptop, '/www/scenario.html');
  await seedDraft(page, draftOf(S01));
  await schoolPage(page);
  assert.equal(await q(page, '#remember-school').isChecked(), false, 'nothing is remembered unless asked');
  assert.equal((await savedDrafts(page))[KEY], undefined);
  assert.deepEqual(await axe(page), []);
  await q(page, '#remember-school').check();
  await page.waitForFunction(async (k) => {
    const open = indexedDB.open('sen-support-form', 1);
    const db = await new Promise((r) => { open.onsuccess = () => r(open.result); });
    const v = await new Promise((r) => { const g = db.transaction('drafts').objectStore('drafts').get(k); g.onsuccess = () => r(g.result); });
    db.close();
    return v !== undefined;
  }, KEY);
  const kept = (await savedDrafts(page))[KEY];
  assert.deepEqual(JSON.parse(kept), S01.setting, 'exactly the school\'s answers are kept');
  for (const childData of [S01.child.legalForename, S01.child.upn, S01.child.postcode, S01.parents[0].email]) {
    assert.ok(!kept.includes(childData), `${childData} is kept with the school`);
  }

  // A new application on the same browser: the draft is gone (as after sending).
  await page.evaluate((k) => new Promise((resolve) => {
    const open = indexedDB.open('sen-support-form', 1);
    open.onsuccess = () => {
      const tx = open.result.transaction('drafts', 'readwrite');
      tx.objectStore('drafts').delete(k);
      tx.oncomplete = () => { open.result.close(); resolve(); };
    };
  }), draftKey());
  const next = await open(laptop, '/www/scenario.html');
  const text = await widgetText(next);
  assert.match(text, /Your school's details are filled in/);
  assert.match(text, /Check they are still right in \u201cYour school and contacts\u201d/);
  assert.ok(!text.includes(S01.child.legalForename), 'nothing of the last child is shown');
  assert.deepEqual(await axe(next), [], 'the task list with the notice');
  await schoolPage(next);
  assert.equal(await q(next, '#f-setting-senco-name').inputValue(), S01.setting.senco.name);
  assert.equal(await q(next, '#remember-school').isChecked(), true, 'still remembered');
  // Clearing the box deletes them.
  await q(next, '#remember-school').uncheck();
  await next.waitForTimeout(300);
  assert.equal((await savedDrafts(next))[KEY], undefined, 'the school is forgotten');
  const third = await open(laptop, '/www/scenario.html');
  assert.doesNotMatch(await widgetText(third), /Your school's details are filled in/);
  assert.deepEqual([...page.errors, ...next.errors, ...third.errors], []);
  await laptop.browser.close();
});
