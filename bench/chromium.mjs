// Benchmark (not a test): the web package (www/pkg) in headless Debian Chromium, and the
// plain JS Map highlighter in the same page on the same texts; start-up in fresh browsers,
// of that page and of the demo page (www/index.html, from navigation to ready).
//   node bench/chromium.mjs [--json FILE]     (needs www/pkg and bench/corpus: bench/run.sh)
// The repository root is served on loopback by scripts/serve.mjs, cacheable for 10 minutes
// as GitHub Pages serves (a fresh profile's cache is empty: a second visit alone can use
// it); the page is bench/chromium.html, the timing code bench/measure.mjs.
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
const STARTUP_RUNS = 7;
/** A reader's browser is already running: a page loaded while a fresh Chromium is still
 * starting shares the two cores with that start (+60 ms to a first start here). */
const SETTLE_MS = 2000;
const LIVE_TYPING_CHARS = 20_000;
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

/** A fresh profile in a fresh headless Chromium, and one page loaded (bench/chromium.html,
 * ready when it sets window.ready; www/index.html, when it sets data-pret). */
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
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const ready = () => page.waitForFunction(() => window.ready || 'pret' in document.documentElement.dataset || null,
    null, { timeout: 60_000 });
  await page.goto(url);
  await ready().catch((e) => {
    throw errors[0] ?? e;
  });
  // The demo page's: navigation → its analyzer started (HTML, modules, wasm, the page's
  // setup), the analyzer (built or read back), navigation → ready.
  const startup = () => page.evaluate(() => {
    if (window.bench) return window.bench.startup;
    const made = performance.getEntriesByName('surligneur:demarrage')[0];
    return { total: performance.getEntriesByName('surligneur:pret')[0].startTime, load: made.startTime,
      analyzer: made.duration, kept: made.detail.kept };
  });
  return {
    page,
    startup,
    /** Load the page again in the same profile (a second visit); its start-up. */
    revisit: async () => {
      await page.reload();
      await ready();
      return startup();
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
const server = await serve(REPO, { headers: { 'cache-control': 'max-age=600' } });
const url = `${server.url}bench/chromium.html`;
const pageUrl = `${server.url}www/index.html`;

const startups = [];
const revisits = [];
const pageStartups = [];
const pageRevisits = [];
const all = { startups, revisits, pageStartups, pageRevisits };
const results = {};
let live;
try {
  // The first browser: its start-up, then every throughput figure.
  const first = await open(url);
  startups.push(await first.startup());
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
  // second visit in that browser, once the page has kept its analyzer in IndexedDB. The
  // benchmark page and the demo page in turn.
  for (let i = 0; i < STARTUP_RUNS; i++) {
    for (const [u, firsts, seconds] of [[url, startups, revisits], [pageUrl, pageStartups, pageRevisits]]) {
      if (u === url && i === 0) continue; // the first browser's
      const b = await open(u);
      firsts.push(await b.startup());
      await new Promise((resolve) => setTimeout(resolve, 2000));
      seconds.push(await b.revisit());
      await b.close();
    }
  }
  if ([...startups, ...pageStartups].some((s) => s.kept) || [...revisits, ...pageRevisits].some((s) => !s.kept)) {
    throw new Error(`a first visit must build, a second read back: ${JSON.stringify(all)}`);
  }
} finally {
  await server.close();
}

const sorted = [...names].sort((a, b) => results[a].bytes - results[b].bytes);
const medians = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((s) => s[k]))]));
const startup = medians(startups);
const revisit = medians(revisits);
const page = medians(pageStartups);
const pageRevisit = medians(pageRevisits);
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
console.log(`demo page (www/index.html), navigation to ready (median of ${pageStartups.length}): first visit ${fmt(page.total)} ms`
  + ` (analyzer started at ${fmt(page.load)}, built in ${fmt(page.analyzer)}); second visit ${fmt(pageRevisit.total)} ms`
  + ` (started at ${fmt(pageRevisit.load)}, read back in ${fmt(pageRevisit.analyzer)})`);

if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({ version, results, ratio, startup, revisit, page, pageRevisit, ...all, live }, null, 1));
}
