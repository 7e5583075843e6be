// Hand-written, next to the generated sources.
//
// uniffi generates `BlueButtonError.description` from the Rust `Display` text (the reason and
// its line and column) but does not declare the conformance, so `localizedDescription` would
// show a reflection dump instead. Declaring it makes both read as the Rust message.
extension BlueButtonError: CustomStringConvertible {}
