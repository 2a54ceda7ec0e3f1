//! The invariants every analysis keeps, whatever the text: shared by the property and
//! hostile-input tests and by the fuzz targets (`fuzz/fuzz_targets/*.rs`).

use surligneur::Analysis;

/// Panics if `analysis` (of `text`) breaks a promise of the `Analysis` contract.
pub fn check(text: &str, analysis: &Analysis) {
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let mut last_bytes = 0;
    let mut last_units = 0;
    for span in &analysis.spans {
        let b = &span.bytes;
        assert!(
            b.start < b.end && b.end <= text.len(),
            "empty or out of bounds: {span:?}"
        );
        assert!(
            b.start >= last_bytes,
            "spans unsorted or overlapping at {span:?}"
        );
        assert!(
            text.is_char_boundary(b.start) && text.is_char_boundary(b.end),
            "not on a char boundary: {span:?}"
        );
        assert_eq!(
            &text[b.clone()],
            span.text,
            "bytes do not give the span's text"
        );
        last_bytes = b.end;

        assert!(
            span.start < span.end && span.end <= utf16.len(),
            "UTF-16 offsets out of bounds: {span:?}"
        );
        assert!(
            span.start >= last_units,
            "UTF-16 offsets unsorted or overlapping at {span:?}"
        );
        assert_eq!(
            String::from_utf16(&utf16[span.start..span.end])
                .ok()
                .as_deref(),
            Some(span.text.as_str())
        );
        last_units = span.end;

        assert!(
            span.weight.is_finite() && span.weight > 0.0,
            "weight {}",
            span.weight
        );
        assert!(
            (-4.0..=4.0).contains(&span.valence),
            "valence {}",
            span.valence
        );
        for m in &span.modifiers {
            assert!(m.factor.is_finite(), "modifier factor {m:?}");
        }
    }
    let s = &analysis.summary;
    assert!((0.0..=100.0).contains(&s.charge), "charge {}", s.charge);
    assert!(
        (-1.0..=1.0).contains(&s.polarity),
        "polarity {}",
        s.polarity
    );
    assert_eq!(
        s.categories.values().map(|c| c.count).sum::<usize>(),
        analysis.spans.len()
    );
    let mut last = 0;
    for sentence in &analysis.sentences {
        assert!(
            sentence.start >= last && sentence.start <= sentence.end && sentence.end <= utf16.len(),
            "sentence {sentence:?}"
        );
        assert!(
            String::from_utf16(&utf16[sentence.start..sentence.end]).is_ok(),
            "sentence splits a surrogate pair"
        );
        assert!(
            (0.0..=100.0).contains(&sentence.charge) && (-1.0..=1.0).contains(&sentence.polarity),
            "sentence {sentence:?}"
        );
        last = sentence.end;
    }
    assert_eq!(
        analysis.sentences.iter().map(|s| s.words).sum::<usize>(),
        s.words
    );
}
