//! The va_text reader alone, without detection in front of it: it never panics or hangs on
//! any bytes, and gives a record that serializes or a typed error with a message.
#![no_main]

use bluebutton_parse::model::FormatKind;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    match bluebutton_parse::parse_as(data, FormatKind::VaText) {
        Ok(record) => {
            let json = serde_json::to_string(&record).expect("a record serializes");
            assert!(json.starts_with("{\"format\":"));
        }
        Err(error) => assert!(!error.message().is_empty()),
    }
});
