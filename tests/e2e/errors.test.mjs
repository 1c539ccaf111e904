// Validation you can act on: Continue on an empty section (and an empty list item) shows the
// error summary with focus on it, every link moves focus to its field, answers are kept, and
// axe-core finds nothing on the section, its error state, the item pages and check your answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, focusedId, axe, widgetText } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const inRoot = (page, fn, arg) => page.evaluate(([f, a]) => {
  const r = document.querySelector('sen-support-form').shadowRoot;
  return new Function('r', 'a', `return (${f})(r, a)`)(r, a);
}, [fn.toString(), arg]);
const click = (page, css) => page.locator(`sen-support-form >> css=${css}`).first().click();
const settle = (page) => page.waitForTimeout(60);

test('every section: empty Continue, error summary, links, axe', { timeout: 600000 }, async (t) => {
  const page = await open(env, '/www/scenario.html');
  const sections = await inRoot(page, (r) => [...r.querySelectorAll('.govuk-task-list__link')].map((a) => a.id));
  const problems = [];
  for (const task of sections) {
    await click(page, `#${task}`);
    await settle(page);
    const title = await inRoot(page, (r) => r.getElementById('page-heading').textContent);
    for (const v of await axe(page)) problems.push(`${title}: ${v}`);
    await click(page, '#continue');
    await settle(page);
    const summary = await inRoot(page, (r) => !!r.getElementById('error-summary'));
    if (!summary) {
      // A section with nothing required (all optional) returns to the task list.
      assert.equal(await inRoot(page, (r) => r.getElementById('page-heading').textContent), 'Apply for SEN support', `${title}: Continue neither showed errors nor moved on`);
      t.diagnostic(`${title}: nothing required, Continue returned to the task list`);
      continue;
    }
    assert.equal(await focusedId(page), 'error-summary', `${title}: focus is not on the error summary`);
    for (const v of await axe(page)) problems.push(`${title} (errors): ${v}`);
    const links = await inRoot(page, (r) => [...r.querySelectorAll('#error-summary a')].map((a) => a.getAttribute('href').slice(1)));
    assert.ok(links.length > 0, `${title}: empty error summary`);
    for (let i = 0; i < links.length; i++) {
      await page.locator(`sen-support-form >> css=#error-summary a >> nth=${i}`).click();
      await settle(page);
      const focused = await focusedId(page);
      // The link's field, or (for a whole list) its add button, which has the list's id.
      assert.ok(focused === links[i] || links[i].startsWith(focused), `${title}: link ${i} (#${links[i]}) focused #${focused}`);
      // Each field with an error shows its message next to it.
      const message = await inRoot(page, (r, id) => !!r.getElementById(`${id}-error`), focused);
      assert.ok(message, `${title}: #${focused} has no error message`);
    }
    t.diagnostic(`${title}: ${links.length} error links, each focused its field`);
    await click(page, '.govuk-back-link');
    await settle(page);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(page.errors, []);
});

test('every "add another" item page: its error state, axe, 320px', { timeout: 600000 }, async (t) => {
  const page = await open(env, '/www/scenario.html', { width: 320, height: 640 });
  const sections = await inRoot(page, (r) => [...r.querySelectorAll('.govuk-task-list__link')].map((a) => a.id));
  const problems = [];
  for (const task of sections) {
    await click(page, `#${task}`);
    await settle(page);
    const lists = await inRoot(page, (r) => [...r.querySelectorAll('button.govuk-button--secondary[id^="f-"]')].map((b) => b.id));
    for (const list of lists) {
      await click(page, `#${list}`);
      await settle(page);
      const title = await inRoot(page, (r) => r.getElementById('page-heading').textContent);
      for (const v of await axe(page)) problems.push(`${title}: ${v}`);
      await click(page, '#continue');
      await settle(page);
      assert.equal(await focusedId(page), 'error-summary', `${title}: Continue on an empty item did not show the error summary`);
      for (const v of await axe(page)) problems.push(`${title} (errors): ${v}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) problems.push(`${title}: ${overflow}px of horizontal scroll at 320px`);
      t.diagnostic(`${title}: error state checked`);
      await click(page, '.govuk-back-link');
      await settle(page);
    }
    await click(page, '.govuk-back-link');
    await settle(page);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(page.errors, []);
});

test('an empty list item shows its errors; answers typed are kept', { timeout: 300000 }, async () => {
  const page = await open(env, '/www/scenario.html');
  await click(page, '#task-provision');
  await settle(page);
  await click(page, '#f-provisionMap-rows');
  await settle(page);
  assert.equal(await inRoot(page, (r) => r.getElementById('page-heading').textContent), 'Provision 1: what it is and what it costs');
  // A row asks for its figures once its type of cost is chosen (staff time is the first).
  await page.locator('sen-support-form >> css=#f-provisionMap-rows-0-category').check();
  await settle(page);
  const rate = page.locator('sen-support-form >> css=#f-provisionMap-rows-0-hourlyRatePence');
  await rate.fill('17.2x');
  // Leaving the field shows its message (and moves what is below it) before Continue is pressed.
  await page.keyboard.press('Tab');
  await settle(page);
  await click(page, '#continue');
  await settle(page);
  assert.equal(await focusedId(page), 'error-summary');
  const text = await widgetText(page);
  assert.match(text, /Hourly rate must be an amount in pounds and pence, like 17\.20/);
  assert.equal(await rate.inputValue(), '17.2x', 'the answer was cleared');
  const violations = await axe(page);
  assert.deepEqual(violations, []);
  // Typing a cost updates the row cost and the totals at once.
  await rate.fill('17.20');
  await page.locator('sen-support-form >> css=#f-provisionMap-rows-0-sessionMinutes').fill('120');
  await page.locator('sen-support-form >> css=#f-provisionMap-rows-0-sessionsPerWeek').fill('5');
  await page.locator('sen-support-form >> css=#f-provisionMap-rows-0-weeks').fill('38');
  await page.locator('sen-support-form >> css=#f-provisionMap-rows-0-groupSize').fill('1');
  await settle(page);
  assert.equal(await inRoot(page, (r) => r.getElementById('row-cost').textContent), '£6,536.00');
  assert.equal(await inRoot(page, (r) => r.getElementById('totals-total').textContent), '£6,536.00');
  assert.equal(await inRoot(page, (r) => r.getElementById('totals-school').textContent), '£6,000.00');
  assert.equal(await inRoot(page, (r) => r.getElementById('totals-top-up').textContent), '£536.00');
  assert.deepEqual(page.errors, []);
});

test('check your answers on an incomplete application lists what is missing', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/scenario.html');
  await click(page, '#to-answers');
  await settle(page);
  assert.equal(await inRoot(page, (r) => r.getElementById('page-heading').textContent), 'Check your answers before sending your application');
  assert.deepEqual(await axe(page), []);
  await click(page, '#send');
  await settle(page);
  assert.equal(await focusedId(page), 'error-summary');
  assert.equal(env.stored().length, 0, 'an incomplete application was sent');
  assert.deepEqual(await axe(page), []);
  // A link to a field in another section opens that section with the field focused.
  await page.locator('sen-support-form >> css=#error-summary a >> nth=0').click();
  await settle(page);
  const focused = await focusedId(page);
  assert.ok(focused && focused.startsWith('f-'), `focused #${focused}`);
  assert.deepEqual(page.errors, []);
});

test('a section whose list is empty: Continue returns to the task list in every section alike, and what is missing shows before sending', { timeout: 300000 }, async () => {
  const page = await open(env, '/www/scenario.html');
  // Sections that hold only an "add another" list: some lists must have items (parents,
  // consent), some only should (specialists), some may be empty (documents).
  for (const id of ['outcomes', 'specialists', 'parents', 'consent', 'attachments']) {
    await click(page, `#task-${id}`);
    await settle(page);
    await click(page, '#continue');
    await settle(page);
    assert.equal(await inRoot(page, (r) => r.getElementById('page-heading').textContent), 'Apply for SEN support', `${id}: Continue did not return to the task list`);
    assert.equal(await inRoot(page, (r, id) => r.getElementById(`task-${id}-status`).textContent, id), 'Not started', `${id}: status`);
  }
  // At sending, the lists that must have items are named.
  await click(page, '#to-answers');
  await settle(page);
  await click(page, '#send');
  await settle(page);
  const summary = await inRoot(page, (r) => r.getElementById('error-summary')?.textContent ?? '');
  assert.match(summary, /Add the parents and carers/);
  assert.match(summary, /Record the parent's consent/);
  assert.deepEqual(page.errors, []);
});
