// The strip of sentences: one cell per sentence, darker as the sentence is more charged.
// A cell brings its sentence into view in the highlighted text. One tab stop for the
// whole strip; the arrow keys, Home and End move between cells (a roving tabindex).
import { short } from './fr.js';

/** @typedef {import('./pkg/surligneur.js').Sentence & {first?: number, count?: number, total?: number}} Sentence */

const EXCERPT = 60;
/** Most cells shown: beyond, each cell stands for a few consecutive sentences. */
const MAX_CELLS = 400;

export class SentenceStrip {
  /**
   * @param {HTMLElement} element role="toolbar"
   * @param {(sentence: Sentence, index: number) => void} onChoose
   */
  constructor(element, onChoose) {
    this.element = element;
    this.onChoose = onChoose;
    /** @type {Sentence[]} */
    this.sentences = [];
    this.current = 0;
    element.addEventListener('click', (event) => {
      const cell = /** @type {Element} */ (event.target).closest?.('button[data-index]');
      if (cell) this.choose(Number(cell.getAttribute('data-index')));
    });
    element.addEventListener('keydown', (event) => this.key(event));
  }

  /**
   * @param {string} text
   * @param {Sentence[]} sentences
   */
  show(text, sentences) {
    if (sentences.length > MAX_CELLS) sentences = group(sentences, Math.ceil(sentences.length / MAX_CELLS));
    this.sentences = sentences;
    this.current = Math.min(this.current, Math.max(0, sentences.length - 1));
    let max = 1;
    for (const s of sentences) max = Math.max(max, s.charge);
    const cells = this.element.children;
    sentences.forEach((sentence, i) => {
      let cell = /** @type {HTMLButtonElement | undefined} */ (cells[i]);
      if (!cell) {
        cell = document.createElement('button');
        cell.type = 'button';
        cell.className = 'phrase';
        cell.dataset.index = String(i);
        this.element.append(cell);
      }
      cell.tabIndex = i === this.current ? 0 : -1;
      // The colour follows the charge on the 0–100 scale, scaled up for texts that stay low.
      cell.style.setProperty('--intensite', String(Math.min(1, sentence.charge / Math.max(25, max))));
      cell.toggleAttribute('data-neutre', sentence.charge === 0);
      const excerpt = oneLine(text.slice(sentence.start, Math.min(sentence.end, sentence.start + 4 * EXCERPT)));
      const which = sentence.count > 1
        ? `Phrases ${sentence.first + 1} à ${sentence.first + sentence.count}`
        : `Phrase ${(sentence.first ?? i) + 1} sur ${sentence.total ?? sentences.length}`;
      const label = `${which}, charge ${short(sentence.charge)} : ${excerpt}`;
      if (cell.title !== label) {
        cell.setAttribute('aria-label', label);
        cell.title = label;
      }
    });
    while (cells.length > sentences.length) /** @type {Element} */ (this.element.lastElementChild).remove();
    this.element.hidden = sentences.length === 0;
  }

  /** @param {number} index */
  choose(index) {
    const sentence = this.sentences[index];
    if (!sentence) return;
    this.focus(index, false);
    this.onChoose(sentence, index);
  }

  /**
   * @param {number} index
   * @param {boolean} move whether to move the keyboard focus there
   */
  focus(index, move) {
    const cells = this.element.children;
    if (!cells.length) return;
    const i = Math.max(0, Math.min(cells.length - 1, index));
    /** @type {HTMLElement} */ (cells[this.current])?.setAttribute('tabindex', '-1');
    const cell = /** @type {HTMLElement} */ (cells[i]);
    cell.tabIndex = 0;
    this.current = i;
    if (move) cell.focus();
  }

  /** @param {KeyboardEvent} event */
  key(event) {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    let to = null;
    if (step) to = this.current + step;
    else if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = this.sentences.length - 1;
    if (to === null) return;
    event.preventDefault();
    this.focus(to, true);
  }
}

/**
 * Consecutive sentences by `size`: each group spans them and has the highest charge.
 * @param {Sentence[]} sentences
 * @param {number} size
 * @returns {(Sentence & {first: number, count: number, total: number})[]}
 */
function group(sentences, size) {
  const out = [];
  for (let i = 0; i < sentences.length; i += size) {
    const part = sentences.slice(i, i + size);
    out.push({
      ...part[0],
      end: part[part.length - 1].end,
      charge: Math.max(...part.map((s) => s.charge)),
      first: i,
      count: part.length,
      total: sentences.length,
    });
  }
  return out;
}

/** A sentence on one line, cut to about EXCERPT characters. */
function oneLine(s) {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}
