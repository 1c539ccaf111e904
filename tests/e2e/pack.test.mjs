// The evidence pack in the widget (issue 14), against the real receiver: check your answers
// with both charts drawn by the core at the width the page has, each followed by its table;
// Chromium's print to PDF of it (and of the confirmation) is the pack alone, read back with
// poppler's pdftotext; the downloaded HTML pack opens on its own with the charts of
// `sen-check --pack` byte for byte; the summary for parents from its download; axe-core at
// 1280 and 320 px; no horizontal overflow at 320 px; no CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setup, withS01, sent, axe, open, seedDraft, draftOf, S01 } from './lib.mjs';

const env = {};
const dir = mkdtempSync(join(tmpdir(), 'sen-pack-'));
before(async () => Object.assign(env, await setup()));
after(async () => { await env.close(); rmSync(dir, { recursive: true, force: true }); });

/** Text without white space (a PDF's lines break where the page does) in one normal form. */
const squash = (s) => s.normalize('NFKC').replace(/\s+/g, '');

/** The text of a PDF, in the order it is drawn (`pdftotext -raw`). */
function pdfText(pdf, name) {
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, pdf);
  const r = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (r.error) throw new Error('pdftotext is missing: run scripts/setup.sh (poppler-utils)');
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/**
 * In the widget: the answers check your answers shows, each as people read it. `answersOnly`:
 * without what the screen adds to them (the running totals' working, a file's size).
 */
function shownAnswers(page, answersOnly = false) {
  return page.evaluate((answersOnly) => {
    const root = document.querySelector('sen-support-form').shadowRoot;
    const out = [];
    for (const dd of root.querySelectorAll('.govuk-summary-card .govuk-summary-list__value')) {
      if (answersOnly && dd.closest('.app-totals')) continue;
      const items = dd.querySelectorAll('.app-item-answers > li');
      if (items.length === 0) { out.push(dd.textContent); continue; }
      // A list item's answers, each after its label.
      for (const li of items) {
        const label = li.querySelector('.app-answer-label')?.textContent ?? '';
        if (answersOnly && label.startsWith('Size')) continue;
        out.push(li.textContent.slice(label.length));
      }
    }
    return out.map((s) => s.trim()).filter((s) => s !== '');
  }, answersOnly);
}

/** What the form itself shows as buttons and links (none of which may print). */
const CONTROLS = [/\bAccept and send\b/, /\bSend\b/, /\bChange\b/, /\bPrint or save as PDF\b/, /\bDownload a copy\b/,
  /\bDownload the summary for parents\b/, /\bBack\b/, /\bShow the figures\b/, /\bKeep a copy\b/];

/** Whether `text` holds something of the host page around the widget (www/scenario.html). */
async function hostWords(page) {
  return page.evaluate(() => {
    const words = [];
    for (const el of document.querySelectorAll('header, footer, main > h1, main > p')) {
      words.push(el.textContent.trim().replace(/\s+/g, ' '));
    }
    for (const a of document.querySelectorAll('header a')) words.push(a.textContent.trim());
    return words.filter((w) => w.length > 3);
  });
}

function assertPack(text, answers, host, where) {
  const flat = squash(text);
  const missing = answers.filter((a) => !flat.includes(squash(a)));
  assert.deepEqual(missing, [], `${where}: answers not in the PDF`);
  for (const a of S01.attachments) assert.ok(flat.includes(squash(a.filename)), `${where}: ${a.filename} not in the PDF`);
  for (const w of host) assert.ok(!flat.includes(squash(w)), `${where}: the host page's "${w}" was printed`);
  for (const c of CONTROLS) assert.ok(!c.test(text), `${where}: the form's "${c.source}" was printed`);
  // Every page's margin names the child by initials.
  assert.match(text, /Child: A\.E\./, `${where}: no page header with the child's initials`);
}

