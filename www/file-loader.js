// Reading a file the reader chose or dropped: text (.txt, .md) as it is, HTML reduced to
// its visible text with DOMParser and the shared collectText — parsed, never rendered, so
// its scripts do not run and its images are not fetched. UTF-8, or Windows-1252 when the
// bytes are not valid UTF-8 (older French files), or UTF-16 after its byte order mark.
import { collectText } from './highlight.js';

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

/**
 * The visible text of an HTML document, one paragraph per block, white space collapsed as
 * a browser shows it (ASCII white space only: no-break spaces stay).
 * @param {string} source
 */
export function htmlToText(source) {
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const { text } = collectText(doc);
  return text.split('\n\n')
    .map((block) => block.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, ''))
    .filter(Boolean)
    .join('\n\n');
}
