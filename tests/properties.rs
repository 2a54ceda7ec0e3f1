//! Properties that hold for any text: no panic, spans sorted and disjoint, offsets on
//! character boundaries in both UTF-8 and UTF-16, scores in range.
//! Large and hostile texts (huge lines, marks, emoji, the size limit, timing) are in
//! `tests/hostile.rs`.

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
    let analysis = analyzer().analyze(text).unwrap();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let mut last_end = 0;
    for span in &analysis.spans {
        assert!(span.start < span.end && span.end <= utf16.len(), "{span:?}");
        assert!(span.start >= last_end, "overlap or disorder at {span:?}");
        last_end = span.end;
        assert!(text.is_char_boundary(span.bytes.start) && text.is_char_boundary(span.bytes.end));
        assert_eq!(&text[span.bytes.clone()], span.text);
        assert_eq!(
            String::from_utf16(&utf16[span.start..span.end]).unwrap(),
            span.text
        );
        assert!(span.weight > 0.0 && span.weight.is_finite());
        assert!((-4.0..=4.0).contains(&span.valence));
    }
    let s = &analysis.summary;
    assert!((0.0..=100.0).contains(&s.charge) && (-1.0..=1.0).contains(&s.polarity));
    let mut last = 0;
    for sentence in &analysis.sentences {
        assert!(
            sentence.start >= last && sentence.start <= sentence.end && sentence.end <= utf16.len()
        );
        assert!(String::from_utf16(&utf16[sentence.start..sentence.end]).is_ok());
        last = sentence.end;
    }
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
