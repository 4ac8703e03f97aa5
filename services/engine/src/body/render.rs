//! Turns the selected elements into blocks (paragraphs, headings, list items, quotes, code,
//! table rows), drops furniture blocks, and writes text, safe HTML and Markdown from the same
//! blocks.

use super::arena::{Arena, Verdict};
use crate::dom::{GetAttr, white_space_len};
use crate::rules::body as rules;
use scraper::Node;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Para,
    Heading(u8),
    Item {
        ordered: bool,
    },
    Quote,
    Code,
    Row,
    /// A `<figcaption>`: the caption of a figure inside the story.
    Caption,
}

#[derive(Debug)]
pub struct Block {
    pub kind: Kind,
    pub text: String,
    pub html: String,
    pub md: String,
    chars: usize,
    link_chars: usize,
    /// Of `link_chars`, chars in links to other sites.
    external_link_chars: usize,
}

impl Block {
    /// Share of the block's chars inside links to the page's own site.
    pub fn own_link_share(&self) -> f32 {
        if self.chars == 0 {
            return 0.0;
        }
        (self.link_chars - self.external_link_chars) as f32 / self.chars as f32
    }

    fn new(kind: Kind) -> Self {
        Self {
            kind,
            text: String::new(),
            html: String::new(),
            md: String::new(),
            chars: 0,
            link_chars: 0,
            external_link_chars: 0,
        }
    }
}

struct Builder<'b> {
    base: Option<&'b url::Url>,
    blocks: Vec<Block>,
    cur: Block,
    /// Kinds of the open block elements, innermost last.
    kinds: Vec<Kind>,
    /// Open list types, innermost last (true = ordered).
    lists: Vec<bool>,
    links: Vec<Option<String>>,
    /// For each open link: whether it points to another site.
    external: Vec<bool>,
    pre_depth: usize,
    bold_depth: usize,
    italic_depth: usize,
}

