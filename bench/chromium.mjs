// Benchmark (not a test): the web package (www/pkg) in headless Debian Chromium, and the
// plain JS Map highlighter in the same page on the same texts; start-up in fresh browsers.
//   node bench/chromium.mjs [--json FILE]     (needs www/pkg and bench/corpus: bench/run.sh)
// The repository root is served on loopback by scripts/serve.mjs (no-store: no HTTP or wasm
// code cache); the page is bench/chromium.html, the timing code bench/measure.mjs.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { fmt, median, table } from './measure.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const STARTUP_RUNS = 5;
const LIVE_TYPING_CHARS = 20_000;
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

/** A fresh profile in a fresh headless Chromium, and one page of the benchmark loaded. */
async function open(url) {
  const profile = await mkdtemp(join(tmpdir(), 'surligneur-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(url);
  await page.waitForFunction(() => window.ready || null, null, { timeout: 60_000 }).catch((e) => {
    throw errors[0] ?? e;
  });
  return {
    page,
    /** Load the page again in the same profile (a second visit); its start-up. */
    revisit: async () => {
      await page.reload();
      await page.waitForFunction(() => window.ready || null, null, { timeout: 60_000 });
      return page.evaluate(() => window.bench.startup);
    },
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const names = (await readdir(join(REPO, 'bench/corpus'))).filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace(/\.txt$/, ''));
const lexicons = (await readdir(join(REPO, 'lexicons'))).filter((f) => f.endsWith('.tsv') && f !== 'rules.tsv');
const version = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const server = await serve(REPO);
const url = `${server.url}bench/chromium.html`;

const startups = [];
const revisits = [];
const results = {};
let live;
try {
  // The first browser: its start-up, then every throughput figure.
  const first = await open(url);
  startups.push(await first.page.evaluate(() => window.bench.startup));
  for (const name of names) {
    results[name] = await first.page.evaluate(([n, l]) => window.bench.throughput(n, l), [name, lexicons]);
    const r = results[name];
    process.stderr.write(`[chromium] ${name}: analyze ${fmt(r.surligneur.ms)} ms/call ${fmt(r.surligneur.mbps)} MB/s `
      + `(${r.surligneur.samples} samples); map ${fmt(r.map.mbps)} MB/s\n`);
  }
  if (names.includes('prose-100KB')) {
    live = await first.page.evaluate(([n, s]) => window.bench.throughput(n, null, { slice: s }), ['prose-100KB', LIVE_TYPING_CHARS]);
  }
  await first.close();
  // More start-ups, each in a fresh browser (a renderer could keep compiled wasm); then a
  // second visit in that browser, once the page has kept its analyzer in IndexedDB.
  for (let i = 1; i < STARTUP_RUNS; i++) {
    const b = await open(url);
    startups.push(await b.page.evaluate(() => window.bench.startup));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    revisits.push(await b.revisit());
    await b.close();
  }
  if (startups.some((s) => s.kept) || revisits.some((s) => !s.kept)) {
    throw new Error(`a first visit must build, a second read back: ${JSON.stringify({ startups, revisits })}`);
  }
} finally {
  await server.close();
}

const sorted = [...names].sort((a, b) => results[a].bytes - results[b].bytes);
const medians = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((s) => s[k]))]));
const startup = medians(startups);
const revisit = medians(revisits);
const ratio = Object.fromEntries(sorted.map((n) => [n, results[n].surligneur.mbps / results[n].map.mbps]));
console.log(`\n${version} (headless): throughput in MB/s (spans found), median per call`);
console.log(table([
  ['MB/s (found)', ...sorted],
  ['Surligneur WASM analyze()', ...sorted.map((n) => `${fmt(results[n].surligneur.mbps)} (${results[n].surligneur.found})`)],
  [`JS Map highlighter (${results[sorted[0]].map.words} words)`, ...sorted.map((n) => `${fmt(results[n].map.mbps)} (${results[n].map.found})`)],
  ['ours ÷ JS Map highlighter', ...sorted.map((n) => `${fmt(ratio[n])}×`)],
  ['ours, ms per MB', ...sorted.map((n) => fmt(1e6 / results[n].bytes * results[n].surligneur.ms))],
]));
if (live) console.log(`analyze() of the first ${LIVE_TYPING_CHARS} chars of prose-100KB (${live.bytes} bytes): ${fmt(live.surligneur.ms)} ms per call`);
console.log(`start-up (median of ${STARTUP_RUNS} fresh browsers): ${fmt(startup.total)} ms = import glue ${fmt(startup.import)}`
  + ` + fetch, compile, instantiate wasm ${fmt(startup.wasm)} + new Analyzer() ${fmt(startup.analyzer)}`);
console.log(`start-up on a second visit (median of ${revisits.length}): ${fmt(revisit.total)} ms = import glue ${fmt(revisit.import)}`
  + ` + fetch, compile, instantiate wasm ${fmt(revisit.wasm)} + analyzer read back from IndexedDB ${fmt(revisit.analyzer)}`);

if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({ version, results, ratio, startup, startups, revisit, revisits, live }, null, 1));
}
