//! Inflection: the forms a lexicon entry matches, from its `forms` tag.
//!
//! It works on folded words (lowercase, no accents), which spares it most of French
//! spelling: `sème` and `semé` both fold to `seme`, `commençons` to `commencons`.
//!
//! ```text
//! n  milice        → milice, milices
//! a  scandaleux    → scandaleux, scandaleuse, scandaleuses
//! v  bombarder     → bombarde, bombardons, bombarderaient, bombardees, …
//! ```

use crate::lexicon::{cold, split_at};

/// How an entry's forms are produced (the lexicon's `forms` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Forms {
    /// `-`: the term as written.
    Exact,
    /// `n`: singular and plural.
    Noun,
    /// `a`: both genders, both numbers.
    Adjective,
    /// `v`: every tense and person of a regular `-er` or `-ir` verb.
    Verb,
}

impl Forms {
    pub fn parse(tag: &str) -> Option<Forms> {
        Some(match tag {
            "" | "-" => Forms::Exact,
            "n" => Forms::Noun,
            "a" => Forms::Adjective,
            "v" => Forms::Verb,
            _ => return None,
        })
    }
}

/// Whether a word is a little word an expression keeps as it is when its nouns and
/// adjectives inflect (a `match`: binary-searching a sorted list cost several times more).
fn is_little(word: &str) -> bool {
    matches!(
        word,
        "a" | "au"
            | "aux"
            | "avec"
            | "ce"
            | "contre"
            | "d'"
            | "dans"
            | "de"
            | "des"
            | "du"
            | "en"
            | "et"
            | "l'"
            | "la"
            | "le"
            | "les"
            | "n'"
            | "ne"
            | "ou"
            | "par"
            | "pas"
            | "plus"
            | "pour"
            | "qu'"
            | "que"
            | "s'"
            | "sans"
            | "se"
            | "sur"
            | "tres"
            | "un"
            | "une"
    )
}

/// The most forms one expression may expand to; past it, words are inflected no more.
const MAX_FORMS: usize = 512;

/// Folded word sequences to match, as a range of a string that holds every pattern: its
/// words separated by spaces, each word's variants by `|` (`"coup|coups d' etat"`),
/// standing for every combination; the last word is a stem (it matches any word starting
/// with it) if `stem`.
///
/// One string for all patterns, not lists of strings nor expanded forms: building the
/// lexicons allocated 289,000 times that way, the largest part of the start-up; nor a string
/// per pattern, whose allocating and freeing was most of a quarter of building. And a verb's
/// 40 forms in a three-word expression stay 40 variants, not 40 joined strings. Folded
/// words never contain a space or a `|`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pattern {
    start: u32,
    end: u32,
    pub stem: bool,
    /// How many word sequences it stands for (kept: counting them again in the text was
    /// 5 % of building).
    pub count: usize,
}

impl Pattern {
    /// The pattern written at the end of `patterns`, from `start` on.
    fn since(patterns: &str, start: usize, stem: bool, count: usize) -> Pattern {
        Pattern {
            start: start as u32,
            end: patterns.len() as u32,
            stem,
            count,
        }
    }

    /// Its text in `patterns`, the string it was written to.
    pub fn text<'a>(&self, patterns: &'a str) -> &'a str {
        &patterns[self.start as usize..self.end as usize]
    }

    /// How many word sequences `text` stands for.
    fn count(text: &str) -> usize {
        let (mut count, mut variants) = (1usize, 1usize);
        for b in text.bytes() {
            match b {
                b' ' => (count, variants) = (count.saturating_mul(variants), 1),
                b'|' => variants += 1,
                _ => {}
            }
        }
        count.saturating_mul(variants)
    }

    /// `text`, as it is, written at the end of `patterns`.
    pub fn exact(text: &str, patterns: &mut String) -> Pattern {
        let start = patterns.len();
        patterns.push_str(text);
        Pattern::since(patterns, start, false, 1)
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Every word sequence of a pattern's `text`, joined by spaces (`*` after a stem): for
/// tests.
#[cfg(test)]
pub(crate) fn expanded(text: &str, stem: bool) -> Vec<String> {
    let mut out = vec![String::new()];
    for variants in text.split(' ') {
        out = out
            .iter()
            .flat_map(|prefix| variants.split('|').map(move |v| format!("{prefix} {v}")))
            .collect();
    }
    let star = if stem { "*" } else { "" };
    out.iter()
        .map(|f| format!("{}{star}", f.trim_start()))
        .collect()
}

/// Appends a word's variants to a pattern's text, `|` between them.
struct Variants<'a> {
    text: &'a mut String,
    /// How many so far.
    count: usize,
}

