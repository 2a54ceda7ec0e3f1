//! `surligneur`: the engine over files, from the command line.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use surligneur::{Analysis, Analyzer, Category};

const HELP: &str = "\
surligneur — repère la rhétorique chargée, partiale et guerrière d'un texte français

Usage : surligneur [OPTIONS] [FICHIER|DOSSIER|-]...

Lit chaque FICHIER (l'entrée standard s'il n'y en a pas, ou pour -) et, d'un DOSSIER, ses
fichiers .txt et .md (sous-dossiers compris, dans l'ordre alphabétique des chemins), et
affiche leur analyse : dans un terminal, le texte surligné en couleurs et un résumé ; sinon
la même chose [entre crochets] ; avec --json, l'Analysis en JSON, un objet par ligne (avec
un champ \"source\" quand il y a plusieurs fichiers, analysés en parallèle sur tous les
cœurs).

Options :
  --json               écrit l'Analysis en JSON
  --lexicon FICHIER    ajoute un lexique de termes (du nom d'un lexique intégré, il le remplace)
  --rules FICHIER      ajoute des mots de règles (rules.tsv remplace ceux intégrés)
  --no-embedded        part d'aucun lexique intégré
  --categories LISTE   garde ces catégories (identifiants séparés par des virgules)
  --min-weight X       écarte les passages de poids inférieur à X
  --stats              écrit la couverture des lexiques (entrées par catégorie, motifs)
  -h, --help           écrit cette aide
  -V, --version        écrit la version

Code de sortie : 0 en cas de succès, 2 pour une option invalide, un fichier illisible, un
texte qui n'est pas en UTF-8 ou un lexique mal formé (un message d'une ligne sur stderr).";

struct Args {
    json: bool,
    stats: bool,
    files: Vec<String>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("surligneur: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let Some((args, analyzer)) = parse_args(std::env::args().skip(1))? else {
        return Ok(());
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let write_err = |e: std::io::Error| format!("impossible d’écrire la sortie : {e}");
    if args.stats {
        for (category, n) in analyzer.entries_per_category() {
            writeln!(out, "{}\t{n}", category.id()).map_err(write_err)?;
        }
        writeln!(
            out,
            "entries\t{}\npatterns\t{}",
            analyzer.entries(),
            analyzer.patterns()
        )
        .map_err(write_err)?;
        return out.flush().map_err(write_err);
    }
    let (mut files, mut folder) = (Vec::new(), false);
    for path in &args.files {
        folder |= expand(path, &mut files)?;
    }
    if files.is_empty() {
        files.push("-".to_string());
    }
    // Each analysis names its file when there are several, or a folder was given.
    let named = folder || files.len() > 1;
    // Read everything first so that a bad file stops the run before any output.
    let texts = files
        .iter()
        .map(|f| read(f))
        .collect::<Result<Vec<_>, _>>()?;
    let analyses = analyze_all(&analyzer, &texts)?;
    let color = std::io::stdout().is_terminal();
    for ((file, text), analysis) in files.iter().zip(&texts).zip(&analyses) {
        if args.json {
            let line = if named {
                let mut value = serde_json::to_value(analysis).map_err(|e| e.to_string())?;
                value["source"] = serde_json::Value::String(file.clone());
                serde_json::to_string(&value)
            } else {
                serde_json::to_string(analysis)
            };
            writeln!(out, "{}", line.map_err(|e| e.to_string())?).map_err(write_err)?;
        } else {
            if named {
                writeln!(out, "== {file} ==").map_err(write_err)?;
            }
            render(&mut out, text, analysis, color).map_err(write_err)?;
        }
    }
    out.flush().map_err(write_err)
}

/// Options and the analyzer they describe, or `None` when help or version was printed.
fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<(Args, Analyzer)>, String> {
    let mut parsed = Args {
        json: false,
        stats: false,
        files: Vec::new(),
    };
    let mut builder = Analyzer::builder();
    let mut args = args.peekable();
    let mut only_files = false;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} demande une valeur"))
        };
        match arg.as_str() {
            _ if only_files => parsed.files.push(arg),
            "--" => only_files = true,
            "--json" => parsed.json = true,
            "--stats" => parsed.stats = true,
            "--no-embedded" => builder = builder.without_embedded(),
            "--lexicon" | "--rules" => {
                let path = value(&arg)?;
                let text = read(&path)?;
                let name = Path::new(&path)
                    .file_name()
                    .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
                builder = if arg == "--lexicon" {
                    builder.lexicon(&name, &text)
                } else {
                    builder.rules(&name, &text)
                };
            }
            "--categories" => {
                let list = value(&arg)?;
                let categories = list
                    .split(',')
                    .map(|id| {
                        Category::from_id(id.trim())
                            .ok_or_else(|| format!("catégorie inconnue « {id} »"))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                builder = builder.categories(categories);
            }
            "--min-weight" => {
                let v = value(&arg)?;
                let w = v
                    .parse()
                    .map_err(|_| format!("--min-weight « {v} » n’est pas un nombre"))?;
                builder = builder.min_weight(w);
            }
            "-h" | "--help" => {
                println!("{HELP}");
                return Ok(None);
            }
            "-V" | "--version" => {
                println!("surligneur {}", env!("CARGO_PKG_VERSION"));
                return Ok(None);
            }
            s if s.starts_with('-') && s != "-" => {
                return Err(format!("option inconnue « {s} » (voir --help)"))
            }
            _ => parsed.files.push(arg),
        }
    }
    let analyzer = builder.build().map_err(|e| e.to_string())?;
    Ok(Some((parsed, analyzer)))
}

/// Appends `path` to `files`, or, for a directory, its `.txt` and `.md` files, those of its
/// subdirectories included, sorted by path; a directory with none is an error (a typo in a
/// folder's name should not pass for an empty corpus). Whether `path` was a directory.
fn expand(path: &str, files: &mut Vec<String>) -> Result<bool, String> {
    if path == "-" || !Path::new(path).is_dir() {
        files.push(path.to_string());
        return Ok(false);
    }
    let mut found = Vec::new();
    let mut dirs = vec![PathBuf::from(path)];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| format!("{} : {}", dir.display(), io_message(&e)))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{} : {}", dir.display(), io_message(&e)))?;
            let path = entry.path();
            // Not through a link to a directory, which could lead back up the tree.
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(path);
            } else if path.is_file()
                && path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
            {
                found.push(path.to_string_lossy().into_owned());
            }
        }
    }
    if found.is_empty() {
        return Err(format!(
            "{path} : aucun fichier .txt ou .md dans ce dossier"
        ));
    }
    found.sort();
    files.append(&mut found);
    Ok(true)
}

