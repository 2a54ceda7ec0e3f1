// Surligneur's content script (a classic script: injected with chrome.scripting after
// highlight.classic.js, which defines globalThis.SurligneurHighlight). It collects the
// page's prose, sends it to the service worker (where the engine runs) chunk by chunk,
// and marks the spans it gets back in time slices, so a long page never freezes the tab.
// Everything it changes in the page is a mark element; clearing removes them all and the
// DOM is exactly as before.
(() => {
  if (typeof globalThis.SurligneurContent === 'object') return;
  const H = globalThis.SurligneurHighlight;
  const ID_ATTR = 'data-surligneur-id';
  // Only the extension's own marks: a page using highlight.js (Surligneur's demo) keeps its.
  const OURS = `${H.MARK_TAG}[${H.MARK_ATTR}]`;

  const CHUNK_CHARS = 200_000; // text sent to the worker at once
  const SLICE_MS = 8; // marking work between two yields to the page
  const WATCH_DELAY_MS = 800; // watch mode: at most one pass per delay
  const TOP = 12; // strongest spans listed in the popup

  /**
   * @typedef {{id: number, start: number, end: number, text: string, category: string,
   *   term: string, weight: number, negated: boolean, explanation: string,
   *   alternative: string | null}} Span
   */
  const state = {
    active: false,
    /** @type {Promise<void> | null} */
    running: null,
    /** @type {Span[]} every span found, shown or not */
    spans: [],
    /** @type {any} the page's summary, chunks combined */
    summary: null,
    /** @type {Set<string> | null} categories shown; null until the settings arrive */
    enabled: null,
    watch: null,
    text: '',
    labels: {},
    lexiconError: null,
    /** @type {string | null} */
    error: null,
    nextId: 0,
    /** @type {MutationObserver | null} */
    observer: null,
  };

  /** Yield to the page (not throttled in background tabs, unlike setTimeout). */
  function yieldToPage() {
    if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  }

  async function analyze(text) {
    const result = await chrome.runtime.sendMessage({ type: 'surligneur:analyze', text });
    if (!result || result.error) throw new Error(result?.error ?? 'moteur indisponible');
    state.labels = result.labels ?? state.labels;
    state.lexiconError = result.lexiconError;
    state.enabled ??= new Set(result.settings.categories);
    state.watch ??= Boolean(result.settings.watch);
    return result;
  }

  /** Cut the text at block breaks into pieces of at most about CHUNK_CHARS. */
  function chunks(text) {
    const out = [];
    let start = 0;
    while (start < text.length) {
      let end = Math.min(text.length, start + CHUNK_CHARS);
      if (end < text.length) {
        const cut = text.lastIndexOf(H.BLOCK_BREAK, end);
        if (cut > start) end = cut;
        else {
          const next = text.indexOf(H.BLOCK_BREAK, end);
          end = next < 0 ? text.length : next;
        }
      }
      out.push({ offset: start, text: text.slice(start, end) });
      start = end;
    }
    return out;
  }

  /** Combine two chunks' summaries: counts add up, charge and polarity by word count. */
  function combine(a, b) {
    if (!a) return structuredClone(b);
    const words = a.words + b.words;
    const mean = (x, y) => (words ? (x * a.words + y * b.words) / words : Math.max(x, y));
    const categories = structuredClone(a.categories);
    for (const [id, c] of Object.entries(b.categories ?? {})) {
      const into = (categories[id] ??= { count: 0, weight: 0 });
      into.count += c.count;
      into.weight += c.weight;
    }
    return { words, charge: mean(a.charge, b.charge), polarity: mean(a.polarity, b.polarity), categories };
  }

  function tooltip(span) {
    const label = state.labels[span.category] ?? span.category;
    let text = `${label} — ${span.explanation || span.term} (poids ${span.weight.toFixed(1)})`;
    if (span.negated) text += ' — sous une négation';
    if (span.alternative) text += `\nPlus neutre : ${span.alternative}`;
    return text;
  }

  function makeMark(span) {
    const mark = document.createElement(H.MARK_TAG);
    mark.setAttribute(H.MARK_ATTR, span.category);
    mark.setAttribute(ID_ATTR, String(span.id));
    if (span.negated) mark.setAttribute('data-surligneur-negated', '');
    mark.title = tooltip(span);
    return mark;
  }

  /** Run `change` with the watch observer paused, so our own marks are not "added content". */
  function quietly(change) {
    const observer = state.observer;
    if (!observer) return change();
    const pending = observer.takeRecords();
    if (pending.length) onMutations(pending);
    observer.disconnect();
    try {
      return change();
    } finally {
      observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
    }
  }

  /** Mark `spans` (offsets into collected.text) in time slices; stops if cleared meanwhile. */
  async function markInSlices(collected, spans, generation) {
    let i = 0;
    while (i < spans.length) {
      const started = performance.now();
      while (i < spans.length && performance.now() - started < SLICE_MS) {
        const batch = spans.slice(i, i + 64);
        i += batch.length;
        quietly(() => H.markRanges(collected, batch, makeMark));
      }
      if (i < spans.length) {
        await yieldToPage();
        if (generation !== state.generation) return;
      }
    }
  }

  const shown = (span) => state.enabled?.has(span.category) ?? true;

  /** Highlight the whole page. */
  async function highlight() {
    if (state.running) await state.running;
    if (state.active) return status();
    state.active = true;
    state.error = null;
    state.spans = [];
    state.summary = null;
    const generation = (state.generation = (state.generation ?? 0) + 1);
    const timings = { collect: 0, analyze: 0, mark: 0, total: 0, chars: 0 };
    state.timings = timings;
    state.running = (async () => {
      const started = performance.now();
      const collected = H.collectText(document);
      state.text = collected.text;
      timings.chars = collected.text.length;
      timings.collect = performance.now() - started;
      for (const chunk of chunks(collected.text)) {
        let t = performance.now();
        const result = await analyze(chunk.text);
        timings.analyze += performance.now() - t;
        if (generation !== state.generation) return;
        const spans = result.spans.map((s) => ({
          ...s, id: state.nextId++, start: s.start + chunk.offset, end: s.end + chunk.offset,
        }));
        state.spans.push(...spans);
        state.summary = combine(state.summary, result.summary);
        t = performance.now();
        await markInSlices(collected, spans.filter(shown), generation);
        timings.mark += performance.now() - t;
        if (generation !== state.generation) return;
      }
      timings.total = performance.now() - started;
      if (state.watch) observe();
    })();
    try {
      await state.running;
    } catch (error) {
      state.error = String(error?.message ?? error);
      clear();
      state.error = String(error?.message ?? error);
    } finally {
      state.running = null;
    }
    return report();
  }

  /** Remove every mark: the DOM is exactly as before highlighting. */
  function clear() {
    state.generation = (state.generation ?? 0) + 1;
    stopObserving();
    state.active = false;
    state.spans = [];
    state.summary = null;
    state.text = '';
    state.error = null;
    H.unmark(document, OURS);
    return report();
  }

  async function toggle() {
    if (state.active || state.running) return clear();
    return highlight();
  }

  /** Show only `categories`: re-mark from the spans found (re-analyze if the page changed). */
  async function setCategories({ categories }) {
    state.enabled = new Set(categories);
    if (!state.active) return status();
    if (state.running) await state.running;
    stopObserving();
    H.unmark(document, OURS);
    const collected = H.collectText(document);
    if (collected.text !== state.text) {
      state.active = false;
      return highlight();
    }
    const generation = (state.generation = (state.generation ?? 0) + 1);
    await markInSlices(collected, state.spans.filter(shown), generation);
    if (state.watch) observe();
    return report();
  }

  function setWatch({ on }) {
    state.watch = Boolean(on);
    if (state.active && state.watch) observe();
    else stopObserving();
    return status();
  }

  // Watch mode: new content (infinite scroll, live blogs) is highlighted as it comes,
  // subtree by subtree, at most once per WATCH_DELAY_MS.
  /** @type {Set<Node>} */
  const added = new Set();
  let timer = 0;

  function observe() {
    if (state.observer) return;
    state.observer = new MutationObserver(onMutations);
    state.observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
  }

  function stopObserving() {
    state.observer?.disconnect();
    state.observer = null;
    added.clear();
    clearTimeout(timer);
    timer = 0;
  }

  function onMutations(records) {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 || (node.nodeType === 3 && node.data.trim())) added.add(node);
      }
    }
    if (added.size && !timer) timer = setTimeout(highlightAdded, WATCH_DELAY_MS);
  }

  async function highlightAdded() {
    timer = 0;
    if (!state.active) return;
    if (state.running) {
      timer = setTimeout(highlightAdded, WATCH_DELAY_MS);
      return;
    }
    const roots = [];
    for (const node of added) {
      const el = node.nodeType === 1 ? /** @type {Element} */ (node) : node.parentElement;
      if (!el || !el.isConnected || el.closest(OURS) || el.closest(H.SKIPPED_SELECTOR)) continue;
      // Text typed into an already highlighted element would need the whole element redone.
      if (node.nodeType === 3 && el.querySelector(OURS)) continue;
      roots.push(el);
    }
    added.clear();
    const outer = roots.filter((el) => !roots.some((other) => other !== el && other.contains(el)));
    const generation = state.generation;
    state.running = (async () => {
      for (const root of outer) {
        if (!root.isConnected) continue;
        quietly(() => H.unmark(root, OURS)); // copies of marked content made by the page
        const collected = H.collectText(root);
        if (!collected.text.trim()) continue;
        const result = await analyze(collected.text);
        if (generation !== state.generation) return;
        const spans = result.spans.map((s) => ({ ...s, id: state.nextId++ }));
        state.spans.push(...spans);
        state.summary = combine(state.summary, result.summary);
        state.text = null; // offsets of these spans are not into the page's text
        await markInSlices(collected, spans.filter(shown), generation);
      }
    })();
    try {
      await state.running;
    } catch {
      // the worker was unreachable: try again with the next additions
    } finally {
      state.running = null;
    }
    report();
  }

  function scrollToSpan({ id }) {
    const mark = document.querySelector(`${H.MARK_TAG}[${ID_ATTR}="${Number(id)}"]`);
    if (!mark) return { found: false };
    mark.scrollIntoView({ behavior: 'smooth', block: 'center' });
    const pieces = document.querySelectorAll(`${H.MARK_TAG}[${ID_ATTR}="${Number(id)}"]`);
    for (const piece of pieces) piece.setAttribute('data-surligneur-flash', '');
    setTimeout(() => {
      for (const piece of pieces) piece.removeAttribute('data-surligneur-flash');
    }, 1600);
    return { found: true };
  }

  /** The state the popup shows. */
  function status() {
    const visible = state.spans.filter(shown);
    const seen = new Set();
    const top = [];
    for (const span of [...visible].sort((a, b) => b.weight - a.weight || a.start - b.start)) {
      const key = `${span.category}\u0000${span.text.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      top.push({ id: span.id, text: span.text, category: span.category, weight: span.weight,
        negated: span.negated, explanation: span.explanation });
      if (top.length === TOP) break;
    }
    return {
      active: state.active,
      busy: Boolean(state.running),
      summary: state.summary,
      found: state.spans.length,
      shown: visible.length,
      marks: document.querySelectorAll(OURS).length,
      enabled: state.enabled ? [...state.enabled] : null,
      watch: Boolean(state.watch),
      labels: state.labels,
      lexiconError: state.lexiconError,
      error: state.error,
      timings: state.timings ?? null,
      top,
    };
  }

  /** status(), also told to the worker for the toolbar badge (automatic highlighting). */
  function report() {
    const current = status();
    chrome.runtime.sendMessage({ type: 'surligneur:status', state: current }).catch(() => {});
    return current;
  }

  const HANDLERS = {
    'surligneur:highlight': highlight,
    'surligneur:clear': clear,
    'surligneur:toggle': toggle,
    'surligneur:state': status,
    'surligneur:filter': setCategories,
    'surligneur:watch': setWatch,
    'surligneur:scroll': scrollToSpan,
  };

  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const handler = HANDLERS[message?.type];
    if (!handler) return false;
    Promise.resolve()
      .then(() => handler(message))
      .then(sendResponse, (error) => sendResponse({ error: String(error?.message ?? error) }));
    return true;
  });

  globalThis.SurligneurContent = { highlight, clear, toggle, status };
})();
