//! Normalization: French text folded into a token stream for matching, with a map back
//! to the original bytes.
//!
//! ```text
//! "Coup d’État !"  →  " coup d' etat ! "
//! ```
//!
//! The folded text is lowercase ASCII for Latin letters (accents and ligatures removed,
//! NFC and NFD alike), and every token is followed by exactly one space, with one space
//! before the first: a word, an elided word ending in `'` (`d'`), a compound part ending
//! in `-` (`ex-`), one ASCII punctuation mark, or `\n` for a paragraph break. Any run of
//! spaces (U+00A0, U+202F, tabs, a single line break) becomes one space, so the words of
//! an expression match whatever separates them. Non-ASCII bytes in the folded text are
//! always letters of other scripts, so a byte tells what it is.
//!
//! Lexicon terms are folded by the same function, so a term matches the text exactly when
//! their folded forms are equal.

/// Text folded for matching, with the original position of each of its bytes.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    /// The folded token stream (see the module docs).
    pub text: String,
    /// For each byte of `text`, the byte offset in the original text of the character it
    /// comes from; a separator space points just after the token before it.
    pub origin: Vec<u32>,
    /// Length of the original text, the origin of the end of `text`.
    pub original_len: u32,
}

impl Folded {
    /// The original byte range of the folded range `start..end`: from the character of
    /// `start` up to (excluding) the character of `end`, so that combining marks dropped
    /// after the last letter stay inside.
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let at = |i: usize| match self.origin.get(i) {
            Some(&o) => o as usize,
            None => self.original_len as usize,
        };
        at(start)..at(end)
    }
}

