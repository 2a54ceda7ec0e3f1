// Exports: the Analysis as JSON (the same object as the engine's, as `surligneur --json`
// prints it) and the spans as CSV (RFC 4180, UTF-8 with a BOM so that spreadsheets read
// the accents), downloaded through a temporary object URL: nothing leaves the browser.
import { modifierLabel } from './fr.js';

/** @typedef {import('./pkg/surligneur.js').Analysis} Analysis */

/** The CSV's columns, in order. */
export const CSV_COLUMNS = [
  'debut', 'fin', 'texte', 'categorie', 'libelle', 'terme', 'poids', 'valence', 'nie',
  'modificateurs', 'explication', 'alternative',
];

/** @param {Analysis} analysis */
export function analysisJSON(analysis) {
  return `${JSON.stringify(analysis, null, 2)}\n`;
}

/**
 * @param {Analysis} analysis
 * @param {(id: string) => string} labelOf
 */
export function spansCSV(analysis, labelOf) {
  const lines = [CSV_COLUMNS.join(',')];
  for (const s of analysis.spans) {
    const modifiers = s.modifiers.map((m) => `${modifierLabel(m.kind)} « ${m.cue} » ×${m.factor}`).join(' ; ');
    lines.push([
      s.start, s.end, text(s.text), s.category, text(labelOf(s.category)), text(s.term),
      s.weight, s.valence, s.negated ? 'oui' : 'non', text(modifiers), text(s.explanation),
      text(s.alternative ?? ''),
    ].map(cell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A text cell that a spreadsheet must not take for a formula. */
function text(s) {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** RFC 4180 quoting. */
function cell(value) {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Offer `content` as a file download.
 * @param {string} filename
 * @param {string} content
 * @param {string} type MIME type
 */
export function download(filename, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The base of the exported files' names: the loaded file's name without its extension,
 * reduced to safe characters, or "surligneur".
 * @param {string | null} source
 */
export function baseName(source) {
  const stem = (source ?? '').replace(/\.[^.]*$/, '').normalize('NFC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return stem ? `${stem}-surligneur` : 'surligneur';
}
