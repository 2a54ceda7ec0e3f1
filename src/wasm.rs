//! The WebAssembly binding: the only module that knows JavaScript.
//!
//! ```js
//! import init, { analyze, Analyzer, categories } from './pkg/surligneur.js';
//! await init();
//! const analysis = analyze('Les milices sont prêtes.');
//! const mine = new Analyzer({ lexicons: [{ name: 'perso.tsv', text }], minWeight: 0.5 });
//! mine.analyze(text); mine.free();
//! ```
//!
//! Results are plain JS objects (the `Analysis` contract, offsets in UTF-16 code units,
//! as the core already gives them); errors are JS `Error`s with the core's message.

use crate::{Analysis, Category};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A category id. */
export type CategoryId = "war" | "loaded" | "labeling" | "fear" | "exaggeration" | "flag_waving" | "unsourced" | "sentiment";

/** What changed a span's weight. */
export interface Modifier {
  kind: "negation" | "booster" | "dampener" | "contrast_after" | "contrast_before" | "caps" | "exclamation" | "exclamations" | "scare_quotes" | "repetition";
  /** The words or marks of the text that caused it. */
  cue: string;
  /** What the weight was multiplied by. */
  factor: number;
}

/** One highlighted stretch: `text.slice(start, end) === span.text`. */
export interface Span {
  start: number;
  end: number;
  text: string;
  category: CategoryId;
  term: string;
  weight: number;
  valence: number;
  negated: boolean;
  modifiers: Modifier[];
  explanation: string;
  alternative: string | null;
}

export interface CategoryStats { count: number; weight: number; }

export interface Summary {
  words: number;
  /** 0–100. */
  charge: number;
  /** −1…1. */
  polarity: number;
  categories: Record<CategoryId, CategoryStats>;
}

export interface Sentence { start: number; end: number; words: number; charge: number; polarity: number; }

export interface Analysis { spans: Span[]; summary: Summary; sentences: Sentence[]; }

/** A lexicon given as text, in the format of lexicons/README.md. */
export interface LexiconSource { name: string; text: string; }

export interface AnalyzerOptions {
  /** Term lexicons added to (or, by name, replacing) the embedded ones. */
  lexicons?: LexiconSource[];
  /** Rule-word files; one named "rules.tsv" replaces the embedded rules. */
  rules?: LexiconSource[];
  /** Start from no embedded lexicon (default true: use them). */
  embedded?: boolean;
  /** Keep only these categories. */
  categories?: CategoryId[];
  /** Drop spans lighter than this, after modifiers. */
  minWeight?: number;
}

export interface CategoryInfo { id: CategoryId; label: string; description: string; }
"#;

#[wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Options {
    #[serde(default)]
    lexicons: Vec<Source>,
    #[serde(default)]
    rules: Vec<Source>,
    embedded: Option<bool>,
    categories: Option<Vec<String>>,
    min_weight: Option<f64>,
}

#[derive(Deserialize)]
struct Source {
    name: String,
    text: String,
}

fn options(value: JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    // serde-wasm-bindgen reads only the fields it knows: a misspelt option would pass
    // unnoticed, so name it.
    const KNOWN: [&str; 5] = ["lexicons", "rules", "embedded", "categories", "minWeight"];
    if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        for key in js_sys::Object::keys(object)
            .iter()
            .filter_map(|k| k.as_string())
        {
            if !KNOWN.contains(&key.as_str()) {
                return Err(JsError::new(&format!(
                    "invalid options: unknown option '{key}' (expected {})",
                    KNOWN.join(", ")
                )));
            }
        }
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

fn build(options: Options) -> Result<crate::Analyzer, JsError> {
    let mut builder = crate::Analyzer::builder();
    if options.embedded == Some(false) {
        builder = builder.without_embedded();
    }
    for s in &options.lexicons {
        builder = builder.lexicon(&s.name, &s.text);
    }
    for s in &options.rules {
        builder = builder.rules(&s.name, &s.text);
    }
    if let Some(ids) = &options.categories {
        let categories = ids
            .iter()
            .map(|id| {
                Category::from_id(id)
                    .ok_or_else(|| JsError::new(&format!("unknown category '{id}'")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        builder = builder.categories(categories);
    }
    if let Some(w) = options.min_weight {
        builder = builder.min_weight(w);
    }
    builder.build().map_err(|e| JsError::new(&e.to_string()))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn result(analysis: Result<Analysis, crate::Error>) -> Result<JsValue, JsError> {
    to_js(&analysis.map_err(|e| JsError::new(&e.to_string()))?)
}

/// Analyzes `text` with the embedded lexicons, or with `options` (then built for this
/// call: hold an `Analyzer` to reuse them).
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Analysis")]
pub fn analyze(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "AnalyzerOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    if options.is_undefined() || options.is_null() {
        return result(crate::analyze(text));
    }
    result(build(self::options(options)?)?.analyze(text))
}

/// The categories in legend order, with their French label and description.
#[wasm_bindgen(unchecked_return_type = "CategoryInfo[]")]
pub fn categories() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Info {
        id: &'static str,
        label: &'static str,
        description: &'static str,
    }
    let all: Vec<Info> = Category::ALL
        .iter()
        .map(|c| Info {
            id: c.id(),
            label: c.label(),
            description: c.description(),
        })
        .collect();
    to_js(&all)
}

/// Lexicons compiled once, held by JS; call `free()` when done.
#[wasm_bindgen(js_name = Analyzer)]
pub struct JsAnalyzer {
    inner: crate::Analyzer,
}

#[wasm_bindgen(js_class = Analyzer)]
impl JsAnalyzer {
    /// Builds an analyzer; throws on a bad lexicon line (`perso.tsv:3: …`) or option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AnalyzerOptions | undefined")] options: JsValue,
    ) -> Result<JsAnalyzer, JsError> {
        Ok(JsAnalyzer {
            inner: build(self::options(options)?)?,
        })
    }

    /// Analyzes `text`.
    #[wasm_bindgen(unchecked_return_type = "Analysis")]
    pub fn analyze(&self, text: &str) -> Result<JsValue, JsError> {
        result(self.inner.analyze(text))
    }

    /// Number of lexicon entries.
    #[wasm_bindgen(getter)]
    pub fn entries(&self) -> usize {
        self.inner.entries()
    }
}
