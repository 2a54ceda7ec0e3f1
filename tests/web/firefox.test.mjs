// The page in Debian's Firefox ESR (headless, driven over WebDriver BiDi by puppeteer-core):
// the engine loads, a pasted text is marked at the right places with the right categories,
// and nothing is logged as an error. The full page suite runs in Chromium (page.test.mjs);
// this is the same reader's path in the other engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { serve } from '../../scripts/serve.mjs';
import { ARTIFACTS, REPO, marks } from './page-helpers.mjs';

const FIREFOX = '/usr/bin/firefox-esr';

// (text, marks expected as [text, category]); rows with none expected are negative rows.
const CASES = [
  {
    text: 'Le dictateur aurait bombardé la ville : une catastrophe sans précédent !',
    marked: [['dictateur', 'labeling'], ['aurait', 'unsourced'], ['bombardé', 'war'], ['catastrophe', 'fear'], ['sans précédent', 'exaggeration']],
  },
  // UTF-16 offsets after astral characters, and decomposed accents (NFD).
  { text: '🙂🙂 Encore la guerre 🙂.', marked: [['guerre', 'war']] },
  { text: 'Le re\u0301gime est tombe\u0301.', marked: [['re\u0301gime', 'labeling']] },
  { text: 'Un régime alimentaire équilibré.', marked: [] },
  { text: 'Le chat dort sur le canapé.', marked: [] },
];

test('Firefox : la page charge le moteur et marque un texte collé', async () => {
  const server = await serve(join(REPO, 'www'), { port: 0 });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: mkdtempSync(join(tmpdir(), 'surligneur-firefox-')),
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.pret !== undefined, { timeout: 20_000 });
    assert.equal(await page.$eval('#etat', (e) => e.textContent), 'Prêt.');
    for (const row of CASES) {
      await page.locator('#texte').fill(row.text);
      await page.waitForFunction((expected) => {
        const r = document.getElementById('rendu');
        return r.getAttribute('aria-busy') === 'false' && r.textContent === expected;
      }, { timeout: 5_000 }, row.text);
      const seen = await marks(page);
      const want = row.marked.map(([text, category]) => ({ text, category, start: row.text.indexOf(text) }));
      assert.deepEqual(seen, want, row.text);
    }
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'firefox-page.png') });
    assert.deepEqual(problems, [], 'no console error');
  } finally {
    await browser.close();
    server.close();
  }
});
