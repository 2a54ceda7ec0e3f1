//! Any change to the fields of a valid snapshot, behind a checksum made right again:
//! `load` refuses it with a clear error or gives an analyzer that analyzes without
//! panicking and keeps every invariant of the `Analysis`.
//!
//! The input's first four bytes pick an offset in the snapshot's fields (after the
//! 24-byte header); the rest is XORed onto the fields from there, and what runs past
//! their end is appended (bytes too many).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use surligneur::{Analyzer, AnalyzerBuilder};

#[path = "../../tests/invariants/mod.rs"]
mod check;

const LEXICON: &str = include_str!("../../tests/fixtures/lexicon.tsv");
const RULES: &str = include_str!("../../lexicons/rules.tsv");
const SENTENCE: &str = "Selon certains, le régime n’a pas « combattu » : il aurait bombardé \
    les milices, une catastrophe sans précédent. Mais la patrie ? JAMAIS !! 🇫🇷";

fn builder() -> AnalyzerBuilder {
    Analyzer::builder()
        .without_embedded()
        .lexicon("fixture.tsv", LEXICON)
        .rules("rules.tsv", RULES)
}

static SNAPSHOT: OnceLock<Vec<u8>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((at, change)) = data.split_first_chunk::<4>() else {
        return;
    };
    let mut bytes = SNAPSHOT
        .get_or_init(|| builder().build().expect("valid").to_bytes())
        .clone();
    let at = 24 + u32::from_le_bytes(*at) as usize % (bytes.len() - 24);
    let (inside, past) = change.split_at(change.len().min(bytes.len() - at));
    for (byte, c) in bytes[at..].iter_mut().zip(inside) {
        *byte ^= c;
    }
    bytes.extend_from_slice(past);
    surligneur::reseal(&mut bytes);
    match builder().load(&bytes) {
        Ok(analyzer) => {
            let analysis = analyzer
                .analyze(SENTENCE)
                .expect("a small text is never refused");
            check::check(SENTENCE, &analysis);
        }
        Err(e) => assert!(e.to_string().starts_with("instantané refusé"), "{e}"),
    }
});
