#![no_main]
//! The date parser on arbitrary text, with and without a reference time.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for reference in [None, Some(jiff::Timestamp::UNIX_EPOCH)] {
        let ctx = article_engine::metadata::date::DateContext {
            zone: jiff::tz::TimeZone::UTC,
            reference_time: reference,
        };
        let _ = article_engine::metadata::date::parse_date(&text, &ctx);
    }
});
