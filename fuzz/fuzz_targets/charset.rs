#![no_main]
//! Charset decoding: the first line of the input is used as a Content-Type value.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (content_type, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (std::str::from_utf8(&data[..i]).ok(), &data[i + 1..]),
        None => (None, data),
    };
    if let Ok(decoded) = article_engine::charset::decode(body, content_type, None) {
        // Output must be valid NFC text without NULs.
        assert!(!decoded.text.contains('\0'));
    }
});
