#![no_main]
//! The pre-scan's lean page (no comments, script code or style sheets) must parse to the tree
//! the whole page gives, less those nodes, on any input the parse budget admits.

use article_engine::guard;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let scan = guard::scan(&text, true);
    if scan.work > article_engine::Limits::default().max_parse_work {
        return;
    }
    let whole = guard::tree_signature(&scraper::Html::parse_document(&text));
    let lean = guard::tree_signature(&scraper::Html::parse_document(&scan.lean));
    assert_eq!(whole, lean, "lean page {:?}", scan.lean);
});
