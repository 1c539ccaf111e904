// The pseudo-locale journey: the widget given `messages-url` pointing at messages/qps-ploc.json
// (every text accented, about 40% longer, inside brackets), walked through the task list, a
// section page, an error summary, an add-another item, the provision map with its rows, check
// your answers with its charts, and the pack and the summary for parents downloaded. Every
// text shown in the shadow root (and in the downloads) is either pseudo-localised or not the
// form's own words: the person's answers, the council's words from its profile, numbers,
// dates, money and codes. An English text shown means a text not taken from the catalogue,
// and fails, named. At 320 px nothing is clipped; axe finds nothing on each page. A catalogue
// that cannot be loaded is said, and English shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setup, open, axe, seedDraft, seedDraftWithFiles, draftOf, S01, S01_FILES } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

/** Every string in a JSON value: what was typed, or the council's own wording. */
function strings(v, out = []) {
  if (typeof v === 'string') { if (v.trim()) out.push(v.trim()); }
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

// Texts that are not the form's words: the council's (the profile's name for its form, its
// labels, contact and the like, in the council's language already) and the person's answers
// (S01's), longest first so that a long answer is taken out before a word inside it.
const PROFILE = JSON.parse(readFileSync('profiles/stockton-one-point.json', 'utf8'));
// An answer or a relabel also stands inside a sentence with its first letter made small
// ("Change precision teaching").
const lowerFirst = (d) => d.charAt(0).toLowerCase() + d.slice(1);
const DATA = [...new Set([...strings(PROFILE), ...strings(S01)].flatMap((d) => [d, lowerFirst(d)]))]
  .filter((d) => /[A-Za-z]/.test(d))
  .sort((a, b) => b.length - a.length);

/**
 * What is left of a text once the pseudo-locale's bracketed texts (innermost first) and the
 * data in it are taken out: words left are English the catalogue did not give. Codes (SEMH,
 * SEN-2025-000001) and figures are not words.
 */
export function leftover(text, extra = []) {
  let t = text;
  for (let before = null; before !== t;) { before = t; t = t.replace(/\[[^[\]]*\]/g, ' '); }
  // Whole words only: an answer "sen" is not the "sen" of "send".
  const data = extra.length ? [...extra, ...DATA].sort((a, b) => b.length - a.length) : DATA;
  for (const d of data) t = t.replace(new RegExp(`(?<![\\p{L}\\p{N}])${d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'), ' ');
  return t.split(/[\s()[\],.:;“”‘’"'·•–—\-/+%£×÷!?…]+/)
    .filter((w) => /[A-Za-z]/.test(w) && !/^[A-Z0-9_]+$/.test(w) && !/^\d/.test(w))
    .join(' ');
}

/** The text nodes under `root` (a document or a shadow root), outside styles and scripts. */
function textsIn(root) {
  const out = [];
  const doc = root.ownerDocument ?? root;
  const walk = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const box = n.parentElement?.closest('style, script, template');
    if (!box && n.textContent.trim()) out.push(n.textContent.trim());
  }
  return out;
}

/**
 * Every text node in the widget's shadow root (and its data-label captions) with English left;
 * `extra` is more data shown (what a file or a paste held, the names of files).
 */
async function untranslated(page, extra = []) {
  const texts = await page.locator('sen-support-form').evaluate((host, walker) => {
    const textsIn = new Function(`return ${walker}`)();
    const labels = [...host.shadowRoot.querySelectorAll('[data-label]')].map((e) => e.dataset.label).filter(Boolean);
    return [...textsIn(host.shadowRoot), ...labels];
  }, textsIn.toString());
  return texts.filter((t) => leftover(t, extra) !== '');
}

/** The English left in a downloaded HTML file, opened on its own. */
async function untranslatedIn(html) {
  const page = await env.browser.newPage();
  await page.setContent(html);
  const texts = await page.evaluate((walker) => new Function(`return ${walker}`)()(document.body), textsIn.toString());
  await page.close();
  return texts.filter((t) => leftover(t) !== '');
}

/**
 * Elements in the shadow root whose content is wider than their box (clipped or scrolled), and
 * text that runs out of its element's box or off the page.
 */
async function clipped(page) {
  return page.locator('sen-support-form').evaluate((host) => {
    const out = [];
    const name = (el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`;
    const page = host.ownerDocument.documentElement.clientWidth;
    const clippedOnPurpose = (el) => {
      for (let e = el; e && e !== host.shadowRoot; e = e.parentElement) {
        if (getComputedStyle(e).clip.startsWith('rect')) return true;
      }
      return false;
    };
    for (const el of host.shadowRoot.querySelectorAll('*')) {
      if (['STYLE', 'SCRIPT'].includes(el.tagName) || el.closest('svg')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.clientWidth === 0) continue;
      // The visually hidden texts of GOV.UK are 1px boxes on purpose; a GOV.UK button's
      // ::before (its larger hit area) reaches 2px beyond it: its text is checked below.
      if (el.closest('.govuk-visually-hidden') || el.classList.contains('govuk-button')) continue;
      // Nor what is hidden the same way by the widget's own rules (a table's head on a narrow
      // screen, where each cell names its column).
      if (clippedOnPurpose(el)) continue;
      // A text box scrolls the answer typed in it: that is its content, not the layout.
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    const walk = host.ownerDocument.createTreeWalker(host.shadowRoot, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent.trim() || el.closest('style, script, svg, .govuk-visually-hidden') || clippedOnPurpose(el)) continue;
      const range = host.ownerDocument.createRange();
      range.selectNodeContents(n);
      const box = el.getBoundingClientRect();
      for (const r of range.getClientRects()) {
        if (r.width === 0) continue;
        if (r.right > box.right + 1 || r.left < box.left - 1) out.push(`text "${n.textContent.trim().slice(0, 40)}" out of ${name(el)}`);
        if (r.right > page + 1) out.push(`text "${n.textContent.trim().slice(0, 40)}" off the page`);
      }
    }
    return out;
  });
}

async function allShown(page, where, extra = []) {
  assert.deepEqual(await untranslated(page, extra), [], `${where}: texts shown that are not from the catalogue`);
  assert.deepEqual(await clipped(page), [], `${where}: clipped at 320 px`);
  assert.deepEqual(await axe(page), [], `${where}: axe`);
}

const inForm = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();

/** Clicks `css` in the form and waits for the page heading to change. */
async function go(page, css) {
  const before = await inForm(page, '#page-heading').textContent();
  await inForm(page, css).click();
  await page.waitForFunction((b) => document.querySelector('sen-support-form').shadowRoot.getElementById('page-heading')?.textContent !== b, before);
}

/** Saves what clicking `id` downloads; resolves to its text. */
async function download(page, id) {
  const dir = mkdtempSync(join(tmpdir(), 'pseudo-'));
  const [file] = await Promise.all([page.waitForEvent('download'), inForm(page, `#${id}`).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return readFileSync(path, 'utf8');
}

test('the task list in the pseudo-locale: every text from the catalogue, nothing clipped at 320 px', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/pseudo.html', { width: 320, height: 800 });
  assert.match(await page.locator('sen-support-form >> css=#page-heading').innerText(), /^\[Åþþļý ƒöŕ ŠÉÑ šûþþöŕţ ·+\]$/);
  await allShown(page, 'the task list');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('S01 in the pseudo-locale, page by page: every text from the catalogue, nothing clipped at 320 px, axe clean', { timeout: 300000 }, async () => {
  const page = await open(env, '/www/pseudo.html', { width: 320, height: 800 });
  await seedDraftWithFiles(page, draftOf(S01), S01_FILES);
  await page.waitForSelector('sen-support-form >> css=#notice');
  await allShown(page, 'the task list with S01 restored');

  await go(page, '#task-provision');
  assert.ok(await inForm(page, '.app-cpm').count() > 0, 'the provision map has its table of rows');
  await allShown(page, 'the provision map with its rows');

  await go(page, '.app-cpm a.govuk-link');
  assert.ok(await inForm(page, '#row-cost').count() > 0, 'a provision row\'s page');
  await allShown(page, 'an add-another item (a provision row)');

  // Back to the provision map, then to the task list.
  for (let n = 0; n < 4 && !(await inForm(page, '#to-answers').count()); n++) await go(page, '.govuk-back-link');
  await go(page, '#to-answers');
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.querySelectorAll('.app-chart svg').length >= 2, null, { timeout: 15000 });
  await allShown(page, 'check your answers with its charts');

  assert.deepEqual(await untranslatedIn(await download(page, 'download-pack')), [], 'the downloaded pack');
  assert.deepEqual(await untranslatedIn(await download(page, 'download-parent')), [], 'the downloaded summary for parents');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a section page and its error summary in the pseudo-locale', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/pseudo.html', { width: 320, height: 800 });
  await go(page, '#task-child');
  await allShown(page, 'a section page');
  await inForm(page, '#continue').click();
  await page.waitForSelector('sen-support-form >> css=.govuk-error-summary');
  await allShown(page, 'a section page with its error summary');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the check finds English: the same pages without the pseudo-locale fail it, each text named', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/scenario.html', { width: 320, height: 800 });
  const english = await untranslated(page);
  assert.ok(english.includes('Apply for SEN support'), `the English heading was not caught: ${english.join(' | ')}`);
  assert.ok(english.includes('Not started'), 'the English task status was not caught');
  await seedDraftWithFiles(page, draftOf(S01), S01_FILES);
  await page.waitForSelector('sen-support-form >> css=#notice');
  await go(page, '#to-answers');
  const onAnswers = await untranslated(page);
  for (const t of ['Where the money goes', 'Show the figures', 'Accept and send']) {
    assert.ok(onAnswers.includes(t), `"${t}" left in English was not caught`);
  }
  // A text of the pseudo-locale with English put in it is caught too; the person's answers and
  // the council's words are not.
  assert.equal(leftover('[Ĉĥéçķ ýöûŕ åñšŵéŕš ···] and send'), 'and send');
  assert.equal(leftover(`[Ýöûŕ åþþļîçåţîöñ ƒöŕ ${S01.child.legalForename} ···]`), '');
  assert.equal(leftover(`${PROFILE.name} · SEN-2025-000001 · £1,234.00 · 14 [Ṁåý] 2016`), '');
  await page.close();
});

test('a catalogue that cannot be loaded is said, and the form is shown in English', { timeout: 120000 }, async () => {
  for (const [why, reply] of [['missing', { status: 404, body: 'no' }], ['not JSON', { status: 200, contentType: 'application/json', body: '{"widget.tasks.title": ' }],
    ['an unknown id', { status: 200, contentType: 'application/json', body: '{"widget.no-such-text": "x"}' }]]) {
    const page = await (async () => {
      const p = await env.browser.newPage({ viewport: { width: 1024, height: 800 } });
      await p.route('**/www/messages/qps-ploc.json', (route) => route.fulfill(reply));
      await p.goto(env.base + '/www/pseudo.html');
      await p.waitForSelector('sen-support-form >> css=#page-heading', { timeout: 15000 });
      return p;
    })();
    const banner = await page.locator('sen-support-form >> css=#texts-problem').innerText();
    assert.match(banner, /The form's texts could not be loaded from \/www\/messages\/qps-ploc\.json/, why);
    assert.match(banner, /English is shown instead\./, why);
    if (why === 'an unknown id') assert.match(banner, /widget\.no-such-text/);
    assert.equal(await page.locator('sen-support-form >> css=#page-heading').innerText(), 'Apply for SEN support', why);
    await page.close();
  }
});

const PSEUDO = JSON.parse(readFileSync('messages/qps-ploc.json', 'utf8'));
const TSV = readFileSync('tests/fixtures/paste/provision-map.tsv', 'utf8');
/** The cells of pasted text: the spreadsheet's words, shown back in the preview. */
const cellsOf = (text) => [...new Set(text.split(/[\t\r\n]+/).map((c) => c.trim()).filter((c) => /[A-Za-z]/.test(c)))];
/** Waits until the widget's element `id` shows the pseudo-locale's text of `textId`. */
const shows = (page, id, textId) => page.waitForFunction(([i, t]) => document.querySelector('sen-support-form').shadowRoot.getElementById(i)?.textContent?.trim() === t, [id, PSEUDO[textId]], { timeout: 30000 });

test('the paste flow in the pseudo-locale: a bad row\'s problem, the notes and the preview', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/pseudo.html', { width: 320, height: 800 });
  await seedDraft(page, draftOf({ schemaVersion: '1.0', profile: 'stockton-one-point', outcomes: S01.outcomes }));
  await go(page, '#task-provision');
  await inForm(page, '#paste-open').click();
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.activeElement?.id === 'paste-text');
  // A title row above the headings, a rate that is not money, a row without its rate, a total.
  const lines = TSV.split('\r\n');
  lines[3] = lines[3].replace('£15.60', 'abc');
  lines[4] = lines[4].replace(/£\d+\.\d\d/, '');
  const text = ['Provision map for A.B.', ...lines.filter((l) => l.trim()), 'Total'].join('\r\n');
  await page.keyboard.insertText(text);
  await inForm(page, '#paste-check').click();
  await inForm(page, '#paste-summary').waitFor();
  const problems = await page.locator('sen-support-form >> css=#paste-summary li').allTextContents();
  assert.ok(problems.length >= 2, `the problems: ${problems.join(' | ')}`);
  assert.ok(problems.every((p) => p.includes('abc') || /Ŕöŵ/.test(p)), problems.join(' | '));
  await allShown(page, 'the paste preview with its problems and notes', [...cellsOf(text), 'abc']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a file with values that could not be read, in the pseudo-locale: the banner and the field', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/pseudo.html', { width: 320, height: 800 });
  const doc = structuredClone(S01);
  doc.child.favouriteColour = 'blue';
  doc.parents[0].relationship = 'AUNT';
  doc.child.attendancePct12m = '93.4';
  doc.sen = { ...doc.sen, provision: 7 };
  const data = ['favouriteColour', 'blue', 'AUNT', '93.4'];
  await inForm(page, '#load-file').setInputFiles({ name: 'answers.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await page.waitForSelector('sen-support-form >> css=#notice-unread');
  assert.equal(await page.locator('sen-support-form >> css=#notice-unread li').count(), 4);
  await allShown(page, 'the banner naming what was not read', data);
  await go(page, '#notice-unread a');
  assert.match(await inForm(page, '.govuk-error-message').innerText(), /93\.4|Ţĥíš/);
  await allShown(page, 'a field with the file\'s value and its message', data);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('documents in the pseudo-locale: a file attached and uploaded, and files refused', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await open({ ...env, browser: context }, '/www/pseudo.html', { width: 320, height: 800 });
  await go(page, '#task-attachments');
  await inForm(page, '#f-attachments').setInputFiles(['tests/fixtures/files/report.pdf']);
  await shows(page, 'file-status-0', 'widget.upload.stored');
  const names = ['report.pdf', 'program.pdf', 'empty.pdf'];
  await allShown(page, 'a document attached and uploaded', names);
  await inForm(page, '#f-attachments').setInputFiles(['tests/fixtures/files/program.pdf', 'tests/fixtures/files/empty.pdf']);
  await page.waitForSelector('sen-support-form >> css=.govuk-error-summary');
  assert.equal(await page.locator('sen-support-form >> css=.govuk-error-summary__list li').count(), 2);
  await allShown(page, 'files refused, at the upload and in the summary', names);
  assert.deepEqual(page.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await context.close();
});

test('banners in the pseudo-locale: saving turned off, and answers saved in another tab', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 800 } });
  const first = await open({ ...env, browser: context }, '/www/pseudo.html', { width: 320, height: 800 });
  await go(first, '#task-child');
  await inForm(first, '#f-child-legalForename').fill('Alex');
  await first.waitForTimeout(900);
  await allShown(first, 'a section page, its answers saved', ['Alex']);
  const second = await open({ ...env, browser: context }, '/www/pseudo.html', { width: 320, height: 800 });
  await second.waitForSelector('sen-support-form >> css=#notice');
  await allShown(second, 'the answers restored', ['Alex']);
  await inForm(first, '#f-child-legalSurname').fill('Morgan');
  await second.waitForSelector('sen-support-form >> css=#other-tab', { timeout: 5000 });
  await allShown(second, 'the banner of answers saved in another tab', ['Alex', 'Morgan']);
  await first.close();
  // Saving turned off on the task list.
  await inForm(second, '#other-tab-keep').click();
  await inForm(second, '#save-here').uncheck();
  await second.waitForTimeout(300);
  await allShown(second, 'saving turned off', ['Alex', 'Morgan']);
  assert.deepEqual(second.errors, []);
  await context.close();
});

