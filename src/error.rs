//! The one error type of the crate.

use std::fmt;

/// Why a lexicon, an option, a text or a snapshot was refused.
///
/// `Display` gives a short lowercase message in French, the language of the readers and of
/// the lexicons; for a lexicon it starts with the source and line, like a compiler:
/// `war.tsv:12: catégorie inconnue « guere » …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ErrorKind {
    Lexicon {
        source: String,
        line: usize,
        message: String,
    },
    /// `len` bytes of UTF-8, or, when `utf16`, UTF-16 units (each at least one byte).
    TooLarge {
        len: usize,
        max: usize,
        utf16: bool,
    },
    Option(String),
    Snapshot(String),
}

impl Error {
    pub(crate) fn lexicon(source: &str, line: usize, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Lexicon {
                source: source.to_string(),
                line,
                message: message.into(),
            },
        }
    }

    pub(crate) fn too_large(len: usize, max: usize) -> Error {
        Error {
            kind: ErrorKind::TooLarge {
                len,
                max,
                utf16: false,
            },
        }
    }

    /// A text of `units` UTF-16 units, refused before it is encoded.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn too_large_utf16(units: usize, max: usize) -> Error {
        Error {
            kind: ErrorKind::TooLarge {
                len: units,
                max,
                utf16: true,
            },
        }
    }

    pub(crate) fn option(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Option(message.into()),
        }
    }

    pub(crate) fn snapshot(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Snapshot(message.into()),
        }
    }

    /// The lexicon source and the 1-based line at fault, for a lexicon error.
    pub fn location(&self) -> Option<(&str, usize)> {
        match &self.kind {
            ErrorKind::Lexicon { source, line, .. } => Some((source, *line)),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Lexicon {
                source,
                line,
                message,
            } => write!(f, "{source}:{line}: {message}"),
            ErrorKind::TooLarge { len, max, utf16 } => {
                let size = if *utf16 {
                    "unités UTF-16, soit au moins autant d'octets en UTF-8"
                } else {
                    "octets en UTF-8"
                };
                write!(
                    f,
                    "texte trop long : {len} {size}, pour une limite de {max} (découpez-le)"
                )
            }
            ErrorKind::Option(message) => write!(f, "{message}"),
            ErrorKind::Snapshot(message) => write!(f, "instantané refusé : {message}"),
        }
    }
}

impl std::error::Error for Error {}
