//! The `Analyzer`: lexicons compiled once, then any number of texts analyzed.
//!
//! ```
//! use surligneur::{Analyzer, Category};
//!
//! let analyzer = Analyzer::builder()
//!     .lexicon("perso.tsv", "va-t-en-guerre\tlabeling\t1.5\t-2\tn\n")
//!     .categories([Category::Labeling])
//!     .build()?;
//! let analysis = analyzer.analyze("Des va-t-en-guerre partout.")?;
//! assert_eq!(analysis.spans[0].text, "va-t-en-guerre");
//! # Ok::<(), surligneur::Error>(())
//! ```

use crate::analysis::{Analysis, Category, Modifier, ModifierKind, Sentence, Span, Summary};
use crate::error::Error;
use crate::fold::{bytes8, HIGH};
use crate::lexicon::{
    parse_rules, Lexicons, RuleKind, RuleWord, Term, Texts, EMBEDDED_LEXICONS, EMBEDDED_RULES,
};
use crate::matcher::{
    Hit, Matcher, Token, DETERMINER, DOMAIN_START, FOREIGN, FRENCH, MARKER_START, PARTICIPLE,
};
use crate::score;
use crate::snapshot::{Fingerprint, Reader, Writer};
use crate::tokenize;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// The largest text analyzed at once, in bytes of UTF-8 (256 MiB): past it, split the text.
pub const MAX_TEXT_BYTES: usize = 256 << 20;

/// How far rules reach, in words between the cue and the span.
const NEGATION_REACH: usize = 6;
const NE_REACH: usize = 4;
const BOOSTER_REACH: usize = 3;
const HEARSAY_REACH: usize = 3;
/// How far a si-clause's verb may lie after its marker, in tokens.
const HYPOTHESIS_REACH: usize = 8;
/// How far before a conditional's sentence a `scenario` marker reaches, in tokens, on its
/// line: a paragraph that opens with « Le texte prévoit » describes the plan for a few
/// sentences.
const SCENARIO_REACH: usize = 120;
/// How far the words of a `paragraph_domain` count around a sentence, in tokens each way,
/// on its line: a match report names the match once, then its « héros » and « attaque »
/// come a sentence or two later.
const DOMAIN_REACH: usize = 60;
/// The most words a domain's expression has, read past a range to find those that start in it.
const MAX_DOMAIN_WORDS: usize = 8;
/// The most words a `hearsay_state` has (« sur le point de »).
const MAX_STATE_WORDS: usize = 4;
/// How far around a hit its run of non-space characters is read, in bytes each way, to tell
/// whether it is part of a web or e-mail address.
const LINK_REACH: usize = 256;
/// The ends of a domain name that `Document::in_link` knows: a word glued to one of them
/// (« Talents.fr », « guerre.com ») names a site, not a thing.
const DOMAIN_ENDINGS: [&str; 20] = [
    "fr", "com", "org", "net", "eu", "info", "io", "be", "ch", "ca", "lu", "de", "uk", "ru", "ua",
    "tv", "me", "co", "news", "gouv",
];
/// VADER's N_SCALAR: a negated word's valence is multiplied by it.
const NEGATED_VALENCE: f64 = -0.74;

/// Lexicons compiled into one trie, ready to analyze texts.
///
/// Build it once and keep it: building parses the lexicons and builds the trie, analyzing
/// only reads them.
#[derive(Debug)]
pub struct Analyzer {
    /// The entries, as the analysis reads them, and their texts.
    terms: Vec<Term>,
    texts: Texts,
    rules: Vec<RuleWord>,
    matcher: Matcher,
    participle_endings: Vec<String>,
    /// The imperfect endings a si-clause needs (`hypothesis`).
    imperfect_endings: Vec<String>,
    emphasis: Emphasis,
    repetition: Option<f64>,
    /// Sentiment entries with a valence of smaller size count in polarity, unshown.
    mild_below: f64,
    /// The domains whose words count around their sentence too (`paragraph_domain`).
    paragraph_domains: u32,
    categories: [bool; Category::ALL.len()],
    min_weight: f64,
    /// What it was built from, for its snapshot (`src/snapshot.rs`).
    fingerprint: u64,
}

#[derive(Debug, Default)]
struct Emphasis {
    caps: Option<f64>,
    exclamation: Option<f64>,
    exclamations: Option<f64>,
    scare_quotes: Option<f64>,
}

/// Options for an [`Analyzer`]: extra or replacement lexicons, categories, a threshold.
#[derive(Debug, Clone)]
pub struct AnalyzerBuilder {
    embedded: bool,
    lexicons: Vec<(String, String)>,
    rules: Vec<(String, String)>,
    categories: Option<Vec<Category>>,
    min_weight: f64,
}

impl Default for AnalyzerBuilder {
    fn default() -> Self {
        AnalyzerBuilder {
            embedded: true,
            lexicons: Vec::new(),
            rules: Vec::new(),
            categories: None,
            min_weight: 0.0,
        }
    }
}

impl AnalyzerBuilder {
    /// Adds a term lexicon (the format of `lexicons/README.md`). One named like an
    /// embedded file (`war.tsv`) replaces it; entries of later lexicons win over earlier
    /// ones for the same form.
    pub fn lexicon(mut self, name: &str, text: &str) -> Self {
        self.lexicons.push((name.to_string(), text.to_string()));
        self
    }

    /// Adds rule words; a file named `rules.tsv` replaces the embedded one.
    pub fn rules(mut self, name: &str, text: &str) -> Self {
        self.rules.push((name.to_string(), text.to_string()));
        self
    }

    /// Starts from no embedded lexicon or rule word at all.
    pub fn without_embedded(mut self) -> Self {
        self.embedded = false;
        self
    }

    /// Keeps only spans of these categories.
    pub fn categories(mut self, categories: impl IntoIterator<Item = Category>) -> Self {
        self.categories = Some(categories.into_iter().collect());
        self
    }

    /// Drops spans whose weight, after modifiers, is below `weight`.
    pub fn min_weight(mut self, weight: f64) -> Self {
        self.min_weight = weight;
        self
    }

    /// Parses the lexicons and builds the trie.
    pub fn build(self) -> Result<Analyzer, Error> {
        self.check()?;
        // The rules first: they name the domains that entries refer to.
        let (mut rules, mut domains) = (Vec::new(), Vec::new());
        for (name, text) in self.rule_sources() {
            rules.extend(parse_rules(name, text, &mut domains)?);
        }
        let bytes = self.lexicon_sources().map(|(_, text)| text.len()).sum();
        let mut lexicons = Lexicons::with_capacity(bytes).with_domains(domains);
        for (name, text) in self.lexicon_sources() {
            lexicons.parse(name, text)?;
        }
        let matcher = Matcher::new(&lexicons, &rules);
        Ok(self.assemble(lexicons.into_terms(), rules, matcher, self.fingerprint()))
    }

    /// The analyzer that [`Analyzer::to_bytes`] saved, if it was built with the same
    /// options by this build of the crate: much quicker than [`AnalyzerBuilder::build`].
    /// Other bytes are refused with an error (then build it).
    pub fn load(self, bytes: &[u8]) -> Result<Analyzer, Error> {
        self.check()?;
        let fingerprint = self.fingerprint();
        let mut r = Reader::open(bytes, fingerprint)?;
        let (terms, texts) = Term::read_all(&mut r)?;
        let n = r.len(1)?;
        let rules = (0..n)
            .map(|_| RuleWord::read(&mut r))
            .collect::<Result<Vec<_>, _>>()?;
        let matcher = Matcher::read(&mut r, terms.len(), rules.len())?;
        r.finish()?;
        Ok(self.assemble((terms, texts), rules, matcher, fingerprint))
    }

