// The engine as the page uses it: the WebAssembly package loaded once, and one Analyzer
// (the lexicons compiled once) rebuilt only when the reader's lexicons or the minimum
// weight change.
import init, { Analyzer, categories } from './pkg/surligneur.js';

/** @typedef {import('./pkg/surligneur.js').Analysis} Analysis */
/** @typedef {import('./pkg/surligneur.js').LexiconSource} LexiconSource */
/** @typedef {import('./pkg/surligneur.js').CategoryInfo} CategoryInfo */

/**
 * A lexicon error as the engine words it: `perso.tsv:3: catégorie inconnue « x » …`.
 * @typedef {{source: string, line: number | null, message: string, raw: string}} LexiconError
 */

/** Load the WebAssembly module. */
export async function loadEngine() {
  await init();
  return new Engine(categories());
}

export class Engine {
  /** @param {CategoryInfo[]} categories */
  constructor(categories) {
    this.categories = categories;
    /** @type {LexiconSource[]} */
    this.lexicons = [];
    this.minWeight = 0;
    /**
     * Built by the first configure(), with the reader's saved settings: building one here
     * too would double the page's start-up.
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
    this.analyzer?.free();
    this.analyzer = analyzer;
    this.lexicons = lexicons;
    this.minWeight = minWeight;
    return null;
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
