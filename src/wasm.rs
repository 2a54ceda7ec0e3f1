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

use crate::analyzer::utf16_len;
use crate::matcher::steps;
use crate::{Analysis, Category};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
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
  /** −1…1: the mean of the sentences' polarities, each counting for its words. */
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

#[derive(Default)]
struct Options {
    lexicons: Vec<Source>,
    rules: Vec<Source>,
    embedded: Option<bool>,
    categories: Option<Vec<String>>,
    min_weight: Option<f64>,
}

struct Source {
    name: String,
    text: String,
}

/// Reads the options by hand: serde's reading kept float formatting in the wasm for its
/// error messages (with `score::decimal`, the download lost 11 KB gzipped). A field that is
/// `undefined` or `null` is absent; an unknown one is an error, so that a misspelt option
/// does not pass unnoticed.
fn options(value: JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    let invalid = |what: &str| JsError::new(&format!("options invalides : {what}"));
    // Not `instanceof Object`, which an `Object.create(null)` fails; a `Map` would pass
    // with its entries unread.
    if !value.is_object() || value.is_instance_of::<js_sys::Map>() {
        return Err(invalid("un objet simple est attendu"));
    }
    let object = value.unchecked_into::<js_sys::Object>();
    const KNOWN: [&str; 5] = ["lexicons", "rules", "embedded", "categories", "minWeight"];
    let keys = js_sys::Reflect::own_keys(&object)
        .map_err(|_| invalid("ses clés ne peuvent pas être lues"))?;
    // Symbol keys name no option.
    for key in keys.iter().filter_map(|k| k.as_string()) {
        if !KNOWN.contains(&key.as_str()) {
            return Err(invalid(&format!(
                "option inconnue « {key} » (attendu : {})",
                KNOWN.join(", ")
            )));
        }
    }
    // A getter that throws makes the option unreadable, not absent.
    let get = |from: &JsValue, key: &str, label: &str| {
        js_sys::Reflect::get(from, &JsValue::from_str(key))
            .map_err(|_| invalid(&format!("« {label} » ne peut pas être lu")))
    };
    let field = |name: &str| -> Result<Option<JsValue>, JsError> {
        Ok(Some(get(&object, name, name)?).filter(|v| !v.is_undefined() && !v.is_null()))
    };
    let list = |name: &str| -> Result<Option<Vec<JsValue>>, JsError> {
        field(name)?
            .map(|v| match v.dyn_into::<js_sys::Array>() {
                Ok(array) => Ok(array.iter().collect()),
                Err(_) => Err(invalid(&format!("« {name} » doit être une liste"))),
            })
            .transpose()
    };
    let string = |v: &JsValue, label: &str| {
        v.as_string()
            .ok_or_else(|| invalid(&format!("« {label} » doit être une chaîne")))
    };
    let sources = |name: &str| -> Result<Vec<Source>, JsError> {
        list(name)?
            .unwrap_or_default()
            .iter()
            .map(|item| {
                if !item.is_object() {
                    return Err(invalid(&format!(
                        "« {name}[] » doit être un objet {{ name, text }}"
                    )));
                }
                let text_of = |key: &str| {
                    let label = format!("{name}[].{key}");
                    string(&get(item, key, &label)?, &label)
                };
                Ok(Source {
                    name: text_of("name")?,
                    text: text_of("text")?,
                })
            })
            .collect()
    };
    Ok(Options {
        lexicons: sources("lexicons")?,
        rules: sources("rules")?,
        embedded: field("embedded")?
            .map(|v| {
                v.as_bool()
                    .ok_or_else(|| invalid("« embedded » doit être un booléen"))
            })
            .transpose()?,
        categories: list("categories")?
            .map(|ids| ids.iter().map(|id| string(id, "categories[]")).collect())
            .transpose()?,
        min_weight: field("minWeight")?
            .map(|v| {
                v.as_f64()
                    .ok_or_else(|| invalid("« minWeight » doit être un nombre"))
            })
            .transpose()?,
    })
}

