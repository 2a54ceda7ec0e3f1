//! Normalization: French text cut into tokens, each with its folded form for matching.
//!
//! ```text
//! "Coup d’État !"  →  coup | d' | etat | !
//! ```
//!
//! A folded word is lowercase ASCII for Latin letters (accents and ligatures removed,
//! NFC and NFD alike). A token is a word, an elided word ending in `'` (`d'`), a compound
//! part ending in `-` (`ex-`), one punctuation mark folded to an ASCII one, or `\n` for a
//! paragraph break. Spaces of every kind separate tokens and are not tokens, so the words
//! of an expression match whatever separates them. Non-ASCII bytes in a folded token are
//! always letters of other scripts.
//!
//! Lexicon terms are folded by the same function, so a term matches the text exactly when
//! their folded tokens are equal.

/// A token's kind: a word, a word ending in a joiner (`d'`, `ex-`), or else the ASCII
/// punctuation mark it folds to (`\n` for a paragraph break).
pub(crate) type Kind = u8;
pub(crate) const WORD: Kind = 0;
pub(crate) const JOINED: Kind = 1;

/// Whether a token of this kind is a word.
pub(crate) fn is_word(kind: Kind) -> bool {
    kind <= JOINED
}

/// Where a token is in the original text, and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// Its first byte.
    pub start: u32,
    /// The byte after its last character, combining marks included.
    pub end: u32,
    pub kind: Kind,
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

/// The folded letter of each character U+00C0…U+00FF (UTF-8 `C3 80`…`C3 BF`), by its
/// second byte's low six bits, or 0 for those that are no letter or fold to two (`×`,
/// `æ`, `ß`): French accented letters take the word loop's fast path.
const LATIN1: [u8; 64] = {
    let mut table = [0u8; 64];
    let mut i = 0;
    while i < 64 {
        let c = char::from_u32(0xC0 + i as u32).expect("Latin-1");
        table[i] = match latin(c) {
            Some(s) if s.len() == 1 => s.as_bytes()[0],
            _ => 0,
        };
        i += 1;
    }
    table
};

/// Cuts `text` into tokens and calls `emit` with each, in order, and its folded form
/// (UTF-8 bytes).
///
/// Offsets are `u32`: the caller keeps texts under 4 GiB (the analyzer works in chunks).
pub(crate) fn fold(text: &str, emit: impl FnMut(Place, &[u8])) {
    debug_assert!(text.len() < u32::MAX as usize);
    let mut out = Folder {
        word: WordBuf::default(),
        start: 0,
        end: 0,
        newlines: 0,
        emit,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Fast paths: most of French prose is words of ASCII and Latin-1 letters and
        // single spaces.
        if bytes[i] == b' ' {
            out.finish(WORD);
            i += 1;
            continue;
        }
        let end = out.word_at(bytes, i);
        if end > i {
            i = end;
            continue;
        }
        // Punctuation is mostly ASCII: no decoding.
        let c = match bytes[i] {
            b @ 0..0x80 => char::from(b),
            _ => text[i..].chars().next().unwrap_or('\u{FFFD}'),
        };
        let next = i + c.len_utf8();
        match classify(c) {
            Fold::Word(s) => out.letters(s, i, next),
            Fold::Other(c) => {
                for lower in c.to_lowercase() {
                    out.letters(lower.encode_utf8(&mut [0u8; 4]), i, next);
                }
            }
            Fold::Joiner(j) => {
                let between_letters = !out.word.is_empty()
                    && text[next..]
                        .chars()
                        .next()
                        .is_some_and(|n| matches!(classify(n), Fold::Word(_) | Fold::Other(_)));
                if between_letters {
                    out.letters(if j == b'-' { "-" } else { "'" }, i, next);
                    out.finish(JOINED);
                } else {
                    out.punct(if j == b'-' { b',' } else { b'"' }, i, next);
                }
            }
            Fold::Punct(p) => out.punct(p, i, next),
            Fold::Space => out.finish(WORD),
            Fold::Newline => {
                out.finish(WORD);
                out.newlines += 1;
                if out.newlines == 2 {
                    out.punct(b'\n', i, next);
                }
            }
            Fold::Nothing => {
                // A combining mark belongs to the word it follows.
                if !out.word.is_empty() {
                    out.end = next;
                }
            }
        }
        i = next;
    }
    out.finish(WORD);
}

/// The folded letters of a word: in an array while they are few, as nearly all are, so
/// that the word loop writes them with no capacity check against a vector's and no call
/// to grow one; the letters of a longer word are all in the vector.
struct WordBuf {
    short: [u8; WordBuf::SHORT],
    len: usize,
    /// The letters of a word longer than `SHORT` bytes.
    long: Vec<u8>,
}

impl Default for WordBuf {
    fn default() -> Self {
        WordBuf {
            short: [0; WordBuf::SHORT],
            len: 0,
            long: Vec::new(),
        }
    }
}

