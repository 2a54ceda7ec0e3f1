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

/// Little words an expression keeps as they are when its nouns and adjectives inflect.
const LITTLE_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "contre", "d'", "dans", "de", "des", "du", "en", "et", "l'",
    "la", "le", "les", "n'", "ne", "ou", "par", "pas", "plus", "pour", "qu'", "que", "s'", "sans",
    "se", "sur", "tres", "un", "une",
];

/// The most forms one expression may expand to; past it, variants are dropped.
const MAX_FORMS: usize = 512;

/// Folded word sequences to match: one variant per position, in every combination; the
/// last word is a stem (it matches any word starting with it) if `stem`.
///
/// Kept as variants rather than expanded: the trie takes every combination in one walk,
/// and a verb's 40 forms in a three-word expression cost 40 strings, not 40 joined ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    pub words: Vec<Vec<String>>,
    pub stem: bool,
}

impl Pattern {
    /// The words of a folded expression (`"coup d' etat"`) as they are.
    pub fn exact(folded: &str, stem: bool) -> Pattern {
        Pattern {
            words: folded.split(' ').map(|w| vec![w.to_string()]).collect(),
            stem,
        }
    }

    /// How many word sequences it stands for.
    pub fn count(&self) -> usize {
        self.words.iter().map(Vec::len).product()
    }

    /// This pattern with fixed words before and after it.
    pub fn within(&self, before: &str, after: &str, stem: bool) -> Pattern {
        let fixed = |s: &str| -> Vec<Vec<String>> {
            s.split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| vec![w.to_string()])
                .collect()
        };
        let mut words = fixed(before);
        words.extend(self.words.iter().cloned());
        words.extend(fixed(after));
        Pattern { words, stem }
    }

    /// Every word sequence, joined by spaces (`*` after a stem): for tests.
    #[cfg(test)]
    pub fn expanded(&self) -> Vec<String> {
        let mut out = vec![String::new()];
        for variants in &self.words {
            out = out
                .iter()
                .flat_map(|prefix| variants.iter().map(move |v| format!("{prefix} {v}")))
                .collect();
        }
        let star = if self.stem { "*" } else { "" };
        out.iter().map(|f| format!("{}{star}", f.trim_start())).collect()
    }
}

/// The forms of the folded expression `words` (its words, in order).
///
/// An error says why the tag does not apply (a verb that is not regular).
pub(crate) fn expand(words: &[&str], forms: Forms) -> Result<Pattern, String> {
    let mut options: Vec<Vec<String>> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let little = LITTLE_WORDS.contains(word) || word.ends_with('\'') || word.ends_with('-');
        let mut variants = match forms {
            Forms::Noun if !little => noun(word),
            Forms::Adjective if !little => adjective(word),
            Forms::Verb if i == 0 => verb(word)?,
            _ => vec![word.to_string()],
        };
        variants.sort_unstable();
        variants.dedup();
        options.push(variants);
    }
    let mut pattern = Pattern {
        words: options,
        stem: false,
    };
    // Past the limit, halve the longest list of variants until it fits.
    while pattern.count() > MAX_FORMS {
        if let Some(longest) = pattern.words.iter_mut().max_by_key(|v| v.len()) {
            longest.truncate(longest.len().div_ceil(2));
        }
    }
    Ok(pattern)
}

fn noun(w: &str) -> Vec<String> {
    let mut v = vec![w.to_string()];
    v.extend(plurals(w));
    v
}

fn plurals(w: &str) -> Vec<String> {
    if w.ends_with(['s', 'x', 'z']) {
        return vec![];
    }
    if let Some(stem) = w.strip_suffix("al") {
        return vec![format!("{stem}aux"), format!("{w}s")];
    }
    if let Some(stem) = w.strip_suffix("ail") {
        return vec![format!("{stem}aux"), format!("{w}s")];
    }
    if w.ends_with("eau") || w.ends_with("au") || w.ends_with("eu") {
        return vec![format!("{w}x"), format!("{w}s")];
    }
    if w.ends_with("ou") {
        return vec![format!("{w}s"), format!("{w}x")];
    }
    vec![format!("{w}s")]
}

