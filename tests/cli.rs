//! The `surligneur` command: exit codes, messages, JSON output, several files.

use std::io::Write;
use std::process::{Command, Stdio};

const FIXTURE: &str = "tests/fixtures/lexicon.tsv";

/// Runs the CLI with `args` and `stdin`: (exit code, stdout, stderr).
fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_surligneur"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run surligneur");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("surligneur-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// (args, stdin, exit code, expected in stdout, expected in stderr)
type Row<'a> = (Vec<&'a str>, &'a [u8], i32, &'a str, &'a str);

#[test]
fn exit_codes_and_messages() {
    let bad_lexicon = temp_file("bad.tsv", b"# ok\nguerre\twar\tlourd\t-1\n");
    let invalid = temp_file("latin1.txt", b"caf\xe9 guerre");
    let table: Vec<Row> = vec![
        (
            vec!["--json", "--lexicon", FIXTURE],
            b"la guerre",
            0,
            "\"category\":\"war\"",
            "",
        ),
        (vec!["--json", "-"], b"", 0, "\"spans\":[]", ""),
        (vec!["--help"], b"", 0, "Usage : surligneur", ""),
        (vec!["--version"], b"", 0, "surligneur 0.1.0", ""),
        (vec!["--stats"], b"", 0, "patterns\t", ""),
        (
            vec!["--json"],
            b"\xff\xfe guerre",
            2,
            "",
            "surligneur: entrée standard : UTF-8 invalide (à l’octet 0)",
        ),
        (
            vec!["--json", invalid.as_str()],
            b"",
            2,
            "",
            "latin1.txt : UTF-8 invalide (à l’octet 3)",
        ),
        (
            vec!["--json", "/nonexistent/x.txt"],
            b"",
            2,
            "",
            "surligneur: /nonexistent/x.txt : fichier introuvable",
        ),
        (
            vec!["--jsn"],
            b"",
            2,
            "",
            "surligneur: option inconnue « --jsn » (voir --help)",
        ),
        (
            vec!["--lexicon"],
            b"",
            2,
            "",
            "surligneur: --lexicon demande une valeur",
        ),
        (
            vec!["--lexicon", bad_lexicon.as_str()],
            b"",
            2,
            "",
            "surligneur: bad.tsv:2: poids (weight) « lourd » n’est pas un nombre",
        ),
        (
            vec!["--categories", "war,peace"],
            b"",
            2,
            "",
            "surligneur: catégorie inconnue « peace »",
        ),
        (
            vec!["--min-weight", "beaucoup"],
            b"",
            2,
            "",
            "--min-weight « beaucoup » n’est pas un nombre",
        ),
        (
            vec!["--min-weight", "-1"],
            b"",
            2,
            "",
            "le poids minimum doit être un nombre ≥ 0",
        ),
    ];
    for (args, stdin, code, out, err) in &table {
        let (c, o, e) = run(args, stdin);
        assert_eq!(c, *code, "{args:?}: {e}");
        assert!(o.contains(out), "{args:?}: stdout {o:?}");
        assert!(e.contains(err), "{args:?}: stderr {e:?}");
        if *code == 2 {
            assert!(o.is_empty(), "{args:?}: nothing on stdout after an error");
            assert_eq!(e.lines().count(), 1, "{args:?}: one line on stderr: {e:?}");
        }
    }
}

#[test]
fn json_offsets_are_utf16() {
    let text = "Les milices sont prêtes à défendre la patrie 🔥 contre l’intervention militaire.";
    let (code, out, _) = run(&["--json", "--lexicon", FIXTURE], text.as_bytes());
    assert_eq!(code, 0);
    let analysis: serde_json::Value = serde_json::from_str(&out).unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    let spans = analysis["spans"].as_array().unwrap();
    let texts: Vec<&str> = spans.iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert!(
        texts.contains(&"intervention militaire") && texts.contains(&"milices"),
        "{texts:?}"
    );
    for s in spans {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&units[a..b]).unwrap(),
            s["text"].as_str().unwrap()
        );
    }
    assert!(analysis["summary"]["charge"].as_f64().unwrap() > 0.0);
    assert!(analysis.get("source").is_none());
}

