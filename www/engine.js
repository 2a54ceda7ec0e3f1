// The engine as the page uses it: the WebAssembly package loaded once, and one Analyzer
// (the lexicons compiled once) rebuilt only when the reader's lexicons or the minimum
// weight change; the first one is read back from the last visit's when it can be.
import init, { Analyzer, categories } from './pkg/surligneur.js';
import { keep, readKept, startAnalyzer } from './kept-analyzer.js';

/** @typedef {import('./pkg/surligneur.js').Analysis} Analysis */
/** @typedef {import('./pkg/surligneur.js').LexiconSource} LexiconSource */
/** @typedef {import('./pkg/surligneur.js').CategoryInfo} CategoryInfo */

/**
 * A lexicon error as the engine words it: `perso.tsv:3: catégorie inconnue « x » …`.
 * @typedef {{source: string, line: number | null, message: string, raw: string}} LexiconError
 */

/** Load the WebAssembly module (and, meanwhile, the analyzer kept from the last visit). */
export async function loadEngine() {
  const kept = readKept();
  await init();
  return new Engine(categories(), kept);
}

export class Engine {
  /**
   * @param {CategoryInfo[]} categories
   * @param {Promise<Uint8Array | null>} [kept] the last visit's analyzer, being read
   */
  constructor(categories, kept) {
    this.categories = categories;
    this.kept = kept;
    /** @type {LexiconSource[]} */
    this.lexicons = [];
    this.minWeight = 0;
    /**
     * Made by start(), with the reader's saved settings: building one here too would
     * double the page's start-up.
     * @type {Analyzer | null}
     */
    this.analyzer = null;
  }

  /**
   * Check one lexicon on its own (without the embedded ones, so it is quick).
   * @param {LexiconSource} source
   * @returns {{entries: number} | {error: LexiconError}}
   */
  check(source) {
    try {
      const analyzer = new Analyzer({ embedded: false, lexicons: [source] });
      const entries = analyzer.entries;
      analyzer.free();
      return { entries };
    } catch (error) {
      return { error: parseError(error) };
    }
  }

  /**
   * The first analyzer, with the reader's saved settings: the last visit's, read back, when
   * they have not changed (kept-analyzer.js), else built. Timed as `surligneur:demarrage`
   * (its detail says which). Returns an error as configure() does.
   * @param {{lexicons?: LexiconSource[], minWeight?: number}} options
   * @returns {Promise<LexiconError | null>}
   */
  async start({ lexicons = [], minWeight = 0 }) {
    const t0 = performance.now();
    let started;
    try {
      started = await startAnalyzer(Analyzer, { lexicons, minWeight }, this.kept);
    } catch (error) {
      return parseError(error);
    }
    performance.measure('surligneur:demarrage', { start: t0, detail: { kept: started.kept } });
    this.use(started.analyzer, lexicons, minWeight);
    return null;
  }

  /**
   * Use these extra lexicons and this minimum weight from now on. On an error the
   * previous analyzer stays in use and the error is returned.
   * @param {{lexicons?: LexiconSource[], minWeight?: number}} options
   * @returns {LexiconError | null}
   */
  configure({ lexicons = this.lexicons, minWeight = this.minWeight }) {
    let analyzer;
    try {
      analyzer = new Analyzer({ lexicons, minWeight });
    } catch (error) {
      return parseError(error);
    }
    keep(analyzer);
    this.use(analyzer, lexicons, minWeight);
    return null;
  }

  /**
   * @param {Analyzer} analyzer
   * @param {LexiconSource[]} lexicons
   * @param {number} minWeight
   */
  use(analyzer, lexicons, minWeight) {
    this.analyzer?.free();
    this.analyzer = analyzer;
    this.lexicons = lexicons;
    this.minWeight = minWeight;
  }

  /**
   * @param {string} text
   * @returns {Analysis}
   */
  analyze(text) {
    if (!this.analyzer) this.configure({});
    return /** @type {Analyzer} */ (this.analyzer).analyze(text);
  }
}

/**
 * Split the engine's message into its source, line and reason.
 * @param {unknown} error
 * @returns {LexiconError}
 */
export function parseError(error) {
  const raw = error instanceof Error ? error.message : String(error);
  const match = /^(.*?):(\d+): ([\s\S]*)$/.exec(raw);
  if (match) return { source: match[1], line: Number(match[2]), message: match[3], raw };
  return { source: '', line: null, message: raw, raw };
}
