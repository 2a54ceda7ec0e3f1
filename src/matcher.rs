//! The lexicon automaton: every folded form of every entry, context and rule word in one
//! Aho-Corasick automaton, searched leftmost-longest over the folded text.
//!
//! Patterns carry the token separators of the folded text: ` guerre ` matches the whole
//! word only, ` vainc` (a stem) any word starting with it. So every match starts and
//! ends on a word boundary with no check afterwards, and the longest expression at the
//! leftmost position wins: ` sans precedent ` over ` sans `, ` regime alimentaire `
//! (a context that silences) over ` regime `.

use crate::lexicon::{Entry, RuleWord};
use aho_corasick::{AhoCorasick, Input, MatchKind};
use std::collections::HashMap;

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Target {
    /// The entry it matches, if any.
    pub entry: Option<u32>,
    /// The rule word it is, if any. A pattern with neither is a context that silences
    /// an entry by being longer than it.
    pub rule: Option<u32>,
    /// The pattern is a stem: the match runs on to the end of the word.
    pub stem: bool,
}

/// One match in the folded text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    /// Folded byte where its first word starts.
    pub start: usize,
    /// Folded byte where its last word ends.
    pub end: usize,
    pub target: Target,
}

/// The automaton and what each of its patterns stands for.
#[derive(Debug)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    targets: Vec<Target>,
}

impl Matcher {
    /// Builds the automaton. Later entries win over earlier ones for the same form.
    pub fn new(entries: &[Entry], rules: &[RuleWord]) -> Matcher {
        let mut set = PatternSet::default();
        let expected = rules.len()
            + entries
                .iter()
                .map(|e| e.forms.len() + e.contexts.len())
                .sum::<usize>();
        set.index.reserve(expected);
        set.patterns.reserve(expected);
        set.targets.reserve(expected);
        for (i, rule) in rules.iter().enumerate() {
            if rule.kind.is_matched() {
                set.slot(&rule.folded).rule = Some(i as u32);
            }
        }
        for (i, entry) in entries.iter().enumerate() {
            for form in &entry.forms {
                set.slot(form).entry = Some(i as u32);
            }
        }
        // A context silences its entry by matching more text with no entry of its own
        // (unless another entry is that very expression).
        for context in entries.iter().flat_map(|e| &e.contexts) {
            set.slot(context);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // Every pattern starts with a space: a prefilter would stop at every word
            // for nothing (measured: 7% more instructions with it).
            .prefilter(false)
            .build(&set.patterns)
            .expect("lexicon automaton within aho-corasick's limits");
        Matcher {
            automaton,
            targets: set.targets,
        }
    }

    /// Number of patterns in the automaton.
    pub fn patterns(&self) -> usize {
        self.targets.len()
    }

    /// Every non-overlapping match in the folded text, in order.
    pub fn scan(&self, folded: &str) -> Vec<Hit> {
        let hay = folded.as_bytes();
        let mut hits = Vec::new();
        let mut at = 0;
        while let Some(m) = self.automaton.find(Input::new(hay).span(at..hay.len())) {
            let target = self.targets[m.pattern().as_usize()];
            let end = if target.stem {
                word_end(hay, m.end())
            } else {
                m.end() - 1
            };
            hits.push(Hit {
                start: m.start() + 1,
                end,
                target,
            });
            // The next match starts at the separator this one ended on.
            at = end;
        }
        hits
    }
}

/// Patterns being collected, one target each.
#[derive(Default)]
struct PatternSet {
    index: HashMap<String, usize>,
    patterns: Vec<String>,
    targets: Vec<Target>,
}

impl PatternSet {
    /// The target of a folded form (`*` at the end for a stem), added if new.
    fn slot(&mut self, form: &str) -> &mut Target {
        let (body, stem) = match form.strip_suffix('*') {
            Some(body) => (body, true),
            None => (form, false),
        };
        // Plain concatenation: `format!` here was a tenth of the start-up.
        let pattern = [" ", body, if stem { "" } else { " " }].concat();
        let next = self.targets.len();
        let i = *self.index.entry(pattern.clone()).or_insert(next);
        if i == next {
            self.patterns.push(pattern);
            self.targets.push(Target {
                stem,
                ..Target::default()
            });
        }
        &mut self.targets[i]
    }
}

/// The end of the word that runs through `i`.
fn word_end(hay: &[u8], mut i: usize) -> usize {
    while i < hay.len() && (hay[i].is_ascii_alphanumeric() || hay[i] >= 0x80) {
        i += 1;
    }
    i
}
