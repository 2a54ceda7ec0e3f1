// The reader's own lexicon: terms added with a form, and lexicon files loaded from disk,
// both kept in localStorage and given to the engine next to its embedded lexicons. Each
// lexicon is checked by the engine before it is kept; an error is shown inline with the
// engine's message, which names the file and the line. The reader's terms are written as
// a TSV lexicon, one line per term, so line N of an error is the list's item N.
import { load, save } from './storage.js';
import { decode, FileError, MAX_BYTES } from './file-loader.js';
import { number, looseKey } from './fr.js';

/** @typedef {import('./pkg/surligneur.js').LexiconSource} LexiconSource */
/** @typedef {import('./engine.js').LexiconError} LexiconError */
/** @typedef {{term: string, category: string, weight: number, valence: number, alternative: string}} Term */

/** The name under which the reader's terms reach the engine (and its error messages). */
export const TERMS_NAME = 'mes-termes.tsv';
const TERMS_KEY = 'termes';
const FILES_KEY = 'lexiques';

/** Valence suggested when a category is chosen (the reader can change it). */
const VALENCE = { war: -2, loaded: -2, labeling: -2, fear: -2, flag_waving: 2, sentiment: 0, exaggeration: 0, unsourced: 0 };

/**
 * @typedef {object} CustomLexiconElements
 * @property {HTMLFormElement} form
 * @property {HTMLElement} termsError
 * @property {HTMLOListElement} termsList
 * @property {HTMLButtonElement} fileButton
 * @property {HTMLInputElement} fileInput
 * @property {HTMLElement} filesError
 * @property {HTMLUListElement} filesList
 */

