//! A built analyzer as bytes ([`Analyzer::to_bytes`](crate::Analyzer::to_bytes)), read
//! back without parsing, inflecting and inserting the lexicons again: the page and the
//! extension keep them in IndexedDB, and starting from them costs a fraction of a build.
//!
//! The bytes begin with a magic number, a fingerprint of what the analyzer was built from
//! (this build of the crate, the lexicon texts, the options) and a checksum of the rest.
//! Reading refuses bytes of another fingerprint, a bad checksum or a truncated field, and
//! checks every index it reads, so that no bytes, however damaged, make the engine panic
//! later.
//!
//! The trie's hash tables are kept as the matcher uses them (layout 2): each vocabulary
//! word and each edge with its place in its table, whose size follows from the number of
//! entries. Reading puts each one back at its place, checking in the same pass what
//! building guaranteed (places increasing within the table, so no two share a slot and
//! the table keeps the free slots that end every probe; ids, rests and children in range),
//! instead of hashing and probing again: 23.6 M → 13.6 M instructions for the embedded
//! lexicons, for a snapshot of 4.93 MB instead of 4.29 (`bench/README.md`). Whole tables
//! copied as they are were tried: 7.3 MB, and in WebAssembly the bytes cost more (copied
//! in, checksummed, checked) than the placing they saved. Layout 3 adds the domains of
//! entries and of rule words. Layout 4 keeps the trie's targets for the nodes that have
//! one only (a bit per node, then their records): 5.19 MB → 4.35 MB; the root's
//! children come before the words, whose `STARTS` bits they give.

use crate::error::Error;
use crate::lexicon::find_either;
use crate::matcher::{step, steps};

/// The first eight bytes; the last one is the layout's version.
const MAGIC: &[u8; 8] = b"SURLIGN\x04";

/// What identifies this build: a hash of the crate's code and embedded lexicons, made by
/// `build.rs`. A snapshot saved by another build is built again, not trusted.
pub(crate) const BUILD: &str = env!("SURLIGNEUR_BUILD");

/// A 64-bit hash of bytes (FxHash's step, eight bytes at a time): for the fingerprint and
/// the checksum. A change within one eight-byte step always changes it (each step is a
/// bijection of the state); this guards against damage, not against forgery.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fingerprint(u64);

impl Fingerprint {
    pub fn new() -> Fingerprint {
        Fingerprint(0).with(MAGIC)
    }

    /// The hash so far, followed by `bytes` and their length (so that `ab`,`c` and
    /// `a`,`bc` differ). Four lanes of eight bytes side by side, joined at the end: one
    /// lane waited on each multiplication (natively 0.85 → 0.35 ms for 4.9 MB). Each
    /// lane's step, and each step joining them, is a bijection of its input, so a change
    /// within eight bytes still always changes the hash.
    pub fn with(self, bytes: &[u8]) -> Fingerprint {
        let mut lanes = [self.0, 1, 2, 3];
        let (blocks, rest) = bytes.as_chunks::<32>();
        in_parts(blocks, |part| {
            for block in part {
                for (lane, c) in lanes.iter_mut().zip(block.as_chunks::<8>().0) {
                    *lane = step(*lane, u64::from_le_bytes(*c));
                }
            }
        });
        let h = lanes[1..].iter().fold(lanes[0], |h, &lane| step(h, lane));
        Fingerprint(step(steps(h, rest), bytes.len() as u64))
    }

    pub fn value(self) -> u64 {
        self.0
    }
}

/// Writes a snapshot: fixed-size little-endian numbers, lengths before their items.
#[derive(Debug, Default)]
pub(crate) struct Writer(Vec<u8>);

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }

    /// A count of what follows.
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("fewer than 2^32 items"));
    }

    pub fn bytes(&mut self, v: &[u8]) {
        self.len(v.len());
        self.0.extend_from_slice(v);
    }

    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// The count of records that follow, each written by the caller.
    pub fn records(&mut self, n: usize) {
        self.len(n);
    }

    pub fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        for &x in v {
            self.u32(x);
        }
    }

    /// The snapshot: magic, fingerprint, checksum, then what was written.
    pub fn finish(self, fingerprint: u64) -> Vec<u8> {
        let mut out = Vec::with_capacity(24 + self.0.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&fingerprint.to_le_bytes());
        out.extend_from_slice(&Fingerprint::new().with(&self.0).value().to_le_bytes());
        out.extend_from_slice(&self.0);
        out
    }
}

