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
#[derive(Clone, Copy)]
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

/// ASCII bytes that end a word and join nothing: all but letters, digits and joiners.
const ENDS_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = matches!(ASCII_FOLD[b], Fold::Punct(_) | Fold::Space | Fold::Newline);
        b += 1;
    }
    table
};

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

/// Cuts `text` into tokens and calls `emit` with each, in order, its folded form (UTF-8
/// bytes) and that form's head: its first eight bytes as a little-endian number, zero past
/// its end (what the vocabulary hashes, here for free).
///
/// Offsets are `u32`: the caller keeps texts under 4 GiB (the analyzer works in chunks).
pub(crate) fn fold(text: &str, mut emit: impl FnMut(Place, &[u8], u64)) {
    debug_assert!(text.len() < u32::MAX as usize);
    let mut folder = Folder {
        text,
        at: 0,
        word: WordBuf::default(),
        start: 0,
        end: 0,
        newlines: 0,
    };
    // One call of `emit`, so that it is inlined into the loop.
    while let Some((place, head)) = folder.next() {
        emit(place, folder.word.as_slice(), head);
    }
}

/// The folded letters of a word: in an array while they are few, as nearly all are, so
/// that the word loop writes them with no capacity check against a vector's and no call
/// to grow one; the letters of a longer word are all in the vector. The array's bytes
/// from `len` to 8 are zeros, so that its first eight bytes are the word's head.
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

    /// Makes it the `n` bytes of `folded` (zeros past them), `n` ≤ 8.
    fn set(&mut self, folded: u64, n: usize) {
        self.short[..8].copy_from_slice(&folded.to_le_bytes());
        self.len = n;
    }

    /// The first eight bytes, zero-padded, as a little-endian number.
    fn head(&self) -> u64 {
        u64::from_le_bytes(*self.short.first_chunk().expect("eight bytes or more"))
    }

    fn clear(&mut self) {
        self.len = 0;
        self.short[..8].fill(0);
    }
}

/// The tokens of a text, one at a time.
struct Folder<'a> {
    text: &'a str,
    /// Where the next character is.
    at: usize,
    /// The folded letters of the word being read, and its original range; once a token
    /// is returned, its folded form.
    word: WordBuf,
    start: usize,
    end: usize,
    /// Line breaks since the last token.
    newlines: u8,
}

