#![no_main]
//! Article extraction on arbitrary bytes: must never panic, overflow the stack or hang.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = article_engine::Input {
        html: data,
        url: Some("https://news.example.com/section/2024/03/14/story"),
        content_type: None,
    };
    let _ = article_engine::extract(&input, &article_engine::Options::default());
});
