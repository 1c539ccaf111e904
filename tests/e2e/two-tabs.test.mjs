// Two tabs on one form share one draft. When one saves, the other is told (a BroadcastChannel)
// with a notification banner on whatever page it shows; it saves nothing of its own over the
// newer answers until the person chooses: load them, or keep the answers in that tab (saved
// over them, and the first tab is told in turn). axe-core with the banner showing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, axe, draftKey, savedDrafts, keepDraftsInTab } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();

async function saved(page) {
  return JSON.parse((await savedDrafts(page))[draftKey()]).document.child;
}

test('the second tab is told of the first tab\'s save and can load it; neither overwrites the other unasked', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  const first = await open({ ...env, browser: context }, '/www/scenario.html');
  await q(first, '#task-child').click();
  await q(first, '#f-child-legalForename').fill('Alex');
  await first.waitForTimeout(900);
  const second = await open({ ...env, browser: context }, '/www/scenario.html');
  await second.waitForSelector('sen-support-form >> css=#notice'); // restored
  await q(second, '#task-child').click();
  assert.equal(await q(second, '#f-child-legalForename').inputValue(), 'Alex');
  assert.equal(await q(second, '#other-tab').count(), 0, 'told before anything changed');

  // The first tab saves newer answers: the second is told, on the page it shows.
  await q(first, '#f-child-legalSurname').fill('Morgan');
  await second.waitForSelector('sen-support-form >> css=#other-tab', { timeout: 5000 });
  assert.equal(await q(second, '#other-tab .govuk-notification-banner__heading').textContent(), 'Newer answers were saved in another tab');
  assert.equal(await q(second, '#other-tab').getAttribute('role'), 'region');
  assert.match(await q(second, '#live').textContent(), /^Newer answers were saved in another tab/);
  assert.equal(await q(second, '#page-heading').count(), 1, 'still on its page');
  assert.deepEqual(await axe(second), []);
  // What the second tab types now does not overwrite the first tab's save.
  await q(second, '#f-child-legalSurname').fill('Smith');
  await second.waitForTimeout(900);
  await second.evaluate(() => document.dispatchEvent(new Event('visibilitychange'))); // hidden: the flush
  await second.waitForTimeout(100);
  assert.equal((await saved(second)).legalSurname, 'Morgan', 'the second tab saved over the newer answers');

  // Loading the newer answers: the second tab shows them, and the first is not told again.
  await q(second, '#other-tab-load').click();
  await second.waitForSelector('sen-support-form >> css=#notice');
  assert.equal(await q(second, '.govuk-notification-banner__heading').textContent(), 'The answers saved in the other tab have been loaded');
  assert.equal(await q(second, '#other-tab').count(), 0);
  assert.deepEqual(await axe(second), []);
  await q(second, '#task-child').click();
  assert.equal(await q(second, '#f-child-legalSurname').inputValue(), 'Morgan');
  await first.waitForTimeout(900);
  assert.equal(await q(first, '#other-tab').count(), 0, 'loading is not a save');

  // The other way round: the second tab saves, the first is told and keeps its own.
  await q(second, '#f-child-legalForename').fill('Sam');
  await first.waitForSelector('sen-support-form >> css=#other-tab', { timeout: 5000 });
  assert.equal((await saved(first)).legalForename, 'Sam');
  await q(first, '#f-child-legalForename').fill('Alexandra');
  await first.waitForTimeout(900);
  assert.equal((await saved(first)).legalForename, 'Sam', 'saved over the newer answers unasked');
  await q(first, '#other-tab-keep').click();
  await second.waitForSelector('sen-support-form >> css=#other-tab', { timeout: 5000 });
  assert.equal(await q(first, '#other-tab').count(), 0);
  assert.equal((await saved(first)).legalForename, 'Alexandra', 'kept and saved');
  assert.deepEqual([...first.errors, ...second.errors], []);
  await context.close();
});

test('tabs that each keep their own draft (drafts="session") are not told of each other\'s saves', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  await keepDraftsInTab(context);
  const first = await open({ ...env, browser: context }, '/www/scenario.html');
  const second = await open({ ...env, browser: context }, '/www/scenario.html');
  await q(first, '#task-child').click();
  await q(first, '#f-child-legalForename').fill('Alex');
  await first.waitForTimeout(900);
  assert.equal(JSON.parse((await savedDrafts(first))[draftKey()]).document.child.legalForename, 'Alex');
  assert.equal(await q(second, '#other-tab').count(), 0);
  assert.deepEqual([...first.errors, ...second.errors], []);
  await context.close();
});

test('answers deleted in one tab are not saved again by another unasked', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  const first = await open({ ...env, browser: context }, '/www/scenario.html');
  await q(first, '#task-child').click();
  await q(first, '#f-child-legalForename').fill('Alex');
  await q(first, '.govuk-back-link').click();
  await first.waitForTimeout(900);
  const second = await open({ ...env, browser: context }, '/www/scenario.html');
  await second.waitForSelector('sen-support-form >> css=#notice');
  await q(second, '#task-child').click();
  // The first tab deletes the draft (as after sending, or "Start again").
  await q(first, '#save-here').uncheck();
  await second.waitForSelector('sen-support-form >> css=#other-tab', { timeout: 5000 });
  assert.equal(await q(second, '#other-tab .govuk-notification-banner__heading').textContent(), 'Your answers were deleted in another tab');
  assert.equal(await q(second, '#other-tab-load').count(), 0, 'nothing to load');
  assert.deepEqual(await axe(second), []);
  await q(second, '#f-child-legalSurname').fill('Morgan');
  await second.waitForTimeout(900);
  assert.deepEqual(await savedDrafts(second), {}, 'kept again unasked');
  // Kept at the person's choice.
  await q(second, '#other-tab-keep').click();
  await second.waitForTimeout(300);
  assert.equal((await saved(second)).legalSurname, 'Morgan');
  assert.deepEqual([...first.errors, ...second.errors], []);
  await context.close();
});