fn builder(options: Options) -> Result<crate::AnalyzerBuilder, JsError> {
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
                    .ok_or_else(|| JsError::new(&format!("catégorie inconnue « {id} »")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        builder = builder.categories(categories);
    }
    if let Some(w) = options.min_weight {
        builder = builder.min_weight(w);
    }
    Ok(builder)
}

fn build(options: Options) -> Result<crate::Analyzer, JsError> {
    builder(options)?.build().map_err(js_error)
}

fn js_error(e: crate::Error) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn result(analysis: Result<Analysis, crate::Error>) -> Result<JsValue, JsError> {
    let analysis = analysis.map_err(js_error)?;
    Ok(Packed::new(&analysis).unpack(to_js(&analysis.summary)?))
}

// Building an Analysis property by property from wasm crossed into JS for every field
// of every span and sentence: 40 % of analyze() on prose, 70 % on loaded text (measured
// against a call returning a count, bench/corpus in Node). So the spans, modifiers and
// sentences cross as one array of numbers and one string of their distinct strings,
// and a few lines of JS build the objects, in the contract's field order.
//
// Offsets and counts cross as f64 and are stored as `| 0` (they are below 2^31: texts are
// at most `MAX_TEXT_BYTES`), which V8 keeps as small integers inside the object; stored as
// the doubles read, every field of every sentence was a heap number of its own. `SHAPE`
// makes V8's shared layout of sentence objects hold any value in `charge` and `polarity`
// (it saw `null` there), so that the usual 0 of prose is not boxed either: a sentence took
// 155 bytes of JS heap, now 75, and prose-1MB 22 M fewer instructions per call in Node.
// `| 0` keeps the low 32 bits, signed: offsets (UTF-16 units, at most one per byte) and
// word counts of the largest text analyzed must stay below 2^31.
//
// A span's modifiers array is made at its size: a first `push` onto `[]` reserved 17
// slots. And a span is one literal, its fields read first (made without `explanation` and
// `alternative`, then given them, it held them apart). The result of loaded-1MB took 518
// bytes of heap per span (its sentences and strings included); 494 with the literal alone,
// 373 with both.
const _: () = assert!(crate::MAX_TEXT_BYTES < 1 << 31);

#[wasm_bindgen(inline_js = r#"
const SHAPE = { start: 0, end: 0, words: 0, charge: null, polarity: null };
export function unpack(numbers, strings, lengths, summary) {
  const table = [];
  for (let i = 0, at = 0; i < lengths.length; i++) table.push(strings.slice(at, at += lengths[i]));
  let n = 0;
  const next = () => numbers[n++];
  const [spanCount, sentenceCount] = [next(), next()];
  const spans = new Array(spanCount);
  for (let i = 0; i < spanCount; i++) {
    const start = next() | 0, end = next() | 0, text = table[next()], category = table[next()],
      term = table[next()], weight = next(), valence = next(), negated = next() === 1;
    const modifiers = new Array(next());
    for (let m = 0; m < modifiers.length; m++) {
      modifiers[m] = { kind: table[next()], cue: table[next()], factor: next() };
    }
    const explanation = table[next()], alternative = next();
    spans[i] = { start, end, text, category, term, weight, valence, negated, modifiers,
      explanation, alternative: alternative < 0 ? null : table[alternative] };
  }
  const sentences = new Array(sentenceCount);
  for (let i = 0; i < sentenceCount; i++) {
    sentences[i] = { start: next() | 0, end: next() | 0, words: next() | 0, charge: next(), polarity: next() };
  }
  return { spans, summary, sentences };
}

const encoder = new TextEncoder();
export function length(text) {
  if (typeof text !== 'string') throw new TypeError(`le texte doit être une chaîne, pas ${typeof text}`);
  return text.length;
}
export function encode(text, memory, at, room) {
  return encoder.encodeInto(text, new Uint8Array(memory.buffer, at, room)).written;
}
"#)]
extern "C" {
    fn unpack(numbers: &[f64], strings: &str, lengths: &[u32], summary: JsValue) -> JsValue;
    #[wasm_bindgen(catch)]
    fn length(text: &JsValue) -> Result<usize, JsValue>;
    fn encode(text: &JsValue, memory: JsValue, at: *mut u8, room: usize) -> usize;
}

/// An Analysis as numbers and interned strings, read back in this order by `unpack`.
#[derive(Default)]
struct Packed<'a> {
    numbers: Vec<f64>,
    strings: String,
    /// UTF-16 length of each string of `strings`, as JS slices them.
    lengths: Vec<u32>,
    ids: HashMap<&'a str, f64, BuildHasherDefault<Fx>>,
}

