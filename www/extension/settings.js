// The extension's settings, kept in chrome.storage.local (the custom lexicon may exceed
// storage.sync's per-item quota). Shared by the service worker, the popup and the options.

/** The 8 category ids, in the engine's order. */
export const CATEGORY_IDS = [
  'war', 'loaded', 'labeling', 'fear', 'exaggeration', 'flag_waving', 'unsourced', 'sentiment',
];

/**
 * @typedef {object} Settings
 * @property {string[]} categories categories highlighted by default (the popup can toggle them per page)
 * @property {number} minWeight sensitivity: spans weighing less are dropped by the engine
 * @property {string} lexicon the reader's own lexicon, TSV lines in the engine's format
 * @property {string[]} sites host names highlighted automatically (each with its optional permission)
 * @property {boolean} watch re-highlight content the page adds later
 */

/** @type {Settings} */
export const DEFAULTS = Object.freeze({
  categories: CATEGORY_IDS.filter((id) => id !== 'sentiment'),
  minWeight: 0,
  lexicon: '',
  sites: [],
  watch: false,
});

/** Name the custom lexicon goes by in the engine's error messages ("perso.tsv:3: …"). */
export const LEXICON_NAME = 'perso.tsv';

/** @returns {Promise<Settings>} */
export async function loadSettings() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored };
}

/** @param {Partial<Settings>} changes */
export function saveSettings(changes) {
  return chrome.storage.local.set(changes);
}

/**
 * The match pattern asking for a site's permission: "www.lemonde.fr" → "*://www.lemonde.fr/*".
 * @param {string} host
 */
export function sitePattern(host) {
  return `*://${host}/*`;
}

/**
 * Parse the options' site list: one host name (or URL) a line → unique host names.
 * @param {string} text
 * @returns {{sites: string[], errors: {line: number, message: string}[]}}
 */
export function parseSites(text) {
  const sites = [];
  const errors = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    let host = line;
    try {
      if (line.includes('://')) host = new URL(line).hostname;
    } catch {
      host = '';
    }
    host = host.toLowerCase().replace(/\/.*$/, '');
    if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host)) {
      errors.push({ line: index + 1, message: `« ${line} » n’est pas un nom de site (ex. : www.lemonde.fr)` });
    } else if (!sites.includes(host)) {
      sites.push(host);
    }
  });
  return { sites, errors };
}

/**
 * Split the engine's lexicon error ("perso.tsv:3: catégorie inconnue « foo »") into its line
 * number and message; null line when the message carries none.
 * @param {string} message
 * @returns {{line: number | null, message: string}}
 */
export function lexiconError(message) {
  const m = /^(?:[^:\n]*\.tsv):(\d+)(?::\d+)?:\s*(.*)$/s.exec(message);
  return m ? { line: Number(m[1]), message: m[2] } : { line: null, message };
}
