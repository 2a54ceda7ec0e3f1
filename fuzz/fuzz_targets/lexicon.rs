//! Any text as a lexicon and as rule words: building gives Ok or an error naming its
//! source and line, never a panic; a built analyzer analyzes without panicking.
//!
//! The input is split at its first NUL: the lexicon before, the rule words after (with
//! no NUL, the whole input is both), so that each file can be valid while the other is.
#![no_main]

use libfuzzer_sys::fuzz_target;
use surligneur::{Analyzer, Error};

#[path = "../../tests/invariants/mod.rs"]
mod check;

/// The embedded rule words, for the usual case: a user's lexicon read by the real rules.
const RULES: &str = include_str!("../../lexicons/rules.tsv");

const SENTENCE: &str = "Selon certains, le régime n’a pas « combattu » : il aurait bombardé \
    les milices, une catastrophe sans précédent. Mais la patrie ? JAMAIS !!";

/// An error of a lexicon file must name that file and one of its lines.
fn check_error(err: &Error, files: &[(&str, &str)]) {
    let (source, line) = err
        .location()
        .unwrap_or_else(|| panic!("no location: {err}"));
    let (_, text) = files
        .iter()
        .find(|(name, _)| *name == source)
        .unwrap_or_else(|| panic!("unknown source: {err}"));
    assert!(
        line >= 1 && line <= text.lines().count(),
        "line {line} out of the file: {err}"
    );
    assert!(
        err.to_string().starts_with(&format!("{source}:{line}: ")),
        "{err}"
    );
}

fn analyze(analyzer: &Analyzer, texts: &[&str]) {
    for text in texts {
        let analysis = analyzer
            .analyze(text)
            .expect("a small text is never refused");
        check::check(text, &analysis);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (lexicon, rules) = text.split_once('\0').unwrap_or((text, text));
    let texts = [SENTENCE, lexicon, rules];

    let files = [("f.tsv", lexicon), ("r.tsv", rules)];
    let builders = [
        // Both files, nothing embedded.
        Analyzer::builder()
            .without_embedded()
            .lexicon("f.tsv", lexicon)
            .rules("r.tsv", rules),
        // Each file alone, so that a valid one is exercised even when the other is not.
        Analyzer::builder()
            .without_embedded()
            .lexicon("f.tsv", lexicon),
        Analyzer::builder().without_embedded().rules("r.tsv", rules),
        // The lexicon with the embedded rule words, as the CLI's --lexicon and the page's
        // custom lexicon use it (without the embedded lexicons, too slow to build each time).
        Analyzer::builder()
            .without_embedded()
            .lexicon("f.tsv", lexicon)
            .rules("rules.tsv", RULES),
    ];
    for builder in builders {
        match builder.build() {
            Ok(analyzer) => analyze(&analyzer, &texts),
            Err(err) => check_error(&err, &files),
        }
    }
});