enum Step<'a> {
    Enter(ego_tree::NodeRef<'a, Node>, u32),
    Exit(ego_tree::NodeRef<'a, Node>),
}

/// Renders the subtrees at `roots` (arena indices, document order) into blocks.
pub fn blocks(arena: &Arena<'_>, roots: &[u32], base: Option<&url::Url>) -> Vec<Block> {
    let mut b = Builder {
        base,
        blocks: Vec::new(),
        cur: Block::new(Kind::Para),
        kinds: Vec::new(),
        lists: Vec::new(),
        links: Vec::new(),
        external: Vec::new(),
        pre_depth: 0,
        bold_depth: 0,
        italic_depth: 0,
    };
    // One buffer for every element's children (gathered forwards, pushed reversed).
    let mut kids: Vec<Step<'_>> = Vec::new();
    for &root in roots {
        let info = &arena.nodes[root as usize];
        if info.dropped {
            continue;
        }
        let mut stack = vec![Step::Enter(*info.el, root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(node, idx) => {
                    let Node::Element(e) = node.value() else {
                        if let Node::Text(t) = node.value() {
                            b.text(t);
                        }
                        continue;
                    };
                    if idx != u32::MAX && arena.nodes[idx as usize].verdict == Verdict::Drop {
                        continue;
                    }
                    b.enter(e.name(), e);
                    stack.push(Step::Exit(node));
                    // Children in document order, with their arena indices (skipped tags are
                    // not in the arena).
                    let mut next = idx + 1;
                    kids.clear();
                    for c in node.children() {
                        match c.value() {
                            Node::Element(ce) => {
                                if super::arena::is_skip_tag(ce.name()) {
                                    continue;
                                }
                                kids.push(Step::Enter(c, next));
                                next += arena.nodes.get(next as usize).map_or(1, |n| n.size);
                            }
                            Node::Text(_) => kids.push(Step::Enter(c, u32::MAX)),
                            _ => {}
                        }
                    }
                    stack.extend(kids.drain(..).rev());
                }
                Step::Exit(node) => {
                    if let Node::Element(e) = node.value() {
                        b.exit(e.name());
                    }
                }
            }
        }
        b.flush();
    }
    b.flush();
    b.blocks
}

fn block_kind(name: &str, lists: &[bool]) -> Option<Kind> {
    Some(match name {
        "p" | "div" | "section" | "article" | "main" | "header" | "figure" | "address"
        | "center" | "details" | "summary" | "dl" | "dt" | "dd" | "table" | "ul" | "ol"
        | "hgroup" | "caption" | "tbody" | "thead" | "tfoot" => Kind::Para,
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "li" => Kind::Item {
            ordered: lists.last().copied().unwrap_or(false),
        },
        "blockquote" => Kind::Quote,
        "pre" => Kind::Code,
        "tr" => Kind::Row,
        "figcaption" => Kind::Caption,
        _ => return None,
    })
}

impl Builder<'_> {
    fn enter(&mut self, name: &str, e: &scraper::node::Element) {
        match name {
            "ul" => self.lists.push(false),
            "ol" => self.lists.push(true),
            _ => {}
        }
        if let Some(kind) = block_kind(name, &self.lists) {
            self.flush();
            // Inside a quote or list item, nested plain blocks keep the outer kind.
            let kind = match (kind, self.kinds.last()) {
                (Kind::Para, Some(&outer)) if outer != Kind::Row => outer,
                _ => kind,
            };
            self.kinds.push(kind);
            self.cur.kind = kind;
            if kind == Kind::Code {
                self.pre_depth += 1;
            }
            return;
        }
        match name {
            "br" => {
                self.cur.text.push('\n');
                self.cur.html.push_str("<br>");
                self.cur.md.push_str("  \n");
            }
            "td" | "th" if self.cur.chars > 0 => {
                self.cur.text.push(' ');
                self.cur.html.push(' ');
                self.cur.md.push_str(" | ");
            }
            "a" => {
                let url = e
                    .get_attr("href")
                    .and_then(|h| crate::dom::resolve(self.base, h));
                let external = url.as_ref().is_some_and(|u| is_external(self.base, u));
                let href = url.map(String::from);
                if let Some(h) = &href {
                    self.cur.html.push_str("<a href=\"");
                    escape_into(&mut self.cur.html, h, true);
                    self.cur.html.push_str("\">");
                    self.cur.md.push('[');
                }
                self.external.push(external);
                self.links.push(href);
            }
            "strong" | "b" => {
                if self.bold_depth == 0 {
                    self.cur.html.push_str("<strong>");
                    self.cur.md.push_str("**");
                }
                self.bold_depth += 1;
            }
            "em" | "i" => {
                if self.italic_depth == 0 {
                    self.cur.html.push_str("<em>");
                    self.cur.md.push('*');
                }
                self.italic_depth += 1;
            }
            _ => {}
        }
    }

    fn exit(&mut self, name: &str) {
        match name {
            "ul" | "ol" => {
                self.lists.pop();
            }
            _ => {}
        }
        if block_kind(name, &self.lists).is_some() || matches!(name, "ul" | "ol") {
            self.flush();
            if let Some(k) = self.kinds.pop()
                && k == Kind::Code
            {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
            self.cur.kind = self.kinds.last().copied().unwrap_or(Kind::Para);
            return;
        }
        match name {
            "a" => {
                self.external.pop();
                if let Some(Some(href)) = self.links.pop() {
                    self.cur.html.push_str("</a>");
                    if self.cur.md.ends_with('[') {
                        self.cur.md.pop();
                    } else {
                        self.cur.md.push_str("](");
                        self.cur.md.push_str(&href.replace(')', "%29"));
                        self.cur.md.push(')');
                    }
                }
            }
            "strong" | "b" => {
                self.bold_depth = self.bold_depth.saturating_sub(1);
                if self.bold_depth == 0 {
                    close_inline(&mut self.cur, "</strong>", "**");
                }
            }
            "em" | "i" => {
                self.italic_depth = self.italic_depth.saturating_sub(1);
                if self.italic_depth == 0 {
                    close_inline(&mut self.cur, "</em>", "*");
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        let in_link = self.links.iter().any(Option::is_some);
        let visible = if self.pre_depth > 0 {
            self.cur.text.push_str(t);
            escape_into(&mut self.cur.html, t, false);
            self.cur.md.push_str(t);
            t.chars().filter(|c| !c.is_whitespace()).count()
        } else {
            // Collapse whitespace into the text, keeping one space where the source had any
            // (runs between whitespace are copied whole); the HTML and Markdown get the same
            // chars, escaped, in one go.
            let before = self.cur.text.len();
            let mut spaces = 0;
            let b = t.as_bytes();
            let mut i = 0;
            while i < b.len() {
                // A lone ' ' between two other chars is kept where it is (the text before it
                // ends in a char that is not a space, so the rule below would write it anyway).
                let start = i;
                while i < b.len() {
                    let c = b[i];
                    if (c <= b' ' || c == 0xC2 || (0xE1..=0xE3).contains(&c))
                        && white_space_len(b, i) > 0
                    {
                        if c == b' '
                            && i > start
                            && i + 1 < b.len()
                            && white_space_len(b, i + 1) == 0
                        {
                            spaces += 1;
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                self.cur.text.push_str(t.get(start..i).unwrap_or_default());
                let mut space = false;
                while i < b.len() {
                    let n = white_space_len(b, i);
                    if n == 0 {
                        break;
                    }
                    space = true;
                    i += n;
                }
                if space && !self.cur.text.is_empty() && !self.cur.text.ends_with([' ', '\n']) {
                    self.cur.text.push(' ');
                    spaces += 1;
                }
            }
            let added = self.cur.text.get(before..).unwrap_or_default();
            escape_into(&mut self.cur.html, added, false);
            escape_md_into(&mut self.cur.md, added);
            added.chars().count() - spaces
        };
        self.cur.chars += visible;
        if in_link {
            self.cur.link_chars += visible;
            if self.external.iter().any(|&e| e) {
                self.cur.external_link_chars += visible;
            }
        }
    }

    fn flush(&mut self) {
        let cur = &mut self.cur;
        if cur.chars > 0 {
            let kind = cur.kind;
            // The block gets exact-size copies; `cur` keeps its buffers for the next block, so
            // they grow once per page rather than once per block.
            let copy = |s: &str| {
                if kind == Kind::Code {
                    s.to_string()
                } else {
                    s.trim().to_string()
                }
            };
            self.blocks.push(Block {
                kind,
                text: copy(&cur.text),
                html: copy(&cur.html),
                md: copy(&cur.md),
                chars: cur.chars,
                link_chars: cur.link_chars,
                external_link_chars: cur.external_link_chars,
            });
        }
        cur.text.clear();
        cur.html.clear();
        cur.md.clear();
        cur.chars = 0;
        cur.link_chars = 0;
        cur.external_link_chars = 0;
        // Inline formatting never spans blocks.
        if self.bold_depth > 0 {
            self.cur.html.push_str("<strong>");
            self.cur.md.push_str("**");
        }
        if self.italic_depth > 0 {
            self.cur.html.push_str("<em>");
            self.cur.md.push('*');
        }
    }
}

fn close_inline(b: &mut Block, html: &str, md: &str) {
    let open = &html.replace('/', "");
    if b.html.ends_with(open.as_str()) {
        b.html.truncate(b.html.len() - open.len());
        b.md.truncate(b.md.len().saturating_sub(md.len()));
    } else {
        b.html.push_str(html);
        b.md.push_str(md);
    }
}

/// Appends `s` with `<`, `>`, `&` (and in attributes `"`) as entities; the stretches between
/// them are copied whole.
fn escape_into(out: &mut String, s: &str, attr: bool) {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(off) = b.get(from..).and_then(|rest| {
        memchr::memchr3(b'<', b'>', b'&', rest)
            .into_iter()
            .chain(attr.then(|| memchr::memchr(b'"', rest)).flatten())
            .min()
    }) {
        let i = from + off;
        out.push_str(s.get(from..i).unwrap_or_default());
        out.push_str(match b[i] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            _ => "&quot;",
        });
        from = i + 1;
    }
    out.push_str(s.get(from..).unwrap_or_default());
}

/// Appends `s` with a backslash before each char Markdown would read as markup.
fn escape_md_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    // The next markup char at or after `at`: two vector searches of three bytes each.
    let next = |at: usize| {
        let rest = b.get(at..).unwrap_or_default();
        let one = memchr::memchr3(b'*', b'_', b'`', rest);
        let two = memchr::memchr3(b'[', b']', b'\\', rest);
        one.into_iter().chain(two).min().map(|i| at + i)
    };
    let mut from = 0;
    let mut at = 0;
    while let Some(i) = next(at) {
        out.push_str(s.get(from..i).unwrap_or_default());
        out.push('\\');
        from = i;
        at = i + 1;
    }
    out.push_str(s.get(from..).unwrap_or_default());
}

/// Whether a block is furniture: links only, or a short known promo / label line.
pub fn is_furniture(b: &Block) -> bool {
    // Links to the page's own site (related stories, sections) make a line furniture; links
    // to other sites (sources, shops, references) are part of what the story says.
    let own_links = b.link_chars - b.external_link_chars;
    if b.kind != Kind::Code && b.chars > 0 && own_links * 10 >= b.chars * 7 {
        return true;
    }
    let n = b.text.chars().count();
    // A bare byline ("By", "By Jane Doe") — longer lines starting with "By" are prose.
    if n <= 40 && (b.text == "By" || b.text.starts_with("By ")) && !b.text.ends_with('.') {
        return true;
    }
    if n <= rules::BOILERPLATE_MAX_CHARS {
        let lower = b.text.to_lowercase();
        let bare = lower.trim_end_matches([':', '.', ' ']);
        if rules::BOILERPLATE_EXACT.contains(&bare) || is_counter(bare) || is_timestamp(bare) {
            return true;
        }
        if rules::BOILERPLATE_PREFIXES
            .iter()
            .any(|p| lower.starts_with(p))
            || BOILERPLATE_CONTAINS.is_match(&lower)
        {
            return true;
        }
    }
    false
}

/// `rules::BOILERPLATE_CONTAINS` in one automaton: a line is scanned once, not once per phrase.
static BOILERPLATE_CONTAINS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(rules::BOILERPLATE_CONTAINS)
            // The phrases are static data: a build error is a bug in the rules table.
            .unwrap_or_else(|e| panic!("invalid body rules: {e}"))
    });

/// Whether `target` points to a site other than the page's own: hosts differ and neither is a
/// subdomain of the other. (Share-bar buttons are caught by their labels instead: a sentence
/// wrapped in a share link, "click to tweet", is still story.)
fn is_external(base: Option<&url::Url>, target: &url::Url) -> bool {
    let (Some(page), Some(target)) = (base.and_then(url::Url::host_str), target.host_str()) else {
        return false;
    };
    let page = page.trim_start_matches("www.");
    let target = target.trim_start_matches("www.");
    let within =
        |a: &str, b: &str| a == b || a.strip_suffix(b).is_some_and(|head| head.ends_with('.'));
    !within(page, target) && !within(target, page)
}

/// "12 comments", "0 Comments": a counter, not prose.
fn is_counter(line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < line.len() && matches!(rest.trim(), "comments" | "comment" | "shares" | "views")
}

/// A short line that is only a date stamp with a clock time ("Posted 18 Nov 2019 14:35",
/// "segunda-feira, 22 de janeiro de 2018 às 0:13", "Jane Doe 2019-11-20 14:35:08"): a year
/// and an h:mm time in at most a few words.
fn is_timestamp(line: &str) -> bool {
    if line.chars().count() > 60 || (line.ends_with(['.', '!', '?']) && !line.ends_with("m.")) {
        return false;
    }
    let b = line.as_bytes();
    let mut year = false;
    let mut clock = false;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let run = &line[start..i];
            if run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) {
                year = true;
            }
            if (1..=2).contains(&run.len())
                && b.get(i) == Some(&b':')
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                && b.get(i + 2).is_some_and(u8::is_ascii_digit)
            {
                clock = true;
            }
        } else {
            i += 1;
        }
    }
    (year && clock && line.split_whitespace().count() <= 10) || is_bare_date(line)
}

