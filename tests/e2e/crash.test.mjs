// A browser that dies does not take the answers with it: half of S01 typed, the autosave pause
// passed, the browser killed with SIGKILL (no chance to flush anything), relaunched on the same
// profile directory: everything is restored, with the banner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startReceiver, axe } from './lib.mjs';

const srv = {};
const profileDir = mkdtempSync(join(tmpdir(), 'sen-chromium-'));
before(async () => Object.assign(srv, await startReceiver()));
after(() => { srv.stop(); rmSync(profileDir, { recursive: true, force: true }); });

/** Debian's Chromium as its own process group on `profileDir`, driven over CDP. */
function launch() {
  const child = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--remote-debugging-port=0', `--user-data-dir=${profileDir}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  return new Promise((resolve, reject) => {
    let err = '';
    child.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${err}`)));
    child.stderr.on('data', async (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\S+)/);
      if (m) {
        child.removeAllListeners('exit');
        const browser = await chromium.connectOverCDP(m[1]);
        resolve({ child, browser });
      }
    });
  });
}

function kill(child) {
  return new Promise((resolve) => {
    child.on('exit', resolve);
    process.kill(-child.pid, 'SIGKILL'); // the browser and every process it started
  });
}

const q = (page, css) => page.locator(`sen-support-form >> css=${css}`).first();

async function openForm(browser) {
  const page = await browser.contexts()[0].newPage();
  await page.goto(`${srv.base}/www/scenario.html`);
  await page.waitForSelector('sen-support-form >> css=#page-heading', { timeout: 15000 });
  return page;
}

test('answers typed before a SIGKILL of the browser are restored on relaunch', { timeout: 120000 }, async () => {
  let { child, browser } = await launch();
  let page = await openForm(browser);
  await q(page, '#task-child').click();
  await q(page, '#f-child-legalForename').fill('Alex');
  await q(page, '#f-child-legalSurname').fill('Morgan');
  await q(page, '#f-child-dob').fill('14');
  await q(page, '#f-child-dob-month').fill('5');
  await q(page, '#f-child-dob-year').fill('2016');
  await q(page, '#f-child-upn').fill('A123456789012');
  await page.waitForTimeout(900); // past the autosave pause, and no more
  await kill(child);

  ({ child, browser } = await launch());
  try {
    page = await openForm(browser);
    await page.waitForSelector('sen-support-form >> css=#notice');
    assert.equal(await q(page, '.govuk-notification-banner__heading').textContent(), 'We have restored your answers');
    await q(page, '#task-child').click();
    assert.equal(await q(page, '#f-child-legalForename').inputValue(), 'Alex');
    assert.equal(await q(page, '#f-child-legalSurname').inputValue(), 'Morgan');
    assert.equal(await q(page, '#f-child-dob').inputValue(), '14');
    assert.equal(await q(page, '#f-child-dob-month').inputValue(), '5');
    assert.equal(await q(page, '#f-child-dob-year').inputValue(), '2016');
    assert.equal(await q(page, '#f-child-upn').inputValue(), 'A123456789012');
    assert.deepEqual(await axe(page), []);
  } finally {
    await kill(child);
  }
});
