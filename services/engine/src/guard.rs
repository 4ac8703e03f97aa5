//! A linear pre-scan that bounds the HTML parser's work before it runs.
//!
//! html5ever is linear on ordinary pages but quadratic on some pathological ones: each start tag
//! of a block element (`div`, `ul`, `li`, `section`, …) makes the tree builder walk the stack of
//! open elements ("has a p element in button scope"), so 10^5 unclosed `<div>`s take ~30 s and
//! nested `<ul><li>` ~2 min; attribute de-duplication is quadratic in attributes per element
//! (10^5 attributes: ~5 s). A worker stuck that long is lost capacity, so we estimate that work
//! from the tokens in one pass and refuse the page when it is over budget. Real pages cost
//! ~10^5 units; the default budget (2 × 10^7, about 0.1 s of walking) leaves a wide margin.

/// Estimated parser work of `html`: the sum over block start tags of the (approximate) depth of
/// open elements they walk, plus `n²/2` for an element with `n` attributes.
pub fn parse_work(html: &str) -> u64 {
    let b = html.as_bytes();
    let mut i = 0;
    let mut work: u64 = 0;
    // Depth of open elements, and the depths at which scope boundaries (table, td, button, …)
    // were opened: the walk stops at the nearest boundary.
    let mut depth: u64 = 0;
    let mut boundaries: Vec<u64> = Vec::new();
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        let Some(&c) = b.get(i) else { break };
        if c == b'!' {
            // Comment, doctype or CDATA: skip to its end.
            i = if b[i..].starts_with(b"!--") {
                find_comment_end(&b[i..]).map_or(b.len(), |e| i + e + 3)
            } else {
                memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1)
            };
            continue;
        }
        let closing = c == b'/';
        let start = if closing { i + 1 } else { i };
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue; // "<" as text
        }
        // The name, lowercased as it is read (one pass).
        let mut lower = [0u8; 12];
        let mut name_len = 0;
        while let Some(&c) = b.get(start + name_len) {
            if !c.is_ascii_alphanumeric() {
                break;
            }
            if let Some(d) = lower.get_mut(name_len) {
                *d = c.to_ascii_lowercase();
            }
            name_len += 1;
        }
        let name: &[u8] = if name_len <= lower.len() {
            &lower[..name_len]
        } else {
            b"x-long-name"
        };
        // Find the tag's end and count its attributes (quoted values may hold '>').
        let (end, attrs) = tag_end(b, start + name_len);
        i = end;
        if closing {
            depth = depth.saturating_sub(1);
            while boundaries.last().is_some_and(|&d| d > depth) {
                boundaries.pop();
            }
            continue;
        }
        work = work.saturating_add(attrs * attrs / 2);
        let class = classify(name);
        if class & BLOCK != 0 {
            let floor = boundaries.last().copied().unwrap_or(0);
            work = work.saturating_add(depth - floor.min(depth));
        }
        if class & RAW != 0
            && let Some(raw_end) = raw_text_end(name)
        {
            // Script, style and the like hold text, not tags.
            i = find_ci(&b[i..], raw_end).map_or(b.len(), |e| i + e);
            continue;
        }
        if class & VOID == 0 && b.get(end.wrapping_sub(2)) != Some(&b'/') {
            depth += 1;
            if class & BOUNDARY != 0 {
                boundaries.push(depth);
            }
        }
    }
    work
}

/// What the scan needs to know about a tag name, from one `match` (a tag is looked up once, not
/// in four tables).
const BLOCK: u8 = 1;
const BOUNDARY: u8 = 2;
const VOID: u8 = 4;
const RAW: u8 = 8;