    fn check(&self) -> Result<(), Error> {
        if !self.min_weight.is_finite() || self.min_weight < 0.0 {
            return Err(Error::option(format!(
                "le poids minimum doit être un nombre ≥ 0, pas {}",
                score::decimal(self.min_weight)
            )));
        }
        Ok(())
    }

    /// The term lexicons, in priority order: the embedded ones not replaced, then the
    /// reader's.
    fn lexicon_sources(&self) -> impl Iterator<Item = (&str, &str)> {
        let embedded = EMBEDDED_LEXICONS
            .iter()
            .filter(|(name, _)| self.embedded && !replaced(name, &self.lexicons))
            .map(|&(name, text)| (name, text));
        embedded.chain(self.lexicons.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    }

    /// The rule words' sources, like [`AnalyzerBuilder::lexicon_sources`].
    fn rule_sources(&self) -> impl Iterator<Item = (&str, &str)> {
        let (name, text) = EMBEDDED_RULES;
        let embedded = self.embedded && !replaced(name, &self.rules);
        embedded
            .then_some((name, text))
            .into_iter()
            .chain(self.rules.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    }

    fn category_mask(&self) -> [bool; Category::ALL.len()] {
        let mut mask = [self.categories.is_none(); Category::ALL.len()];
        for c in self.categories.iter().flatten() {
            mask[*c as usize] = true;
        }
        mask
    }

    /// What an analyzer built with these options is made of: this build of the crate, whose
    /// embedded lexicons are part of it (which are used follows from `embedded` and the
    /// reader's file names), the reader's files, the categories and the minimum weight.
    fn fingerprint(&self) -> u64 {
        let mut f = Fingerprint::new()
            .with(crate::snapshot::BUILD.as_bytes())
            .with(&[u8::from(self.embedded)]);
        for (name, text) in self
            .lexicons
            .iter()
            .chain([&(String::new(), String::new())])
            .chain(&self.rules)
        {
            f = f.with(name.as_bytes()).with(text.as_bytes());
        }
        let mask = self.category_mask().map(u8::from);
        f.with(&mask).with(&self.min_weight.to_le_bytes()).value()
    }

    /// The analyzer of these options from its parts, built or read back.
    fn assemble(
        &self,
        (terms, texts): (Vec<Term>, Texts),
        rules: Vec<RuleWord>,
        matcher: Matcher,
        fingerprint: u64,
    ) -> Analyzer {
        let of = |kind: RuleKind| rules.iter().filter(move |r| r.kind == kind);
        let emphasis_factor = |name: &str| {
            of(RuleKind::Emphasis)
                .find(|r| r.term == name)
                .map(|r| r.factor)
        };
        Analyzer {
            participle_endings: of(RuleKind::ParticipleEnding)
                .map(|r| lowercase(&r.term))
                .collect(),
            imperfect_endings: of(RuleKind::ImperfectEnding)
                .map(|r| lowercase(&r.term))
                .collect(),
            emphasis: Emphasis {
                caps: emphasis_factor("caps"),
                exclamation: emphasis_factor("exclamation"),
                exclamations: emphasis_factor("exclamations"),
                scare_quotes: emphasis_factor("scare_quotes"),
            },
            repetition: of(RuleKind::Repetition).map(|r| r.factor).next_back(),
            mild_below: of(RuleKind::MildSentiment)
                .map(|r| r.factor)
                .next_back()
                .unwrap_or(0.0),
            paragraph_domains: of(RuleKind::ParagraphDomain).fold(0, |all, r| all | r.domain),
            terms,
            texts,
            rules,
            matcher,
            categories: self.category_mask(),
            min_weight: self.min_weight,
            fingerprint,
        }
    }
}

/// Whether the reader gave a file named `name` (it replaces the embedded one).
fn replaced(name: &str, user: &[(String, String)]) -> bool {
    user.iter().any(|(n, _)| n == name)
}

impl Default for Analyzer {
    /// The analyzer of the embedded lexicons.
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    /// The analyzer of the embedded lexicons, every category, no threshold.
    pub fn new() -> Analyzer {
        AnalyzerBuilder::default()
            .build()
            .expect("embedded lexicons are checked by the test suite")
    }

    /// Options for an analyzer with other lexicons, categories or threshold.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// The analyzer as bytes, for [`AnalyzerBuilder::load`] with the same options: the
    /// page and the extension keep them to start again without building.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        Term::write_all(&self.terms, &self.texts, &mut w);
        w.len(self.rules.len());
        for rule in &self.rules {
            rule.write(&mut w);
        }
        self.matcher.write(&mut w);
        w.finish(self.fingerprint)
    }

    /// Number of lexicon entries.
    pub fn entries(&self) -> usize {
        self.terms.len()
    }

    /// Number of distinct entries per category (for coverage figures).
    pub fn entries_per_category(&self) -> Vec<(Category, usize)> {
        Category::ALL
            .into_iter()
            .map(|c| (c, self.terms.iter().filter(|t| t.category == c).count()))
            .collect()
    }

    /// Number of patterns (inflected forms, contexts, rule words) in the trie.
    pub fn patterns(&self) -> usize {
        self.matcher.patterns()
    }

    /// Analyzes a text: spans, summary, sentences.
    ///
    /// Refuses only a text larger than [`MAX_TEXT_BYTES`].
    pub fn analyze(&self, text: &str) -> Result<Analysis, Error> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(Error::too_large(text.len(), MAX_TEXT_BYTES));
        }
        let mut spans = Vec::new();
        let mut sentences = Vec::new();
        let mut memo = Memo::default();
        // UTF-16 offsets in one pass, as sentences are found: a sentence's spans lie
        // inside it, in order.
        let mut utf16 = Utf16Cursor::default();
        // A chunk at a time, so that its tokens stay in the CPU cache and memory stays
        // bounded whatever the length of the text.
        // Room for the tokens of a chunk of prose (about one per five bytes), so that the
        // vector does not grow (and copy) token by token on the first chunk.
        let mut tokens = Vec::with_capacity(text.len().min(CHUNK_BYTES) / 4);
        let (mut hits, mut splits) = (Vec::new(), Vec::new());
        for (base, chunk) in chunks(text, CHUNK_BYTES) {
            self.matcher.tokens(chunk, &mut tokens);
            hits.clear();
            self.matcher.scan(chunk, &tokens, &mut hits);
            let doc = Document {
                text: chunk,
                accented: has_accents(chunk),
                base,
                tokens: &tokens,
                domain_words: RefCell::default(),
                foreign: Cell::default(),
            };
            tokenize::sentences(chunk, &tokens, &self.matcher, &mut splits);
            if base == 0 {
                // Room for as many sentences as the first chunk promises and a quarter
                // more (chunks differ), rather than growing (and copying) the vector as
                // they come: no more than the text's size in memory, whatever the first
                // chunk is like.
                let promised = splits.len() * text.len().div_ceil(chunk.len()) * 5 / 4;
                sentences.reserve(promised.min(text.len() / size_of::<Sentence>()));
            }
            let mut next = 0;
            for sentence in &splits {
                while next < hits.len() && hits[next].start < sentence.start {
                    next += 1;
                }
                let first = next;
                while next < hits.len() && hits[next].start < sentence.end {
                    next += 1;
                }
                let before = spans.len();
                let mut sentence_mild = 0.0;
                // Most sentences of prose have no hit, so nothing to read the rules for.
                if first < next && !self.foreign(&doc, sentence, &hits[first..next]) {
                    self.sentence_spans(
                        &doc,
                        sentence,
                        &hits[first..next],
                        &mut memo,
                        &mut spans,
                        &mut sentence_mild,
                    );
                }
                let bytes = doc.bytes(sentence.start, sentence.end);
                let start = utf16.at(text, bytes.start);
                let mine = &mut spans[before..];
                for span in mine.iter_mut() {
                    span.start = utf16.at(text, span.bytes.start);
                    span.end = utf16.at(text, span.bytes.end);
                }
                sentences.push(Sentence {
                    start,
                    end: utf16.at(text, bytes.end),
                    words: sentence.words,
                    charge: score::charge(&*mine, sentence.words),
                    polarity: score::polarity(&*mine, sentence_mild),
                });
            }
        }
        let words = sentences.iter().map(|s| s.words).sum();
        let summary = Summary {
            words,
            charge: score::charge(&spans, words),
            polarity: score::text_polarity(&sentences, words),
            categories: score::categories(&spans),
        };
        Ok(Analysis {
            spans,
            summary,
            sentences,
        })
    }

    /// The domains a sentence is in: those whose words it has, and the paragraph domains
    /// whose words stand around it on its line.
    #[inline(never)]
    fn domains(&self, doc: &Document, sentence: &tokenize::Sentence) -> u32 {
        let reach = if self.paragraph_domains == 0 {
            0
        } else {
            DOMAIN_REACH
        };
        let near =
            sentence.start.saturating_sub(reach)..(sentence.end + reach).min(doc.tokens.len());
        let mut words = doc.domain_words.borrow_mut();
        // Sentences come in order, and so do their surroundings: each token is read once.
        if words.scanned < near.end {
            let from = words.scanned.max(near.start);
            // A domain's expression may end past the range (« ligue des champions »).
            let to = (near.end + MAX_DOMAIN_WORDS).min(doc.tokens.len());
            self.matcher
                .quiet_words(&doc.tokens[from..to], DOMAIN_START, |start, _, r| {
                    let domain = self.rules[r as usize].domain;
                    if domain != 0 && from + start < near.end {
                        words.found.push((from + start, domain));
                    }
                });
            words.scanned = near.end;
        }
        let first = words.found.partition_point(|&(at, _)| at < near.start);
        let mut found = 0;
        for &(at, domain) in words.found[first..]
            .iter()
            .take_while(|&&(at, _)| at < near.end)
        {
            found |= if (sentence.start..sentence.end).contains(&at) {
                domain
            } else if domain & self.paragraph_domains & !found == 0 {
                0
            } else if at < sentence.start && !doc.breaks_line(at, sentence.start)
                || at >= sentence.end && !doc.breaks_line(sentence.end - 1, at)
            {
                domain & self.paragraph_domains
            } else {
                0
            };
        }
        found
    }

    /// Whether a sentence, of `hits`, is in another language: by its function words
    /// (« selon The Economist » and a French post with an English aside stay French), or,
    /// with no French one, by those that open its chunk (a heading, a table's cell, a
    /// list's item of an English page). Its words that are also French (« regime »,
    /// « records », « front ») are no French rhetoric there. Counted only when an entry is
    /// among its hits: rule words alone make no span in another language (a hearsay
    /// auxiliary is French), and prose is full of them.
    fn foreign(&self, doc: &Document, sentence: &tokenize::Sentence, hits: &[Hit]) -> bool {
        if hits.iter().all(|hit| hit.target.entry().is_none()) {
            return false;
        }
        let (french, foreign) = self.function_words(&doc.tokens[sentence.start..sentence.end]);
        if in_another_language(french, foreign) {
            return true;
        }
        french == 0
            && match doc.foreign.get() {
                Some(known) => known,
                None => {
                    // Its first tokens tell (about 20 KB of prose): counting all of a
                    // chunk of prose, headings and tables cost 4 % of `analyze`.
                    let sample = &doc.tokens[..doc.tokens.len().min(LANGUAGE_SAMPLE)];
                    let (french, foreign) = self.function_words(sample);
                    let known = in_another_language(french, foreign);
                    doc.foreign.set(Some(known));
                    known
                }
            }
    }

    /// How many of `tokens` are French function words, and how many another language's.
    fn function_words(&self, tokens: &[Token]) -> (usize, usize) {
        tokens.iter().fold((0, 0), |(french, foreign), token| {
            let flags = self.matcher.flags(token);
            (
                french + usize::from(flags & FRENCH != 0),
                foreign + usize::from(flags & FOREIGN != 0),
            )
        })
    }

    fn rule(&self, hit: &Hit) -> Option<&RuleWord> {
        hit.target.rule().map(|r| &self.rules[r as usize])
    }

    fn kind(&self, hit: &Hit) -> Option<RuleKind> {
        self.rule(hit).map(|r| r.kind)
    }

    /// The spans of one sentence, from its hits, and the valence of its mild sentiment
    /// words (added to `mild`: they count in its polarity but are not spans).
    fn sentence_spans(
        &self,
        doc: &Document,
        sentence: &tokenize::Sentence,
        hits: &[Hit],
        memo: &mut Memo,
        out: &mut Vec<Span>,
        mild: &mut f64,
    ) {
        let exclamation = self.exclamation(doc, sentence);
        // The domains whose words the sentence and its neighbours have (a sport, a game, a
        // kitchen…, where an entry marked with one is not rhetoric): looked for at the first
        // such entry.
        let mut domains = None;
        let contrasts: Vec<usize> = (0..hits.len())
            .filter(|&i| match self.kind(&hits[i]) {
                Some(RuleKind::Contrast) => true,
                Some(RuleKind::ContrastInitial) => {
                    doc.clause_starts_at(sentence.start, hits[i].start)
                }
                _ => false,
            })
            .collect();
        // How the sentence's conditionals read: found at its first hearsay hit.
        let mut reading = None;
        for (k, hit) in hits.iter().enumerate() {
            if doc.in_link(hit) {
                continue;
            }
            if self.kind(hit) == Some(RuleKind::Hearsay) {
                if let Some(span) = self.hearsay(doc, sentence, hits, k, &mut reading) {
                    // The auxiliary is this span; if it is also a lexicon entry, spans
                    // must not overlap.
                    out.push(span);
                    continue;
                }
            }
            let text = doc.original(hit);
            // An accent twin is not the word: its shadowed entry may be.
            let twin = |e: &u32| {
                doc.accented && accent_twin(self.texts.get(self.terms[*e as usize].kept), text)
            };
            let Some(e) = hit
                .target
                .entry()
                .filter(|e| !twin(e))
                .or(hit.target.shadowed().filter(|e| !twin(e)))
            else {
                continue;
            };
            let entry = &self.terms[e as usize];
            if !self.categories[entry.category as usize] {
                continue;
            }
            if entry.domains != 0 {
                let found = *domains.get_or_insert_with(|| self.domains(doc, sentence));
                if entry.domains & found != 0 {
                    continue;
                }
            }
            let mut modifiers = Vec::new();
            let mut negated = false;

            if let Some((cue, factor)) = self.negation(doc, hits, k) {
                negated = true;
                modifiers.push(Modifier {
                    kind: ModifierKind::Negation,
                    cue,
                    factor,
                });
            }
            if let Some(j) = self.intensifier(doc, hits, k) {
                let rule = self.rule(&hits[j]).expect("intensifiers are rules");
                modifiers.push(Modifier {
                    kind: if rule.kind == RuleKind::Booster {
                        ModifierKind::Booster
                    } else {
                        ModifierKind::Dampener
                    },
                    cue: cue(doc.original(&hits[j])),
                    factor: rule.factor,
                });
            }
            // The nearest contrast word before this hit, else the nearest after it.
            let after = contrasts.partition_point(|&c| c < k).checked_sub(1);
            let before = Some(contrasts.partition_point(|&c| c <= k));
            if let Some(&c) = after.or(before).and_then(|i| contrasts.get(i)) {
                let factor = self.rule(&hits[c]).map_or(1.0, |r| r.factor);
                modifiers.push(Modifier {
                    kind: if c < k {
                        ModifierKind::ContrastAfter
                    } else {
                        ModifierKind::ContrastBefore
                    },
                    cue: cue(doc.original(&hits[c])),
                    factor: if c < k {
                        factor
                    } else {
                        score::round(1.0 / factor)
                    },
                });
            }
            if let Some(factor) = self.emphasis.caps.filter(|_| is_capitals(text)) {
                modifiers.push(Modifier {
                    kind: ModifierKind::Caps,
                    cue: cue(text),
                    factor,
                });
            }
            if let Some((kind, cue, factor)) = &exclamation {
                modifiers.push(Modifier {
                    kind: *kind,
                    cue: cue.clone(),
                    factor: *factor,
                });
            }
            if let Some(factor) = self.emphasis.scare_quotes.filter(|_| doc.quoted(hit)) {
                modifiers.push(Modifier {
                    kind: ModifierKind::ScareQuotes,
                    cue: "« »".to_string(),
                    factor,
                });
            }
            if entry.category.is_rhetoric() {
                let count = memo.seen.entry(e).or_insert(0);
                *count += 1;
                if let Some(factor) = self.repetition.filter(|_| *count > 1) {
                    modifiers.push(Modifier {
                        kind: ModifierKind::Repetition,
                        // Not `format!`: in loaded text most spans are repeated.
                        cue: count.to_string() + "e occurrence",
                        factor,
                    });
                }
            }

            let factor: f64 = modifiers.iter().map(|m| m.factor).product();
            let weight = score::round(entry.weight * factor);
            if weight < self.min_weight || weight <= 0.0 {
                continue;
            }
            let mut valence = entry.valence * factor.max(0.0);
            if negated {
                // The negation's weight factor says how much rhetoric is left, not the
                // sentiment: that one flips.
                valence = entry.valence * NEGATED_VALENCE;
            }
            let valence = score::round(valence.clamp(-4.0, 4.0));
            if entry.category == Category::Sentiment && entry.valence.abs() < self.mild_below {
                *mild += valence;
                continue;
            }
            out.push(Span {
                start: 0,
                end: 0,
                text: text.to_string(),
                category: entry.category,
                term: self.texts.get(entry.term).to_string(),
                weight,
                valence,
                negated,
                explanation: explain(
                    entry
                        .note
                        .map_or(entry.category.description(), |n| self.texts.get(n)),
                    &modifiers,
                    &mut memo.factors,
                ),
                modifiers,
                alternative: entry.alternative.map(|a| self.texts.get(a).to_string()),
                bytes: doc.bytes(hit.start, hit.end),
            });
        }
    }

    /// The negation over hit `k`, as its cue and factor: a negator in the words before it
    /// in the clause, or `ne` right before and a negator right after (`ne combat pas`).
    /// A negator put before a subject and its `ne` negates the verb, not the subject:
    /// « Jamais la menace n'a été aussi proche » says the menace is near.
    fn negation(&self, doc: &Document, hits: &[Hit], k: usize) -> Option<(String, f64)> {
        if self.before_ne(doc, hits, k) {
            return None;
        }
        let has_ne_before = |j: usize| -> bool {
            (0..j)
                .rev()
                .take_while(|&i| doc.reach(hits[i].end, hits[j].start, NE_REACH).is_some())
                .any(|i| self.kind(&hits[i]) == Some(RuleKind::Ne))
        };
        for j in (0..k).rev() {
            if doc
                .reach(hits[j].end, hits[k].start, NEGATION_REACH)
                .is_none()
            {
                break;
            }
            match self.kind(&hits[j]) {
                Some(RuleKind::Negator) => {}
                Some(RuleKind::NegatorWithNe) if has_ne_before(j) => {}
                Some(RuleKind::Contrast | RuleKind::ContrastInitial) => break,
                _ => continue,
            }
            let rule = self.rule(&hits[j])?;
            return Some((cue(doc.original(&hits[j])), rule.factor));
        }
        let ne = k.checked_sub(1).filter(|&j| {
            self.kind(&hits[j]) == Some(RuleKind::Ne)
                && doc.reach(hits[j].end, hits[k].start, 1).is_some()
        })?;
        let after = hits.get(k + 1).filter(|h| {
            matches!(
                self.kind(h),
                Some(RuleKind::Negator | RuleKind::NegatorWithNe)
            ) && doc.reach(hits[k].end, h.start, 1).is_some()
        })?;
        let rule = self.rule(after)?;
        Some((
            format!(
                "{} … {}",
                cue(doc.original(&hits[ne])),
                cue(doc.original(after))
            ),
            rule.factor,
        ))
    }

    /// Whether hit `k` ends a noun phrase that opens with a determiner right after a
    /// negator, and that a `ne` follows (one word may come between: an adjective): a
    /// subject, outside the negation (« Jamais la menace terroriste n'a … »). A negator
    /// that is the noun's own determiner still negates it (« Aucune guerre n'a eu lieu »).
    /// Both ways, only the hits within reach are read: a sentence of hits stays linear.
    fn before_ne(&self, doc: &Document, hits: &[Hit], k: usize) -> bool {
        let hit = &hits[k];
        let ne_after = hits[k + 1..]
            .iter()
            .take_while(|h| doc.reach(hit.end, h.start, 1).is_some())
            .any(|h| self.kind(h) == Some(RuleKind::Ne));
        ne_after
            && hits[..k]
                .iter()
                .rev()
                .take_while(|h| doc.reach(h.end, hit.start, NEGATION_REACH).is_some())
                .any(|h| {
                    matches!(
                        self.kind(h),
                        Some(RuleKind::Negator | RuleKind::NegatorWithNe)
                    ) && doc
                        .tokens
                        .get(h.end)
                        .is_some_and(|t| self.matcher.has(t, DETERMINER))
                })
    }

    /// The nearest booster or dampener just before hit `k` in its clause.
    fn intensifier(&self, doc: &Document, hits: &[Hit], k: usize) -> Option<usize> {
        for j in (0..k).rev() {
            doc.reach(hits[j].end, hits[k].start, BOOSTER_REACH)?;
            if matches!(
                self.kind(&hits[j]),
                Some(RuleKind::Booster | RuleKind::Dampener)
            ) {
                return Some(j);
            }
        }
        None
    }

    /// The exclamation emphasis of a sentence ending in `!` or `!!`.
    fn exclamation(
        &self,
        doc: &Document,
        sentence: &tokenize::Sentence,
    ) -> Option<(ModifierKind, String, f64)> {
        let mut marks = 0;
        // Walk back over closing quotes, then count the `!`.
        for token in doc.tokens[sentence.start..sentence.end].iter().rev() {
            match token.kind {
                b'"' | b')' | b'?' => {}
                b'!' => marks += 1,
                _ => break,
            }
        }
        match marks {
            0 => None,
            1 => self
                .emphasis
                .exclamation
                .map(|f| (ModifierKind::Exclamation, "!".to_string(), f)),
            n => self
                .emphasis
                .exclamations
                .map(|f| (ModifierKind::Exclamations, "!".repeat(n.min(3)), f)),
        }
    }

    /// The unsourced span of a hearsay auxiliary followed by a past participle, unless
    /// its sentence states a hypothesis or it is one that describes a scenario (`reading`,
    /// found once per sentence). Not inlined: it is for hearsay hits alone, and inlined into
    /// `analyze` it cost every sentence of prose about 9 instructions more (0.3 %).
    #[inline(never)]
    fn hearsay(
        &self,
        doc: &Document,
        sentence: &tokenize::Sentence,
        hits: &[Hit],
        k: usize,
        reading: &mut Option<Reading>,
    ) -> Option<Span> {
        if !self.categories[Category::Unsourced as usize] {
            return None;
        }
        let hit = &hits[k];
        let rule = self.rule(hit)?;
        // An auxiliary of a reader's rules that runs past its sentence's end (« aur!it »)
        // reports nothing in it.
        if hit.end > sentence.end {
            return None;
        }
        // What it reports: a participle, else a state, not past a determiner: « ce serait
        // une bonne idée » says what something would be (a noun phrase), it reports no act.
        // Quotes are no stop: « elle serait « persécutée » » quotes the word reported.
        let reach = (hit.end + HEARSAY_REACH).min(sentence.end);
        let stop = (hit.end..reach)
            .find(|&i| {
                let token = &doc.tokens[i];
                !(token.is_word() || token.kind == b'"') || self.matcher.has(token, DETERMINER)
            })
            .unwrap_or(reach);
        let (reported, end) =
            match (hit.end..stop).find(|&i| self.is_participle(doc, &doc.tokens[i])) {
                Some(i) => ("participe passé", i + 1),
                None => (
                    "état rapporté",
                    self.state(doc, sentence, hit.end, stop, reach)?,
                ),
            };
        let weight = score::round(rule.factor);
        if weight < self.min_weight {
            return None;
        }
        let reading = reading.get_or_insert_with(|| self.reading(doc, sentence, hits));
        if reading.hypothesis
            || reading
                .scenario
                .iter()
                .any(|&(start, end)| (start..end).contains(&hit.start))
        {
            return None;
        }
        let phrase = &doc.text[doc.range(hit.start, end)];
        Some(Span {
            start: 0,
            end: 0,
            text: doc.original(hit).to_string(),
            category: Category::Unsourced,
            term: format!("{} + {reported}", rule.term),
            weight,
            valence: 0.0,
            negated: false,
            modifiers: Vec::new(),
            explanation: format!("conditionnel de ouï-dire : « {phrase} » rapporte sans l’assumer"),
            alternative: None,
            bytes: doc.bytes(hit.start, hit.end),
        })
    }

    /// The end of the `hearsay_state` that starts in the tokens `from..=stop` and before
    /// `reach` (« serait prêt », « seraient déjà sur place », « serait au courant »: it may
    /// start at the determiner that stops the search for a participle), if any.
    fn state(
        &self,
        doc: &Document,
        sentence: &tokenize::Sentence,
        from: usize,
        stop: usize,
        reach: usize,
    ) -> Option<usize> {
        let range = from..(stop + MAX_STATE_WORDS).min(sentence.end);
        self.markers(doc, range, |kind| kind == RuleKind::HearsayState)
            .into_iter()
            .find(|&(start, _, _)| start <= stop && start < reach)
            .map(|(_, end, _)| end)
    }

    fn is_participle(&self, doc: &Document, token: &Token) -> bool {
        self.matcher.has(token, PARTICIPLE) || ends_in(doc, token, &self.participle_endings)
    }

    /// Whether a sentence states a hypothesis, so that its conditionals report nothing:
    /// a `hypothesis` marker whose clause holds a verb in the imperfect, a
    /// `hypothesis_conditional` one before a hearsay auxiliary, or a `hypothesis_initial`
    /// one there that starts a clause. Markers are read as the trie reads patterns: the
    /// longest at a token wins, then past it. Rarely called: kept out of the callers.
    #[cold]
    #[inline(never)]
    fn hypothesis(&self, doc: &Document, sentence: &tokenize::Sentence, hits: &[Hit]) -> bool {
        let tokens = &doc.tokens[..sentence.end];
        let markers = self.markers(doc, sentence.start..sentence.end, RuleKind::is_hypothesis);
        for (i, end, kind) in markers {
            // Hits at `end` or after (a hit starts at a token).
            let after = &hits[hits.partition_point(|h| h.start < end)..];
            let conditional =
                |h: &Hit| matches!(self.kind(h), Some(RuleKind::Hearsay | RuleKind::NotHearsay));
            let found = match kind {
                RuleKind::Hypothesis => {
                    // The clause ends at a punctuation mark or its main clause's conditional.
                    let stop = after
                        .iter()
                        .find(|h| conditional(h))
                        .map_or(sentence.end, |h| h.start);
                    tokens[end..stop]
                        .iter()
                        .take(HYPOTHESIS_REACH)
                        .take_while(|t| t.is_word() || t.kind == b'"')
                        .any(|t| {
                            !self.matcher.has(t, PARTICIPLE)
                                && ends_in(doc, t, &self.imperfect_endings)
                        })
                }
                RuleKind::HypothesisInitial if !doc.clause_starts_at(sentence.start, i) => false,
                RuleKind::HypothesisInitial | RuleKind::HypothesisConditional => after
                    .iter()
                    .any(|h| self.kind(h) == Some(RuleKind::Hearsay)),
                _ => false,
            };
            if found {
                return true;
            }
        }
        false
    }

    /// How a sentence's conditionals read: a hypothesis, else a scenario's.
    #[cold]
    #[inline(never)]
    fn reading(&self, doc: &Document, sentence: &tokenize::Sentence, hits: &[Hit]) -> Reading {
        let hypothesis = self.hypothesis(doc, sentence, hits);
        // A hypothesis's conditionals report nothing: no scenario to look for.
        let scenario = if hypothesis {
            Vec::new()
        } else {
            self.scenario(doc, sentence)
        };
        Reading {
            hypothesis,
            scenario,
        }
    }

    /// The auxiliaries of a sentence that describe a scenario (what a plan, a text, a
    /// case would do) rather than report, as the token ranges of their
    /// `scenario_conditional` markers (`serait`, `qui aurait`): all of them when the last
    /// `scenario` or `source` marker in the sentence or before it on its line
    /// (`SCENARIO_REACH` tokens at most) is a scenario one and the sentence names no
    /// source (« Le texte prévoit un registre. Les données seraient effacées » but « …
    /// Selon un témoin, elles seraient vendues »), else none. The longest
    /// scenario or source marker at a token wins (`selon le texte` over `selon`), then
    /// past it.
    fn scenario(&self, doc: &Document, sentence: &tokenize::Sentence) -> Vec<(usize, usize)> {
        let from = doc.line_start(sentence.start, SCENARIO_REACH);
        let markers = self.markers(doc, from..sentence.end, |kind| {
            matches!(
                kind,
                RuleKind::Scenario | RuleKind::Source | RuleKind::ScenarioConditional
            )
        });
        let mut last = None;
        for &(i, _, kind) in &markers {
            match kind {
                RuleKind::Source if i >= sentence.start => return Vec::new(),
                RuleKind::Scenario | RuleKind::Source => last = Some(kind),
                _ => {}
            }
        }
        if last != Some(RuleKind::Scenario) {
            return Vec::new();
        }
        markers
            .into_iter()
            .filter(|&(i, _, kind)| kind == RuleKind::ScenarioConditional && i >= sentence.start)
            .map(|(i, end, _)| (i, end))
            .collect()
    }

    /// The markers of the hearsay rule whose kind `keep` takes in the tokens `range`, as
    /// (start, end, kind), read as the trie reads patterns: the longest at a token wins,
    /// and the next one starts past it.
    fn markers(
        &self,
        doc: &Document,
        range: std::ops::Range<usize>,
        keep: impl Fn(RuleKind) -> bool,
    ) -> Vec<(usize, usize, RuleKind)> {
        let mut markers: Vec<(usize, usize, RuleKind)> = Vec::new();
        let from = range.start;
        self.matcher
            .quiet_words(&doc.tokens[range], MARKER_START, |start, end, rule| {
                let (start, end) = (from + start, from + end);
                let rule = &self.rules[rule as usize];
                let kind = rule.kind;
                // Its accent twin is another word: « on assure que » is no past « assuré que ».
                let twin =
                    || doc.accented && accent_twin(&rule.term, &doc.text[doc.range(start, end)]);
                if !keep(kind) || twin() {
                    return;
                }
                match markers.last_mut() {
                    Some(last) if last.0 == start => *last = (start, end, kind),
                    // Past the one before (walks come in order of start, then of end).
                    Some(last) if start < last.1 => {}
                    _ => markers.push((start, end, kind)),
                }
            });
        markers
    }
}

