// The browser extension in a real Chromium: built by scripts/build-extension.sh into a
// temporary folder, loaded unpacked, driven through its service worker's own entry points
// (what the toolbar button and the shortcut call), on fixture pages served locally, one of
// them with a strict CSP (script-src 'self').
//
// Test-only change to the built manifest: host permission for *://127.0.0.1/*, because
// activeTab is granted only by a real click on the toolbar, which a test cannot make.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launch } from './browser.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const STRICT_CSP = "script-src 'self'";

let work;
let extension;
let server;
let browser;
let worker;
/** Every request the fixture pages made, by URL. */
const requested = [];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'surligneur-ext-'));
  extension = join(work, 'extension');
  execFileSync('bash', [join(REPO, 'scripts/build-extension.sh'), extension], { stdio: 'pipe' });
  const manifest = JSON.parse(await readFile(join(extension, 'manifest.json'), 'utf8'));
  manifest.host_permissions = ['*://127.0.0.1/*'];
  await writeFile(join(extension, 'manifest.json'), JSON.stringify(manifest));
  server = await serve(FIXTURES, {
    headers: (path) => (path === '/article.html' ? { 'content-security-policy': STRICT_CSP } : {}),
  });
  browser = await launch({ extension });
  worker = browser.context.serviceWorkers()[0]
    ?? await browser.context.waitForEvent('serviceworker', { timeout: 10_000 });
  browser.context.on('request', (request) => requested.push(request.url()));
  await worker.evaluate(() => chrome.storage.local.clear());
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

let opened = 0;
/** Open a fixture in a new tab (closed when test `t` ends); its page and tab id. */
async function open(t, path) {
  const page = await browser.context.newPage();
  t.after(() => page.close());
  page.on('request', (request) => requested.push(request.url()));
  const url = `${server.url}${path}?onglet=${++opened}`;
  await page.goto(url);
  const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((tab) => tab.url === u)?.id, url);
  assert.ok(tabId, `tab of ${url}`);
  return { page, tabId };
}

/** What the toolbar button, the shortcut and the popup call in the worker. */
function run(tabId, action, extra = {}) {
  return worker.evaluate(([t, a, e]) => globalThis.surligneur.run(t, a, e), [tabId, action, extra]);
}

/** The marks of a page: text, category, and the nearest ancestor with an id. */
function marksOf(page) {
  return page.evaluate(() => [...document.querySelectorAll('surligneur-mark[data-surligneur]')]
    .map((m) => ({ text: m.textContent, category: m.dataset.surligneur,
      where: m.parentElement.closest('[id]')?.id ?? '' })));
}

// [where (closest id), a mark's text contains, category]; category null: no mark there at all.
const ARTICLE = [
  ['titre', 'guerre', 'war'],
  ['titre', 'sans précédent', 'exaggeration'],
  ['lien', 'troupes', 'war'],
  ['troupes', 'honte', 'loaded'],
  ['rumeur', 'menace', 'fear'],
  ['rumeur', 'patrie', 'flag_waving'],
  ['regime', 'régime', 'labeling'],
  ['regime', 'guerre', 'war'],
  ['medecin', 'régime alimentaire', null],
  ['code', 'guerre (dans <code>)', null],
  ['pre', '<pre>', null],
  ['modifiable', 'contenteditable', null],
  ['saisie', '<textarea>', null],
  ['donnees', '<script type=json>', null],
  ['en-ligne', '<script>', null],
  ['bloc', 'sans | précédent (deux paragraphes)', null],
  ['bloc-suite', 'sans | précédent (deux paragraphes)', null],
  ['bouton', '<button>', null],
  ['menu', '<nav>', null],
  ['rubriques', 'role=navigation', null],
  ['anglais', 'lang=en', null],
];

