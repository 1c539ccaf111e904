// Complete scenario S01 on stockton-one-point with the keyboard alone (Tab, typing, Space,
// arrow keys, Enter), send it, and check that the POSTed body is S01 and validates against the
// published JSON Schema. axe-core runs on every page the journey passes through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { setup, open, tabTo, focusedId, axe, fieldId, widgetText } from './lib.mjs';

const S01 = JSON.parse(fs.readFileSync('tests/fixtures/scenarios/S01-complete-valid.json', 'utf8'));
const ENVELOPE = new Set(['/schemaVersion', '/profile', '/councilId', '/schemeId']);
const COMPUTED = [/\/annualCostPence$/, /\/staffRatio$/, /^\/request\/amountRequestedPence$/, /^\/attachments\/\d+\/mimeType$/, /^\/consents\/\d+\/(relationship|hasParentalResponsibility)$/, /^\/provisionMap\/subtotals\//, /^\/provisionMap\/(totalPence|schoolContributionPence|requestedTopUpPence|otherFundingPence)$/, /\/cycleNo$/, /^\/(outcomes|provisionMap\/rows|parents|specialists|attachments)\/\d+\/id$/];

/** Every answer a person types: pointer → value (lists of objects become items). */
function answers(value, at = '', out = new Map()) {
  if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    value.forEach((v, i) => answers(v, `${at}/${i}`, out));
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) answers(v, `${at}/${k}`, out);
  } else if (!ENVELOPE.has(at) && !COMPUTED.some((r) => r.test(at))) {
    out.set(fieldId(at), { pointer: at, value });
  }
  return out;
}

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

const root = (page, fn, arg) => page.evaluate(([f, a]) => {
  const r = document.querySelector('sen-support-form').shadowRoot;
  return new Function('r', 'a', `return (${f})(r, a)`)(r, a);
}, [fn.toString(), arg]);

async function heading(page) {
  return root(page, (r) => r.getElementById('page-heading')?.textContent ?? '');
}

// Waits up to 5 s for the next page (a wait, not a timing: a busy machine must not fail it),
// and for focus to be on its heading, where a page change puts it for keyboard and screen
// reader users (and so the next Tab starts from the top of the new page).
async function waitForHeading(page, previous) {
  let h = '';
  for (let i = 0; i < 250; i++) {
    h = await heading(page);
    if (h && h !== previous && (await focusedId(page)) === 'page-heading') return h;
    await page.waitForTimeout(20);
  }
  if (h && h !== previous) throw new Error(`"${h}" opened but focus is on #${await focusedId(page)}, not its heading`);
  throw new Error(`the page did not change from "${previous}"; it says:\n${await widgetText(page)}`);
}

async function nextPage(page, previous) {
  const h = await waitForHeading(page, previous);
  cost.pages += 1;
  return h;
}

// What the journey costs a person, printed for BENCHMARKS.md: answers typed or chosen, pages
// visited, and the tallest page at 1280 and at 375 px wide.
const cost = { answers: 0, pages: 1, distinct: new Set(), tallest: { 1280: ['', 0], 375: ['', 0] }, answersPage: {} };

// Ids and codes stay in the document: a page shows names and words. `o1`, `p1`, `a5`, `r3`
// as words, or a code such as `TOP_UP_FUNDING` or `TA_L3`, fails.
const INTERNAL = /(^|[\s(:,])([oprsa][0-9]{1,3})(?=$|[\s),:.;])|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/m;

