//! Scores: how loaded a text is and which way its sentiment leans.
//!
//! - `charge` = 100 × (1 − e^(−d / 10)), where d is the weight of the rhetoric spans (all
//!   categories but `sentiment`) per 100 words, counting at least 10 words. It is 0 with
//!   no rhetoric, rises with every span's weight, and nears 100 as rhetoric saturates the
//!   text: one span of weight 1 every 10 words gives 63.
//! - `polarity` of a sentence = s / √(s² + 15), where s is the sum of the valences of its
//!   spans and of its mild sentiment words (not shown as spans): VADER's normalization,
//!   −1…1. A text's is the mean of its sentences', each counting for its words.

use crate::analysis::{Category, CategoryStats, Sentence, Span};
use std::collections::BTreeMap;

/// Counting fewer words than this would let one word make a text fully loaded.
const MIN_WORDS: f64 = 10.0;
/// Rhetoric weight per 100 words at which the charge reaches 63 (1 − 1/e).
const SCALE: f64 = 10.0;
/// VADER's normalization constant.
const ALPHA: f64 = 15.0;

/// Rounds a figure for output: three decimals are more than enough for a reader.
pub(crate) fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A figure for a sentence that a reader sees, to three decimals like [`round`]: `1.15`,
/// `0.5`, `-4`, `1e300`. Not `f64`'s `Display`, whose shortest-digits code (`flt2dec`, 18 KB
/// of wasm) the download carried for factors and bounds that have two decimals at most.
pub(crate) fn decimal(x: f64) -> String {
    if !x.is_finite() {
        return (if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "inf"
        } else {
            "-inf"
        })
        .into();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let (mut y, mut exponent) = (x.abs(), 0);
    // Past what a u64 of thousandths holds, a power of ten; only a message shows such.
    if y >= 1e15 {
        while y >= 10.0 {
            y /= 10.0;
            exponent += 1;
        }
    }
    let thousandths = (y * 1000.0).round() as u64;
    if thousandths == 0 {
        return "0".into();
    }
    let (units, rest) = (thousandths / 1000, thousandths % 1000);
    let mut out = format!("{sign}{units}");
    if rest != 0 {
        out.push_str(format!(".{rest:03}").trim_end_matches('0'));
    }
    if exponent > 0 {
        out.push_str(&format!("e{exponent}"));
    }
    out
}

/// The charge of spans over `words` words, 0–100.
pub(crate) fn charge<'a>(spans: impl IntoIterator<Item = &'a Span>, words: usize) -> f64 {
    let weight: f64 = spans
        .into_iter()
        .filter(|s| s.category.is_rhetoric())
        .map(|s| s.weight)
        .sum();
    // No rhetoric, as in most sentences: 0 without an `exp`.
    if weight == 0.0 {
        return 0.0;
    }
    let density = 100.0 * weight / (words as f64).max(MIN_WORDS);
    round(100.0 * (1.0 - (-density / SCALE).exp()))
}

/// The polarity of a sentence: of its spans and of `mild`, the valence of its mild
/// sentiment words, −1…1.
pub(crate) fn polarity<'a>(spans: impl IntoIterator<Item = &'a Span>, mild: f64) -> f64 {
    let s: f64 = mild + spans.into_iter().map(|s| s.valence).sum::<f64>();
    if s == 0.0 {
        return 0.0;
    }
    round((s / (s * s + ALPHA).sqrt()).clamp(-1.0, 1.0))
}

/// The polarity of a text of `words` words: its sentences' polarities, each counting for
/// its words. Not VADER's normalization of the whole text's valences, which reaches ±1
/// past a few paragraphs whatever their tone.
pub(crate) fn text_polarity(sentences: &[Sentence], words: usize) -> f64 {
    if words == 0 {
        return 0.0;
    }
    let sum: f64 = sentences.iter().map(|s| s.polarity * s.words as f64).sum();
    round(sum / words as f64)
}