test('manifest: activeTab, scripting, storage; no host permission; wasm-only CSP', async () => {
  const built = JSON.parse(await readFile(join(REPO, 'www/extension/manifest.json'), 'utf8'));
  assert.equal(built.manifest_version, 3);
  assert.deepEqual(built.permissions.sort(), ['activeTab', 'scripting', 'storage']);
  assert.equal(built.host_permissions, undefined);
  assert.equal(built.web_accessible_resources, undefined);
  assert.equal(built.content_security_policy.extension_pages,
    "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  assert.ok(built.commands['toggle-highlight'].suggested_key.default);
});

test('highlighting a page with a strict CSP: categories, and zones left alone', async (t) => {
  const { page, tabId } = await open(t, 'article.html');
  assert.equal(await page.title(), 'La guerre des mots', 'the CSP blocked the inline script');
  const state = await run(tabId, 'highlight');
  assert.equal(state.error, null);
  assert.ok(state.active);
  assert.ok(state.summary.charge > 0 && state.summary.charge <= 100);
  const marks = await marksOf(page);
  assert.equal(state.marks, marks.length);
  for (const [where, text, category] of ARTICLE) {
    const here = marks.filter((m) => m.where === where);
    if (category === null) {
      assert.deepEqual(here, [], `${where}: ${text} must stay unmarked`);
    } else {
      assert.ok(here.some((m) => m.text.includes(text) && m.category === category),
        `${where}: "${text}" marked ${category}; marks there: ${JSON.stringify(here)}`);
    }
  }
});

test('toggling again removes every mark: the page is byte for byte as before', async (t) => {
  const { page, tabId } = await open(t, 'article.html');
  const snapshot = () => page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    textNodes: document.evaluate('count(//text())', document, null, XPathResult.NUMBER_TYPE).numberValue,
  }));
  const before = await snapshot();
  const on = await worker.evaluate((t) => globalThis.surligneur.toggle(t), tabId);
  assert.ok(on.active && on.marks > 0);
  assert.notEqual((await snapshot()).html, before.html);
  const off = await worker.evaluate((t) => globalThis.surligneur.toggle(t), tabId);
  assert.equal(off.active, false);
  assert.equal(off.marks, 0);
  assert.deepEqual(await snapshot(), before);
  // And once more, to be sure a second round trip is just as clean.
  await run(tabId, 'toggle');
  await run(tabId, 'toggle');
  assert.deepEqual(await snapshot(), before);
});

test("the page's own scripts and links still work on highlighted text", async (t) => {
  const { page, tabId } = await open(t, 'article.html');
  await run(tabId, 'highlight');
  await page.click('#bouton');
  await page.click('#bouton');
  assert.equal(await page.textContent('#compteur'), '2');
  await page.click('#lien surligneur-mark');
  assert.equal(await page.evaluate(() => location.hash), '#fin');
});

test('watch mode highlights content added later, and only when on', async (t) => {
  const { page, tabId } = await open(t, 'direct.html');
  const state = await run(tabId, 'highlight');
  assert.equal(state.watch, false);
  const initial = await marksOf(page);
  assert.ok(initial.some((m) => m.text === 'troupes' && m.category === 'war'));
  assert.deepEqual(initial.filter((m) => m.where === 'perso'), [], 'not in the lexicon yet');

  await run(tabId, 'watch', { on: true });
  await page.click('#suite');
  await page.waitForSelector('#ajout-1 surligneur-mark', { timeout: 5000 });
  const added = (await marksOf(page)).filter((m) => m.where === 'ajout-1');
  assert.ok(added.some((m) => m.text === 'menace' && m.category === 'fear'), JSON.stringify(added));
  assert.ok(added.some((m) => m.text === 'guerre' && m.category === 'war'), JSON.stringify(added));
  assert.deepEqual((await marksOf(page)).filter((m) => /^(rubrique|touche|anglais)-/.test(m.where)), [],
    'a link added to the site\'s menu, an added <kbd> and a post in English stay unmarked');

  await run(tabId, 'watch', { on: false });
  await page.click('#suite');
  await page.waitForTimeout(1500); // longer than the watch delay
  assert.deepEqual((await marksOf(page)).filter((m) => m.where === 'ajout-2'), []);
});