fn classify(name: &[u8]) -> u8 {
    match name {
        b"address" => BLOCK,
        b"article" => BLOCK,
        b"aside" => BLOCK,
        b"blockquote" => BLOCK,
        b"center" => BLOCK,
        b"details" => BLOCK,
        b"dialog" => BLOCK,
        b"dir" => BLOCK,
        b"div" => BLOCK,
        b"dl" => BLOCK,
        b"fieldset" => BLOCK,
        b"figcaption" => BLOCK,
        b"figure" => BLOCK,
        b"footer" => BLOCK,
        b"header" => BLOCK,
        b"hgroup" => BLOCK,
        b"main" => BLOCK,
        b"menu" => BLOCK,
        b"nav" => BLOCK,
        b"ol" => BLOCK,
        b"p" => BLOCK | VOID,
        b"search" => BLOCK,
        b"section" => BLOCK,
        b"summary" => BLOCK,
        b"ul" => BLOCK,
        b"h1" => BLOCK,
        b"h2" => BLOCK,
        b"h3" => BLOCK,
        b"h4" => BLOCK,
        b"h5" => BLOCK,
        b"h6" => BLOCK,
        b"pre" => BLOCK,
        b"listing" => BLOCK,
        b"form" => BLOCK,
        b"li" => BLOCK | VOID,
        b"dd" => BLOCK | VOID,
        b"dt" => BLOCK | VOID,
        b"plaintext" => BLOCK,
        b"table" => BLOCK | BOUNDARY,
        b"hr" => BLOCK | VOID,
        b"xmp" => BLOCK | RAW,
        b"button" => BLOCK | BOUNDARY,
        b"td" => BOUNDARY | VOID,
        b"th" => BOUNDARY | VOID,
        b"caption" => BOUNDARY,
        b"marquee" => BOUNDARY,
        b"object" => BOUNDARY,
        b"applet" => BOUNDARY,
        b"template" => BOUNDARY,
        b"html" => BOUNDARY | VOID,
        b"area" => VOID,
        b"base" => VOID,
        b"br" => VOID,
        b"col" => VOID,
        b"embed" => VOID,
        b"img" => VOID,
        b"input" => VOID,
        b"link" => VOID,
        b"meta" => VOID,
        b"source" => VOID,
        b"track" => VOID,
        b"wbr" => VOID,
        b"param" => VOID,
        b"keygen" => VOID,
        b"frame" => VOID,
        b"option" => VOID,
        b"optgroup" => VOID,
        b"tr" => VOID,
        b"rb" => VOID,
        b"rt" => VOID,
        b"rp" => VOID,
        b"rtc" => VOID,
        b"tbody" => VOID,
        b"thead" => VOID,
        b"tfoot" => VOID,
        b"colgroup" => VOID,
        b"head" => VOID,
        b"body" => VOID,
        b"script" => RAW,
        b"style" => RAW,
        b"textarea" => RAW,
        b"title" => RAW,
        b"iframe" => RAW,
        b"noembed" => RAW,
        b"noframes" => RAW,
        b"noscript" => RAW,
        _ => 0,
    }
}

/// Position after the tag's `>` and the number of attributes in it.
fn tag_end(b: &[u8], mut i: usize) -> (usize, u64) {
    let mut attrs = 0u64;
    let mut in_name = false;
    while let Some(&c) = b.get(i) {
        match TAG_BYTES[usize::from(c)] {
            NAME => {
                attrs += u64::from(!in_name);
                in_name = true;
            }
            SEPARATOR => in_name = false,
            END => return (i + 1, attrs),
            _ => {
                // A quoted value (it may hold '>').
                i = memchr(c, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
                in_name = false;
                continue;
            }
        }
        i += 1;
    }
    (b.len(), attrs)
}

/// What each byte is inside a tag, looked up in one table rather than by a chain of tests
/// (most bytes of a tag are names): `>` ends it, quotes open a value, ASCII whitespace, `/`
/// and `=` separate, anything else is part of a name.
const NAME: u8 = 0;
const SEPARATOR: u8 = 1;
const END: u8 = 2;
const QUOTE: u8 = 3;
static TAG_BYTES: [u8; 256] = {
    let mut t = [NAME; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b'>' => END,
            b'"' | b'\'' => QUOTE,
            b'=' | b'/' => SEPARATOR,
            _ if b.is_ascii_whitespace() => SEPARATOR,
            _ => NAME,
        };
        c += 1;
    }
    t
};

#[cfg(test)] // the readable lists; `classify` is checked against them
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"center"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"header"
            | b"hgroup"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"search"
            | b"section"
            | b"summary"
            | b"ul"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"pre"
            | b"listing"
            | b"form"
            | b"li"
            | b"dd"
            | b"dt"
            | b"plaintext"
            | b"table"
            | b"hr"
            | b"xmp"
            | b"button"
    )
}

#[cfg(test)] // the readable lists; `classify` is checked against them
fn is_scope_boundary(name: &[u8]) -> bool {
    matches!(
        name,
        b"table"
            | b"td"
            | b"th"
            | b"caption"
            | b"marquee"
            | b"object"
            | b"applet"
            | b"template"
            | b"button"
            | b"html"
    )
}

#[cfg(test)] // the readable lists; `classify` is checked against them
/// Elements that never nest: void elements, and those whose end tag the parser implies when a
/// sibling starts (a flat run of `<p>` or `<li>` stays shallow).
fn is_void_or_implied(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"param"
            | b"keygen"
            | b"frame"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"rtc"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"colgroup"
            | b"html"
            | b"head"
            | b"body"
    )
}

fn raw_text_end(name: &[u8]) -> Option<&'static [u8]> {
    Some(match name {
        b"script" => b"</script",
        b"style" => b"</style",
        b"textarea" => b"</textarea",
        b"title" => b"</title",
        b"xmp" => b"</xmp",
        b"iframe" => b"</iframe",
        b"noembed" => b"</noembed",
        b"noframes" => b"</noframes",
        b"noscript" => b"</noscript",
        _ => return None,
    })
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(needle, hay)
}

/// The end of a comment, by a searcher built once (`memmem::find` sets one up per call).
fn find_comment_end(hay: &[u8]) -> Option<usize> {
    static END: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"-->"));
    END.find(hay)
}

