//! The lexicon trie: every folded form of every entry, context and rule word as a path of
//! word ids, walked leftmost-longest over the tokens of a text.
//!
//! A text is folded into tokens once, and each token looked up once in the vocabulary
//! (the words of the patterns): most words of a text are in no pattern and cost that one
//! lookup. A pattern's last word may be a stem (`vainc*`), which matches any word starting
//! with it. At each token the longest pattern starting there wins, and matching resumes
//! after it: `sans précédent` over `sans`, `régime alimentaire` (a context that silences)
//! over `régime`.

use crate::fold::{fold, is_word, Kind};
use crate::lexicon::{Entry, RuleKind, RuleWord};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The id of no word.
const NONE: u32 = u32::MAX;
/// The root of the trie.
const ROOT: u32 = 0;

/// Flags of a vocabulary word, for the rules that look words up.
pub(crate) const PARTICIPLE: u8 = 1;
pub(crate) const ABBREVIATION: u8 = 2;

/// A token of a text, with the vocabulary ids it matches.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Its original byte range.
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// The id of its folded form, or `NONE`.
    id: u32,
    /// The id of the longest stem it starts with, or `NONE`.
    stem: u32,
}

impl Token {
    pub fn is_word(&self) -> bool {
        is_word(self.kind)
    }
}

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Target {
    /// The entry it matches, if any.
    pub entry: Option<u32>,
    /// The rule word it is, if any. A pattern with neither is a context that silences
    /// an entry by being longer than it.
    pub rule: Option<u32>,
}

/// One match: a range of tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    /// Its first token.
    pub start: usize,
    /// The token after its last.
    pub end: usize,
    pub target: Target,
}

/// A fast hash for short byte strings and ids (FxHash's multiply-rotate, 8 bytes a step).
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The table takes its buckets from the low bits: fold the well-mixed high ones in.
        self.0 ^ (self.0 >> 29)
    }
}

type Map<K> = HashMap<K, u32, BuildHasherDefault<WordHasher>>;

/// The trie and its vocabulary.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// Folded word → id.
    words: Map<Box<[u8]>>,
    /// Folded stem (without `*`) → id, in the same id space as words.
    stems: Map<Box<[u8]>>,
    /// Which three-byte beginnings some stem has (a bit per hash): most words skip the
    /// stem lookups on one test.
    stem_starts: Vec<u64>,
    /// The longest stem, in bytes.
    longest_stem: usize,
    /// Flags per word id.
    flags: Vec<u8>,
    /// Child of the root per id (`NONE` if no pattern starts with that word).
    root: Vec<u32>,
    /// Child of any other node: `node << 32 | id` → node.
    edges: Map<u64>,
    /// Per node: what a pattern ending there stands for.
    targets: Vec<Option<Target>>,
}

/// Bits in `stem_starts`.
const STEM_START_BITS: u32 = 16;

fn stem_start(word: &[u8]) -> usize {
    let key = u32::from(word[0]) | u32::from(word[1]) << 8 | u32::from(word[2]) << 16;
    (key.wrapping_mul(0x9E37_79B1) >> (32 - STEM_START_BITS)) as usize
}

impl Matcher {
    /// Builds the trie. Later entries win over earlier ones for the same form.
    pub fn new(entries: &[Entry], rules: &[RuleWord]) -> Matcher {
        let mut m = Matcher {
            words: Map::default(),
            stems: Map::default(),
            stem_starts: vec![0; 1 << (STEM_START_BITS - 6)],
            longest_stem: 0,
            flags: Vec::new(),
            root: Vec::new(),
            edges: Map::default(),
            targets: vec![None],
        };
        let expected: usize = entries.iter().map(|e| e.forms.len()).sum();
        m.words.reserve(expected);
        m.edges.reserve(expected);
        m.targets.reserve(expected);
        for (i, rule) in rules.iter().enumerate() {
            match rule.kind {
                RuleKind::Participle => m.flag(&rule.folded, PARTICIPLE),
                RuleKind::Abbreviation => m.flag(&rule.folded, ABBREVIATION),
                kind if kind.is_matched() => {
                    m.insert(&rule.folded).get_or_insert_default().rule = Some(i as u32)
                }
                _ => {}
            }
        }
        for (i, entry) in entries.iter().enumerate() {
            for form in &entry.forms {
                m.insert(form).get_or_insert_default().entry = Some(i as u32);
            }
        }
        // A context silences its entry by matching more tokens with no entry of its own
        // (unless another entry is that very expression).
        for context in entries.iter().flat_map(|e| &e.contexts) {
            m.insert(context).get_or_insert_default();
        }
        m
    }

