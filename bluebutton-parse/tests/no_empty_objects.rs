//! No record of any corpus file holds an empty object (`{}`): an element that says nothing
//! (an empty `<addr/>`, a `<name nullFlavor="UNK"/>` already noted elsewhere, a FHIR
//! object with no usable member) gives no item, rather than a placeholder that every
//! consumer must learn to skip.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bad") {
                    dirs.push(path);
                }
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(out.len() > 450, "corpus not found: {}", root.display());
    out
}

/// JSON paths of the empty objects in `v`.
fn empty_objects(v: &Value, path: &mut String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) if map.is_empty() => out.push(path.clone()),
        Value::Object(map) => {
            for (k, child) in map {
                let len = path.len();
                path.push('.');
                path.push_str(k);
                empty_objects(child, path, out);
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                empty_objects(child, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

#[test]
fn no_corpus_record_holds_an_empty_object() {
    let mut found = Vec::new();
    let mut parsed = 0;
    for path in corpus_files() {
        let Ok(record) = bluebutton_parse::parse(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        parsed += 1;
        let json = serde_json::to_value(&record).unwrap();
        let mut empties = Vec::new();
        // The record's own keys are always present (`"patient": {}` for a claims file).
        for (key, section) in json.as_object().unwrap() {
            let mut path = format!(".{key}");
            match section {
                Value::Object(map) => {
                    for (k, child) in map {
                        let len = path.len();
                        path.push_str(&format!(".{k}"));
                        empty_objects(child, &mut path, &mut empties);
                        path.truncate(len);
                    }
                }
                other => empty_objects(other, &mut path, &mut empties),
            }
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        found.extend(empties.into_iter().map(|p| format!("{name}: {p}")));
    }
    assert!(parsed > 450, "only {parsed} corpus files parsed");
    assert!(
        found.is_empty(),
        "{} empty objects, e.g.:\n{}",
        found.len(),
        found
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