/// How the conditionals of a sentence read, for the hearsay rule.
struct Reading {
    /// The sentence states a hypothesis: none of them reports.
    hypothesis: bool,
    /// The token ranges of those that describe a scenario.
    scenario: Vec<(usize, usize)>,
}

/// Whether a word, lowercased and its `é` composed, ends in one of `endings`.
fn ends_in(doc: &Document, token: &Token, endings: &[String]) -> bool {
    let word =
        lowercase(&doc.text[token.start as usize..token.end as usize]).replace("e\u{301}", "é");
    endings.iter().any(|e| word.ends_with(e.as_str()))
}

/// `s` in lower case, letter by letter: `str::to_lowercase`'s rule for a final Greek
/// sigma, which French words never need, was 4 KB of the WebAssembly.
fn lowercase(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// A chunk of the text and its tokens, with the questions rules ask of them.
struct Document<'a> {
    text: &'a str,
    /// Whether the chunk writes accents (an accented Latin letter somewhere): then a
    /// word's missing or extra `é` is meant.
    accented: bool,
    /// Where the chunk starts in the whole text.
    base: usize,
    tokens: &'a [Token],
    /// The domains' words in the chunk, read so far.
    domain_words: RefCell<DomainWords>,
    /// Whether the chunk is in another language, once a sentence asked.
    foreign: Cell<Option<bool>>,
}

