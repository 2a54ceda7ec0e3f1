// The popup: opening it highlights the current tab (the toolbar button's click), then shows
// the page's charge and polarity, counts per category with toggles, and the strongest
// spans, each scrolling the page to it. Everything goes through the service worker.
const $ = (id) => document.getElementById(id);
const nombre = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const signe = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** @type {number | undefined} */
let tabId;
/** @type {{id: string, label: string, description: string}[]} */
let categories = [];

async function worker(message) {
  const answer = await chrome.runtime.sendMessage(message);
  if (answer?.error) throw new Error(answer.error);
  return answer;
}

function tab(action, extra = {}) {
  return worker({ type: 'surligneur:tab', tabId, action, extra });
}

function say(text, isError = false) {
  const message = $('message');
  message.textContent = text;
  message.hidden = !text;
  message.className = isError ? 'erreur' : 'doux';
}

function failed(error) {
  const text = String(error?.message ?? error);
  if (/chrome:|edge:|about:|webstore|extensions gallery|Cannot access|cannot be scripted/i.test(text)) {
    say('Cette page ne peut pas être surlignée (page protégée du navigateur).', true);
  } else {
    say(`Impossible de surligner cette page : ${text}`, true);
  }
  $('bascule').disabled = true;
}

function polarityWord(p) {
  if (p <= -0.2) return 'négative';
  if (p >= 0.2) return 'positive';
  return 'neutre';
}

function render(state) {
  const button = $('bascule');
  button.disabled = false;
  button.textContent = state.active ? 'Retirer le surlignage' : 'Surligner';
  $('surveiller').checked = state.watch;
  if (state.error) say(`Erreur : ${state.error}`, true);
  else if (state.lexiconError) say(`Lexique personnel ignoré : ${state.lexiconError}`, true);
  else if (!state.active) say('Page non surlignée.');
  else say('');
  const summary = state.summary;
  $('bilan').hidden = !state.active || !summary;
  if (!summary) return;

  $('charge').textContent = nombre.format(summary.charge);
  $('charge-jauge').value = summary.charge;
  $('polarite').textContent = signe.format(summary.polarity);
  $('polarite-mot').textContent = polarityWord(summary.polarity);
  $('compte').textContent = `${nombre.format(summary.words)} mots · ${state.found} passages relevés, ${state.shown} surlignés`;

  const enabled = new Set(state.enabled ?? []);
  const list = $('categories');
  list.replaceChildren();
  const known = categories.length ? categories
    : Object.entries(state.labels ?? {}).map(([id, label]) => ({ id, label, description: '' }));
  for (const category of known) {
    const li = document.createElement('li');
    li.dataset.categorie = category.id;
    const label = document.createElement('label');
    label.title = category.description;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = category.id;
    box.checked = enabled.has(category.id);
    box.addEventListener('change', onFilter);
    const swatch = document.createElement('span');
    swatch.className = 'pastille';
    label.append(box, swatch, category.label);
    const count = document.createElement('span');
    count.className = 'nombre';
    count.textContent = String(summary.categories?.[category.id]?.count ?? 0);
    li.append(label, count);
    list.append(li);
  }

  const labels = Object.fromEntries(known.map((c) => [c.id, c.label]));
  const passages = $('passages');
  passages.replaceChildren();
  for (const span of state.top) {
    const li = document.createElement('li');
    li.dataset.categorie = span.category;
    const button = document.createElement('button');
    button.title = `${labels[span.category] ?? span.category} — ${span.explanation}`
      + (span.negated ? ' (sous une négation)' : '');
    const swatch = document.createElement('span');
    swatch.className = 'pastille';
    const text = document.createElement('span');
    text.className = 'texte';
    text.textContent = span.text;
    const weight = document.createElement('span');
    weight.className = 'poids';
    weight.textContent = nombre.format(span.weight);
    button.append(swatch, text, weight);
    button.addEventListener('click', () => tab('scroll', { id: span.id }).catch(failed));
    li.append(button);
    passages.append(li);
  }
  $('aucun').hidden = state.top.length > 0;
}

async function onFilter() {
  const chosen = [...document.querySelectorAll('#categories input:checked')].map((box) => box.value);
  try {
    render(await tab('filter', { categories: chosen }));
  } catch (error) {
    failed(error);
  }
}

$('bascule').addEventListener('click', async () => {
  $('bascule').disabled = true;
  say('…');
  try {
    render(await tab('toggle'));
  } catch (error) {
    failed(error);
  }
});

$('surveiller').addEventListener('change', async (event) => {
  try {
    render(await tab('watch', { on: event.target.checked }));
  } catch (error) {
    failed(error);
  }
});

$('options').addEventListener('click', (event) => {
  event.preventDefault();
  chrome.runtime.openOptionsPage();
  window.close();
});

/** Show the shortcut the reader actually has (it can be changed in the browser). */
async function showShortcut() {
  const commands = await chrome.commands?.getAll?.() ?? [];
  const shortcut = commands.find((c) => c.name === 'toggle-highlight')?.shortcut;
  $('raccourci').textContent = shortcut ? shortcut.replace('Shift', 'Maj') : 'aucun (à choisir dans les réglages des extensions)';
}

(async () => {
  showShortcut().catch(() => {});
  // ?tab=ID: the popup opened as a page for a given tab (tests, or a pinned window).
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(asked) && asked > 0) tabId = asked;
  else {
    const [current] = await chrome.tabs.query({ active: true, currentWindow: true });
    tabId = current?.id;
  }
  if (tabId === undefined) return failed('aucun onglet actif');
  try {
    ({ categories } = await worker({ type: 'surligneur:categories' }));
  } catch {
    // labels then come from the tab's state
  }
  try {
    render(await tab('highlight'));
  } catch (error) {
    failed(error);
  }
})();
