// The analyzer of the last start, kept as bytes (Analyzer.toBytes) in this origin's
// IndexedDB: the next start reads it back with Analyzer.fromBytes, in a fraction of the
// time a build takes (parsing and inflecting every lexicon). The engine refuses bytes made
// by another build of it or with other lexicons or options; the analyzer is then built and
// its bytes replace the old ones. Used by the page and by the extension's service worker.
// Where IndexedDB is missing or fails (a file:// page, a private window that refuses it),
// the analyzer is simply built. A page's first visit does not open IndexedDB at all: a mark
// in localStorage says when bytes were kept, because IndexedDB's first use in a fresh
// Chromium profile takes 20–60 ms, which the build would wait for only to learn that
// nothing is there.

const DATABASE = 'surligneur';
const STORE = 'analyseur';
const KEY = 'dernier';
/** localStorage key set once bytes are kept (a service worker has no localStorage: it reads). */
const MARK = 'surligneur:analyseur-garde';
/** Saving waits this long, so that it never delays a first analysis. */
const SAVE_DELAY_MS = 1000;

/**
 * @typedef {import('./pkg/surligneur.js').Analyzer} Analyzer
 * @typedef {import('./pkg/surligneur.js').AnalyzerOptions} AnalyzerOptions
 * @typedef {{fromBytes(bytes: Uint8Array, options?: AnalyzerOptions): Analyzer,
 *   new (options?: AnalyzerOptions): Analyzer}} AnalyzerClass
 */

/**
 * The analyzer for `options`: the kept one if it was made with them, else a new one (whose
 * bytes are kept). Throws as `new Analyzer(options)` does on a bad lexicon or option.
 * @param {AnalyzerClass} AnalyzerClass
 * @param {AnalyzerOptions} options
 * @param {Promise<Uint8Array | null>} [kept] the kept bytes, if their reading was started
 *   earlier (`readKept()` while the wasm loads)
 * @returns {Promise<{analyzer: Analyzer, kept: boolean}>}
 */
export async function startAnalyzer(AnalyzerClass, options, kept = readKept()) {
  const bytes = await kept;
  if (bytes) {
    try {
      return { analyzer: AnalyzerClass.fromBytes(bytes, options), kept: true };
    } catch {
      // Made by another build or with other options: build.
    }
  }
  const analyzer = new AnalyzerClass(options);
  keep(analyzer);
  return { analyzer, kept: false };
}

/**
 * Keep `analyzer`'s bytes for the next start, a moment from now (unless it has been freed
 * by then: a newer one is being kept instead).
 * @param {Analyzer} analyzer
 */
export function keep(analyzer) {
  setTimeout(() => {
    let bytes;
    try {
      bytes = analyzer.toBytes();
    } catch {
      return; // freed
    }
    write(bytes).then(() => globalThis.localStorage?.setItem(MARK, '1')).catch(() => {});
  }, SAVE_DELAY_MS);
}

/** @returns {Promise<IDBDatabase>} */
function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * One request on the store, in its own transaction.
 * @template T
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest<T>} make
 * @returns {Promise<T>}
 */
async function request(mode, make) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const req = make(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(req.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** @returns {Promise<Uint8Array | null>} the kept bytes, or null */
export async function readKept() {
  if (typeof indexedDB === 'undefined') return null;
  try {
    if (globalThis.localStorage?.getItem(MARK) === null) return null;
    const value = await request('readonly', (store) => store.get(KEY));
    return value instanceof Uint8Array ? value : null;
  } catch {
    return null;
  }
}

/** @param {Uint8Array} bytes */
function write(bytes) {
  if (typeof indexedDB === 'undefined') return Promise.resolve();
  return request('readwrite', (store) => store.put(bytes, KEY));
}
