//! Lexicon files: term lexicons and rule words, parsed and checked line by line.
//!
//! The format is documented in `lexicons/README.md`. Parsing never panics: a bad line
//! gives an [`Error`] naming the source and the line.

use crate::analysis::Category;
use crate::error::Error;
use crate::fold::{bytes8, folded_words, push_folded_term, HIGH};
use crate::inflect::{expand, Forms, Pattern};
use crate::score;
use crate::snapshot::{damaged, field, field64, in_parts, lines_in_parts, Reader, Writer};
use std::borrow::Cow;
use std::ops::RangeInclusive;

/// A file of `lexicons/`, as `build.rs` embeds it (comment lines emptied).
macro_rules! embedded {
    ($name:literal) => {
        ($name, include_str!(concat!(env!("OUT_DIR"), "/", $name)))
    };
}

/// The lexicons built into the crate, in priority order: when two entries share a form,
/// the later one wins (so `catastrophe` in `fear.tsv` beats `sentiment.tsv`).
pub(crate) const EMBEDDED_LEXICONS: &[(&str, &str)] = &[
    embedded!("sentiment.tsv"),
    embedded!("exaggeration.tsv"),
    embedded!("unsourced.tsv"),
    embedded!("flag_waving.tsv"),
    embedded!("fear.tsv"),
    embedded!("loaded.tsv"),
    embedded!("labeling.tsv"),
    embedded!("war.tsv"),
];

/// The rule words built into the crate.
pub(crate) const EMBEDDED_RULES: (&str, &str) = embedded!("rules.tsv");

/// Term lexicons, parsed: each entry as the analysis reads it ([`Term`]) and the patterns
/// of its forms and contexts, for the trie. A few vectors for all entries, not strings and
/// vectors per entry: allocating, copying and freeing them were a quarter of building.
#[derive(Debug, Default)]
pub(crate) struct Lexicons {
    terms: Vec<Term>,
    texts: Texts,
    /// The text of every pattern, one after another.
    patterns: String,
    /// The forms each entry matches, with its index, in order.
    forms: Vec<(u32, Pattern)>,
    /// The contexts that silence entries, one per form of the entry.
    contexts: Vec<Context>,
    /// The domains that `rules.tsv` names, by their bit in [`Term::domains`].
    domains: Vec<String>,
    /// Buffers for a folded variant, the letters an entry's forms keep, a context with its
    /// term replaced, and its folded words.
    folded: String,
    kept: String,
    context: String,
    folded_context: String,
}

/// A context that silences an entry: fixed words before and after one of its forms
/// (`~` in the lexicon), as patterns, the form by its index in [`Lexicons::forms`].
#[derive(Debug, Clone, Copy)]
struct Context {
    before: Pattern,
    form: u32,
    after: Pattern,
    /// Whether its last word is a stem.
    stem: bool,
}

/// What a rule word does (see `lexicons/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleKind {
    Negator,
    NegatorWithNe,
    Ne,
    NotNegator,
    Booster,
    Dampener,
    Contrast,
    ContrastInitial,
    Hearsay,
    NotHearsay,
    Participle,
    ParticipleEnding,
    Emphasis,
    Repetition,
    MildSentiment,
    Abbreviation,
    Domain,
    Hypothesis,
    HypothesisInitial,
    NotHypothesis,
    ImperfectEnding,
    HypothesisConditional,
    Determiner,
    /// Names a domain whose words place the sentences around theirs in it too.
    ParagraphDomain,
    /// Sets up what a plan, a text or a case would do: the conditionals after it on its
    /// line describe it, they report nothing.
    Scenario,
    /// Names who says it (`selon`): a conditional in its sentence reports, scenario or not.
    Source,
    /// A hearsay auxiliary, with the words before it, that a scenario describes (`serait`,
    /// `qui aurait`).
    ScenarioConditional,
    /// What a hearsay auxiliary reports in place of a participle: a state (`prêt`,
    /// `en fuite`, `derrière`).
    HearsayState,
    /// A French function word (`le`, `dans`, `qui`), counted to tell a sentence's language.
    FrenchWord,
    /// A function word of another language that is no French word (`the`, `und`): a
    /// sentence with two or more, over twice as many as French ones, is not analyzed.
    ForeignWord,
}