/** Waits until every chart is drawn at the width of its place; resolves to [{ drawn, place }]. */
async function chartsAtTheirWidth(page) {
  await page.waitForFunction(() => {
    const charts = [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('.app-chart')];
    return charts.length === 2 && charts.every((c) => Number(c.querySelector('svg')?.getAttribute('width')) === c.clientWidth);
  }, null, { timeout: 10000 });
  return page.evaluate(() => [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('.app-chart')]
    .map((c) => ({ drawn: Number(c.querySelector('svg').getAttribute('width')), place: c.clientWidth })));
}

test('printed, check your answers and the confirmation are the pack alone', { timeout: 180000 }, async () => {
  const page = await withS01(env);
  await chartsAtTheirWidth(page);
  const answers = await shownAnswers(page);
  assert.ok(answers.length > 60, `only ${answers.length} answers read from the page`);
  const host = await hostWords(page);
  assert.ok(host.some((w) => w.includes('Town Hall')), 'the host page has its footer');
  // The host page itself is unchanged on screen: only marked, for print.
  assert.ok(await page.locator('.council-header').isVisible());
  assert.ok(await page.locator('.council-footer').isVisible());
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sen-print]').length), 1);

  const text = pdfText(await page.pdf({ format: 'A4' }), 'answers');
  assertPack(text, answers, host, 'check your answers');
  assert.match(text, /Where the money goes/);
  assert.match(text, /The support over time/);
  // The charts' figures print though their details are closed on screen.
  assert.match(text, /Annual cost by area of need and who pays/);

  // The button prints the same page with the browser's own print.
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.locator('sen-support-form >> css=#print-pack').click();
  assert.equal(await page.evaluate(() => window.__printed), 1);

  await page.locator('sen-support-form >> css=#send').click();
  const reference = await sent(page);
  assert.match(reference, /\S/);
  const after = pdfText(await page.pdf({ format: 'A4' }), 'sent');
  assertPack(after, answers, host, 'the confirmation');
  assert.ok(after.includes(`Reference: ${reference}`), 'the reference is not in the printed pack');
  assert.match(after, /Sent\s*30 April 2025/);
  assert.deepEqual(await axe(page), [], 'axe on the confirmation');
  // The copy downloaded after sending gives the reference and the date sent.
  const copy = await download(page, 'download-pack');
  const { page: alone, context } = await openAlone(copy.path);
  assert.match(await alone.locator('body').innerText(), new RegExp(`Reference\\s+${reference}[\\s\\S]*Sent\\s+30 April 2025`));
  await context.close();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a form elsewhere than the pack leaves printing alone', { timeout: 120000 }, async () => {
  const page = await withS01(env);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sen-print]').length), 1);
  await page.locator('sen-support-form >> css=.govuk-back-link').first().click();
  await page.waitForFunction(() => document.querySelector('sen-support-form').shadowRoot.getElementById('page-heading')?.textContent !== 'Check your answers before sending your application');
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sen-print]').length), 0);
  // The host page prints as it is.
  const text = pdfText(await page.pdf({ format: 'A4' }), 'tasks');
  assert.match(text, /Town Hall/);
  assert.doesNotMatch(text, /Child: A\.E\./);
  // A form taken off the page on check your answers leaves nothing of its print behind.
  await page.locator('sen-support-form >> css=#to-answers').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-sen-print]').length === 1);
  await page.evaluate(() => document.querySelector('sen-support-form').remove());
  const without = pdfText(await page.pdf({ format: 'A4' }), 'removed');
  assert.match(without, /Town Hall/);
  assert.doesNotMatch(without, /Child: A\.E\./, 'the pages still name the child');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("printed, a justification is the SENCo's words, not a box; the host page is hidden only in print", { timeout: 120000 }, async () => {
  const S13 = JSON.parse(readFileSync('tests/fixtures/scenarios/S13-few-parent-meetings-justified.json', 'utf8'));
  const words = S13.validation.warningsAcknowledged[0].justification;
  const page = await open(env, '/www/scenario.html');
  await seedDraft(page, draftOf(S13));
  await page.locator('sen-support-form >> css=#to-answers').first().click();
  await page.waitForSelector('sen-support-form >> css=#justify-0');
  assert.equal(await page.locator('sen-support-form >> css=#justify-0').inputValue(), words);
  const shown = () => page.evaluate(() => {
    const root = document.querySelector('sen-support-form').shadowRoot;
    const seen = (el) => !!el && el.checkVisibility();
    return {
      box: seen(root.getElementById('justify-0')),
      typed: [...root.querySelectorAll('.app-print-only')].filter(seen).map((p) => p.textContent),
      buttons: [...root.querySelectorAll('button, .govuk-summary-list__actions a, .govuk-back-link')].filter(seen).length,
      header: seen(document.querySelector('.council-header')),
      footer: seen(document.querySelector('.council-footer')),
      intro: seen(document.querySelector('main > p')),
      form: seen(document.querySelector('sen-support-form')),
    };
  });
  const screen = await shown();
  assert.equal(screen.box, true);
  assert.deepEqual(screen.typed, [], 'print-only text on screen');
  assert.ok(screen.buttons > 10 && screen.header && screen.footer && screen.intro, JSON.stringify(screen));
  await page.emulateMedia({ media: 'print' });
  const printed = await shown();
  assert.equal(printed.box, false, 'the justification box is printed');
  assert.ok(printed.typed.some((t) => t === words), JSON.stringify(printed.typed));
  assert.equal(printed.buttons, 0, 'a button or link of the form is printed');
  assert.deepEqual([printed.header, printed.footer, printed.intro, printed.form], [false, false, false, true]);
  await page.emulateMedia({ media: null });
  assert.deepEqual(await shown(), screen, 'the page on screen changed');
  const text = pdfText(await page.pdf({ format: 'A4' }), 'justified');
  assert.ok(squash(text).includes(squash(words)), 'the justification is not in the PDF');
  assert.ok(!/Explain to the panel why this is so/.test(text), 'the hint to the SENCo is printed');
  for (const c of CONTROLS) assert.ok(!c.test(text), `the form's "${c.source}" was printed`);
  await page.close();
});

