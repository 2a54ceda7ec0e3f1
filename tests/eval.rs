//! The lexicons measured on the evaluation set (`tests/eval/*.txt`, passages written by
//! the team with gold spans; see `tests/eval/README.md`): precision, recall and F1 per
//! category and overall, and how often `summary.charge` ranks a loaded passage above a
//! neutral one. Prints the table; fails if the figures drop below the floors.
//!
//!     cargo test --release --test eval -- --nocapture

use std::collections::{BTreeMap, HashSet};
use surligneur::{Analyzer, Category};

/// The goals of the evaluation (issue 3).
const GOAL_F1: f64 = 0.85;
const GOAL_CATEGORY_F1: f64 = 0.75;
const GOAL_RANKING: f64 = 0.95;

/// What the test enforces: the goal where it is met, else a floor just under the figure
/// measured when the floor was last raised (raise it as the lexicons improve, never lower
/// it), so that no change makes things worse. Measured 2026-11-24 after the fourth lexicon
/// pass: overall F1 0.802, weakest category 0.708 (flag_waving), ranking 100%; on the
/// spans whose text the guideline does not quote, 0.657 (0.578 before that pass).
const FLOOR_F1: f64 = 0.79;
const FLOOR_CATEGORY_F1: f64 = 0.70;
const FLOOR_RANKING: f64 = GOAL_RANKING;

const FILES: [(&str, &str); 4] = [
    ("news.txt", include_str!("eval/news.txt")),
    ("opinion.txt", include_str!("eval/opinion.txt")),
    ("speech.txt", include_str!("eval/speech.txt")),
    ("social.txt", include_str!("eval/social.txt")),
];

struct Passage {
    id: String,
    loaded: bool,
    text: String,
    /// Gold spans: byte range in `text` and category.
    gold: Vec<(std::ops::Range<usize>, Category)>,
}

/// Parses one file: `## ID loaded|neutral` headers, spans written `[[text|category]]`.
fn parse(name: &str, source: &str) -> Vec<Passage> {
    let mut passages: Vec<Passage> = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let at = format!("{name}:{}", n + 1);
        if let Some(header) = line.strip_prefix("## ") {
            let (id, kind) = header
                .split_once(' ')
                .unwrap_or_else(|| panic!("{at}: header needs an id and a kind"));
            assert!(matches!(kind, "loaded" | "neutral"), "{at}: kind '{kind}'");
            passages.push(Passage {
                id: id.to_string(),
                loaded: kind == "loaded",
                text: String::new(),
                gold: Vec::new(),
            });
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let passage = passages
            .last_mut()
            .unwrap_or_else(|| panic!("{at}: text before any header"));
        if !passage.text.is_empty() {
            passage.text.push('\n');
        }
        let mut rest = line;
        while let Some(open) = rest.find("[[") {
            passage.text.push_str(&rest[..open]);
            let close = rest[open..]
                .find("]]")
                .unwrap_or_else(|| panic!("{at}: unclosed [["))
                + open;
            let (span, category) = rest[open + 2..close]
                .rsplit_once('|')
                .unwrap_or_else(|| panic!("{at}: no |category"));
            let category = Category::from_id(category)
                .unwrap_or_else(|| panic!("{at}: category '{category}'"));
            let start = passage.text.len();
            passage.text.push_str(span);
            passage.gold.push((start..passage.text.len(), category));
            rest = &rest[close + 2..];
        }
        passage.text.push_str(rest);
    }
    passages
}

