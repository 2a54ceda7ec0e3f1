//! The `Analysis` contract: what comes out of the engine, the WASM API and the CLI.
//!
//! Field names are stable (see DESIGN.md): fields may be added, never renamed. Offsets
//! are UTF-16 code units into the input, half-open, so that in JS
//! `text.slice(span.start, span.end) === span.text`.

use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// A kind of rhetoric, one per lexicon entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Military, armed-conflict and violence vocabulary.
    War,
    /// Words chosen for their emotional or pejorative charge.
    Loaded,
    /// Name-calling, labels that judge a person or group.
    Labeling,
    /// Threat, danger, catastrophe, alarm.
    Fear,
    /// Intensifiers, superlatives, absolutes.
    Exaggeration,
    /// Nation, homeland, heroes, us-versus-them.
    FlagWaving,
    /// Vague attribution and the hearsay conditional.
    Unsourced,
    /// Positive or negative words with no rhetorical role above.
    Sentiment,
}

impl Category {
    /// Every category, in the order of the legend.
    pub const ALL: [Category; 8] = [
        Category::War,
        Category::Loaded,
        Category::Labeling,
        Category::Fear,
        Category::Exaggeration,
        Category::FlagWaving,
        Category::Unsourced,
        Category::Sentiment,
    ];

    /// The stable id: `war`, `flag_waving`…
    pub fn id(self) -> &'static str {
        match self {
            Category::War => "war",
            Category::Loaded => "loaded",
            Category::Labeling => "labeling",
            Category::Fear => "fear",
            Category::Exaggeration => "exaggeration",
            Category::FlagWaving => "flag_waving",
            Category::Unsourced => "unsourced",
            Category::Sentiment => "sentiment",
        }
    }

    /// The category of an id.
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The French label shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Category::War => "Guerre et militaire",
            Category::Loaded => "Langage chargé",
            Category::Labeling => "Étiquetage",
            Category::Fear => "Appel à la peur",
            Category::Exaggeration => "Exagération",
            Category::FlagWaving => "Appel au drapeau",
            Category::Unsourced => "Source vague, ouï-dire",
            Category::Sentiment => "Sentiment",
        }
    }

    /// The French explanation of a span of this category, unless its entry has a note.
    pub fn description(self) -> &'static str {
        match self {
            Category::War => "vocabulaire militaire ou de la violence armée",
            Category::Loaded => "mot choisi pour sa charge émotionnelle ou péjorative",
            Category::Labeling => "étiquette qui juge une personne ou un groupe",
            Category::Fear => "évoque une menace, un danger ou une catastrophe",
            Category::Exaggeration => "intensif, superlatif ou absolu",
            Category::FlagWaving => "appel à la nation, aux héros, au « nous contre eux »",
            Category::Unsourced => "attribution vague ou ouï-dire",
            Category::Sentiment => "mot positif ou négatif",
        }
    }

    /// Whether spans of this category count in `summary.charge` (all but sentiment).
    pub fn is_rhetoric(self) -> bool {
        self != Category::Sentiment
    }
}

/// What the engine found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The spans, sorted by start, never overlapping.
    pub spans: Vec<Span>,
    /// Aggregates over the whole text.
    pub summary: Summary,
    /// Each sentence with its own charge and polarity.
    pub sentences: Vec<Sentence>,
}

/// One highlighted stretch of text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// Start, in UTF-16 code units.
    pub start: usize,
    /// End (excluded), in UTF-16 code units.
    pub end: usize,
    /// The text of the span, as in the input.
    pub text: String,
    /// What kind of rhetoric.
    pub category: Category,
    /// The lexicon entry that matched, as the lexicon writes it.
    pub term: String,
    /// Strength after modifiers, > 0.
    pub weight: f64,
    /// Sentiment after modifiers, −4…4.
    pub valence: f64,
    /// In the scope of a negation ("n’a pas combattu").
    pub negated: bool,
    /// What changed the weight.
    pub modifiers: Vec<Modifier>,
    /// Why it is highlighted, in French.
    pub explanation: String,
    /// A neutral word to use instead, when the lexicon gives one.
    pub alternative: Option<String>,
    /// Byte range of the span in the input (the Rust side's offsets; not serialized).
    #[serde(skip)]
    pub bytes: std::ops::Range<usize>,
}

/// Something in the context that changed a span's weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Modifier {
    /// What it is.
    pub kind: ModifierKind,
    /// The words or marks of the text that caused it (`très`, `mais`, `!!`).
    pub cue: String,
    /// What the weight was multiplied by.
    pub factor: f64,
}

/// The rules that change a span's weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModifierKind {
    /// In the scope of a negation.
    Negation,
    /// After an intensifier (`très`).
    Booster,
    /// After an attenuator (`un peu`).
    Dampener,
    /// After a contrast word (`mais`): what follows counts more.
    ContrastAfter,
    /// Before a contrast word: what precedes counts less.
    ContrastBefore,
    /// Written in capitals.
    Caps,
    /// In a sentence ending with `!`.
    Exclamation,
    /// In a sentence ending with `!!` or more.
    Exclamations,
    /// Alone between quotes.
    ScareQuotes,
    /// The same entry seen before in the text.
    Repetition,
}

impl ModifierKind {
    /// The id in the contract (`scare_quotes`).
    pub fn id(self) -> &'static str {
        match self {
            ModifierKind::Negation => "negation",
            ModifierKind::Booster => "booster",
            ModifierKind::Dampener => "dampener",
            ModifierKind::ContrastAfter => "contrast_after",
            ModifierKind::ContrastBefore => "contrast_before",
            ModifierKind::Caps => "caps",
            ModifierKind::Exclamation => "exclamation",
            ModifierKind::Exclamations => "exclamations",
            ModifierKind::ScareQuotes => "scare_quotes",
            ModifierKind::Repetition => "repetition",
        }
    }
}

/// Both enums serialize as their id: one spelling, shared with the WASM binding.
impl Serialize for Category {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl Serialize for ModifierKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// Aggregates over the whole text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Number of words.
    pub words: usize,
    /// How loaded the text is, 0–100 (see the README for the formula).
    pub charge: f64,
    /// Sentiment, −1…1: the mean of the sentences' polarities, each counting for its words.
    pub polarity: f64,
    /// Count and total weight per category, every category present.
    pub categories: BTreeMap<Category, CategoryStats>,
}

/// Count and total weight of one category's spans.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CategoryStats {
    /// Number of spans.
    pub count: usize,
    /// Sum of their weights.
    pub weight: f64,
}

/// One sentence of the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// Start, in UTF-16 code units.
    pub start: usize,
    /// End (excluded), in UTF-16 code units.
    pub end: usize,
    /// Number of words.
    pub words: usize,
    /// How loaded the sentence is, 0–100.
    pub charge: f64,
    /// Sentiment, −1…1.
    pub polarity: f64,
}
