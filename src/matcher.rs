//! The lexicon trie: every folded form of every entry, context and rule word as a path of
//! word ids, walked leftmost-longest over the tokens of a text.
//!
//! A text is folded into tokens once, and each token looked up once in the vocabulary
//! (the words of the patterns): most words of a text are in no pattern and cost that one
//! lookup. A pattern's last word may be a stem (`vainc*`), which matches any word starting
//! with it. At each token the longest pattern starting there wins, and matching resumes
//! after it: `sans précédent` over `sans`, `régime alimentaire` (a context that silences)
//! over `régime`.

use crate::error::Error;
use crate::fold::{fold, folded_words, is_word, Kind, WORD};
use crate::lexicon::{find_either, Lexicons, RuleKind, RuleWord};
use crate::snapshot::{damaged, field, field64, in_parts, Reader, Writer};

/// The id of no word.
const NONE: u32 = u32::MAX;
/// The root of the trie.
const ROOT: u32 = 0;

/// Flags of a vocabulary word, for the rules that look words up.
pub(crate) const PARTICIPLE: u8 = 1;
pub(crate) const ABBREVIATION: u8 = 2;
/// A word that opens a noun phrase (« une », « le »): no past participle follows it.
pub(crate) const DETERMINER: u8 = 8;
/// The first word of a quiet rule word, from which `quiet_words` walks: a domain's word,
/// or a marker of the hearsay rule (hypothesis, scenario, source, state). Apart, so that
/// the walks for a sentence's domains do not start at « en », « de », « dans »…
pub(crate) const DOMAIN_START: u8 = 4;
pub(crate) const MARKER_START: u8 = 16;
/// Function words that tell a sentence's language: French ones, and other languages' that
/// are no French word.
pub(crate) const FRENCH: u8 = 32;
pub(crate) const FOREIGN: u8 = 64;

/// A token of a text, with the vocabulary ids it matches.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Its original byte range.
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// The id of its folded form, or `NONE`.
    id: u32,
    /// Whether a pattern starts with its folded form (`Matcher::root` has a child by
    /// `id`): read from the word's vocabulary slot, so that `scan` reads `root` only
    /// for the words that start a pattern.
    starts: bool,
    /// The id of the longest stem it starts with that starts a pattern, or `NONE`
    /// (stems further in a pattern are looked up when the walk gets there).
    stem: u32,
}

impl Token {
    pub fn is_word(&self) -> bool {
        is_word(self.kind)
    }
}

/// What a pattern stands for: entries and rule words by index, `NONE` for none.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    entry: u32,
    shadowed: u32,
    rule: u32,
}

impl Default for Target {
    fn default() -> Target {
        Target {
            entry: NONE,
            shadowed: NONE,
            rule: NONE,
        }
    }
}

fn some(i: u32) -> Option<u32> {
    (i != NONE).then_some(i)
}

impl Target {
    /// The entry it matches, if any.
    pub fn entry(&self) -> Option<u32> {
        some(self.entry)
    }

    /// The entry that had this form before `entry` took it (a verb's « pille » before
    /// the participle `pillé`), tried when `entry` proves to be an accent twin.
    pub fn shadowed(&self) -> Option<u32> {
        some(self.shadowed)
    }

    /// The rule word it is, if any. A pattern with neither is a context that silences
    /// an entry by being longer than it.
    pub fn rule(&self) -> Option<u32> {
        some(self.rule)
    }
}

/// The targets of the nodes that have one (50,000 of 122,000 nodes for the embedded
/// lexicons: inner nodes and contexts have none), found by a node's rank among them: a
/// table per node cost 1.5 MB of snapshot, and of memory to fill on reading it.
#[derive(Debug, Default)]
struct Targets {
    /// A bit per node: whether it has a target.
    bits: Vec<u64>,
    /// Per word of `bits`, how many nodes before it have a target; then how many have one.
    before: Vec<u32>,
    targets: Vec<Target>,
}

impl Targets {
    /// From a target per node (building's).
    fn new(all: &[Target]) -> Targets {
        let mut bits = vec![0; all.len().div_ceil(64)];
        let (mut targets, mut node) = (Vec::new(), 0);
        // In parts: a loop over 120,000 nodes made the once-called build hot.
        in_parts(all, |part| {
            for t in part {
                if (t.entry, t.shadowed, t.rule) != (NONE, NONE, NONE) {
                    bits[node / 64] |= 1 << (node % 64);
                    targets.push(*t);
                }
                node += 1;
            }
        });
        Targets::with_bits(bits, targets)
    }

    /// `bits` and the targets of the nodes they have, in order.
    fn with_bits(bits: Vec<u64>, targets: Vec<Target>) -> Targets {
        let mut count = 0;
        let mut before = Vec::with_capacity(bits.len() + 1);
        for b in &bits {
            before.push(count);
            count += b.count_ones();
        }
        before.push(count);
        Targets {
            bits,
            before,
            targets,
        }
    }

    /// The target of `node`, a node of the trie.
    fn get(&self, node: u32) -> Target {
        let (word, bit) = (node as usize / 64, node % 64);
        let bits = self.bits[word];
        if bits >> bit & 1 == 0 {
            return Target::default();
        }
        let rank = self.before[word] + (bits & ((1 << bit) - 1)).count_ones();
        self.targets[rank as usize]
    }

    /// The bits, then a record per target (entry, shadowed, rule: 12 bytes).
    fn write(&self, w: &mut Writer) {
        w.records(self.bits.len());
        for &bits in &self.bits {
            w.u64(bits);
        }
        w.records(self.targets.len());
        for t in &self.targets {
            w.u32(t.entry);
            w.u32(t.shadowed);
            w.u32(t.rule);
        }
    }

    /// What `write` wrote for `nodes` nodes, checked: a bit per node, a target per bit
    /// set, entries below `entries` and rules below `rules` (or `NONE`).
    fn read(r: &mut Reader, nodes: usize, entries: usize, rules: usize) -> Result<Targets, Error> {
        let bits = r.array(u64::from_le_bytes)?;
        let records = r.records::<12>()?;
        // `i < len` or `NONE` (which wraps to 0), in one test.
        let below = |i: u32, len: usize| i.wrapping_add(1) as usize <= len;
        // Without a branch per target.
        let mut bad = false;
        let n = records.len();
        let mut targets = Vec::with_capacity(n);
        in_parts(records, |part| {
            targets.extend(part.iter().map(|b| {
                let t = Target {
                    entry: field(b, 0),
                    shadowed: field(b, 1),
                    rule: field(b, 2),
                };
                bad |=
                    !below(t.entry, entries) | !below(t.shadowed, entries) | !below(t.rule, rules);
                t
            }));
        });
        let t = Targets::with_bits(bits, targets);
        if bad || t.bits.len() != nodes.div_ceil(64) || t.before.last() != Some(&(n as u32)) {
            return Err(damaged("cibles"));
        }
        Ok(t)
    }
}