test('sending S01 in the pseudo-locale: a refusal\'s message, then the confirmation page', { timeout: 180000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await open({ ...env, browser: context }, '/www/pseudo.html', { width: 320, height: 800 });
  await seedDraftWithFiles(page, draftOf(S01), S01_FILES);
  await page.waitForSelector('sen-support-form >> css=#notice');
  await go(page, '#to-answers');
  // A backend that refuses with no words of its own: the form says so in its language.
  let refuse = true;
  await page.route('**/applications', (route) => (refuse && route.request().method() === 'POST'
    ? route.fulfill({ status: 400, contentType: 'application/json', body: '{}' })
    : route.continue()));
  await inForm(page, '#send').click();
  await page.waitForSelector('sen-support-form >> css=#send-failed', { timeout: 30000 });
  await allShown(page, 'a send refused');
  refuse = false;
  await inForm(page, '#send').click();
  await page.waitForSelector('sen-support-form >> css=#reference', { timeout: 30000 });
  const reference = await inForm(page, '#reference').textContent();
  assert.match(reference, /^[A-Z]+-[0-9A-F]+$/);
  await allShown(page, 'the confirmation page', [reference]);

  assert.deepEqual(page.errors.filter((e) => !/^Failed to load resource/.test(e)), []);
  await context.close();
});
