// Surligneur's DOM highlighting: the text of a DOM subtree, marks over offsets into that
// text, and back to the page exactly as it was. One module for the demo page and the
// extension; it knows nothing of scoring: the engine gives offsets, this layer only wraps.
//
//   import { collectText, markRanges, unmark } from './highlight.js';
//   const collected = collectText(document.body);        // {text, segments}
//   const spans = analyzer.analyze(collected.text).spans;  // UTF-16 offsets into text
//   markRanges(collected, spans, (span) => {
//     const mark = document.createElement(MARK_TAG);
//     mark.setAttribute(MARK_ATTR, span.category);
//     return mark;
//   });
//   unmark(document.body);                                 // the DOM is as before
//
// Like mark.js and findAndReplaceDOMText: text nodes are mapped to offsets once
// (collectText), ranges are wrapped with splitText (markRanges), wrappers carry a data
// attribute and are unwrapped by unmark, which merges back the text nodes it split.
// Block boundaries become "\n\n" in the text and no mark ever crosses one.

/** Tag name of the elements made by the callers' `makeMark` (a suggestion; any element works). */
export const MARK_TAG = 'surligneur-mark';
/** Data attribute every mark carries; markRanges adds it (empty) when makeMark did not. */
export const MARK_ATTR = 'data-surligneur';
/** What collectText puts in the text at a block boundary. */
export const BLOCK_BREAK = '\n\n';

/**
 * A text node and the offsets its data occupies in the collected text.
 * @typedef {{start: number, end: number, node: Text}} Segment
 */
/**
 * The visible text of a subtree and where each piece of it lives.
 * `text.slice(s.start, s.end) === s.node.data` for every segment; between two segments
 * that are not contiguous lies a block break.
 * @typedef {{text: string, segments: Segment[]}} Collected
 */
/**
 * A half-open range of UTF-16 offsets into `Collected.text`; extra fields (category,
 * weight…) are passed through to `makeMark`.
 * @typedef {{start: number, end: number}} Range
 */

// Never rendered as text: skipped without a boundary.
const GONE = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base',
]);
// Rendered but not prose (code, form fields, embedded objects): skipped, and a boundary so
// that no match bridges over them.
const OPAQUE = new Set([
  'textarea', 'input', 'select', 'option', 'datalist', 'button', 'code', 'pre', 'kbd',
  'samp', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
]);
// Block-level when no computed style is available (detached trees, DOMParser documents).
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details',
  'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main',
  'menu', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul',
]);

const SKIP_GONE = 0;
const SKIP_OPAQUE = 1;
const IS_BLOCK = 2;
const IS_INLINE = 3;

/**
 * How collectText treats an element.
 * @param {Element} el
 * @param {Window | null} view
 * @returns {number}
 */
function classify(el, view) {
  const tag = el.localName;
  if (GONE.has(tag) || el.hasAttribute('hidden')) return SKIP_GONE;
  if (tag === 'br') return IS_BLOCK;
  if (OPAQUE.has(tag)) return SKIP_OPAQUE;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return SKIP_OPAQUE;
  const display = view && el.isConnected ? view.getComputedStyle(el).display : '';
  if (display === 'none') return SKIP_GONE;
  if (display === '') return BLOCK.has(tag) ? IS_BLOCK : IS_INLINE;
  return display === 'inline' || display === 'contents' || display.startsWith('inline')
    || display.startsWith('ruby') ? IS_INLINE : IS_BLOCK;
}

/**
 * The visible text of `root`, with the text node behind each piece.
 *
 * Block-level boundaries (p, div, li, h1–h6, br, td, section, article…, or any element
 * whose computed display is not inline) become "\n\n", so an engine match never crosses a
 * block. Skipped: script, style, noscript, template, textarea, input, select, button,
 * code, pre, svg, iframe…, [contenteditable] zones, [hidden] and display:none elements.
 * Marks made by markRanges are transparent: their text is collected as if they were not
 * there, so collecting a marked page gives the same text as before marking.
 *
 * @param {Node} root an element, a document (its body is used) or a text node
 * @returns {Collected}
 */
