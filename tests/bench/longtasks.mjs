// Benchmark (not a test): the longest task of each page change of the journey, and of editing a
// provision row's cell and leaving it, with an application of 500 provision rows (S01 grown to
// 500 rows, restored from a draft on this device), in headless Chromium at 1× and with the CPU
// throttled 4× (CDP Emulation.setCPUThrottlingRate).
//
// Long tasks are what a PerformanceObserver for `longtask` entries reports (every task of the
// page's main thread of 50 ms or more). For each step the longest such task that started
// between the click and the page settling (no change in the widget's shadow root for 700 ms,
// so that a draft saved after a pause of 600 ms counts with the step that made it) is
// printed, "–" when there was none; beside it the time from the click to the settling.
// The journey: the task list → each section's first page and back to the task list → the
// provision map → row 250's page → 16 times a new number of weeks typed in its cell and the
// cell left → back to the provision map → the task list → check your answers → back.
// Run after scripts/build-widget.sh and cargo build --release --bin sen-receiver:
//   node tests/bench/longtasks.mjs [rates...]        (1 and 4 by default)
import { setup, draftOf, seedDraft } from '../e2e/lib.mjs';
import { withRows } from '../e2e/many-rows.mjs';

const rates = process.argv.slice(2).map(Number).filter((n) => n > 0);
const RATES = rates.length ? rates : [1, 4];
const ROWS = 500;
const EDITS = 16;
const env = await setup();

/** Runs in the page before its scripts: every long task on window.__long. */
function observe() {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * In the page: runs `act` (a function of the shadow root, as text), then waits for the root to
 * be quiet for `quiet` ms; resolves to { settled, longest } (ms; longest 0 when no long task).
 */
async function step(page, act, arg = null) {
  return page.evaluate(async ([actText, a]) => {
    const root = document.querySelector('sen-support-form').shadowRoot;
    const quiet = 700;
    const t0 = performance.now();
    let last = t0;
    const mo = new MutationObserver(() => { last = performance.now(); });
    mo.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    await new Function('root', 'arg', `return (${actText})(root, arg)`)(root, a);
    last = Math.max(last, performance.now());
    while (performance.now() - last < quiet) await new Promise((r) => setTimeout(r, 50));
    mo.disconnect();
    // Long tasks are reported a little after they end.
    await new Promise((r) => setTimeout(r, 100));
    const mine = window.__long.filter((e) => e.start >= t0 - 1);
    return { settled: last - t0, longest: Math.max(0, ...mine.map((e) => e.duration)) };
  }, [act.toString(), arg]);
}

const click = (root, selector) => {
  const e = root.querySelector(selector);
  if (!e) throw new Error(`nothing matches ${selector}`);
  e.click();
};
const clickText = click.toString();

async function journey(rate) {
  const context = await env.browser.newContext();
  await context.addInitScript(observe);
  const page = await context.newPage();
  await page.goto(env.base + '/www/scenario.html');
  await page.waitForSelector('sen-support-form >> css=#page-heading');
  await seedDraft(page, draftOf(withRows(ROWS)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const results = [];
  const record = async (name, act, arg) => {
    const r = await step(page, act, arg);
    results.push({ name, ...r });
  };
  const go = (selector) => new Function('root', `return (${clickText})(root, ${JSON.stringify(selector)})`);
  const toTasks = '.govuk-back-link';

  const sections = await page.evaluate(() => [...document.querySelector('sen-support-form').shadowRoot
    .querySelectorAll('.govuk-task-list__link')].map((a) => ({ id: a.id, name: a.textContent.trim() })));
  for (const { id, name } of sections) {
    await record(`task list → ${name}`, go(`#${id}`));
    if (id === 'task-provision') {
      // The provision map's row 250: its Change link, once it is there.
      await record('provision map → row 250', async (root) => {
        for (let i = 0; i < 400; i++) {
          const a = root.querySelector('table.app-cpm tbody tr:nth-child(250) a');
          if (a) { a.click(); return; }
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error('row 250 never shown');
      });
      for (let i = 0; i < EDITS; i++) {
        await record('row 250: a new number of weeks typed and the cell left', (root, n) => {
          const cell = root.getElementById('f-provisionMap-rows-249-weeks');
          cell.focus();
          cell.value = String(30 + (n % 8));
          cell.dispatchEvent(new Event('input', { bubbles: true }));
          cell.dispatchEvent(new Event('change', { bubbles: true }));
        }, i);
      }
      await record('row 250 → back to the provision map', go('.govuk-back-link'));
    }
    await record(`${name} → back to the task list`, go(toTasks));
  }
  await record('task list → check your answers', go('#to-answers'));
  await record('check your answers → back to the task list', go('.govuk-back-link'));
  await context.close();
  return results;
}

const all = [];
for (const rate of RATES) all.push(await journey(rate));
const fmt = (ms) => (ms ? `${ms.toFixed(0)} ms` : '–');
console.log(`| page change (${ROWS} rows) | ${RATES.map((r) => `longest task at ${r}×`).join(' | ')} | ${RATES.map((r) => `settled at ${r}×`).join(' | ')} |`);
console.log(`|---|${RATES.map(() => '---|---|').join('')}`);
const names = [...new Set(all[0].map((r) => r.name))];
for (const name of names) {
  const per = all.map((rs) => rs.filter((r) => r.name === name));
  const longest = per.map((rs) => Math.max(...rs.map((r) => r.longest)));
  const settled = per.map((rs) => Math.max(...rs.map((r) => r.settled)));
  const over = per.map((rs) => rs.filter((r) => r.longest >= 50).length);
  const times = per[0].length > 1 ? ` (${per[0].length} times; ${over.map((o, i) => `${o} over 50 ms at ${RATES[i]}×`).join(', ')})` : '';
  console.log(`| ${name}${times} | ${longest.map(fmt).join(' | ')} | ${settled.map((s) => `${s.toFixed(0)} ms`).join(' | ')} |`);
}
await env.close();
