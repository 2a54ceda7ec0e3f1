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
// (collectText), text nodes are split at the ranges and the pieces wrapped (markRanges),
// wrappers carry a data attribute and are unwrapped by unmark, which merges back the text
// nodes it split. Block boundaries become "\n\n" in the text and no mark ever crosses
// one. Not traversed: shadow roots and iframes.

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
export const GONE = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base',
]);
// Rendered but not prose (code, form fields, embedded objects, a site's menus): skipped,
// and a boundary so that no match bridges over them.
export const OPAQUE = new Set([
  'textarea', 'input', 'select', 'option', 'datalist', 'button', 'code', 'pre', 'kbd',
  'samp', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'nav',
]);
// What collectText skips, as a selector, for an element met outside its walk (content
// added to a page, whose ancestors it does not see): the two sets above, the hidden,
// the menus, the editable zones and what the page says is in another language (below
// <body>, as collectText reads it: many French sites' templates declare lang="en").
// `display: none` is not in it (no selector says it).
export const SKIPPED_SELECTOR = [...GONE, ...OPAQUE, '[hidden]', '[role="navigation"]',
  '[contenteditable]:not([contenteditable="false" i])',
  '[lang]:not(html):not(body):not([lang=""]):not([lang|="fr" i])'].join(',');
// Block-level when no computed style is available (detached trees, DOMParser documents).
export const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details',
  'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main',
  'menu', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
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
  if (OPAQUE.has(tag) || el.getAttribute('role') === 'navigation') return SKIP_OPAQUE;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return SKIP_OPAQUE;
  // Another language, by the page's own word (an embedded post, a quote: `lang="en"`):
  // its words are no French rhetoric, even those that look French (« regime »).
  const lang = el.getAttribute('lang');
  if (lang && !/^fr(-|$)/i.test(lang)) return SKIP_OPAQUE;
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
 * code, pre, svg, iframe…, a site's menus (nav, [role=navigation]), [contenteditable]
 * zones, elements in another language (a `lang` other than fr, fr-CA…), [hidden] and
 * display:none elements.
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
 * Text nodes are split (as splitText would, but each piece of text is copied once, so a
 * node with a thousand ranges costs no more than its length); the head of a split node
 * stays the original node. A range that crosses inline elements (`la <b>guerre</b>
 * totale`) is wrapped piece by piece, one fresh element per text node.
 * Refused (skipped, nothing created): zero-length or out-of-bounds ranges, ranges that
 * overlap the previous one, ranges that cross a block boundary or a skipped zone, and
 * ranges whose text nodes were removed or changed length since collectText.
 * `collected.segments` is updated to the split nodes, so the same `collected` can be
 * passed again (e.g. the next batch of ranges of a long page).
 *
 * @template {Range} R
 * @param {Collected} collected from collectText, on a DOM not changed since
 * @param {R[]} ranges sorted by start, non-overlapping
 * @param {(range: R) => Element} makeMark a fresh element for each piece, called in
 *   document order
 * @returns {Element[]} the created elements, in document order
 */
export function markRanges(collected, ranges, makeMark) {
  const { segments } = collected;
  const textLength = collected.text.length;
  /** @type {Map<number, {a: number, b: number, range: R}[]>} pieces per segment index */
  const pieces = new Map();

  let lastEnd = 0;
  for (const range of ranges) {
    const { start, end } = range;
    if (!(Number.isInteger(start) && Number.isInteger(end))) continue;
    if (start < lastEnd || end <= start || end > textLength) continue;
    const first = firstSegmentAfter(segments, start);
    if (first >= segments.length || segments[first].start > start) continue; // starts in a break
    let last = first;
    let ok = true;
    while (segments[last].end < end) {
      const next = segments[last + 1];
      if (!next || next.start !== segments[last].end) {
        ok = false; // a block break or a skipped zone lies inside the range
        break;
      }
      last++;
    }
    // The page may have changed since collectText (marking a long page in batches): a
    // range whose text nodes were removed or changed length meanwhile is skipped.
    for (let i = first; ok && i <= last; i++) {
      const { node, start: s, end: e } = segments[i];
      if (!node.parentNode || node.data.length !== e - s) ok = false;
    }
    if (!ok) continue;
    lastEnd = end;
    for (let i = first; i <= last; i++) {
      const seg = segments[i];
      const a = Math.max(start, seg.start) - seg.start;
      const b = Math.min(end, seg.end) - seg.start;
      let list = pieces.get(i);
      if (!list) pieces.set(i, (list = []));
      list.push({ a, b, range });
    }
  }
  if (!pieces.size) return [];

  /** @type {Element[]} */
  const created = [];
  /** @type {Segment[]} */
  const updated = [];
  for (let i = 0; i < segments.length; i++) {
    const list = pieces.get(i);
    if (list) wrapPieces(segments[i], list, makeMark, created, updated);
    else updated.push(segments[i]);
  }
  collected.segments = updated;
  return created;
}