impl Folder<'_> {
    /// The next token, and its head (see `fold`), its folded form in `word`.
    #[inline(always)]
    fn next(&mut self) -> Option<(Place, u64)> {
        self.word.clear();
        let bytes = self.text.as_bytes();
        while bytes.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        // Most words: up to seven ASCII letters and digits, then an ASCII byte that ends
        // them (a space, a comma). Classified eight bytes at once, the space after them
        // skipped, from registers. A word that goes on, the first eight at once too.
        let i = self.at;
        if let Some((folded, n, after)) = bytes.get(i..).and_then(ascii_word) {
            self.word.set(folded, n);
            if n < 8 && ENDS_WORD[usize::from(after)] {
                self.at = i + n + usize::from(after == b' ');
                self.newlines = 0;
                let place = Place {
                    start: i as u32,
                    end: (i + n) as u32,
                    kind: WORD,
                };
                return Some((place, folded));
            }
            (self.start, self.end, self.at) = (i, i + n, i + n);
        } else if let Some(&Fold::Punct(p)) =
            bytes.get(i).and_then(|&b| ASCII_FOLD.get(usize::from(b)))
        {
            // ASCII punctuation, and the space after it.
            self.at = i + 1 + usize::from(bytes.get(i + 1) == Some(&b' '));
            return self.punct(p, i, i + 1);
        }
        // The general path: a word character by character (Latin-1 letters in the word
        // loop, others through `other`), other characters.
        loop {
            let i = self.at;
            let Some(&b) = bytes.get(i) else {
                return self.finish(WORD);
            };
            if b == b' ' {
                self.at = i + 1;
                match self.finish(WORD) {
                    Some(token) => return Some(token),
                    None => continue,
                }
            }
            let end = self.word_at(bytes, i);
            if end > i {
                self.at = end;
                continue;
            }
            if let Some(token) = self.other(i) {
                return Some(token);
            }
        }
    }

    /// What the character at `i` makes, when it is no letter of the word loop's: the
    /// token it ends or is, if any. A character that ends a word and is a token of its
    /// own is read twice: once to end the word, then for itself.
    #[inline(never)]
    fn other(&mut self, i: usize) -> Option<(Place, u64)> {
        let text = self.text;
        // Punctuation is mostly ASCII: no decoding.
        let c = match text.as_bytes()[i] {
            b @ 0..0x80 => char::from(b),
            _ => text[i..].chars().next().unwrap_or('\u{FFFD}'),
        };
        let next = i + c.len_utf8();
        let fold = classify(c);
        let ends_word = matches!(fold, Fold::Punct(_) | Fold::Newline)
            || matches!(fold, Fold::Joiner(_)) && !self.joins(next);
        if ends_word && !self.word.is_empty() {
            return self.finish(WORD);
        }
        self.at = next;
        match fold {
            Fold::Word(s) => self.letters(s, i, next),
            Fold::Other(c) => {
                for lower in c.to_lowercase() {
                    self.letters(lower.encode_utf8(&mut [0u8; 4]), i, next);
                }
            }
            Fold::Joiner(j) if !ends_word => {
                self.letters(if j == b'-' { "-" } else { "'" }, i, next);
                return self.finish(JOINED);
            }
            Fold::Joiner(j) => return self.punct(if j == b'-' { b',' } else { b'"' }, i, next),
            Fold::Punct(p) => return self.punct(p, i, next),
            Fold::Space => return self.finish(WORD),
            Fold::Newline => {
                self.newlines += 1;
                if self.newlines == 2 {
                    return self.punct(b'\n', i, next);
                }
            }
            Fold::Nothing => {
                // A combining mark belongs to the word it follows.
                if !self.word.is_empty() {
                    self.end = next;
                }
            }
        }
        None
    }

    /// Whether a joiner whose next character is at `next` joins two letters.
    fn joins(&self, next: usize) -> bool {
        !self.word.is_empty()
            && self.text[next..]
                .chars()
                .next()
                .is_some_and(|n| matches!(classify(n), Fold::Word(_) | Fold::Other(_)))
    }

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

    /// The word being read, if any, as a token of `kind`.
    fn finish(&mut self, kind: Kind) -> Option<(Place, u64)> {
        if self.word.is_empty() {
            return None;
        }
        self.newlines = 0;
        let place = Place {
            start: self.start as u32,
            end: self.end as u32,
            kind,
        };
        Some((place, self.word.head()))
    }

    /// A punctuation token for the character at `at..next` (no word is being read).
    fn punct(&mut self, p: u8, at: usize, next: usize) -> Option<(Place, u64)> {
        self.newlines = 0;
        self.word.push(p);
        let place = Place {
            start: at as u32,
            end: next as u32,
            kind: p,
        };
        Some((place, u64::from(p)))
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

/// Bit 7 of each byte of a `u64`: for the eight-bytes-at-a-time loops here and in
/// `lexicon::find_either` and `analyzer::utf16_len`.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// `b` in each byte of a `u64`.
pub(crate) const fn bytes8(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The ASCII letters and digits that start `bytes`, if they start with one and it has
/// eight bytes or more: folded (zeros past them), how many (up to eight) and the byte
/// after them (the first if eight). Each byte of eight classified at once, with no branch
/// (a sum per bound; bytes are kept under 0x80 so that no sum carries into the next one).
#[inline(always)]
fn ascii_word(bytes: &[u8]) -> Option<(u64, usize, u8)> {
    let chunk = u64::from_le_bytes(*bytes.first_chunk()?);
    if !ALNUM[usize::from(chunk as u8)] {
        return None;
    }
    let low = chunk & !HIGH;
    let lower = low | bytes8(0x20);
    let letter = (lower + bytes8(0x80 - b'a')) & !(lower + bytes8(0x80 - b'z' - 1));
    let digit = (low + bytes8(0x80 - b'0')) & !(low + bytes8(0x80 - b'9' - 1));
    let alnum = (letter | digit) & !chunk & HIGH;
    // Bit 7 of the first byte that is no ASCII letter or digit, or 64.
    let n = (!alnum & HIGH).trailing_zeros() as usize / 8;
    // `| 0x20` lowercases a letter and keeps a digit.
    let folded = (chunk | alnum >> 2) & u64::MAX >> (64 - 8 * n);
    Some((folded, n, (chunk >> (8 * n % 64)) as u8))
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
    fold(text, |_, token, _| {
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
    if let Ok(b) = u8::try_from(c) {
        if let Some(&fold) = ASCII_FOLD.get(usize::from(b)) {
            return fold;
        }
    }
    match c {
        '\u{2028}' | '\u{2029}' | '\u{85}' => Fold::Newline,
        '’' | '‘' | 'ʼ' | '´' | '′' => Fold::Joiner(b'\''),
        '‐' | '‑' => Fold::Joiner(b'-'),
        '…' | '。' => Fold::Punct(b'.'),
        '¡' => Fold::Punct(b'!'),
        '¿' => Fold::Punct(b'?'),
        '–' | '—' | '―' | '−' => Fold::Punct(b','),
        '«' | '»' | '“' | '”' | '„' | '‹' | '›' => Fold::Punct(b'"'),
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

/// The fold of each ASCII character, looked up.
const ASCII_FOLD: [Fold; 128] = {
    let mut table = [Fold::Nothing; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = classify_ascii(b as u8);
        b += 1;
    }
    table
};

/// `classify` for an ASCII character.
const fn classify_ascii(b: u8) -> Fold {
    match b {
        b'\n' => Fold::Newline,
        b'\'' | b'`' => Fold::Joiner(b'\''),
        b'-' => Fold::Joiner(b'-'),
        b'.' | b'!' | b'?' | b',' | b';' | b':' | b'"' => Fold::Punct(b),
        b'(' | b'[' | b'{' => Fold::Punct(b'('),
        b')' | b']' | b'}' => Fold::Punct(b')'),
        b if b.is_ascii_alphanumeric() => Fold::Other(b as char),
        b if b.is_ascii_graphic() => Fold::Punct(b'#'),
        _ => Fold::Space, // spaces and control characters
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

    /// ASCII words of every length followed by every ASCII character, on the eight-byte
    /// path and, starting with `é`, on the general one.
    #[test]
    fn ascii_words_fold_like_the_general_path() {
        for n in 1..=10 {
            for c in (0..128u8).map(char::from) {
                let word: String = "Ab0cdEfghij".chars().take(n).collect();
                let fast = folded_words(&format!("{word}{c}xyz        "));
                let general = folded_words(&format!("é{}{c}xyz        ", &word[1..]));
                assert_eq!(general, format!("e{}", &fast[1..]), "{word:?} {c:?}");
            }
        }
    }

    #[test]
    fn tokens_point_into_the_original() {
        let text = "L’É\u{301}tat\u{301}\u{A0}!";
        let mut got = Vec::new();
        fold(text, |place, folded, head| {
            let mut padded = [0u8; 8];
            let n = folded.len().min(8);
            padded[..n].copy_from_slice(&folded[..n]);
            assert_eq!(head, u64::from_le_bytes(padded), "{folded:?}");
            got.push((place, folded.to_vec()));
        });
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