impl RuleKind {
    /// Every kind with its name in `rules.tsv`; a snapshot stores a kind's position here.
    const NAMES: [(&'static str, RuleKind); 30] = [
        ("negator", RuleKind::Negator),
        ("negator_with_ne", RuleKind::NegatorWithNe),
        ("ne", RuleKind::Ne),
        ("not_negator", RuleKind::NotNegator),
        ("booster", RuleKind::Booster),
        ("dampener", RuleKind::Dampener),
        ("contrast", RuleKind::Contrast),
        ("contrast_initial", RuleKind::ContrastInitial),
        ("hearsay", RuleKind::Hearsay),
        ("participle", RuleKind::Participle),
        ("participle_ending", RuleKind::ParticipleEnding),
        ("emphasis", RuleKind::Emphasis),
        ("repetition", RuleKind::Repetition),
        ("mild_sentiment", RuleKind::MildSentiment),
        ("abbreviation", RuleKind::Abbreviation),
        ("not_hearsay", RuleKind::NotHearsay),
        ("hypothesis", RuleKind::Hypothesis),
        ("hypothesis_initial", RuleKind::HypothesisInitial),
        ("not_hypothesis", RuleKind::NotHypothesis),
        ("imperfect_ending", RuleKind::ImperfectEnding),
        ("hypothesis_conditional", RuleKind::HypothesisConditional),
        ("domain", RuleKind::Domain),
        ("determiner", RuleKind::Determiner),
        ("paragraph_domain", RuleKind::ParagraphDomain),
        ("scenario", RuleKind::Scenario),
        ("source", RuleKind::Source),
        ("scenario_conditional", RuleKind::ScenarioConditional),
        ("hearsay_state", RuleKind::HearsayState),
        ("french_word", RuleKind::FrenchWord),
        ("foreign_word", RuleKind::ForeignWord),
    ];

    fn parse(kind: &str) -> Option<RuleKind> {
        RuleKind::NAMES
            .iter()
            .find(|(name, _)| *name == kind)
            .map(|&(_, k)| k)
    }

    /// Whether the word is matched in the text by the trie (the others are looked up).
    pub fn is_matched(self) -> bool {
        !matches!(
            self,
            RuleKind::Participle
                | RuleKind::ParticipleEnding
                | RuleKind::Emphasis
                | RuleKind::Repetition
                | RuleKind::MildSentiment
                | RuleKind::Abbreviation
                | RuleKind::ImperfectEnding
                | RuleKind::Determiner
                | RuleKind::ParagraphDomain
                | RuleKind::FrenchWord
                | RuleKind::ForeignWord
        )
    }

    /// Whether the term is one word that the engine looks up for a flag of its own.
    pub fn is_flag(self) -> bool {
        matches!(
            self,
            RuleKind::Participle
                | RuleKind::Determiner
                | RuleKind::Abbreviation
                | RuleKind::FrenchWord
                | RuleKind::ForeignWord
        )
    }

    /// Whether the word is quiet: in the trie, but found by a walk of the sentences that
    /// ask for it ([`Matcher::quiet_words`](crate::matcher::Matcher::quiet_words)), never a
    /// hit: a domain's word, a hypothesis, scenario or source marker, a reported state.
    pub fn is_quiet(self) -> bool {
        matches!(
            self,
            RuleKind::Domain
                | RuleKind::Scenario
                | RuleKind::Source
                | RuleKind::ScenarioConditional
                | RuleKind::HearsayState
        ) || self.is_hypothesis()
    }

    /// Whether the word marks a hypothesis (or one that is not), for the hearsay rule.
    pub fn is_hypothesis(self) -> bool {
        matches!(
            self,
            RuleKind::Hypothesis
                | RuleKind::HypothesisInitial
                | RuleKind::HypothesisConditional
                | RuleKind::NotHypothesis
        )
    }

    fn needs_factor(self) -> bool {
        matches!(
            self,
            RuleKind::Negator
                | RuleKind::NegatorWithNe
                | RuleKind::Booster
                | RuleKind::Dampener
                | RuleKind::Contrast
                | RuleKind::ContrastInitial
                | RuleKind::Hearsay
                | RuleKind::Emphasis
                | RuleKind::Repetition
                | RuleKind::MildSentiment
        )
    }
}

/// One line of `rules.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct RuleWord {
    pub kind: RuleKind,
    /// As written in the file (participle endings keep their accents).
    pub term: String,
    /// The folded form (without the surrounding spaces).
    pub folded: String,
    pub factor: f64,
    /// For a `domain` word, the bit of its domain (see [`Term::domains`]); else 0.
    pub domain: u32,
}

/// What the analysis reads of an entry, once the trie holds its forms and contexts: its
/// texts are ranges of one string for all entries ([`Texts`]), so that an analyzer read
/// from a snapshot makes no allocation per entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Term {
    /// The term as the reader should see it (first variant, a stem ending in `…`).
    pub term: Text,
    /// The written variants' letters that every form keeps (`|` between variants): a
    /// verb's stem, a noun's or an adjective's whole word. Their accents tell an entry from
    /// its accent twin (`peiné` and « peine »).
    pub kept: Text,
    pub alternative: Option<Text>,
    pub note: Option<Text>,
    pub category: Category,
    pub weight: f64,
    pub valence: f64,
    /// The domains (`@sport` in `except`) whose words, anywhere in a sentence, make the
    /// entry not rhetoric there: a bit per domain of `rules.tsv`.
    pub domains: u32,
}

/// A range of [`Texts`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text {
    start: u32,
    end: u32,
}

/// The texts of all terms, one after another.
#[derive(Debug, Default)]
pub(crate) struct Texts(String);

impl Texts {
    pub fn get(&self, text: Text) -> &str {
        &self.0[text.start as usize..text.end as usize]
    }

    fn add(&mut self, s: &str) -> Text {
        self.add_with(|text| text.push_str(s))
    }

    /// The text that `write` appends.
    fn add_with(&mut self, write: impl FnOnce(&mut String)) -> Text {
        let start = self.0.len() as u32;
        write(&mut self.0);
        Text {
            start,
            end: self.0.len() as u32,
        }
    }
}

impl Term {
    /// Writes `terms` and their `texts` for [`Term::read_all`].
    pub fn write_all(terms: &[Term], texts: &Texts, w: &mut Writer) {
        w.str(&texts.0);
        w.records(terms.len());
        let range = |t: Text| [t.start, t.end];
        // An optional text is written `[1, 0]` when there is none: no range ends first.
        let none = [1, 0];
        for t in terms {
            let ranges = [
                range(t.term),
                range(t.kept),
                t.alternative.map_or(none, range),
                t.note.map_or(none, range),
            ];
            for x in ranges.as_flattened() {
                w.u32(*x);
            }
            w.u32(t.category as u32);
            w.f64(t.weight);
            w.f64(t.valence);
            w.u32(t.domains);
        }
    }

