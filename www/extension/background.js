// Surligneur's service worker: the only place the engine runs (the extension's own CSP
// allows 'wasm-unsafe-eval'; a page's CSP never applies here). Content scripts send it
// text and get spans back; the popup and the keyboard shortcut drive tabs through it.
//
// Entry points, also reachable from tests through `globalThis.surligneur`:
//   run(tabId, action, extra)  action: highlight | clear | toggle | state | categories |
//                              scroll | watch, forwarded to the tab's content script
//   toggle(tabId)              what the toolbar shortcut does
import init, { Analyzer, categories } from './surligneur.js';
import { startAnalyzer } from './kept-analyzer.js';
import { CATEGORY_IDS, LEXICON_NAME, loadSettings, sitePattern } from './settings.js';

/** Injected into a tab, in this order, as classic scripts (see build-extension.sh). */
const CONTENT_FILES = ['highlight.classic.js', 'content.js'];
const AUTO_ID = 'surligneur-auto';

/** @type {Promise<unknown> | null} */
let engineReady = null;
/** Load the wasm module from the extension's own files, once per worker lifetime. */
function engine() {
  engineReady ??= init({ module_or_path: chrome.runtime.getURL('surligneur_bg.wasm') })
    .catch((error) => {
      engineReady = null;
      throw error;
    });
  return engineReady;
}

/**
 * The analyzer for the current settings (a promise: concurrent calls share one start).
 * @type {{key: string, made: Promise<{analyzer: Analyzer, lexiconError: string | null}>} | null}
 */
let current = null;

/** The Analyzer for the current settings, rebuilt when the lexicon or sensitivity change. */
async function analyzer() {
  await engine();
  const settings = await loadSettings();
  const key = JSON.stringify([settings.lexicon, settings.minWeight]);
  if (current?.key !== key) {
    const previous = current;
    const made = make(settings);
    current = { key, made };
    previous?.made.then(({ analyzer: old }) => old.free?.(), () => {});
    // A start that failed is tried again by the next call, not kept.
    made.catch(() => {
      if (current?.made === made) current = null;
    });
  }
  return { ...(await current.made), settings };
}

/**
 * The worker stops when idle and starts again for the next page: the analyzer of its last
 * run is read back rather than built again (kept-analyzer.js).
 * @param {import('./settings.js').Settings} settings
 */
async function make(settings) {
  const t0 = performance.now();
  const minWeight = Number(settings.minWeight) || 0;
  const lexicons = settings.lexicon.trim() ? [{ name: LEXICON_NAME, text: settings.lexicon }] : [];
  let started;
  let lexiconError = null;
  try {
    started = await startAnalyzer(Analyzer, { lexicons, minWeight });
  } catch (error) {
    // The options page refuses a bad lexicon; should one get through, run without it.
    lexiconError = String(error?.message ?? error);
    started = await startAnalyzer(Analyzer, { lexicons: [], minWeight });
  }
  // As on the page: timed, and whether the kept analyzer was read back.
  performance.measure('surligneur:demarrage', { start: t0, detail: { kept: started.kept } });
  return { analyzer: started.analyzer, lexiconError };
}

/** @type {Record<string, string> | null} */
let labels = null;
async function categoryLabels() {
  await engine();
  labels ??= Object.fromEntries(categories().map((c) => [c.id, c.label]));
  return labels;
}

/**
 * Analyze one chunk of a page's text; only what the content script needs goes back.
 * @param {string} text
 */
async function analyzeText(text) {
  const { analyzer: a, lexiconError, settings } = await analyzer();
  const { spans, summary } = a.analyze(text);
  return {
    spans: spans.map((s) => ({
      start: s.start, end: s.end, text: s.text, category: s.category, term: s.term,
      weight: s.weight, negated: s.negated, explanation: s.explanation,
      alternative: s.alternative ?? null,
    })),
    summary,
    labels: await categoryLabels(),
    settings: { categories: settings.categories, watch: settings.watch },
    lexiconError,
  };
}