fn adjective(w: &str) -> Vec<String> {
    let mut singular = vec![w.to_string()];
    singular.extend(feminines(w));
    let mut out = singular.clone();
    for s in &singular {
        out.extend(plurals(s));
    }
    out
}

fn feminines(w: &str) -> Vec<String> {
    let swap = |suffix: &str, with: &[&str]| -> Option<Vec<String>> {
        let stem = w.strip_suffix(suffix)?;
        Some(with.iter().map(|e| [stem, e].concat()).collect())
    };
    if w.ends_with('e') {
        // Folded, "fatigué" and "rouge" both end in e: adding one more is right for the
        // first (fatiguée) and produces a form no text contains for the second.
        return vec![format!("{w}e")];
    }
    swap("eux", &["euse"])
        .or_else(|| swap("teur", &["trice", "teuse"]))
        .or_else(|| swap("eur", &["euse", "eure"]))
        .or_else(|| swap("if", &["ive"]))
        .or_else(|| swap("el", &["elle"]))
        .or_else(|| swap("eil", &["eille"]))
        .or_else(|| swap("en", &["enne"]))
        .or_else(|| swap("on", &["onne"]))
        .or_else(|| swap("er", &["ere"]))
        .or_else(|| swap("et", &["ette", "ete"]))
        .or_else(|| swap("ou", &["olle", "oue"]))
        .or_else(|| swap("c", &["que", "che"]))
        .or_else(|| swap("x", &["se", "ce"]))
        .unwrap_or_else(|| vec![format!("{w}e")])
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

fn verb(w: &str) -> Result<Vec<String>, String> {
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
        return Err(format!(
            "'{w}' is not a regular verb in -er, -ir, -dre or -ttre: list its forms with '|' or use a stem with '*'"
        ));
    };
    if stem.chars().count() < 2 {
        return Err(format!("'{w}' is too short to conjugate"));
    }
    let mut out: Vec<String> = endings.iter().map(|e| [stem, e].concat()).collect();
    if let Some(single) = stem
        .strip_suffix('t')
        .filter(|s| s.ends_with('t') && endings == RE_ENDINGS)
    {
        // battre → je bats, il bat (not batts, batt).
        let (bare, with_s) = (stem.to_string(), format!("{stem}s"));
        out.retain(|f| *f != bare && *f != with_s);
        out.extend([format!("{single}s"), single.to_string()]);
    }
    if endings == ER_ENDINGS {
        // Spelling changes of regular verbs: manger → mangeons; employer → emploie;
        // jeter → jette, appeler → appelle (before a silent e).
        let silent_e = |e: &&&str| e.starts_with('e') && !matches!(**e, "ez" | "er" | "ee" | "ees");
        let mut extra = |s: String, keep: &dyn Fn(&&&str) -> bool| {
            out.extend(
                endings
                    .iter()
                    .filter(keep)
                    .map(|e| [s.as_str(), e].concat()),
            );
        };
        if stem.ends_with('g') {
            extra(format!("{stem}e"), &|e| e.starts_with(['a', 'o']));
        }
        if let Some(s) = stem.strip_suffix('y') {
            extra(format!("{s}i"), &silent_e);
        }
        if stem.ends_with("el") || stem.ends_with("et") {
            extra(format!("{stem}{}", &stem[stem.len() - 1..]), &silent_e);
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{expand, Forms};

    fn forms(term: &str, tag: Forms) -> Vec<String> {
        let words: Vec<&str> = term.split(' ').collect();
        expand(&words, tag).unwrap().expanded()
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
            ("semer la terreur", Forms::Verb, "semer la terreurs"),
        ];
        for (term, tag, unwanted) in table {
            let got = forms(term, *tag);
            assert!(!got.contains(&unwanted.to_string()), "{term}: {unwanted}");
        }
    }

    #[test]
    fn refuses_irregular_verbs() {
        for verb in ["vaincre", "detruire", "pouvoir", "x"] {
            assert!(expand(&[verb], Forms::Verb).is_err(), "{verb}");
        }
    }
}
