// The highlighted text: the reader's text put in a container as text (never as HTML),
// then one focusable <mark> per span through the shared highlighter (markRanges). It also
// finds a stretch of text on screen, to scroll to a sentence and outline it.
//
// The text is shown as one block per paragraph (cut after each blank line), each block one
// text node set with textContent. The blocks' texts, end to end, are exactly the text, and
// under `white-space: pre-wrap` they look exactly like one text node would. This keeps a
// long text fluid while typing:
// - a block whose text and marks did not change is left as it is (typing touches one
//   paragraph, so one block is redone);
// - blocks are put in lots (of 64 paragraphs, more past MAX_LOTS lots), styled
//   `content-visibility: auto`: the browser lays out only the lots on screen, and
//   remembers the size of the others, so the scroll position holds. Lots, not blocks:
//   Chromium's cost for these boxes grows with the square of their number while the focus
//   is elsewhere (in the textarea), and a box per paragraph froze the page for 10 s on a
//   1 MB text of 12,000 paragraphs.
import { markRanges, MARK_ATTR } from './highlight.js';

/** @typedef {import('./pkg/surligneur.js').Span} Span */
/** @typedef {{start: number, end: number}} Stretch */

/** Name of the CSS custom highlight that outlines the sentence scrolled to. */
const SENTENCE_HIGHLIGHT = 'surligneur-phrase';

/** Paragraphs (blocks) per lot, the boxes the browser may leave unlaid out off screen. */
const PARAGRAPHS_PER_LOT = 64;
/**
 * Most lots: a longer text has bigger lots (all regrouped when their size changes). The
 * layout of a text of 66,000 short paragraphs takes 0.3 s in 64 lots, 0.8 s in 256.
 */
const MAX_LOTS = 64;

/** How strong a span looks: 1 (light) to 3 (heavy), from its weight after modifiers. */
export function strength(weight) {
  if (weight >= 2) return 3;
  if (weight >= 1) return 2;
  return 1;
}

/**
 * The text cut after each run of blank lines: `"a\n\nb"` → `["a\n\n", "b"]`. Every
 * piece is non-empty and the pieces put end to end are the text.
 * @param {string} text
 */
export function paragraphs(text) {
  return text ? text.split(/(?<=\n[ \t]*\n)(?=[ \t]*\S)/) : [];
}