/** Check a custom lexicon as the options page is about to save it. */
async function checkLexicon(text) {
  await engine();
  try {
    const a = new Analyzer({ lexicons: [{ name: LEXICON_NAME, text }] });
    a.free?.();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

/** Make sure the content script is in the tab (once; it guards itself too). */
async function inject(tabId) {
  const [probe] = await chrome.scripting.executeScript({
    target: { tabId },
    func: () => typeof globalThis.SurligneurContent === 'object',
  });
  if (probe?.result) return;
  await chrome.scripting.insertCSS({ target: { tabId }, files: ['marks.css'] });
  await chrome.scripting.executeScript({ target: { tabId }, files: CONTENT_FILES });
}

/**
 * Do `action` in a tab through its content script; resolves to the tab's state.
 * @param {number} tabId
 * @param {string} action
 * @param {object} [extra]
 */
export async function run(tabId, action, extra = {}) {
  await inject(tabId);
  const state = await chrome.tabs.sendMessage(tabId, { type: `surligneur:${action}`, ...extra }, { frameId: 0 });
  if (state && !state.error) await badge(tabId, state);
  return state;
}

/** The toolbar shortcut: highlight the page, or remove every mark when it is highlighted. */
export function toggle(tabId) {
  return run(tabId, 'toggle');
}

async function badge(tabId, state) {
  const text = state.active && state.shown > 0 ? String(state.shown > 999 ? '999+' : state.shown) : '';
  try {
    await chrome.action.setBadgeBackgroundColor({ tabId, color: '#1f294a' });
    await chrome.action.setBadgeText({ tabId, text });
  } catch {
    // the tab went away
  }
}

/** Register the content script for the sites the reader chose and granted. */
export async function syncAutoHighlight() {
  const { sites } = await loadSettings();
  const matches = [];
  for (const host of sites) {
    const pattern = sitePattern(host);
    if (await chrome.permissions.contains({ origins: [pattern] })) matches.push(pattern);
  }
  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [AUTO_ID] });
  if (registered.length) await chrome.scripting.unregisterContentScripts({ ids: [AUTO_ID] });
  if (matches.length) {
    await chrome.scripting.registerContentScripts([{
      id: AUTO_ID, matches, js: [...CONTENT_FILES, 'auto.js'], css: ['marks.css'],
      runAt: 'document_idle', persistAcrossSessions: true,
    }]);
  }
  return matches;
}

/** Messages from content scripts, the popup and the options page. */
async function handle(message, sender) {
  switch (message?.type) {
    case 'surligneur:analyze':
      return analyzeText(String(message.text ?? ''));
    case 'surligneur:categories':
      await engine();
      return { categories: categories(), ids: CATEGORY_IDS };
    case 'surligneur:check-lexicon':
      return checkLexicon(String(message.text ?? ''));
    case 'surligneur:tab':
      return run(message.tabId, message.action, message.extra ?? {});
    case 'surligneur:status':
      if (sender.tab?.id !== undefined) await badge(sender.tab.id, message.state);
      return { ok: true };
    default:
      return undefined;
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (typeof message?.type !== 'string' || !message.type.startsWith('surligneur:')) return false;
  handle(message, sender).then(sendResponse, (error) => sendResponse({ error: String(error?.message ?? error) }));
  return true;
});

chrome.commands.onCommand.addListener((command, tab) => {
  if (command === 'toggle-highlight' && tab?.id !== undefined) toggle(tab.id).catch(() => {});
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && 'sites' in changes) syncAutoHighlight().catch(() => {});
});
chrome.permissions.onAdded.addListener(() => syncAutoHighlight().catch(() => {}));
chrome.permissions.onRemoved.addListener(() => syncAutoHighlight().catch(() => {}));
chrome.runtime.onInstalled.addListener(() => syncAutoHighlight().catch(() => {}));

globalThis.surligneur = { run, toggle, syncAutoHighlight, analyzeText, checkLexicon };