export class CustomLexicon {
  /**
   * @param {CustomLexiconElements} el
   * @param {import('./engine.js').Engine} engine used to check lexicons
   * @param {(sources: LexiconSource[]) => void} onChange
   */
  constructor(el, engine, onChange) {
    this.el = el;
    this.engine = engine;
    this.onChange = onChange;
    this.labels = new Map(engine.categories.map((c) => [c.id, c.label]));
    /** @type {Term[]} */
    this.terms = validTerms(load(TERMS_KEY, []));
    /** @type {{name: string, text: string, entries: number}[]} */
    this.files = validFiles(load(FILES_KEY, []));

    const select = /** @type {HTMLSelectElement} */ (el.form.elements.namedItem('categorie'));
    for (const { id, label } of engine.categories) select.append(new Option(label, id));
    select.value = 'loaded';
    select.addEventListener('change', () => {
      const valence = /** @type {HTMLSelectElement} */ (el.form.elements.namedItem('valence'));
      valence.value = String(VALENCE[select.value] ?? 0);
    });
    select.dispatchEvent(new Event('change'));

    el.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.addFromForm();
    });
    el.fileButton.addEventListener('click', () => el.fileInput.click());
    el.fileInput.addEventListener('change', () => {
      const file = el.fileInput.files?.[0];
      el.fileInput.value = '';
      if (file) this.loadFile(file);
    });
    this.renderTerms();
    this.renderFiles();
  }

  /** The lexicons to give the engine: the reader's terms, then the files. */
  sources() {
    /** @type {LexiconSource[]} */
    const sources = [];
    if (this.terms.length) sources.push({ name: TERMS_NAME, text: termsTSV(this.terms) });
    for (const f of this.files) sources.push({ name: f.name, text: f.text });
    return sources;
  }

  /**
   * Show an error of the combined lexicons (from the engine's configure) where it belongs.
   * @param {LexiconError | null} error
   */
  showError(error) {
    if (!error) return;
    if (error.source === TERMS_NAME) showTermError(this.el.termsError, error, this.terms);
    else showError(this.el.filesError, error, this.files.find((f) => f.name === error.source)?.text);
  }

  addFromForm() {
    const form = this.el.form;
    const field = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
    const term = clean(field('terme').value);
    const weight = Number(field('poids').value);
    /** @type {Term} */
    const entry = {
      term,
      category: field('categorie').value,
      weight,
      valence: Number(field('valence').value) || 0,
      alternative: clean(field('alternative').value),
    };
    const fail = (message, input) => {
      showMessage(this.el.termsError, message);
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    };
    field('terme').removeAttribute('aria-invalid');
    field('poids').removeAttribute('aria-invalid');
    if (!term) return fail('Écrivez un terme ou une expression.', field('terme'));
    if (term.startsWith('#')) return fail('Un terme ne peut pas commencer par « # » (c’est la marque d’un commentaire).', field('terme'));
    if (!(weight >= 0.1 && weight <= 5)) return fail('Le poids doit être un nombre entre 0,1 et 5.', field('poids'));

    const key = looseKey(term);
    const index = this.terms.findIndex((t) => looseKey(t.term) === key);
    const terms = [...this.terms];
    if (index >= 0) terms[index] = entry;
    else terms.push(entry);
    const text = termsTSV(terms);
    const checked = this.engine.check({ name: TERMS_NAME, text });
    if ('error' in checked) {
      showTermError(this.el.termsError, checked.error, terms);
      field('terme').setAttribute('aria-invalid', 'true');
      return;
    }
    this.terms = terms;
    this.el.termsError.hidden = true;
    this.persistTerms();
    this.renderTerms();
    field('terme').value = '';
    field('alternative').value = '';
    field('terme').focus();
    this.onChange(this.sources());
  }

  /** @param {number} index */
  removeTerm(index) {
    this.terms = this.terms.filter((_, i) => i !== index);
    this.el.termsError.hidden = true;
    this.persistTerms();
    this.renderTerms();
    this.onChange(this.sources());
  }

  persistTerms() {
    if (!save(TERMS_KEY, this.terms)) {
      showMessage(this.el.termsError, 'Ce navigateur refuse le stockage local : vos termes ne seront pas conservés après la fermeture de la page.');
    }
  }

  renderTerms() {
    const list = this.el.termsList;
    list.replaceChildren();
    this.terms.forEach((t, i) => {
      const item = document.createElement('li');
      item.dataset.categorie = t.category;
      const swatch = document.createElement('span');
      swatch.className = 'pastille';
      swatch.setAttribute('aria-hidden', 'true');
      const name = document.createElement('strong');
      name.textContent = t.term;
      const details = document.createElement('span');
      details.className = 'details';
      let about = ` — ${this.labels.get(t.category) ?? t.category}, poids ${number(t.weight)}`;
      if (t.alternative) about += `, alternative : ${t.alternative}`;
      details.textContent = about;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'supprimer';
      remove.textContent = 'Supprimer';
      remove.setAttribute('aria-label', `Supprimer « ${t.term} »`);
      remove.addEventListener('click', () => {
        this.removeTerm(i);
        /** @type {HTMLElement | null} */ (this.el.termsList.querySelector('button') ?? this.el.form.elements.namedItem('terme'))?.focus();
      });
      item.append(swatch, name, details, remove);
      list.append(item);
    });
    list.hidden = this.terms.length === 0;
  }

  /** @param {File} file */
  async loadFile(file) {
    const errorEl = this.el.filesError;
    errorEl.hidden = true;
    let text;
    try {
      if (file.size > MAX_BYTES) throw new FileError(`« ${file.name} » est trop grand : la limite est de ${MAX_BYTES / 1000} Ko.`);
      text = decode(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      showMessage(errorEl, error instanceof FileError ? error.message : `Impossible de lire « ${file.name} ».`);
      return;
    }
    const name = uniqueName(file.name || 'lexique.tsv');
    const checked = this.engine.check({ name, text });
    if ('error' in checked) {
      showError(errorEl, checked.error, text);
      return;
    }
    this.files = [...this.files.filter((f) => f.name !== name), { name, text, entries: checked.entries }];
    if (!save(FILES_KEY, this.files)) {
      showMessage(errorEl, `« ${name} » est utilisé, mais le navigateur refuse de le conserver (stockage local plein ou désactivé).`);
    }
    this.renderFiles();
    this.onChange(this.sources());
  }

  /** @param {string} name */
  removeFile(name) {
    this.files = this.files.filter((f) => f.name !== name);
    save(FILES_KEY, this.files);
    this.el.filesError.hidden = true;
    this.renderFiles();
    this.onChange(this.sources());
  }

  renderFiles() {
    const list = this.el.filesList;
    list.replaceChildren();
    const embedded = new Set(this.engine.categories.map((c) => `${c.id}.tsv`));
    for (const f of this.files) {
      const item = document.createElement('li');
      const name = document.createElement('strong');
      name.textContent = f.name;
      const details = document.createElement('span');
      details.className = 'details';
      details.textContent = ` — ${f.entries} entrée${f.entries > 1 ? 's' : ''}`
        + (embedded.has(f.name) ? ' (remplace le lexique intégré du même nom)' : '');
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'supprimer';
      remove.textContent = 'Retirer';
      remove.setAttribute('aria-label', `Retirer le lexique « ${f.name} »`);
      remove.addEventListener('click', () => {
        this.removeFile(f.name);
        this.el.fileButton.focus();
      });
      item.append(name, details, remove);
      list.append(item);
    }
    list.hidden = this.files.length === 0;
  }
}

