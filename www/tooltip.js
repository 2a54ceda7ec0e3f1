// The tooltip of a mark: why it is highlighted. Shown on hover and on keyboard focus (or a
// tap, which focuses), kept while the pointer is over it, closed by Escape (WCAG 1.4.13).
// Built with createElement and textContent only: the span's text is the reader's.
import { number, signedNumber, modifierLabel, looseKey } from './fr.js';

/** @typedef {import('./pkg/surligneur.js').Span} Span */

const HIDE_DELAY_MS = 200;

export class Tooltip {
  /**
   * @param {HTMLElement} element the (hidden) role="tooltip" element
   * @param {import('./rendering.js').Rendering} rendering
   * @param {(id: string) => string} labelOf the French label of a category id
   */
  constructor(element, rendering, labelOf) {
    this.element = element;
    this.rendering = rendering;
    this.labelOf = labelOf;
    /** @type {HTMLElement | null} */
    this.anchor = null;
    this.hideTimer = 0;

    const container = rendering.container;
    container.addEventListener('mouseover', (event) => {
      const mark = rendering.markAt(event.target);
      if (mark) this.show(mark);
    });
    container.addEventListener('mouseout', (event) => {
      const to = /** @type {Node | null} */ (event.relatedTarget);
      if (this.anchor && !(to && (this.anchor.contains(to) || element.contains(to)))) this.hideSoon();
    });
    container.addEventListener('focusin', (event) => {
      const mark = rendering.markAt(event.target);
      if (mark) this.show(mark);
    });
    container.addEventListener('focusout', (event) => {
      if (rendering.markAt(event.relatedTarget) === null) this.hide();
    });
    element.addEventListener('mouseenter', () => clearTimeout(this.hideTimer));
    element.addEventListener('mouseleave', (event) => {
      const to = /** @type {Node | null} */ (event.relatedTarget);
      if (!(to && this.anchor?.contains(to))) this.hideSoon();
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.anchor) this.hide();
    });
    addEventListener('scroll', () => this.place(), { capture: true, passive: true });
    addEventListener('resize', () => this.place(), { passive: true });
  }

  /** @param {HTMLElement} mark */
  show(mark) {
    clearTimeout(this.hideTimer);
    const span = this.rendering.spanOf(mark);
    if (!span) return;
    if (this.anchor !== mark) {
      this.anchor?.removeAttribute('aria-describedby');
      this.anchor = mark;
      this.fill(span);
      mark.setAttribute('aria-describedby', this.element.id);
    }
    this.element.hidden = false;
    this.place();
  }

  hideSoon() {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.hide(), HIDE_DELAY_MS);
  }

  hide() {
    clearTimeout(this.hideTimer);
    this.anchor?.removeAttribute('aria-describedby');
    this.anchor = null;
    this.element.hidden = true;
  }

  /** After a new rendering: close if the anchor is gone, else show its span as it is now. */
  reset() {
    if (!this.anchor) return;
    const span = this.anchor.isConnected ? this.rendering.spanOf(this.anchor) : null;
    if (!span) {
      this.hide();
      return;
    }
    this.fill(span);
    this.place();
  }

  /** @param {Span} span */
  fill(span) {
    const el = this.element;
    el.replaceChildren();
    el.dataset.categorie = span.category;

    const head = add(el, 'p', 'infobulle-categorie');
    add(head, 'span', 'pastille').setAttribute('aria-hidden', 'true');
    head.append(this.labelOf(span.category));

    const what = add(el, 'p', 'infobulle-terme');
    what.append('« ');
    add(what, 'strong').textContent = span.text;
    what.append(' »');
    if (looseKey(span.term) !== looseKey(span.text)) {
      what.append(' — entrée ');
      add(what, 'em').textContent = span.term;
    }

    const facts = add(el, 'dl', 'infobulle-faits');
    fact(facts, 'Poids', number(span.weight));
    if (span.valence) fact(facts, 'Tonalité', `${signedNumber(span.valence)} (de −4 à +4)`);
    if (span.negated) fact(facts, 'Nié', 'oui');

    if (span.modifiers.length) {
      const list = add(el, 'ul', 'infobulle-modificateurs');
      list.setAttribute('aria-label', 'Modificateurs');
      for (const m of span.modifiers) {
        const item = add(list, 'li');
        item.dataset.kind = m.kind;
        item.textContent = `${modifierLabel(m.kind)}${cue(m)} ×${number(m.factor)}`;
      }
    }

    add(el, 'p', 'infobulle-explication').textContent = entryExplanation(span);
    if (span.alternative) {
      const alt = add(el, 'p', 'infobulle-alternative');
      alt.append('Alternative neutre : ');
      add(alt, 'strong').textContent = span.alternative;
    }
  }

  /** Put the tooltip under its anchor (above when there is no room), inside the viewport. */
  place() {
    if (!this.anchor || this.element.hidden) return;
    if (!this.anchor.isConnected) {
      this.hide();
      return;
    }
    const rect = this.anchor.getClientRects()[0] ?? this.anchor.getBoundingClientRect();
    const el = this.element;
    const gap = 6;
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    let left = Math.min(rect.left, innerWidth - width - 8);
    left = Math.max(8, left);
    let top = rect.bottom + gap;
    if (top + height > innerHeight - 8 && rect.top - gap - height >= 8) top = rect.top - gap - height;
    el.style.left = `${Math.round(left)}px`;
    el.style.top = `${Math.round(top)}px`;
  }
}

/**
 * How a modifier's cue is shown after its name: a word of the text in quotes (« très »),
 * the rank of a repetition as it is, nothing for scare quotes (the cue is the quote mark).
 * @param {{kind: string, cue: string}} m
 */
function cue(m) {
  if (!m.cue || m.kind === 'scare_quotes') return '';
  return m.kind === 'repetition' ? ` (${m.cue})` : ` (« ${m.cue} »)`;
}

/**
 * The engine's explanation without the modifiers it appends (« … ; intensifié par « très »
 * ×1.5 »): the tooltip lists them above, in French numbers.
 * @param {Span} span
 */
function entryExplanation(span) {
  const parts = span.explanation.split(' ; ');
  let kept = parts.length;
  while (kept > 1 && parts.length - kept < span.modifiers.length && /×[\d.]+$/.test(parts[kept - 1])) kept--;
  return parts.slice(0, kept).join(' ; ');
}

/**
 * @param {Node} parent
 * @param {string} tag
 * @param {string} [className]
 */
function add(parent, tag, className) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  parent.appendChild(el);
  return el;
}

function fact(list, name, value) {
  add(list, 'dt').textContent = name;
  add(list, 'dd').textContent = value;
}