/**
 * Wrap `list` (sorted, non-overlapping offsets into `seg.node`) in marks; push the marks
 * to `created` and the resulting text nodes to `out`, in order.
 * @template R
 * @param {Segment} seg
 * @param {{a: number, b: number, range: R}[]} list
 * @param {(range: R) => Element} makeMark
 * @param {Element[]} created
 * @param {Segment[]} out
 */
function wrapPieces(seg, list, makeMark, created, out) {
  const node = seg.node;
  const parent = /** @type {Node} */ (node.parentNode);
  const doc = /** @type {Document} */ (node.ownerDocument);
  const data = node.data;
  const fresh = (range) => {
    const mark = makeMark(range);
    if (!mark.hasAttribute(MARK_ATTR)) mark.setAttribute(MARK_ATTR, '');
    created.push(mark);
    return mark;
  };
  const piece = (from, to) => {
    const text = doc.createTextNode(data.slice(from, to));
    out.push({ start: seg.start + from, end: seg.start + to, node: text });
    return text;
  };
  // The original node keeps the head: the text before the first piece, or the first
  // piece itself (then wrapped in place).
  const first = list[0];
  const wrapsHead = first.a === 0;
  const headEnd = wrapsHead ? first.b : first.a;
  out.push({ start: seg.start, end: seg.start + headEnd, node });
  const headMark = wrapsHead ? fresh(first.range) : null;
  const rest = doc.createDocumentFragment();
  let pos = headEnd;
  for (let k = wrapsHead ? 1 : 0; k < list.length; k++) {
    const { a, b, range } = list[k];
    if (a > pos) rest.appendChild(piece(pos, a));
    const mark = fresh(range);
    mark.appendChild(piece(a, b));
    rest.appendChild(mark);
    pos = b;
  }
  if (pos < data.length) rest.appendChild(piece(pos, data.length));
  if (headEnd < data.length) node.data = data.slice(0, headEnd);
  parent.insertBefore(rest, node.nextSibling);
  if (headMark) {
    parent.insertBefore(headMark, node);
    headMark.appendChild(node);
  }
}

/**
 * Remove every mark made by markRanges under `root` (elements carrying MARK_ATTR) and
 * merge back the text nodes they split (a normalize() limited to the marks' seams, so the
 * page's own text nodes elsewhere are left alone). Afterwards `root.innerHTML` is byte
 * for byte what it was before marking, and the page's original text nodes are still the
 * same objects (the head of each split node absorbs the rest, in one copy).
 *
 * @param {Node} root an element or a document
 * @param {string} [selector] which marks, when several highlighters share a page (the
 *   extension removes only its own `surligneur-mark` elements); every mark by default
 * @returns {number} how many marks were removed
 */
export function unmark(root, selector = `[${MARK_ATTR}]`) {
  const marks = /** @type {ParentNode} */ (root).querySelectorAll(selector);
  /** @type {Set<Node>} text nodes to merge with their next sibling */
  const seams = new Set();
  const seam = (a, b) => {
    if (a && b && a.nodeType === 3 && b.nodeType === 3) seams.add(a);
  };
  let removed = 0;
  // Inner and later marks first: when a mark is unwrapped, what follows it is final.
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
    if (first) {
      seam(before, first);
      seam(last, after);
    } else {
      seam(before, after);
    }
  }
  // Merge each run of seamed text nodes into its first node, with one copy of the text.
  for (const head of seams) {
    const previous = head.previousSibling;
    if (previous && seams.has(previous) && previous.nodeType === 3) continue; // not a run's head
    const parts = [/** @type {Text} */ (head).data];
    const drop = [];
    let node = head;
    while (seams.has(node) && node.nextSibling?.nodeType === 3) {
      node = /** @type {Text} */ (node.nextSibling);
      parts.push(node.data);
      drop.push(node);
    }
    if (!drop.length) continue;
    /** @type {Text} */ (head).data = parts.join('');
    for (const extra of drop) extra.parentNode?.removeChild(extra);
  }
  return removed;
}
