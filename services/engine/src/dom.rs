//! Small helpers over `scraper`'s tree. Every walk here is iterative (an explicit stack or the
//! tree's own traversal), because real pages nest thousands of levels deep.

use ego_tree::NodeRef;
pub use html5ever::{LocalName, local_name, ns};
use scraper::{ElementRef, Html, Node};

/// Attribute lookup that compares names as strings. scraper's `attr` interns the name (a hash
/// and a global-table lookup) on every call; an element has a handful of attributes, so a scan is
/// far cheaper. Same result: only attributes without a namespace match, as there.
pub trait GetAttr<'a> {
    fn get_attr(self, name: &str) -> Option<&'a str>;
    /// The same lookup by an interned name (`local_name!("class")`): each attribute costs an
    /// integer comparison instead of resolving and comparing its name's text. For the hot
    /// lookups that run on every element.
    fn attr_by(self, name: &LocalName) -> Option<&'a str>;
}

impl<'a> GetAttr<'a> for &'a scraper::node::Element {
    #[inline]
    fn get_attr(self, name: &str) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|(q, _)| &*q.local == name && q.ns.is_empty())
            .map(|(_, v)| &**v)
    }

    #[inline]
    fn attr_by(self, name: &LocalName) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|(q, _)| q.local == *name && q.ns == ns!())
            .map(|(_, v)| &**v)
    }
}

impl<'a> GetAttr<'a> for ElementRef<'a> {
    #[inline]
    fn get_attr(self, name: &str) -> Option<&'a str> {
        self.value().get_attr(name)
    }

    #[inline]
    fn attr_by(self, name: &LocalName) -> Option<&'a str> {
        self.value().attr_by(name)
    }
}

/// `<base href>` resolved against the page URL, else the page URL itself.
pub fn base_url(html: &Html, page_url: Option<&url::Url>) -> Option<url::Url> {
    let base = html
        .tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "base" && e.value().get_attr("href").is_some())
        .and_then(|e| e.value().get_attr("href"))
        .map(str::trim);
    match (base, page_url) {
        (Some(href), Some(page)) => page.join(href).ok().or_else(|| Some(page.clone())),
        (Some(href), None) => url::Url::parse(href).ok(),
        (None, page) => page.cloned(),
    }
}

/// Resolves `href` against `base`; returns `None` for non-navigational schemes.
pub fn resolve(base: Option<&url::Url>, href: &str) -> Option<url::Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let mut u = match base {
        Some(b) => b.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    u.set_fragment(None);
    Some(u)
}

