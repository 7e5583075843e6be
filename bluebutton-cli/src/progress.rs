//! A progress bar for batches, drawn on standard error only when it is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Counts files done; draws nothing when standard error is not a terminal or the batch
/// has a single file.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for `total` files.
    pub(crate) fn new(total: usize) -> Self {
        let shown = total > 1 && std::io::stderr().is_terminal();
        let bar = shown.then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total as u64),
                ProgressDrawTarget::stderr_with_hz(10),
            );
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files, {per_sec}, eta {eta} ({msg} failed)",
            ) {
                bar.set_style(style);
            }
            bar.set_message("0");
            bar
        });
        Progress { bar }
    }

    /// One more file done; `failed` is the number of failures so far.
    pub(crate) fn advance(&self, failed: usize) {
        if let Some(bar) = &self.bar {
            bar.set_message(failed.to_string());
            bar.inc(1);
        }
    }

    /// Runs `f` (which writes to standard error) with the bar hidden meanwhile.
    pub(crate) fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
