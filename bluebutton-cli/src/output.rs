//! Standard output (locked and buffered), failure reports on standard error, and how a
//! run ends.

use std::io::{self, BufWriter, StdoutLock, Write};
use std::process::ExitCode;

/// How a command (or one step of it) ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[must_use]
pub(crate) struct Outcome {
    /// An input failed (and was reported), or the output could not be written.
    pub failed: bool,
    /// Nothing more can be written: stop.
    pub stopped: bool,
}

impl Outcome {
    /// Everything went well.
    pub(crate) const OK: Outcome = Outcome {
        failed: false,
        stopped: false,
    };
    /// An input failed; the others go on.
    pub(crate) const FAILED: Outcome = Outcome {
        failed: true,
        stopped: false,
    };
    /// Standard output was closed (`| head`): stop quietly.
    const CLOSED: Outcome = Outcome {
        failed: false,
        stopped: true,
    };
    /// Standard output could not be written: stop, and fail.
    const BROKEN: Outcome = Outcome {
        failed: true,
        stopped: true,
    };

    /// Both outcomes together.
    pub(crate) fn and(self, other: Outcome) -> Outcome {
        Outcome {
            failed: self.failed || other.failed,
            stopped: self.stopped || other.stopped,
        }
    }

    /// The process exit status: 1 when anything failed, else 0 (a closed output is not a
    /// failure of the command).
    pub(crate) fn exit_code(self) -> ExitCode {
        if self.failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Reports a failed input on standard error as `bluebutton: PATH: ERROR`.
///
/// Never panics, even when standard error is closed.
pub(crate) fn report(path: &str, error: &str) {
    let _ = writeln!(io::stderr().lock(), "bluebutton: {path}: {error}");
}

/// Texts at least this long skip [`Output`]'s buffer.
const DIRECT: usize = 16 * 1024;

/// Locked, buffered standard output.
pub(crate) struct Output {
    out: BufWriter<StdoutLock<'static>>,
}

impl Output {
    /// Standard output, locked for the whole run.
    pub(crate) fn new() -> Self {
        Output {
            out: BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
        }
    }

    /// Writes `text` (UTF-8) as it is. A long text (a record) goes straight out after
    /// what is buffered, rather than being copied into the buffer first.
    pub(crate) fn write(&mut self, text: impl AsRef<[u8]>) -> Outcome {
        let text = text.as_ref();
        let result = if text.len() >= DIRECT {
            let out = &mut self.out;
            out.flush().and_then(|()| out.get_mut().write_all(text))
        } else {
            self.out.write_all(text)
        };
        self.check(result)
    }

    /// Writes `text` and a newline.
    pub(crate) fn line(&mut self, text: impl AsRef<[u8]>) -> Outcome {
        let outcome = self.write(text);
        if outcome.stopped {
            return outcome;
        }
        outcome.and(self.write("\n"))
    }

    /// Flushes what is buffered, so that what follows on standard error comes after it.
    pub(crate) fn flush(&mut self) -> Outcome {
        let result = self.out.flush();
        self.check(result)
    }

    fn check(&mut self, result: io::Result<()>) -> Outcome {
        match result {
            Ok(()) => Outcome::OK,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Outcome::CLOSED,
            Err(e) => {
                let _ = writeln!(
                    io::stderr().lock(),
                    "bluebutton: cannot write the output: {e}"
                );
                Outcome::BROKEN
            }
        }
    }
}