impl Variants<'_> {
    /// Appends one variant, written in parts (a stem and an ending). Not inlined: its
    /// dozens of calls made `expand` three times as large for V8 to optimize.
    #[inline(never)]
    fn push(&mut self, parts: &[&str]) {
        if self.count > 0 {
            self.text.push('|');
        }
        self.count += 1;
        for part in parts {
            self.text.push_str(part);
        }
    }
}

/// The forms of a folded expression (`"coup d' etat"`), written at the end of `patterns`.
///
/// An error says why the tag does not apply (a verb that is not regular).
/// Not inlined (`Cargo.toml`): V8 optimizes it apart from `parse_entry`, both smaller.
#[inline(never)]
pub(crate) fn expand(folded: &str, forms: Forms, patterns: &mut String) -> Result<Pattern, String> {
    if forms == Forms::Exact {
        return Ok(Pattern::exact(folded, patterns));
    }
    let start = patterns.len();
    let mut count = 1usize;
    for (i, word) in split_at(folded, b' ').enumerate() {
        if i > 0 {
            patterns.push(' ');
        }
        let mut v = Variants {
            text: patterns,
            count: 0,
        };
        // Only nouns and adjectives ask whether a word is little.
        match forms {
            Forms::Noun | Forms::Adjective if keeps_its_form(word) => v.push(&[word]),
            Forms::Noun => noun(word, &mut v),
            Forms::Adjective => adjective(word, &mut v),
            Forms::Verb if i == 0 => verb(word, &mut v)?,
            _ => v.push(&[word]),
        }
        count = count.saturating_mul(v.count);
    }
    // A long expression of nouns (a reader's custom term) would make thousands of forms:
    // past the limit, its last inflected words keep only the form written.
    while count > MAX_FORMS {
        let text = &patterns[start..];
        let Some(at) = text.rfind('|') else {
            break;
        };
        let end = text[at..].find(' ').map_or(text.len(), |n| at + n);
        let begin = text[..at].rfind(' ').map_or(0, |n| n + 1);
        let first = text[begin..end].split('|').next().unwrap_or("").to_string();
        patterns.replace_range(start + begin..start + end, &first);
        count = Pattern::count(&patterns[start..]);
    }
    Ok(Pattern::since(patterns, start, false, count))
}

/// Little words, elided or compound parts and punctuation stay as they are.
fn keeps_its_form(word: &str) -> bool {
    is_little(word)
        || word.ends_with(['\'', '-'])
        || !word.starts_with(|c: char| c.is_alphanumeric())
}

fn noun(w: &str, v: &mut Variants) {
    v.push(&[w]);
    plurals(w, v);
}

fn plurals(w: &str, v: &mut Variants) {
    if w.ends_with(['s', 'x', 'z']) {
        return;
    }
    if let Some(stem) = w.strip_suffix("al").or_else(|| w.strip_suffix("ail")) {
        v.push(&[stem, "aux"]);
        v.push(&[w, "s"]);
    } else if w.ends_with("au") || w.ends_with("eu") || w.ends_with("ou") {
        v.push(&[w, "x"]);
        v.push(&[w, "s"]);
    } else {
        v.push(&[w, "s"]);
    }
}

fn adjective(w: &str, v: &mut Variants) {
    v.push(&[w]);
    plurals(w, v);
    // Every feminine ends in e: its plural adds s.
    let (stem, endings) = feminine(w);
    for e in endings {
        v.push(&[stem, e]);
        v.push(&[stem, e, "s"]);
    }
}

/// The feminine of an adjective, as a stem and the endings that replace its own.
fn feminine(w: &str) -> (&str, &'static [&'static str]) {
    if w.ends_with('e') {
        // Folded, "fatigué" and "rouge" both end in e: adding one more is right for the
        // first (fatiguée) and produces a form no text contains for the second.
        return (w, &["e"]);
    }
    const SWAPS: &[(&str, &[&str])] = &[
        ("eux", &["euse"]),
        ("teur", &["trice", "teuse"]),
        ("eur", &["euse", "eure"]),
        ("if", &["ive"]),
        ("el", &["elle"]),
        ("eil", &["eille"]),
        ("en", &["enne"]),
        ("on", &["onne"]),
        ("er", &["ere"]),
        ("et", &["ette", "ete"]),
        ("ou", &["olle", "oue"]),
        ("c", &["que", "che"]),
        ("x", &["se", "ce"]),
    ];
    SWAPS
        .iter()
        .find_map(|&(suffix, with)| Some((w.strip_suffix(suffix)?, with)))
        .unwrap_or((w, &["e"]))
}