async function measure(page, where) {
  const text = await widgetText(page);
  const m = text.match(INTERNAL);
  assert.equal(m, null, `"${where}" shows an internal id or code: "${m?.[0]}" in\n${text}`);
  cost.distinct.add(where);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    const h = await page.evaluate(() => Math.round(document.querySelector('sen-support-form').getBoundingClientRect().height));
    if (where === 'check your answers') cost.answersPage[width] = h;
    else if (h > cost.tallest[width][1]) cost.tallest[width] = [where, h];
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** What a text or date field already shows (the form fills some in from earlier answers). */
function shown(page, id) {
  return root(page, (r, id) => {
    const e = r.getElementById(id);
    const m = r.getElementById(id + '-month');
    if (m) return [e.value, m.value, r.getElementById(id + '-year').value].join('-');
    return e.tagName === 'TEXTAREA' || e.type === 'text' || e.type === 'email' || e.type === 'tel' ? e.value : null;
  }, id);
}

async function fill(page, id, { pointer, value }) {
  const already = await shown(page, id);
  if (already !== null && already !== '' && already !== '--') {
    const expected = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? value.split('-').reverse().map(Number).join('-') : String(value);
    assert.equal(already, expected, `${pointer} was filled in with something else`);
    return;
  }
  cost.answers += 1;
  await tabTo(page, id);
  const kind = await root(page, (r, id) => {
    const e = r.getElementById(id);
    if (e.tagName === 'SELECT') return 'select';
    if (e.tagName === 'TEXTAREA') return 'textarea';
    if (e.type === 'radio') return 'radio';
    if (e.type === 'checkbox') return 'checkbox';
    if (r.getElementById(id + '-month')) return 'date';
    return 'text';
  }, id);
  if (kind === 'text' || kind === 'textarea') {
    const text = Array.isArray(value) ? value.join('\n')
      : /Pence$/.test(pointer) ? (value / 100).toFixed(2) : String(value);
    await page.keyboard.type(text);
  } else if (kind === 'date') {
    const [y, m, d] = value.split('-');
    await page.keyboard.type(String(Number(d)));
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(Number(m)));
    await page.keyboard.press('Tab');
    await page.keyboard.type(y);
  } else if (kind === 'radio') {
    const values = await root(page, (r, id) => [...r.querySelectorAll(`input[name="${id}"]`)].map((e) => e.value), id);
    const k = values.indexOf(String(value));
    assert.ok(k >= 0, `${pointer}: no radio for ${value} (has ${values})`);
    if (k === 0) await page.keyboard.press('Space');
    for (let i = 0; i < k; i++) await page.keyboard.press('ArrowDown');
  } else if (kind === 'checkbox') {
    const boxes = await root(page, (r, id) => [...r.querySelectorAll(`input[name="${id}"]`)].map((e) => [e.id, e.value]), id);
    for (const [boxId, v] of boxes) {
      if (!value.includes(v)) continue;
      await tabTo(page, boxId);
      await page.keyboard.press('Space');
    }
  } else if (kind === 'select') {
    for (let i = 0; i < 60; i++) {
      if ((await root(page, (r, id) => r.getElementById(id).value, id)) === String(value)) break;
      await page.keyboard.press('ArrowDown');
    }
    assert.equal(await root(page, (r, id) => r.getElementById(id).value, id), String(value), pointer);
  }
}

/** Fills every answer of S01 that the current page asks, in page order. */
async function fillPage(page, todo) {
  for (;;) {
    const ids = await root(page, (r) => [...r.querySelectorAll('[id^="f-"]')].map((e) => e.id));
    const next = ids.find((id) => todo.has(id));
    if (!next) return;
    await fill(page, next, todo.get(next));
    todo.delete(next);
  }
}

