//! Tokens and sentences of the folded text.
//!
//! Tokens are what [`crate::fold`] separates by single spaces. Words are counted the way a
//! reader counts them: an elided article belongs to its word (`l’armée`), a hyphenated
//! compound is one word (`va-t-en-guerre`), and so is a number written with spaces
//! (`2 000 000`). A sentence ends at `.`, `!`, `?`, `…` or a paragraph break, but not
//! after an abbreviation (`M.`, `etc.`), an initial (`J. Dupont`) or inside a number
//! (`3.5`), and closing quotes stay with their sentence.

use crate::fold::Folded;
use std::collections::HashSet;

/// One sentence, in folded bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// First byte of its first token.
    pub start: usize,
    /// End of its last token.
    pub end: usize,
    /// Words in it.
    pub words: usize,
}

/// Whether a folded token is a word (rather than punctuation).
pub(crate) fn is_word(token: &[u8]) -> bool {
    token
        .first()
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b >= 0x80)
}

/// Iterates over the tokens of `folded[from..to]` as `(start, end)` folded byte ranges.
pub(crate) fn tokens(
    folded: &str,
    from: usize,
    to: usize,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = &folded.as_bytes()[..to];
    let mut i = from;
    std::iter::from_fn(move || {
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i] != b' ' {
            i += 1;
        }
        Some((start, i))
    })
}

/// Splits the folded text into sentences.
pub(crate) fn sentences(
    original: &str,
    folded: &Folded,
    abbreviations: &HashSet<String>,
) -> Vec<Sentence> {
    let text = folded.text.as_str();
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut current: Option<Sentence> = None;
    let mut previous: Option<(usize, usize)> = None;
    let mut closing = false; // after a sentence end, closing quotes still belong to it
    for (start, end) in tokens(text, 0, text.len()) {
        let token = &bytes[start..end];
        if token == b"\n" {
            out.extend(current.take());
            previous = None;
            closing = false;
            continue;
        }
        if closing {
            closing = false;
            if let Some(last) = out.last_mut() {
                if closes(original, folded, start, token) {
                    last.end = end;
                    previous = Some((start, end));
                    closing = true;
                    continue;
                }
            }
        }
        let sentence = current.get_or_insert(Sentence {
            start,
            end,
            words: 0,
        });
        sentence.end = end;
        if is_word(token) && !continues_word(original, folded, previous, start) {
            sentence.words += 1;
        }
        if ends_sentence(original, folded, abbreviations, previous, (start, end)) {
            out.extend(current.take());
            closing = true;
        }
        previous = Some((start, end));
    }
    out.extend(current);
    out
}

/// Whether the word token at `start` belongs to the word before it: after an elision or
/// a hyphen, or a group of three digits after a number (`2 000`).
fn continues_word(
    original: &str,
    folded: &Folded,
    previous: Option<(usize, usize)>,
    start: usize,
) -> bool {
    let Some((ps, pe)) = previous else {
        return false;
    };
    let bytes = folded.text.as_bytes();
    let prev = &bytes[ps..pe];
    if prev.ends_with(b"'") || prev.ends_with(b"-") {
        return true;
    }
    let this = &bytes[start..];
    let group = this.len() > 3 && this[..3].iter().all(u8::is_ascii_digit) && this[3] == b' ';
    if group && prev.iter().all(u8::is_ascii_digit) {
        // Only one space-like character between them in the original.
        let gap = folded.original_range(pe, start);
        return original[gap].chars().count() == 1;
    }
    false
}

fn ends_sentence(
    original: &str,
    folded: &Folded,
    abbreviations: &HashSet<String>,
    previous: Option<(usize, usize)>,
    (start, end): (usize, usize),
) -> bool {
    let bytes = folded.text.as_bytes();
    match &bytes[start..end] {
        b"!" | b"?" => !next_is(bytes, end, |b| b == b'!' || b == b'?'),
        b"." => {
            if next_is(bytes, end, |b| b == b'.') {
                return false; // "..." ends at its last dot
            }
            // "3.5", "lemonde.fr": a dot glued to what follows.
            let dot = folded.original_range(start, start + 1).start;
            let after = original[dot..].chars().nth(1);
            if after.is_some_and(|c| c.is_alphanumeric()) {
                return false;
            }
            let Some((ps, pe)) = previous else {
                return true;
            };
            let prev = &folded.text[ps..pe];
            let initial = {
                let r = folded.original_range(ps, pe);
                let mut chars = original[r].chars();
                matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
            };
            !(initial || abbreviations.contains(prev))
        }
        _ => false,
    }
}

fn next_is(bytes: &[u8], end: usize, pred: impl Fn(u8) -> bool) -> bool {
    bytes.get(end + 1).copied().is_some_and(pred)
}

/// Whether a quote or parenthesis right after a sentence end closes it: `»`, `”`, `)` or a
/// straight quote glued to the sentence.
fn closes(original: &str, folded: &Folded, start: usize, token: &[u8]) -> bool {
    if token != b"\"" && token != b")" {
        return false;
    }
    let at = folded.original_range(start, start + 1).start;
    let c = original[at..].chars().next();
    match c {
        Some('»' | '”' | '›' | ')' | ']' | '}') => true,
        Some('"' | '\'') => original[..at]
            .chars()
            .next_back()
            .is_some_and(|p| !p.is_whitespace()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    fn split(text: &str) -> Vec<(String, usize)> {
        let abbreviations: HashSet<String> =
            ["m", "mme", "etc"].iter().map(|s| s.to_string()).collect();
        let folded = fold(text);
        sentences(text, &folded, &abbreviations)
            .into_iter()
            .map(|s| {
                let r = folded.original_range(s.start, s.end);
                (text[r].to_string(), s.words)
            })
            .collect()
    }

    #[test]
    fn splits_sentences_and_counts_words() {
        let table: &[(&str, &[(&str, usize)])] = &[
            ("", &[]),
            (
                "Une phrase. Une autre !",
                &[("Une phrase.", 2), ("Une autre !", 2)],
            ),
            (
                "M. Dupont est là. Mme Durand aussi.",
                &[("M. Dupont est là.", 4), ("Mme Durand aussi.", 3)],
            ),
            (
                "J. Dupont parle. Fin.",
                &[("J. Dupont parle.", 3), ("Fin.", 1)],
            ),
            (
                "Il a dit « c’est fini. » Puis rien.",
                &[("Il a dit « c’est fini. »", 5), ("Puis rien.", 2)],
            ),
            ("Quoi ?! Non…", &[("Quoi ?!", 1), ("Non…", 1)]),
            ("Attendez... Voilà.", &[("Attendez...", 1), ("Voilà.", 1)]),
            ("Il y a 3.5 % de plus", &[("Il y a 3.5 % de plus", 7)]),
            ("lemonde.fr en parle", &[("lemonde.fr en parle", 4)]),
            ("Titre\n\nTexte suivi", &[("Titre", 1), ("Texte suivi", 2)]),
            ("ligne\ncoupée", &[("ligne\ncoupée", 2)]),
            (
                "Le va-t-en-guerre l’a dit",
                &[("Le va-t-en-guerre l’a dit", 4)],
            ),
            (
                "2\u{202F}000\u{202F}000 morts",
                &[("2\u{202F}000\u{202F}000 morts", 2)],
            ),
            ("2 morts 000", &[("2 morts 000", 3)]),
            (
                "pommes, poires, etc. et le reste",
                &[("pommes, poires, etc. et le reste", 6)],
            ),
        ];
        for (text, want) in table {
            let got = split(text);
            let want: Vec<(String, usize)> =
                want.iter().map(|(s, n)| (s.to_string(), *n)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
