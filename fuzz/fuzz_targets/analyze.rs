//! Any text through the embedded analyzer: never a panic, and every invariant of the
//! `Analysis` holds (spans sorted, disjoint, on character boundaries, scores in range).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use surligneur::Analyzer;

#[path = "../../tests/invariants/mod.rs"]
mod check;

static ANALYZER: OnceLock<Analyzer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let analysis = ANALYZER
        .get_or_init(Analyzer::new)
        .analyze(text)
        .expect("a small text is never refused");
    check::check(text, &analysis);
});
