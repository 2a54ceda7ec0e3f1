//! Sentences and word counts over the tokens of [`crate::fold`].
//!
//! Words are counted the way a
//! reader counts them: an elided article belongs to its word (`l’armée`), a hyphenated
//! compound is one word (`va-t-en-guerre`), and so is a number written with spaces
//! (`2 000 000`). A sentence ends at `.`, `!`, `?`, `…` or a paragraph break, but not
//! after an abbreviation (`M.`, `etc.`), an initial (`J. Dupont`) or inside a number
//! (`3.5`), and closing quotes stay with their sentence.

use crate::fold::JOINED;
use crate::matcher::{Matcher, Token, ABBREVIATION};

/// One sentence, as a range of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Its first token.
    pub start: usize,
    /// The token after its last.
    pub end: usize,
    /// Words in it.
    pub words: usize,
}

/// Splits the tokens of `text` into sentences, into `out` (cleared first: one vector for
/// every chunk of a text). Not inlined: in `analyze` its loops kept their state on the stack.
/// Named in `Cargo.toml`'s wasm-opt `--no-inline`.
#[inline(never)]
pub(crate) fn sentences(text: &str, tokens: &[Token], matcher: &Matcher, out: &mut Vec<Sentence>) {
    out.clear();
    // The sentence being read, if `open`: its first token and its words so far. Every
    // token from its start on belongs to it until it ends.
    let (mut open, mut start, mut words) = (false, 0, 0);
    let mut closing = false; // after a sentence end, closing quotes still belong to it
    let mut previous: Option<&Token> = None;
    let mut next = 0;
    while let Some(token) = tokens.get(next) {
        let i = next;
        next += 1;
        // Words, most tokens: counted, and they neither end nor close a sentence. This
        // one and those right after it in a loop of their own.
        if token.is_word() {
            closing = false;
            if !open {
                (open, start, words) = (true, i, 0);
            }
            let mut word = token;
            loop {
                words += usize::from(!continues_word(text, previous, word));
                previous = Some(word);
                match tokens.get(next) {
                    Some(t) if t.is_word() => (word, next) = (t, next + 1),
                    _ => break,
                }
            }
            continue;
        }
        let previous = previous.replace(token);
        if token.kind == b'\n' {
            if open {
                out.push(Sentence {
                    start,
                    end: i,
                    words,
                });
                open = false;
            }
            closing = false;
            continue;
        }
        if closing {
            closing = false;
            if let Some(last) = out.last_mut() {
                if closes(text, token) {
                    last.end = i + 1;
                    closing = true;
                    continue;
                }
            }
        }
        if !open {
            (open, start, words) = (true, i, 0);
        }
        if ends_sentence(text, matcher, previous, token, tokens.get(i + 1)) {
            out.push(Sentence {
                start,
                end: i + 1,
                words,
            });
            open = false;
            closing = true;
        }
    }
    if open {
        out.push(Sentence {
            start,
            end: tokens.len(),
            words,
        });
    }
}

/// Whether a word token belongs to the word before it: after an elision or a hyphen, or
/// a group of three digits after a number (`2 000`).
fn continues_word(text: &str, previous: Option<&Token>, token: &Token) -> bool {
    let Some(previous) = previous.filter(|p| p.is_word()) else {
        return false;
    };
    if previous.kind == JOINED {
        return true;
    }
    let digits = |t: &Token| {
        text[t.start as usize..t.end as usize]
            .bytes()
            .all(|b| b.is_ascii_digit())
    };
    // Only one space-like character between them.
    token.end - token.start == 3
        && digits(token)
        && digits(previous)
        && text[previous.end as usize..token.start as usize]
            .chars()
            .count()
            == 1
}

fn ends_sentence(
    text: &str,
    matcher: &Matcher,
    previous: Option<&Token>,
    token: &Token,
    next: Option<&Token>,
) -> bool {
    let next_kind = next.map(|n| n.kind);
    match token.kind {
        b'!' | b'?' => !matches!(next_kind, Some(b'!' | b'?')),
        b'.' => {
            if next_kind == Some(b'.') {
                return false; // "..." ends at its last dot
            }
            // "3.5", "lemonde.fr": a dot glued to what follows.
            let after = text[token.end as usize..].chars().next();
            if after.is_some_and(|c| c.is_alphanumeric()) {
                return false;
            }
            let Some(previous) = previous else {
                return true;
            };
            let initial = {
                let mut chars = text[previous.start as usize..previous.end as usize].chars();
                matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
            };
            !(initial || matcher.has(previous, ABBREVIATION))
        }
        _ => false,
    }
}

/// Whether a quote or parenthesis right after a sentence end closes it: `»`, `”`, `)` or a
/// straight quote glued to the sentence.
fn closes(text: &str, token: &Token) -> bool {
    if token.kind != b'"' && token.kind != b')' {
        return false;
    }
    let at = token.start as usize;
    match text[at..].chars().next() {
        Some('»' | '”' | '›' | ')' | ']' | '}') => true,
        Some('"' | '\'') => text[..at]
            .chars()
            .next_back()
            .is_some_and(|p| !p.is_whitespace()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{parse_rules, Lexicons};

    fn split(text: &str) -> Vec<(String, usize)> {
        let rules = "abbreviation\tm\nabbreviation\tmme\nabbreviation\tetc\n";
        let matcher = Matcher::new(
            &Lexicons::default(),
            &parse_rules("rules.tsv", rules, &mut Vec::new()).unwrap(),
        );
        let (mut tokens, mut found) = (Vec::new(), Vec::new());
        matcher.tokens(text, &mut tokens);
        sentences(text, &tokens, &matcher, &mut found);
        found
            .into_iter()
            .map(|s| {
                let range = tokens[s.start].start as usize..tokens[s.end - 1].end as usize;
                (text[range].to_string(), s.words)
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
