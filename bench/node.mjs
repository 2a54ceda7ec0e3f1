// Benchmark (not a test): the web package (www/pkg) in Node, against JS peers on the same
// texts in the same process, and its start-up in fresh processes.
//   node bench/node.mjs [--json FILE]        (needs www/pkg and bench/corpus: bench/run.sh)
// Throughput is MB/s of UTF-8 text (MB = 10^6 bytes), median per call (bench/measure.mjs);
// ours is `analyze(text)` returning the whole Analysis as a JS object (spans included).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmt, mapHighlighter, mbps, measure, measureAsync, median, table, utf8Bytes } from './measure.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PKG = `${REPO}www/pkg/`;
const CORPUS = `${REPO}bench/corpus/`;
const STARTUP_RUNS = 7;
const args = process.argv.slice(2);

if (args[0] === '--startup-child') {
  // One fresh process = one cold start: read the wasm, import the glue, compile,
  // instantiate, build the analyzer (the lexicon automaton); then one first analysis.
  // With a file argument, the analyzer is read back from the bytes in it
  // (Analyzer.fromBytes) instead of built: a later start, as the page and the extension
  // make from IndexedDB.
  const kept = args[1];
  const t0 = performance.now();
  const bytes = readFileSync(`${PKG}surligneur_bg.wasm`);
  const glue = await import(pathToFileURL(`${PKG}surligneur.js`).href);
  const t1 = performance.now();
  const module = new WebAssembly.Module(bytes);
  const t2 = performance.now();
  glue.initSync({ module });
  const t3 = performance.now();
  const analyzer = kept ? glue.Analyzer.fromBytes(readFileSync(kept)) : new glue.Analyzer();
  const t4 = performance.now();
  const text = readFileSync(`${CORPUS}prose-10KB.txt`, 'utf8');
  const t5 = performance.now();
  analyzer.analyze(text);
  const t6 = performance.now();
  console.log(JSON.stringify({
    total: t4 - t0, load: t1 - t0, compile: t2 - t1, instantiate: t3 - t2, analyzer: t4 - t3, first10KB: t6 - t5,
  }));
  process.exit(0);
}

const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const require = createRequire(import.meta.url);

// --- the texts: every corpus file, smallest first
const texts = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => {
  const text = readFileSync(CORPUS + f, 'utf8');
  return { name: f.replace(/\.txt$/, ''), text, bytes: utf8Bytes(text) };
}).sort((a, b) => a.bytes - b.bytes);
if (!texts.length) throw new Error('no text in bench/corpus: run bash bench/corpus.sh');

// --- the tools
const glue = await import(pathToFileURL(`${PKG}surligneur.js`).href);
glue.initSync({ module: readFileSync(`${PKG}surligneur_bg.wasm`) });
glue.analyze('Amorce.'); // builds the default analyzer once, outside every timing

const lexicons = readdirSync(`${REPO}lexicons`).filter((f) => f.endsWith('.tsv') && f !== 'rules.tsv')
  .map((f) => readFileSync(`${REPO}lexicons/${f}`, 'utf8'));
const map = mapHighlighter(lexicons);

const { containerBootstrap } = require('@nlpjs/core');
const { LangFr } = require('@nlpjs/lang-fr');
const { SentimentAnalyzer } = require('@nlpjs/sentiment');
const container = await containerBootstrap();
container.use(LangFr);
const nlpjs = new SentimentAnalyzer({ container });
const multilang = require('multilang-sentiment');

const TOOLS = [
  { id: 'surligneur', label: 'Surligneur WASM analyze()', run: (t) => glue.analyze(t), count: (r) => r.spans.length },
  { id: 'map', label: `JS Map highlighter (${map.words} words)`, run: (t) => map.highlight(t), count: (r) => r.length },
  { id: 'nlpjs', label: '@nlpjs/sentiment + lang-fr', async: true, run: (t) => nlpjs.process({ locale: 'fr', text: t }),
    count: (r) => r.sentiment.numHits },
  { id: 'multilang', label: "multilang-sentiment 'fr'", run: (t) => multilang(t, 'fr'), count: (r) => r.words.length },
];