/// Case-insensitive search for `needle` (which starts with "</"): jump between "</" with
/// memchr, then compare the name.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    // Built once: `memmem::find` would set up a searcher on every call.
    static CLOSE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"</"));
    let mut from = 0;
    while let Some(pos) = CLOSE.find(&hay[from..]) {
        let at = from + pos;
        if hay
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUDGET: u64 = 20_000_000;

    #[test]
    fn ordinary_markup_is_cheap() {
        let page = format!(
            "<!doctype html><html><head><title>a<b</title><script>if (a<b) {{}}</script></head>\
             <body>{}</body></html>",
            "<div class='x'><p>text <a href='/a?b>c'>link</a></p><ul><li>a<li>b</ul></div>"
                .repeat(2_000)
        );
        assert!(parse_work(&page) < 100_000, "{}", parse_work(&page));
    }

    #[test]
    fn flat_runs_of_implied_end_tags_are_cheap() {
        assert!(parse_work(&"<p>x".repeat(100_000)) < 1_000);
        assert!(parse_work(&"<li>x".repeat(100_000)) < 1_000);
        assert!(parse_work(&"<div></div>".repeat(100_000)) < 1_000);
    }

    #[test]
    fn pathological_pages_are_over_budget() {
        assert!(parse_work(&"<div>".repeat(100_000)) > BUDGET);
        assert!(parse_work(&"<ul><li>".repeat(100_000)) > BUDGET);
        let mut attrs = String::from("<div ");
        for i in 0..100_000 {
            attrs.push_str(&format!("a{i}=x "));
        }
        attrs.push('>');
        assert!(parse_work(&attrs) > BUDGET);
        // Deep but cheap for the parser: inline elements and tables do not walk far.
        assert!(parse_work(&"<span>".repeat(100_000)) < 1_000);
        assert!(parse_work(&"<table>".repeat(100_000)) < 1_000_000);
    }

    #[test]
    fn tag_end_by_table_matches_the_byte_tests() {
        fn by_tests(b: &[u8], mut i: usize) -> (usize, u64) {
            let mut attrs = 0u64;
            let mut in_name = false;
            while let Some(&c) = b.get(i) {
                match c {
                    b'>' => return (i + 1, attrs),
                    b'"' | b'\'' => {
                        i = memchr::memchr(c, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
                        in_name = false;
                        continue;
                    }
                    b'=' => in_name = false,
                    c if c.is_ascii_whitespace() || c == b'/' => in_name = false,
                    _ => {
                        if !in_name {
                            attrs += 1;
                            in_name = true;
                        }
                    }
                }
                i += 1;
            }
            (b.len(), attrs)
        }
        let mut tags: Vec<Vec<u8>> = [
            " class=\"a>b\" id='x' hidden>",
            " a=1 b = 2\tc\n/d\x0b e\x0c>rest",
            "/>",
            " unterminated='",
            " x=\"y\"z w",
        ]
        .iter()
        .map(|t| t.as_bytes().to_vec())
        .collect();
        for c in 0..=255u8 {
            tags.push(vec![b' ', b'a', c, b'b', b' ', c, b'>']);
        }
        for t in tags {
            for start in 0..t.len() {
                assert_eq!(tag_end(&t, start), by_tests(&t, start), "{t:?} {start}");
            }
        }
    }

    #[test]
    fn classify_agrees_with_the_lists() {
        let mut names: Vec<&[u8]> = vec![b"span", b"a", b"x-long-name", b"tbody2"];
        for n in [
            "address",
            "article",
            "aside",
            "blockquote",
            "center",
            "details",
            "dialog",
            "dir",
            "div",
            "dl",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "header",
            "hgroup",
            "main",
            "menu",
            "nav",
            "ol",
            "p",
            "search",
            "section",
            "summary",
            "ul",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "pre",
            "listing",
            "form",
            "li",
            "dd",
            "dt",
            "plaintext",
            "table",
            "hr",
            "xmp",
            "button",
            "td",
            "th",
            "caption",
            "marquee",
            "object",
            "applet",
            "template",
            "html",
            "area",
            "base",
            "br",
            "col",
            "embed",
            "img",
            "input",
            "link",
            "meta",
            "source",
            "track",
            "wbr",
            "param",
            "keygen",
            "frame",
            "option",
            "optgroup",
            "tr",
            "rb",
            "rt",
            "rp",
            "rtc",
            "tbody",
            "thead",
            "tfoot",
            "colgroup",
            "head",
            "body",
            "script",
            "style",
            "textarea",
            "title",
            "iframe",
            "noembed",
            "noframes",
            "noscript",
        ] {
            names.push(n.as_bytes());
        }
        for n in names {
            let c = classify(n);
            assert_eq!(c & BLOCK != 0, is_block(n));
            assert_eq!(c & BOUNDARY != 0, is_scope_boundary(n));
            assert_eq!(c & VOID != 0, is_void_or_implied(n));
            assert_eq!(c & RAW != 0, raw_text_end(n).is_some());
        }
    }

    #[test]
    fn truncated_input_does_not_panic() {
        for s in [
            "<", "<d", "<div a='", "<!--", "<script>", "</", "<a b=\"c", "<!",
        ] {
            let _ = parse_work(s);
        }
    }
}