    pub fn read_all(r: &mut Reader) -> Result<(Vec<Term>, Texts), Error> {
        let texts = Texts(r.str()?.to_string());
        let text = |record: &[u8], at: usize| {
            let (start, end) = (field(record, at), field(record, at + 1));
            match texts.0.get(start as usize..end as usize) {
                Some(_) => Ok(Some(Text { start, end })),
                None if (start, end) == (1, 0) => Ok(None),
                None => Err(damaged("texte d’entrée")),
            }
        };
        let required = |t: Option<Text>| t.ok_or_else(|| damaged("texte d’entrée"));
        let term = |record: &[u8]| {
            Ok(Term {
                term: required(text(record, 0)?)?,
                kept: required(text(record, 2)?)?,
                alternative: text(record, 4)?,
                note: text(record, 6)?,
                category: *Category::ALL
                    .get(field(record, 8) as usize)
                    .ok_or_else(|| damaged("catégorie"))?,
                weight: read_number(field64(record, 9), WEIGHTS)?,
                valence: read_number(field64(record, 11), VALENCES)?,
                domains: field(record, 13),
            })
        };
        let records = r.records::<56>()?;
        let mut terms = Vec::with_capacity(records.len());
        let mut failed = None;
        in_parts(records, |part| {
            for record in part {
                match term(record) {
                    Ok(t) if failed.is_none() => terms.push(t),
                    Ok(_) => {}
                    Err(e) => {
                        failed.get_or_insert(e);
                    }
                }
            }
        });
        match failed {
            Some(e) => Err(e),
            None => Ok((terms, texts)),
        }
    }
}

impl RuleWord {
    pub fn write(&self, w: &mut Writer) {
        let kind = RuleKind::NAMES.iter().position(|&(_, k)| k == self.kind);
        w.u8(kind.expect("every kind is named") as u8);
        w.str(&self.term);
        w.str(&self.folded);
        w.f64(self.factor);
        w.u32(self.domain);
    }

    pub fn read(r: &mut Reader) -> Result<RuleWord, Error> {
        Ok(RuleWord {
            kind: RuleKind::NAMES
                .get(usize::from(r.u8()?))
                .ok_or_else(|| damaged("règle"))?
                .1,
            term: r.str()?.to_string(),
            folded: r.str()?.to_string(),
            factor: read_number(r.u64()?, FACTORS)?,
            domain: r.u32()?,
        })
    }
}

/// `text` cut at every `sep`, an ASCII byte: `str::split`'s searcher costs more than the
/// short fields it scans (it was a tenth of building).
pub(crate) fn split_at(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        let end = find_either(text.as_bytes(), sep, sep);
        rest = end.map(|end| &text[end + 1..]);
        Some(&text[..end.unwrap_or(text.len())])
    })
}

/// Where the first byte `a` or `b` is in `bytes`, eight bytes a step: a byte at a time
/// was 7 % of building, the lexicons' lines and their patterns being long.
pub(crate) fn find_either(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    // The high bit of each zero byte of `v`, and maybe of bytes after it (a borrow
    // carried), never before: the lowest bit set is the first zero byte.
    let zeros = |v: u64| v.wrapping_sub(bytes8(1)) & !v & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let found = zeros(x ^ bytes8(a)) | zeros(x ^ bytes8(b));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = chunks.remainder().iter().position(|&c| c == a || c == b);
    rest.map(|i| at + i)
}

/// `str::trim`, testing first for what most fields are: no space at either end (an ASCII
/// letter, digit or sign there), which `str::trim` takes several times longer to tell.
fn trim(s: &str) -> &str {
    let graphic = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if graphic(s.as_bytes().first()) && graphic(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// The bounds of a lexicon's numbers: checked when a lexicon is parsed and when a snapshot
/// is read back, so that neither gives the analysis a number out of them.
const WEIGHTS: RangeInclusive<f64> = 0.01..=5.0;
const VALENCES: RangeInclusive<f64> = -4.0..=4.0;
const FACTORS: RangeInclusive<f64> = 0.01..=10.0;

/// A snapshot's number, if within `range` (never NaN).
fn read_number(bits: u64, range: RangeInclusive<f64>) -> Result<f64, Error> {
    let value = f64::from_bits(bits);
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(damaged("nombre hors limites"))
    }
}

fn number(field: &str, what: &str, range: RangeInclusive<f64>) -> Result<f64, String> {
    let value =
        decimal(field).ok_or_else(|| cold(|| format!("{what} « {field} » n’est pas un nombre")))?;
    if !value.is_finite() || !range.contains(&value) {
        return Err(cold(|| {
            format!(
                "{what} {field} hors limites (de {} à {})",
                score::decimal(*range.start()),
                score::decimal(*range.end())
            )
        }));
    }
    Ok(value)
}

/// 10^0 to 10^15, exact in an f64: `decimal`'s divisors (`f64::powi` is a call and a loop).
const POWERS_OF_TEN: [f64; 16] = {
    let mut powers = [1.0; 16];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10.0;
        i += 1;
    }
    powers
};

/// A decimal number as lexicons write them (`-3`, `1.5`, `.25`, `+0.6`), read exactly as
/// `str::parse` would: its digits as an integer below 2^53 and at most 15 decimals, so that
/// both parts are exact in an f64 and one division rounds correctly. Not `str::parse`: its
/// general algorithm and tables were 9 KB of the gzipped WebAssembly download.
fn decimal(field: &str) -> Option<f64> {
    let (negative, rest) = match field.as_bytes().first() {
        Some(b'-') => (true, &field[1..]),
        Some(b'+') => (false, &field[1..]),
        _ => (false, field),
    };
    // In one pass: the digits, and how many follow the point.
    let (mut mantissa, mut decimals) = (0u64, None);
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'0'..=b'9' => {
                mantissa = 10 * mantissa + u64::from(b - b'0');
                if mantissa >= 1 << 53 {
                    return None;
                }
            }
            b'.' if decimals.is_none() => decimals = Some(rest.len() - i - 1),
            _ => return None,
        }
    }
    // No digit at all: `` or `.`.
    if rest.len() == usize::from(decimals.is_some()) {
        return None;
    }
    let value = mantissa as f64 / *POWERS_OF_TEN.get(decimals.unwrap_or(0))?;
    Some(if negative { -value } else { value })
}

