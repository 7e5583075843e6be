//! The `bluebutton` command.
fn main() {}
