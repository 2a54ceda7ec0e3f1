// The options page: default categories, sensitivity, the reader's own lexicon (checked by
// the engine before saving: its error message carries the line number), and the sites
// highlighted automatically (each asks for that site's optional permission).
import { CATEGORY_IDS, loadSettings, saveSettings, parseSites, sitePattern, lexiconError } from './settings.js';

const $ = (id) => document.getElementById(id);
const nombre = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

async function worker(message) {
  const answer = await chrome.runtime.sendMessage(message);
  if (answer?.error) throw new Error(answer.error);
  return answer;
}

function showErrors(id, errors) {
  const box = $(id);
  box.replaceChildren();
  box.hidden = errors.length === 0;
  if (!errors.length) return;
  const list = document.createElement('ul');
  for (const { line, message } of errors) {
    const item = document.createElement('li');
    item.textContent = line ? `Ligne ${line} : ${message}` : message;
    list.append(item);
  }
  box.append(list);
}

/** Select line `line` (1-based) of a textarea, so the reader sees where the error is. */
function selectLine(textarea, line) {
  const lines = textarea.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
}

/** The sites saved last, to drop the permissions of those removed. */
let savedSites = [];

async function fill() {
  const settings = await loadSettings();
  savedSites = settings.sites;
  let categories = CATEGORY_IDS.map((id) => ({ id, label: id, description: '' }));
  try {
    categories = (await worker({ type: 'surligneur:categories' })).categories;
  } catch {
    // the engine is unavailable: ids as labels
  }
  const list = $('categories');
  list.replaceChildren();
  for (const category of categories) {
    const li = document.createElement('li');
    li.dataset.categorie = category.id;
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'categorie';
    box.value = category.id;
    box.checked = settings.categories.includes(category.id);
    const swatch = document.createElement('span');
    swatch.className = 'pastille';
    const text = document.createElement('span');
    text.textContent = category.label;
    const help = document.createElement('small');
    help.textContent = category.description;
    text.append(help);
    label.append(box, swatch, text);
    li.append(label);
    list.append(li);
  }
  $('poids').value = String(settings.minWeight);
  $('poids-valeur').textContent = nombre.format(settings.minWeight);
  $('lexique').value = settings.lexicon;
  $('sites').value = settings.sites.join('\n');
  $('surveiller').checked = settings.watch;
}

$('poids').addEventListener('input', () => {
  $('poids-valeur').textContent = nombre.format(Number($('poids').value));
});

$('formulaire').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('etat').textContent = '';
  // Ask for the new sites' permissions first, while the click still counts as a gesture.
  const { sites, errors: siteErrors } = parseSites($('sites').value);
  showErrors('sites-erreur', siteErrors);
  let granted = true;
  const wanted = sites.map(sitePattern);
  if (wanted.length) {
    try {
      granted = await chrome.permissions.request({ origins: wanted });
    } catch (error) {
      granted = false;
      showErrors('sites-erreur', [...siteErrors, { line: null, message: String(error?.message ?? error) }]);
    }
  }
  const dropped = savedSites.filter((host) => !sites.includes(host)).map(sitePattern);
  if (dropped.length) await chrome.permissions.remove({ origins: dropped }).catch(() => false);

  const lexicon = $('lexique').value;
  let lexiconOk = true;
  if (lexicon.trim()) {
    const check = await worker({ type: 'surligneur:check-lexicon', text: lexicon }).catch((error) => ({ ok: false, error: error.message }));
    if (!check.ok) {
      lexiconOk = false;
      const parsed = lexiconError(check.error);
      showErrors('lexique-erreur', [parsed]);
      if (parsed.line) selectLine($('lexique'), parsed.line);
    }
  }
  if (lexiconOk) showErrors('lexique-erreur', []);

  const changes = {
    categories: [...document.querySelectorAll('input[name="categorie"]:checked')].map((box) => box.value),
    minWeight: Number($('poids').value),
    sites,
    watch: $('surveiller').checked,
  };
  if (lexiconOk) changes.lexicon = lexicon;
  await saveSettings(changes);
  savedSites = sites;
  const notes = [];
  if (!lexiconOk) notes.push('lexique personnel non enregistré (voir l’erreur)');
  if (!granted) notes.push('autorisation refusée : ces sites ne seront pas surlignés automatiquement');
  $('etat').textContent = notes.length ? `Enregistré, sauf : ${notes.join(' ; ')}.` : 'Enregistré.';
});

fill();