/// "02 ago 2017", "october 06, 2018": day, month word and year alone on a line.
fn is_bare_date(line: &str) -> bool {
    let mut words = line
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.']));
    let (Some(a), Some(b), Some(year), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return false;
    };
    let is_day = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_digit());
    let is_month =
        |w: &str| (3..=10).contains(&w.chars().count()) && w.chars().all(char::is_alphabetic);
    year.len() == 4
        && (year.starts_with("19") || year.starts_with("20"))
        && year.bytes().all(|c| c.is_ascii_digit())
        && ((is_day(a) && is_month(b)) || (is_month(a) && is_day(b)))
}

/// Text, HTML and Markdown of the kept blocks.
/// Appends `inner` between an opening and a closing tag.
fn wrap(out: &mut String, open: &str, inner: &str, close: &str) {
    out.push_str(open);
    out.push_str(inner);
    out.push_str(close);
}

pub fn write(blocks: &[Block]) -> (String, String, String) {
    // Sized once: the blocks plus room for the separators and tags around each.
    let total = |f: fn(&Block) -> usize, per_block: usize| {
        blocks.iter().map(|b| f(b) + per_block).sum::<usize>()
    };
    let mut text = String::with_capacity(total(|b| b.text.len(), 2));
    let mut html = String::with_capacity(total(|b| b.html.len(), 32));
    let mut md = String::with_capacity(total(|b| b.md.len(), 16));
    let mut open_list: Option<bool> = None;
    let mut open_table = false;
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            md.push_str("\n\n");
        }
        text.push_str(&b.text);
        // Close containers the block does not continue.
        let list = match b.kind {
            Kind::Item { ordered } => Some(ordered),
            _ => None,
        };
        if open_list.is_some() && open_list != list {
            html.push_str(if open_list == Some(true) {
                "</ol>"
            } else {
                "</ul>"
            });
            open_list = None;
        }
        if open_table && b.kind != Kind::Row {
            html.push_str("</table>");
            open_table = false;
        }
        match b.kind {
            Kind::Para => {
                wrap(&mut html, "<p>", &b.html, "</p>");
                md.push_str(&b.md);
            }
            Kind::Heading(level) => {
                let level = level.clamp(2, 6);
                html.push_str(&format!("<h{level}>{}</h{level}>", b.html));
                md.push_str(&"#".repeat(level as usize));
                md.push(' ');
                md.push_str(&b.md);
            }
            Kind::Item { ordered } => {
                if open_list.is_none() {
                    html.push_str(if ordered { "<ol>" } else { "<ul>" });
                    open_list = Some(ordered);
                }
                wrap(&mut html, "<li>", &b.html, "</li>");
                md.push_str(if ordered { "1. " } else { "- " });
                md.push_str(&b.md);
            }
            Kind::Caption => {
                wrap(
                    &mut html,
                    "<figure><figcaption>",
                    &b.html,
                    "</figcaption></figure>",
                );
                md.push('*');
                md.push_str(b.md.trim());
                md.push('*');
            }
            Kind::Quote => {
                wrap(&mut html, "<blockquote><p>", &b.html, "</p></blockquote>");
                md.push_str("> ");
                md.push_str(&b.md.replace('\n', "\n> "));
            }
            Kind::Code => {
                wrap(&mut html, "<pre>", &b.html, "</pre>");
                md.push_str("```\n");
                md.push_str(b.md.trim_end());
                md.push_str("\n```");
            }
            Kind::Row => {
                if !open_table {
                    html.push_str("<table>");
                    open_table = true;
                }
                wrap(&mut html, "<tr><td>", &b.html, "</td></tr>");
                md.push_str("| ");
                md.push_str(&b.md);
                md.push_str(" |");
            }
        }
    }
    if let Some(ordered) = open_list {
        html.push_str(if ordered { "</ol>" } else { "</ul>" });
    }
    if open_table {
        html.push_str("</table>");
    }
    (text, html, md)
}