const ER_ENDINGS: &[&str] = &[
    "er", "e", "es", "ent", "ons", "ez", "ais", "ait", "ions", "iez", "aient", "ai", "as", "a",
    "ames", "ates", "erent", "erai", "eras", "era", "erons", "erez", "eront", "erais", "erait",
    "erions", "eriez", "eraient", "asse", "asses", "at", "assions", "assiez", "assent", "ant",
    "ee", "ees",
];

const IR_ENDINGS: &[&str] = &[
    "ir", "is", "it", "issons", "issez", "issent", "issais", "issait", "issions", "issiez",
    "issaient", "imes", "ites", "irent", "irai", "iras", "ira", "irons", "irez", "iront", "irais",
    "irait", "irions", "iriez", "iraient", "isse", "isses", "issant", "i", "ie", "ies",
];

/// Verbs in -dre and -ttre (rendre, défendre, battre): the stem ends in d or tt.
const RE_ENDINGS: &[&str] = &[
    "re", "s", "", "ons", "ez", "ent", "ais", "ait", "ions", "iez", "aient", "is", "it", "imes",
    "ites", "irent", "rai", "ras", "ra", "rons", "rez", "ront", "rais", "rait", "rions", "riez",
    "raient", "e", "es", "isse", "isses", "issions", "issiez", "issent", "ant", "u", "ue", "us",
    "ues",
];