/// What a pattern added to the trie stands for.
#[derive(Debug, Clone, Copy)]
enum Role {
    Entry(u32),
    Rule(u32),
    /// A context: it silences an entry by matching more tokens with no entry of its own.
    Context,
    /// A quiet rule word (a domain's word, a hypothesis marker): found by `quiet_words`,
    /// never a hit (it would take the place of a pattern overlapping it, and « si » or
    /// `linux` would hit every other sentence).
    Quiet(u32),
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

/// Folded words and their ids, in an open-addressing table made for this one job: most
/// lookups are misses (words in no pattern), and a miss should cost one hash and one bit
/// read; a hit, one slot read for words of up to eight bytes, with no call.
///
/// A snapshot keeps each word with its place in the table (`Vocabulary::write`): reading
/// it back puts the words there, with no hashing and no probing.
#[derive(Debug)]
struct Vocabulary {
    /// One per word, all zeros where free; `slots_for` the number of words, at most half
    /// full.
    slots: Vec<Slot>,
    /// For each slot of a word longer than eight bytes, where the bytes after its eighth
    /// are in `bytes` (zeros for the others).
    rests: Vec<(u32, u32)>,
    /// The bytes after the eighth of the words longer than eight bytes.
    bytes: Vec<u8>,
    /// The number of words.
    len: usize,
    /// A bit per hash prefix of the words present: 64 KiB that stay in the CPU cache, where
    /// the slots (2 MiB for the embedded lexicons) do not, so that most misses stop here.
    filter: Bits,
}

/// A word in the table: its first eight bytes inline (zero-padded: folded words have no
/// NUL), its hash (lowest bit set if it is longer than eight bytes) and its id plus one
/// (with `STARTS` if a pattern starts with it).
/// A free slot is all zeros (ids are kept plus one). `vec![FREE; n]` still writes them:
/// only vectors of numbers and their tuples come zeroed from the allocator, and a tuple
/// here gained nothing measurable in Node. (One `u128` cost 0.6 % more instructions in
/// `analyze`: the word loop kept less in registers.)
#[derive(Debug, Clone, Copy)]
struct Slot {
    head: u64,
    hash: u32,
    id_plus_one: u32,
}

/// In a word's `id_plus_one`: a pattern starts with the word, that is `Matcher::root`
/// has a child by its id (set by `Matcher::push_ids` as the first words of patterns are
/// added, and by `Matcher::read` from `root`; not written in snapshots).
const STARTS: u32 = 1 << 31;

const FREE: Slot = Slot {
    head: 0,
    hash: 0,
    id_plus_one: 0,
};

/// A word's first eight bytes as a number, and its hash, the hash's lowest bit telling
/// whether it is longer than eight bytes. Together, because most words are no longer
/// than that and are hashed from their head alone.
#[inline(always)]
fn head_and_hash(word: &[u8]) -> (u64, u32) {
    let head = head(word);
    (head, hash_of(word, head))
}

/// A word's first eight bytes as a number, zero-padded.
#[inline(always)]
fn head(word: &[u8]) -> u64 {
    match word.first_chunk::<8>() {
        Some(first) => u64::from_le_bytes(*first),
        None => tail(word),
    }
}

/// The hash of `word`, whose head is `head`.
#[inline(always)]
fn hash_of(word: &[u8], head: u64) -> u32 {
    if word.len() > 8 {
        hash(word) | 1
    } else {
        mix(0, head) & !1
    }
}

/// A fixed set of bits, for the filters that let most words skip a table.
#[derive(Debug)]
struct Bits(Vec<u64>);

impl Bits {
    /// `2^bits` bits, all clear.
    fn new(bits: u32) -> Bits {
        Bits(vec![0; 1 << (bits - 6)])
    }

    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn has(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// Bits of the hash that index `filter`.
const FILTER_BITS: u32 = 19;

fn filter_bit(h: u32) -> usize {
    (h >> (32 - FILTER_BITS)) as usize
}

/// FxHash's multiply-rotate, eight bytes a step.
fn hash(word: &[u8]) -> u32 {
    (steps(0, word) >> 32) as u32
}

/// `h` stepped over `bytes` eight at a time, the last ones zero-padded.
#[inline]
pub(crate) fn steps(mut h: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = step(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    step(h, tail(chunks.remainder()))
}

/// One step of the hash.
pub(crate) fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The last step of the hash, and its high half.
fn mix(h: u64, x: u64) -> u32 {
    (step(h, x) >> 32) as u32
}

/// Up to 7 bytes as a little-endian number, in two loads that may overlap (the bytes they
/// share are the same, so or-ing them is harmless): a copy into a buffer would compile to
/// a call to memcpy, a loop to a step per byte.
#[inline(always)]
pub(crate) fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    match (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
        (Some(low), Some(high)) => {
            u64::from(u32::from_le_bytes(*low))
                | u64::from(u32::from_le_bytes(*high)) << (8 * (n - 4))
        }
        // Bytes 0, n / 2 and n − 1: all of them for n ≤ 3.
        _ if n > 0 => {
            u64::from(rest[0])
                | u64::from(rest[n / 2]) << (8 * (n / 2))
                | u64::from(rest[n - 1]) << (8 * (n - 1))
        }
        _ => 0,
    }
}

/// The slots of a vocabulary of `n` words: the fewest powers of two at most half full,
/// from 1024.
fn slots_for(n: usize) -> usize {
    (2 * n).next_power_of_two().max(1024)
}

impl Vocabulary {
    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Room for `n` words, of `bytes` bytes past their eighth in all, without growing.
    fn with_capacity(n: usize, bytes: usize) -> Vocabulary {
        let size = slots_for(n);
        Vocabulary {
            slots: vec![FREE; size],
            rests: vec![(0, 0); size],
            bytes: Vec::with_capacity(bytes),
            len: 0,
            filter: Bits::new(FILTER_BITS),
        }
    }

    /// The id of `word`, or `NONE`.
    fn get(&self, word: &[u8]) -> u32 {
        self.find(word, head(word)).0
    }

    /// The id of `word`, whose head (see `head_and_hash`) is `head`, or `NONE`, and
    /// whether a pattern starts with it (`STARTS`). Always inlined: the call cost about
    /// as much as a miss (six registers saved and restored).
    #[inline(always)]
    fn find(&self, word: &[u8], head: u64) -> (u32, bool) {
        let h = hash_of(word, head);
        if !self.filter.has(filter_bit(h)) {
            return (NONE, false);
        }
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.id_plus_one == 0 {
                return (NONE, false);
            }
            if slot.hash == h && slot.head == head && self.rest_is(i, word) {
                let id = (slot.id_plus_one & !STARTS) - 1;
                return (id, slot.id_plus_one & STARTS != 0);
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether the bytes after the eighth of the word in slot `i` are those of `word`.
    fn rest_is(&self, i: usize, word: &[u8]) -> bool {
        word.len() <= 8 || {
            let (start, end) = self.rests[i];
            self.bytes[start as usize..end as usize] == word[8..]
        }
    }

    /// Adds `word` with `id` unless it is there: the id it has. With `starts`, marks it
    /// as starting a pattern (`STARTS`).
    fn insert(&mut self, word: &[u8], id: u32, starts: bool) -> u32 {
        let starts = if starts { STARTS } else { 0 };
        // One hash and one probe: where the search stops, a new word goes.
        let (head, h) = head_and_hash(word);
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        while self.slots[i].id_plus_one != 0 {
            let slot = self.slots[i];
            if slot.hash == h && slot.head == head && self.rest_is(i, word) {
                if starts != 0 {
                    self.slots[i].id_plus_one |= starts;
                }
                return (slot.id_plus_one & !STARTS) - 1;
            }
            i = (i + 1) & mask;
        }
        assert!(id < STARTS - 1, "too many words");
        let mut rest = (0, 0);
        if word.len() > 8 {
            let start = self.bytes.len() as u32;
            self.bytes.extend_from_slice(&word[8..]);
            rest = (start, self.bytes.len() as u32);
        }
        self.len += 1;
        if 2 * self.len > self.slots.len() {
            self.grow();
            i = self.free_slot(h);
        }
        let id_plus_one = (id + 1) | starts;
        self.place(
            i,
            Slot {
                head,
                hash: h,
                id_plus_one,
            },
            rest,
        );
        id
    }

    /// Doubles the table.
    fn grow(&mut self) {
        self.resize(2 * self.slots.len());
    }

    /// Shrinks the table to `slots_for` its words, if it was made larger: so that its
    /// size follows from its number of words, which is all a snapshot says of it.
    fn fit(&mut self) {
        if self.slots.len() != slots_for(self.len) {
            self.resize(slots_for(self.len));
        }
    }

    /// Moves every word to its place in a table of `size` slots (its hash is in its slot).
    fn resize(&mut self, size: usize) {
        let slots = std::mem::replace(&mut self.slots, vec![FREE; size]);
        let rests = std::mem::replace(&mut self.rests, vec![(0, 0); size]);
        let mut at = 0;
        in_parts(&slots, |part| {
            for (&slot, &rest) in part.iter().zip(&rests[at..]) {
                if slot.id_plus_one != 0 {
                    self.place(self.free_slot(slot.hash), slot, rest);
                }
            }
            at += part.len();
        });
    }

    /// The first free slot of the probe sequence of hash `h`.
    fn free_slot(&self, h: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        while self.slots[i].id_plus_one != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    /// Puts a word in slot `i`.
    fn place(&mut self, i: usize, slot: Slot, rest: (u32, u32)) {
        self.filter.set(filter_bit(slot.hash));
        self.slots[i] = slot;
        self.rests[i] = rest;
    }

    /// The head and length of each word.
    fn heads_and_lengths(&self) -> impl Iterator<Item = (u64, usize)> + '_ {
        let words = self.slots.iter().zip(&self.rests);
        words
            .filter(|(slot, _)| slot.id_plus_one != 0)
            .map(|(slot, &(start, end))| {
                // The head is zero-padded, and folded words have no NUL.
                let len = if slot.hash & 1 != 0 {
                    8 + (end - start) as usize
                } else {
                    8 - slot.head.leading_zeros() as usize / 8
                };
                (slot.head, len)
            })
    }

    /// Its table as it is: the bytes of the rests, then a record per word in the order of
    /// the slots (the slot's place, the slot, the rest: 28 bytes). The table's size
    /// follows from the number of words.
    fn write(&self, w: &mut Writer) {
        w.bytes(&self.bytes);
        w.records(self.len);
        for (i, (slot, &(start, end))) in self.slots.iter().zip(&self.rests).enumerate() {
            if slot.id_plus_one != 0 {
                w.u32(i as u32);
                w.u64(slot.head);
                for x in [slot.hash, slot.id_plus_one & !STARTS, start, end] {
                    w.u32(x);
                }
            }
        }
    }

    /// What `write` wrote, each word put at its place and checked for what building
    /// guarantees: places in increasing order within the table (no two words in one
    /// slot; the table at most half full, so every probe ends at a free slot), ids below
    /// `ids`, rests within `bytes`. The filter is made again from the hashes.
    /// The words with a child in `root` start a pattern (`STARTS`; stems are given none:
    /// one copy of this function, not one per vocabulary).
    fn read(r: &mut Reader, ids: usize, root: &[u32]) -> Result<Vocabulary, Error> {
        let bytes = r.bytes()?.to_vec();
        let records = r.records::<28>()?;
        let mut v = Vocabulary::with_capacity(records.len(), 0);
        v.bytes = bytes;
        v.len = records.len();
        // The lowest place the next word may take.
        let (mut next, mut bad) = (0, false);
        in_parts(records, |part| {
            for record in part {
                let i = field(record, 0) as usize;
                let slot = Slot {
                    head: field64(record, 1),
                    hash: field(record, 3),
                    id_plus_one: field(record, 4),
                };
                let (start, end) = (field(record, 5), field(record, 6));
                if bad
                    || i < next
                    || i >= v.slots.len()
                    || slot.id_plus_one == 0
                    || slot.id_plus_one as usize > ids
                    || start > end
                    || end as usize > v.bytes.len()
                {
                    bad = true;
                    return;
                }
                let id_plus_one = slot.id_plus_one
                    | if root
                        .get(slot.id_plus_one as usize - 1)
                        .is_some_and(|&c| c != NONE)
                    {
                        STARTS
                    } else {
                        0
                    };
                v.place(
                    i,
                    Slot {
                        id_plus_one,
                        ..slot
                    },
                    (start, end),
                );
                next = i + 1;
            }
        });
        if bad {
            return Err(damaged("mot"));
        }
        Ok(v)
    }
}

/// The children of the nodes other than the root: edge key (`node << 32 | id`) → child,
/// in an open-addressing table (one multiplication to hash, no SipHash), at most three
/// quarters full.
#[derive(Debug)]
struct Edges {
    keys: Vec<u64>,
    children: Vec<u32>,
    len: usize,
    /// A bit per hash prefix of the keys present (`EDGE_FILTER_BITS`), set where a key is
    /// written, for `scan`'s test of whether the token after a pattern's first word goes
    /// on: that look-up mostly finds no edge, and its first read in the 1 MiB of keys was
    /// a cache miss (a quarter of `scan`'s time in WebAssembly), where the 64 KiB filter
    /// stays in the cache. Not in `get`: the walks in `longest` mostly find their edge,
    /// and a test there too lost 1–2 % on realworld-1MB.
    filter: Bits,
}

/// Bits of a key's hash that index `Edges::filter`.
const EDGE_FILTER_BITS: u32 = 19;

/// No edge has this key, that of the root (whose children are in `Matcher::root`): a
/// free slot is all zeros, which the allocator gives without writing.
const NO_EDGE: u64 = 0;

/// The slots of an edge table of `n` edges: the fewest powers of two at most three
/// quarters full, from 64 (`Edges::start` needs at least two).
fn edge_slots_for(n: usize) -> usize {
    (4 * n).div_ceil(3).next_power_of_two().max(64)
}

impl Edges {
    /// Room for `n` edges without growing.
    fn with_capacity(n: usize) -> Edges {
        let size = edge_slots_for(n);
        Edges {
            keys: vec![NO_EDGE; size],
            children: vec![0; size],
            len: 0,
            filter: Bits::new(EDGE_FILTER_BITS),
        }
    }

    fn hash(key: u64) -> u64 {
        key.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    fn start(&self, key: u64) -> usize {
        let bits = self.keys.len().trailing_zeros();
        (Edges::hash(key) >> (64 - bits)) as usize
    }

    fn filter_bit(key: u64) -> usize {
        (Edges::hash(key) >> (64 - EDGE_FILTER_BITS)) as usize
    }

    /// Puts the edge in slot `i`, free.
    fn place(&mut self, i: usize, key: u64, child: u32) {
        self.keys[i] = key;
        self.children[i] = child;
        self.filter.set(Edges::filter_bit(key));
    }

    /// Whether an edge `key` may be there: `false` if it is not.
    fn may_have(&self, key: u64) -> bool {
        self.filter.has(Edges::filter_bit(key))
    }

    fn get(&self, key: u64) -> Option<u32> {
        let mask = self.keys.len() - 1;
        let mut i = self.start(key);
        loop {
            match self.keys[i] {
                k if k == key => return Some(self.children[i]),
                NO_EDGE => return None,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Adds an edge that is not there yet.
    fn insert(&mut self, key: u64, child: u32) {
        if 4 * (self.len + 1) > 3 * self.keys.len() {
            let old = std::mem::replace(self, Edges::with_capacity(self.keys.len()));
            for (k, c) in old.iter() {
                self.insert(k, c);
            }
        }
        let mask = self.keys.len() - 1;
        let mut i = self.start(key);
        while self.keys[i] != NO_EDGE {
            i = (i + 1) & mask;
        }
        self.place(i, key, child);
        self.len += 1;
    }

    /// The child of the edge `key`, or `child` once added as it: one probe, where a look-up
    /// then an insertion probed twice for each new edge.
    fn get_or_insert(&mut self, key: u64, child: u32) -> u32 {
        let mask = self.keys.len() - 1;
        let mut i = self.start(key);
        loop {
            match self.keys[i] {
                k if k == key => return self.children[i],
                NO_EDGE => break,
                _ => i = (i + 1) & mask,
            }
        }
        if 4 * (self.len + 1) > 3 * self.keys.len() {
            // The table grows: its free slots move.
            self.insert(key, child);
        } else {
            self.place(i, key, child);
            self.len += 1;
        }
        child
    }

    fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        let edges = self.keys.iter().copied().zip(self.children.iter().copied());
        edges.filter(|&(k, _)| k != NO_EDGE)
    }

    /// Shrinks the table to `edge_slots_for` its edges, if it was made larger: so that
    /// its size follows from its number of edges, which is all a snapshot says of it.
    fn fit(&mut self) {
        if self.keys.len() != edge_slots_for(self.len) {
            let old = std::mem::replace(self, Edges::with_capacity(self.len));
            let mut at = 0;
            in_parts(&old.keys, |keys| {
                for (&k, &c) in keys.iter().zip(&old.children[at..]) {
                    if k != NO_EDGE {
                        self.insert(k, c);
                    }
                }
                at += keys.len();
            });
        }
    }

    /// Its table as it is: a record per edge in the order of the slots (the slot's
    /// place, the key, the child: 16 bytes).
    fn write(&self, w: &mut Writer) {
        w.records(self.len);
        for (i, (&key, &child)) in self.keys.iter().zip(&self.children).enumerate() {
            if key != NO_EDGE {
                w.u32(i as u32);
                w.u64(key);
                w.u32(child);
            }
        }
    }

    /// What `write` wrote, each edge put at its place and checked for what building
    /// guarantees: places in increasing order within the table (no two edges in one
    /// slot; the table at most three quarters full, so every probe ends at a free slot),
    /// children below `nodes`.
    fn read(r: &mut Reader, nodes: usize) -> Result<Edges, Error> {
        let records = r.records::<16>()?;
        let mut edges = Edges::with_capacity(records.len());
        edges.len = records.len();
        // The lowest place the next edge may take.
        let (mut next, mut bad) = (0, false);
        in_parts(records, |part| {
            for record in part {
                let (i, key, child) = (
                    field(record, 0) as usize,
                    field64(record, 1),
                    field(record, 3),
                );
                if bad
                    || i < next
                    || i >= edges.keys.len()
                    || key == NO_EDGE
                    || child as usize >= nodes
                {
                    bad = true;
                    return;
                }
                edges.place(i, key, child);
                next = i + 1;
            }
        });
        if bad {
            return Err(damaged("arête"));
        }
        Ok(edges)
    }
}

/// The trie and its vocabulary.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// Folded word → id.
    words: Vocabulary,
    /// Folded stem (without `*`) → id, in the same id space as words.
    stems: Vocabulary,
    /// Which three-byte beginnings some stem that starts a pattern has (a bit per hash):
    /// most words skip the stem lookups on one test.
    stem_starts: Bits,
    /// Per slot of the first three bytes' hash (`stem_lengths_slot`), the lengths of the
    /// stems that start with bytes of that hash, a bit per length (bit 63 for 63 or more):
    /// a word tries only these lengths, most often one or two rather than all up to 19.
    stem_lengths: Vec<u64>,
    /// The longest stem, in bytes.
    longest_stem: usize,
    /// The id of each punctuation token, by its kind (an ASCII byte), and whether a
    /// pattern starts with it: no hashing.
    puncts: [(u32, bool); 128],
    /// Flags per word id.
    flags: Vec<u8>,
    /// Child of the root per id (`NONE` if no pattern starts with that word).
    root: Vec<u32>,
    /// Child of any other node: `node << 32 | id` → node.
    edges: Edges,
    /// What a pattern ending at a node stands for.
    targets: Targets,
    /// Per node: `BRANCHES` if any pattern goes on from it (else no edge is looked up),
    /// `STEMS` if one goes on with a stem, `ENDS` if one ends there (its target is then
    /// in `targets`).
    nodes: Vec<u8>,
    /// The node where each quiet rule word ends, and the word, by node: apart from
    /// `targets`, as a quiet word may be a rule word too (« si », a booster and a
    /// hypothesis marker).
    quiet: Vec<(u32, u32)>,
}

const BRANCHES: u8 = 1;
const STEMS: u8 = 2;
const ENDS: u8 = 4;

/// Bits in `stem_starts`.
const STEM_START_BITS: u32 = 16;

/// The key of the edge from `node` by word `id` in `edges`.
fn edge_key(node: u32, id: u32) -> u64 {
    u64::from(node) << 32 | u64::from(id)
}

/// The filter bit of a word's first three bytes (fewer if it is shorter).
fn stem_start(word: &[u8]) -> usize {
    stem_start_of(head(word))
}

/// Bits of `stem_start` that index `Matcher::stem_lengths`.
const STEM_LENGTHS_BITS: u32 = 12;

/// The slot in `Matcher::stem_lengths` of the first three bytes of a word whose head is
/// `head`.
fn stem_lengths_slot(head: u64) -> usize {
    stem_start_of(head) >> (STEM_START_BITS - STEM_LENGTHS_BITS)
}

/// `stem_start` of a word of three bytes or more whose head is `head`.
fn stem_start_of(head: u64) -> usize {
    let key = head as u32 & 0xFF_FFFF;
    (key.wrapping_mul(0x9E37_79B1) >> (32 - STEM_START_BITS)) as usize
}

impl Matcher {
    /// Builds the trie. Later entries win over earlier ones for the same form.
    pub fn new(lexicons: &Lexicons, rules: &[RuleWord]) -> Matcher {
        // Distinct words are fewer than forms, edges about 1.75 per form: room for as many
        // words and twice as many edges, so that neither table grows (re-placing every word
        // was 6 % of building; with room for one edge per form, the edges' table grew at
        // 98,304 edges: 93.4 M instructions to build, not 87.0 M).
        let forms = lexicons.form_count();
        let words = forms + rules.len();
        let mut m = Matcher {
            words: Vocabulary::with_capacity(words, 10 * words),
            stems: Vocabulary::with_capacity(0, 0),
            stem_starts: Bits::new(STEM_START_BITS),
            stem_lengths: Vec::new(),
            longest_stem: 0,
            puncts: [(NONE, false); 128],
            flags: Vec::with_capacity(words),
            root: Vec::with_capacity(words),
            edges: Edges::with_capacity(2 * forms),
            targets: Targets::default(),
            nodes: vec![BRANCHES],
            quiet: Vec::new(),
        };
        // Nodes are a little over two per form, contexts adding theirs: room for them, so
        // that the vectors are not copied as they grow.
        let nodes = 2 * forms + forms / 4;
        // A target per node while building, kept sparse at the end.
        let mut targets = Vec::with_capacity(nodes);
        targets.push(Target::default());
        m.nodes.reserve(nodes);
        let mut ids = Vec::new();
        // Every loop of the build in parts (see `in_parts`): V8 would find the once-called
        // build hot and optimize it whole, for nothing.
        let mut i = 0;
        in_parts(rules, |part| {
            for rule in part {
                m.add_rule(rule, i, &mut ids, &mut targets);
                i += 1;
            }
        });
        // The forms' ids one after another (about one per word sequence), and each form's
        // range of them, text and stem, for its contexts: looking a form's words up again
        // for each context was 6 % of building.
        let mut form_ids = Vec::with_capacity(forms);
        let mut inserted = Vec::with_capacity(lexicons.forms_len());
        lexicons.forms_in_parts(|text, stem, entry| {
            m.insert(text, stem, Role::Entry(entry), &mut ids, &mut targets);
            inserted.push((form_ids.len()..form_ids.len() + ids.len(), text, stem));
            form_ids.extend_from_slice(&ids);
        });
        // A context silences its entry by matching more tokens with no entry of its own
        // (unless another entry is that very expression).
        lexicons.contexts_in_parts(|before, form, after, stem| {
            let (range, text, form_stem) = &inserted[form];
            ids.clear();
            if !before.is_empty() {
                m.push_ids(before, false, &mut ids);
                ids.push(NONE);
            }
            if after.is_empty() && stem != *form_stem {
                // `le ~*`: the form's last word is a stem here.
                m.push_ids(text, stem, &mut ids);
            } else {
                ids.extend_from_slice(&form_ids[range.clone()]);
            }
            if !after.is_empty() {
                ids.push(NONE);
                m.push_ids(after, stem, &mut ids);
            }
            m.insert_from(ROOT, &ids, stem, Role::Context, &mut targets);
        });
        // Tables whose size follows from their content, as a snapshot keeps them.
        m.words.fit();
        m.stems.fit();
        m.edges.fit();
        m.targets = Targets::new(&targets);
        m.find_shortcuts();
        m
    }

    /// Adds rule word `i`.
    fn add_rule(
        &mut self,
        rule: &RuleWord,
        i: usize,
        ids: &mut Vec<u32>,
        targets: &mut Vec<Target>,
    ) {
        match rule.kind {
            RuleKind::Participle => self.flag(&rule.folded, PARTICIPLE),
            RuleKind::Determiner => self.flag(&rule.folded, DETERMINER),
            RuleKind::Abbreviation => self.flag(&rule.folded, ABBREVIATION),
            RuleKind::FrenchWord => self.flag(&rule.folded, FRENCH),
            RuleKind::ForeignWord => self.flag(&rule.folded, FOREIGN),
            kind if kind.is_quiet() => {
                self.insert(&rule.folded, false, Role::Quiet(i as u32), ids, targets);
                self.flags[ids[0] as usize] |= if kind == RuleKind::Domain {
                    DOMAIN_START
                } else {
                    MARKER_START
                };
            }
            kind if kind.is_matched() => {
                self.insert(&rule.folded, false, Role::Rule(i as u32), ids, targets)
            }
            _ => {}
        }
    }

    /// Fills `puncts` and `stem_lengths` from the vocabularies.
    fn find_shortcuts(&mut self) {
        for kind in 0..128u8 {
            if !is_word(kind) {
                self.puncts[kind as usize] = self.words.find(&[kind], head(&[kind]));
            }
        }
        self.stem_lengths = vec![0; 1 << STEM_LENGTHS_BITS];
        for (head, len) in self.stems.heads_and_lengths() {
            self.stem_lengths[stem_lengths_slot(head)] |= 1 << len.min(63);
        }
    }

    /// Whether exactly the words with a child of the root are marked `STARTS` (what
    /// `scan` relies on): for the tests.
    #[cfg(test)]
    pub fn starts_follow_root(&self) -> bool {
        self.words.slots.iter().all(|slot| {
            let id = slot.id_plus_one & !STARTS;
            id == 0 || (slot.id_plus_one & STARTS != 0) == (self.root[id as usize - 1] != NONE)
        })
    }

    /// Writes the trie for [`Matcher::read`].
    pub fn write(&self, w: &mut Writer) {
        w.bytes(&self.flags);
        w.u32s(&self.root);
        self.words.write(w);
        self.stems.write(w);
        w.records(self.stem_starts.0.len());
        for &bits in &self.stem_starts.0 {
            w.u64(bits);
        }
        w.u32(self.longest_stem as u32);
        w.bytes(&self.nodes);
        self.edges.write(w);
        self.targets.write(w);
        w.records(self.quiet.len());
        for &(node, rule) in &self.quiet {
            w.u32(node);
            w.u32(rule);
        }
    }

    /// Reads what [`Matcher::write`] wrote for `entries` entries and `rules` rule words,
    /// checking that every id and node it holds is one.
    pub fn read(r: &mut Reader, entries: usize, rules: usize) -> Result<Matcher, Error> {
        let flags = r.bytes()?.to_vec();
        let ids = flags.len();
        // The root's children before the words (and checked below, with the nodes), so
        // that the words that start a pattern are marked as they are put in place, not in
        // a second pass over their 2 MiB table (0.3 ms).
        let root = r.u32s()?;
        let words = Vocabulary::read(r, ids, &root)?;
        let stems = Vocabulary::read(r, ids, &[])?;
        let stem_starts = Bits(r.array(u64::from_le_bytes)?);
        if stem_starts.0.len() != 1 << (STEM_START_BITS - 6) {
            return Err(damaged("débuts de radicaux"));
        }
        let longest_stem = r.u32()? as usize;
        let nodes = r.bytes()?.to_vec();
        let n = nodes.len();
        // `i < len` or `NONE` (which wraps to 0), in one test.
        let below = |i: u32, len: usize| i.wrapping_add(1) as usize <= len;
        let mut bad = n == 0 || root.len() != ids;
        in_parts(&root, |part| bad |= !part.iter().all(|&c| below(c, n)));
        if bad {
            return Err(damaged("racine"));
        }
        let edges = Edges::read(r, n)?;
        let targets = Targets::read(r, n, entries, rules)?;
        // Quiet words: nodes in increasing order (the look-up searches them), rules in range.
        let mut quiet = Vec::new();
        let mut past = None;
        for record in r.records::<8>()? {
            let (node, rule) = (field(record, 0), field(record, 1));
            if past.is_some_and(|p| node <= p) || node as usize >= n || rule as usize >= rules {
                return Err(damaged("mot de règle discret"));
            }
            past = Some(node);
            quiet.push((node, rule));
        }
        let mut m = Matcher {
            words,
            stems,
            stem_starts,
            stem_lengths: Vec::new(),
            longest_stem,
            puncts: [(NONE, false); 128],
            flags,
            root,
            edges,
            targets,
            nodes,
            quiet,
        };
        m.find_shortcuts();
        Ok(m)
    }

    /// Number of patterns in the trie.
    pub fn patterns(&self) -> usize {
        self.nodes.iter().filter(|&&n| n & ENDS != 0).count()
    }

    /// The id of a pattern's word (added if new); `starts` if it is a variant of the
    /// pattern's first word (a child of the root: a word is marked `STARTS`, a stem's
    /// first bytes go into `stem_starts`).
    fn word(&mut self, bytes: &[u8], stem: bool, starts: bool) -> u32 {
        let next = self.flags.len() as u32;
        let map = if stem {
            &mut self.stems
        } else {
            &mut self.words
        };
        let id = map.insert(bytes, next, starts && !stem);
        if id == next {
            self.flags.push(0);
            self.root.push(NONE);
            if stem {
                self.longest_stem = self.longest_stem.max(bytes.len());
            }
        }
        if stem && starts {
            self.stem_starts.set(stem_start(bytes));
        }
        id
    }

    fn flag(&mut self, word: &str, flag: u8) {
        let id = self.word(word.as_bytes(), false, false);
        self.flags[id as usize] |= flag;
    }

    /// Adds every word sequence of `text` (a pattern's) to the trie, standing for `role`
    /// (`targets`: building's, one per node); `ids` is a buffer.
    fn insert(
        &mut self,
        text: &str,
        stem: bool,
        role: Role,
        ids: &mut Vec<u32>,
        targets: &mut Vec<Target>,
    ) {
        ids.clear();
        self.push_ids(text, stem, ids);
        self.insert_from(ROOT, ids, stem, role, targets);
    }

    /// Appends the ids of the words of `text` (a pattern's, its last word a stem if
    /// `stem`) to `ids`, adding the words that are new.
    ///
    /// Each variant's id once, not once per sequence through it (a verb's 45 forms
    /// followed by two words would look the two up 45 times): the words' ids, `NONE`
    /// between words.
    fn push_ids(&mut self, text: &str, stem: bool, ids: &mut Vec<u32>) {
        let bytes = text.as_bytes();
        // Where the last word starts, whose variants are stems if `stem`.
        let last = if stem {
            bytes
                .iter()
                .rposition(|&b| b == b' ')
                .map_or(0, |space| space + 1)
        } else {
            usize::MAX
        };
        // One pass over the bytes, not one for words and one for variants (the patterns'
        // text is twice the lexicons').
        let mut start = 0;
        // Whether the words are variants of the sequences' first word, which become
        // children of the root (`insert_from`).
        let mut starts = ids.is_empty();
        loop {
            let rest = &bytes[start..];
            let end = find_either(rest, b' ', b'|');
            let word = &rest[..end.unwrap_or(rest.len())];
            let id = self.word(word, start >= last, starts);
            ids.push(id);
            let Some(end) = end else { break };
            if rest[end] == b' ' {
                ids.push(NONE);
                starts = false;
            }
            start += end + 1;
        }
    }

    /// Adds the sequences of `ids` (see `insert`, or what is left of it, never empty)
    /// below `node`, depth first.
    fn insert_from(
        &mut self,
        node: u32,
        ids: &[u32],
        stem: bool,
        role: Role,
        targets: &mut Vec<Target>,
    ) {
        let (variants, rest) = match ids.iter().position(|&id| id == NONE) {
            Some(end) => (&ids[..end], &ids[end + 1..]),
            None => (ids, &[][..]),
        };
        let is_last = rest.is_empty();
        for &id in variants {
            let next = self.nodes.len() as u32;
            let child = if node == ROOT {
                let child = &mut self.root[id as usize];
                if *child == NONE {
                    *child = next;
                }
                *child
            } else {
                self.edges.get_or_insert(edge_key(node, id), next)
            };
            if child == next {
                targets.push(Target::default());
                self.nodes.push(0);
                let stems = if stem && is_last { STEMS } else { 0 };
                self.nodes[node as usize] |= BRANCHES | stems;
            }
            // The last word's nodes end here, without a call each (most nodes are these).
            if is_last {
                self.end(child, role, &mut targets[child as usize]);
            } else {
                self.insert_from(child, rest, stem, role, targets);
            }
        }
    }

    /// Marks a pattern standing for `role` as ending at `node`, whose target is `target`.
    fn end(&mut self, node: u32, role: Role, target: &mut Target) {
        let flag = match role {
            Role::Entry(i) => {
                if target.entry != NONE && target.entry != i {
                    target.shadowed = target.entry;
                }
                target.entry = i;
                ENDS
            }
            Role::Rule(i) => {
                target.rule = i;
                ENDS
            }
            Role::Context => ENDS,
            // Not `ENDS`: no walk stops at a quiet word.
            Role::Quiet(i) => {
                match self.quiet.binary_search_by_key(&node, |q| q.0) {
                    Ok(k) => self.quiet[k].1 = i,
                    Err(k) => self.quiet.insert(k, (node, i)),
                }
                0
            }
        };
        self.nodes[node as usize] |= flag;
    }

    /// Calls `each(start, end, rule)` for every quiet rule word in `tokens` (at
    /// `tokens[start..end]`) whose first word has the flag `starts` (`DOMAIN_START` or
    /// `MARKER_START`), wherever it starts and whatever hits overlap it: in order of
    /// `start`, then of `end`. A walk from each token that may start one, for the rare
    /// sentence that asks.
    pub fn quiet_words(
        &self,
        tokens: &[Token],
        starts: u8,
        mut each: impl FnMut(usize, usize, u32),
    ) {
        for start in (0..tokens.len()).filter(|&i| self.has(&tokens[i], starts)) {
            let mut node = ROOT;
            for (end, token) in (start + 1..).zip(&tokens[start..]) {
                let Some(child) = self.child(node, token.id) else {
                    break;
                };
                node = child;
                if let Ok(k) = self.quiet.binary_search_by_key(&node, |q| q.0) {
                    each(start, end, self.quiet[k].1);
                }
            }
        }
    }

    /// Inlined, as most calls stop at one of the first tests, and the edge map's look-up
    /// too (a call cost about a third of it).
    #[inline(always)]
    fn child(&self, node: u32, id: u32) -> Option<u32> {
        if id == NONE || self.nodes[node as usize] & BRANCHES == 0 {
            None
        } else if node == ROOT {
            Some(self.root[id as usize]).filter(|&c| c != NONE)
        } else {
            self.edges.get(edge_key(node, id))
        }
    }

    /// Folds `text` into `tokens` (cleared first), each looked up in the vocabulary.
    /// Not inlined: in `analyze`, with the rules around it, the word loop ran out of
    /// registers (1 % more instructions). Named in `Cargo.toml`'s wasm-opt `--no-inline`.
    #[inline(never)]
    pub fn tokens(&self, text: &str, tokens: &mut Vec<Token>) {
        tokens.clear();
        fold(text, |place, bytes, head| {
            let (id, starts) = if is_word(place.kind) {
                self.words.find(bytes, head)
            } else {
                self.puncts[usize::from(place.kind & 0x7F)]
            };
            tokens.push(Token {
                start: place.start,
                end: place.end,
                kind: place.kind,
                id,
                starts,
                stem: if is_word(place.kind) && self.may_start_stem(bytes, head) {
                    self.stem(bytes, ROOT)
                } else {
                    NONE
                },
            });
        });
    }

    /// Whether `word`, of head `head`, may start with a stem that starts a pattern.
    fn may_start_stem(&self, word: &[u8], head: u64) -> bool {
        word.len() >= 3 && self.stem_starts.has(stem_start_of(head))
    }

    /// The id of the longest stem `word` starts with that goes on from `node` (from the
    /// root: that starts a pattern), or `NONE`. Not merely the longest stem: with
    /// `cérébrale*` in one pattern and `cérébral*` in another, « cérébrales » is in both.
    fn stem(&self, word: &[u8], node: u32) -> u32 {
        if word.len() < 3 || self.stems.is_empty() {
            return NONE;
        }
        let lengths = self.stem_lengths[stem_lengths_slot(head(word))];
        (3..=word.len().min(self.longest_stem))
            .rev()
            .filter(|&len| lengths & 1 << len.min(63) != 0)
            .map(|len| self.stems.get(&word[..len]))
            .find(|&id| self.child(node, id).is_some())
            .unwrap_or(NONE)
    }

    /// Whether a token is a vocabulary word with `flag`.
    pub fn has(&self, token: &Token, flag: u8) -> bool {
        self.flags(token) & flag != 0
    }

    /// The flags of a token's vocabulary word (none for a word not in it: `NONE` is past
    /// the end).
    pub fn flags(&self, token: &Token) -> u8 {
        self.flags.get(token.id as usize).copied().unwrap_or(0)
    }

    /// Every non-overlapping match in `tokens` (of `text`), in order, appended to `hits`.
    /// A context is no hit: it silences the entries within it, but the rule words and the
    /// longer patterns that start inside it are still found (« n'a jamais » silences
    /// `à jamais`, not the negator « jamais » nor `jamais été aussi`).
    /// Not inlined: in `analyze` its loop kept more of its state on the stack. Named in
    /// `Cargo.toml`'s wasm-opt `--no-inline`.
    #[inline(never)]
    pub fn scan(&self, text: &str, tokens: &[Token], hits: &mut Vec<Hit>) {
        // The root's child by a word (the root always branches; `NONE` is past the end):
        // most tokens start no pattern, and their `starts` and `stem` tell, with no read
        // of `root` for the word.
        let by_root = |id: u32| self.root.get(id as usize).copied().filter(|&c| c != NONE);
        let mut i = 0;
        // The end of the last context found: entries that end before it are silenced.
        let mut context_end = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            let by_word = if t.starts { by_root(t.id) } else { None };
            let found = match (by_word, by_root(t.stem)) {
                (None, None) => None,
                // No stem's way to try at the root: start from the word's node, and
                // walk only if the next token goes on (most often it is in no pattern
                // after this word, and the walk would stop there).
                (Some(node), None) => {
                    let flags = self.nodes[node as usize];
                    let goes_on = tokens.get(i + 1).is_some_and(|next| {
                        flags & STEMS != 0
                            || next.id != NONE
                                && self.edges.may_have(edge_key(node, next.id))
                                && self.child(node, next.id).is_some()
                    });
                    if goes_on {
                        self.longest(text, node, tokens, i + 1)
                    } else {
                        (flags & ENDS != 0).then_some((i + 1, node))
                    }
                }
                _ => self.longest(text, ROOT, tokens, i),
            };
            match found {
                Some((end, node)) if end > i => {
                    let mut target = self.targets.get(node);
                    if end <= context_end {
                        // Within a context: its entries are silenced, not its rule words.
                        (target.entry, target.shadowed) = (NONE, NONE);
                    }
                    if target.entry().is_none() && target.rule().is_none() {
                        // A context, or an entry silenced by one.
                        context_end = context_end.max(end);
                        i += 1;
                    } else {
                        hits.push(Hit {
                            start: i,
                            end,
                            target,
                        });
                        i = end;
                    }
                }
                _ => i += 1,
            }
        }
    }

    /// The longest pattern through `node` that goes on with `tokens[at..]`: where it
    /// ends and the node of what it stands for (a node with a target).
    fn longest(
        &self,
        text: &str,
        mut node: u32,
        tokens: &[Token],
        mut at: usize,
    ) -> Option<(usize, u32)> {
        let mut best: Option<(usize, u32)> = None;
        loop {
            let flags = self.nodes[node as usize];
            // On a tie with a stem's way, the word itself wins.
            if flags & ENDS != 0 && best.is_none_or(|b| at >= b.0) {
                best = Some((at, node));
            }
            // Most walks stop here: a node no pattern goes on from.
            if flags & BRANCHES == 0 {
                return best;
            }
            let Some(token) = tokens.get(at) else {
                return best;
            };
            // A word that also goes on as a stem: try that way too, keep the longer.
            let stem = if node == ROOT {
                token.stem
            } else if flags & STEMS != 0 && token.kind == WORD {
                self.refolded_stem(text, token, node)
            } else {
                NONE
            };
            if let Some(child) = self.child(node, stem) {
                let found = self.longest(text, child, tokens, at + 1);
                if found.is_some_and(|f| best.is_none_or(|b| f.0 > b.0)) {
                    best = found;
                }
            }
            match self.child(node, token.id) {
                Some(child) => (node, at) = (child, at + 1),
                None => return best,
            }
        }
    }

    /// The stem of a token after the first word of a pattern, folded again: rare enough
    /// (a few contexts end in a stem) to cost less than keeping every token's folded
    /// form. Apart, so that the walk's loop stays small.
    #[cold]
    #[inline(never)]
    fn refolded_stem(&self, text: &str, token: &Token, node: u32) -> u32 {
        // A word token folds to one word (`folded_words`: not another copy of the folding
        // loop in the wasm).
        let word = folded_words(&text[token.start as usize..token.end as usize]);
        self.stem(word.as_bytes(), node)
    }
}

#[cfg(test)]
mod tests {
    use super::{Edges, Matcher, Target, Targets, Vocabulary, NONE, STARTS};
    use crate::snapshot::{reseal, Reader, Writer};

    /// A table's test row: its name, the u32s changed (where, to what), whether it is read.
    type Row = (&'static str, Vec<(usize, u32)>, bool);

    /// The bytes of a snapshot holding what `write` writes, each u32 at `at` (from the
    /// first field) in `changes` set to its value, the checksum made right again.
    fn written(write: impl Fn(&mut Writer), changes: &[(usize, u32)]) -> Vec<u8> {
        let mut w = Writer::default();
        write(&mut w);
        let mut bytes = w.finish(0);
        for &(at, value) in changes {
            bytes[24 + at..28 + at].copy_from_slice(&value.to_le_bytes());
        }
        reseal(&mut bytes);
        bytes
    }

    /// The u32 at `at` of what `write` writes.
    fn field_of(write: impl Fn(&mut Writer), at: usize) -> u32 {
        let bytes = written(write, &[]);
        u32::from_le_bytes(bytes[24 + at..28 + at].try_into().expect("4 bytes"))
    }

    /// Each field a snapshot gives a vocabulary's table, changed: what building
    /// guarantees is checked, what it allows is read.
    #[test]
    fn a_vocabulary_read_back_checks_its_table() {
        let mut words = Vocabulary::with_capacity(0, 0);
        for (id, word) in ["mot", "motplusquehuit", "autre"].into_iter().enumerate() {
            words.insert(word.as_bytes(), id as u32, false);
        }
        let ids = 3;
        // After the rests' bytes (a length and 6 bytes) and the count of words: records
        // of 28 bytes (place, head, hash, id plus one, rest's start and end), in the
        // order of their places.
        let record = |k: usize| 4 + 6 + 4 + 28 * k;
        let field = |k: usize, at: usize| field_of(|w| words.write(w), record(k) + at);
        let place = |k: usize| field(k, 0);
        let long = (0..3)
            .find(|&k| field(k, 12) & 1 == 1)
            .expect("a long word");
        let rows: Vec<Row> = vec![
            ("unchanged", vec![], true),
            ("a place past the table", vec![(record(2), 1024)], false),
            ("the last place of the table", vec![(record(2), 1023)], true),
            ("two words in one place", vec![(record(1), place(0))], false),
            ("places out of order", vec![(record(2), place(0))], false),
            ("a free slot", vec![(record(0) + 16, 0)], false),
            (
                "an id past the last",
                vec![(record(0) + 16, ids + 1)],
                false,
            ),
            ("the last id", vec![(record(0) + 16, ids)], true),
            // `STARTS` is set on reading, from the root: in the bytes, an id past the last.
            (
                "an id with the starts bit",
                vec![(record(0) + 16, STARTS | 1)],
                false,
            ),
            ("a rest past the bytes", vec![(record(long) + 24, 7)], false),
            (
                "an empty rest at the end",
                vec![(record(long) + 20, 6)],
                true,
            ),
            (
                "a rest ending before it starts",
                vec![(record(long) + 20, 7)],
                false,
            ),
            (
                "a short word's rest past the bytes",
                vec![(record((long + 1) % 3) + 24, 7)],
                false,
            ),
            ("a word too many", vec![(4 + 6, 4)], false),
            ("a word too few", vec![(4 + 6, 2)], false),
        ];
        for (name, changes, want) in rows {
            let bytes = written(|w| words.write(w), &changes);
            let mut r = Reader::open(&bytes, 0).expect("resealed");
            let len = Vocabulary::read(&mut r, ids as usize, &[]).map(|v| v.len);
            let read = len.is_ok() && r.finish().is_ok();
            assert_eq!(read, want, "{name}: {len:?}");
            assert!(!read || len.is_ok_and(|len| len == 3), "{name}");
        }
    }

    /// The same for the edges' table.
    #[test]
    fn edges_read_back_check_their_table() {
        let mut edges = Edges::with_capacity(0);
        for (key, child) in [(1 << 32 | 5, 1), (2 << 32 | 5, 2), (1 << 32 | 7, 3)] {
            edges.insert(key, child);
        }
        let nodes = 4;
        // After the count of edges: records of 16 bytes (place, key, child), in the order
        // of their places.
        let record = |k: usize| 4 + 16 * k;
        let place = |k: usize| field_of(|w| edges.write(w), record(k));
        let rows: Vec<Row> = vec![
            ("unchanged", vec![], true),
            ("a place past the table", vec![(record(2), 64)], false),
            ("the last place of the table", vec![(record(2), 63)], true),
            ("two edges in one place", vec![(record(1), place(0))], false),
            ("places out of order", vec![(record(2), place(0))], false),
            (
                "no key",
                vec![(record(0) + 4, 0), (record(0) + 8, 0)],
                false,
            ),
            ("a key of another node", vec![(record(0) + 8, 9)], true),
            (
                "a child past the last node",
                vec![(record(0) + 12, nodes)],
                false,
            ),
            ("the last node", vec![(record(0) + 12, nodes - 1)], true),
            ("an edge too many", vec![(0, 4)], false),
            ("an edge too few", vec![(0, 2)], false),
        ];
        for (name, changes, want) in rows {
            let bytes = written(|w| edges.write(w), &changes);
            let mut r = Reader::open(&bytes, 0).expect("resealed");
            let len = Edges::read(&mut r, nodes as usize).map(|e| e.len);
            let read = len.is_ok() && r.finish().is_ok();
            assert_eq!(read, want, "{name}: {len:?}");
            assert!(!read || len.is_ok_and(|len| len == 3), "{name}");
        }
    }

    /// The same for the targets: a bit per node, a record per bit set, entries and rules
    /// in range.
    #[test]
    fn targets_read_back_are_checked() {
        let target = |entry, shadowed, rule| Target {
            entry,
            shadowed,
            rule,
        };
        let none = Target::default();
        let all = [
            none,
            target(0, NONE, NONE),
            none,
            target(1, 0, NONE),
            target(NONE, NONE, 0),
        ];
        let targets = Targets::new(&all);
        assert_eq!(targets.targets.len(), 3);
        for (node, t) in all.iter().enumerate() {
            let got = targets.get(node as u32);
            assert_eq!(
                (got.entry, got.shadowed, got.rule),
                (t.entry, t.shadowed, t.rule)
            );
        }
        let (nodes, entries, rules) = (5, 2, 1);
        // The count of the bits' words and their 64 bits (nodes 1, 3 and 4), then the
        // count of records and records of 12 bytes (entry, shadowed, rule).
        let record = |k: usize| 16 + 12 * k;
        let rows: Vec<Row> = vec![
            ("unchanged", vec![], true),
            ("a bit too many", vec![(4, 0b11011)], false),
            ("a bit too few", vec![(4, 0b01010)], false),
            ("a bit moved", vec![(4, 0b10110)], true),
            ("bits for more nodes", vec![(0, 2)], false),
            ("an entry past the last", vec![(record(0), 2)], false),
            ("the last entry", vec![(record(0), 1)], true),
            (
                "a shadowed entry past the last",
                vec![(record(1) + 4, 2)],
                false,
            ),
            ("a rule past the last", vec![(record(2) + 8, 1)], false),
            ("a target too many", vec![(12, 4)], false),
            ("a target too few", vec![(12, 2)], false),
        ];
        for (name, changes, want) in rows {
            let bytes = written(|w| targets.write(w), &changes);
            let mut r = Reader::open(&bytes, 0).expect("resealed");
            let read = Targets::read(&mut r, nodes, entries, rules).map(|t| t.targets.len());
            let ok = read.is_ok() && r.finish().is_ok();
            assert_eq!(ok, want, "{name}: {read:?}");
        }
    }

    /// The same for the quiet words, the last records a matcher writes: nodes in
    /// increasing order and in the trie, rules in range.
    #[test]
    fn quiet_words_read_back_are_checked() {
        let rules = "booster\tsi\t1.2\ndomain\tsi\t-\tjeu\ndomain\tmi-temps\t-\tsport\n";
        let rules = crate::lexicon::parse_rules("r.tsv", rules, &mut Vec::new()).unwrap();
        let m = Matcher::new(&crate::lexicon::Lexicons::default(), &rules);
        assert_eq!(m.quiet.len(), 2);
        let nodes = m.nodes.len() as u32;
        let end = written(|w| m.write(w), &[]).len() - 24;
        // The two records (node, rule), 8 bytes each, end the bytes.
        let (first, second) = (end - 16, end - 8);
        let rows: Vec<Row> = vec![
            ("unchanged", vec![], true),
            ("nodes out of order", vec![(second, m.quiet[0].0)], false),
            ("a node past the last", vec![(second, nodes)], false),
            ("the last node", vec![(second, nodes - 1)], true),
            ("a rule past the last", vec![(first + 4, 3)], false),
            ("the last rule", vec![(first + 4, 2)], true),
            ("a word too many", vec![(first - 4, 3)], false),
        ];
        for (name, changes, want) in rows {
            let bytes = written(|w| m.write(w), &changes);
            let mut r = Reader::open(&bytes, 0).expect("resealed");
            let read = Matcher::read(&mut r, 0, rules.len()).map(|m| m.quiet);
            let ok = read.is_ok() && r.finish().is_ok();
            assert_eq!(ok, want, "{name}: {read:?}");
        }
    }

    #[test]
    fn vocabulary_keeps_its_words_as_it_grows() {
        let mut words = Vocabulary::with_capacity(0, 0);
        // Words of up to eight bytes and longer ones (their rest stored apart).
        let word =
            |n: u32| format!("{}{n}", ["mot", "motplusquehuit"][n as usize % 2]).into_bytes();
        for n in 0..3000 {
            assert_eq!(words.insert(&word(n), n, false), n);
        }
        for n in 0..3000 {
            assert_eq!(words.insert(&word(n), 9999, false), n);
            assert_eq!(words.get(&word(n)), n);
        }
        assert_eq!(words.get(b"mot3000"), NONE);
    }

    #[test]
    fn tail_reads_up_to_seven_bytes() {
        let bytes = b"abcdefg";
        for n in 0..=7 {
            let mut want = [0u8; 8];
            want[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(super::tail(&bytes[..n]), u64::from_le_bytes(want), "{n}");
        }
    }
}