test('popup: charge, counts per category, toggles, strongest spans scroll the page', async (t) => {
  const { page, tabId } = await open(t, 'article.html');
  await run(tabId, 'highlight');
  const popup = await browser.context.newPage();
  t.after(() => popup.close());
  await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('#bilan:not([hidden])');
  const state = await run(tabId, 'state');
  const charge = await popup.textContent('#charge');
  assert.equal(Number(charge.replace(',', '.')).toFixed(1), state.summary.charge.toFixed(1));
  const rows = await popup.$$eval('#categories li', (lis) => lis.map((li) => ({
    id: li.dataset.categorie, on: li.querySelector('input').checked,
    count: Number(li.querySelector('.nombre').textContent) })));
  assert.equal(rows.length, 8);
  for (const row of rows) {
    assert.equal(row.count, state.summary.categories[row.id].count, row.id);
    assert.equal(row.on, row.id !== 'sentiment', `${row.id} on by default`);
  }
  assert.equal(await popup.textContent('#bascule'), 'Retirer le surlignage');

  // A category toggled off leaves the page; the others stay.
  await popup.uncheck('#categories li[data-categorie="war"] input');
  await popup.waitForFunction(() => !document.querySelector('#passages li[data-categorie="war"]'));
  let marks = await marksOf(page);
  assert.deepEqual(marks.filter((m) => m.category === 'war'), []);
  assert.ok(marks.some((m) => m.category === 'loaded'));
  await popup.check('#categories li[data-categorie="war"] input');
  await popup.waitForSelector('#passages li[data-categorie="war"]');
  marks = await marksOf(page);
  assert.ok(marks.some((m) => m.category === 'war'));

  // A strongest span scrolls the page to its mark and flashes it.
  const first = await popup.$('#passages button');
  assert.ok(first, 'at least one strongest span');
  const text = await first.$eval('.texte', (el) => el.textContent);
  await first.click();
  await page.waitForSelector('surligneur-mark[data-surligneur-flash]', { timeout: 3000 });
  const flashed = await page.$$eval('surligneur-mark[data-surligneur-flash]', (ms) => ms.map((m) => m.textContent).join(''));
  assert.equal(flashed, text);

  // The button removes the marks.
  await popup.click('#bascule');
  await popup.waitForFunction(() => document.querySelector('#bascule').textContent === 'Surligner');
  assert.deepEqual(await marksOf(page), []);
});