#[test]
fn several_files_give_one_line_each_in_order() {
    let names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"];
    let bodies = ["la guerre", "rien ici", "la patrie !", "", "le dictateur"];
    let paths: Vec<String> = names
        .iter()
        .zip(bodies)
        .map(|(n, b)| temp_file(n, b.as_bytes()))
        .collect();
    let mut args = vec!["--json", "--lexicon", FIXTURE];
    args.extend(paths.iter().map(String::as_str));
    let (code, out, err) = run(&args, b"");
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), names.len());
    let counts = [1, 0, 1, 0, 1];
    for ((line, path), count) in lines.iter().zip(&paths).zip(counts) {
        assert_eq!(line["source"], path.as_str());
        assert_eq!(line["spans"].as_array().unwrap().len(), count, "{path}");
    }
}

/// A folder stands for its .txt and .md files, subfolders included, in path order, each
/// analysis naming its file; other files and links to folders are left out.
#[test]
fn a_folder_is_read_file_by_file() {
    let root = std::env::temp_dir().join(format!("surligneur-dir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let files = [
        ("b.txt", "la guerre"),
        ("a/z.md", "le dictateur"),
        ("a/c.TXT", "rien ici"),
        ("notes.html", "<p>la guerre</p>"),
        ("a/image.png", "la patrie"),
    ];
    for (name, body) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(&root, root.join("a/loop")).unwrap();
    std::fs::create_dir_all(root.join("empty/sub")).unwrap();
    std::fs::write(root.join("empty/sub/readme.html"), "guerre").unwrap();
    let dir = |sub: &str| root.join(sub).to_string_lossy().into_owned();
    // (folder, sources and span counts expected, or the error expected)
    type Sources<'a> = Result<Vec<(&'a str, usize)>, &'a str>;
    let table: Vec<(String, Sources)> = vec![
        (
            dir(""),
            Ok(vec![("a/c.TXT", 0), ("a/z.md", 1), ("b.txt", 1)]),
        ),
        (dir("a"), Ok(vec![("a/c.TXT", 0), ("a/z.md", 1)])),
        // Negative rows: a folder with no text file, one that is not there.
        (
            dir("empty"),
            Err("aucun fichier .txt ou .md dans ce dossier"),
        ),
        (dir("nowhere"), Err("fichier introuvable")),
    ];
    for (folder, want) in table {
        let (code, out, err) = run(&["--json", "--lexicon", FIXTURE, &folder], b"");
        match want {
            Ok(want) => {
                assert_eq!(code, 0, "{folder}: {err}");
                let got: Vec<(String, usize)> = out
                    .lines()
                    .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                    .map(|v| {
                        let source = v["source"].as_str().unwrap_or_default();
                        let relative = source.strip_prefix(&dir("")).unwrap_or(source);
                        let relative = relative.trim_start_matches('/').to_string();
                        (relative, v["spans"].as_array().unwrap().len())
                    })
                    .collect();
                let want: Vec<(String, usize)> =
                    want.iter().map(|&(p, n)| (p.to_string(), n)).collect();
                assert_eq!(got, want, "{folder}");
            }
            Err(message) => {
                assert_eq!(code, 2, "{folder}");
                assert!(err.contains(message), "{folder}: {err}");
                assert!(out.is_empty(), "{folder}: {out}");
            }
        }
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn plain_output_marks_spans() {
    let (code, out, _) = run(
        &["--lexicon", FIXTURE],
        "Un régime alimentaire, puis la guerre.".as_bytes(),
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Un régime alimentaire, puis la [guerre]{war}."),
        "{out}"
    );
    assert!(
        out.contains("charge") && out.contains("Guerre et militaire : 1"),
        "{out}"
    );
    assert!(!out.contains("\x1b["), "no colour when not on a terminal");
}
