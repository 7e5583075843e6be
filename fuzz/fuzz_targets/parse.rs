//! Parsing never panics or hangs, on any bytes: a record or a typed error. A record
//! always serializes, and an error never is empty.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    match bluebutton_parse::parse(data) {
        Ok(record) => {
            let json = serde_json::to_string(&record).expect("a record serializes");
            assert!(json.starts_with("{\"format\":"));
        }
        Err(error) => assert!(!error.message().is_empty()),
    }
});
