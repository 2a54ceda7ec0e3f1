// Reading a file the reader chose or dropped: text (.txt, .md) as it is, HTML reduced to
// its visible text, laid out as a browser shows it, with DOMParser — parsed, never
// rendered, so its scripts do not run and its images are not fetched. UTF-8, or Windows-1252 when the
// bytes are not valid UTF-8 (older French files), or UTF-16 after its byte order mark.
import { BLOCK, GONE, OPAQUE } from './highlight.js';

/** Largest file accepted, in bytes. */
export const MAX_BYTES = 1_000_000;

const TEXT_EXT = /\.(txt|text|md|markdown)$/i;
const HTML_EXT = /\.(html?|xhtml)$/i;

/** A file that cannot be read as text; its message is for the reader (French). */
export class FileError extends Error {}

/**
 * @param {File} file
 * @returns {Promise<{text: string, name: string}>}
 */
export async function readTextFile(file) {
  const name = file.name || 'fichier';
  const html = HTML_EXT.test(name) || file.type === 'text/html' || file.type === 'application/xhtml+xml';
  const text = html || TEXT_EXT.test(name) || file.type.startsWith('text/') || (!file.type && !/\.\w+$/.test(name));
  if (!text) {
    throw new FileError(`« ${name} » n’est pas un fichier texte : seuls les fichiers .txt, .md et .html sont acceptés.`);
  }
  if (file.size > MAX_BYTES) {
    throw new FileError(`« ${name} » est trop grand (${Math.round(file.size / 1000)} Ko) : la limite est de ${MAX_BYTES / 1000} Ko.`);
  }
  const decoded = decode(new Uint8Array(await file.arrayBuffer()));
  return { text: html ? htmlToText(decoded) : decoded, name };
}

/**
 * UTF-16 when the bytes open with its byte order mark (« Texte Unicode » from Notepad or
 * Excel), else UTF-8, else Windows-1252.
 * @param {Uint8Array} bytes
 */
export function decode(bytes) {
  let text;
  const utf16 = bytes[0] === 0xFF && bytes[1] === 0xFE ? 'utf-16le'
    : bytes[0] === 0xFE && bytes[1] === 0xFF ? 'utf-16be' : null;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  if (text.includes('\u0000')) throw new FileError('Ce fichier contient des données binaires : ce n’est pas du texte.');
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

// Code, which the page (not the extension) shows: a loaded file is read as it is shown.
const CODE = new Set(['code', 'pre', 'kbd', 'samp']);
/**
 * Whether an element is left out with what it holds: never shown (scripts, styles…), or
 * not prose (form fields, media, drawings), as the extension reads pages.
 * @param {string} tag
 */
const dropped = (tag) => GONE.has(tag) || (OPAQUE.has(tag) && !CODE.has(tag));
// Shown as written, line breaks and spaces kept.
const VERBATIM = /^(pre|listing|xmp|plaintext)$/;
// Blocks that take a line of their own, not a paragraph.
const LINE = /^(li|tr|dt|dd)$/;

/**
 * The text of an HTML document laid out as a browser shows it: a blank line between
 * blocks (paragraphs, headings…), a line per <br>, list item, table row, a tab between
 * table cells, <pre> as written, white space elsewhere collapsed (ASCII white space
 * only: no-break spaces stay). Hidden elements, scripts and styles are left out.
 * @param {string} source
 */
export function htmlToText(source) {
  const doc = new DOMParser().parseFromString(source, 'text/html');
  /** @type {string[]} */
  const parts = [];
  let lines = -1; // line breaks ending the text so far; -1 before any text
  let breaks = 0; // line breaks owed before the next text
  let gap = ''; // white space owed before the next text, on the same line
  const put = (text) => {
    if (breaks > lines && lines >= 0) {
      parts.push('\n'.repeat(breaks - lines));
      lines = breaks;
    } else if (!lines) parts.push(gap);
    parts.push(text);
    const n = text.length - text.replace(/\n+$/, '').length;
    lines = n === text.length ? Math.max(lines, 0) + n : n;
    breaks = 0;
    gap = '';
  };
  /**
   * @param {Node} node
   * @param {boolean} pre inside a <pre>
   * @param {boolean} item inside a list item: its blocks are lines
   */
  const visit = (node, pre, item) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const data = /** @type {Text} */ (child).data;
        if (pre) {
          if (data) put(data);
          continue;
        }
        const text = data.replace(/[ \t\n\r\f]+/g, ' ');
        const words = text.replace(/^ | $/g, '');
        if (text[0] === ' ' && !gap) gap = ' ';
        if (words) {
          put(words);
          if (text.endsWith(' ')) gap = ' ';
        }
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = /** @type {HTMLElement} */ (child);
      const tag = el.localName;
      if (dropped(tag) || el.hidden || el.style?.display === 'none') continue;
      if (tag === 'br') {
        gap = '';
        if (lines >= 0) put('\n');
        continue;
      }
      if ((tag === 'td' || tag === 'th') && el.previousElementSibling) gap = '\t';
      const verbatim = VERBATIM.test(tag);
      const level = tag === 'td' || tag === 'th' ? 0
        : LINE.test(tag) || (item && BLOCK.has(tag)) ? 1 : BLOCK.has(tag) || verbatim ? 2 : 0;
      breaks = Math.max(breaks, level);
      visit(el, pre || verbatim, item || tag === 'li');
      breaks = Math.max(breaks, level);
    }
  };
  visit(doc.body ?? doc.documentElement, false, false);
  return parts.join('').replace(/\n+$/, '');
}
