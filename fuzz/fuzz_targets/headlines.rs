#![no_main]
//! Headline lists on arbitrary bytes.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = article_engine::Input {
        html: data,
        url: Some("https://news.example.com/"),
        content_type: None,
    };
    let options = article_engine::Options {
        all_links: data.first().is_some_and(|b| b & 1 == 1),
        ..Default::default()
    };
    let _ = article_engine::list_headlines(&input, &options);
});