/// `make()`, for an error message, never inlined (`Cargo.toml`'s wasm-opt `--no-inline`
/// names it): formatting messages inline made the functions that parse a line, which V8
/// optimizes after a few hundred lines, a quarter larger to compile.
#[cold]
#[inline(never)]
pub(crate) fn cold<T>(make: impl FnOnce() -> T) -> T {
    make()
}

fn optional<'a>(field: Option<&&'a str>) -> Option<&'a str> {
    field.copied().filter(|f| !f.is_empty() && *f != "-")
}

/// Parses every data line of `source` with `parse`, naming the source and line of the
/// first one refused. Comments, blank lines and header lines (first column `term` or
/// `kind`) are skipped.
fn parse_lines(
    source: &str,
    text: &str,
    header: &str,
    mut parse: impl FnMut(&[&str]) -> Result<(), String>,
) -> Result<(), Error> {
    // One list of fields for every line: an allocation per line was a tenth of building.
    let mut fields = Vec::new();
    let (mut i, mut failed) = (0, None);
    lines_in_parts(text, |part| {
        for line in split_at(part, b'\n') {
            i += 1;
            if failed.is_some() {
                return;
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.starts_with('#') {
                continue;
            }
            // The fields, cut once: the header and blank lines are told from them.
            fields.clear();
            fields.extend(split_at(line, b'\t'));
            if fields[0] == header {
                continue;
            }
            for field in &mut fields {
                *field = trim(field);
            }
            if fields.iter().all(|field| field.is_empty()) {
                continue;
            }
            failed = parse(&fields).err().map(|m| Error::lexicon(source, i, m));
        }
    });
    failed.map_or(Ok(()), Err)
}

impl Lexicons {
    /// Room for lexicons of `bytes` bytes as the embedded ones are, entries and patterns
    /// per byte: growing the vectors entry by entry copied them a dozen times each.
    pub fn with_capacity(bytes: usize) -> Lexicons {
        Lexicons {
            terms: Vec::with_capacity(bytes / 60),
            texts: Texts(String::with_capacity(bytes)),
            patterns: String::with_capacity(2 * bytes),
            forms: Vec::with_capacity(bytes / 28),
            contexts: Vec::with_capacity(bytes / 50),
            ..Lexicons::default()
        }
    }

    /// The domains the rules name, for the entries' `@domain` (see [`parse_rules`]).
    pub fn with_domains(self, domains: Vec<String>) -> Lexicons {
        Lexicons { domains, ..self }
    }

    /// Parses a term lexicon, adding its entries.
    pub fn parse(&mut self, source: &str, text: &str) -> Result<(), Error> {
        parse_lines(source, text, "term", |fields| self.parse_entry(fields))
    }

    /// How many forms the entries have.
    pub fn forms_len(&self) -> usize {
        self.forms.len()
    }

    /// The entries' forms, in order: text, whether it ends in a stem, and entry. In parts
    /// (see `in_parts`): their loop made the once-called build hot.
    pub fn forms_in_parts<'a>(&'a self, mut each: impl FnMut(&'a str, bool, u32)) {
        let patterns = &self.patterns;
        in_parts(&self.forms, |part| {
            for (entry, form) in part {
                each(form.text(patterns), form.stem, *entry);
            }
        });
    }

    /// The word sequences of all forms.
    pub fn form_count(&self) -> usize {
        let mut count = 0;
        in_parts(&self.forms, |part| {
            count += part.iter().map(|(_, form)| form.count).sum::<usize>();
        });
        count
    }

    /// The contexts, in the order of their entries: the words before the form, its index
    /// among the forms, the words after it, and whether the last word is a stem. In parts
    /// (see `forms_in_parts`).
    pub fn contexts_in_parts<'a>(&'a self, mut each: impl FnMut(&'a str, usize, &'a str, bool)) {
        let patterns = &self.patterns;
        in_parts(&self.contexts, |part| {
            for c in part {
                let (before, after) = (c.before.text(patterns), c.after.text(patterns));
                each(before, c.form as usize, after, c.stem);
            }
        });
    }

    /// The entries as the analysis reads them, and their texts.
    pub fn into_terms(self) -> (Vec<Term>, Texts) {
        (self.terms, self.texts)
    }

    /// One line's entry. Not inlined: V8 optimizes it after a few hundred lines, not the
    /// whole once-called build around it (named in `Cargo.toml`'s wasm-opt `--no-inline`).
    #[inline(never)]
    fn parse_entry(&mut self, fields: &[&str]) -> Result<(), String> {
        if !(4..=8).contains(&fields.len()) {
            return Err(cold(|| {
                format!(
                    "4 à 8 colonnes séparées par des tabulations attendues (term, category, weight, valence, forms, alternative, except, note), {} trouvée(s)",
                    fields.len()
                )
            }));
        }
        let category = Category::from_id(fields[1]).ok_or_else(|| {
            cold(|| {
                let ids: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
                format!(
                    "catégorie inconnue « {} » (attendu : {})",
                    fields[1],
                    ids.join(", ")
                )
            })
        })?;
        let weight = number(fields[2], "poids (weight)", WEIGHTS)?;
        let valence = number(fields[3], "valence", VALENCES)?;
        let tag = fields.get(4).copied().unwrap_or("");
        let forms_tag = Forms::parse(tag).ok_or_else(|| {
            cold(|| format!("formes inconnues « {tag} » (attendu : -, n, a ou v)"))
        })?;

        let entry = self.terms.len() as u32;
        let first_form = self.forms.len();
        // The first variant, and whether it is a stem.
        let mut display = None;
        self.kept.clear();
        for variant in split_at(fields[0], b'|').map(trim) {
            if variant.is_empty() {
                return Err(cold(|| "terme vide".into()));
            }
            let (body, stem) = match variant.strip_suffix('*') {
                Some(body) => (body, true),
                None => (variant, false),
            };
            if body.contains('*') {
                return Err(cold(|| {
                    format!("« * » ne peut que finir un terme : « {variant} »")
                }));
            }
            self.folded.clear();
            push_folded_term(body, &mut self.folded);
            let folded = self.folded.as_str();
            if !folded
                .bytes()
                .any(|b| b.is_ascii_alphanumeric() || b >= 0x80)
            {
                return Err(cold(|| format!("le terme « {variant} » n’a aucun mot")));
            }
            display.get_or_insert((body, stem));
            if !self.kept.is_empty() {
                self.kept.push('|');
            }
            self.kept.push_str(kept_letters(body, forms_tag, stem));
            if stem && !ends_in_a_stem(folded) {
                return Err(cold(|| {
                    format!("le radical « {variant} » doit finir par un mot d’au moins 3 lettres")
                }));
            }
            let tag = if stem { Forms::Exact } else { forms_tag };
            let mut form = expand(folded, tag, &mut self.patterns)?;
            form.stem = stem;
            self.forms.push((entry, form));
        }

        let mut domains = 0;
        if let Some(except) = optional(fields.get(6)) {
            for context in split_at(except, b';').map(trim).filter(|c| !c.is_empty()) {
                match context.strip_prefix('@') {
                    Some(domain) => domains |= self.domain(domain)?,
                    None => self.parse_context(context, first_form)?,
                }
            }
        }

        let (body, stem) = display.unwrap_or_default();
        let texts = &mut self.texts;
        self.terms.push(Term {
            term: texts.add_with(|text| {
                text.push_str(body);
                if stem {
                    text.push('…');
                }
            }),
            kept: texts.add(&self.kept),
            alternative: optional(fields.get(5)).map(|a| texts.add(a)),
            note: optional(fields.get(7)).map(|n| texts.add(n)),
            category,
            weight,
            valence,
            domains,
        });
        Ok(())
    }

    /// The bit of the domain `name` (`@name` in `except`), which `rules.tsv` must name.
    fn domain(&self, name: &str) -> Result<u32, String> {
        match self.domains.iter().position(|d| d == name) {
            Some(at) => Ok(1 << at),
            None if self.domains.is_empty() => Err(cold(|| {
                format!(
                    "domaine inconnu « @{name} » : les règles n’en nomment aucun (type domain de rules.tsv)"
                )
            })),
            None => Err(cold(|| {
                format!(
                    "domaine inconnu « @{name} » (les règles nomment : {})",
                    self.domains.join(", ")
                )
            })),
        }
    }

    /// Adds the patterns of one context of the entry whose forms start at `first_form`.
    /// Not inlined (`Cargo.toml`): rare, and kept out of `parse_entry`, which V8 optimizes.
    #[inline(never)]
    fn parse_context(&mut self, context: &str, first_form: usize) -> Result<(), String> {
        let context = if context.contains('~') {
            Cow::Borrowed(context)
        } else {
            Cow::Owned(format!("~ {context}"))
        };
        let (before, after) = context.split_once('~').unwrap_or_default();
        if after.contains('~') {
            return Err(cold(|| {
                format!("le contexte « {context} » a plus d’un « ~ »")
            }));
        }
        // `~s` would read as a word of its own, `~` then `s`, and never match.
        let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if glued(before.chars().next_back()) || glued(after.chars().next()) {
            return Err(cold(|| {
                format!(
                    "dans le contexte « {context} », « ~ » est un mot entier, qui vaut déjà pour chaque forme du terme (pluriel compris) : « ~ manchots », pas « ~s manchots »"
                )
            }));
        }
        let (context, after_stem) = match context.trim_end().strip_suffix('*') {
            Some(c) => (c, true),
            None => (&*context, false),
        };
        // Fold the context whole, the term standing as one plain word and a word after a
        // final elision, so that `d'~` and `~ d'` fold as they do in a text.
        let whole = &mut self.context;
        whole.clear();
        for (i, part) in split_at(context, b'~').enumerate() {
            if i > 0 {
                whole.push_str(TERM);
            }
            whole.push_str(part);
        }
        if context.ends_with(['\'', '’']) {
            whole.push_str("surligneursuite");
        }
        let folded = &mut self.folded_context;
        folded.clear();
        push_folded_term(whole, folded);
        let folded = folded.strip_suffix(" surligneursuite").unwrap_or(folded);
        let (before, after) = match find(folded, TERM) {
            Some(at) => (trim(&folded[..at]), trim(&folded[at + TERM.len()..])),
            None => ("", ""),
        };
        if after_stem && !after.is_empty() && !ends_in_a_stem(after) {
            return Err(cold(|| {
                format!(
                    "le radical du contexte « {context}* » doit finir par un mot d’au moins 3 lettres"
                )
            }));
        }
        let (before, after) = (
            Pattern::exact(before, &mut self.patterns),
            Pattern::exact(after, &mut self.patterns),
        );
        for form in first_form..self.forms.len() {
            let form_stem = self.forms[form].1.stem;
            if form_stem && !after.is_empty() {
                return Err(cold(|| {
                    format!(
                        "le contexte « {context} » continue après un terme à radical ; seuls les contextes qui le précèdent conviennent"
                    )
                }));
            }
            self.contexts.push(Context {
                before,
                form: form as u32,
                after,
                stem: after_stem || (after.is_empty() && form_stem),
            });
        }
        Ok(())
    }
}

