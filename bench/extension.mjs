// Benchmark (not a test): the extension on real French news pages served locally with a
// strict CSP (script-src 'self'), in headless Chromium. Prints, per page, the collected
// text's length, the marks made, and the time to highlight (median of several runs, split
// into collect / analyze in the service worker / mark), plus the longest main-thread task
// seen while highlighting (what "not freezing the tab" is about). A third page, the body of
// liberation-1 repeated 15 times, shows how a long page is chunked.
//   node bench/extension.mjs [RUNS]        (needs www/pkg: scripts/build-web.sh)
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { launch } from '../tests/web/browser.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PAGES_DIR = '/work/shared/realworld/pages';
const PAGES = ['lemonde-1.html', 'liberation-1.html', 'liberation-1-x15.html'];
const RUNS = Number(process.argv[2] ?? 5);

const work = await mkdtemp(join(tmpdir(), 'surligneur-bench-'));
const extension = join(work, 'extension');
execFileSync('bash', [join(REPO, 'scripts/build-extension.sh'), '--no-zip', extension], { stdio: 'pipe' });
// As in the tests: a host permission stands in for the toolbar click that grants activeTab.
const manifest = JSON.parse(await readFile(join(extension, 'manifest.json'), 'utf8'));
manifest.host_permissions = ['http://127.0.0.1/*'];
await writeFile(join(extension, 'manifest.json'), JSON.stringify(manifest));

const site = join(work, 'site');
await mkdir(site);
for (const name of PAGES.slice(0, 2)) await copyFile(join(PAGES_DIR, name), join(site, name));
const liberation = await readFile(join(PAGES_DIR, 'liberation-1.html'), 'utf8');
const open = liberation.search(/<body[^>]*>/i);
const bodyStart = liberation.indexOf('>', open) + 1;
const bodyEnd = liberation.lastIndexOf('</body>');
await writeFile(join(site, 'liberation-1-x15.html'), liberation.slice(0, bodyStart)
  + liberation.slice(bodyStart, bodyEnd).repeat(15) + liberation.slice(bodyEnd));

const server = await serve(site, {
  headers: (path) => (path.endsWith('.html') ? { 'content-security-policy': "script-src 'self'" } : {}),
});
const browser = await launch({ extension });
const { context } = browser;
// The saved pages point at their sites' servers: nothing leaves the machine.
await context.route('**/*', (route) => (route.request().url().startsWith(server.url)
  ? route.continue() : route.abort()));
const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

try {
  for (const name of PAGES) {
    const page = await context.newPage();
    const url = server.url + name;
    await page.goto(url, { waitUntil: 'load' });
    const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
    const runs = [];
    let last;
    for (let i = 0; i < RUNS + 1; i++) {
      const started = Date.now();
      last = await worker.evaluate((t) => globalThis.surligneur.run(t, 'highlight'), tabId);
      const wall = Date.now() - started;
      if (last.error) throw new Error(`${name}: ${last.error}`);
      if (i > 0) runs.push({ wall, ...last.timings }); // the first run warms the engine up
      await worker.evaluate((t) => globalThis.surligneur.run(t, 'clear'), tabId);
    }
    // One more run with a probe in the page: a message loop that notes the longest gap
    // between two of its turns, i.e. the longest the tab could not respond. (A longtask
    // PerformanceObserver does not see the content script's tasks.)
    await page.evaluate(() => {
      const probe = (globalThis.__probe = { longest: 0, on: true });
      const channel = new MessageChannel();
      let last = performance.now();
      channel.port1.onmessage = () => {
        const now = performance.now();
        probe.longest = Math.max(probe.longest, now - last);
        last = now;
        if (probe.on) channel.port2.postMessage(0);
      };
      channel.port2.postMessage(0);
    });
    await worker.evaluate((t) => globalThis.surligneur.run(t, 'highlight'), tabId);
    const longest = await page.evaluate(() => {
      globalThis.__probe.on = false;
      return globalThis.__probe.longest;
    });
    await worker.evaluate((t) => globalThis.surligneur.run(t, 'clear'), tabId);
    const pick = (key) => median(runs.map((r) => r[key]));
    console.log(`${name}: ${last.timings.chars} chars, ${last.marks} marks (${last.found} spans, ${last.shown} shown), `
      + `charge ${last.summary.charge.toFixed(1)}`);
    console.log(`  highlight ${ms(pick('total'))} median of ${RUNS} (collect ${ms(pick('collect'))}, `
      + `analyze ${ms(pick('analyze'))} incl. messaging, mark ${ms(pick('mark'))}); `
      + `toolbar-to-done ${ms(pick('wall'))}; longest the tab was blocked ${ms(longest)}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(work, { recursive: true, force: true });
}