impl WordBuf {
    const SHORT: usize = 64;

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `b` to a word of `len` letters (`self.len` is not read: the word loop
    /// keeps the length in a register and stores it once).
    #[inline]
    fn put(&mut self, len: usize, b: u8) {
        match self.short.get_mut(len) {
            Some(slot) => *slot = b,
            None => self.put_long(len, b),
        }
    }

    #[cold]
    #[inline(never)]
    fn put_long(&mut self, len: usize, b: u8) {
        if len == WordBuf::SHORT {
            self.long.clear();
            self.long.extend_from_slice(&self.short);
        }
        self.long.push(b);
    }

    fn push(&mut self, b: u8) {
        self.put(self.len, b);
        self.len += 1;
    }

    fn as_slice(&self) -> &[u8] {
        if self.len <= WordBuf::SHORT {
            &self.short[..self.len]
        } else {
            &self.long
        }
    }

    fn clear(&mut self) {
        self.len = 0;
    }
}

/// The token stream being written.
struct Folder<F> {
    /// The folded letters of the word being read, and its original range.
    word: WordBuf,
    start: usize,
    end: usize,
    /// Line breaks since the last token.
    newlines: u8,
    emit: F,
}

impl<F: FnMut(Place, &[u8])> Folder<F> {
    /// Appends the folded letters of the original character at `at..next`.
    fn letters(&mut self, s: &str, at: usize, next: usize) {
        if self.word.is_empty() {
            self.start = at;
        }
        for &b in s.as_bytes() {
            self.word.push(b);
        }
        self.end = next;
    }

    /// Appends the letters and digits of `bytes` from `at` on that are ASCII or Latin-1
    /// letters that fold to one, folded: where they end.
    #[inline]
    fn word_at(&mut self, bytes: &[u8], at: usize) -> usize {
        let (mut i, mut len) = (at, self.word.len);
        while let Some((letter, width)) = folded_letter(bytes, i) {
            self.word.put(len, letter);
            len += 1;
            i += width;
        }
        if i > at {
            if self.word.is_empty() {
                self.start = at;
            }
            self.word.len = len;
            self.end = i;
        }
        i
    }

    /// Emits the word being read, if any, as a token of `kind`.
    fn finish(&mut self, kind: Kind) {
        if self.word.is_empty() {
            return;
        }
        let place = Place {
            start: self.start as u32,
            end: self.end as u32,
            kind,
        };
        (self.emit)(place, self.word.as_slice());
        self.word.clear();
        self.newlines = 0;
    }

    /// Emits a punctuation token for the character at `at..next`.
    fn punct(&mut self, p: u8, at: usize, next: usize) {
        self.finish(WORD);
        let place = Place {
            start: at as u32,
            end: next as u32,
            kind: p,
        };
        (self.emit)(place, &[p]);
        self.newlines = 0;
    }
}

/// The folded letter at `i` and its width in bytes, if it is an ASCII letter or digit
/// (`| 0x20` lowercases a letter and keeps a digit) or a Latin-1 letter that folds to one
/// (`é` is `C3 A9`): the word loop's.
#[inline]
fn folded_letter(bytes: &[u8], i: usize) -> Option<(u8, usize)> {
    match *bytes.get(i)? {
        b if ALNUM[b as usize] => Some((b | 0x20, 1)),
        0xC3 => {
            let letter = LATIN1[usize::from(bytes.get(i + 1)? & 0x3F)];
            (letter != 0).then_some((letter, 2))
        }
        _ => None,
    }
}

/// The folded tokens of `text`, separated by single spaces (`"d' etat"`): how lexicon
/// terms are written once folded.
pub(crate) fn folded_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_folded_words(text, &mut out);
    out
}

/// Appends [`folded_words`] of `text` to `out`, a buffer that lexicons reuse.
pub(crate) fn push_folded_words(text: &str, out: &mut String) {
    // Bytes, checked as UTF-8 once rather than token by token (a sixth of folding terms).
    let mut bytes = std::mem::take(out).into_bytes();
    let start = bytes.len();
    fold(text, |_, token| {
        if bytes.len() > start {
            bytes.push(b' ');
        }
        bytes.extend_from_slice(token);
    });
    *out = String::from_utf8(bytes).expect("folded tokens are UTF-8");
}

/// Appends [`folded_words`] of a lexicon term to `out`. Most terms are words of ASCII and
/// Latin-1 letters and digits between single spaces: folded here a letter at a time, as
/// the word loop folds them, into an array, they skip the tokenizer (which cost twice as
/// much); the others go through it.
pub(crate) fn push_folded_term(term: &str, out: &mut String) {
    let bytes = term.as_bytes();
    let mut folded = [0u8; 64];
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() && n < folded.len() {
        if let Some((letter, width)) = folded_letter(bytes, i) {
            folded[n] = letter;
            i += width;
        } else if bytes[i] == b' ' && n > 0 && folded[n - 1] != b' ' && i + 1 < bytes.len() {
            folded[n] = b' ';
            i += 1;
        } else {
            break;
        }
        n += 1;
    }
    if i == bytes.len() {
        out.push_str(std::str::from_utf8(&folded[..n]).expect("ASCII"));
    } else {
        push_folded_words(term, out);
    }
}

