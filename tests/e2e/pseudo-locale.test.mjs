// The pseudo-locale journey: the widget given `messages-url` pointing at messages/qps-ploc.json
// (every text accented, about 40% longer, inside brackets). Every text shown in the shadow
// root is either pseudo-localised or not the form's own words (the council's name for its
// form, numbers); an English text shown means a text not taken from the catalogue, and fails.
// At 320 px nothing is clipped. A catalogue that cannot be loaded is said, and English shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open } from './lib.mjs';

const env = {};
before(async () => Object.assign(env, await setup()));
after(async () => env.close());

// Texts that are not the form's words but the council's: the profile's name for its form and
// its own labels (`labels`, in the council's language already).
const PROFILE = JSON.parse(readFileSync('profiles/stockton-one-point.json', 'utf8'));
const NOT_WORDS = new Set([PROFILE.name, ...Object.values(PROFILE.labels ?? {})]);

/** Every text node in the widget's shadow root that is neither pseudo-localised nor exempt. */
async function untranslated(page) {
  const texts = await page.locator('sen-support-form').evaluate((host) => {
    const out = [];
    const walk = host.shadowRoot.ownerDocument.createTreeWalker(host.shadowRoot, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const box = n.parentElement?.closest('style, script, template');
      if (!box && n.textContent.trim()) out.push(n.textContent.trim());
    }
    return out;
  });
  return texts.filter((t) => !/^\[[^]*\]$/.test(t) && !/^[\d\s.,:%£()\-/–]+$/.test(t) && !NOT_WORDS.has(t));
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
    for (const el of host.shadowRoot.querySelectorAll('*')) {
      if (['STYLE', 'SCRIPT'].includes(el.tagName) || el.closest('svg')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.clientWidth === 0) continue;
      // The visually hidden texts of GOV.UK are 1px boxes on purpose; a GOV.UK button's
      // ::before (its larger hit area) reaches 2px beyond it: its text is checked below.
      if (el.closest('.govuk-visually-hidden') || el.classList.contains('govuk-button')) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    const walk = host.ownerDocument.createTreeWalker(host.shadowRoot, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent.trim() || el.closest('style, script, svg, .govuk-visually-hidden')) continue;
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

async function allShown(page, where) {
  assert.deepEqual(await untranslated(page), [], `${where}: texts shown that are not from the catalogue`);
  assert.deepEqual(await clipped(page), [], `${where}: clipped at 320 px`);
}

test('the task list in the pseudo-locale: every text from the catalogue, nothing clipped at 320 px', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/pseudo.html', { width: 320, height: 800 });
  assert.match(await page.locator('sen-support-form >> css=#page-heading').innerText(), /^\[Åþþļý ƒöŕ ŠÉÑ šûþþöŕţ ·+\]$/);
  await allShown(page, 'the task list');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the check finds English: the same page without the pseudo-locale fails it', { timeout: 120000 }, async () => {
  const page = await open(env, '/www/scenario.html', { width: 320, height: 800 });
  const english = await untranslated(page);
  assert.ok(english.includes('Apply for SEN support'), `the English heading was not caught: ${english.join(' | ')}`);
  assert.ok(english.includes('Not started'), 'the English task status was not caught');
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