test('two forms on one page draw their charts with ids of their own, and both print', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/two.html');
  await page.waitForSelector('#second >> css=#page-heading');
  // Each carries on from a file of S01's answers.
  for (const [id, profile] of [['first', 'stockton-one-point'], ['second', 'croydon-lss']]) {
    const file = join(dir, `${id}.json`);
    writeFileSync(file, draftOf({ ...S01, profile }, profile));
    await page.locator(`#${id} >> css=#load-file`).setInputFiles(file);
    await page.waitForSelector(`#${id} >> css=#notice`);
    await page.locator(`#${id} >> css=#to-answers`).click();
    await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelectorAll('.app-chart svg').length === 2, id);
  }
  const ids = await page.evaluate(() => ['first', 'second'].map((id) =>
    [...document.getElementById(id).shadowRoot.querySelectorAll('[id]')].map((e) => e.id).filter((i) => i.startsWith('sen-chart-'))));
  assert.ok(ids[0].length > 2 && ids[1].length > 2, JSON.stringify(ids));
  assert.deepEqual(ids[0].filter((i) => ids[1].includes(i)), [], 'the two forms share a chart id');
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-sen-print]').length), 2);
  const text = pdfText(await page.pdf({ format: 'A4' }), 'two');
  assert.match(text, /Stockton-on-Tees One Point Panel/);
  assert.match(text, /Croydon/);
  await page.close();
});

/** Saves what clicking `id` downloads; resolves to { name, path, text }. */
async function download(page, id) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`sen-support-form >> css=#${id}`).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

/** Opens a file from disk in a fresh page, every request recorded. */
async function openAlone(path, viewport = { width: 1280, height: 900 }) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(path).href);
  await page.waitForLoadState('load');
  return { page, requests, context };
}

const svgs = (html) => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

