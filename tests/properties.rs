//! Properties that hold for any text: no panic, spans sorted and disjoint, offsets on
//! character boundaries in both UTF-8 and UTF-16, scores in range.
//! Large and hostile texts (huge lines, marks, emoji, the size limit, timing) are in
//! `tests/hostile.rs`.

mod invariants;

use proptest::prelude::*;
use surligneur::Analyzer;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    ANALYZER.get_or_init(|| {
        Analyzer::builder()
            .lexicon("fixture.tsv", include_str!("fixtures/lexicon.tsv"))
            .build()
            .unwrap()
    })
}

fn check(text: &str) {
    invariants::check(text, &analyzer().analyze(text).unwrap());
}

/// Pieces of French text and of what breaks naive code, glued at random.
fn french() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "guerre",
        "GUERRE",
        "milices",
        "intervention",
        "militaire",
        "coup",
        "d’",
        "d'",
        "État",
        "E\u{301}tat",
        "sans",
        "précédent",
        "ne",
        "pas",
        "n’a",
        "très",
        "mais",
        "aurait",
        "menti",
        "régime",
        "alimentaire",
        "va-t-en-guerre",
        // A domain word and entries it silences, in its sentence or around it.
        "match",
        "attaque",
        "héros",
        "\n",
        "«",
        "»",
        "!",
        "!!!",
        "?",
        ".",
        "…",
        "M.",
        " ",
        "\u{A0}",
        "\u{202F}",
        "\r\n",
        "\n\n",
        "-",
        "'",
        "’",
        "🔥",
        "👨‍👩‍👧",
        "\u{301}",
        "\u{200D}",
        "\u{0}",
        "\u{FFFD}",
        "2",
        "000",
        "é",
        "Œ",
        "ß",
        "İ",
        "ǅ",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn any_string(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn french_like_strings(text in french()) {
        check(&text);
    }
}
