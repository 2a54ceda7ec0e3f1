//! Surligneur finds loaded, biased and war-related rhetoric in French text and says
//! where it is.
//!
//! ```
//! let text = "Les milices sont prêtes à défendre la patrie contre l’intervention militaire.";
//! let analysis = surligneur::analyze(text)?;
//! let found: Vec<(&str, &str)> = analysis
//!     .spans
//!     .iter()
//!     .map(|s| (s.text.as_str(), s.category.id()))
//!     .collect();
//! assert!(found.contains(&("milices", "war")));
//! assert!(found.contains(&("intervention militaire", "war")));
//! assert!(analysis.summary.charge > 50.0);
//! # Ok::<(), surligneur::Error>(())
//! ```
//!
//! # Overview
//!
//! Text flows one way: it is cut into tokens and normalized (case, accents, apostrophes,
//! spaces; each token keeps its original range), matched against every inflected form of
//! the lexicons by one trie of words (longest expression first), then rules read the
//! context of each match —
//! negation, boosters and dampeners, contrast, emphasis, the hearsay conditional,
//! repetition — and the spans are scored into an [`Analysis`].
//!
//! - [`analyze`] uses the lexicons embedded in the crate.
//! - [`Analyzer`] is built once from other lexicons, categories or a threshold
//!   ([`Analyzer::builder`]), then analyzes any number of texts.
//! - [`Analysis`] is the contract shared with the WebAssembly API and the CLI: spans
//!   (UTF-16 offsets, category, weight, modifiers, a French explanation), a summary
//!   (charge 0–100, polarity −1…1, per category) and sentences.
//!
//! Lexicons are data: `lexicons/*.tsv`, documented in `lexicons/README.md`. A malformed
//! line is an [`Error`] naming its source and line; no text makes the engine panic.
//!
//! # Features
//!
//! - `console_error_panic_hook` (default): on WebAssembly, panics are reported to the
//!   browser console.

#![deny(missing_docs)]

mod analysis;
mod analyzer;
mod error;
mod fold;
mod inflect;
mod lexicon;
mod matcher;
mod score;
mod snapshot;
mod tokenize;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use analysis::{
    Analysis, Category, CategoryStats, Modifier, ModifierKind, Sentence, Span, Summary,
};
pub use analyzer::{Analyzer, AnalyzerBuilder, MAX_TEXT_BYTES};
pub use error::Error;
#[cfg(fuzzing)]
#[doc(hidden)]
pub use snapshot::reseal;

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// Analyzes a text with the embedded lexicons (built once, on first use).
pub fn analyze(text: &str) -> Result<Analysis, Error> {
    static DEFAULT: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Analyzer::new).analyze(text)
}