export function collectText(root) {
  const start = root.nodeType === 9 ? (root.body ?? root.documentElement) : root;
  /** @type {Segment[]} */
  const segments = [];
  /** @type {string[]} */
  const parts = [];
  let length = 0;
  let atBreak = true;
  if (!start) return { text: '', segments };
  const view = start.ownerDocument?.defaultView ?? null;

  const brk = () => {
    if (!atBreak) {
      parts.push(BLOCK_BREAK);
      length += BLOCK_BREAK.length;
      atBreak = true;
    }
  };
  const addText = (node) => {
    const data = node.data;
    if (!data) return;
    segments.push({ start: length, end: length + data.length, node });
    parts.push(data);
    length += data.length;
    atBreak = false;
  };
  /** @param {Node} parent */
  const visit = (parent) => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        addText(/** @type {Text} */ (child));
      } else if (child.nodeType === 1) {
        const el = /** @type {Element} */ (child);
        if (el.hasAttribute(MARK_ATTR)) {
          visit(el);
          continue;
        }
        const kind = classify(el, view);
        if (kind === SKIP_GONE) continue;
        if (kind === SKIP_OPAQUE) {
          brk();
          continue;
        }
        if (kind === IS_BLOCK) brk();
        visit(el);
        if (kind === IS_BLOCK) brk();
      }
    }
  };

  if (start.nodeType === 3) addText(/** @type {Text} */ (start));
  else visit(start);
  let text = parts.join('');
  // No trailing break: the text ends with the last text node.
  if (atBreak && text.endsWith(BLOCK_BREAK)) text = text.slice(0, -BLOCK_BREAK.length);
  return { text, segments };
}

/**
 * Index of the first segment whose end is after `offset`.
 * @param {Segment[]} segments
 * @param {number} offset
 */
