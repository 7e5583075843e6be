//! The `bluebutton` command as a whole process against the quick-xml bare event loop over
//! the same files, timed in the same run:
//!
//! ```sh
//! cargo build --release -p bluebutton-cli -p bluebutton-benches --example command
//! target/release/examples/command target/release/bluebutton FOLDER [ROUNDS]
//! ```
//!
//! Every `.xml` file under `FOLDER` (sorted) is read into memory. Then, for `ROUNDS`
//! rounds (ten unless given), two things are timed in turns: the bare loop over the files
//! in memory, and `bluebutton parse --format ndjson --jobs 1 FILE...` naming the same
//! files, as one process (or a few in a row, as `xargs` would split a long command line),
//! its output sent to `/dev/null`. The command's time is everything a user waits for:
//! starting, reading the files, parsing, writing the JSON, exiting. It prints each one's
//! best and mean round, in MB/s of input, and the command's throughput as a share of the
//! bare loop's.

use bluebutton_benches::{bare_event_loop, load};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// At most this many bytes of paths per process, well under Linux's argument limits.
const ARGUMENT_BYTES: usize = 100_000;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(command), Some(folder)) = (args.next(), args.next()) else {
        eprintln!("usage: command path/to/bluebutton FOLDER [ROUNDS]");
        return ExitCode::from(2);
    };
    let rounds: usize = args
        .next()
        .and_then(|n| n.to_str()?.parse().ok())
        .unwrap_or(10);
    let files = load(Path::new(&folder), &[".xml"]);
    let total: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();
    let paths: Vec<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
    let docs: Vec<Vec<u8>> = files.into_iter().map(|(_, bytes)| bytes).collect();
    eprintln!("{} files, {total} bytes", docs.len());

    let mut bare = Vec::with_capacity(rounds);
    let mut whole = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        black_box(
            docs.iter()
                .map(|d| bare_event_loop(black_box(d)))
                .sum::<usize>(),
        );
        bare.push(start.elapsed());
        match run_command(Path::new(&command), &paths) {
            Ok(took) => whole.push(took),
            Err(e) => {
                eprintln!("the command failed: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let mbs = |t: Duration| total as f64 / 1e6 / t.as_secs_f64();
    let best = |times: &[Duration]| times.iter().copied().min().unwrap_or_default();
    let mean = |times: &[Duration]| times.iter().sum::<Duration>() / times.len().max(1) as u32;
    for (name, times) in [("bare loop", &bare), ("command", &whole)] {
        eprintln!(
            "{name}: best {:.1} ms ({:.0} MB/s), mean {:.1} ms ({:.0} MB/s)",
            best(times).as_secs_f64() * 1e3,
            mbs(best(times)),
            mean(times).as_secs_f64() * 1e3,
            mbs(mean(times)),
        );
    }
    eprintln!(
        "command/bare over {rounds} rounds: {:.1}% (best rounds), {:.1}% (means)",
        100.0 * best(&bare).as_secs_f64() / best(&whole).as_secs_f64(),
        100.0 * mean(&bare).as_secs_f64() / mean(&whole).as_secs_f64(),
    );
    ExitCode::SUCCESS
}

/// Runs the command over `paths`, a few processes in a row if the paths are long, and
/// returns the time they took together.
fn run_command(command: &Path, paths: &[PathBuf]) -> Result<Duration, String> {
    let start = Instant::now();
    let mut rest = paths;
    while !rest.is_empty() {
        let mut bytes = 0;
        let take = rest
            .iter()
            .take_while(|p| {
                bytes += p.as_os_str().len() + 1;
                bytes <= ARGUMENT_BYTES
            })
            .count()
            .max(1);
        let (batch, after) = rest.split_at(take.min(rest.len()));
        let status = Command::new(command)
            .args(["parse", "--format", "ndjson", "--jobs", "1"])
            .args(batch)
            .stdout(Stdio::null())
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("exit status {status}"));
        }
        rest = after;
    }
    Ok(start.elapsed())
}
