//! Detection never panics, on any bytes, and agrees with itself.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let first = bluebutton_parse::detect(data);
    assert_eq!(first, bluebutton_parse::detect(data));
});
