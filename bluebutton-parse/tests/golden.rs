//! Golden vectors: every case in `testdata/golden/cases.tsv` parses to exactly its
//! expected JSON (`<name>.json`), and its record writes exactly its expected FHIR R4 Bundle
//! (`fhir/<name>.json`). The same files drive the Python, JavaScript and Kotlin tests.
//!
//! `UPDATE_GOLDEN=1 cargo test -p bluebutton-parse --test golden` rewrites the expected
//! files; review the diff by hand before committing it.

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cases() -> Vec<(String, PathBuf)> {
    let root = repo_root();
    let index = std::fs::read_to_string(root.join("testdata/golden/cases.tsv")).expect("cases.tsv");
    index
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, input) = l.split_once('\t').expect("name<TAB>path");
            (name.to_string(), root.join(input))
        })
        .collect()
}

#[test]
fn golden_vectors_match() {
    let cases = cases();
    assert!(!cases.is_empty(), "no golden cases");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatched = Vec::new();
    for (name, input) in &cases {
        let bytes = std::fs::read(input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let record = bluebutton_parse::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let outputs = [
            (
                format!("{name}.json"),
                serde_json::to_string_pretty(&record).expect("serialize") + "\n",
            ),
            (
                format!("fhir/{name}.json"),
                bluebutton_parse::to_fhir_pretty(&record) + "\n",
            ),
        ];
        for (file, actual) in outputs {
            let expected_path = repo_root().join("testdata/golden").join(&file);
            if update {
                std::fs::create_dir_all(expected_path.parent().expect("a folder")).expect("mkdir");
                std::fs::write(&expected_path, &actual).expect("write golden");
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != actual {
                mismatched.push(file);
            }
        }
    }
    assert!(
        mismatched.is_empty(),
        "golden mismatch (UPDATE_GOLDEN=1 to regenerate, then review): {mismatched:?}"
    );
}