test('the downloaded pack stands alone and its charts are those of sen-check --pack', { timeout: 120000 }, async () => {
  const page = await withS01(env);
  const answers = await shownAnswers(page, true);
  assert.ok(answers.length > 60, `only ${answers.length} answers read from the page`);
  const pack = await download(page, 'download-pack');
  assert.equal(pack.name, 'evidence-pack-AE-2025-04-30.html', 'named by the initials and the date, not the name');
  const { page: alone, requests, context } = await openAlone(pack.path);
  assert.deepEqual(requests, [pathToFileURL(pack.path).href], 'the pack asked for something else');
  const flat = squash(await alone.locator('body').innerText());
  assert.deepEqual(answers.filter((a) => !flat.includes(squash(a))), [], 'answers not in the downloaded pack');
  await context.close();

  // The document the draft held, as sen-check reads it.
  const doc = join(dir, 'S01.json');
  writeFileSync(doc, JSON.stringify(S01));
  const cli = spawnSync('target/release/sen-check', ['--today', '2025-04-30', '--pack', '-', doc], { encoding: 'utf8' });
  assert.ok(cli.stdout.startsWith('<!DOCTYPE html>'), cli.stderr);
  const expected = svgs(cli.stdout);
  assert.equal(expected.length, 2);
  assert.deepEqual(svgs(pack.text), expected, 'the charts differ from sen-check --pack');
  await page.close();
});

test('the summary for parents downloads as a page of its own that axe finds nothing on', { timeout: 120000 }, async () => {
  const page = await withS01(env);
  const summary = await download(page, 'download-parent');
  assert.equal(summary.name, 'summary-for-parents-AE-2025-04-30.html');
  for (const width of [1280, 320]) {
    const { page: alone, requests, context } = await openAlone(summary.path, { width, height: 800 });
    assert.deepEqual(requests, [pathToFileURL(summary.path).href]);
    assert.match(await alone.locator('h1').innerText(), /\S/);
    assert.match(await alone.locator('body').innerText(), /Alex/);
    await alone.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    assert.deepEqual(await axe(alone), [], `axe on the parents' summary at ${width}px`);
    await context.close();
  }
  await page.close();
});

/**
 * What of the widget goes past its edge at this width, as text: an element that scrolls
 * sideways (wider inside than its box), an element whose box ends past the widget's content
 * (the charts and their tables among them), or the page itself scrolling sideways.
 */