/** The reader's terms as a lexicon: one line per term, no header, so line N = term N. */
export function termsTSV(terms) {
  return terms.map((t) => [t.term, t.category, t.weight, t.valence, 'n', t.alternative || '-'].join('\t')).join('\n');
}

/** A form value on one line, without tabs. */
function clean(s) {
  return s.replace(/[\t\r\n]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A loaded file's name that does not collide with the reader's terms. */
function uniqueName(name) {
  return name === TERMS_NAME ? `fichier-${name}` : name;
}

/** @param {unknown} value */
function validTerms(value) {
  if (!Array.isArray(value)) return [];
  return value.filter((t) => t && typeof t.term === 'string' && typeof t.category === 'string'
    && typeof t.weight === 'number').map((t) => ({
    term: clean(t.term), category: t.category, weight: t.weight,
    valence: typeof t.valence === 'number' ? t.valence : 0,
    alternative: typeof t.alternative === 'string' ? clean(t.alternative) : '',
  })).filter((t) => t.term);
}

/** @param {unknown} value */
function validFiles(value) {
  if (!Array.isArray(value)) return [];
  return value.filter((f) => f && typeof f.name === 'string' && typeof f.text === 'string')
    .map((f) => ({ name: f.name, text: f.text, entries: Number(f.entries) || 0 }));
}

/**
 * @param {HTMLElement} el
 * @param {string} message
 */
function showMessage(el, message) {
  el.replaceChildren(message);
  el.hidden = false;
}

/**
 * An engine error in the reader's terms, named by the term (line N is term N): the reader
 * typed it in the form and never saw the file it is written into.
 * @param {HTMLElement} el
 * @param {LexiconError} error
 * @param {Term[]} terms
 */
function showTermError(el, error, terms) {
  const term = error.line !== null ? terms[error.line - 1]?.term : undefined;
  const where = document.createElement('strong');
  where.textContent = term !== undefined ? `« ${term} »` : 'Vos termes';
  el.replaceChildren(where, ` : ${error.message}`);
  el.hidden = false;
}

/**
 * An engine error: "fichier.tsv, ligne 3 : <engine's message>" and the line itself.
 * @param {HTMLElement} el
 * @param {LexiconError} error
 * @param {string} [text] the lexicon's text, to quote the faulty line
 */
function showError(el, error, text) {
  el.replaceChildren();
  const where = document.createElement('strong');
  where.textContent = error.line !== null
    ? `${error.source}, ligne ${error.line}`
    : error.source || 'Lexique refusé';
  el.append(where, ` : ${error.message}`);
  const line = error.line !== null ? text?.split('\n')[error.line - 1] : undefined;
  if (line !== undefined && line.trim()) {
    const quote = document.createElement('code');
    quote.className = 'ligne-fautive';
    quote.textContent = line.replaceAll('\t', ' ⇥ ');
    el.append(document.createElement('br'), quote);
  }
  el.hidden = false;
}