/// The string table's hasher: FxHash's step, eight bytes at a time. The standard SipHash
/// took 3.4 ms of the 9 ms that packing cost on loaded-1MB in Node (25,000 spans, each with
/// an explanation of 100 bytes or more), about a tenth of `analyze()` there.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = steps(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl<'a> Packed<'a> {
    fn new(analysis: &'a Analysis) -> Packed<'a> {
        let mut p = Packed::default();
        p.numbers
            .reserve(2 + analysis.spans.len() * 12 + analysis.sentences.len() * 5);
        p.numbers
            .extend([analysis.spans.len() as f64, analysis.sentences.len() as f64]);
        for span in &analysis.spans {
            p.numbers.extend([span.start as f64, span.end as f64]);
            p.string(&span.text);
            p.string(span.category.id());
            p.string(&span.term);
            p.numbers
                .extend([span.weight, span.valence, f64::from(u8::from(span.negated))]);
            p.numbers.push(span.modifiers.len() as f64);
            for m in &span.modifiers {
                p.string(m.kind.id());
                p.string(&m.cue);
                p.numbers.push(m.factor);
            }
            p.string(&span.explanation);
            match &span.alternative {
                Some(a) => p.string(a),
                None => p.numbers.push(-1.0),
            }
        }
        for s in &analysis.sentences {
            p.numbers.extend([
                s.start as f64,
                s.end as f64,
                s.words as f64,
                s.charge,
                s.polarity,
            ]);
        }
        p
    }

    /// Pushes the id of `s`, added to the table if new.
    fn string(&mut self, s: &'a str) {
        let next = self.lengths.len() as f64;
        let id = *self.ids.entry(s).or_insert(next);
        if id == next {
            self.strings.push_str(s);
            self.lengths.push(utf16_len(s.as_bytes()) as u32);
        }
        self.numbers.push(id);
    }

    fn unpack(&self, summary: JsValue) -> JsValue {
        unpack(&self.numbers, &self.strings, &self.lengths, summary)
    }
}

// The text crosses as UTF-8 written straight into wasm memory by `TextEncoder.encodeInto`.
// wasm-bindgen's own `&str` copies an ASCII start letter by letter, then encodes a slice
// of the rest: in Chromium that slice is copied whole before encoding (1 MB of prose:
// 2.3 ms to encode the slice against 1.4 for the string itself), and the copy in took
// 14 % of `analyze()` there; in Node the two cost the same. And `&str` given a number
// trapped (`memory access out of bounds`): a text that is not a string is a TypeError here.
// (`length` and `encode` share the binding's one JS snippet with `unpack`: the page
// preloads it, one request.)

/// The UTF-8 of a JS string (a lone surrogate becomes U+FFFD, one UTF-16 unit as it was, so
/// offsets still fit the JS string); a text that cannot be within `MAX_TEXT_BYTES` is
/// refused before any memory is taken for it.
fn text_of(text: &JsValue) -> Result<String, JsValue> {
    let units = length(text)?;
    if units > crate::MAX_TEXT_BYTES {
        return Err(js_error(crate::Error::too_large_utf16(units, crate::MAX_TEXT_BYTES)).into());
    }
    // A UTF-16 unit is at most three bytes of UTF-8 (a pair of two is four).
    let room = units * 3;
    // On a device short of memory, an error rather than the allocator's abort (a trap).
    let mut bytes = Vec::<u8>::new();
    bytes.try_reserve_exact(room).map_err(|_| {
        JsError::new(&format!(
            "mémoire insuffisante pour un texte de {units} unités UTF-16"
        ))
    })?;
    let written = encode(text, wasm_bindgen::memory(), bytes.as_mut_ptr(), room);
    // SAFETY: `encodeInto` wrote `written` ≤ `room` bytes into the vector's spare capacity,
    // all UTF-8 (what the Encoding standard's encoder gives), as wasm-bindgen's `&str` trusts.
    let mut text = unsafe {
        bytes.set_len(written.min(room));
        String::from_utf8_unchecked(bytes)
    };
    // The room left over (two thirds of it for French) goes back, in place, to what the
    // analysis allocates next.
    text.shrink_to_fit();
    Ok(text)
}

/// Analyzes `text` with the embedded lexicons, or with `options` (then built for this
/// call: hold an `Analyzer` to reuse them).
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Analysis")]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzerOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text_of(text)?;
    if options.is_undefined() || options.is_null() {
        return Ok(result(crate::analyze(&text))?);
    }
    Ok(result(build(self::options(options)?)?.analyze(&text))?)
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

    /// The analyzer that `toBytes()` saved with the same options, without building it:
    /// throws if the bytes were made by another build or with other options, or are
    /// damaged (then build it with `new Analyzer(options)`).
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        bytes: &[u8],
        #[wasm_bindgen(unchecked_param_type = "AnalyzerOptions | undefined")] options: JsValue,
    ) -> Result<JsAnalyzer, JsError> {
        let inner = builder(self::options(options)?)?
            .load(bytes)
            .map_err(js_error)?;
        Ok(JsAnalyzer { inner })
    }

    /// The analyzer as bytes, for `Analyzer.fromBytes` (kept by the page and the
    /// extension in IndexedDB to start again quickly).
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// Analyzes `text`.
    #[wasm_bindgen(unchecked_return_type = "Analysis")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    ) -> Result<JsValue, JsValue> {
        Ok(result(self.inner.analyze(&text_of(text)?))?)
    }

    /// Number of lexicon entries.
    #[wasm_bindgen(getter)]
    pub fn entries(&self) -> usize {
        self.inner.entries()
    }
}