test('S01 on stockton-one-point, with the keyboard alone', { timeout: 600000 }, async () => {
  const todo = answers(S01);
  const page = await open(env, '/www/scenario.html', { width: 1280, height: 800 });
  let posted = null;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/applications')) {
      posted = { body: r.postData(), key: r.headers()['idempotency-key'] };
    }
  });
  const violations = [];
  const check = async (where) => {
    for (const v of await axe(page)) violations.push(`${where}: ${v}`);
  };
  const seen = async (where) => {
    await measure(page, where);
  };
  await check('task list');
  await seen('task list');
  const sections = await root(page, (r) => [...r.querySelectorAll('.govuk-task-list__link')].map((a) => a.id));
  assert.equal(sections.length, 17);
  for (const task of sections) {
    await tabTo(page, task);
    await page.keyboard.press('Enter');
    // A long section (the child) is asked over several pages; Continue on the last returns
    // to the task list.
    let title = await nextPage(page, 'Apply for SEN support');
    while (title !== 'Apply for SEN support') {
      await fillPage(page, todo);
      // "Add another" lists on this section, in page order.
      const lists = await root(page, (r) => [...r.querySelectorAll('button.govuk-button--secondary[id^="f-"]')].map((b) => b.id));
      for (const listId of lists) {
        const itemIds = [...todo.keys()].filter((k) => k.startsWith(listId + '-'));
        const count = new Set(itemIds.map((k) => k.slice(listId.length + 1).split('-')[0])).size;
        for (let i = 0; i < count; i++) {
          await tabTo(page, listId);
          await page.keyboard.press('Enter');
          // A long item (a provision row, a cycle) is asked over several pages.
          let itemTitle = await nextPage(page, title);
          while (itemTitle !== title) {
            if (i === 0) await check(`${title}: ${itemTitle}`);
            await fillPage(page, todo);
            await seen(`${title}: ${itemTitle}`);
            await tabTo(page, 'continue');
            await page.keyboard.press('Enter');
            itemTitle = await nextPage(page, itemTitle);
          }
        }
      }
      await check(title);
      await seen(title);
      await tabTo(page, 'continue');
      await page.keyboard.press('Enter');
      title = await nextPage(page, title);
    }
  }
  assert.deepEqual([...todo.values()].map((t) => t.pointer), [], 'answers the form never asked for');
  const status = await widgetText(page);
  assert.match(status, /You have completed 17 of 17 sections/);
  await tabTo(page, 'to-answers');
  await page.keyboard.press('Enter');
  await nextPage(page, 'Apply for SEN support');
  await check('check your answers');
  await seen('check your answers');
  await tabTo(page, 'send');
  await page.keyboard.press('Enter');
  await nextPage(page, 'Check your answers before sending your application');
  assert.equal(await heading(page), 'Application sent');
  const sentText = await widgetText(page);
  assert.match(sentText, /Your application for Alex Example has been sent to Stockton-on-Tees One Point Panel\./);
  assert.match(sentText, /The One Point panel meets every week, by area of need\./);
  await check('confirmation');
  await seen('confirmation');
  console.log(`journey S01: ${cost.answers} answers typed or chosen; ${cost.pages} page changes, ${cost.distinct.size} different pages; tallest page ${cost.tallest[1280][1]} px at 1280 px ("${cost.tallest[1280][0]}"), ${cost.tallest[375][1]} px at 375 px ("${cost.tallest[375][0]}"); check your answers ${cost.answersPage[1280]} px at 1280 px, ${cost.answersPage[375]} px at 375 px`);
  assert.ok(posted, 'no POST was seen');
  const sent = JSON.parse(posted.body);
  assert.deepEqual(sent, S01);
  assert.match(posted.key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const stored = env.stored();
  assert.equal(stored.length, 1);
  assert.deepEqual(stored[0].application, S01);
  assert.equal(stored[0].idempotencyKey, posted.key);
  const reference = await root(page, (r) => r.getElementById('reference')?.textContent);
  assert.equal(reference, stored[0].reference);

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('uint64', { type: 'number', validate: (n) => Number.isInteger(n) && n >= 0 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: (n) => Number.isFinite(n) });
  const validate = ajv.compile(JSON.parse(fs.readFileSync('schema/application.schema.json', 'utf8')));
  assert.ok(validate(sent), ajv.errorsText(validate.errors));
  assert.deepEqual(violations, []);
  assert.deepEqual(page.errors, []);
  assert.equal(await focusedId(page), 'page-heading');
});