/// `host` is `domain` or one of its subdomains (checked without allocating: it runs for every
/// link on a page).
pub fn is_host_or_subdomain(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// Collapses runs of whitespace (including NBSP) to one space and trims. Whitespace is what
/// `char::is_whitespace` says, plus ZWSP. Works on byte runs: text between spaces is copied
/// whole, and only the few lead bytes whitespace can start with are looked at closely.
pub fn collapse_ws(s: &str) -> String {
    let mut c = Collapser::default();
    c.push(s);
    c.out
}

/// [`collapse_ws`] fed piece by piece: the text of many nodes is collapsed straight into one
/// string, without first gathering the raw text.
#[derive(Default)]
pub struct Collapser {
    pub out: String,
    pending_space: bool,
    /// Count chars into `visible` (only [`short_text`] needs it), and stop taking text once
    /// they pass `limit`.
    counting: bool,
    limit: usize,
    /// Chars in `out` other than the single spaces between runs, when counting.
    pub visible: usize,
}

impl Collapser {
    pub fn push(&mut self, s: &str) {
        let b = s.as_bytes();
        // The output never outgrows the input (plus one joining space); when counting, the
        // walk stops soon after `limit` chars.
        self.out.reserve(if self.counting {
            b.len().min(self.limit.saturating_mul(4).saturating_add(4))
        } else {
            b.len() + 1
        });
        let mut i = 0;
        while i < b.len() {
            // The next byte that can start whitespace: an ASCII control or space, or one of
            // the lead bytes of the non-ASCII spaces (never a continuation byte, so the scan
            // may step by bytes and still stop on char boundaries). A lone ' ' between two
            // other chars is already collapsed: it stays in the run, so runs are whole lines
            // rather than words.
            let start = i;
            let mut kept_spaces = 0;
            while i < b.len() {
                let c = b[i];
                if (c <= b' ' || c == 0xC2 || (0xE1..=0xE3).contains(&c)) && space_len(b, i) > 0 {
                    if c == b' ' && i > start && i + 1 < b.len() && space_len(b, i + 1) == 0 {
                        kept_spaces += 1;
                        i += 1;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            if i > start {
                if self.pending_space && !self.out.is_empty() {
                    self.out.push(' ');
                }
                let run = s.get(start..i).unwrap_or_default();
                self.out.push_str(run);
                if self.counting {
                    self.visible += run.chars().count() - kept_spaces;
                    if self.visible > self.limit {
                        return;
                    }
                }
                self.pending_space = false;
            }
            while i < b.len() {
                let n = space_len(b, i);
                if n == 0 {
                    break;
                }
                self.pending_space = true;
                i += n;
            }
        }
    }

    /// A break between pieces (a `<br>`): collapses like a space.
    pub fn space(&mut self) {
        self.pending_space = true;
    }
}

/// Length of the whitespace char (or ZWSP) starting at `b[i]`, else 0. Non-ASCII whitespace is
/// U+0085, U+00A0, U+1680, U+2000–U+200A (+ ZWSP U+200B), U+2028, U+2029, U+202F, U+205F and
/// U+3000.
#[inline]
fn space_len(b: &[u8], i: usize) -> usize {
    match white_space_len(b, i) {
        0 if b.get(i..i + 3) == Some(&[0xE2, 0x80, 0x8B]) => 3,
        n => n,
    }
}

/// Length of the char starting at `b[i]` when it is whitespace as `char::is_whitespace` says
/// (no ZWSP), else 0. Only ASCII controls and spaces and the lead bytes 0xC2, 0xE1–0xE3 can
/// start one, so callers may pre-check those and step by bytes.
#[inline]
pub fn white_space_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b' ' | b'\t'..=b'\r' => 1,
        0xC2 if matches!(at(1), 0x85 | 0xA0) => 2,
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3,
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if at(1) == 0x81 && at(2) == 0x9F => 3,
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

/// The elements under `root` (itself included when it is one) in document order. The same
/// sequence as `root.descendants().filter_map(ElementRef::wrap)`, walked with sibling and parent
/// links, one step per node instead of an open and a close edge per node.
pub fn elements_in(root: NodeRef<'_, Node>) -> impl Iterator<Item = ElementRef<'_>> {
    let mut next = Some(root);
    std::iter::from_fn(move || {
        loop {
            let n = next?;
            next = n.first_child().or_else(|| {
                let mut a = n;
                loop {
                    if a == root {
                        return None;
                    }
                    if let Some(s) = a.next_sibling() {
                        return Some(s);
                    }
                    a = a.parent()?;
                }
            });
            if let Some(e) = ElementRef::wrap(n) {
                return Some(e);
            }
        }
    })
}

/// Whether an element's content is never visible text.
pub fn is_non_content_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "head"
            | "title"
            | "meta"
            | "link"
    )
}

/// The visible text under `node`, whitespace collapsed. Skips script, style and similar.
pub fn text_of(node: ElementRef<'_>) -> String {
    let mut c = Collapser::default();
    walk_text(*node, |t| {
        match t {
            Some(t) => c.push(t),
            None => c.space(),
        }
        true
    });
    c.out
}

/// Appends the raw visible text under `node` to `out`, iteratively.
pub fn push_text(node: NodeRef<'_, Node>, out: &mut String) {
    walk_text(node, |t| {
        out.push_str(t.unwrap_or(" "));
        true
    });
}

/// Calls `f` with each visible text under `node` in document order (`None` for a `<br>`),
/// iteratively, until it returns false; returns false when stopped early. Walks by child,
/// sibling and parent links: no stack to allocate (it runs for many small subtrees a page).
fn walk_text<'a>(node: NodeRef<'a, Node>, mut f: impl FnMut(Option<&'a str>) -> bool) -> bool {
    let mut n = node;
    loop {
        let descend = match n.value() {
            Node::Text(t) => {
                if !f(Some(t)) {
                    return false;
                }
                false
            }
            Node::Element(e) if is_non_content_tag(e.name()) => false,
            Node::Element(e) if e.name() == "br" => {
                if !f(None) {
                    return false;
                }
                false
            }
            Node::Element(_) | Node::Document | Node::Fragment => true,
            _ => false,
        };
        if descend && let Some(c) = n.first_child() {
            n = c;
            continue;
        }
        // The next node in document order that is not inside `n`, stopping at `node`.
        loop {
            if n == node {
                return true;
            }
            if let Some(s) = n.next_sibling() {
                n = s;
                break;
            }
            match n.parent() {
                Some(p) => n = p,
                None => return true,
            }
        }
    }
}

/// The visible text under `node` when it has at most `max_chars` chars (whitespace collapsed
/// counts), else `None` — without collecting the whole text of a large subtree: the walk stops
/// as soon as the visible chars pass `max_chars`.
pub fn short_text(node: ElementRef<'_>, max_chars: usize) -> Option<String> {
    let mut c = Collapser {
        counting: true,
        limit: max_chars,
        ..Collapser::default()
    };
    let complete = walk_text(*node, |t| {
        match t {
            Some(t) => c.push(t),
            None => c.space(),
        }
        c.visible <= max_chars
    });
    (complete && c.out.chars().count() <= max_chars).then_some(c.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_div(html: &Html) -> Option<ElementRef<'_>> {
        html.tree
            .root()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "div")
    }

    #[test]
    fn text_skips_scripts_and_collapses_space() {
        let html = Html::parse_fragment("<div> a <script>x</script>\n b&nbsp; c<br>d</div>");
        let div = first_div(&html);
        assert_eq!(div.map(text_of).as_deref(), Some("a b c d"));
    }

    #[test]
    fn short_text_is_the_text_when_short_enough() {
        let html = Html::parse_fragment(
            "<div> a <b>bc</b>  d\u{00A0}e<br>f <script>x y</script><i> g  h </i>\u{200B}i j</div>",
        );
        if let Some(div) = first_div(&html) {
            let full = text_of(div);
            for k in 0..full.chars().count() + 3 {
                let want = (full.chars().count() <= k).then(|| full.clone());
                assert_eq!(short_text(div, k), want, "{k}");
            }
        }
    }

    #[test]
    fn collapse_ws_matches_the_char_definition() {
        fn by_chars(s: &str) -> String {
            let mut out = String::new();
            let mut pending_space = false;
            for c in s.chars() {
                if c.is_whitespace() || c == '\u{200B}' {
                    pending_space = !out.is_empty();
                } else {
                    if pending_space {
                        out.push(' ');
                        pending_space = false;
                    }
                    out.push(c);
                }
            }
            out
        }
        // Every char that is whitespace, and its byte neighbours.
        let mut chars: Vec<char> = (0..0x3100u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace() || *c == '\u{200B}')
            .collect();
        chars.extend([
            'a', 'ক', '\u{200C}', '\u{2010}', '\u{2030}', '\u{3001}', '\u{1681}', '😀',
        ]);
        chars.extend([
            '\u{0084}', '\u{00A1}', '\u{205E}', '\u{2060}', '\u{2027}', '\u{202A}',
        ]);
        for a in &chars {
            for b in &chars {
                let t = format!(" x{a}{b}y{a} {b}");
                assert_eq!(collapse_ws(&t), by_chars(&t), "{t:?}");
            }
        }
        assert!(!(0..0x11_0000u32).filter_map(char::from_u32).any(|c| {
            let mut buf = [0u8; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            (space_len(enc, 0) > 0) != (c.is_whitespace() || c == '\u{200B}')
                || (white_space_len(enc, 0) > 0) != c.is_whitespace()
        }));
    }

    #[test]
    fn elements_in_matches_descendants() {
        let html = Html::parse_document(
            "<html><head><title>t</title></head><body><div id=a><p>x<b>y</b></p>text<table>\
             <tr><td>1<td>2</table><i><p>adopted</i></p></div><ul><li>a<li>b</ul></body></html>",
        );
        let want: Vec<_> = html
            .tree
            .root()
            .descendants()
            .filter_map(ElementRef::wrap)
            .map(|e| e.id())
            .collect();
        let got: Vec<_> = elements_in(html.tree.root()).map(|e| e.id()).collect();
        assert_eq!(got, want);
        let div = html
            .tree
            .root()
            .descendants()
            .find(|n| ElementRef::wrap(*n).is_some_and(|e| e.value().id() == Some("a")));
        if let Some(div) = div {
            let want: Vec<_> = div
                .descendants()
                .filter_map(ElementRef::wrap)
                .map(|e| e.id())
                .collect();
            let got: Vec<_> = elements_in(div).map(|e| e.id()).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 50_000;
        let html = format!("{}x{}", "<span>".repeat(depth), "</span>".repeat(depth));
        let doc = Html::parse_fragment(&html);
        let mut s = String::new();
        push_text(doc.tree.root(), &mut s);
        assert_eq!(s.trim(), "x");
    }

    #[test]
    fn resolve_drops_fragments_and_odd_schemes() {
        let base = url::Url::parse("https://example.com/a/b.html").ok();
        assert_eq!(
            resolve(base.as_ref(), "../c.html#top")
                .map(String::from)
                .as_deref(),
            Some("https://example.com/c.html")
        );
        assert!(resolve(base.as_ref(), "javascript:void(0)").is_none());
        assert!(resolve(base.as_ref(), "mailto:x@y.z").is_none());
    }
}
