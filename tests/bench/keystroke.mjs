// Benchmark (not a test): in headless Chromium, the time from a keystroke in a provision-map
// cell to the updated row cost and totals, and from leaving the cell to the core's updated
// report (messages, task statuses), with 10, 100 and 500 provision rows.
// Run after scripts/build-widget.sh:  node tests/bench/keystroke.mjs [rows...]
import { setup } from '../e2e/lib.mjs';

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
const ROWS = counts.length ? counts : [10, 100, 500];
const SAMPLES = 40;
const env = await setup();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

for (const n of ROWS) {
  const page = await env.browser.newPage();
  await page.goto(env.base + '/www/scenario.html');
  await page.waitForSelector('sen-support-form >> css=#page-heading');
  const times = await page.evaluate(async ({ n, samples }) => {
    const root = document.querySelector('sen-support-form').shadowRoot;
    const frame = () => new Promise((r) => setTimeout(r, 0));
    const byId = (id) => root.getElementById(id);
    const type = (id, value, kind = 'input') => {
      const e = byId(id);
      e.value = value;
      e.dispatchEvent(new Event(kind, { bubbles: true }));
    };
    byId('task-provision').click();
    await frame();
    for (let i = 0; i < n; i++) {
      byId('f-provisionMap-rows').click();
      await frame();
      byId(`f-provisionMap-rows-${i}-category`).click();
      await frame(); // the staff-time questions are drawn once the kind of cost is chosen
      type(`f-provisionMap-rows-${i}-intervention`, `Intervention ${i}`);
      type(`f-provisionMap-rows-${i}-hourlyRatePence`, '17.20');
      type(`f-provisionMap-rows-${i}-sessionMinutes`, '30');
      type(`f-provisionMap-rows-${i}-sessionsPerWeek`, '2');
      type(`f-provisionMap-rows-${i}-weeks`, '38');
      type(`f-provisionMap-rows-${i}-groupSize`, '2');
      byId('continue').click();
      await frame();
      if (byId('page-heading').textContent !== 'Costed provision map') byId('page-heading').closest('.app-root').querySelector('.govuk-back-link').click();
      await frame();
    }
    // Open the middle row (its Change link in the map's table, once that row is drawn: the
    // table draws its rows a piece at a time) and time keystrokes in its "weeks" cell.
    const middle = `table.app-cpm tbody tr:nth-child(${Math.floor(n / 2) + 1}) a`;
    for (let i = 0; i < 400 && !root.querySelector(middle); i++) await new Promise((r) => setTimeout(r, 25));
    root.querySelector(middle).click();
    await frame();
    const cell = root.querySelector('[id$="-weeks"]');
    const total = byId('totals-total');
    const keystroke = [];
    const leave = [];
    for (let s = 0; s < samples; s++) {
      const before = total.textContent;
      const changed = new Promise((resolve) => {
        const mo = new MutationObserver(() => { mo.disconnect(); resolve(performance.now()); });
        mo.observe(total, { characterData: true, childList: true, subtree: true });
      });
      const t0 = performance.now();
      cell.value = String(20 + (s % 2 ? 1 : 0) + (before.length % 2));
      cell.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = await changed;
      keystroke.push(t1 - t0);
      // Leaving the cell asks the core for a whole new report.
      const t2 = performance.now();
      cell.dispatchEvent(new Event('change', { bubbles: true }));
      await Promise.resolve();
      await new Promise((r) => queueMicrotask(r));
      leave.push(performance.now() - t2);
      await frame();
    }
    return { keystroke, leave };
  }, { n, samples: SAMPLES });
  console.log(`${n} rows: keystroke → totals median ${median(times.keystroke).toFixed(2)} ms (max ${Math.max(...times.keystroke).toFixed(2)}); leaving the cell → new report median ${median(times.leave).toFixed(2)} ms`);
  await page.close();
}
await env.close();
