//! Hostile input through the public API: huge lines, no spaces, one word a million times,
//! combining marks, emoji, control characters, the size limit, and the time and output
//! size that grow with the text, which must stay linear.
//!
//! The tests take a lock so that none runs beside another: the timings stay meaningful
//! on a loaded two-core machine.

mod invariants;

use std::sync::Mutex;
use std::time::{Duration, Instant};
use surligneur::{Analysis, Category, ModifierKind, MAX_TEXT_BYTES};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

const MB: usize = 1 << 20;

/// `unit` repeated until the text is at least `len` bytes, and how many times.
fn repeat(unit: &str, len: usize) -> (String, usize) {
    let n = len.div_ceil(unit.len());
    (unit.repeat(n), n)
}

/// Bytes of text the analysis carries: what a JSON answer grows with.
fn output_bytes(a: &Analysis) -> usize {
    a.spans
        .iter()
        .map(|s| {
            s.text.len()
                + s.term.len()
                + s.explanation.len()
                + s.alternative.as_ref().map_or(0, String::len)
                + s.modifiers.iter().map(|m| m.cue.len()).sum::<usize>()
        })
        .sum()
}

/// The invariants of any analysis, and an output that grows linearly with the text.
fn check(text: &str, a: &Analysis) {
    invariants::check(text, a);
    // A span of a few bytes has an explanation of a hundred or so: a hundred times the
    // text is far more than that, far less than a cue copied into every span.
    let out = output_bytes(a);
    assert!(
        out <= 100 * text.len() + 4096,
        "{out} bytes of output for {} bytes of text",
        text.len()
    );
}

fn count(a: &Analysis, text: &str) -> usize {
    a.spans.iter().filter(|s| s.text == text).count()
}

type Expect = fn(&Analysis, usize);

/// (name, text, repetitions of its unit, what the analysis must say).
fn rows() -> Vec<(&'static str, String, usize, Expect)> {
    let nothing: Expect = |a, _| assert!(a.spans.is_empty(), "{:?}", a.spans.first());
    let no_word: Expect = |a, _| {
        assert!(
            a.spans.is_empty() && a.summary.words == 0,
            "{:?}",
            a.summary
        )
    };
    let line =
        "Les milices ont déclenché la guerre, une catastrophe sans précédent pour la patrie ; ";
    let emoji = "👨\u{200D}👩\u{200D}👧\u{200D}👦🏳\u{FE0F}\u{200D}🌈🔥👍🏽 la guerre 🧑🏽\u{200D}🚒 ";
    let (long_line, lines) = repeat(line, 10 * MB);
    let (guerres, guerre_count) = repeat("guerre ", MB);
    let (emojis, emoji_count) = repeat(emoji, MB);
    let (dense, dense_count) = repeat("guerre ", 28 << 10);
    let (contrasted, contrasted_count) = repeat(" guerre", 28 << 10);
    vec![
        ("empty", String::new(), 1, no_word),
        ("10 MB on one line", long_line, lines, |a, n| {
            assert_eq!((count(a, "guerre"), count(a, "milices")), (n, n));
            assert_eq!(count(a, "sans précédent"), n);
        }),
        ("1 MB without spaces", "x".repeat(MB), 1, |a, _| {
            assert!(a.spans.is_empty() && a.summary.words >= 1);
        }),
        (
            "1 MB of one word glued to itself",
            repeat("guerre", MB).0,
            1,
            nothing,
        ),
        (
            "1 MB of accented letters without spaces",
            "é".repeat(MB / 2),
            1,
            nothing,
        ),
        ("1 MB of \"guerre \"", guerres, guerre_count, |a, n| {
            assert_eq!(
                (a.spans.len(), count(a, "guerre"), a.summary.words),
                (n, n, n)
            );
            assert!(a.spans.iter().all(|s| s.category == Category::War));
            let repeated = |i: usize| {
                a.spans[i]
                    .modifiers
                    .iter()
                    .any(|m| m.kind == ModifierKind::Repetition)
            };
            assert!(!repeated(0) && (1..n).all(repeated));
        }),
        (
            "a letter and 200,000 combining marks",
            format!("a{}", "\u{301}".repeat(200_000)),
            1,
            |a, _| {
                assert!(
                    a.spans.is_empty() && a.summary.words == 1,
                    "{:?}",
                    a.summary
                );
            },
        ),
        (
            "a term and 200,000 combining marks",
            // Grave accents: an acute one on the last `e` would make « guerré », another word.
            format!("guerre{}", "\u{300}".repeat(200_000)),
            1,
            |a, _| {
                assert_eq!(a.spans.len(), 1, "{:?}", a.spans);
                let span = &a.spans[0];
                assert!(
                    span.bytes.start == 0 && span.text.starts_with("guerre"),
                    "{span:?}"
                );
                assert!(span.text["guerre".len()..].chars().all(|c| c == '\u{300}'));
            },
        ),
        (
            "50,000 combining marks alone",
            "\u{301}".repeat(50_000),
            1,
            no_word,
        ),
        (
            "1 MB of emoji and ZWJ sequences",
            emojis,
            emoji_count,
            |a, n| {
                assert_eq!((a.spans.len(), count(a, "guerre")), (n, n));
            },
        ),
        ("100,000 emoji alone", "🔥".repeat(100_000), 1, nothing),
        (
            "NUL and controls between words",
            "\0la\0guerre\u{1}\u{7}la\u{7F}patrie\u{9F}\u{1B}[0m\0".into(),
            1,
            |a, _| {
                let texts: Vec<&str> = a.spans.iter().map(|s| s.text.as_str()).collect();
                assert_eq!(texts, ["guerre", "patrie"]);
                assert_eq!(a.summary.words, 5);
            },
        ),
        (
            "NUL and controls only",
            "\0\u{1}\u{7F}\u{9F}".repeat(10_000),
            1,
            no_word,
        ),
        ("spaces only", " \u{A0}\t\r\n".repeat(10_000), 1, no_word),
        ("exclamation marks", "!".repeat(100_000), 1, no_word),
        ("dots and spaces", ". ".repeat(100_000), 1, no_word),
        ("elisions", "n’".repeat(50_000), 1, nothing),
        ("hyphens", "-".repeat(50_000), 1, no_word),
        ("opening quotes", "« ".repeat(50_000), 1, no_word),
        // One sentence in one 64 KiB piece, so one cue for all its spans: the cue must not
        // be copied whole into every span (hundreds of MB of output).
        (
            "many spans in a sentence ending in 28,672 !",
            dense + &"!".repeat(28 << 10),
            dense_count,
            |a, n| assert_eq!(a.spans.len(), n),
        ),
        (
            "a contrast word with 14,336 combining marks before many spans",
            format!("mais{}{contrasted}.", "\u{301}".repeat(14 << 10)),
            contrasted_count,
            |a, n| assert_eq!(a.spans.len(), n),
        ),
    ]
}