/// The domains' words read so far in a chunk: those that start before the token
/// `scanned`, as (token, domain bits), in order.
#[derive(Default)]
struct DomainWords {
    scanned: usize,
    found: Vec<(usize, u32)>,
}

impl Document<'_> {
    /// The byte range in the chunk of the tokens `start..end`.
    fn range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.tokens[start].start as usize..self.tokens[end - 1].end as usize
    }

    /// The byte range in the whole text of the tokens `start..end`.
    fn bytes(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let r = self.range(start, end);
        self.base + r.start..self.base + r.end
    }

    /// The original text of a hit.
    fn original(&self, hit: &Hit) -> &str {
        &self.text[self.range(hit.start, hit.end)]
    }

    /// Whether a hit is part of a web address, an e-mail address or a domain name
    /// (« https://…/guerre-et-massacre », « patrie@exemple.fr », « Talents.fr »), which are
    /// not prose: the run of non-space characters around it is read, `LINK_REACH` bytes at
    /// most each way. A hashtag is prose (« #guerre »), and so is a sentence's end glued
    /// to the next one (« la guerre.Il »).
    fn in_link(&self, hit: &Hit) -> bool {
        let bytes = self.text.as_bytes();
        let hit = self.range(hit.start, hit.end);
        let space = |b: &u8| b.is_ascii_whitespace();
        // Most hits stand between spaces, or before one mark and a space: no address.
        let glued = |i: usize| bytes.get(i).is_some_and(|b| !space(b));
        let in_run = glued(hit.start.wrapping_sub(1)) || glued(hit.end) && glued(hit.end + 1);
        if !in_run {
            return false;
        }
        let before = &bytes[hit.start.saturating_sub(LINK_REACH)..hit.start];
        let after = &bytes[hit.end..bytes.len().min(hit.end + LINK_REACH)];
        let before = &before[before.iter().rposition(space).map_or(0, |i| i + 1)..];
        let after = &after[..after.iter().position(space).unwrap_or(after.len())];
        // Closing punctuation glued to the run ends the sentence, not the address.
        let end = after
            .iter()
            .rposition(|b| !b".,;:!?)]}\"'".contains(b))
            .map_or(0, |i| i + 1);
        let after = &after[..end];
        let has = |run: &[u8], what: &[u8]| run.windows(what.len()).any(|w| w == what);
        if has(before, b"://") || has(after, b"://") || before.starts_with(b"www.") {
            return true;
        }
        // An e-mail address: a `@` with a dot after it, the hit on either side.
        let at = before.iter().chain(after).position(|&b| b == b'@');
        if at.is_some_and(|at| before.iter().chain(after).skip(at).any(|&b| b == b'.')) {
            return true;
        }
        // A domain name: the hit glued to `.site.fr`, the last part a known ending, then
        // the end of the run or a path.
        let Some(name) = after.strip_prefix(b".") else {
            return false;
        };
        let host = &name[..name.iter().position(|&b| b == b'/').unwrap_or(name.len())];
        let last = host.rsplit(|&b| b == b'.').next().unwrap_or_default();
        DOMAIN_ENDINGS.iter().any(|e| e.as_bytes() == last)
    }

    /// The number of tokens between the tokens `from` and `to`, or `None` if there are
    /// more than `limit` or a clause break (punctuation other than quotes) lies between.
    fn reach(&self, from: usize, to: usize, limit: usize) -> Option<usize> {
        let between = self.tokens.get(from..to).unwrap_or_default();
        let clear = between.len() <= limit && between.iter().all(|t| t.is_word() || t.kind == b'"');
        clear.then_some(between.len())
    }

    /// Whether a line break lies between the tokens `from` and `to`.
    fn breaks_line(&self, from: usize, to: usize) -> bool {
        self.tokens[from..=to].windows(2).any(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            let gap = &self.text.as_bytes()[a.end as usize..b.start as usize];
            a.kind == b'\n' || b.kind == b'\n' || gap.contains(&b'\n')
        })
    }

    /// The first token of the line of the token `at`, `reach` tokens before it at most.
    fn line_start(&self, at: usize, reach: usize) -> usize {
        let mut i = at;
        while i > 0 && at - i < reach && !self.breaks_line(i - 1, i) {
            i -= 1;
        }
        i
    }

    /// Whether the token `at` starts its sentence or a clause.
    fn clause_starts_at(&self, sentence_start: usize, at: usize) -> bool {
        at == sentence_start
            || at
                .checked_sub(1)
                .is_some_and(|p| matches!(self.tokens[p].kind, b',' | b';' | b':' | b'(' | b'"'))
    }

    /// Whether a hit stands alone between quotes: « régime ».
    fn quoted(&self, hit: &Hit) -> bool {
        let kind = |i: usize| self.tokens.get(i).map(|t| t.kind);
        hit.start >= 1 && kind(hit.start - 1) == Some(b'"') && kind(hit.end) == Some(b'"')
    }
}