// --- throughput
// A call that would last over SKIP_MS (extrapolated linearly from the previous, smaller
// text) is not measured: a slow peer on 10 MB would take minutes and cannot be the fastest.
const SKIP_MS = 3000;
const results = {};
for (const tool of TOOLS) {
  results[tool.id] = {};
  let msPerByte = 0;
  for (const { name, text, bytes } of texts) {
    if (msPerByte * bytes > SKIP_MS) {
      results[tool.id][name] = { bytes, skipped: `about ${fmt(msPerByte * bytes / 1000)} s per call` };
      process.stderr.write(`[node] ${tool.id} ${name}: skipped (${results[tool.id][name].skipped})\n`);
      continue;
    }
    const m = tool.async ? await measureAsync(() => tool.run(text)) : measure(() => tool.run(text));
    const found = tool.count(tool.async ? await tool.run(text) : tool.run(text));
    results[tool.id][name] = { ...m, bytes, mbps: mbps(bytes, m.ms), found };
    msPerByte = m.ms / bytes;
    process.stderr.write(`[node] ${tool.id} ${name}: ${fmt(m.ms)} ms/call, ${fmt(mbps(bytes, m.ms))} MB/s `
      + `(${m.samples} samples, ${m.calls} calls; ${found} found)\n`);
  }
}

// --- start-up, each in a fresh process
const startups = [];
for (let i = 0; i < STARTUP_RUNS; i++) {
  startups.push(JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--startup-child'], { encoding: 'utf8' })));
}
// ... and from the analyzer's bytes, written once here.
const keptFile = join(tmpdir(), `surligneur-bench-${process.pid}.bin`);
writeFileSync(keptFile, new glue.Analyzer().toBytes());
const keptStarts = [];
for (let i = 0; i < STARTUP_RUNS; i++) {
  keptStarts.push(JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--startup-child', keptFile], { encoding: 'utf8' })));
}
rmSync(keptFile);
const medians = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((s) => s[k]))]));
const startup = medians(startups);
const keptStart = medians(keptStarts);

// --- report
const names = texts.map((t) => t.name);
const rows = [['MB/s (found)', ...names]];
for (const tool of TOOLS) {
  rows.push([tool.label, ...names.map((n) => (results[tool.id][n].skipped ? 'skipped'
    : `${fmt(results[tool.id][n].mbps)} (${results[tool.id][n].found})`))]);
}
const peers = TOOLS.filter((t) => t.id !== 'surligneur');
const ratio = Object.fromEntries(names.map((n) => [n,
  results.surligneur[n].mbps / Math.max(...peers.map((p) => results[p.id][n].mbps ?? 0))]));
rows.push(['ours ÷ fastest JS peer', ...names.map((n) => `${fmt(ratio[n])}×`)]);
rows.push(['ours, ms per MB', ...names.map((n) => fmt(1e6 / results.surligneur[n].bytes * results.surligneur[n].ms))]);
console.log(`\nNode ${process.version}: throughput in MB/s (spans or hits found), median per call`);
console.log(table(rows));

// Time against size on the prose files: a least-squares line time = a + b·MB.
const prose = texts.filter((t) => t.name.startsWith('prose-'));
let slope = null;
if (prose.length >= 2) {
  const xs = prose.map((t) => t.bytes / 1e6);
  const ys = prose.map((t) => results.surligneur[t.name].ms);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const b = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  slope = { msPerMB: b, interceptMs: my - b * mx };
  console.log(`time against size (prose): ${prose.map((t, i) => `${t.name.slice(6)} ${fmt(ys[i])} ms`).join(', ')}; `
    + `fit: ${fmt(slope.interceptMs)} ms + ${fmt(slope.msPerMB)} ms/MB`);
}
console.log(`start-up (median of ${STARTUP_RUNS} fresh processes): ${fmt(startup.total)} ms = read+import glue ${fmt(startup.load)}`
  + ` + compile ${fmt(startup.compile)} + instantiate ${fmt(startup.instantiate)} + new Analyzer() ${fmt(startup.analyzer)};`
  + ` then first analyze(10 KB) ${fmt(startup.first10KB)} ms`);
console.log(`start-up from the analyzer's bytes (median of ${STARTUP_RUNS}): ${fmt(keptStart.total)} ms = read+import glue ${fmt(keptStart.load)}`
  + ` + compile ${fmt(keptStart.compile)} + instantiate ${fmt(keptStart.instantiate)} + Analyzer.fromBytes() ${fmt(keptStart.analyzer)}`);

if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({
    node: process.version, texts: texts.map(({ name, bytes }) => ({ name, bytes })),
    tools: TOOLS.map(({ id, label }) => ({ id, label })), results, ratio, slope, startup, startups, keptStart, keptStarts,
  }, null, 1));
}