/// A file's text, or standard input's for `-`.
fn read(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    let name = if path == "-" {
        "entrée standard"
    } else {
        path
    };
    read.map_err(|e| format!("{name} : {}", io_message(&e)))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name} : UTF-8 invalide (à l’octet {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "fichier introuvable".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission refusée".to_string(),
        _ => e.to_string(),
    }
}

/// Analyzes the texts in parallel, one worker per core, results in input order.
fn analyze_all(analyzer: &Analyzer, texts: &[String]) -> Result<Vec<Analysis>, String> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(texts.len());
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Analysis, String>>> =
        (0..texts.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(text) = texts.get(i) else { break done };
                        done.push((i, analyzer.analyze(text).map_err(|e| e.to_string())));
                    }
                })
            })
            .collect();
        for handle in handles {
            for (i, result) in handle.join().unwrap_or_default() {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("un fil d’analyse a échoué".to_string())))
        .collect()
}

/// ANSI colour of a category on a terminal.
fn ansi(category: Category) -> &'static str {
    match category {
        Category::War => "1;31",
        Category::Loaded => "35",
        Category::Labeling => "1;35",
        Category::Fear => "33",
        Category::Exaggeration => "36",
        Category::FlagWaving => "34",
        Category::Unsourced => "32",
        Category::Sentiment => "2",
    }
}

/// The text with its spans marked, then a short summary.
fn render(
    out: &mut impl Write,
    text: &str,
    analysis: &Analysis,
    color: bool,
) -> std::io::Result<()> {
    let mut at = 0;
    for span in &analysis.spans {
        out.write_all(&text.as_bytes()[at..span.bytes.start])?;
        let marked = &text[span.bytes.clone()];
        if color {
            write!(out, "\x1b[4;{}m{marked}\x1b[0m", ansi(span.category))?;
        } else {
            write!(out, "[{marked}]{{{}}}", span.category.id())?;
        }
        at = span.bytes.end;
    }
    out.write_all(&text.as_bytes()[at..])?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    let s = &analysis.summary;
    writeln!(
        out,
        "\n— {} mots · charge {:.0}/100 · polarité {:+.2} · {} passages",
        s.words,
        s.charge,
        s.polarity,
        analysis.spans.len()
    )?;
    for (category, stats) in s.categories.iter().filter(|(_, st)| st.count > 0) {
        let label = category.label();
        if color {
            writeln!(
                out,
                "  \x1b[4;{}m{label}\x1b[0m : {} (poids {:.1})",
                ansi(*category),
                stats.count,
                stats.weight
            )?;
        } else {
            writeln!(
                out,
                "  {label} : {} (poids {:.1})",
                stats.count, stats.weight
            )?;
        }
    }
    Ok(())
}
