//! A small program to profile, for `bench/README.md` ("What the profile showed"):
//! builds the embedded analyzer, then analyzes FILE twice if one is given.
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release --example profile
//! valgrind --tool=callgrind target/release/examples/profile                # start-up
//! valgrind --tool=callgrind --toggle-collect='*Analyzer::analyze*' \
//!   target/release/examples/profile bench/corpus/prose-1MB.txt             # analysis
//! callgrind_annotate --inclusive=yes callgrind.out.*
//! ```

fn main() {
    let analyzer = surligneur::Analyzer::new();
    if let Some(path) = std::env::args().nth(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for _ in 0..2 {
            std::hint::black_box(analyzer.analyze(&text).expect("under the size limit"));
        }
    }
}