function overflowing(page) {
  return page.evaluate(() => {
    const root = document.querySelector('sen-support-form').shadowRoot;
    const out = [];
    const app = root.querySelector('.app-root');
    const edge = app.getBoundingClientRect().right - parseFloat(getComputedStyle(app).paddingRight);
    for (const el of app.querySelectorAll('*')) {
      if (el.closest('.govuk-visually-hidden') || el.closest('svg') && el.tagName !== 'svg') continue;
      const name = `${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className}#${el.id}`;
      const scrolls = getComputedStyle(el).overflowX !== 'visible';
      if (scrolls && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) out.push(`${name} scrolls: ${el.scrollWidth}>${el.clientWidth}`);
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > edge + 1) out.push(`${name} ends at ${r.right} past ${edge}`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('the page scrolls sideways');
    return out;
  });
}

test('the charts fit their place at 1280 and 320 px, redrawn when the window changes; axe finds nothing', { timeout: 180000 }, async () => {
  const page = await withS01(env);
  await page.setViewportSize({ width: 1280, height: 900 });
  const wide = await chartsAtTheirWidth(page);
  assert.ok(wide.every((c) => c.drawn > 600), JSON.stringify(wide));
  assert.deepEqual(await axe(page), [], 'axe at 1280px');
  await page.setViewportSize({ width: 320, height: 800 });
  const narrow = await chartsAtTheirWidth(page);
  assert.ok(narrow.every((c) => c.drawn < 320), JSON.stringify(narrow));
  // Printed, drawn at the width of an A4 page's text, then again at their place's.
  const widths = () => page.evaluate(() => [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('.app-chart svg')].map((s) => Number(s.getAttribute('width'))));
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction(() => [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('.app-chart svg')].every((s) => s.getAttribute('width') === '640'));
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await chartsAtTheirWidth(page);
  assert.deepEqual(await widths(), narrow.map((c) => c.drawn));
  // The figures open too.
  for (const summary of await page.locator('sen-support-form >> css=.app-chart summary').all()) await summary.click();
  assert.deepEqual(await overflowing(page), [], 'something scrolls sideways at 320px');
  assert.deepEqual(await axe(page), [], 'axe at 320px');
  // Two charts with pattern ids of their own, each named.
  const ids = await page.evaluate(() => {
    const root = document.querySelector('sen-support-form').shadowRoot;
    return {
      patterns: [...root.querySelectorAll('pattern')].map((p) => p.id),
      names: [...root.querySelectorAll('svg[role="img"]')].map((s) => root.getElementById(s.getAttribute('aria-labelledby'))?.textContent ?? ''),
      styled: root.querySelectorAll('.app-chart [style]').length,
    };
  });
  assert.ok(ids.patterns.length > 0);
  assert.equal(new Set(ids.patterns).size, ids.patterns.length, 'a pattern id is used twice');
  assert.equal(ids.names.length, 2);
  assert.ok(ids.names.every((n) => n.length > 20), JSON.stringify(ids.names));
  assert.equal(ids.styled, 0, 'a style attribute in a chart');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("each chart's table carries the chart's own figures", { timeout: 120000 }, async () => {
  const page = await withS01(env);
  await chartsAtTheirWidth(page);
  const charts = await page.evaluate(() => [...document.querySelector('sen-support-form').shadowRoot.querySelectorAll('.app-chart')]
    .map((c) => ({
      drawn: [...c.querySelectorAll('svg text')].map((t) => t.textContent).join('\n'),
      rows: [...c.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((t) => t.textContent)),
    })));
  assert.equal(charts.length, 2);
  const [cost, timeline] = charts;
  const sums = (texts) => texts.flatMap((c) => c.match(/£[\d,]+\.\d\d/g) ?? []);
  // Each row's cost a year (its last cell), the total, the threshold, what the school pays and
  // the top-up are written on the chart; what each source pays for each area is drawn as the
  // parts of its bar, and written in the table.
  const last = cost.rows.map((r) => r[r.length - 1]);
  assert.ok(sums(last).length >= 6, `the cost table has ${sums(last).length} sums`);
  assert.deepEqual(sums(last).filter((m) => !cost.drawn.includes(m)), [], 'sums in the table but not in the chart');
  // And every sum written on the chart is in the table.
  const inTable = new Set(sums(cost.rows.flat()));
  assert.deepEqual(sums([cost.drawn]).filter((m) => !inTable.has(m)), [], 'sums on the chart but not in the table');
  assert.ok(timeline.rows.length >= 4, 'the timeline has no figures');
  // Each of the timeline table's figures (what, its dates, the progress at its review) is
  // written on the chart, whose lines wrap where the table's cells do not.
  const words = timeline.drawn.replace(/\s+/g, ' ');
  const cells = timeline.rows.flat().filter((c) => c.trim() !== '');
  assert.ok(cells.length >= 10);
  assert.deepEqual(cells.filter((c) => !words.includes(c.trim())), [], 'timeline figures not on the chart');
  await page.close();
});

test('under the strict CSP, check your answers with its charts and print marks violate nothing', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  // withS01 opens its own page: open one in this context the same way.
  const opened = await withS01({ ...env, browser: { newPage: () => page } });
  await chartsAtTheirWidth(opened);
  const csp = (await page.request.get(env.base + '/www/scenario.html')).headers()['content-security-policy'];
  assert.match(csp, /style-src 'self';/, 'the host page is not under the strict CSP');
  await page.setViewportSize({ width: 500, height: 800 });
  await chartsAtTheirWidth(opened);
  await page.pdf({ format: 'A4' });
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});