/// Reads what a [`Writer`] wrote; every read may fail, none panics.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

/// Makes the checksum of a snapshot right again after its fields were changed: for the
/// test and the fuzz target that damage fields behind a valid checksum.
#[cfg(any(test, fuzzing))]
pub fn reseal(bytes: &mut [u8]) {
    let checksum = Fingerprint::new().with(&bytes[24..]).value();
    bytes[16..24].copy_from_slice(&checksum.to_le_bytes());
}

pub(crate) fn damaged(what: &str) -> Error {
    Error::snapshot(format!("données abîmées ({what})"))
}

impl<'a> Reader<'a> {
    /// A reader of the fields after the header, once the header has been checked against
    /// `fingerprint`.
    pub fn open(bytes: &'a [u8], fingerprint: u64) -> Result<Reader<'a>, Error> {
        let Some((magic, rest)) = bytes.split_first_chunk::<8>() else {
            return Err(Error::snapshot(
                "pas un instantané de Surligneur (trop court)",
            ));
        };
        if magic != MAGIC {
            return Err(Error::snapshot("pas un instantané de Surligneur"));
        }
        let mut r = Reader { rest };
        if r.u64()? != fingerprint {
            return Err(Error::snapshot(
                "fait par une autre version ou avec d’autres lexiques ou options",
            ));
        }
        let checksum = r.u64()?;
        if Fingerprint::new().with(r.rest).value() != checksum {
            return Err(damaged("somme de contrôle"));
        }
        Ok(r)
    }

    /// Whether everything has been read.
    pub fn finish(self) -> Result<(), Error> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(damaged("octets en trop"))
        }
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let (first, rest) = self
            .rest
            .split_first_chunk::<N>()
            .ok_or_else(|| damaged("tronqué"))?;
        self.rest = rest;
        Ok(*first)
    }

    pub fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.take::<1>()?[0])
    }

    pub fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.take()?))
    }

    pub fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.take()?))
    }

    /// A count of items of at least `size` bytes each: never more than the bytes left
    /// could hold, so that damaged bytes cannot ask for a huge allocation.
    pub fn len(&mut self, size: usize) -> Result<usize, Error> {
        let n = self.u32()? as usize;
        if n.saturating_mul(size) > self.rest.len() {
            return Err(damaged("longueur"));
        }
        Ok(n)
    }

    pub fn bytes(&mut self) -> Result<&'a [u8], Error> {
        self.items(1)
    }

    pub fn str(&mut self) -> Result<&'a str, Error> {
        std::str::from_utf8(self.bytes()?).map_err(|_| damaged("texte"))
    }

    pub fn u32s(&mut self) -> Result<Vec<u32>, Error> {
        self.array(u32::from_le_bytes)
    }

    /// Items of `N` bytes each, after their count, each made by `item` (in parts: see
    /// `in_parts`).
    pub fn array<const N: usize, T>(
        &mut self,
        item: impl Fn([u8; N]) -> T,
    ) -> Result<Vec<T>, Error> {
        let records = self.records::<N>()?;
        let mut items = Vec::with_capacity(records.len());
        in_parts(records, |part| items.extend(part.iter().map(|&r| item(r))));
        Ok(items)
    }

    /// Records of `N` bytes each, after their count: decoded by the caller in one loop
    /// (or `in_parts`), much quicker than a read per field (the trie has 100,000
    /// nodes).
    pub fn records<const N: usize>(&mut self) -> Result<&'a [[u8; N]], Error> {
        Ok(self.items(N)?.as_chunks::<N>().0)
    }

    /// The bytes of items of `size` bytes each, after their count: one function for
    /// every size (`records` had a copy of 450 bytes of wasm per record size).
    fn items(&mut self, size: usize) -> Result<&'a [u8], Error> {
        let n = self.len(size)?;
        let (bytes, rest) = self.rest.split_at(n * size);
        self.rest = rest;
        Ok(bytes)
    }
}

