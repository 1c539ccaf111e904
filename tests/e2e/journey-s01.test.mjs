// Complete scenario S01 on stockton-one-point with the keyboard alone (Tab, typing, Space,
// arrow keys, Enter), send it, and check that the POSTed body is S01 and validates against the
// published JSON Schema. axe-core runs on every page the journey passes through. S01's
// documents go to the real receiver, which stores them byte for byte before it takes the
// application that names them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { setup, open, tabTo, focusedId, axe, fieldId, widgetText, chooseFiles, S01, S01_FILES } from './lib.mjs';

// S01's documents, attached through the upload: the files of the same names. The POST carries
// each file's size and SHA-256, as S01 does (filled in here where the fixture has not them yet).
const EXPECTED = structuredClone(S01);
EXPECTED.attachments.forEach((a, i) => {
  const bytes = fs.readFileSync(S01_FILES[i]);
  a.sizeBytes ??= bytes.length;
  a.sha256 ??= createHash('sha256').update(bytes).digest('hex');
});
// S01's provision map as the school keeps it in its spreadsheet (tests/fixtures/paste).
const S01_TSV = fs.readFileSync('tests/fixtures/paste/s01-provision-map.tsv', 'utf8');
const ENVELOPE = new Set(['/schemaVersion', '/profile', '/councilId', '/schemeId']);
const COMPUTED = [/\/annualCostPence$/, /\/staffRatio$/, /^\/request\/(amountRequestedPence|durationTerms)$/, /^\/attachments\/\d+\/mimeType$/, /^\/consents\/\d+\/(relationship|hasParentalResponsibility|privacyNoticeVersion)$/, /^\/provisionMap\/subtotals\//, /^\/provisionMap\/(totalPence|schoolContributionPence|requestedTopUpPence|otherFundingPence)$/, /\/cycleNo$/, /^\/(outcomes|provisionMap\/rows|parents|specialists|attachments)\/\d+\/id$/];

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
// One browser profile for both journeys, as one school laptop: the second application finds
// the school's details the first one chose to remember.
let laptop;
before(async () => {
  Object.assign(env, await setup({ receiver: { attachmentsDir: true } }));
  laptop = { ...env, browser: await env.browser.newContext() };
});
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
let cost;
const fresh = () => ({ fromSchool: 0, answers: 0, pages: 1, distinct: new Set(), tallest: { 1280: ['', 0], 375: ['', 0] }, answersPage: {} });

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
    if (e.tagName === 'SELECT') return e.value;
    if (e.type === 'radio') return r.querySelector(`input[name="${id}"]:checked`)?.value ?? null;
    return e.tagName === 'TEXTAREA' || e.type === 'text' || e.type === 'email' || e.type === 'tel' ? e.value : null;
  }, id);
}

/** Yes/no answers asked as one question ("Which of these apply?"): one answer, each box
 * that says Yes ticked, or "None" when all say No. */
async function fillFlags(page, id, todo) {
  cost.answers += 1;
  const boxes = await root(page, (r, id) => [...r.querySelectorAll(`input[name="${r.getElementById(id).name}"]`)].map((e) => e.id), id);
  const yes = boxes.filter((b) => todo.get(b)?.value === true);
  for (const b of boxes) {
    if (!b.endsWith('-none')) assert.ok(todo.has(b), `${b} is asked but S01 does not answer it`);
  }
  for (const b of yes.length ? yes : boxes.filter((b) => b.endsWith('-none'))) {
    await tabTo(page, b);
    await page.keyboard.press('Space');
  }
  for (const b of boxes) todo.delete(b);
}

async function fill(page, id, { pointer, value }) {
  const already = await shown(page, id);
  if (already !== null && already !== '' && already !== '--') {
    const expected = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? value.split('-').reverse().map(Number).join('-') : String(value);
    assert.equal(already, expected, `${pointer} was filled in with something else`);
    if (pointer.startsWith('/setting/')) cost.fromSchool += 1;
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
    const flag = await root(page, (r, id) => r.getElementById(id).type === 'checkbox' && r.getElementById(id).value === 'true', next);
    if (flag) {
      await fillFlags(page, next, todo);
      continue;
    }
    await fill(page, next, todo.get(next));
    todo.delete(next);
  }
}

/** Pastes S01's provision map from the spreadsheet (one answer: the paste), checks the
 * preview and adds the rows; the rows' answers are then the document's, checked at the POST. */
async function pasteRows(page, todo) {
  cost.answers += 1;
  await tabTo(page, 'paste-open');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-text');
  await page.keyboard.insertText(S01_TSV);
  await tabTo(page, 'paste-check');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-preview');
  assert.equal(await root(page, (r) => r.getElementById('paste-summary')), null, 'the spreadsheet has no problems');
  await check('provision: pasted rows to add');
  await tabTo(page, 'paste-add');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-done');
  for (const id of [...todo.keys()]) if (id.startsWith('f-provisionMap-rows-')) todo.delete(id);
}

let check;

/** Attaches S01's documents with the keyboard (Tab to the upload, Space opens the chooser):
 * one answer; their names, sizes and hashes come from the files. */