/// What stands for the term in a context while it is folded.
const TERM: &str = "surligneurterme";

/// Where `needle` first is in `text`: `str::find`'s searcher costs more to set up than
/// these short texts take to scan, and comparing only where the first byte matches costs
/// less than comparing at every byte.
fn find(text: &str, needle: &str) -> Option<usize> {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    (0..text.len()).find(|&i| text[i] == needle[0] && text[i..].starts_with(needle))
}

/// What every form of a variant keeps: the stem of a verb (`v`: a regular verb's last two
/// letters change), else the variant (`n`, `a` add endings, a stem `*` any). Nothing for
/// an expression whose words change: which of them do is not known.
fn kept_letters(variant: &str, tag: Forms, stem: bool) -> &str {
    let changes = stem || !matches!(tag, Forms::Exact);
    match tag {
        _ if changes && variant.contains(char::is_whitespace) => "",
        Forms::Verb => {
            let stem = variant.chars().count().saturating_sub(2);
            variant
                .char_indices()
                .nth(stem)
                .map_or(variant, |(end, _)| &variant[..end])
        }
        _ => variant,
    }
}

/// Whether folded words end in a word that can be a stem: three letters at least.
fn ends_in_a_stem(folded: &str) -> bool {
    let last = folded.rsplit(' ').next().unwrap_or("");
    last.chars().count() >= 3 && last.ends_with(|c: char| c.is_alphanumeric())
}