/// Calls `each` on parts of `items` in order, about 16 KiB each, each in a call of its own:
/// V8 runs a first call of WebAssembly in baseline code and optimizes a function only
/// between calls, so a loop over a snapshot's 4.9 MB or 115,000 records in one call stayed
/// in baseline code (the checksum took 4.5 ms in Node, 1.3 ms in parts). It also keeps the
/// long loops out of the once-called function that reads a snapshot, which V8 would
/// otherwise find hot and optimize whole, for nothing. `call` is named in `Cargo.toml`'s
/// wasm-opt `--no-inline`, or wasm-opt would inline it back.
pub(crate) fn in_parts<'a, T>(items: &'a [T], mut each: impl FnMut(&'a [T])) {
    let n = ((1 << 14) / size_of::<T>()).max(1);
    for part in items.chunks(n) {
        call(part, &mut each);
    }
}

/// Calls `each` on parts of `text` of about 16 KiB, cut at line breaks (which neither
/// part keeps), each in a call of its own as `in_parts` does: for the lexicons' 10,000
/// lines, which made the once-called build hot.
pub(crate) fn lines_in_parts<'a>(text: &'a str, mut each: impl FnMut(&'a str)) {
    let mut rest = text;
    loop {
        let from = rest.len().min(1 << 14);
        let end = find_either(&rest.as_bytes()[from..], b'\n', b'\n').map(|i| from + i);
        let part = &rest[..end.unwrap_or(rest.len())];
        call(std::slice::from_ref(&part), &mut |p: &[&'a str]| each(p[0]));
        let Some(end) = end else { return };
        rest = &rest[end + 1..];
    }
}

/// `each(part)`, never inlined (see `in_parts`).
#[inline(never)]
fn call<'a, T>(part: &'a [T], each: &mut impl FnMut(&'a [T])) {
    each(part);
}

/// The `i`-th u32 of a record.
#[inline(always)]
pub(crate) fn field(record: &[u8], i: usize) -> u32 {
    let at = 4 * i;
    u32::from_le_bytes([record[at], record[at + 1], record[at + 2], record[at + 3]])
}

/// The u64 at u32 field `i` of a record (and `i + 1`).
#[inline(always)]
pub(crate) fn field64(record: &[u8], i: usize) -> u64 {
    u64::from(field(record, i)) | u64::from(field(record, i + 1)) << 32
}

#[cfg(test)]
mod tests {
    use super::reseal;
    use crate::Analyzer;

    /// Bytes whose checksum is right but whose fields are not: each byte after the header
    /// of a small analyzer's snapshot changed in turn, the checksum made again. Loading
    /// either refuses them or gives an analyzer that analyzes without panicking.
    #[test]
    fn changed_fields_never_make_a_panic() {
        let lexicon = "milice|milicien\twar\t2\t-1\tn\t\t~ de quartier\n\
                       régime\tloaded\t2\t-1\tn\tgouvernement\t~ alimentaire\n\
                       vainc*|vainqu*\twar\t1\t0\n\
                       coup d'État\twar\t3\t-2\tn\n";
        let rules = "negator\tpas\t0.5\nbooster\ttrès\t1.5\nhearsay\tserait\t0.8\n";
        let builder = || {
            Analyzer::builder()
                .without_embedded()
                .lexicon("test.tsv", lexicon)
                .rules("rules.tsv", rules)
        };
        let bytes = builder().build().expect("valid").to_bytes();
        let text = "Les miliciens de quartier, le régime alimentaire : pas très vaincus. \
                    Un coup d’État serait en cours, les MILICES vainquent ! 🇫🇷";
        let (mut loaded, mut refused) = (0, 0);
        for at in 24..bytes.len() {
            for value in [0x00, 0xFF, bytes[at].wrapping_add(1)] {
                let mut damaged = bytes.clone();
                damaged[at] = value;
                reseal(&mut damaged);
                match builder().load(&damaged) {
                    Ok(analyzer) => {
                        // What a lexicon cannot give (a weight of 0, a NaN) is refused too:
                        // the fuzz target found weights of 0 read back as they were.
                        for span in analyzer.analyze(text).expect("short text").spans {
                            assert!(span.weight > 0.0 && span.weight <= 5.0, "{span:?}");
                            assert!((-4.0..=4.0).contains(&span.valence), "{span:?}");
                            assert!(span.modifiers.iter().all(|m| m.factor.is_finite()));
                        }
                        loaded += 1;
                    }
                    Err(e) => {
                        assert!(e.to_string().starts_with("instantané refusé"), "{e}");
                        refused += 1;
                    }
                }
            }
        }
        assert!(
            loaded > 0 && refused > 0,
            "{loaded} loaded, {refused} refused"
        );
    }
}