/// How many of a chunk's first tokens tell its language.
const LANGUAGE_SAMPLE: usize = 4096;

/// Whether words with these counts of function words are in another language: two of
/// another language's or more, over twice as many as French ones.
fn in_another_language(french: usize, foreign: usize) -> bool {
    foreign >= 2 && foreign > 2 * french
}

/// A cue as shown to the reader: the words of the text, cut short when they are long, so
/// that a cue repeated on every span of a sentence cannot make the output quadratic.
fn cue(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Whether a span is written in capitals: two letters or more, none lowercase.
fn is_capitals(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.chars().any(char::is_lowercase)
}

/// What the spans of a text share, from sentence to sentence.
#[derive(Default)]
struct Memo {
    /// Occurrences so far of each rhetoric entry, for the repetition rule.
    seen: HashMap<u32, usize>,
    /// Factors as `explain` writes them, by their bits.
    factors: Vec<(u64, String)>,
}

/// How many written factors `Memo` keeps: a text has a few distinct ones (the rules'), and
/// the list is searched one by one.
const FACTORS_KEPT: usize = 32;

/// The French explanation: the entry's, then what modified it. Written in place: a
/// `format!` per part was a fifth of the analysis of loaded text, and writing the factors
/// (a float as text) a tenth, hence `factors`, the ones written before.
fn explain(base: &str, modifiers: &[Modifier], factors: &mut Vec<(u64, String)>) -> String {
    let mut out = String::with_capacity(base.len() + 48 * modifiers.len());
    out.push_str(base);
    for m in modifiers {
        // The words before the cue and, if the cue is shown, after it.
        let (before, after) = match m.kind {
            ModifierKind::Negation => ("nié (« ", Some(" »)")),
            ModifierKind::Booster => ("intensifié par « ", Some(" »")),
            ModifierKind::Dampener => ("atténué par « ", Some(" »")),
            ModifierKind::ContrastAfter => ("mis en avant après « ", Some(" »")),
            ModifierKind::ContrastBefore => ("relativisé avant « ", Some(" »")),
            ModifierKind::Caps => ("en capitales", None),
            ModifierKind::Exclamation => ("phrase exclamative", None),
            ModifierKind::Exclamations => ("phrase exclamative (", Some(")")),
            ModifierKind::ScareQuotes => ("entre guillemets de distance", None),
            ModifierKind::Repetition => ("répété (", Some(")")),
        };
        out.push_str(" ; ");
        out.push_str(before);
        if let Some(after) = after {
            out.push_str(&m.cue);
            out.push_str(after);
        }
        out.push_str(" ×");
        let bits = m.factor.to_bits();
        match factors.iter().find(|(b, _)| *b == bits) {
            Some((_, written)) => out.push_str(written),
            None if factors.len() < FACTORS_KEPT => {
                let written = score::decimal(m.factor);
                out.push_str(&written);
                factors.push((bits, written));
            }
            None => out.push_str(&score::decimal(m.factor)),
        }
    }
    out
}

/// Whether `text` is the accent twin of every variant of `kept` (an entry's kept
/// letters): matching folds accents, so `peiné` matches « peine » and `bombe` « bombé »,
/// but where one has `é` and the other a plain `e` at the same place, they are two words.
/// In an expression, word by word, where the variant is written as it is matched (`-`):
/// « a circulé sur les réseaux sociaux » is not « circule sur les réseaux sociaux ».
fn accent_twin(kept: &str, text: &str) -> bool {
    // Without an accent on either side there is no twin: most hits stop here, at the
    // cost of two byte searches.
    if !(has_accents(text) || has_accents(kept)) {
        return false;
    }
    let differ = |a: &str, b: &str| {
        letters(a)
            .zip(letters(b))
            .any(|pair| matches!(pair, ('e', 'é') | ('é', 'e')))
    };
    if !text.contains(char::is_whitespace) {
        return kept.split('|').all(|variant| differ(variant, text));
    }
    // An expression is the twin of a variant written as matched (an inflected one keeps
    // nothing), of as many words, that has another word where they differ in length
    // (another variant) or in an `é`.
    kept.split('|').all(|variant| {
        let (ours, theirs) = (variant.split_whitespace(), text.split_whitespace());
        !variant.is_empty()
            && ours.clone().count() == theirs.clone().count()
            && ours
                .zip(theirs)
                .any(|(a, b)| letters(a).count() != letters(b).count() || differ(a, b))
    })
}

/// Whether `s` has an accented Latin-1 letter (`é` is `C3 A9` in UTF-8, `É` `C3 89`) or a
/// combining acute accent (NFD, `CC 81`): byte searches, no decoding. The search for
/// U+0301 itself only where a `CC` is: `str::contains` of a non-ASCII `char` sets up a
/// substring search at each call, 2 % of `analyze` in WebAssembly on prose.
fn has_accents(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.contains(&0xC3) || bytes.contains(&0xCC) && s.contains('\u{301}')
}

/// The lowercase letters of `s`, an `e` and a combining acute accent (NFD) as one `é`,
/// another combining mark on an `e` making it no plain `e`. A capital `E` may be an `É`
/// written without its accent (« Etat »): it becomes `?`, which matches both. An iterator,
/// not a vector: it runs on every hit of a text that writes its accents.
fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
    let is_mark = |c: char| matches!(c, '\u{300}'..='\u{36F}');
    // Lowercase, an ASCII letter on its own (most are), another through the standard
    // library (which may give more than one).
    let mut chars = s.chars();
    let mut pending: Option<std::char::ToLowercase> = None;
    let mut chars = std::iter::from_fn(move || loop {
        if let Some(lower) = pending.as_mut().and_then(Iterator::next) {
            return Some(lower);
        }
        match chars.next()? {
            'E' => return Some('?'),
            c if c.is_ascii() => return Some(c.to_ascii_lowercase()),
            c => pending = Some(c.to_lowercase()),
        }
    })
    .peekable();
    std::iter::from_fn(move || loop {
        let mut letter = chars.next()?;
        if is_mark(letter) {
            continue;
        }
        while let Some(mark) = chars.next_if(|&c| is_mark(c)) {
            if matches!(letter, 'e' | '?') {
                letter = if mark == '\u{301}' { 'é' } else { 'ê' };
            }
        }
        return Some(letter);
    })
}

