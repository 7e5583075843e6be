//! A huge input is refused before it is read, so memory stays bounded (issue: hostile input).
//! Its own test binary, so that no other test moves the process's peak memory meanwhile.

use bluebutton_parse::{parse, ErrorKind, MAX_INPUT_BYTES};

/// The process's peak resident memory in KiB (`VmHWM`), where the OS reports it.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_gigabyte_input_is_refused_without_being_read() {
    let before = peak_rss_kib();
    // Zeroed memory is mapped lazily: the gigabyte costs nothing until something reads it.
    let huge = vec![0u8; 1 << 30];
    assert!(huge.len() > MAX_INPUT_BYTES);
    let err = parse(&huge).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LimitExceeded, "{err}");
    assert!(err.message().contains("256 MiB"), "{err}");
    if let (Some(before), Some(after)) = (before, peak_rss_kib()) {
        let grown_mib = (after.saturating_sub(before)) / 1024;
        assert!(grown_mib < 16, "parse touched {grown_mib} MiB of the input");
    }
}

#[test]
fn an_input_at_the_limit_is_read() {
    // One byte under the limit is not refused for its size: here it is refused for what it
    // is (NUL bytes are binary data), which shows the size check let it through.
    let at_limit = vec![0u8; MAX_INPUT_BYTES];
    let err = parse(&at_limit).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAHealthRecord, "{err}");
}