/// What one original character becomes.
enum Fold {
    /// Letters or digits, appended to the current word.
    Word(&'static str),
    /// A letter outside the table, lowercased by the standard library.
    Other(char),
    /// Joins words: `'` (elision) or `-` (compound) when between two letters.
    Joiner(u8),
    /// A token of its own.
    Punct(u8),
    /// Separates tokens.
    Space,
    /// Counts for a paragraph break when two come in one run of spaces.
    Newline,
    /// Vanishes: combining marks, joiners, variation selectors, soft hyphens.
    Nothing,
}

/// ASCII letters and digits, looked up rather than compared in the hot loop.
const ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Folds `text` into a token stream (see the module docs).
pub(crate) fn fold(text: &str) -> Folded {
    assert!(
        text.len() < u32::MAX as usize,
        "text larger than 4 GiB cannot be folded"
    );
    // Punctuation gains a space on each side: room for that without reallocating.
    let capacity = text.len() + text.len() / 4 + 16;
    let mut out = Folder {
        text: String::with_capacity(capacity),
        origin: Vec::with_capacity(capacity),
        pending_space: true,
        pending_at: 0,
        newlines: 0,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII fast paths: most of French prose is runs of letters and single spaces.
        let b = bytes[i];
        if ALNUM[b as usize] {
            let run = bytes[i..]
                .iter()
                .position(|&b| !ALNUM[b as usize])
                .map_or(bytes.len(), |n| i + n);
            out.run(&text[i..run], i);
            i = run;
            continue;
        }
        if b == b' ' {
            out.space(i);
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
        let next = i + c.len_utf8();
        match classify(c) {
            Fold::Word(s) => out.word(s, i),
            Fold::Other(c) => {
                for lower in c.to_lowercase() {
                    out.word(lower.encode_utf8(&mut [0u8; 4]), i);
                }
            }
            Fold::Joiner(j) => {
                let between_letters = out.in_word()
                    && text[next..]
                        .chars()
                        .next()
                        .is_some_and(|n| matches!(classify(n), Fold::Word(_) | Fold::Other(_)));
                if between_letters {
                    out.word(if j == b'-' { "-" } else { "'" }, i);
                    out.space(next);
                } else {
                    out.punct(if j == b'-' { b',' } else { b'"' }, i, next);
                }
            }
            Fold::Punct(p) => out.punct(p, i, next),
            Fold::Space => out.space(i),
            Fold::Newline => {
                out.space(i);
                out.newlines += 1;
                if out.newlines == 2 {
                    out.punct(b'\n', i, next);
                }
            }
            Fold::Nothing => {}
        }
        i = next;
    }
    out.space(text.len());
    out.flush();
    Folded {
        text: out.text,
        origin: out.origin,
        original_len: text.len() as u32,
    }
}

struct Folder {
    text: String,
    origin: Vec<u32>,
    /// A space is owed before the next token.
    pending_space: bool,
    /// Where the owed space starts in the original: right after the previous token.
    pending_at: usize,
    /// Line breaks seen in the current run of spaces.
    newlines: u8,
}

impl Folder {
    /// Appends `s`, every byte from the original character at `at`.
    fn push(&mut self, s: &str, at: usize) {
        self.text.push_str(s);
        self.origin.extend(std::iter::repeat_n(at as u32, s.len()));
    }

    fn flush(&mut self) {
        if self.pending_space {
            self.push(" ", self.pending_at);
            self.pending_space = false;
        }
        self.newlines = 0;
    }

    fn in_word(&self) -> bool {
        !self.pending_space
            && self
                .text
                .as_bytes()
                .last()
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b >= 0x80)
    }

    /// Appends the folded letters of the original character at `at`.
    fn word(&mut self, s: &str, at: usize) {
        self.flush();
        self.push(s, at);
    }

    /// Appends a run of ASCII letters and digits found at `at` in the original,
    /// lowercased, each byte its own origin.
    fn run(&mut self, s: &str, at: usize) {
        self.flush();
        let start = self.text.len();
        self.text.push_str(s);
        self.text[start..].make_ascii_lowercase();
        self.origin.extend(at as u32..(at + s.len()) as u32);
    }

    /// A punctuation token for the character at `at..next`.
    fn punct(&mut self, p: u8, at: usize, next: usize) {
        self.space(at);
        self.flush();
        self.push(char::from(p).encode_utf8(&mut [0u8; 4]), at);
        self.space(next);
    }

    fn space(&mut self, at: usize) {
        if !self.pending_space {
            self.pending_space = true;
            self.pending_at = at;
            self.newlines = 0;
        }
    }
}

/// The fold of one non-ASCII-alphanumeric character.
fn classify(c: char) -> Fold {
    match c {
        '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => Fold::Newline,
        '\'' | '’' | '‘' | 'ʼ' | '´' | '`' | '′' => Fold::Joiner(b'\''),
        '-' | '‐' | '‑' => Fold::Joiner(b'-'),
        '.' | '…' | '。' => Fold::Punct(b'.'),
        '!' | '¡' => Fold::Punct(b'!'),
        '?' | '¿' => Fold::Punct(b'?'),
        ',' | '–' | '—' | '―' | '−' => Fold::Punct(b','),
        ';' => Fold::Punct(b';'),
        ':' => Fold::Punct(b':'),
        '"' | '«' | '»' | '“' | '”' | '„' | '‹' | '›' => Fold::Punct(b'"'),
        '(' | '[' | '{' => Fold::Punct(b'('),
        ')' | ']' | '}' => Fold::Punct(b')'),
        '\u{300}'..='\u{36F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{200C}'
        | '\u{200D}'
        | '\u{AD}'
        | '\u{2060}'
        | '\u{FEFF}' => Fold::Nothing,
        c if c.is_whitespace() || c.is_control() || c == '\u{200B}' => Fold::Space,
        c => match latin(c) {
            Some(s) => Fold::Word(s),
            None if c.is_alphanumeric() => Fold::Other(c),
            None => Fold::Punct(b'#'),
        },
    }
}

/// Latin letters with accents, ligatures and capitals folded to lowercase ASCII.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => return None, // handled by the ASCII fast path
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ā' | 'Ā' | 'ă'
        | 'Ă' | 'ą' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'Ď' | 'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ē' | 'Ē' | 'ė' | 'Ė' | 'ę' | 'Ę' | 'ě'
        | 'Ě' => "e",
        'ğ' | 'Ğ' | 'ġ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'ī' | 'Ī' | 'į' | 'İ' | 'ı' => {
            "i"
        }
        'ł' | 'Ł' | 'ľ' | 'Ľ' | 'ĺ' => "l",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ō' | 'Ō' | 'ő'
        | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'Ś' | 'š' | 'Š' | 'ş' | 'Ş' | 'ș' | 'Ș' => "s",
        'ß' => "ss",
        'ť' | 'Ť' | 'ţ' | 'ț' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'ū' | 'Ū' | 'ů' | 'Ů' | 'ű' | 'Ű' => {
            "u"
        }
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ž' | 'Ž' | 'ź' | 'Ź' | 'ż' | 'Ż' => "z",
        'þ' | 'Þ' => "th",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_to_tokens() {
        let table: &[(&str, &str)] = &[
            ("", " "),
            ("Coup d’État !", " coup d' etat ! "),
            ("COUP D'ETAT", " coup d' etat "),
            ("coup d\u{2019}E\u{301}tat", " coup d' etat "),
            (
                "intervention\u{A0}\u{202F} militaire",
                " intervention militaire ",
            ),
            ("intervention\r\nmilitaire", " intervention militaire "),
            ("fin.\n\nDébut", " fin . \n debut "),
            ("va-t-en-guerre", " va- t- en- guerre "),
            ("« guerre »", " \" guerre \" "),
            ("un - deux", " un , deux "),
            ("cœur Œuvre", " coeur oeuvre "),
            ("2\u{202F}000 morts", " 2 000 morts "),
            ("Война!", " война ! "),
            ("feu 🔥 !", " feu # ! "),
            ("'guerre'", " \" guerre \" "),
            ("a\u{0}b", " a b "),
        ];
        for (input, want) in table {
            assert_eq!(fold(input).text, *want, "fold({input:?})");
        }
    }

    #[test]
    fn origin_points_into_the_original() {
        let text = "L’É\u{301}tat\u{A0}!";
        let f = fold(text);
        assert_eq!(f.text.len(), f.origin.len());
        // " l' etat ! ": "etat" starts at folded byte 4.
        let start = f.text.find("etat").unwrap();
        let r = f.original_range(start, start + 4);
        assert_eq!(&text[r], "É\u{301}tat");
        for &o in &f.origin {
            assert!(text.is_char_boundary(o as usize));
        }
    }
}