/// Not inlined (`Cargo.toml`): V8 optimizes `expand` and it apart, both smaller.
#[inline(never)]
fn verb(w: &str, v: &mut Variants) -> Result<(), String> {
    let (stem, endings) = if let Some(stem) = w.strip_suffix("er") {
        (stem, ER_ENDINGS)
    } else if let Some(stem) = w.strip_suffix("ir").filter(|s| !s.ends_with('o')) {
        (stem, IR_ENDINGS)
    } else if let Some(stem) = w
        .strip_suffix("re")
        .filter(|s| s.ends_with('d') || s.ends_with("tt"))
    {
        (stem, RE_ENDINGS)
    } else {
        return Err(cold(|| {
            format!(
                "« {w} » n’est pas un verbe régulier en -er, -ir, -dre ou -ttre : écrivez ses formes avec « | » ou un radical avec « * »"
            )
        }));
    };
    if stem.chars().count() < 2 {
        return Err(cold(|| {
            format!("« {w} » est trop court pour être conjugué")
        }));
    }
    // battre → je bats, il bat (not batts, batt).
    let single_t = stem
        .strip_suffix('t')
        .filter(|s| s.ends_with('t') && endings == RE_ENDINGS);
    for e in endings {
        if single_t.is_none() || !matches!(*e, "" | "s") {
            v.push(&[stem, e]);
        }
    }
    if let Some(single) = single_t {
        v.push(&[single, "s"]);
        v.push(&[single]);
    }
    if endings == ER_ENDINGS {
        // Spelling changes of regular verbs: manger → mangeons; employer → emploie;
        // jeter → jette, appeler → appelle (before a silent e).
        let silent_e = |e: &&str| e.starts_with('e') && !matches!(*e, "ez" | "er" | "ee" | "ees");
        if stem.ends_with('g') {
            for e in endings.iter().filter(|e| e.starts_with(['a', 'o'])) {
                v.push(&[stem, "e", e]);
            }
        }
        if let Some(s) = stem.strip_suffix('y') {
            for e in endings.iter().filter(|e| silent_e(e)) {
                v.push(&[s, "i", e]);
            }
        }
        if stem.ends_with("el") || stem.ends_with("et") {
            for e in endings.iter().filter(|e| silent_e(e)) {
                v.push(&[stem, &stem[stem.len() - 1..], e]);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{expand, expanded, Forms};

    fn forms(term: &str, tag: Forms) -> Vec<String> {
        let mut patterns = String::new();
        let pattern = expand(term, tag, &mut patterns).unwrap();
        expanded(pattern.text(&patterns), pattern.stem)
    }

    #[test]
    fn produces_the_forms_a_reader_writes() {
        let table: &[(&str, Forms, &[&str])] = &[
            ("milice", Forms::Noun, &["milice", "milices"]),
            ("general", Forms::Noun, &["general", "generaux"]),
            ("drapeau", Forms::Noun, &["drapeaux"]),
            ("obus", Forms::Noun, &["obus"]),
            (
                "scandaleux",
                Forms::Adjective,
                &["scandaleuse", "scandaleuses"],
            ),
            (
                "destructeur",
                Forms::Adjective,
                &["destructrice", "destructrices"],
            ),
            ("agressif", Forms::Adjective, &["agressive", "agressives"]),
            ("cruel", Forms::Adjective, &["cruelle", "cruelles"]),
            ("traitre", Forms::Adjective, &["traitre", "traitres"]),
            (
                "fatigue",
                Forms::Adjective,
                &["fatiguee", "fatiguees", "fatigues"],
            ),
            (
                "mensonger",
                Forms::Adjective,
                &["mensongere", "mensongeres"],
            ),
            ("complet", Forms::Adjective, &["complete", "complets"]),
            (
                "bombarder",
                Forms::Verb,
                &[
                    "bombarde",
                    "bombardons",
                    "bombarderaient",
                    "bombardees",
                    "bombardant",
                ],
            ),
            ("menacer", Forms::Verb, &["menacons", "menacait", "menace"]),
            (
                "ravager",
                Forms::Verb,
                &["ravageons", "ravageait", "ravage"],
            ),
            (
                "envahir",
                Forms::Verb,
                &["envahissent", "envahi", "envahies"],
            ),
            (
                "nettoyer",
                Forms::Verb,
                &["nettoie", "nettoieront", "nettoyons"],
            ),
            ("jeter", Forms::Verb, &["jette", "jetons"]),
            (
                "defendre",
                Forms::Verb,
                &["defends", "defend", "defendu", "defendrons", "defendue"],
            ),
            (
                "combattre",
                Forms::Verb,
                &["combats", "combat", "combattu", "combattons", "combattrait"],
            ),
            (
                "intervention militaire",
                Forms::Noun,
                &["intervention militaire", "interventions militaires"],
            ),
            (
                "coup d' etat",
                Forms::Noun,
                &["coups d' etat", "coup d' etat"],
            ),
            (
                "semer la terreur",
                Forms::Verb,
                &["sement la terreur", "semait la terreur"],
            ),
        ];
        for (term, tag, want) in table {
            let got = forms(term, *tag);
            for w in *want {
                assert!(
                    got.contains(&w.to_string()),
                    "{term} {tag:?}: no {w} in {got:?}"
                );
            }
        }
    }

    #[test]
    fn does_not_invent_forms() {
        let table: &[(&str, Forms, &str)] = &[
            ("sans precedent", Forms::Exact, "sans precedents"),
            ("milice", Forms::Noun, "milicee"),
            ("bombarder", Forms::Verb, "bombardir"),
            ("envahir", Forms::Verb, "envahe"),
            ("combattre", Forms::Verb, "combatts"),
            ("coup d' etat", Forms::Noun, "coups d's etat"),
            // Punctuation is not inflected.
            ("# img = x #", Forms::Noun, "#s img = x #"),
            ("# img = x #", Forms::Noun, "# img =s x #"),
            ("semer la terreur", Forms::Verb, "semer la terreurs"),
        ];
        for (term, tag, unwanted) in table {
            let got = forms(term, *tag);
            assert!(!got.contains(&unwanted.to_string()), "{term}: {unwanted}");
        }
    }

    #[test]
    fn caps_long_expressions_keeping_the_written_form() {
        // (expression, a form it must keep): 2^12 combinations of nouns before the cap.
        let table: &[(&str, &str)] = &[
            (
                "chat chien loup ours lion tigre rat pie geai merle cerf daim",
                "chats chien loup ours lion tigre rat pie geai merle cerf daim",
            ),
            ("img src onerror alert", "imgs srcs onerrors alerts"),
        ];
        for (term, kept) in table {
            let mut patterns = String::new();
            let pattern = expand(term, Forms::Noun, &mut patterns).unwrap();
            let text = pattern.text(&patterns);
            assert!(pattern.count <= super::MAX_FORMS, "{term}");
            assert_eq!(pattern.count, super::Pattern::count(text), "{term}");
            let forms = expanded(text, false);
            assert!(forms.contains(&term.to_string()), "{term}");
            assert!(forms.contains(&kept.to_string()), "{term}: {kept}");
        }
    }

    #[test]
    fn knows_little_words() {
        // Negative row: a noun is not one.
        assert!(super::is_little("d'") && super::is_little("une"));
        assert!(!super::is_little("guerre") && !super::is_little("d"));
    }

    #[test]
    fn refuses_irregular_verbs() {
        for verb in ["vaincre", "detruire", "pouvoir", "x"] {
            assert!(
                expand(verb, Forms::Verb, &mut String::new()).is_err(),
                "{verb}"
            );
        }
    }
}