#[test]
fn hostile_texts_are_analyzed_and_keep_every_invariant() {
    let _serial = serial();
    let start = Instant::now();
    let mut failures = Vec::new();
    for (name, text, n, expect) in rows() {
        let t = Instant::now();
        // Every row runs, and the failures are told together.
        let outcome = std::panic::catch_unwind(|| {
            let analysis = surligneur::analyze(&text).unwrap_or_else(|e| panic!("{e}"));
            check(&text, &analysis);
            expect(&analysis, n);
        });
        eprintln!("{name}: {} bytes in {:?}", text.len(), t.elapsed());
        if let Err(e) = outcome {
            let why = e
                .downcast_ref::<String>()
                .map(String::as_str)
                .or(e.downcast_ref::<&str>().copied());
            failures.push(format!("{name}: {}", why.unwrap_or("panicked")));
        }
    }
    eprintln!("all rows in {:?}", start.elapsed());
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn text_size_limit_is_exact() {
    let _serial = serial();
    // One allocation for both sizes: 256 MiB of spaces, then one byte more.
    let mut text = String::with_capacity(MAX_TEXT_BYTES + 1);
    text.extend(std::iter::repeat_n(' ', MAX_TEXT_BYTES));
    let analysis =
        surligneur::analyze(&text).expect("a text of exactly MAX_TEXT_BYTES is analyzed");
    assert_eq!((analysis.spans.len(), analysis.summary.words), (0, 0));
    text.push(' ');
    let err = surligneur::analyze(&text).expect_err("one byte more is refused");
    let message = err.to_string();
    assert!(message.starts_with("texte trop long"), "{message}");
    assert!(
        message.contains(&(MAX_TEXT_BYTES + 1).to_string()),
        "{message}"
    );
    assert!(message.contains(&MAX_TEXT_BYTES.to_string()), "{message}");
    assert_eq!(err.location(), None);
}

/// Makes a text of about `n` bytes.
type Make = fn(usize) -> String;

/// How long analyzing `text` `reps` times takes.
fn time(text: &str, reps: u32) -> Duration {
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(surligneur::analyze(std::hint::black_box(text)).unwrap());
    }
    t.elapsed()
}

