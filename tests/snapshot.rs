//! An analyzer saved as bytes (`Analyzer::to_bytes`) and read back
//! (`AnalyzerBuilder::load`): the same analyses as the analyzer built, and a clear refusal
//! of bytes made with other options or damaged: tables with negative rows.

use surligneur::{Analyzer, AnalyzerBuilder, Category};

const FIXTURE: &str = include_str!("fixtures/lexicon.tsv");
const RULES: &str = include_str!("../lexicons/rules.tsv");

/// Texts with spans of every kind: expressions, stems, contexts that silence, negation,
/// hearsay and hypotheses that silence it, accent twins, emphasis, emoji; and texts with
/// none.
const TEXTS: &[&str] = &[
    "Les milices sont prêtes à défendre la patrie contre l’intervention militaire.",
    "Le régime alimentaire du régime syrien n’est pas un massacre : il serait orchestré.",
    "Une catastrophe SANS PRÉCÉDENT !!! Les « experts » auraient menti, selon certains.",
    "La peine de mort, un toit bombé et une bombe ; ils ont été vaincus 🇫🇷 au combat.",
    "Ce n’est pas du tout scandaleux, mais plutôt très inquiétant.",
    "",
    "Un texte neutre, sans rien à signaler.",
    "S’il avait su, il aurait refusé. Sans l’aide, elle serait tombée. Il aurait fui.",
];

/// The builders compared, by name.
fn builders() -> Vec<(&'static str, AnalyzerBuilder)> {
    vec![
        ("embedded", Analyzer::builder()),
        (
            "fixture with the embedded rules",
            Analyzer::builder()
                .without_embedded()
                .lexicon("fixture.tsv", FIXTURE)
                .rules("rules.tsv", RULES),
        ),
        (
            "embedded, an extra lexicon, some categories, a threshold",
            Analyzer::builder()
                .lexicon("perso.tsv", "massacre\tfear\t3\t-3\tn\n")
                .categories([Category::War, Category::Fear, Category::Unsourced])
                .min_weight(1.0),
        ),
        (
            "war.tsv replaced",
            Analyzer::builder().lexicon("war.tsv", "milice\twar\t2\t-1\tn\n"),
        ),
        ("nothing at all", Analyzer::builder().without_embedded()),
    ]
}

fn json(analyzer: &Analyzer, text: &str) -> String {
    serde_json::to_string(&analyzer.analyze(text).expect("short text")).expect("serializable")
}

#[test]
fn a_loaded_analyzer_gives_the_same_analyses() {
    let mut spans = 0;
    for (name, builder) in builders() {
        let built = builder
            .clone()
            .build()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let bytes = built.to_bytes();
        let loaded = builder
            .load(&bytes)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(loaded.entries(), built.entries(), "{name}");
        assert_eq!(loaded.patterns(), built.patterns(), "{name}");
        assert!(
            loaded.to_bytes() == bytes,
            "{name}: saved again, other bytes"
        );
        for text in TEXTS {
            assert_eq!(json(&loaded, text), json(&built, text), "{name}: {text}");
            spans += built.analyze(text).expect("short text").spans.len();
        }
    }
    assert!(spans > 20, "the texts have spans to compare ({spans})");
}

#[test]
fn bytes_made_with_other_options_are_refused() {
    let bytes = Analyzer::builder()
        .lexicon("perso.tsv", "massacre\tfear\t3\t-3\tn\n")
        .build()
        .expect("valid")
        .to_bytes();
    let same = Analyzer::builder().lexicon("perso.tsv", "massacre\tfear\t3\t-3\tn\n");
    let rows: Vec<(&str, AnalyzerBuilder, bool)> = vec![
        ("the same options", same.clone(), true),
        (
            "another lexicon text",
            Analyzer::builder().lexicon("perso.tsv", "massacre\tfear\t2\t-3\tn\n"),
            false,
        ),
        (
            "another lexicon name",
            Analyzer::builder().lexicon("autre.tsv", "massacre\tfear\t3\t-3\tn\n"),
            false,
        ),
        ("no extra lexicon", Analyzer::builder(), false),
        ("a threshold", same.clone().min_weight(0.5), false),
        (
            "some categories",
            same.clone().categories([Category::War]),
            false,
        ),
        (
            "no embedded lexicon",
            same.clone().without_embedded(),
            false,
        ),
        (
            "other rules",
            same.clone()
                .rules("perso-règles.tsv", "booster\tvraiment\t1.5\n"),
            false,
        ),
    ];
    for (name, builder, accepted) in rows {
        match builder.load(&bytes) {
            Ok(_) => assert!(accepted, "{name}: loaded"),
            Err(e) => {
                assert!(!accepted, "{name}: {e}");
                assert_eq!(
                    e.to_string(),
                    "instantané refusé : fait par une autre version ou avec d’autres lexiques ou options",
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn damaged_bytes_are_refused_without_panic() {
    let builder = || {
        Analyzer::builder()
            .without_embedded()
            .lexicon("fixture.tsv", FIXTURE)
            .rules("rules.tsv", RULES)
    };
    let bytes = builder().build().expect("valid").to_bytes();
    let flipped = |at: usize| {
        let mut b = bytes.clone();
        b[at] ^= 0x5A;
        b
    };
    let mut rows: Vec<(String, Vec<u8>, &str)> = vec![
        (
            "empty".into(),
            vec![],
            "pas un instantané de Surligneur (trop court)",
        ),
        (
            "text".into(),
            b"massacre\tfear\t3\t-3\tn\n".to_vec(),
            "pas un instantané de Surligneur",
        ),
        (
            "the magic only".into(),
            bytes[..8].to_vec(),
            "données abîmées (tronqué)",
        ),
        (
            "magic changed".into(),
            flipped(3),
            "pas un instantané de Surligneur",
        ),
        (
            "fingerprint changed".into(),
            flipped(12),
            "fait par une autre version ou avec d’autres lexiques ou options",
        ),
        (
            "checksum changed".into(),
            flipped(20),
            "données abîmées (somme de contrôle)",
        ),
        (
            "a byte added".into(),
            [bytes.as_slice(), &[0]].concat(),
            "données abîmées (somme de contrôle)",
        ),
    ];
    // Every byte after the header flipped, and the bytes cut anywhere: the checksum
    // tells (a sample, to stay quick).
    for at in (24..bytes.len()).step_by(97) {
        rows.push((
            format!("byte {at} flipped"),
            flipped(at),
            "données abîmées (somme de contrôle)",
        ));
        rows.push((
            format!("cut at {at}"),
            bytes[..at].to_vec(),
            "données abîmées (somme de contrôle)",
        ));
    }
    assert!(rows.len() > 50, "{} rows", rows.len());
    for (name, damaged, message) in rows {
        let e = builder()
            .load(&damaged)
            .err()
            .unwrap_or_else(|| panic!("{name}: loaded"));
        assert_eq!(
            e.to_string(),
            format!("instantané refusé : {message}"),
            "{name}"
        );
    }
    assert!(builder().load(&bytes).is_ok(), "the bytes themselves load");
}

#[test]
fn bad_options_are_refused_before_the_bytes_are_read() {
    let bytes = Analyzer::new().to_bytes();
    let e = Analyzer::builder()
        .min_weight(-1.0)
        .load(&bytes)
        .expect_err("refused");
    assert!(e.to_string().contains("poids minimum"), "{e}");
}