/// The fold of one non-ASCII-alphanumeric character. Inlined into the word loop: a call
/// per punctuation mark cost as much as the match.
#[inline(always)]
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
const fn latin(c: char) -> Option<&'static str> {
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
    use super::{fold, folded_words, Place, JOINED, WORD};

    #[test]
    fn folds_to_tokens() {
        let table: &[(&str, &str)] = &[
            ("", ""),
            ("   ", ""),
            ("Coup d’État !", "coup d' etat !"),
            ("COUP D'ETAT", "coup d' etat"),
            ("coup d\u{2019}E\u{301}tat", "coup d' etat"),
            (
                "intervention\u{A0}\u{202F} militaire",
                "intervention militaire",
            ),
            ("intervention\r\nmilitaire", "intervention militaire"),
            ("fin.\n\nDébut", "fin . \n debut"),
            ("fin.\r\n \r\nDébut", "fin . \n debut"),
            ("va-t-en-guerre", "va- t- en- guerre"),
            ("« guerre »", "\" guerre \""),
            ("un - deux", "un , deux"),
            ("cœur Œuvre", "coeur oeuvre"),
            ("2\u{202F}000 morts", "2 000 morts"),
            ("Война!", "война !"),
            ("feu 🔥 !", "feu # !"),
            ("'guerre'", "\" guerre \""),
            ("a\u{0}b", "a b"),
            ("l'", "l \""),
            // Latin-1 letters on the word loop's fast path, and those off it.
            ("ÉTÉ ÿ Ça×2", "ete y ca # 2"),
            ("ÆTHER straße þorn", "aether strasse thorn"),
        ];
        for (input, want) in table {
            assert_eq!(folded_words(input), *want, "fold({input:?})");
        }
    }

    #[test]
    fn terms_fold_as_texts_do() {
        for term in [
            "guerre",
            "coup d etat",
            "2 000",
            "Guerre",
            "coup d'etat",
            "a  b",
            " a",
            "a ",
            "",
            "élan",
            "ÉTÉ ÿ Ça×2",
            "e\u{301}lan",
            "va-t-en",
            "cœur",
            "a\u{A0}b",
        ] {
            let mut folded = "before".to_string();
            super::push_folded_term(term, &mut folded);
            assert_eq!(folded, format!("before{}", folded_words(term)), "{term:?}");
        }
    }

    /// Words longer than the word buffer's array, crossing it on each path.
    #[test]
    fn long_words_fold_whole() {
        for n in [62, 63, 64, 65, 66, 200] {
            let a = "a".repeat(n);
            let table = [
                ("A".repeat(n), a.clone()),
                (format!("{a}ÉTÉ"), format!("{a}ete")),
                (format!("{a}æÆ"), format!("{a}aeae")),
                (format!("{a}ΩΩ"), format!("{a}ωω")),
                (format!("{a}e\u{301}e"), format!("{a}ee")),
                (format!("{a}’x {a}"), format!("{a}' x {a}")),
                (format!("x {a}b. {a}"), format!("x {a}b . {a}")),
            ];
            for (input, want) in table {
                assert_eq!(folded_words(&input), want, "{n}: {input:?}");
            }
        }
    }

    /// The word loop's table for U+00C0…U+00FF against the general path (`classify`),
    /// character by character, inside a word and alone.
    #[test]
    fn latin1_fast_path_folds_like_the_general_path() {
        for code in 0xC0..=0xFFu32 {
            let c = char::from_u32(code).expect("Latin-1");
            let want = match super::classify(c) {
                super::Fold::Word(s) => format!("a{s}b"),
                super::Fold::Other(c) => format!("a{}b", c.to_lowercase()),
                super::Fold::Punct(p) => format!("a {} b", p as char),
                _ => unreachable!("{c:?} is a letter or a symbol"),
            };
            assert_eq!(folded_words(&format!("a{c}b")), want, "{c:?}");
            assert_eq!(
                folded_words(&c.to_string()),
                want[1..want.len() - 1].trim(),
                "{c:?} alone"
            );
        }
    }

    #[test]
    fn tokens_point_into_the_original() {
        let text = "L’É\u{301}tat\u{301}\u{A0}!";
        let mut got = Vec::new();
        fold(text, |place, folded| got.push((place, folded.to_vec())));
        let want = [
            (
                Place {
                    start: 0,
                    end: 4,
                    kind: JOINED,
                },
                "l'",
            ),
            (
                Place {
                    start: 4,
                    end: 13,
                    kind: WORD,
                },
                "etat",
            ),
            (
                Place {
                    start: 15,
                    end: 16,
                    kind: b'!',
                },
                "!",
            ),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for ((place, folded), (want_place, want_folded)) in got.iter().zip(want) {
            assert_eq!(
                (place, folded.as_slice()),
                (&want_place, want_folded.as_bytes())
            );
        }
        assert_eq!(&text[4..13], "É\u{301}tat\u{301}");
    }
}