/// The size of the pieces a text is analyzed in.
const CHUNK_BYTES: usize = 64 << 10;

/// Cuts a text into pieces of about `size` bytes, `(start, piece)`, where a cut does the
/// least harm: at a paragraph break, else after a sentence, else at a line break or a
/// space; a text with no space at all is cut anywhere (between characters).
fn chunks(text: &str, size: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let end = if rest.len() <= size {
            rest.len()
        } else {
            let mut limit = size;
            while !rest.is_char_boundary(limit) {
                limit -= 1;
            }
            cut_point(&rest.as_bytes()[..limit]).unwrap_or(limit)
        };
        let piece = (start, &rest[..end]);
        start += end;
        Some(piece)
    })
}

/// Where to cut `window`, in its second half: after a paragraph break (looked for in
/// the last 8 KiB once a sentence end is known), else after a sentence, else after a
/// clause (`,` `;` `:`), else at a line break or a space — where an expression could
/// be cut in two, in a text with no punctuation for pages.
fn cut_point(window: &[u8]) -> Option<usize> {
    let (mut sentence, mut clause, mut space) = (None, None, None);
    for i in (window.len() / 2..window.len()).rev().filter(|&i| i > 0) {
        let (b, before) = (window[i], window[i - 1]);
        if b == b'\n' && (before == b'\n' || (before == b'\r' && i >= 2 && window[i - 2] == b'\n'))
        {
            return Some(i + 1);
        }
        if matches!(b, b' ' | b'\n') {
            match before {
                b'.' | b'!' | b'?' => sentence = sentence.or(Some(i + 1)),
                b',' | b';' | b':' => clause = clause.or(Some(i + 1)),
                _ => space = space.or(Some(i + 1)),
            }
        }
        if sentence.is_some() && window.len() - i > 8 << 10 {
            break;
        }
    }
    sentence.or(clause).or(space)
}

