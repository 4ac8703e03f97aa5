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
                find(&b[i..], b"-->").map_or(b.len(), |e| i + e + 3)
            } else {
                memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1)
            };
            continue;
        }
        let closing = c == b'/';
        let start = if closing { i + 1 } else { i };
        let name_len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[start].is_ascii_alphabetic() {
            continue; // "<" as text
        }
        let name = &b[start..start + name_len];
        let mut lower = [0u8; 12];
        let name = if name.len() <= lower.len() {
            for (d, s) in lower.iter_mut().zip(name) {
                *d = s.to_ascii_lowercase();
            }
            &lower[..name.len()]
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
        if is_block(name) {
            let floor = boundaries.last().copied().unwrap_or(0);
            work = work.saturating_add(depth - floor.min(depth));
        }
        if let Some(raw_end) = raw_text_end(name) {
            // Script, style and the like hold text, not tags.
            i = find_ci(&b[i..], raw_end).map_or(b.len(), |e| i + e);
            continue;
        }
        if !is_void_or_implied(name) && b.get(end.wrapping_sub(2)) != Some(&b'/') {
            depth += 1;
            if is_scope_boundary(name) {
                boundaries.push(depth);
            }
        }
    }
    work
}

/// Position after the tag's `>` and the number of attributes in it.
fn tag_end(b: &[u8], mut i: usize) -> (usize, u64) {
    let mut attrs = 0u64;
    let mut in_name = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'>' => return (i + 1, attrs),
            b'"' | b'\'' => {
                i = memchr(c, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
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

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Case-insensitive search for `needle` (which starts with "</"): jump between "</" with
/// memchr, then compare the name.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&hay[from..], b"</") {
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
    fn truncated_input_does_not_panic() {
        for s in [
            "<", "<d", "<div a='", "<!--", "<script>", "</", "<a b=\"c", "<!",
        ] {
            let _ = parse_work(s);
        }
    }
}
