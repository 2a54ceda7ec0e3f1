// www/highlight.js in a real browser: input HTML + what to mark → expected HTML, the
// collected text, and unmark restoring innerHTML byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launch } from './browser.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** `<m>` in an expected string stands for the mark element the test's makeMark builds. */
const M = (s) => s.replaceAll('<m>', '<surligneur-mark data-surligneur="t">')
  .replaceAll('</m>', '</surligneur-mark>');

// find: every occurrence of this string in the collected text is a range;
// ranges: explicit [start, end] pairs instead. text: the expected collected text.
const CASES = [
  { name: 'un mot dans un paragraphe', html: '<p>La guerre est déclarée.</p>', find: 'guerre',
    expected: M('<p>La <m>guerre</m> est déclarée.</p>'), marks: 1 },
  { name: 'deux fois dans le même nœud', html: '<p>guerre et guerre</p>', find: 'guerre',
    expected: M('<p><m>guerre</m> et <m>guerre</m></p>'), marks: 2 },
  { name: 'nœud entier', html: '<p><b>guerre</b></p>', find: 'guerre',
    expected: M('<p><b><m>guerre</m></b></p>'), marks: 1 },
  { name: 'à cheval sur <b>', html: '<p>une crise <b>sans</b> précédent</p>', find: 'sans précédent',
    expected: M('<p>une crise <b><m>sans</m></b><m> précédent</m></p>'), marks: 2 },
  { name: 'à cheval sur <a>', html: '<p><a href="#x">intervention</a> militaire !</p>',
    find: 'intervention militaire',
    expected: M('<p><a href="#x"><m>intervention</m></a><m> militaire</m> !</p>'), marks: 2 },
  { name: 'trois nœuds: <em>, espace, <strong>',
    html: '<p>la <em>guerre</em> <strong>totale</strong> !</p>', find: 'guerre totale',
    expected: M('<p>la <em><m>guerre</m></em><m> </m><strong><m>totale</m></strong> !</p>'), marks: 3 },
  { name: 'après un emoji (UTF-16)', html: '<p>🙂 guerre</p>', find: 'guerre',
    text: '🙂 guerre', expected: M('<p>🙂 <m>guerre</m></p>'), marks: 1 },
  // Zones that must stay unmarked.
  { name: 'script ignoré', html: '<p>guerre</p><script>var guerre = 1;</script>', find: 'guerre',
    text: 'guerre', expected: M('<p><m>guerre</m></p><script>var guerre = 1;</script>'), marks: 1 },
  { name: 'code ignoré', html: '<p>Le mot <code>guerre</code> et la guerre</p>', find: 'guerre',
    expected: M('<p>Le mot <code>guerre</code> et la <m>guerre</m></p>'), marks: 1 },
  { name: 'pre, textarea, style, noscript ignorés',
    html: '<pre>guerre</pre><textarea>guerre</textarea><style>/* guerre */</style><noscript>guerre</noscript><p>guerre</p>',
    find: 'guerre', text: 'guerre',
    expected: M('<pre>guerre</pre><textarea>guerre</textarea><style>/* guerre */</style><noscript>guerre</noscript><p><m>guerre</m></p>'),
    marks: 1 },
  { name: 'contenteditable ignoré',
    html: '<div contenteditable="true">la <i>guerre</i></div><div contenteditable="">guerre</div><p>la guerre</p>',
    find: 'guerre', text: 'la guerre',
    expected: M('<div contenteditable="true">la <i>guerre</i></div><div contenteditable="">guerre</div><p>la <m>guerre</m></p>'),
    marks: 1 },
  { name: 'contenteditable="false" est de la prose', html: '<div contenteditable="false">guerre</div>',
    find: 'guerre', expected: M('<div contenteditable="false"><m>guerre</m></div>'), marks: 1 },
  { name: 'hidden et display:none ignorés',
    html: '<p hidden>guerre</p><p style="display:none">guerre</p><p>guerre</p>', find: 'guerre',
    text: 'guerre', expected: M('<p hidden="">guerre</p><p style="display:none">guerre</p><p><m>guerre</m></p>'),
    marks: 1 },
  { name: 'menus du site ignorés (nav, role=navigation)',
    html: '<nav>la guerre</nav><ul role="navigation"><li>guerre</li></ul><p>la guerre</p>',
    find: 'guerre', text: 'la guerre',
    expected: M('<nav>la guerre</nav><ul role="navigation"><li>guerre</li></ul><p>la <m>guerre</m></p>'),
    marks: 1 },
  { name: 'autre langue ignorée (lang), le français et lang vide lus',
    html: '<p lang="en">the guerre</p><blockquote lang="EN-gb"><p>guerre</p></blockquote><p lang="fr-CA">la guerre</p><p lang="">guerre</p><p lang="FR">guerre</p><p lang="frr">guerre</p>',
    find: 'guerre', text: 'la guerre\n\nguerre\n\nguerre',
    expected: M('<p lang="en">the guerre</p><blockquote lang="EN-gb"><p>guerre</p></blockquote><p lang="fr-CA">la <m>guerre</m></p><p lang=""><m>guerre</m></p><p lang="FR"><m>guerre</m></p><p lang="frr">guerre</p>'),
    marks: 3 },
  { name: 'header, footer et aside sont de la prose',
    html: '<header>guerre</header><aside>guerre</aside><footer>guerre</footer>', find: 'guerre',
    text: 'guerre\n\nguerre\n\nguerre',
    expected: M('<header><m>guerre</m></header><aside><m>guerre</m></aside><footer><m>guerre</m></footer>'),
    marks: 3 },
  { name: 'svg et input ignorés',
    html: '<p>guerre <input value="guerre"> <svg><text>guerre</text></svg></p>', find: 'guerre',
    expected: M('<p><m>guerre</m> <input value="guerre"> <svg><text>guerre</text></svg></p>'), marks: 1 },
  // Block boundaries: "\n\n" in the text, and no mark across them.
  { name: 'frontière de paragraphe', html: '<p>sans</p><p>précédent</p>', find: 'sans\n\nprécédent',
    text: 'sans\n\nprécédent', expected: '<p>sans</p><p>précédent</p>', marks: 0 },
  { name: 'frontière <br>', html: '<p>la guerre<br>totale</p>', find: 'guerre\n\ntotale',
    text: 'la guerre\n\ntotale', expected: '<p>la guerre<br>totale</p>', marks: 0 },
  { name: 'frontière <li>', html: '<ul><li>guerre</li><li>totale</li></ul>', find: 'guerre',
    text: 'guerre\n\ntotale', expected: M('<ul><li><m>guerre</m></li><li>totale</li></ul>'), marks: 1 },
  { name: 'frontière <td>', html: '<table><tbody><tr><td>sans</td><td>précédent</td></tr></tbody></table>',
    find: 'sans\n\nprécédent', text: 'sans\n\nprécédent',
    expected: '<table><tbody><tr><td>sans</td><td>précédent</td></tr></tbody></table>', marks: 0 },
  { name: 'span en display:block est un bloc', html: '<p><span style="display:block">guerre</span>totale</p>',
    find: 'guerre\n\ntotale', text: 'guerre\n\ntotale',
    expected: '<p><span style="display:block">guerre</span>totale</p>', marks: 0 },
  { name: 'pas de pont par-dessus <code>', html: '<p>sans <code>x</code> précédent</p>',
    ranges: [[0, 16]], text: 'sans \n\n précédent', expected: '<p>sans <code>x</code> précédent</p>', marks: 0 },
  // Refused ranges.
  { name: 'longueur nulle refusée', html: '<p>guerre</p>', ranges: [[2, 2]],
    expected: '<p>guerre</p>', marks: 0 },
  { name: 'chevauchement refusé', html: '<p>guerre totale</p>', ranges: [[0, 6], [3, 13]],
    expected: M('<p><m>guerre</m> totale</p>'), marks: 1 },
  { name: 'hors du texte refusé', html: '<p>guerre</p>', ranges: [[3, 99]],
    expected: '<p>guerre</p>', marks: 0 },
  // Existing marks are transparent.
  { name: 'marques existantes transparentes',
    html: M('<p>la <m>guerre</m> totale</p>'), find: 'guerre totale', text: 'la guerre totale',
    expected: M('<p>la <m><m>guerre</m></m><m> totale</m></p>'), marks: 2 },
];

