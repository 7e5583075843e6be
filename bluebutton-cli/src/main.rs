//! The `bluebutton` command: detect and parse Blue Button health records.
//!
//! ```text
//! bluebutton detect PATH...                      what each file is, one line per file
//! bluebutton parse PATH... [--to record|fhir] [--format json|ndjson] [--pretty] [--jobs N]
//! bluebutton parse --fhir-patients PATH...       FHIR files read together, one record per patient
//! bluebutton summary PATH...                     a short overview of each record
//! bluebutton schema                              the record's JSON Schema
//! bluebutton completions SHELL                   a shell completion script
//! ```
//!
//! `-` reads standard input; a folder is walked recursively in sorted order. A file that
//! fails is reported on standard error as `bluebutton: PATH: ERROR` and the batch goes on;
//! the exit status is 1 when any file failed, 2 on a usage error.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod detect_command;
mod inputs;
mod output;
mod parse_command;
mod progress;
mod summary_command;

use clap::{Parser, Subcommand, ValueEnum};
use output::{Outcome, Output};
use std::path::PathBuf;
use std::process::ExitCode;

/// jemalloc: records are thousands of small strings and lists, and the system allocator
/// spends a sixth of a parse on them (see `benches/README.md`).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Detect and parse Blue Button health records: HL7 C-CDA (and, as their readers land,
/// HITSP C32, VA and CMS Blue Button text, FHIR R4 JSON) into one JSON record.
#[derive(Debug, Parser)]
#[command(
    name = "bluebutton",
    version,
    after_help = "Exit status: 0 when every file was read, 1 when any failed (each failure \
                  is reported on standard error as `bluebutton: PATH: ERROR`), 2 on a usage \
                  error.\n\nExamples:\n  bluebutton detect ~/Downloads/records\n  bluebutton \
                  parse --pretty summary.xml\n  bluebutton parse --format ndjson --jobs 4 \
                  records/ > records.ndjson\n  bluebutton parse --to fhir record.xml > \
                  bundle.json\n  cat summary.xml | bluebutton parse -"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Say what each file is: format, version, document type, and a description.
    ///
    /// Prints one line per file: path, kind, version, document type and description,
    /// separated by tabs (`-` where unknown). Only the start of each file is read.
    Detect(DetectArgs),
    /// Read each file into a health record and print it as JSON.
    ///
    /// With one file, `--format json` prints that record; with several files or a folder
    /// it prints one JSON array of the records that were read, in input order (files that
    /// fail are reported on standard error and left out). `--format ndjson` prints one
    /// compact line per record read, in input order.
    ///
    /// With `--fhir-patients`, the FHIR JSON and NDJSON files named (a bulk-data export, a
    /// folder of resources and Bundles) are read together into one record per patient.
    Parse(ParseArgs),
    /// Print a short human-readable overview of each record.
    ///
    /// For each file: its format, the document's title and date, the patient, how many
    /// entries each section holds, and the warnings by kind.
    Summary(SummaryArgs),
    /// Print the JSON Schema of the record that `parse` prints.
    Schema,
    /// Print a completion script for a shell.
    ///
    /// For example `bluebutton completions bash > /etc/bash_completion.d/bluebutton`, or
    /// `bluebutton completions zsh > "${fpath[1]}/_bluebutton"`.
    Completions(CompletionsArgs),
}

/// Arguments of `bluebutton summary`.
#[derive(Debug, clap::Args)]
struct SummaryArgs {
    /// Files or folders to read (`-` for standard input; folders are walked recursively).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Arguments of `bluebutton completions`.
#[derive(Debug, clap::Args)]
struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Arguments of `bluebutton detect`.
#[derive(Debug, clap::Args)]
struct DetectArgs {
    /// Files or folders to look at (`-` for standard input; folders are walked
    /// recursively, in sorted order, skipping hidden files).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format: tab-separated text, or one JSON object per line.
    #[arg(long, value_enum, default_value_t = DetectFormat::Text)]
    format: DetectFormat,
}

/// How `detect` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DetectFormat {
    /// `PATH<TAB>KIND<TAB>VERSION<TAB>DOCUMENT TYPE<TAB>DESCRIPTION`, one line per file.
    Text,
    /// One JSON object per line: `path` and the detection's fields.
    Json,
}

/// Arguments of `bluebutton parse`.
#[derive(Debug, clap::Args)]
struct ParseArgs {
    /// Files or folders to read (`-` for standard input; folders are walked recursively,
    /// in sorted order, skipping hidden files).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format: `json` prints one record for one file and an array of records for
    /// several; `ndjson` prints one compact record per line.
    #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
    format: ParseFormat,
    /// What to print for each file: the record, or the record as a FHIR R4 Bundle (type
    /// `collection`).
    #[arg(long, value_enum, default_value_t = ParseTarget::Record)]
    to: ParseTarget,
    /// Indent the JSON (with `--format json`).
    #[arg(long)]
    pretty: bool,
    /// Parse this many files at once (0: one per CPU). Output stays in input order.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 1)]
    jobs: usize,
    /// Read the FHIR R4 files together (`.ndjson` and `.jsonl` line by line, others as
    /// JSON resources or Bundles; in folders, only `.json`, `.ndjson` and `.jsonl` files)
    /// and print one record per patient: resources go to the patient their `patient`,
    /// `subject` or `beneficiary` names; those naming no patient make one last record.
    /// `--format json` prints an array. When any file fails, it is reported and no record
    /// is printed. `--jobs` does not apply.
    #[arg(long)]
    fhir_patients: bool,
}

/// What `parse` prints for each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ParseTarget {
    /// The health record's JSON.
    Record,
    /// The record as a FHIR R4 Bundle of type `collection`.
    Fhir,
}

/// How `parse` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ParseFormat {
    /// One record, or an array of records when several files are given.
    Json,
    /// One compact record per line (newline-delimited JSON).
    Ndjson,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Parse(args) = &cli.command {
        if args.pretty && args.format == ParseFormat::Ndjson {
            use clap::CommandFactory;
            let mut command = Cli::command();
            command.build();
            let parse = command.find_subcommand_mut("parse").cloned();
            parse
                .unwrap_or(command)
                .error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "--pretty cannot be used with --format ndjson (one record per line)",
                )
                .exit();
        }
    }
    // A reader that panics is reported as that file's failure, not as a crash.
    std::panic::set_hook(Box::new(|_| {}));
    let mut output = Output::new();
    let outcome = match &cli.command {
        Command::Detect(args) => detect_command::run(&args.paths, args.format, &mut output),
        Command::Parse(args) => parse_command::run(args, &mut output),
        Command::Summary(args) => summary_command::run(&args.paths, &mut output),
        Command::Schema => schema(&mut output),
        Command::Completions(args) => completions(args.shell, &mut output),
    };
    let outcome = if outcome.stopped {
        outcome
    } else {
        outcome.and(output.flush())
    };
    outcome.exit_code()
}

/// Prints a completion script for `shell`.
fn completions(shell: clap_complete::Shell, output: &mut Output) -> Outcome {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "bluebutton", &mut script);
    output.write(&*String::from_utf8_lossy(&script))
}

/// Prints the record's JSON Schema, pretty.
fn schema(output: &mut Output) -> Outcome {
    match serde_json::to_string_pretty(&bluebutton_model::json_schema()) {
        Ok(text) => output.line(&text),
        Err(e) => {
            output::report("schema", &e.to_string());
            Outcome::FAILED
        }
    }
}
