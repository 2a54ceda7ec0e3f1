// The built npm package (www/pkg, wasm-pack --target web; target/pkg-nodejs, --target
// nodejs) from Node: UTF-16 offsets across the real JS boundary (lone surrogates
// included), errors as exceptions, bounded memory over many analyses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('../../', import.meta.url);
const web = await import(new URL('www/pkg/surligneur.js', root));
const exports = web.initSync({ module: readFileSync(new URL('www/pkg/surligneur_bg.wasm', root)) });
const fixture = readFileSync(new URL('tests/fixtures/lexicon.tsv', root), 'utf8');
const analyzer = new web.Analyzer({ lexicons: [{ name: 'fixture.tsv', text: fixture }] });

test('span offsets index the JS string, whatever precedes them', () => {
  const table = [
    ['Les milices 🔥 contre l’intervention militaire.', ['milices', 'intervention militaire']],
    ['e\u0301te\u0301 : la guerre', ['guerre']],
    ['un coup d\u2019E\u0301tat', ['coup d\u2019E\u0301tat']],
    ['a\r\nb\r\n\r\nla guerre', ['guerre']],
    ['\uD800 lone \uDC00 surrogates \uD83D then la guerre', ['guerre']],
    ['guerre\uD800guerre', ['guerre', 'guerre']],
    ['👨‍👩‍👧‍👦 milices 👍🏽 patrie', ['milices', 'patrie']],
    // Negative rows: nothing to find.
    ['', []],
    ['\uD800', []],
    ['régime alimentaire', []],
  ];
  for (const [text, want] of table) {
    const { spans, sentences } = analyzer.analyze(text);
    assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), want, text);
    assert.deepEqual(spans.map((s) => s.text), want, text);
    for (const s of sentences) assert.ok(s.start <= s.end && s.end <= text.length, text);
  }
});

test('bad lexicons and options throw Errors naming the problem', () => {
  const table = [
    [{ lexicons: [{ name: 'perso.tsv', text: '# x\nguerre\twar\t1\n' }] }, /^perso\.tsv:2: 4 à 8 colonnes/],
    [{ lexicons: [{ name: 'perso.tsv', text: 'guerre\twar\t1\t-9\n' }] }, /^perso\.tsv:1: valence -9 hors limites/],
    [{ categories: ['war', 'paix'] }, /catégorie inconnue « paix »/],
    [{ minWeight: -1 }, /poids minimum/],
    [{ minweight: 1 }, /option inconnue « minweight »/],
    [{ lexicons: 'war.tsv' }, /options invalides : « lexicons » doit être une liste/],
    [{ lexicons: [{ name: 'perso.tsv' }] }, /« lexicons\[\]\.text » doit être une chaîne/],
    [{ rules: [{ name: 7, text: '' }] }, /« rules\[\]\.name » doit être une chaîne/],
    [{ categories: 'war' }, /« categories » doit être une liste/],
    [{ categories: ['war', 3] }, /« categories\[\] » doit être une chaîne/],
    [{ embedded: 'non' }, /« embedded » doit être un booléen/],
    [{ minWeight: '1' }, /« minWeight » doit être un nombre/],
    [42, /options invalides : un objet simple est attendu/],
    [new Map([["minWeight", 1]]), /un objet simple est attendu/],
    [{ lexicons: [null] }, /« lexicons\[\] » doit être un objet/],
    [{ get minWeight() { throw new Error('boom'); } }, /« minWeight » ne peut pas être lu/],
    [{ rules: [{ name: 'r.tsv', get text() { throw new Error('boom'); } }] }, /« rules\[\]\.text » ne peut pas être lu/],
    [new Proxy({}, { ownKeys() { throw new Error('boom'); } }), /ses clés ne peuvent pas être lues/],
    [{ minWeight: NaN }, /poids minimum doit être un nombre ≥ 0, pas NaN/],
    [{ minWeight: -1e300 }, /pas -1e300/],
  ];
  for (const [options, message] of table) {
    assert.throws(() => new web.Analyzer(options), (e) => e instanceof Error && message.test(e.message), String(message));
  }
  assert.equal(web.analyze('rien').spans.length, 0, 'still usable after errors');
  // `null` and `undefined` fields are absent, symbol keys ignored, an object with no
  // prototype read like any other.
  const plain = Object.assign(Object.create(null), { lexicons: null, embedded: undefined, categories: ['war'] });
  for (const options of [plain, { ...plain, [Symbol('x')]: 1, minWeight: 0.5 }]) {
    const lenient = new web.Analyzer(options);
    assert.deepEqual(lenient.analyze('La guerre est une honte.').spans.map((s) => s.category), ['war']);
    lenient.free();
  }
});

test('10,000 analyses of a 10 KB text keep the wasm memory under 64 MiB', () => {
  const sentence = 'Les milices, très scandaleuses, auraient bombardé la patrie sans précédent ! ';
  const text = sentence.repeat(Math.ceil(10_000 / sentence.length)).slice(0, 10_000);
  let spans = 0;
  for (let i = 0; i < 10_000; i++) spans += analyzer.analyze(text).spans.length;
  const bytes = exports.memory.buffer.byteLength;
  console.log(`# wasm memory after 10,000 analyses of 10 KB: ${(bytes / 2 ** 20).toFixed(1)} MiB, ${spans} spans`);
  assert.ok(spans > 10_000);
  assert.ok(bytes < 64 * 2 ** 20, `${bytes} bytes`);
});

