// A browser that dies does not take the answers with it: half of S01 typed, the autosave pause
// passed, the browser killed with SIGKILL (no chance to flush anything), relaunched on the same
// profile directory: everything is restored, with the banner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver, axe, launchOnProfile, killBrowser } from './lib.mjs';

const srv = {};
const profileDir = mkdtempSync(join(tmpdir(), 'sen-chromium-'));
before(async () => Object.assign(srv, await startReceiver()));
after(() => { srv.stop(); rmSync(profileDir, { recursive: true, force: true }); });

const launch = () => launchOnProfile(profileDir);
const kill = killBrowser;

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
