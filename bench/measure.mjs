// Shared by bench/node.mjs and bench/chromium.html: the timing loop, the plain JS
// highlighter used as a peer, and the units. No Node or DOM API: it runs in both.
//
// How a figure is taken: one untimed call (first-call costs: lazy compilation, a
// default analyzer built on first use), a warm-up of at least WARMUP_MS (unless that
// first call alone lasted longer), then samples
// of `batch` calls each (batch chosen so a sample lasts ≥ ~20 ms, above the browser's
// timer resolution) until at least MIN_MS have been measured and MIN_SAMPLES taken.
// The figure is the median time per call over the samples.

export const MIN_MS = 500;
export const WARMUP_MS = 200;
export const MIN_SAMPLES = 5;
const SAMPLE_MS = 20;

/** Median of an array of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** MB/s (MB = 10^6 bytes) for `bytes` handled in `ms`. */
export const mbps = (bytes, ms) => bytes / 1e3 / ms;

/** UTF-8 length of a string: every throughput here is in bytes of UTF-8. */
export const utf8Bytes = (text) => new TextEncoder().encode(text).length;

// Results go through here so no call can be optimized away.
let sink = 0;
const consume = (r) => {
  sink = (sink + (r && typeof r === 'object' ? (r.spans?.length ?? r.length ?? r.score ?? 1) : 1)) | 0;
};
export const sinkValue = () => sink;

function plan(perCall, { minMs, minSamples }) {
  const batch = Math.max(1, Math.ceil(SAMPLE_MS / Math.max(perCall, 1e-3)));
  // A call longer than a second (a slow peer on 10 MB) gets 3 samples, not MIN_SAMPLES:
  // the run has to fit in a few minutes. Still ≥ minMs of measurement.
  const samples = perCall > 1000 ? 3 : minSamples;
  return { batch, samples, minMs };
}

/**
 * Times `fn` (synchronous). Returns {ms: median per call, samples, calls, min, max}.
 * @param {() => unknown} fn
 */
export function measure(fn, { minMs = MIN_MS, warmupMs = WARMUP_MS, minSamples = MIN_SAMPLES } = {}) {
  const f0 = performance.now();
  consume(fn());
  let perCall = performance.now() - f0;
  // A first call longer than the warm-up is the warm-up (slow peers on 10 MB).
  if (perCall < warmupMs) {
    let calls = 0;
    const w0 = performance.now();
    do {
      consume(fn());
      calls++;
    } while (performance.now() - w0 < warmupMs);
    perCall = (performance.now() - w0) / calls;
  }
  const p = plan(perCall, { minMs, minSamples });
  const samples = [];
  const t0 = performance.now();
  while (samples.length < p.samples || performance.now() - t0 < p.minMs) {
    const s = performance.now();
    for (let i = 0; i < p.batch; i++) consume(fn());
    samples.push((performance.now() - s) / p.batch);
  }
  return summary(samples, p.batch);
}

/**
 * The same for an async `fn` (awaited one call at a time). Kept apart from `measure`
 * rather than shared: awaiting every call would add a microtask to each timed sync call.
 */
export async function measureAsync(fn, { minMs = MIN_MS, warmupMs = WARMUP_MS, minSamples = MIN_SAMPLES } = {}) {
  const f0 = performance.now();
  consume(await fn());
  let perCall = performance.now() - f0;
  // A first call longer than the warm-up is the warm-up (slow peers on 10 MB).
  if (perCall < warmupMs) {
    let calls = 0;
    const w0 = performance.now();
    do {
      consume(await fn());
      calls++;
    } while (performance.now() - w0 < warmupMs);
    perCall = (performance.now() - w0) / calls;
  }
  const p = plan(perCall, { minMs, minSamples });
  const samples = [];
  const t0 = performance.now();
  while (samples.length < p.samples || performance.now() - t0 < p.minMs) {
    const s = performance.now();
    for (let i = 0; i < p.batch; i++) consume(await fn());
    samples.push((performance.now() - s) / p.batch);
  }
  return summary(samples, p.batch);
}

function summary(samples, batch) {
  return {
    ms: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    samples: samples.length,
    calls: samples.length * batch,
  };
}

/**
 * The plain JS peer: the simplest highlighter one would write by hand. Words are runs of
 * letters (/\p{L}+/gu), lowercased and looked up in a Map built from the first column of
 * the term lexicons (variants split on `|`, a stem's `*` dropped); a hit is a span
 * {start, end, category} in UTF-16 units. Single words only: a multi-word expression of
 * the lexicons is never found, and nothing is inflected, folded or ruled.
 * @param {string[]} tsvTexts the contents of lexicons/*.tsv except rules.tsv
 */
export function mapHighlighter(tsvTexts) {
  const words = new Map();
  for (const tsv of tsvTexts) {
    for (const line of tsv.split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue;
      const [term, category] = line.split('\t');
      if (!category) continue;
      for (const variant of term.split('|')) {
        const word = variant.replace(/\*$/, '').toLowerCase();
        if (/^\p{L}+$/u.test(word) && !words.has(word)) words.set(word, category);
      }
    }
  }
  const highlight = (text) => {
    const spans = [];
    for (const m of text.matchAll(/\p{L}+/gu)) {
      const category = words.get(m[0].toLowerCase());
      if (category !== undefined) spans.push({ start: m.index, end: m.index + m[0].length, category });
    }
    return spans;
  };
  return { highlight, words: words.size };
}

/** Prints rows (arrays of cells) as an aligned text table; numbers right-aligned. */
export function table(rows, { header = true } = {}) {
  const widths = [];
  for (const row of rows) row.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, String(c).length); });
  const lines = rows.map((row) => row.map((c, i) => {
    const s = String(c);
    return i > 0 && /^[\d.,×\-–—<>≥≤ ]+[a-zA-Z/%µ×]*$/.test(s) ? s.padStart(widths[i]) : s.padEnd(widths[i]);
  }).join('  ').trimEnd());
  if (header && lines.length > 1) lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}

/** A number with 3 significant digits at most (no exponent). */
export function fmt(x, unit = '') {
  if (x === undefined || x === null || Number.isNaN(x)) return '–';
  const a = Math.abs(x);
  const s = a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toFixed(3);
  return s + unit;
}