/// Count and weight per category, every category present.
pub(crate) fn categories(spans: &[Span]) -> BTreeMap<Category, CategoryStats> {
    let mut stats: BTreeMap<Category, CategoryStats> = Category::ALL
        .into_iter()
        .map(|c| (c, CategoryStats::default()))
        .collect();
    for span in spans {
        let s = stats.entry(span.category).or_default();
        s.count += 1;
        s.weight += span.weight;
    }
    for s in stats.values_mut() {
        s.weight = round(s.weight);
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(category: Category, weight: f64, valence: f64) -> Span {
        Span {
            start: 0,
            end: 0,
            text: String::new(),
            category,
            term: String::new(),
            weight,
            valence,
            negated: false,
            modifiers: vec![],
            explanation: String::new(),
            alternative: None,
            bytes: 0..0,
        }
    }

    #[test]
    fn decimals_are_written_as_display_writes_them_to_three_places() {
        let table: &[(f64, &str)] = &[
            (1.15, "1.15"),
            (0.5, "0.5"),
            (2.0, "2"),
            (10.0, "10"),
            (0.01, "0.01"),
            (-4.0, "-4"),
            (-0.74, "-0.74"),
            (1.3225, "1.323"),
            (123456.0, "123456"),
            (1e300, "1e300"),
            (-2.5e20, "-2.5e20"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            // Negative rows: nothing below a thousandth, no negative zero.
            (0.0004, "0"),
            (-0.0, "0"),
            (-0.0004, "0"),
        ];
        for &(x, want) in table {
            assert_eq!(decimal(x), want, "{x}");
        }
        // Every factor a rule can have with up to two decimals, as `Display` writes it.
        for hundredths in 1..=1000 {
            let x = hundredths as f64 / 100.0;
            assert_eq!(decimal(x), x.to_string());
        }
    }

    #[test]
    fn charge_is_bounded_and_monotonic_in_weight() {
        let mut last = -1.0;
        for w in [0.0, 0.1, 0.5, 1.0, 2.0, 5.0, 20.0, 1000.0] {
            let c = charge(&[span(Category::War, w, 0.0)], 50);
            assert!((0.0..=100.0).contains(&c), "{w}: {c}");
            assert!(c >= last, "{w}: {c} < {last}");
            last = c;
        }
        let table: &[(&[Span], usize, f64)] = &[
            (&[], 100, 0.0),
            (&[], 0, 0.0),
            // Sentiment does not count as rhetoric.
            (&[span(Category::Sentiment, 3.0, 3.0)], 10, 0.0),
            (&[span(Category::War, 1.0, 0.0)], 10, 63.212),
            (&[span(Category::War, 1.0, 0.0)], 1, 63.212),
        ];
        for (spans, words, want) in table {
            assert_eq!(charge(spans.iter(), *words), *want);
        }
    }

    #[test]
    fn polarity_is_vader_normalized() {
        // Valences of spans, valence of mild words, polarity.
        let table: &[(&[f64], f64, f64)] = &[
            (&[], 0.0, 0.0),
            (&[1.0, -1.0], 0.0, 0.0),
            (&[3.0], 0.0, 0.612),
            (&[-3.0], 0.0, -0.612),
            (&[-4.0; 100], 0.0, -1.0),
            (&[], 3.0, 0.612),
            (&[1.5], 1.5, 0.612),
            (&[3.0], -3.0, 0.0),
        ];
        for (valences, mild, want) in table {
            let spans: Vec<Span> = valences
                .iter()
                .map(|v| span(Category::Sentiment, 1.0, *v))
                .collect();
            let got = polarity(&spans, *mild);
            assert!((got - want).abs() < 1e-3, "{valences:?} {mild}: {got}");
        }
    }

    #[test]
    fn a_text_has_the_mean_polarity_of_its_sentences_by_words() {
        // (words, polarity) of each sentence, the text's polarity.
        let table: &[(&[(usize, f64)], f64)] = &[
            (&[], 0.0),
            (&[(0, 0.0)], 0.0),
            (&[(5, 0.612)], 0.612),
            (&[(5, -0.9), (10, 0.0)], -0.3),
            (&[(10, 0.5), (10, -0.5)], 0.0),
            // A long text of mildly positive sentences stays mildly positive, where the
            // whole text's valences normalized at once would be about 1.
            (&[(20, 0.361); 500], 0.361),
            (&[(3, -1.0), (1, 1.0)], -0.5),
        ];
        for (sentences, want) in table {
            let sentences: Vec<Sentence> = sentences
                .iter()
                .map(|&(words, polarity)| Sentence {
                    start: 0,
                    end: 0,
                    words,
                    charge: 0.0,
                    polarity,
                })
                .collect();
            let words = sentences.iter().map(|s| s.words).sum();
            assert_eq!(text_polarity(&sentences, words), *want, "{sentences:?}");
        }
    }
}
