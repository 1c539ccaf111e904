// Benchmark (not a test): the time from navigation to an interactive first page, in headless
// Chromium at 1× and with the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate), with the
// browser's cache cold (cleared before the navigation: HTTP cache and the compiled wasm kept
// with it) and warm (the page loaded once before in the same context), for an empty form and
// for a draft of S01 with 500 provision rows restored from this device.
//
// What is measured, from the navigation's start (performance.timeOrigin), in the page itself
// (an init script checking at every animation frame):
//   drawn: the first frame in which the widget's task list is in its shadow root;
//   interactive: the first frame after that in which a click on the first task's link, given
//   at the frame the task list was drawn, has been answered (the section's page is shown).
// Prints the median (and range) of N runs of each. Run after scripts/build-widget.sh and
// cargo build --release --bin sen-receiver:
//   node tests/bench/startup.mjs [runs]        (7 runs by default)
import { setup, draftOf, seedDraft } from '../e2e/lib.mjs';
import { withRows } from '../e2e/many-rows.mjs';

const RUNS = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 7;
const PAGE = '/www/scenario.html';
const env = await setup();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const draft = draftOf(withRows(500));

/** Runs in the page before its scripts: records `drawn` and `interactive` on window.__startup. */
function watch() {
  window.__startup = {};
  const root = () => document.querySelector('sen-support-form')?.shadowRoot;
  const heading = () => root()?.getElementById('page-heading')?.textContent ?? null;
  let before = null;
  const frame = () => {
    const s = window.__startup;
    if (s.drawn === undefined) {
      const link = root()?.querySelector('.govuk-task-list a.govuk-task-list__link');
      if (link) {
        s.drawn = performance.now();
        before = heading();
        link.click();
      }
    } else if (heading() !== before) {
      s.interactive = performance.now();
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

async function once({ rate, rows, cache }) {
  const context = await env.browser.newContext();
  await context.addInitScript(watch);
  const page = await context.newPage();
  await page.goto(env.base + PAGE);
  await page.waitForFunction(() => window.__startup.interactive !== undefined, null, { timeout: 60000 });
  if (rows) await seedDraft(page, draft);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (cache === 'cold') await cdp.send('Network.clearBrowserCache');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(env.base + PAGE);
  await page.waitForFunction(() => window.__startup.interactive !== undefined, null, { timeout: 120000 });
  const t = await page.evaluate(() => window.__startup);
  await context.close();
  return t;
}

console.log('| form | CPU | cache | task list drawn (median, range) | interactive (median, range) |');
console.log('|---|---|---|---|---|');
for (const rows of [0, 500]) {
  for (const rate of [1, 4]) {
    for (const cache of ['cold', 'warm']) {
      const drawn = [];
      const interactive = [];
      for (let i = 0; i < RUNS; i++) {
        const t = await once({ rate, rows, cache });
        drawn.push(t.drawn);
        interactive.push(t.interactive);
      }
      const f = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
      console.log(`| ${rows ? `draft, ${rows} rows` : 'empty'} | ${rate}× | ${cache} | ${f(drawn)} | ${f(interactive)} |`);
    }
  }
}
await env.close();
