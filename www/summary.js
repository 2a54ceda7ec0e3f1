// The summary panel: the text's charge as a gauge, its polarity, a bar per category and
// the most frequent terms. Everything is drawn with createElement(NS) and textContent.
import { number, short, withSign, chargeWord, polarityWord, plural } from './fr.js';

/** @typedef {import('./pkg/surligneur.js').Analysis} Analysis */
/** @typedef {import('./pkg/surligneur.js').CategoryInfo} CategoryInfo */

const SVG = 'http://www.w3.org/2000/svg';
const TOP_TERMS = 8;

export class Summary {
  /**
   * @param {{gauge: HTMLElement, polarity: HTMLElement, table: HTMLTableElement, terms: HTMLOListElement}} elements
   * @param {CategoryInfo[]} categories
   * @param {(term: string) => void} onTerm called when a frequent term is chosen
   */
  constructor(elements, categories, onTerm) {
    this.el = elements;
    this.categories = categories;
    this.onTerm = onTerm;
    this.buildGauge();
    this.buildPolarity();
    this.buildTable();
    this.show(null, new Set());
  }

  buildGauge() {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 120 68');
    svg.setAttribute('aria-hidden', 'true');
    const arc = 'M10 60 A50 50 0 0 1 110 60';
    const track = document.createElementNS(SVG, 'path');
    track.setAttribute('d', arc);
    track.setAttribute('class', 'jauge-fond');
    const value = document.createElementNS(SVG, 'path');
    value.setAttribute('d', arc);
    value.setAttribute('pathLength', '100');
    value.setAttribute('class', 'jauge-valeur');
    svg.append(track, value);
    const figure = document.createElement('div');
    figure.className = 'jauge-chiffre';
    const big = document.createElement('span');
    big.className = 'jauge-nombre';
    const word = document.createElement('span');
    word.className = 'jauge-mot';
    figure.append(big, word);
    this.el.gauge.setAttribute('role', 'meter');
    this.el.gauge.setAttribute('aria-label', 'Charge du texte');
    this.el.gauge.setAttribute('aria-valuemin', '0');
    this.el.gauge.setAttribute('aria-valuemax', '100');
    this.el.gauge.replaceChildren(svg, figure);
    this.gauge = { value, big, word };
  }

  buildPolarity() {
    const track = document.createElement('div');
    track.className = 'polarite-piste';
    const marker = document.createElement('div');
    marker.className = 'polarite-curseur';
    track.append(marker);
    const ends = document.createElement('div');
    ends.className = 'polarite-bornes';
    ends.setAttribute('aria-hidden', 'true');
    for (const t of ['−1', '0', '+1']) {
      const s = document.createElement('span');
      s.textContent = t;
      ends.append(s);
    }
    const value = document.createElement('p');
    value.className = 'polarite-valeur';
    this.el.polarity.setAttribute('role', 'meter');
    this.el.polarity.setAttribute('aria-label', 'Tonalité');
    this.el.polarity.setAttribute('aria-valuemin', '-1');
    this.el.polarity.setAttribute('aria-valuemax', '1');
    this.el.polarity.replaceChildren(value, track, ends);
    this.polarity = { marker, value };
  }

  buildTable() {
    const body = this.el.table.tBodies[0];
    body.replaceChildren();
    /** @type {Map<string, {row: HTMLTableRowElement, bar: HTMLElement, weight: HTMLElement, count: HTMLElement}>} */
    this.rows = new Map();
    for (const { id, label } of this.categories) {
      const row = body.insertRow();
      row.dataset.categorie = id;
      const name = document.createElement('th');
      name.scope = 'row';
      const swatch = document.createElement('span');
      swatch.className = 'pastille';
      swatch.setAttribute('aria-hidden', 'true');
      name.append(swatch, label);
      const barCell = row.insertCell();
      const track = document.createElement('div');
      track.className = 'barre-piste';
      const bar = document.createElement('div');
      bar.className = 'barre-valeur';
      track.append(bar);
      const weight = document.createElement('span');
      weight.className = 'barre-poids';
      const line = document.createElement('div');
      line.className = 'barre-ligne';
      line.append(track, weight);
      barCell.append(line);
      row.prepend(name);
      const count = row.insertCell();
      count.className = 'nombre';
      this.rows.set(id, { row, bar, weight, count });
    }
  }

