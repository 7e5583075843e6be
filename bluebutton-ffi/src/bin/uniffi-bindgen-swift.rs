//! `uniffi-bindgen-swift`: generates Swift sources, C headers and one modulemap for all crates.
fn main() {
    uniffi::uniffi_bindgen_swift()
}