function firstSegmentAfter(segments, offset) {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Wrap each range of `collected.text` in elements made by `makeMark`.
 *
 * Text nodes are split with splitText; a range that crosses inline elements
 * (`la <b>guerre</b> totale`) is wrapped piece by piece, one fresh element per text node.
 * Refused (skipped, nothing created): zero-length or out-of-bounds ranges, ranges that
 * overlap the previous one, ranges that cross a block boundary or a skipped zone, and
 * ranges whose text nodes were changed or removed since collectText.
 * `collected.segments` is updated to the split nodes, so the same `collected` can be
 * passed again (e.g. the next batch of ranges of a long page).
 *
 * @template {Range} R
 * @param {Collected} collected from collectText, on a DOM not changed since
 * @param {R[]} ranges sorted by start, non-overlapping
 * @param {(range: R) => Element} makeMark a fresh element for each piece
 * @returns {Element[]} the created elements, in document order
 */
export function markRanges(collected, ranges, makeMark) {
  const { segments } = collected;
  const textLength = collected.text.length;
  /** @type {Map<number, Segment[]>} the pieces carved out of segment i, in order */
  const carved = new Map();
  /** @type {Element[][]} */
  const createdPerRange = [];

  // Keep only well-formed, non-overlapping ranges in order.
  /** @type {R[]} */
  const accepted = [];
  let lastEnd = 0;
  for (const range of ranges) {
    const { start, end } = range;
    if (!(Number.isInteger(start) && Number.isInteger(end))) continue;
    if (start < lastEnd || end <= start || end > textLength) continue;
    accepted.push(range);
    lastEnd = end;
  }

  // From the last range to the first: splitting a node keeps its head in place, so the
  // segments of earlier ranges stay valid.
  for (let r = accepted.length - 1; r >= 0; r--) {
    const range = accepted[r];
    const { start, end } = range;
    const first = firstSegmentAfter(segments, start);
    if (first >= segments.length || segments[first].start > start) continue; // starts in a break
    let last = first;
    let covered = true;
    while (segments[last].end < end) {
      const next = segments[last + 1];
      if (!next || next.start !== segments[last].end) {
        covered = false; // a block break or a skipped zone lies inside the range
        break;
      }
      last++;
    }
    if (!covered) continue;
    // The page may have changed since collectText (marking a long page in batches):
    // a range whose text nodes were edited or removed meanwhile is skipped.
    let intact = true;
    for (let i = first; i <= last; i++) {
      const { node, start: s, end: e } = segments[i];
      if (!node.parentNode || node.data.length !== e - s) intact = false;
    }
    if (!intact) continue;

    /** @type {Element[]} */
    const created = [];
    for (let i = last; i >= first; i--) {
      const seg = segments[i];
      const a = Math.max(start, seg.start) - seg.start;
      const b = Math.min(end, seg.end) - seg.start;
      if (b <= a) continue;
      const node = seg.node;
      const parent = /** @type {Node} */ (node.parentNode);
      /** @type {Segment[]} */
      const pieces = [];
      if (b < node.data.length) {
        pieces.push({ start: seg.start + b, end: seg.end, node: node.splitText(b) });
      }
      let middle = node;
      if (a > 0) {
        middle = node.splitText(a);
        pieces.unshift({ start: seg.start + a, end: seg.start + b, node: middle });
        seg.end = seg.start + a;
      } else {
        seg.end = seg.start + b;
      }
      const mark = makeMark(range);
      if (!mark.hasAttribute(MARK_ATTR)) mark.setAttribute(MARK_ATTR, '');
      parent.insertBefore(mark, middle);
      mark.appendChild(middle);
      created.push(mark);
      if (pieces.length) carved.set(i, pieces.concat(carved.get(i) ?? []));
    }
    created.reverse();
    createdPerRange.push(created);
  }

  if (carved.size) {
    /** @type {Segment[]} */
    const updated = [];
    for (let i = 0; i < segments.length; i++) {
      updated.push(segments[i]);
      const pieces = carved.get(i);
      if (pieces) for (const piece of pieces) updated.push(piece);
    }
    collected.segments = updated;
  }
  return createdPerRange.reverse().flat();
}

/**
 * Merge text node `b` into `a` when they are adjacent text nodes; returns the survivor.
 * @param {Node | null} a
 * @param {Node | null} b
 */
function join(a, b) {
  if (a && b && a.nodeType === 3 && b.nodeType === 3 && a.nextSibling === b) {
    /** @type {Text} */ (a).appendData(/** @type {Text} */ (b).data);
    b.parentNode?.removeChild(b);
    return a;
  }
  return b;
}

/**
 * Remove every mark made by markRanges under `root` (elements carrying MARK_ATTR) and
 * merge back the text nodes they split (a normalize() limited to the marks' seams, so the
 * page's own text nodes elsewhere are left alone). Afterwards `root.innerHTML` is byte
 * for byte what it was before marking, and the page's original text nodes are still the
 * same objects (the head of each split node absorbed the rest).
 *
 * @param {Node} root an element or a document
 * @returns {number} how many marks were removed
 */
export function unmark(root) {
  const scope = /** @type {ParentNode} */ (root.nodeType === 9 ? root : root);
  const marks = scope.querySelectorAll(`[${MARK_ATTR}]`);
  let removed = 0;
  // Inner marks first, so nested marks (marking a marked tree twice) unwrap cleanly.
  for (let i = marks.length - 1; i >= 0; i--) {
    const mark = marks[i];
    const parent = mark.parentNode;
    if (!parent) continue;
    const before = mark.previousSibling;
    const after = mark.nextSibling;
    const first = mark.firstChild;
    const last = mark.lastChild;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    removed++;
    if (!first) {
      join(before, after);
      continue;
    }
    const survivor = join(before, first);
    join(first === last ? survivor : last, after);
  }
  return removed;
}