async function attachFiles(page, todo) {
  cost.answers += 1;
  await chooseFiles(page, 'f-attachments', S01_FILES);
  await page.waitForFunction((n) => {
    const s = [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('[id^="file-status-"]')].map((e) => e.textContent);
    return s.length === n && s.every((t) => t === 'Uploaded');
  }, S01_FILES.length, { timeout: 30000 });
  for (const id of [...todo.keys()]) if (/^f-attachments-\d+-(filename|sizeBytes|sha256)$/.test(id)) todo.delete(id);
}

/** Completes S01 with the keyboard alone and sends it; `paste` takes the provision map from
 * the school's spreadsheet instead of typing its rows. */
async function journey(name, { paste, remember, remembered }) {
  cost = fresh();
  const todo = answers(S01);
  const page = await open(laptop, '/www/scenario.html', { width: 1280, height: 800 });
  const notice = await root(page, (r) => r.getElementById('notice')?.textContent ?? '');
  assert.equal(/Your school's details are filled in/.test(notice), remembered, notice);
  let posted = null;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/applications')) {
      posted = { body: r.postData(), key: r.headers()['idempotency-key'] };
    }
  });
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && r.url().endsWith('/applications') && posted) posted.status = r.status();
  });
  const violations = [];
  check = async (where) => {
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
      if (await root(page, (r) => !!r.getElementById('f-attachments'))) await attachFiles(page, todo);
      await fillPage(page, todo);
      if (paste && (await root(page, (r) => !!r.getElementById('paste-open')))) await pasteRows(page, todo);
      if (remember && (await root(page, (r) => !!r.getElementById('remember-school')))) {
        cost.answers += 1;
        await tabTo(page, 'remember-school');
        await page.keyboard.press('Space');
      }
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
  // Yes/no answers asked as one question are one row: the boxes ticked.
  const answersText = await widgetText(page);
  assert.match(answersText, /Which of these apply to the child\?\tThe school gets pupil premium for them, Gets free school meals/);
  assert.equal((answersText.match(/Who agreed this outcome\? The child's parents or carers, The child/g) ?? []).length, 5);
  await tabTo(page, 'send');
  await page.keyboard.press('Enter');
  await nextPage(page, 'Check your answers before sending your application');
  assert.equal(await heading(page), 'Application sent');
  const sentText = await widgetText(page);
  assert.match(sentText, /Your application for Alex Example has been sent to Stockton-on-Tees One Point Panel\./);
  assert.match(sentText, /The One Point panel meets every week, by area of need\./);
  await check('confirmation');
  await seen('confirmation');
  console.log(`journey S01 (${name}): ${cost.answers} answers typed or chosen (${cost.fromSchool} filled in from the school's remembered details); ${cost.pages} page changes, ${cost.distinct.size} different pages; tallest page ${cost.tallest[1280][1]} px at 1280 px ("${cost.tallest[1280][0]}"), ${cost.tallest[375][1]} px at 375 px ("${cost.tallest[375][0]}"); check your answers ${cost.answersPage[1280]} px at 1280 px, ${cost.answersPage[375]} px at 375 px`);
  // Issue 10's goals: a page at most 2,500 px tall at 1280 px; with the provision map pasted
  // from the school's spreadsheet, at most 180 answers.
  assert.ok(cost.tallest[1280][1] <= 2500, `"${cost.tallest[1280][0]}" is ${cost.tallest[1280][1]} px tall`);
  if (paste) assert.ok(cost.answers <= 180, `${cost.answers} answers`);
  assert.ok(posted, 'no POST was seen');
  const sent = JSON.parse(posted.body);
  assert.deepEqual(sent, EXPECTED);
  assert.match(posted.key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const stored = env.stored().filter((s) => s.idempotencyKey === posted.key);
  assert.equal(stored.length, 1);
  assert.deepEqual(stored[0].application, EXPECTED);
  assert.equal(posted.status, 201, 'the application is accepted (201)');
  // Each document named is the file attached, byte for byte, in the receiver's store.
  assert.deepEqual(stored[0].documents.map((d) => [d.filename, d.type, d.sizeBytes, d.stored]),
    EXPECTED.attachments.map((a) => [a.filename, a.type, a.sizeBytes, true]));
  const kept = env.documents();
  for (const [i, a] of EXPECTED.attachments.entries()) {
    assert.ok(kept.get(a.sha256)?.equals(fs.readFileSync(S01_FILES[i])), `${a.filename} is stored byte for byte`);
  }
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
  await page.close();
}

test('S01 on stockton-one-point, with the keyboard alone: a first application, the provision map pasted from the school\'s spreadsheet', { timeout: 600000 },
  () => journey('first application, provision map pasted', { paste: true, remember: false, remembered: false }));

test('S01 on stockton-one-point, with the keyboard alone: a first application, every answer typed, the school remembered', { timeout: 600000 },
  () => journey('first application, every answer typed', { paste: false, remember: true, remembered: false }));

test('S01 again on the same laptop: the school\'s details remembered, the provision map pasted from the school\'s spreadsheet', { timeout: 600000 },
  () => journey('next application, provision map pasted', { paste: true, remember: false, remembered: true }));