/// Converts byte offsets to UTF-16 offsets, counting from the last one converted: in one
/// pass over the text when they come in order, as they nearly do.
#[derive(Default)]
struct Utf16Cursor {
    byte: usize,
    unit: usize,
}

impl Utf16Cursor {
    /// The UTF-16 offset of `byte` (a character boundary), counted from the last one
    /// asked: a span that runs past its sentence's end sends the cursor back a little,
    /// never to the start (which would make a text of such spans quadratic).
    fn at(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        if byte < self.byte {
            self.unit -= utf16_len(&bytes[byte..self.byte]);
        } else {
            self.unit += utf16_len(&bytes[self.byte..byte]);
        }
        self.byte = byte;
        self.unit
    }
}

/// The UTF-16 length of whole UTF-8 characters: a unit per byte, less the continuation
/// bytes (`10xxxxxx`), plus one for each leading byte of four (`11110xxx`). Eight bytes at
/// a time: an ASCII group costs one test, another is counted with no loop.
pub(crate) fn utf16_len(bytes: &[u8]) -> usize {
    // Bit 7 of each byte of `x` that matches, counted: one at most per byte, so a
    // multiplication adds them all up in the top byte.
    let ones = |x: u64| (((x & HIGH) >> 7).wrapping_mul(bytes8(1)) >> 56) as isize;
    let delta = |x: u64| ones(x & (x << 1) & (x << 2) & (x << 3)) - ones(x & !(x << 1));
    let mut chunks = bytes.chunks_exact(8);
    let mut sum = 0isize;
    let mut add = |word: u64| {
        if word & HIGH != 0 {
            sum += delta(word);
        }
    };
    for c in &mut chunks {
        add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    add(crate::matcher::tail(chunks.remainder()));
    (bytes.len() as isize + sum) as usize
}

#[cfg(test)]
mod tests {
    use super::{chunks, utf16_len, Analyzer, Utf16Cursor};

    #[test]
    fn words_that_start_a_pattern_are_marked_built_or_loaded() {
        let built = Analyzer::new();
        assert!(built.matcher.starts_follow_root(), "built");
        let loaded = Analyzer::builder()
            .load(&built.to_bytes())
            .expect("its own bytes");
        assert!(loaded.matcher.starts_follow_root(), "loaded");
    }

    #[test]
    fn chunks_cut_where_it_does_least_harm() {
        // (text, size, pieces)
        let table: &[(&str, usize, &[&str])] = &[
            ("", 8, &[]),
            ("court", 8, &["court"]),
            (
                "un deux.\n\ntrois quatre",
                12,
                &["un deux.\n\n", "trois quatre"],
            ),
            (
                "un. deux trois quatre",
                10,
                &["un. deux ", "trois ", "quatre"],
            ),
            ("aaaa bb, cc dd", 12, &["aaaa bb, ", "cc dd"]),
            ("abcdefghijkl", 5, &["abcde", "fghij", "kl"]),
            ("ééééé", 5, &["éé", "éé", "é"]),
            ("a b.\n\nc d e f", 9, &["a b.\n\n", "c d e f"]),
        ];
        for (text, size, want) in table {
            let got: Vec<&str> = chunks(text, *size).map(|(_, p)| p).collect();
            assert_eq!(got, *want, "{text:?}");
            let starts: Vec<usize> = chunks(text, *size).map(|(s, _)| s).collect();
            let mut at = 0;
            for (start, piece) in starts.iter().zip(&got) {
                assert_eq!(*start, at);
                at += piece.len();
            }
        }
    }

    #[test]
    fn letters_fold_case_and_marks() {
        let table = [
            ("Etat", "?tat"),
            ("ÉTAT", "état"),
            ("e\u{301}te\u{300}", "étê"),
            ("E\u{301}", "é"),
            ("\u{301}abc", "abc"),
            ("İx", "ix"),
            ("ΣΑ", "σα"),
        ];
        for (text, want) in table {
            assert_eq!(super::letters(text).collect::<String>(), want, "{text:?}");
        }
    }

    #[test]
    fn utf16_cursor_counts_code_units() {
        let text = "aé🔥\u{301}z";
        let mut cursor = Utf16Cursor::default();
        let table = [(0, 0), (1, 1), (3, 2), (7, 4), (9, 5), (10, 6)];
        for (byte, unit) in table {
            assert_eq!(cursor.at(text, byte), unit, "byte {byte}");
        }
        assert_eq!(cursor.at(text, 3), 2, "going back counts back");
        assert_eq!(cursor.at(text, 10), 6, "and forth again");
        let long = "abcdefgh".repeat(3) + "é🔥" + &"x".repeat(9) + "€";
        assert_eq!(utf16_len(long.as_bytes()), long.encode_utf16().count());
        // Every piece of a text of characters of one to four bytes.
        let mixed = "aé€🔥".repeat(5) + "🔥🔥é\u{301}zz";
        for (start, _) in mixed.char_indices() {
            for (end, _) in mixed[start..].char_indices() {
                let piece = &mixed[start..start + end];
                assert_eq!(utf16_len(piece.as_bytes()), piece.encode_utf16().count());
            }
        }
    }
}
