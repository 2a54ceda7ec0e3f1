//! The functions that `Cargo.toml` names in wasm-opt's `--no-inline` (so that `-O3` keeps
//! them apart, as V8 compiles `analyze`, builds the analyzer and reads a snapshot far
//! better so: `bench/README.md`) must exist under those names and be kept apart by Rust
//! too. A renamed one would lose the gain silently: wasm-opt ignores a name that matches
//! nothing.

use std::fs;

/// The `--no-inline=` patterns of `Cargo.toml`: `surligneur::matcher::Matcher::tokens::*`.
fn no_inline_patterns() -> Vec<String> {
    let manifest = fs::read_to_string("Cargo.toml").expect("Cargo.toml");
    manifest
        .split("\"--no-inline=")
        .skip(1)
        .map(|rest| rest.split('"').next().expect("a closing quote").to_string())
        .collect()
}

/// Whether `pattern` names an `#[inline(never)]` function of `src/`: its first segment
/// after the crate is the file, its last before `*` the function.
fn kept_apart(pattern: &str) -> bool {
    let segments: Vec<&str> = pattern.split("::").collect();
    let (Some(file), Some(name)) = (segments.get(1), segments.iter().rev().nth(1)) else {
        return false;
    };
    let Ok(source) = fs::read_to_string(format!("src/{file}.rs")) else {
        return false;
    };
    let lines: Vec<&str> = source.lines().collect();
    lines.iter().enumerate().any(|(i, line)| {
        let declares = [format!("fn {name}("), format!("fn {name}<")]
            .iter()
            .any(|d| line.contains(d.as_str()));
        declares
            && lines[i.saturating_sub(3)..i]
                .iter()
                .any(|l| l.trim() == "#[inline(never)]")
    })
}

#[test]
fn no_inline_names_functions_kept_apart() {
    let patterns = no_inline_patterns();
    assert!(
        !patterns.is_empty(),
        "Cargo.toml names no --no-inline function"
    );
    for pattern in &patterns {
        assert!(
            pattern.ends_with("::*"),
            "{pattern}: ends in ::* (the symbol's hash)"
        );
        assert!(
            kept_apart(pattern),
            "{pattern}: no #[inline(never)] function of that name"
        );
    }
    // The check fails where it should: a name that is not there, a function Rust may
    // inline, a file that is not there.
    for wrong in [
        "surligneur::matcher::Matcher::no_such_function::*",
        "surligneur::matcher::Matcher::insert::*",
        "surligneur::nowhere::tokens::*",
    ] {
        assert!(!kept_apart(wrong), "{wrong}");
    }
}
