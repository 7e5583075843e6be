//! The command line's paths as a list of inputs: `-` is standard input, a folder is
//! walked recursively in sorted order.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use bluebutton_parse::{detect, ParseError, MAX_INPUT_BYTES};

/// A read error carrying the parser's "too large" message.
fn too_large(start: &[u8]) -> io::Error {
    io::Error::other(ParseError::too_large(detect(start).kind).to_string())
}

/// How much `detect` reads of each input: more than detection's window, so a file's
/// detection is the same as if it were read whole (unless it starts with this much white
/// space, when the rest is read too).
const DETECT_READ: u64 = 1024 * 1024;

/// One thing to read.
#[derive(Debug, Clone)]
pub(crate) enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
    /// A folder that could not be listed, and why.
    Unlistable(PathBuf, String),
}

impl Input {
    /// The input as the user named it (`-` for standard input).
    pub(crate) fn label(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::File(path) | Input::Unlistable(path, _) => path.display().to_string(),
        }
    }

    /// All of the input, unless it is larger than the parser reads
    /// ([`MAX_INPUT_BYTES`]): then an error, having read no more than that, so memory stays
    /// bounded whatever the input.
    pub(crate) fn read(&self) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        self.read_into(&mut bytes)?;
        Ok(bytes)
    }

    /// [`Self::read`] into `bytes` (emptied first), whose capacity a batch reuses from one
    /// input to the next.
    pub(crate) fn read_into(&self, bytes: &mut Vec<u8>) -> Result<(), String> {
        let limit = MAX_INPUT_BYTES as u64;
        bytes.clear();
        let read = match self {
            Input::Stdin => io::stdin().lock().take(limit + 1).read_to_end(bytes),
            Input::File(path) => fs::File::open(path).and_then(|file| {
                let len = file.metadata()?.len();
                if len > limit {
                    // Too large: only the start is read, for the error to say what it is.
                    let mut start = Vec::new();
                    file.take(64 * 1024).read_to_end(&mut start)?;
                    return Err(too_large(&start));
                }
                bytes.reserve(usize::try_from(len).unwrap_or(0));
                file.take(limit + 1).read_to_end(bytes)
            }),
            Input::Unlistable(_, why) => return Err(why.clone()),
        };
        match read {
            Ok(_) if bytes.len() as u64 > limit => {
                Err(ParseError::too_large(detect(bytes).kind).to_string())
            }
            Ok(_) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// The start of the input: enough for detection.
    pub(crate) fn read_start(&self) -> Result<Vec<u8>, String> {
        fn start(mut reader: impl Read) -> io::Result<Vec<u8>> {
            let mut bytes = Vec::new();
            (&mut reader).take(DETECT_READ).read_to_end(&mut bytes)?;
            let all_blank = bytes.iter().all(u8::is_ascii_whitespace);
            if bytes.len() as u64 == DETECT_READ && all_blank {
                reader.read_to_end(&mut bytes)?;
            }
            Ok(bytes)
        }
        match self {
            Input::Stdin => start(io::stdin().lock()),
            Input::File(path) => fs::File::open(path).and_then(start),
            Input::Unlistable(_, why) => return Err(why.clone()),
        }
        .map_err(|e| e.to_string())
    }
}

/// The inputs the paths name, in order; folders expanded.
pub(crate) fn expand(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, &mut inputs);
        } else {
            // A missing file is reported when it is read, in its place.
            inputs.push(Input::File(path.clone()));
        }
    }
    inputs
}

/// Whether the paths name exactly one file (so `parse --format json` prints one record,
/// not an array).
pub(crate) fn is_single_file(paths: &[PathBuf]) -> bool {
    matches!(paths, [path] if path.as_os_str() == "-" || !path.is_dir())
}

/// A folder's entries, sorted by name, hidden ones (`.name`) left out.
fn listing(dir: &Path) -> io::Result<Vec<(OsString, PathBuf, fs::FileType)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        entries.push((name, entry.path(), entry.file_type()?));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// Every file under `root`, depth first in sorted order, without recursion. Symbolic
/// links to files are followed; links to folders are not (no loops).
fn walk(root: &Path, inputs: &mut Vec<Input>) {
    let mut stack = match listing(root) {
        Ok(entries) => vec![entries.into_iter()],
        Err(e) => {
            inputs.push(Input::Unlistable(root.to_path_buf(), e.to_string()));
            return;
        }
    };
    while let Some(level) = stack.last_mut() {
        let Some((_, path, kind)) = level.next() else {
            stack.pop();
            continue;
        };
        if kind.is_dir() {
            match listing(&path) {
                Ok(entries) => stack.push(entries.into_iter()),
                Err(e) => inputs.push(Input::Unlistable(path, e.to_string())),
            }
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            inputs.push(Input::File(path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_in_sorted_order() {
        let root = std::env::temp_dir().join(format!("bluebutton-walk-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for dir in ["b", "a/c", ".hidden"] {
            fs::create_dir_all(root.join(dir)).expect("mkdir");
        }
        for file in [
            "z.xml",
            "a/c/2.xml",
            "a/1.xml",
            "b/3.xml",
            ".hidden/x.xml",
            ".dot",
        ] {
            fs::write(root.join(file), b"x").expect("write");
        }
        let labels: Vec<String> = expand(std::slice::from_ref(&root))
            .iter()
            .map(|i| {
                i.label()
                    .trim_start_matches(&root.display().to_string())
                    .to_string()
            })
            .collect();
        let _ = fs::remove_dir_all(&root);
        let sep = std::path::MAIN_SEPARATOR;
        let expected: Vec<String> = ["/a/1.xml", "/a/c/2.xml", "/b/3.xml", "/z.xml"]
            .iter()
            .map(|p| p.replace('/', &sep.to_string()))
            .collect();
        assert_eq!(labels, expected);
    }

    #[test]
    fn single_file_or_not() {
        assert!(is_single_file(&[PathBuf::from("-")]));
        assert!(is_single_file(&[PathBuf::from("no-such-file.xml")]));
        assert!(!is_single_file(&[PathBuf::from("a"), PathBuf::from("b")]));
        assert!(!is_single_file(&[std::env::temp_dir()]));
    }
}