let browser;
let server;
let page;

before(async () => {
  server = await serve(REPO);
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(`${server.url}tests/web/fixtures/vide.html`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs one case in the page; returns what the page saw. */
function runCase(c) {
  return page.evaluate(async ({ html, find, ranges }) => {
    const { collectText, markRanges, unmark } = await import('/www/highlight.js');
    const root = document.getElementById('racine');
    root.innerHTML = html;
    const original = root.innerHTML;
    const nodes = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    while (walker.nextNode()) nodes.push(walker.currentNode);
    const collected = collectText(root);
    const rs = ranges
      ? ranges.map(([start, end]) => ({ start, end }))
      : [...collected.text.matchAll(new RegExp(find, 'g'))]
        .map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const made = markRanges(collected, rs, () => {
      const mark = document.createElement('surligneur-mark');
      mark.setAttribute('data-surligneur', 't');
      return mark;
    });
    const marked = root.innerHTML;
    const segmentsValid = collected.segments.every((s) => s.node.isConnected
      && collected.text.slice(s.start, s.end) === s.node.data);
    const textAfter = collectText(root).text;
    const removed = unmark(root);
    const after = [];
    const walker2 = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    while (walker2.nextNode()) after.push(walker2.currentNode);
    const sameNodes = after.length === nodes.length && after.every((n, i) => n === nodes[i]);
    return { original, text: collected.text, marked, count: made.length, segmentsValid,
      textAfter, removed, restored: root.innerHTML, sameNodes };
  }, c);
}

for (const c of CASES) {
  test(`markRanges: ${c.name}`, async () => {
    const got = await runCase(c);
    if (c.text !== undefined) assert.equal(got.text, c.text, 'collected text');
    assert.equal(got.marked, c.expected, 'marked HTML');
    assert.equal(got.count, c.marks, 'marks created');
    assert.ok(got.segmentsValid, 'segments still map onto the text after marking');
    assert.equal(got.textAfter, got.text, 'marks are transparent to collectText');
    assert.equal(got.removed, c.marks + (got.original.match(/<surligneur-mark/g)?.length ?? 0));
    if (c.html.includes('<surligneur-mark')) return; // unmark also removes the pre-existing marks
    assert.equal(got.restored, got.original, 'unmark restores innerHTML byte for byte');
    assert.ok(got.sameNodes, 'unmark restores the very same nodes');
  });
}

test('SKIPPED_SELECTOR: another language below <body>, not the page\'s own lang', async () => {
  const got = await page.evaluate(async () => {
    const { SKIPPED_SELECTOR } = await import('/www/highlight.js');
    const root = document.getElementById('racine');
    root.innerHTML = '<p lang="en"><b id="en">x</b></p><p lang="fr-CA"><b id="fr">x</b></p>'
      + '<p lang=""><b id="vide">x</b></p><p><b id="sans">x</b></p>';
    const skipped = (id) => document.getElementById(id).closest(SKIPPED_SELECTOR) !== null;
    const html = document.documentElement;
    const before = html.lang;
    html.lang = 'en';
    document.body.lang = 'en';
    const underEnglishPage = skipped('sans');
    html.lang = before;
    document.body.removeAttribute('lang');
    return { en: skipped('en'), fr: skipped('fr'), vide: skipped('vide'), sans: skipped('sans'),
      underEnglishPage };
  });
  assert.deepEqual(got, { en: true, fr: false, vide: false, sans: false, underEnglishPage: false });
});

test('unmark restores a long article byte for byte, marked in several batches', async () => {
  const got = await page.evaluate(async () => {
    const { collectText, markRanges, unmark } = await import('/www/highlight.js');
    const root = document.getElementById('racine');
    const para = '<p>La <a href="/x">guerre</a> <b>sans précédent</b> menace, selon <em>des sources</em>, '
      + 'le pays&nbsp;: «&nbsp;chaos&nbsp;» <code>guerre()</code> et <span>régime</span> alimentaire.</p>\n';
    root.innerHTML = `<article><h1>Titre : la guerre</h1>${para.repeat(300)}<ul><li>guerre</li></ul></article>`;
    const original = root.innerHTML;
    const collected = collectText(root);
    const ranges = [...collected.text.matchAll(/guerre|sans précédent|chaos|des sources, le/g)]
      .map((m) => ({ start: m.index, end: m.index + m[0].length }));
    // Three batches on the same collected text: markRanges keeps its segments up to date.
    const third = Math.floor(ranges.length / 3);
    let count = 0;
    for (const batch of [ranges.slice(2 * third), ranges.slice(0, third), ranges.slice(third, 2 * third)]) {
      count += markRanges(collected, batch, () => document.createElement('surligneur-mark')).length;
    }
    const marks = root.querySelectorAll('surligneur-mark[data-surligneur=""]').length;
    const marked = root.innerHTML;
    const removed = unmark(root);
    return { ranges: ranges.length, count, marks, changed: marked !== original, removed,
      same: root.innerHTML === original, text: collectText(root).text === collected.text };
  });
  assert.equal(got.ranges, 1 + 300 * 4 + 1);
  // "des sources, le" crosses </em>: two pieces per paragraph.
  assert.equal(got.count, got.ranges + 300);
  assert.equal(got.marks, got.count);
  assert.ok(got.changed);
  assert.equal(got.removed, got.count);
  assert.ok(got.same, 'innerHTML byte for byte');
  assert.ok(got.text);
});

test('a range whose text changed since collectText is skipped; makeMark runs in document order', async () => {
  const got = await page.evaluate(async () => {
    const { collectText, markRanges, unmark } = await import('/www/highlight.js');
    const root = document.getElementById('racine');
    root.innerHTML = '<p>la guerre</p><p>une honte</p><p>quelle menace</p>';
    const collected = collectText(root);
    root.querySelectorAll('p')[1].firstChild.data = 'une fête'; // edited by the page meanwhile
    const ranges = ['guerre', 'honte', 'menace'].map((w) => {
      const start = collected.text.indexOf(w);
      return { start, end: start + w.length, w };
    });
    const order = [];
    const made = markRanges(collected, ranges, (r) => {
      order.push(r.w);
      return document.createElement('surligneur-mark');
    });
    const html = root.innerHTML;
    unmark(root);
    return { html, count: made.length, order };
  });
  assert.equal(got.count, 2);
  assert.deepEqual(got.order, ['guerre', 'menace']);
  assert.equal(got.html, '<p>la <surligneur-mark data-surligneur="">guerre</surligneur-mark></p>'
    + '<p>une fête</p><p>quelle <surligneur-mark data-surligneur="">menace</surligneur-mark></p>');
});

test('a thousand ranges in one text node: marked and restored to the same single node', async () => {
  const got = await page.evaluate(async () => {
    const { collectText, markRanges, unmark } = await import('/www/highlight.js');
    const root = document.getElementById('racine');
    root.textContent = 'La guerre, quelle honte ! '.repeat(500);
    const node = root.firstChild;
    const original = root.innerHTML;
    const collected = collectText(root);
    const ranges = [...collected.text.matchAll(/guerre|honte/g)]
      .map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const made = markRanges(collected, ranges, () => document.createElement('mark'));
    const words = made.map((m) => m.textContent);
    const segmentsValid = collected.segments.every((s) => collected.text.slice(s.start, s.end) === s.node.data);
    unmark(root);
    return { count: made.length, words: [...new Set(words)].sort(), segmentsValid,
      same: root.innerHTML === original, one: root.childNodes.length === 1 && root.firstChild === node };
  });
  assert.equal(got.count, 1000);
  assert.deepEqual(got.words, ['guerre', 'honte']);
  assert.ok(got.segmentsValid);
  assert.ok(got.same);
  assert.ok(got.one);
});

test("unmark with a selector removes only those marks (the extension on a page that marks too)", async () => {
  const got = await page.evaluate(async () => {
    const { collectText, markRanges, unmark } = await import('/www/highlight.js');
    const root = document.getElementById('racine');
    root.innerHTML = '<p>la <mark data-surligneur="war">guerre</mark> et la honte</p>';
    const original = root.innerHTML;
    const collected = collectText(root);
    const start = collected.text.indexOf('honte');
    markRanges(collected, [{ start, end: start + 5 }], () => document.createElement('surligneur-mark'));
    const marked = root.innerHTML;
    const removed = unmark(root, 'surligneur-mark[data-surligneur]');
    return { text: collected.text, marked, removed, restored: root.innerHTML === original };
  });
  assert.equal(got.text, 'la guerre et la honte');
  assert.equal(got.marked, '<p>la <mark data-surligneur="war">guerre</mark> et la '
    + '<surligneur-mark data-surligneur="">honte</surligneur-mark></p>');
  assert.equal(got.removed, 1);
  assert.ok(got.restored);
});
