// Benchmark aid (not a test): where the time of a step goes, with a 500-row application at 4×
// CPU, from the browser's own trace (CDP Tracing, the Performance panel's categories) and its
// sampling profiler (CDP Profiler). For two steps, opening the provision map from the task list
// and leaving row 250's "weeks" cell after typing in it, prints the main thread's time by kind
// (script, style, layout, paint, garbage collection) and the functions with the most self
// time (their names when the wasm keeps its name section, as a build with
// `wasm-bindgen --keep-debug` and no wasm-opt does; `wasm-function[N]` otherwise).
// With `answers`, the steps traced are opening check your answers from the task list and going
// back from it; with `save`, leaving the cell and the draft saved after the pause, apart.
// Run after scripts/build-widget.sh and cargo build --release --bin sen-receiver:
//   node tests/bench/trace.mjs [rate] [answers|save]        (4 by default)
import { setup, draftOf, seedDraft } from '../e2e/lib.mjs';
import { withRows } from '../e2e/many-rows.mjs';

const RATE = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 4;
const WHICH = process.argv[3] ?? 'map';
const env = await setup();
const context = await env.browser.newContext();
const page = await context.newPage();
await page.goto(env.base + '/www/scenario.html');
await page.waitForSelector('sen-support-form >> css=#page-heading');
await seedDraft(page, draftOf(withRows(500)));
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });

/** Main-thread time by kind of trace event (complete events, self time not split). */
const KINDS = {
  FunctionCall: 'script', EvaluateScript: 'script', 'v8.callFunction': 'script', TimerFire: 'script (timer)',
  EventDispatch: 'script (event)', RunMicrotasks: 'script (microtasks)', UpdateLayoutTree: 'style',
  Layout: 'layout', Paint: 'paint', PrePaint: 'paint', Layerize: 'paint', MinorGC: 'gc', MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc', 'BlinkGC.AtomicPhase': 'gc', HitTest: 'hit test', ParseHTML: 'parse',
};

async function traced(name, act, wait = 1500) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] },
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  await page.evaluate(act);
  await page.waitForTimeout(wait);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await done;
  cdp.removeAllListeners('Tracing.dataCollected');
  // The renderer's main thread: the thread of the most RunTask events.
  const runs = events.filter((e) => e.name === 'RunTask' && e.ph === 'X');
  const byTid = new Map();
  for (const e of runs) byTid.set(`${e.pid}:${e.tid}`, (byTid.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const main = [...byTid.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X');
  const tasks = mine.filter((e) => e.name === 'RunTask').map((e) => e.dur / 1000).sort((a, b) => b - a);
  const kinds = {};
  for (const e of mine) {
    const kind = KINDS[e.name];
    if (kind) kinds[kind] = (kinds[kind] ?? 0) + e.dur / 1000;
  }
  console.log(`\n## ${name} (${RATE}× CPU)`);
  console.log(`tasks over 50 ms: ${tasks.filter((t) => t >= 50).map((t) => t.toFixed(0)).join(', ') || 'none'}; longest ${tasks[0]?.toFixed(1)} ms`);
  console.log('main thread by kind (ms, nested events counted in each):', Object.entries(kinds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
  // Self time by function from the sampling profile.
  const self = new Map();
  const dt = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  });
  // Total time (self and callees) of the widget's own functions named in TRACE_TOTAL (a
  // regular expression; e.g. "check::run|check_in|application_from_value|draft").
  if (process.env.TRACE_TOTAL) {
    const wanted = new RegExp(process.env.TRACE_TOTAL);
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const total = new Map();
    profile.samples.forEach((id, i) => {
      const seen = new Set();
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const name = byId.get(at).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '');
        const m = name.match(wanted);
        if (m && !seen.has(name)) {
          seen.add(name);
          total.set(name, (total.get(name) ?? 0) + (dt[i + 1] ?? 0) / 1000);
        }
      }
    });
    console.log('total time (ms):');
    for (const [k, v] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
  }
  const top = [...self.entries()].filter(([k]) => !/^\((idle|program|garbage collector)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log('self time (ms):');
  for (const [k, v] of top) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
}

if (WHICH === 'answers') {
  await traced('task list → check your answers', () => document.querySelector('sen-support-form').shadowRoot.getElementById('to-answers').click(), 4000);
  await traced('check your answers → back to the task list', () => document.querySelector('sen-support-form').shadowRoot.querySelector('.govuk-back-link').click());
} else {
  await traced('task list → the provision map', () => document.querySelector('sen-support-form').shadowRoot.getElementById('task-provision').click());
  await page.evaluate(async () => {
    const root = document.querySelector('sen-support-form').shadowRoot;
    for (let i = 0; i < 400 && !root.querySelector('table.app-cpm tbody tr:nth-child(250) a'); i++) await new Promise((r) => setTimeout(r, 25));
    root.querySelector('table.app-cpm tbody tr:nth-child(250) a').click();
  });
  await page.waitForTimeout(1000);
  const leave = () => {
    const cell = document.querySelector('sen-support-form').shadowRoot.getElementById('f-provisionMap-rows-249-weeks');
    cell.focus();
    cell.value = '31';
    cell.dispatchEvent(new Event('input', { bubbles: true }));
    cell.dispatchEvent(new Event('change', { bubbles: true }));
  };
  if (WHICH === 'save') {
    // The cell left and traced for 300 ms; the draft saved after the 600 ms pause traced apart.
    await traced('row 250: weeks typed and the cell left (300 ms)', leave, 300);
    await traced('the draft saved after the pause', () => {}, 1500);
  } else {
    await traced('row 250: weeks typed and the cell left', leave);
  }
}
await context.close();
await env.close();