    /// Number of patterns in the trie.
    pub fn patterns(&self) -> usize {
        self.targets.iter().filter(|t| t.is_some()).count()
    }

    /// The id of a folded word, added if new.
    fn word(&mut self, word: &str, stem: bool) -> u32 {
        let next = self.flags.len() as u32;
        let map = if stem { &mut self.stems } else { &mut self.words };
        let id = *map.entry(word.as_bytes().into()).or_insert(next);
        if id == next {
            self.flags.push(0);
            self.root.push(NONE);
            if stem {
                let bytes = word.as_bytes();
                let bit = stem_start(bytes);
                self.stem_starts[bit / 64] |= 1 << (bit % 64);
                self.longest_stem = self.longest_stem.max(bytes.len());
            }
        }
        id
    }

    fn flag(&mut self, word: &str, flag: u8) {
        let id = self.word(word, false);
        self.flags[id as usize] |= flag;
    }

    /// The target slot of a folded form (words separated by spaces, `*` at the end for a
    /// stem), with its path added to the trie if new.
    fn insert(&mut self, form: &str) -> &mut Option<Target> {
        let (body, stem) = match form.strip_suffix('*') {
            Some(body) => (body, true),
            None => (form, false),
        };
        let mut node = ROOT;
        let mut words = body.split(' ').peekable();
        while let Some(word) = words.next() {
            let id = self.word(word, stem && words.peek().is_none());
            node = match self.child(node, id) {
                Some(child) => child,
                None => {
                    let child = self.targets.len() as u32;
                    self.targets.push(None);
                    if node == ROOT {
                        self.root[id as usize] = child;
                    } else {
                        self.edges.insert(u64::from(node) << 32 | u64::from(id), child);
                    }
                    child
                }
            };
        }
        &mut self.targets[node as usize]
    }

    fn child(&self, node: u32, id: u32) -> Option<u32> {
        if id == NONE {
            None
        } else if node == ROOT {
            Some(self.root[id as usize]).filter(|&c| c != NONE)
        } else {
            self.edges
                .get(&(u64::from(node) << 32 | u64::from(id)))
                .copied()
        }
    }

    /// Folds `text` into `tokens` (cleared first), each looked up in the vocabulary.
    pub fn tokens(&self, text: &str, tokens: &mut Vec<Token>) {
        tokens.clear();
        fold(text, |span, folded| {
            let bytes = folded.as_bytes();
            tokens.push(Token {
                start: span.start,
                end: span.end,
                kind: span.kind,
                id: self.words.get(bytes).copied().unwrap_or(NONE),
                stem: if is_word(span.kind) {
                    self.stem(bytes)
                } else {
                    NONE
                },
            });
        });
    }

    /// The id of the longest stem `word` starts with, or `NONE`.
    fn stem(&self, word: &[u8]) -> u32 {
        if word.len() < 3 || self.stems.is_empty() {
            return NONE;
        }
        let bit = stem_start(word);
        if self.stem_starts[bit / 64] & (1 << (bit % 64)) == 0 {
            return NONE;
        }
        (3..=word.len().min(self.longest_stem))
            .rev()
            .find_map(|len| self.stems.get(&word[..len]).copied())
            .unwrap_or(NONE)
    }

    /// Whether a token is a vocabulary word with `flag`.
    pub fn has(&self, token: &Token, flag: u8) -> bool {
        token.id != NONE && self.flags[token.id as usize] & flag != 0
    }

    /// Every non-overlapping match in `tokens`, in order, appended to `hits`.
    pub fn scan(&self, tokens: &[Token], hits: &mut Vec<Hit>) {
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if t.id == NONE && t.stem == NONE {
                i += 1;
                continue;
            }
            match self.longest(ROOT, tokens, i) {
                Some((end, target)) if end > i => {
                    hits.push(Hit {
                        start: i,
                        end,
                        target,
                    });
                    i = end;
                }
                _ => i += 1,
            }
        }
    }

    /// The longest pattern through `node` that goes on with `tokens[at..]`: where it
    /// ends and what it stands for.
    fn longest(&self, node: u32, tokens: &[Token], at: usize) -> Option<(usize, Target)> {
        let mut best = self.targets[node as usize].map(|t| (at, t));
        let Some(token) = tokens.get(at) else {
            return best;
        };
        // A word may go on both as itself and as a stem: try both, keep the longer.
        for id in [token.id, token.stem] {
            let found = self
                .child(node, id)
                .and_then(|child| self.longest(child, tokens, at + 1));
            if let Some(found) = found {
                if best.is_none_or(|b| found.0 > b.0) {
                    best = Some(found);
                }
            }
        }
        best
    }
}