#[derive(Default, Clone, Copy)]
struct Counts {
    predicted: usize,
    predicted_right: usize,
    gold: usize,
    gold_found: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.predicted += other.predicted;
        self.predicted_right += other.predicted_right;
        self.gold += other.gold;
        self.gold_found += other.gold_found;
    }
    fn precision(&self) -> f64 {
        ratio(self.predicted_right, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Spans `predicted` against spans `gold`, matched by overlap.
fn counts_of(predicted: &[std::ops::Range<usize>], gold: &[std::ops::Range<usize>]) -> Counts {
    Counts {
        predicted: predicted.len(),
        predicted_right: predicted
            .iter()
            .filter(|s| gold.iter().any(|g| overlaps(s, g)))
            .count(),
        gold: gold.len(),
        gold_found: gold
            .iter()
            .filter(|g| predicted.iter().any(|s| overlaps(s, g)))
            .count(),
    }
}

/// The words and phrases the annotation guideline quotes, lowercased: its backquoted
/// examples and its list of traps. The fourth lexicon pass read the guideline (not the
/// passages), so spans of these texts are not unseen words; the figures without them
/// are the fairer estimate for unseen text.
fn quoted_in_guideline() -> HashSet<String> {
    let readme = include_str!("eval/README.md");
    let at = |heading: &str| {
        readme
            .find(heading)
            .unwrap_or_else(|| panic!("eval/README.md has no '{heading}'"))
    };
    let (guideline, traps, end) = (
        at("## Annotation guidelines"),
        at("## Traps in the neutral passages"),
        at("## Known limits"),
    );
    let normal = |s: &str| s.trim().to_lowercase().replace('’', "'");
    let mut quoted: HashSet<String> = readme[guideline..end]
        .split('`')
        .skip(1)
        .step_by(2)
        // `[[arme|war]]`: the text inside the markup.
        .map(|q| normal(q.split('|').next().unwrap_or(q).trim_start_matches("[[")))
        .collect();
    quoted.extend(
        readme[traps..end]
            .lines()
            .skip(1)
            .flat_map(|line| line.split(['/', ';', ',', '(', ')', '"', '«', '»']))
            .map(normal)
            .filter(|t| !t.is_empty()),
    );
    quoted
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[test]
fn evaluation_set() {
    let passages: Vec<Passage> = FILES
        .iter()
        .flat_map(|(name, text)| parse(name, text))
        .collect();
    let mut ids: Vec<&str> = passages.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), passages.len(), "passage ids are unique");
    assert!(passages.len() >= 150, "{} passages", passages.len());

    let analyzer = Analyzer::new();
    let mut counts: BTreeMap<Category, Counts> = Category::ALL
        .iter()
        .map(|c| (*c, Counts::default()))
        .collect();
    // Spans found whatever their category: a disputed category choice does not hide a
    // correct detection.
    let mut detection = Counts::default();
    // Spans whose text the guideline does not quote.
    let quoted = quoted_in_guideline();
    let unquoted = |text: &str| !quoted.contains(&text.to_lowercase().replace('’', "'"));
    let mut unseen = Counts::default();
    let (mut loaded, mut neutral) = (Vec::new(), Vec::new());
    let mut misses = Vec::new();
    for p in &passages {
        let analysis = analyzer.analyze(&p.text).unwrap();
        for category in Category::ALL {
            let predicted: Vec<_> = analysis
                .spans
                .iter()
                .filter(|s| s.category == category)
                .map(|s| s.bytes.clone())
                .collect();
            let gold: Vec<_> = p
                .gold
                .iter()
                .filter(|(_, c)| *c == category)
                .map(|(r, _)| r.clone())
                .collect();
            let c = counts_of(&predicted, &gold);
            for s in predicted
                .iter()
                .filter(|s| !gold.iter().any(|g| overlaps(s, g)))
            {
                misses.push(format!(
                    "  + {} {} «{}»",
                    p.id,
                    category.id(),
                    &p.text[s.clone()]
                ));
            }
            for g in gold
                .iter()
                .filter(|g| !predicted.iter().any(|s| overlaps(s, g)))
            {
                misses.push(format!(
                    "  - {} {} «{}»",
                    p.id,
                    category.id(),
                    &p.text[g.clone()]
                ));
            }
            counts.get_mut(&category).unwrap().add(c);
            let keep = |spans: &[std::ops::Range<usize>]| -> Vec<_> {
                spans
                    .iter()
                    .filter(|r| unquoted(&p.text[(*r).clone()]))
                    .cloned()
                    .collect()
            };
            unseen.add(counts_of(&keep(&predicted), &keep(&gold)));
        }
        let predicted: Vec<_> = analysis.spans.iter().map(|s| s.bytes.clone()).collect();
        let gold: Vec<_> = p.gold.iter().map(|(r, _)| r.clone()).collect();
        detection.add(counts_of(&predicted, &gold));
        if p.loaded { &mut loaded } else { &mut neutral }.push(analysis.summary.charge);
    }

    let mut total = Counts::default();
    println!(
        "\n{:<14} {:>5} {:>5} {:>9} {:>6} {:>6}",
        "category", "gold", "found", "precision", "recall", "F1"
    );
    for (category, c) in &counts {
        total.add(*c);
        println!(
            "{:<14} {:>5} {:>5} {:>9.3} {:>6.3} {:>6.3}",
            category.id(),
            c.gold,
            c.predicted,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    println!(
        "{:<14} {:>5} {:>5} {:>9.3} {:>6.3} {:>6.3}",
        "overall",
        total.gold,
        total.predicted,
        total.precision(),
        total.recall(),
        total.f1()
    );
    println!(
        "{:<14} {:>5} {:>5} {:>9.3} {:>6.3} {:>6.3}   (spans found, whatever their category)",
        "detection",
        detection.gold,
        detection.predicted,
        detection.precision(),
        detection.recall(),
        detection.f1()
    );
    println!(
        "{:<14} {:>5} {:>5} {:>9.3} {:>6.3} {:>6.3}   (spans whose text the guideline does not quote)",
        "unquoted",
        unseen.gold,
        unseen.predicted,
        unseen.precision(),
        unseen.recall(),
        unseen.f1()
    );
    let pairs = loaded.len() * neutral.len();
    let above: f64 = loaded
        .iter()
        .flat_map(|l| {
            neutral.iter().map(move |n| {
                if l > n {
                    1.0
                } else if l == n {
                    0.5
                } else {
                    0.0
                }
            })
        })
        .sum();
    let ranking = above / pairs as f64;
    println!(
        "charge ranks loaded above neutral in {:.1}% of {pairs} pairs ({} loaded, {} neutral passages)",
        100.0 * ranking,
        loaded.len(),
        neutral.len()
    );
    let weakest = counts.values().map(Counts::f1).fold(1.0, f64::min);
    let goal = |met: bool| if met { "met" } else { "NOT met" };
    println!(
        "goals: overall F1 ≥ {GOAL_F1} {}, every category ≥ {GOAL_CATEGORY_F1} {}, ranking ≥ {GOAL_RANKING} {}",
        goal(total.f1() >= GOAL_F1),
        goal(weakest >= GOAL_CATEGORY_F1),
        goal(ranking >= GOAL_RANKING)
    );
    if std::env::var_os("EVAL_MISSES").is_some() {
        println!(
            "spans found but not in the gold (+), gold spans missed (-):\n{}",
            misses.join("\n")
        );
    }

    assert!(
        total.f1() >= FLOOR_F1,
        "overall F1 {:.3} < {FLOOR_F1}",
        total.f1()
    );
    for (category, c) in &counts {
        assert!(
            c.f1() >= FLOOR_CATEGORY_F1,
            "{} F1 {:.3} < {FLOOR_CATEGORY_F1}",
            category.id(),
            c.f1()
        );
    }
    assert!(
        ranking >= FLOOR_RANKING,
        "ranking {ranking:.3} < {FLOOR_RANKING}"
    );
}

#[test]
fn the_parser_reads_the_format() {
    let passages = parse(
        "t",
        "## a-1 loaded\nLa [[guerre|war]] et la [[patrie|flag_waving]].\n\n## a-2 neutral\nRien.\n",
    );
    assert_eq!(passages.len(), 2);
    assert_eq!(passages[0].text, "La guerre et la patrie.");
    let gold: Vec<(&str, Category)> = passages[0]
        .gold
        .iter()
        .map(|(r, c)| (&passages[0].text[r.clone()], *c))
        .collect();
    assert_eq!(
        gold,
        [("guerre", Category::War), ("patrie", Category::FlagWaving)]
    );
    assert!(passages[0].loaded && !passages[1].loaded && passages[1].gold.is_empty());
}