test('the analysis is the native engine\'s, field for field and in the same order', () => {
  // The wasm binding packs spans and sentences into numbers and a string table, unpacked
  // in JS: the result must be what the CLI prints (serde), keys in the same order.
  const cli = new URL('target/release/surligneur', root).pathname;
  const table = [
    // Modifiers of every kind, alternatives and none, a repeated entry, hearsay.
    'Ce RÉGIME n’est pas un « régime » très scandaleux, mais le régime bombarde !! Il aurait menti.',
    'Les milices 🔥 contre l’intervention militaire. E\u0301te\u0301 : la guerre, encore la guerre !',
    '👨‍👩‍👧‍👦 La patrie\r\n\r\nSans précédent… vraiment ? Oui.',
    // Negative rows: no span, still sentences and a summary.
    'Le conseil municipal a voté le budget.',
    '',
  ];
  for (const text of table) {
    const native = execFileSync(cli, ['--json'], { input: text, encoding: 'utf8' });
    assert.equal(JSON.stringify(web.analyze(text)), JSON.stringify(JSON.parse(native)), text);
  }
});

test('an analyzer saved with toBytes() and read back with fromBytes() analyzes the same', () => {
  const text = 'Ce RÉGIME n’est pas un « régime » très scandaleux, mais le régime bombarde !! Il aurait menti. 🔥';
  const options = { lexicons: [{ name: 'fixture.tsv', text: fixture }], minWeight: 0.5 };
  const built = new web.Analyzer(options);
  const bytes = built.toBytes();
  assert.ok(bytes instanceof Uint8Array && bytes.length > 100_000, `${bytes.length} bytes`);
  const again = web.Analyzer.fromBytes(bytes, options);
  assert.ok(again.analyze(text).spans.length > 0);
  assert.deepEqual(again.analyze(text), built.analyze(text));
  assert.equal(again.entries, built.entries);
  again.free();
  built.free();
  // Negative rows: bytes of other options, damaged or not a snapshot at all, and bad
  // options, each an Error that says so.
  const damaged = bytes.slice();
  damaged[damaged.length - 1] ^= 1;
  const refused = [
    [bytes, { ...options, minWeight: 1 }, /^instantané refusé : fait par une autre version ou avec d’autres lexiques ou options$/],
    [bytes, undefined, /autres lexiques ou options/],
    [damaged, options, /^instantané refusé : données abîmées \(somme de contrôle\)$/],
    [bytes.slice(0, 20), options, /^instantané refusé : données abîmées \(tronqué\)$/],
    [new Uint8Array(0), options, /^instantané refusé : pas un instantané de Surligneur \(trop court\)$/],
    [new TextEncoder().encode('guerre\twar\t1\t-1\n'), options, /^instantané refusé : pas un instantané de Surligneur$/],
    [bytes, { ...options, minWeight: -1 }, /poids minimum/],
  ];
  for (const [b, o, message] of refused) {
    assert.throws(() => web.Analyzer.fromBytes(b, o), (e) => e instanceof Error && message.test(e.message), String(message));
  }
});

test('the nodejs build gives the same analysis', { skip: !existsSync(new URL('target/pkg-nodejs/surligneur.js', root)) && 'target/pkg-nodejs not built' }, () => {
  const node = createRequire(import.meta.url)(new URL('target/pkg-nodejs/surligneur.js', root).pathname);
  const text = 'La guerre, le dictateur et la patrie 🔥.';
  const options = { lexicons: [{ name: 'fixture.tsv', text: fixture }] };
  assert.deepEqual(new node.Analyzer(options).analyze(text), analyzer.analyze(text));
  assert.deepEqual(node.categories(), web.categories());
});

test('a text that is not a string, or is past the limit, throws before any analysis', () => {
  const table = [
    [42, TypeError, /^le texte doit être une chaîne, pas number$/],
    [null, TypeError, /pas object/],
    [undefined, TypeError, /pas undefined/],
    [['la guerre'], TypeError, /pas object/],
    [new String('la guerre'), TypeError, /pas object/],
    // 256 MiB + 1 UTF-16 units are refused by their length, never encoded (one byte each
    // at least: the limit is in bytes of UTF-8).
    ['a'.repeat(256 * 2 ** 20 + 1), Error, /^texte trop long : 268435457 unités UTF-16, soit au moins autant d'octets en UTF-8, pour une limite de 268435456/],
  ];
  for (const [text, type, message] of table) {
    for (const call of [() => analyzer.analyze(text), () => web.analyze(text)]) {
      assert.throws(call, (e) => e instanceof type && message.test(e.message), String(message));
    }
  }
  // Negative rows: strings, whatever they hold, are analyzed.
  for (const text of ['', 'la guerre', '\uDFFF', '\0'.repeat(1000)]) {
    assert.ok(Array.isArray(analyzer.analyze(text).spans), JSON.stringify(text));
  }
});

test('50 MB in one call is analyzed, offsets still exact at the end', () => {
  const paragraph = 'Le conseil municipal a voté le budget de la médiathèque, puis la guerre des chiffres a repris.\n\n';
  const text = paragraph.repeat(Math.ceil(50e6 / paragraph.length));
  const { spans, summary } = analyzer.analyze(text);
  assert.ok(Buffer.byteLength(text) >= 50e6);
  assert.equal(spans.length, Math.ceil(50e6 / paragraph.length));
  const last = spans[spans.length - 1];
  assert.equal(text.slice(last.start, last.end), 'guerre');
  assert.ok(summary.words > 7e6);
});
