//! Native throughput of `Analyzer::analyze` (criterion), on the corpora of
//! `bench/corpus.sh` (real French prose at several sizes, and a loaded-dense text).
//! Run through `bench/run.sh`, which prepares the corpora and prints the whole table.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use surligneur::Analyzer;

fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/corpus");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (run bench/corpus.sh first)", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            let name = e.path().file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    files.sort_by_key(|(_, text)| text.len());
    files
}

fn throughput(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let mut group = c.benchmark_group("analyze");
    group.sample_size(10);
    for (name, text) in corpus() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&name), &text, |b, text| {
            b.iter(|| black_box(analyzer.analyze(black_box(text)).unwrap()))
        });
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    c.bench_function("startup (parse lexicons + build automaton)", |b| {
        b.iter(|| black_box(Analyzer::new()))
    });
}

criterion_group!(benches, throughput, startup);
criterion_main!(benches);