  /**
   * @param {Analysis | null} analysis null when there is no text
   * @param {Set<string>} hidden categories hidden in the legend (dimmed here)
   */
  show(analysis, hidden) {
    const charge = analysis?.summary.charge ?? 0;
    const polarity = analysis?.summary.polarity ?? 0;

    const rounded = Math.round(charge);
    this.gauge.value.setAttribute('stroke-dasharray', `${Math.min(100, Math.max(0, charge))} 100`);
    this.gauge.value.dataset.niveau = chargeWord(charge);
    this.gauge.big.textContent = String(rounded);
    this.gauge.word.textContent = analysis ? chargeWord(charge) : '—';
    this.el.gauge.setAttribute('aria-valuenow', String(rounded));
    this.el.gauge.setAttribute('aria-valuetext', `${rounded} sur 100, ${chargeWord(charge)}`);

    this.polarity.marker.style.left = `${((polarity + 1) / 2) * 100}%`;
    this.polarity.value.textContent = analysis ? `${withSign(polarity)} · ${polarityWord(polarity)}` : '—';
    this.el.polarity.setAttribute('aria-valuenow', String(polarity));
    this.el.polarity.setAttribute('aria-valuetext', `${withSign(polarity)}, ${polarityWord(polarity)}`);

    const stats = analysis?.summary.categories ?? {};
    const max = Math.max(1e-9, ...Object.values(stats).map((s) => s.weight));
    for (const [id, { row, bar, weight, count }] of this.rows) {
      const s = stats[id] ?? { count: 0, weight: 0 };
      bar.style.width = `${(s.weight / max) * 100}%`;
      weight.textContent = short(s.weight);
      count.textContent = String(s.count);
      row.classList.toggle('masquee', hidden.has(id));
      row.classList.toggle('vide', s.count === 0);
    }

    this.showTerms(analysis);
  }

  /** @param {Analysis | null} analysis */
  showTerms(analysis) {
    /**
     * Each lexicon entry met, shown as the text has it where it first occurs: the entry's
     * own name may be another variant (« Vive la patrie » is in « vive la France »).
     * @type {Map<string, {term: string, text: string, category: string, count: number, weight: number}>}
     */
    const terms = new Map();
    for (const span of analysis?.spans ?? []) {
      const key = `${span.category}\u0000${span.term}`;
      const text = span.text.replace(/\s+/g, ' ');
      const entry = terms.get(key) ?? { term: span.term, text, category: span.category, count: 0, weight: 0 };
      entry.count++;
      entry.weight += span.weight;
      terms.set(key, entry);
    }
    const top = [...terms.values()]
      .sort((a, b) => b.count - a.count || b.weight - a.weight || a.term.localeCompare(b.term, 'fr'))
      .slice(0, TOP_TERMS);
    const list = this.el.terms;
    list.replaceChildren();
    if (!top.length) {
      const empty = document.createElement('li');
      empty.className = 'vide';
      empty.textContent = 'Aucun terme repéré.';
      list.append(empty);
      return;
    }
    for (const t of top) {
      const item = document.createElement('li');
      item.dataset.categorie = t.category;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'terme';
      button.title = `Aller au premier « ${t.text} » (poids total ${number(t.weight)})`;
      const swatch = document.createElement('span');
      swatch.className = 'pastille';
      swatch.setAttribute('aria-hidden', 'true');
      const name = document.createElement('span');
      name.className = 'terme-nom';
      name.textContent = t.text;
      const times = document.createElement('span');
      times.className = 'terme-fois';
      times.textContent = `×${t.count}`;
      times.setAttribute('aria-label', plural(t.count, 'fois', 'fois'));
      button.append(swatch, name, times);
      button.addEventListener('click', () => this.onTerm(t.term));
      item.append(button);
      list.append(item);
    }
  }
}
