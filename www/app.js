// Surligneur's demo page: the entry point. It loads the engine and wires the page's parts
// (one module each) together around one state: the text, the analysis, the categories
// hidden in the legend and the minimum weight.
import { loadEngine } from './engine.js';
import { Editor } from './editor.js';
import { Rendering } from './rendering.js';
import { Tooltip } from './tooltip.js';
import { Legend } from './legend.js';
import { setupSensitivity } from './sensitivity.js';
import { Summary } from './summary.js';
import { SentenceStrip } from './sentence-strip.js';
import { CustomLexicon } from './custom-lexicon.js';
import { setupExamples } from './examples.js';
import { analysisJSON, spansCSV, download, baseName } from './exporter.js';
import { load, save } from './storage.js';
import { plural, short } from './fr.js';

/** Pause in typing after which the text is analysed again. */
const TYPING_DELAY_MS = 80;
/** Pause after which the summary follows the highlights. */
const SUMMARY_DELAY_MS = 40;
/** Pause after which the status line (a polite live region) is updated. */
const ANNOUNCE_DELAY_MS = 700;

const $ = (id) => /** @type {any} */ (document.getElementById(id));

async function main() {
  const status = $('etat');
  let engine;
  try {
    engine = await loadEngine();
  } catch (error) {
    status.textContent = `Le moteur d’analyse n’a pas pu être chargé (${error?.message ?? error}). `
      + 'Rechargez la page ; si le problème persiste, ce navigateur ne prend peut-être pas en charge WebAssembly.';
    status.classList.add('erreur');
    console.error(error);
    return;
  }
  status.textContent = 'Prêt.';
  const labels = new Map(engine.categories.map((c) => [c.id, c.label]));
  const labelOf = (id) => labels.get(id) ?? id;

  const state = {
    text: '',
    /** @type {string | null} */
    source: null,
    /** @type {import('./pkg/surligneur.js').Analysis | null} */
    analysis: null,
    hidden: new Set(/** @type {string[]} */ (load('masquees', [])).filter((id) => labels.has(id))),
    minWeight: Number(load('seuil', 0)) || 0,
    /** @type {{analysis: number, marking: number, layout: number, marks: number} | null} */
    timing: null,
  };

  const rendering = new Rendering($('rendu'));
  const tooltip = new Tooltip($('infobulle'), rendering, labelOf);
  const summary = new Summary(
    { gauge: $('jauge'), polarity: $('polarite'), table: $('categories'), terms: $('termes') },
    engine.categories,
    (term) => focusTerm(term),
  );
  const strip = new SentenceStrip($('phrases'), (sentence) => rendering.showSentence(sentence));
  const legend = new Legend($('legende'), engine.categories, state.hidden, () => {
    save('masquees', [...state.hidden]);
    mark();
    showSummary();
    clearTimeout(announceTimer);
    announceTimer = setTimeout(announce, ANNOUNCE_DELAY_MS);
  });

  let typingTimer = 0;
  let summaryTimer = 0;
  let announceTimer = 0;
  const editor = new Editor({
    textarea: $('texte'), dropZone: $('depot'), openButton: $('ouvrir'), fileInput: $('fichier'),
    clearButton: $('effacer'), error: $('saisie-erreur'),
  }, (text, { immediate, source }) => {
    state.text = text;
    state.source = source;
    clearTimeout(typingTimer);
    $('rendu').setAttribute('aria-busy', 'true');
    if (immediate) update();
    else typingTimer = setTimeout(update, TYPING_DELAY_MS + text.length / 10_000);
  });

  const custom = new CustomLexicon({
    form: $('perso-form'), termsError: $('perso-erreur'), termsList: $('perso-liste'),
    fileButton: $('lexique-ouvrir'), fileInput: $('lexique-fichier'),
    filesError: $('lexique-erreur'), filesList: $('lexique-liste'),
  }, engine, (lexicons) => {
    custom.showError(engine.configure({ lexicons }));
    update();
  });

  setupSensitivity($('seuil'), $('seuil-valeur'), state.minWeight, (minWeight) => {
    if (minWeight === engine.minWeight) return;
    state.minWeight = minWeight;
    save('seuil', minWeight);
    const error = engine.configure({ minWeight });
    if (error) custom.showError(error);
    update();
  });

  setupExamples($('exemples'), (text, name) => editor.setText(text, name), (message) => editor.showError(message));

  $('export-json').addEventListener('click', () => {
    if (state.analysis) download(`${baseName(state.source)}.json`, analysisJSON(state.analysis), 'application/json');
  });
  $('export-csv').addEventListener('click', () => {
    if (state.analysis) download(`${baseName(state.source)}.csv`, spansCSV(state.analysis, labelOf), 'text/csv;charset=utf-8');
  });

  // The textarea and the rendering scroll together (the rendering follows the textarea).
  $('texte').addEventListener('scroll', () => {
    const from = $('texte');
    const to = $('rendu');
    const range = from.scrollHeight - from.clientHeight;
    if (range > 0) to.scrollTop = (from.scrollTop / range) * (to.scrollHeight - to.clientHeight);
  }, { passive: true });

  // The saved lexicons and minimum weight, then the first (empty) analysis.
  const startError = await engine.start({ lexicons: custom.sources(), minWeight: state.minWeight });
  if (startError) {
    custom.showError(startError);
    engine.configure({ lexicons: [], minWeight: state.minWeight });
  }
  update();
  document.documentElement.dataset.pret = '';
  performance.mark('surligneur:pret');

  /**
   * Analyse the text and show it highlighted, then the summary.
   *
   * The highlights are redone within the frame; the summary follows just after it (once
   * per pause in typing). Timed with performance.measure (read by the tests): the
   * analysis, the marking, and the layout of the new marks, which the browser would do
   * before painting anyway and is forced here so that it is counted. The layout pending
   * before (the textarea's own, after a keystroke) is flushed first, so it is not.
   */
  function update() {
    clearTimeout(typingTimer);
    void document.body.offsetHeight;
    const t0 = performance.now();
    state.analysis = null;
    if (state.text) {
      try {
        state.analysis = engine.analyze(state.text);
      } catch (error) {
        console.error(error);
        status.textContent = `L’analyse a échoué : ${error?.message ?? error}`;
        status.classList.add('erreur');
      }
    }
    const t1 = performance.now();
    const marks = mark();
    legend.setCounts(state.analysis?.summary.categories ?? null);
    $('export-json').disabled = !state.analysis;
    $('export-csv').disabled = !state.analysis;
    $('rendu').setAttribute('aria-busy', 'false');
    const t2 = performance.now();
    void document.body.offsetHeight;
    const t3 = performance.now();
    state.timing = { analysis: t1 - t0, marking: t2 - t1, layout: t3 - t2, marks };
    performance.measure('surligneur:analyse', { start: t0, end: t1 });
    performance.measure('surligneur:surlignage', { start: t1, end: t2 });
    performance.measure('surligneur:mise-en-page', { start: t2, end: t3 });
    performance.measure('surligneur:total', { start: t0, end: t3 });
    $('resume').setAttribute('aria-busy', 'true');
    clearTimeout(summaryTimer);
    summaryTimer = setTimeout(showSummary, SUMMARY_DELAY_MS);
    clearTimeout(announceTimer);
    announceTimer = setTimeout(announce, ANNOUNCE_DELAY_MS);
  }

  function showSummary() {
    const t0 = performance.now();
    summary.show(state.analysis, state.hidden);
    strip.show(state.text, state.analysis?.sentences ?? []);
    $('resume').setAttribute('aria-busy', 'false');
    performance.measure('surligneur:resume', { start: t0, end: performance.now() });
  }

  /** Mark the current analysis's spans, minus the hidden categories. */
  function mark() {
    const count = rendering.show(state.text, state.analysis?.spans ?? [], state.hidden);
    tooltip.reset();
    $('rendu').classList.toggle('vide', !state.text);
    return count;
  }

  function announce() {
    const a = state.analysis;
    if (!a && state.text) return; // the analysis failed: its error stays shown
    status.classList.remove('erreur');
    if (!a) {
      status.textContent = 'Prêt. Collez ou tapez un texte, ouvrez un fichier ou choisissez un exemple.';
      return;
    }
    const spans = a.spans.length;
    const hidden = a.spans.filter((s) => state.hidden.has(s.category)).length;
    let text = `${plural(spans, 'passage repéré', 'passages repérés')} dans ${plural(a.summary.words, 'mot')}`;
    if (hidden) text += ` (${hidden} masqué${hidden > 1 ? 's' : ''})`;
    text += ` · charge ${Math.round(a.summary.charge)}/100`;
    if (state.timing) text += ` · surligné en ${short(state.timing.analysis + state.timing.marking + state.timing.layout)} ms`;
    status.textContent = `${text}.`;
  }

  /** Focus the first visible mark of a lexicon entry. */
  function focusTerm(term) {
    const index = state.analysis?.spans.findIndex((s) => s.term === term && !state.hidden.has(s.category)) ?? -1;
    const target = index >= 0 ? rendering.markOf(index) : null;
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
    }
  }
}

main();