test('sites chosen in the options are highlighted on load, with a badge', async (t) => {
  const before = await open(t, 'direct.html');
  await before.page.waitForTimeout(300);
  assert.deepEqual(await marksOf(before.page), [], 'not highlighted before the site is chosen');
  await worker.evaluate(() => chrome.storage.local.set({ sites: ['127.0.0.1'] }));
  await worker.evaluate(async () => {
    for (let i = 0; i < 100; i++) {
      if ((await chrome.scripting.getRegisteredContentScripts()).length) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  const { page, tabId } = await open(t, 'direct.html');
  await page.waitForSelector('surligneur-mark[data-surligneur]', { timeout: 5000 });
  assert.ok((await marksOf(page)).some((m) => m.text === 'troupes' && m.category === 'war'));
  const state = await run(tabId, 'state');
  assert.ok(state.active);
  assert.equal(await worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), String(state.shown));
  await worker.evaluate(() => chrome.storage.local.set({ sites: [] }));
  await worker.evaluate(async () => {
    for (let i = 0; i < 100; i++) {
      if (!(await chrome.scripting.getRegisteredContentScripts()).length) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  assert.deepEqual(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()), []);
});

test('options: a bad lexicon line is reported with its number; a good one is used', async (t) => {
  const id = new URL(worker.url()).host;
  const options = await browser.context.newPage();
  t.after(() => options.close());
  await options.goto(`chrome-extension://${id}/options.html`);
  await options.waitForSelector('#categories input');
  assert.equal(await options.locator('#categories input').count(), 8);

  const lexiconBefore = (await worker.evaluate(() => chrome.storage.local.get('lexicon'))).lexicon;
  await options.fill('#lexique', 'zigouigoui\twar\t2\t-2\nmachin\tnimporte\t1\t0\n');
  await options.click('button[type="submit"]');
  await options.waitForSelector('#lexique-erreur:not([hidden])');
  assert.match(await options.textContent('#lexique-erreur'), /^Ligne 2 : .*nimporte/);
  assert.equal((await worker.evaluate(() => chrome.storage.local.get('lexicon'))).lexicon, lexiconBefore,
    'a bad lexicon is not saved');

  const mine = '# mon lexique\nzigouigoui\twar\t2\t-2\nbidouille\tloaded\t0.5\t-1\n';
  await options.fill('#lexique', mine);
  await options.click('button[type="submit"]');
  await options.waitForFunction(() => document.querySelector('#etat').textContent === 'Enregistré.');
  assert.equal(await options.isHidden('#lexique-erreur'), true);
  const saved = await worker.evaluate(() => chrome.storage.local.get(null));
  assert.equal(saved.lexicon, mine);
  assert.deepEqual(saved.sites, []);

  const { page, tabId } = await open(t, 'direct.html');
  await run(tabId, 'highlight');
  const marks = await marksOf(page);
  assert.ok(marks.some((m) => m.where === 'perso' && m.text === 'zigouigoui' && m.category === 'war'));
  assert.ok(marks.some((m) => m.where === 'perso' && m.text === 'bidouille' && m.category === 'loaded'));
  await run(tabId, 'clear');

  // Sensitivity: nothing lighter than the minimum weight.
  await worker.evaluate(() => chrome.storage.local.set({ minWeight: 1.9 }));
  const strict = await run(tabId, 'highlight');
  assert.ok(strict.found > 0);
  assert.ok(strict.top.every((s) => s.weight >= 1.9), JSON.stringify(strict.top));
  const kept = (await marksOf(page)).filter((m) => m.where === 'perso').map((m) => m.text);
  assert.deepEqual(kept, ['zigouigoui'], 'bidouille weighs 0.5');
  await worker.evaluate(() => chrome.storage.local.clear());
});

test('the worker, started again, reads its kept analyzer back instead of building it', async (t) => {
  // How the worker's analyzer started (the last measure of its run), after a highlight.
  const started = async (tabId) => {
    const state = await run(tabId, 'highlight');
    const kept = await worker.evaluate(() => performance.getEntriesByName('surligneur:demarrage').at(-1)?.detail.kept);
    return { found: state.found, kept };
  };
  const first = await open(t, 'article.html');
  const before = await started(first.tabId);
  assert.ok(before.found > 0, 'the page has spans');
  // The worker keeps what it built a second later; then it starts again (as when the browser
  // stops an idle worker), with the same settings, then with another minimum weight.
  const rows = [
    { name: 'same settings', settings: null, kept: true, fewer: false },
    { name: 'another minimum weight', settings: { minWeight: 1.5 }, kept: false, fewer: true },
    { name: 'that weight again', settings: null, kept: true, fewer: true },
  ];
  for (const row of rows) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    if (row.settings) await worker.evaluate((s) => chrome.storage.local.set(s), row.settings);
    // Stopped through the DevTools protocol, then woken by the popup, whose messages start
    // it again (Playwright's handle then reaches the new worker).
    await worker.evaluate(() => { globalThis.beforeTheStop = true; });
    const { page, tabId } = await open(t, 'article.html');
    const cdp = await browser.context.newCDPSession(page);
    const stopped = new Promise((resolve) => cdp.on('ServiceWorker.workerVersionUpdated',
      ({ versions }) => versions.some((v) => v.runningStatus === 'stopped') && resolve()));
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    await cdp.detach();
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
    await popup.close();
    const after = await started(tabId);
    assert.equal(await worker.evaluate(() => globalThis.beforeTheStop), undefined, `${row.name}: a new worker`);
    assert.equal(after.kept, row.kept, row.name);
    if (row.fewer) assert.ok(after.found > 0 && after.found < before.found, `${row.name}: ${after.found}`);
    else assert.equal(after.found, before.found, row.name);
  }
  await worker.evaluate(() => chrome.storage.local.clear());
});

test('nothing was requested but the fixture pages', () => {
  assert.ok(requested.length > 0);
  const outside = requested.filter((url) => !url.startsWith(server.url)
    && !url.startsWith('chrome-extension://') && !url.startsWith('data:'));
  assert.deepEqual(outside, []);
  const files = new Set(server.requests);
  for (const path of files) {
    assert.match(path, /^\/(article|direct)\.(html|js)$|^\/favicon\.ico$/, path);
  }
});

test('the build script assembles the extension and its zip', async () => {
  const out = join(work, 'dist', 'extension');
  execFileSync('bash', [join(REPO, 'scripts/build-extension.sh'), out], { stdio: 'pipe' });
  const listing = execFileSync('python3', ['-m', 'zipfile', '-l', join(work, 'dist', 'surligneur-extension.zip')],
    { encoding: 'utf8' });
  for (const file of ['manifest.json', 'background.js', 'content.js', 'highlight.classic.js',
    'surligneur.js', 'surligneur_bg.wasm', 'popup.html', 'options.html', 'marks.css']) {
    assert.match(listing, new RegExp(`^${file.replace('.', '\\.')}\\s`, 'm'), file);
  }
  const classic = await readFile(join(out, 'highlight.classic.js'), 'utf8');
  assert.doesNotMatch(classic, /^\s*(import|export)\b/m);
});