#[test]
fn time_grows_linearly_on_pathological_texts() {
    let _serial = serial();
    // Sizes below the 64 KiB pieces the engine analyzes a text in: past them, cutting
    // the text would hide work that grows faster than the text within one piece.
    const N: usize = 4 << 10;
    // (name, text of about n bytes)
    let table: &[(&str, Make)] = &[
        ("no spaces", |n| "x".repeat(n)),
        ("combining marks", |n| {
            format!("a{}", "\u{301}".repeat(n / 2))
        }),
        ("exclamation marks", |n| "!".repeat(n)),
        ("elisions", |n| "n'".repeat(n / 2)),
        ("opening quotes", |n| "« ".repeat(n / 3)),
        ("one word", |n| repeat("guerre ", n).0),
        ("contrasts", |n| repeat("mais guerre ", n).0),
        ("boosters and negations", |n| {
            repeat("ne combat pas très guerre ", n).0
        }),
        ("negators far from their ne", |n| {
            repeat("ne a b c d e rien guerre ", n).0
        }),
        ("spans then exclamation marks", |n| {
            repeat("guerre ", n / 2).0 + &"!".repeat(n / 2)
        }),
        ("hearsay", |n| repeat("aurait attaqué ", n).0),
        ("subjects of a fronted negator", |n| {
            format!("Jamais la {}", repeat("guerre n'", n).0)
        }),
    ];
    surligneur::analyze("échauffement").unwrap();
    let mut failures = Vec::new();
    for (name, make) in table {
        let (small, large) = (make(N), make(4 * N));
        // Enough repetitions for the small text to take 5 ms: timer noise stays small.
        let once = time(&small, 1).max(Duration::from_micros(1));
        let reps = (Duration::from_millis(5).as_nanos() / once.as_nanos()).clamp(1, 5000) as u32;
        // The fastest of up to five rounds each, small and large in turn so that a busy
        // machine slows both alike. A clear pass stops at once, and so does a failure by
        // far after two rounds (a cubic one would take seconds a round).
        let (mut t_small, mut t_large) = (Duration::MAX, Duration::MAX);
        let mut ratio = f64::INFINITY;
        for round in 0..5 {
            t_small = t_small.min(time(&small, reps));
            t_large = t_large.min(time(&large, reps));
            ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
            if ratio < 12.0 || (round >= 1 && ratio >= 36.0) {
                break;
            }
        }
        eprintln!(
            "{name}: {} → {} bytes, {ratio:.1}× the time ({t_small:?} for {reps} runs)",
            small.len(),
            large.len()
        );
        if ratio >= 12.0 {
            failures.push(format!("{name}: 4× the text took {ratio:.1}× the time"));
        }
    }
    assert!(failures.is_empty(), "not linear: {failures:#?}");
}

#[test]
fn hostile_lexicons_keep_spans_disjoint() {
    let _serial = serial();
    // (lexicon, rule words, text): a user's files may make one word two things at once, or
    // a rule word of punctuation.
    let table: &[(&str, &str, &str)] = &[
        // A term that is also a hearsay auxiliary of the embedded rules.
        (
            "aurait\tunsourced\t1\t0\n",
            "",
            "Selon lui, le régime aurait menti sur la guerre.",
        ),
        // A hearsay auxiliary that is also an embedded term.
        (
            "",
            "hearsay\tguerre\t1.2\nparticiple\tdéclarée\n",
            "La guerre déclarée hier.",
        ),
        // A term that is also a negator and a contrast word.
        (
            "pas|mais\tloaded\t1\t0\n",
            "",
            "Pas la guerre, mais la patrie !",
        ),
        // A hearsay auxiliary across a sentence's end (found by the `lexicon` fuzz target:
        // its reach ended before it started).
        ("", "hearsay\taur!it\t1.2\n", "Il aur!it menti. Puis rien."),
    ];
    let mut failures = Vec::new();
    for (lexicon, rules, text) in table {
        let mut builder = surligneur::Analyzer::builder().lexicon("perso.tsv", lexicon);
        if !rules.is_empty() {
            builder = builder.rules("perso-rules.tsv", rules);
        }
        let analyzer = builder
            .build()
            .unwrap_or_else(|e| panic!("{lexicon:?} {rules:?}: {e}"));
        let analysis = analyzer.analyze(text).unwrap();
        let spans: Vec<_> = analysis
            .spans
            .iter()
            .map(|s| (s.bytes.clone(), &s.term))
            .collect();
        if spans.windows(2).any(|w| w[0].0.end > w[1].0.start) {
            failures.push(format!(
                "{lexicon:?} {rules:?} on {text:?}: overlapping spans {spans:?}"
            ));
        } else {
            check(text, &analysis);
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