/// Parses a rule-word file, adding the domains it names to `domains` (a domain's bit is
/// its place there).
pub(crate) fn parse_rules(
    source: &str,
    text: &str,
    domains: &mut Vec<String>,
) -> Result<Vec<RuleWord>, Error> {
    let mut rules = Vec::new();
    parse_lines(source, text, "kind", |fields| {
        rules.push(parse_rule(fields, domains)?);
        Ok(())
    })?;
    Ok(rules)
}

/// How many domains rules may name: a bit each in a `u32`.
const MAX_DOMAINS: usize = 32;

/// Not inlined (`Cargo.toml`): V8 optimizes the loop over the rules' lines apart from it,
/// a smaller function.
#[inline(never)]
fn parse_rule(fields: &[&str], domains: &mut Vec<String>) -> Result<RuleWord, String> {
    if !(2..=4).contains(&fields.len()) {
        return Err(cold(|| {
            format!(
                "2 à 4 colonnes séparées par des tabulations attendues (kind, term, factor, note), {} trouvée(s)",
                fields.len()
            )
        }));
    }
    let kind = RuleKind::parse(fields[0]).ok_or_else(|| {
        cold(|| {
            let names: Vec<&str> = RuleKind::NAMES.iter().map(|(name, _)| *name).collect();
            format!(
                "type de règle inconnu « {} » (attendu : {})",
                fields[0],
                names.join(", ")
            )
        })
    })?;
    let term = fields[1].to_string();
    if term.is_empty() {
        return Err(cold(|| "terme vide".into()));
    }
    let factor = match optional(fields.get(2)) {
        Some(f) => number(f, "facteur (factor)", FACTORS)?,
        None if kind.needs_factor() => {
            return Err(cold(|| {
                format!("la règle « {} » demande un facteur", fields[0])
            }))
        }
        None => 1.0,
    };
    if kind == RuleKind::Emphasis
        && !matches!(
            term.as_str(),
            "caps" | "exclamation" | "exclamations" | "scare_quotes"
        )
    {
        return Err(cold(|| {
            format!(
                "emphase inconnue « {term} » (attendu : caps, exclamation, exclamations ou scare_quotes)"
            )
        }));
    }
    let folded = if term.ends_with(['\'', '’']) {
        // A final elision (`sans l'`) folds as in a text, where a letter follows it.
        let folded = folded_words(&format!("{term}x"));
        folded[..folded.len() - 1].trim_end().to_string()
    } else {
        folded_words(&term)
    };
    if kind.is_flag() && folded.contains(' ') {
        return Err(cold(|| {
            format!(
                "une règle {} porte sur un seul mot, pas « {term} »",
                fields[0]
            )
        }));
    }
    if kind.is_matched()
        && !folded
            .bytes()
            .any(|b| b.is_ascii_alphanumeric() || b >= 0x80)
    {
        return Err(cold(|| {
            format!("le terme de règle « {term} » n’a aucun mot")
        }));
    }
    // A domain's bit: a `domain` word names its domain in the note, a `paragraph_domain`
    // line in the term.
    let name = match kind {
        RuleKind::Domain => Some(optional(fields.get(3)).ok_or_else(|| {
            cold(|| {
                format!(
                    "le mot de domaine « {term} » demande le nom de son domaine en 4e colonne (note)"
                )
            })
        })?),
        RuleKind::ParagraphDomain => Some(term.as_str()),
        _ => None,
    };
    let domain = match name {
        Some(name) => {
            let at = match domains.iter().position(|d| d == name) {
                Some(at) => at,
                None if domains.len() < MAX_DOMAINS => {
                    domains.push(name.to_string());
                    domains.len() - 1
                }
                None => {
                    return Err(cold(|| {
                        format!("plus de {MAX_DOMAINS} domaines : « {name} » de trop")
                    }))
                }
            };
            1 << at
        }
        None => 0,
    };
    Ok(RuleWord {
        kind,
        term,
        folded,
        factor,
        domain,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inflect::expanded;

    #[test]
    fn every_embedded_file_parses() {
        let mut domains = Vec::new();
        parse_rules(EMBEDDED_RULES.0, EMBEDDED_RULES.1, &mut domains)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut lexicons = Lexicons::default().with_domains(domains);
        for (name, text) in EMBEDDED_LEXICONS {
            lexicons.parse(name, text).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    /// Rules name the domains in the order they come, a bit each; the same name is one
    /// domain; entries mark theirs with `@name`, contexts beside them.
    #[test]
    fn domains_are_named_by_rules_and_marked_by_entries() {
        let mut domains = Vec::new();
        let rules = "domain\tmi-temps\t-\tsport\ndomain\téchiquier\t\tjeu\ndomain\tballon\t-\tsport\nbooster\ttrès\t1.5\tsport\nparagraph_domain\tjeu\nparagraph_domain\tcuisine\n";
        let rules = parse_rules("rules.tsv", rules, &mut domains).unwrap();
        assert_eq!(domains, ["sport", "jeu", "cuisine"]);
        let bits: Vec<u32> = rules.iter().map(|r| r.domain).collect();
        assert_eq!(
            bits,
            [1, 2, 1, 0, 2, 4],
            "a booster's note names no domain; a paragraph domain's term does"
        );
        let mut lexicons = Lexicons::default().with_domains(domains);
        let text = "attaque\twar\t1\t-2\tn\t-\t@jeu;~ cardiaque ; @sport\nassaut\twar\t1\t-2\tn\nguerre\twar\t1\t-2\tn\t-\t@jeu\n";
        lexicons.parse("t.tsv", text).unwrap();
        let marks: Vec<u32> = lexicons.terms.iter().map(|t| t.domains).collect();
        assert_eq!(marks, [3, 0, 2]);
        assert_eq!(lexicons.contexts.len(), 1, "the context beside the domains");
    }

    #[test]
    fn find_either_finds_the_first_of_two_bytes() {
        let text = b"ab|cdefghij klmnopq|rstuvwxyz \x80\xff|";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text[start..end];
                let want = bytes.iter().position(|&b| b == b' ' || b == b'|');
                assert_eq!(find_either(bytes, b' ', b'|'), want, "{start}..{end}");
                assert_eq!(find_either(bytes, b'#', b'#'), None);
            }
        }
    }

    #[test]
    fn bad_lines_name_their_line() {
        let table: &[(&str, usize, &str)] = &[
            ("guerre\twar\t1\n", 1, "4 à 8 colonnes"),
            (
                "# c\nguerre\twarr\t1\t-2\n",
                2,
                "catégorie inconnue « warr »",
            ),
            (
                "guerre\twar\tfort\t-2\n",
                1,
                "poids (weight) « fort » n’est pas un nombre",
            ),
            ("guerre\twar\t1\t-9\n", 1, "valence -9 hors limites"),
            ("guerre\twar\t0\t-2\n", 1, "poids (weight) 0 hors limites"),
            (
                "guerre\twar\tNaN\t-2\n",
                1,
                "poids (weight) « NaN » n’est pas un nombre",
            ),
            (
                "guerre\twar\tinf\t-2\n",
                1,
                "poids (weight) « inf » n’est pas un nombre",
            ),
            (
                "guerre\twar\t1e0\t-2\n",
                1,
                "poids (weight) « 1e0 » n’est pas un nombre",
            ),
            (
                "guerre\twar\t1,5\t-2\n",
                1,
                "poids (weight) « 1,5 » n’est pas un nombre",
            ),
            ("guerre\twar\t1\t-2\tx\n", 1, "formes inconnues « x »"),
            ("vaincre\twar\t1\t-2\tv\n", 1, "pas un verbe régulier"),
            ("va*inc\twar\t1\t-2\n", 1, "ne peut que finir un terme"),
            ("va*\twar\t1\t-2\n", 1, "au moins 3 lettres"),
            ("!!\twar\t1\t-2\n", 1, "n’a aucun mot"),
            ("a||b\twar\t1\t-2\n", 1, "terme vide"),
            ("\n\nok\twar\t1\t0\nko\twar\n", 4, "4 à 8 colonnes"),
            ("guerre\twar\t1\t-2\t\t\t~ a ~\n", 1, "plus d’un « ~ »"),
            (
                "bandit\tlabeling\t1\t-2\tn\t\t~s manchots\n",
                1,
                "« ~ » est un mot entier",
            ),
            (
                "bandit\tlabeling\t1\t-2\tn\t\tgros~\n",
                1,
                "« ~ » est un mot entier",
            ),
            (
                "vainc*\twar\t1\t-2\t\t\t~ l'ennemi\n",
                1,
                "continue après un terme à radical",
            ),
            // Found by the lexicon fuzzer: a one-byte stem in a context.
            (
                "régime\tlabeling\t1\t-1\tn\t-\t~ alimentaire; ~ fisc!*\n",
                1,
                "au moins 3 lettres",
            ),
            ("guerre\twar\t1\t-2\t\t\t~ de*\n", 1, "au moins 3 lettres"),
            (
                "attaque\twar\t1\t-2\tn\t-\t~ cardiaque; @sports\n",
                1,
                "domaine inconnu « @sports » (les règles nomment : sport, jeu)",
            ),
            ("attaque\twar\t1\t-2\tn\t-\t@\n", 1, "domaine inconnu « @ »"),
        ];
        let domains = vec!["sport".to_string(), "jeu".to_string()];
        for (text, line, message) in table {
            let mut lexicons = Lexicons::default().with_domains(domains.clone());
            let err = lexicons.parse("test.tsv", text).unwrap_err();
            assert_eq!(err.location(), Some(("test.tsv", *line)), "{text:?}: {err}");
            assert!(err.to_string().contains(message), "{text:?}: {err}");
            assert!(err.to_string().starts_with(&format!("test.tsv:{line}: ")));
        }
    }

    #[test]
    fn lines_past_a_part_keep_their_number() {
        // Lines are parsed in parts of about 16 KiB (`lines_in_parts`): a bad line in the
        // third part, and a line break, a comment or a blank line at each cut.
        for (i, filler) in ["guerre\twar\t1\t-2\n", "# c\n", "\n", "\r\n"]
            .iter()
            .enumerate()
        {
            for lines in [3000, 5000 + i] {
                let mut text = filler.repeat(lines);
                text.push_str("guerre\twarr\t1\t-2\n");
                let mut lexicons = Lexicons::default();
                let err = lexicons.parse("test.tsv", &text).unwrap_err();
                assert_eq!(err.location(), Some(("test.tsv", lines + 1)), "{filler:?}");
            }
        }
        let mut lexicons = Lexicons::default();
        let text = "guerre\twar\t1\t-2\n".repeat(2000);
        lexicons.parse("test.tsv", &text).unwrap();
        assert_eq!(lexicons.into_terms().0.len(), 2000);
    }

    /// `decimal` reads what `str::parse` reads, bit for bit, for the numbers of lexicons;
    /// anything else is no number.
    #[test]
    fn decimals_read_like_str_parse() {
        let numbers = [
            "0",
            "1",
            "-3",
            "+2",
            "1.5",
            "-0.5",
            "0.1",
            "0.01",
            "0.667",
            ".25",
            "5.",
            "4.000",
            "-4",
            "10",
            "1.15",
            "0.3",
            "2.675",
            "123456789012345",
            "0.000000000000001",
            "9.99999999999999",
            "-0",
        ];
        for n in numbers {
            let want: f64 = n.parse().expect("a number");
            assert_eq!(
                super::decimal(n).map(f64::to_bits),
                Some(want.to_bits()),
                "{n}"
            );
        }
        let not = [
            "",
            "-",
            "+",
            ".",
            "-.",
            "1e3",
            "inf",
            "NaN",
            "1,5",
            "1.5.2",
            "--1",
            " 1",
            "1 ",
            "0x10",
            "12345678901234567890",
            "0.0000000000000001",
            "١",
        ];
        for n in not {
            assert_eq!(super::decimal(n), None, "{n:?}");
        }
    }

    #[test]
    fn good_lines_parse() {
        let table: &[(&str, &[&str], &[&str])] = &[
            (
                "term\tcategory\tweight\tvalence\nguerre\twar\t1\t-2",
                &["guerre"],
                &[],
            ),
            (
                "Coup d’État\twar\t1\t-2\tn",
                &["coup d' etat", "coups d' etat"],
                &[],
            ),
            ("vainc*|vainqu*\twar\t1\t-2", &["vainc*", "vainqu*"], &[]),
            (
                "régime\tlabeling\t1\t-1\tn\tgouvernement\t~ alimentaire; ~ fiscal*; au ~",
                &["regime", "regimes"],
                &["regime alimentaire", "regimes fiscal*", "au regime"],
            ),
            (
                "troupe\twar\t1\t-1\tn\t-\t~ de théâtre",
                &["troupe"],
                &["troupes de theatre"],
            ),
            (
                "enfer\tfear\t1\t-2\tn\t-\td'~; rythme d’~",
                &["enfer"],
                &["d' enfer", "rythme d' enfers"],
            ),
        ];
        for (text, forms, contexts) in table {
            let mut lexicons = Lexicons::default();
            lexicons.parse("t", text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(lexicons.terms.len(), 1);
            let (mut got_forms, mut form_texts) = (Vec::new(), Vec::new());
            lexicons.forms_in_parts(|text, stem, _| {
                got_forms.extend(expanded(text, stem));
                form_texts.push(text);
            });
            let mut got_contexts = Vec::new();
            lexicons.contexts_in_parts(|before, form, after, stem| {
                let text = [before, form_texts[form], after].join(" ");
                got_contexts.extend(expanded(text.trim(), stem));
            });
            for f in *forms {
                assert!(got_forms.contains(&f.to_string()), "{text}: {f}");
            }
            for c in *contexts {
                assert!(
                    got_contexts.contains(&c.to_string()),
                    "{text}: {c} in {got_contexts:?}"
                );
            }
        }
    }

    #[test]
    fn bad_rule_lines_name_their_line() {
        let many_domains: String = (0..33)
            .map(|i| format!("domain\tmot{i}\t-\td{i}\n"))
            .collect();
        let table: &[(&str, usize, &str)] = &[
            ("negator\n", 1, "2 à 4 colonnes"),
            ("booster\ttrès\n", 1, "demande un facteur"),
            ("boost\ttrès\t1.5\n", 1, "type de règle inconnu « boost »"),
            (
                "kind\tterm\nbooster\ttrès\tx\n",
                2,
                "facteur (factor) « x » n’est pas un nombre",
            ),
            ("emphasis\tloud\t1.2\n", 1, "emphase inconnue « loud »"),
            ("domain\tmi-temps\n", 1, "demande le nom de son domaine"),
            (
                "domain\tmi-temps\t-\t-\n",
                1,
                "demande le nom de son domaine",
            ),
            (&many_domains, 33, "plus de 32 domaines : « d32 » de trop"),
            (
                "foreign_word\tthe end\n",
                1,
                "une règle foreign_word porte sur un seul mot, pas « the end »",
            ),
            (
                "french_word\tle\ndeterminer\tla plupart\n",
                2,
                "une règle determiner porte sur un seul mot",
            ),
            ("langue\tthe\n", 1, "french_word, foreign_word)"),
        ];
        for (text, line, message) in table {
            let err = parse_rules("rules.tsv", text, &mut Vec::new()).unwrap_err();
            assert_eq!(
                err.location(),
                Some(("rules.tsv", *line)),
                "{text:?}: {err}"
            );
            assert!(err.to_string().contains(message), "{text:?}: {err}");
        }
        // Their corrected lines are read.
        let good = "foreign_word\tthe\nfrench_word\tl'\ndeterminer\tla\nbooster\ttrès\t1.5\n";
        assert_eq!(
            parse_rules("rules.tsv", good, &mut Vec::new())
                .unwrap()
                .len(),
            4
        );
    }
}