export class Rendering {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
    /** @type {Span[]} the spans of the analysis shown (all of them, hidden or not) */
    this.spans = [];
    /** @type {WeakMap<Element, string>} what each block shows (text and marks) */
    this.shown = new WeakMap();
    this.flashTimer = 0;
  }

  /**
   * Show `text` with a mark over each span whose category is not hidden. Each mark has
   * `data-index`, the index of its span from the first span of its block (`data-base`).
   * @param {string} text
   * @param {Span[]} spans sorted, non-overlapping, UTF-16 offsets into `text`
   * @param {Set<string>} hidden category ids not to mark
   * @returns {number} how many spans are marked
   */
  show(text, spans, hidden) {
    const { container } = this;
    this.spans = spans;
    this.clearSentence();
    /** @type {Element | null} the lot of paragraph i */
    let lot = null;
    /** @type {Element | null} the block of paragraph i */
    let block = null;
    let offset = 0;
    let k = 0;
    let marked = 0;
    let i = 0;
    const parts = paragraphs(text);
    const perLot = Math.max(PARAGRAPHS_PER_LOT, Math.ceil(parts.length / MAX_LOTS));
    for (const part of parts) {
      const end = offset + part.length;
      const base = k;
      /** @type {(Span & {rel: number})[]} this block's spans, offsets into `part` */
      const mine = [];
      for (; k < spans.length && spans[k].start < end; k++) {
        const s = spans[k];
        if (!hidden.has(s.category)) mine.push({ ...s, start: s.start - offset, end: s.end - offset, rel: k - base });
      }
      const signature = `${part}\u0000${mine.map((s) => `${s.rel}:${s.start}:${s.end}:${s.category}:${strength(s.weight)}:${s.negated ? 1 : 0}`).join(',')}`;
      if (i % perLot === 0) {
        while (block?.nextElementSibling) block.nextElementSibling.remove(); // the last lot was bigger
        lot = (lot ? lot.nextElementSibling : container.firstElementChild) ?? container.appendChild(element('lot'));
        sizeLot(/** @type {HTMLElement} */ (lot), Math.min(perLot, parts.length - i));
        block = lot.firstElementChild ?? lot.appendChild(element('bloc'));
      } else {
        block = /** @type {Element} */ (block).nextElementSibling ?? /** @type {Element} */ (lot).appendChild(element('bloc'));
      }
      /** @type {HTMLElement} */ (block).dataset.base = String(base);
      if (this.shown.get(block) !== signature) {
        block.textContent = part;
        const node = /** @type {Text} */ (block.firstChild);
        markRanges({ text: part, segments: [{ start: 0, end: part.length, node }] }, mine, makeMark);
        this.shown.set(block, signature);
      }
      marked += mine.length;
      offset = end;
      i++;
    }
    // What the text no longer has: the blocks after the last one, the lots after its lot.
    while (block?.nextElementSibling) block.nextElementSibling.remove();
    if (lot) while (lot.nextElementSibling) lot.nextElementSibling.remove();
    else container.replaceChildren();
    return marked;
  }

  /**
   * The span behind a mark element, or null.
   * @param {Element | null} mark
   * @returns {Span | null}
   */
  spanOf(mark) {
    const rel = Number(mark?.getAttribute('data-index'));
    const base = Number(mark?.closest('.bloc')?.getAttribute('data-base'));
    return Number.isInteger(rel) && Number.isInteger(base) ? this.spans[base + rel] ?? null : null;
  }

  /**
   * The (first) mark element of span number `index`, or null when it is not marked.
   * @param {number} index
   * @returns {HTMLElement | null}
   */
  markOf(index) {
    const span = this.spans[index];
    for (const mark of this.container.querySelectorAll(`mark[${MARK_ATTR}]`)) {
      if (this.spanOf(mark) === span) return /** @type {HTMLElement} */ (mark);
    }
    return null;
  }

  /**
   * The mark element under (or at) `node`, within this rendering.
   * @param {EventTarget | null} node
   * @returns {HTMLElement | null}
   */
  markAt(node) {
    if (!(node instanceof Element)) return null;
    const mark = node.closest(`mark[${MARK_ATTR}]`);
    return mark && this.container.contains(mark) ? /** @type {HTMLElement} */ (mark) : null;
  }

  /**
   * A DOM range over `[start, end)` of the shown text, or null when out of bounds.
   * @param {number} start
   * @param {number} end
   */
  rangeOf(start, end) {
    const walker = document.createTreeWalker(this.container, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let offset = 0;
    let begun = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = /** @type {Text} */ (node);
      const next = offset + text.length;
      if (!begun && start < next) {
        range.setStart(text, start - offset);
        begun = true;
      }
      if (begun && end <= next) {
        range.setEnd(text, end - offset);
        return range;
      }
      offset = next;
    }
    return null;
  }

  /**
   * Scroll the container to a stretch of text (a sentence) and outline it for a moment.
   * @param {Stretch} stretch
   */
  showSentence({ start, end }) {
    const range = this.rangeOf(start, end);
    if (!range) return;
    const { container } = this;
    // The page itself scrolls when the container is off screen (phone layout).
    const frame = container.getBoundingClientRect();
    if (frame.top < 0 || frame.top > innerHeight * 0.6) container.scrollIntoView({ block: 'start' });
    // Paragraphs never shown have an estimated height until they are laid out: scroll,
    // let the browser lay out what is now on screen, and correct, until it holds still.
    const scroll = (tries) => {
      const box = range.getClientRects()[0] ?? range.getBoundingClientRect();
      const top = container.getBoundingClientRect().top;
      const delta = box.top - top - container.clientHeight / 3;
      if (Math.abs(delta) > 2) {
        const before = container.scrollTop;
        container.scrollTop = Math.max(0, before + delta);
        if (container.scrollTop !== before && tries > 0) requestAnimationFrame(() => scroll(tries - 1));
      }
    };
    scroll(5);
    this.clearSentence();
    const highlights = globalThis.CSS?.highlights;
    if (highlights && typeof Highlight === 'function') {
      highlights.set(SENTENCE_HIGHLIGHT, new Highlight(range));
      this.flashTimer = setTimeout(() => this.clearSentence(), 2500);
    }
  }

  clearSentence() {
    clearTimeout(this.flashTimer);
    globalThis.CSS?.highlights?.delete(SENTENCE_HIGHLIGHT);
  }
}

/**
 * The height a lot off screen is given until it is laid out: its paragraphs' at about two
 * lines each (the size the CSS gives a lot of 64). A lot of 900 paragraphs counted as 64
 * put the rendering at paragraph 4,700 of 60,000 when the textarea was at a quarter.
 * @param {HTMLElement} lot
 * @param {number} count its number of paragraphs
 */
function sizeLot(lot, count) {
  const size = count === PARAGRAPHS_PER_LOT ? '' : `auto ${(count * 3.7).toFixed(1)}em`;
  if (lot.style.containIntrinsicSize !== size) lot.style.containIntrinsicSize = size;
}

/** @param {string} className */
function element(className) {
  const div = document.createElement('div');
  div.className = className;
  return div;
}

/** @param {Span & {rel: number}} span */
function makeMark(span) {
  const mark = document.createElement('mark');
  mark.setAttribute(MARK_ATTR, span.category);
  mark.dataset.index = String(span.rel);
  mark.dataset.force = String(strength(span.weight));
  if (span.negated) mark.dataset.nie = '';
  mark.tabIndex = 0;
  return mark;
}
