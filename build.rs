//! Two things the crate's code needs from its files:
//! - the embedded lexicons without their comment lines (emptied, so that line numbers in
//!   errors stay those of `lexicons/*.tsv`): they are a tenth of the text and go into every
//!   download of the WebAssembly package;
//! - a name for this build, for `src/snapshot.rs`: a hash of its code and lexicons, so that
//!   an analyzer saved as bytes by another build is built again rather than trusted (the
//!   same lexicons with other inflection code would match other forms).

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "lexicons"] {
        println!("cargo:rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    println!("cargo:rerun-if-changed=Cargo.toml");
    files.push(PathBuf::from("Cargo.toml"));
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        hasher.write(file.to_string_lossy().as_bytes());
        hasher.write(&bytes);
        if file.starts_with("lexicons") && file.extension().is_some_and(|e| e == "tsv") {
            let text =
                String::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let name = file.file_name().expect("a file name");
            std::fs::write(out.join(name), without_comments(&text))
                .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        }
    }
    println!("cargo:rustc-env=SURLIGNEUR_BUILD={:016x}", hasher.finish());
}

/// `text` with every line that starts with `#` emptied (its line break kept).
fn without_comments(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| match line.starts_with('#') {
            true if line.ends_with("\r\n") => "\r\n",
            true if line.ends_with('\n') => "\n",
            true => "",
            false => line,
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
