// Helpers for the demo page's browser tests (page.test.mjs): one Chromium and one server for
// the file, a fresh page per test that records console errors, dialogs and requests, and
// what a reader sees of the page (the text, its marks, the tooltip).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { launch } from './browser.mjs';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(REPO, 'test-artifacts');

/** @type {{url: string, close: () => Promise<void>, requests: string[]}} */
let server;
/** @type {{context: import('playwright-core').BrowserContext, close: () => Promise<void>}} */
let browser;

export async function start() {
  server = await serve(join(REPO, 'www'));
  browser = await launch();
  // A reader's Ctrl+V: the tests put rich text in the clipboard.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  await mkdir(ARTIFACTS, { recursive: true });
}

export async function stop() {
  await browser?.close();
  await server?.close();
}

/**
 * Open the page in a fresh tab with empty storage and wait for the engine.
 * @param {{width?: number, height?: number, colorScheme?: 'light' | 'dark',
 *   storage?: Record<string, unknown>, block?: string}} [options]
 *   storage: localStorage entries (keys without the page's prefix) set before the page runs;
 *   block: a URL pattern whose requests fail (then the engine is not waited for)
 */
export async function openPage({ width = 1280, height = 900, colorScheme = 'light', storage = {}, block } = {}) {
  const page = await browser.context.newPage();
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const foreign = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('dialog', async (d) => {
    problems.push(`dialog ${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  page.setDefaultTimeout(5000);
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme });
  // Same origin for every test: each tab starts from empty storage (once: reloading the
  // tab keeps what the page stored).
  await page.addInitScript((entries) => {
    if (sessionStorage.getItem('test:started')) return;
    sessionStorage.setItem('test:started', '1');
    localStorage.clear();
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(`surligneur:${k}`, JSON.stringify(v));
  }, storage);
  if (block) await page.route(block, (route) => route.abort());
  await page.goto(server.url);
  if (!block) await ready(page);
  return {
    page,
    problems,
    /** Paths asked of the server since the server started. */
    requests: () => [...server.requests],
    /**
     * Close the tab; fails the test if the page logged an error (other than those
     * expected), opened a dialog or went off-site.
     * @param {RegExp[]} [expected] console errors the test provoked
     */
    async close(expected = []) {
      await page.close();
      const unexpected = problems.filter((p) => !expected.some((re) => re.test(p)));
      assert.deepEqual(unexpected, [], 'no console error, exception or dialog');
      assert.deepEqual(foreign, [], 'no request outside the page’s own server');
    },
  };
}

/** @param {import('playwright-core').Page} page */
export async function ready(page) {
  await page.waitForSelector('html[data-pret]', { timeout: 10_000 });
}

/**
 * Replace the text as a reader pasting it would, and wait until it is highlighted.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
export async function setText(page, text) {
  await page.fill('#texte', text);
  await rendered(page, text);
}

/**
 * Put a long text in the box as a paste does (typing it would take minutes), and wait until
 * it is highlighted (by its length: a long text is slow to compare on every poll).
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
export async function pasteLong(page, text) {
  await page.$eval('#texte', (area, value) => {
    area.value = value;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await page.waitForFunction((n) => {
    const r = document.getElementById('rendu');
    return r.getAttribute('aria-busy') === 'false' && r.textContent.length === n;
  }, text.length, { timeout: 30_000 });
}

/**
 * Wait until the highlighted text shows `text` and no analysis is pending.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
export async function rendered(page, text) {
  await page.waitForFunction((expected) => {
    const r = document.getElementById('rendu');
    return r.getAttribute('aria-busy') === 'false' && r.textContent === expected;
  }, text, { timeout: 5000 });
}

/**
 * The marks the reader sees: text, category and offset in the highlighted text.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{text: string, category: string, start: number}[]>}
 */
export function marks(page) {
  return page.evaluate(() => {
    const root = document.getElementById('rendu');
    const out = [];
    let offset = 0;
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) offset += child.data.length;
        else if (child.localName === 'mark') {
          out.push({ text: child.textContent, category: child.getAttribute('data-surligneur'), start: offset });
          walk(child);
        } else walk(child);
      }
    };
    walk(root);
    return out;
  });
}

/**
 * The tooltip's text when shown, or null when hidden.
 * @param {import('playwright-core').Page} page
 */
export function tooltipText(page) {
  return page.evaluate(() => {
    const t = document.getElementById('infobulle');
    return t.hidden || getComputedStyle(t).display === 'none' ? null : t.innerText;
  });
}

/**
 * Click a button and return the file it makes the browser download.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @returns {Promise<{name: string, text: string}>}
 */
export async function downloadOf(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/**
 * RFC 4180 CSV → rows of cells.
 * @param {string} text
 */
export function parseCSV(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
