//! A linear pre-scan that bounds the HTML parser's work before it runs, and lightens the page
//! the parser gets.
//!
//! html5ever is linear on ordinary pages but quadratic on some pathological ones: each start tag
//! of a block element (`div`, `ul`, `li`, `section`, …) makes the tree builder walk the stack of
//! open elements ("has a p element in button scope"), so 10^5 unclosed `<div>`s take ~30 s and
//! nested `<ul><li>` ~2 min; attribute de-duplication is quadratic in attributes per element
//! (10^5 attributes: ~5 s); an end tag that matches no open element walks down to the nearest
//! block ("<span>"×5·10^4 then "</x>"×5·10^4: ~15 s). A worker stuck that long is lost
//! capacity, so we estimate that work from the tokens in one pass and refuse the page when it is
//! over budget. Real pages cost 10^3–10^4 units (aeb-dev: median 1.8·10^3, max 6.5·10^3); the
//! default budget (2 × 10^7, about 0.1 s of walking) leaves a wide margin.
//!
//! The same pass finds what no extractor reads — comments, the code inside `<script>` (JSON-LD
//! excepted), style sheets and the drawing inside inline `<svg>` icons — which is over half the
//! bytes of a typical news page and about a quarter of html5ever's time (its tokenizer steps
//! through script text one character at a time). The parser is handed the page without them.
//! A cut is made only where this scan's model of the tokenizer and tree builder follows
//! html5ever, so that the tree is the one the whole page gives, minus those nodes; where the
//! model cannot follow, cutting stops. So nothing is cut inside SVG or MathML content (there
//! `<script>` and `<style>` are ordinary elements) but an SVG's own drawing, nothing more after
//! an end tag there that the HTML rules decide, after `<plaintext>`, or on a page with a
//! `<frameset>`; nor in a script whose `<!--` could hide its end, directly inside a table rather
//! than a cell (a comment there keeps whitespace and foster-parented text apart), right after
//! `<pre>` (whose leading newline the parser drops only when no comment comes first), between CR
//! and LF, or where removing a comment could join text into a tag or a character reference.
//! Unit tests, `tree_signature` over every fixture and dev page, and the `lean` fuzz target
//! check this.

use std::borrow::Cow;

/// What the pre-scan found: the parser's estimated work, and the page to parse.
pub struct Scan<'a> {
    pub work: u64,
    /// The page without comments, script code, style sheets and SVG drawings (borrowed when
    /// nothing was cut).
    pub lean: Cow<'a, str>,
}

/// Estimated parser work of `html`: the sum over block start tags of the (approximate) depth of
/// open elements they walk, plus `n²/2` for an element with `n` attributes.
pub fn parse_work(html: &str) -> u64 {
    scan(html, false).work
}

/// The page's estimated parser work and, if `lighten`, the page without the parts no extractor
/// reads (see the module note); without `lighten` the page is returned as it is.
pub fn scan(html: &str, lighten: bool) -> Scan<'_> {
    let b = html.as_bytes();
    let mut lean = Lean {
        src: html,
        copied: 0,
        buf: String::new(),
    };
    let mut cutting = lighten;
    let mut i = 0;
    let mut work: u64 = 0;
    // Depth of open elements, and the depths at which scope boundaries (table, td, button, …)
    // were opened: the walk stops at the nearest boundary.
    let mut depth: u64 = 0;
    let mut boundaries: Vec<u64> = Vec::new();
    // Depths of open block ("special") elements: an end tag that matches nothing makes the
    // tree builder walk the open elements down to the nearest one ("<span>"×n + "</x>"×n is
    // quadratic).
    let mut specials: Vec<u64> = Vec::new();
    // Names (hashed) of the open elements: an end tag for the current node walks nowhere.
    let mut names: Vec<u64> = Vec::new();
    // Where the end tag of the last raw-text element starts (read as part of that element).
    let mut raw_close = usize::MAX;
    // The models below stop (and cutting with them) past this many open elements: their end
    // tags search them, which on pathological nesting would be quadratic.
    const MODEL_MAX: usize = 512;
    // Inside <svg>/<math> script and style are ordinary elements: nothing is cut there.
    let mut foreign = Foreign::default();
    // Directly inside a table (not in a cell) a comment splits the text around it into runs the
    // parser treats apart: whitespace stays in the table, other text moves before it. Comments
    // there stay.
    let mut table = Tables::default();
    // The end of the last <pre>/<listing> start tag: the parser drops a newline right after it,
    // but not after a comment there, so such a comment stays.
    let mut pre_end = usize::MAX;
    // A tag often follows the last one at once ("><"): no search set up for that.
    while let Some(off) = if b.get(i) == Some(&b'<') {
        Some(0)
    } else {
        memchr(b'<', &b[i..])
    } {
        let lt = i + off;
        i = lt + 1;
        let Some(&c) = b.get(i) else { break };
        if c == b'!' {
            if b[i..].starts_with(b"!--") {
                let (end, plain) = comment_end(b, i + 3);
                if cutting
                    && plain
                    && !foreign.active()
                    && !table.in_table_text()
                    && lt != pre_end
                    && !joins_text(lean.kept_before(lt), b.get(end).copied())
                {
                    lean.cut(lt, end);
                }
                i = end;
            } else if foreign.cdata_allowed() && b[i..].starts_with(b"![CDATA[") {
                i = find_cdata_end(&b[i..]).map_or(b.len(), |e| i + e + 3);
            } else {
                // Doctype or bogus comment: up to the next '>'.
                i = memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
            }
            continue;
        }
        if c == b'?' {
            i = memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
            continue;
        }
        let closing = c == b'/';
        let start = if closing { i + 1 } else { i };
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            if closing {
                // "</>" is dropped and "</ x>" is a bogus comment: both end at the next '>'.
                i = memchr(b'>', &b[start..]).map_or(b.len(), |e| start + e + 1);
            }
            continue; // "<" as text
        }
        // The name runs to whitespace, '/' or '>' (as the tokenizer reads it), lowercased as it
        // is read; a longer name than any this scan knows reads as none.
        let mut lower = [0u8; NAME_MAX];
        let mut name_len = 0;
        while let Some(&c) = b.get(start + name_len) {
            if TAG_BYTES[usize::from(c)] & (SPACE | SLASH | END) != 0 {
                break;
            }
            if let Some(d) = lower.get_mut(name_len) {
                *d = c.to_ascii_lowercase();
            }
            name_len += 1;
        }
        let name: Option<&[u8]> = lower.get(..name_len);
        let known = name.is_some();
        let name = name.unwrap_or(b"");
        let (end, attrs, self_closing) = tag_end(b, start + name_len);
        i = end;
        if closing {
            let h = name_hash(name);
            if names.last() == Some(&h) {
                names.pop();
            } else if lt != raw_close {
                // Not the current node's: the parser walks down to a match or the nearest block.
                let floor = specials.last().copied().unwrap_or(0);
                let walk = depth - floor.min(depth);
                work = work.saturating_add(walk);
                let from = names
                    .len()
                    .saturating_sub(usize::try_from(walk.min(1024)).unwrap_or(1024));
                if let Some(at) = names[from..].iter().rposition(|&x| x == h) {
                    names.truncate(from + at);
                }
            }
            depth = depth.saturating_sub(1);
            while boundaries.last().is_some_and(|&d| d > depth) {
                boundaries.pop();
            }
            while specials.last().is_some_and(|&d| d > depth) {
                specials.pop();
            }
            if known {
                if let Some(from) = foreign.end(name)
                    && cutting
                {
                    // An inline SVG (icons, logos) closed by its own end tag: its drawing is cut.
                    lean.cut(from, lt);
                }
                cutting &= !foreign.lost;
                table.end(name);
            }
            continue;
        }
        work = work.saturating_add(attrs * attrs / 2);
        let class = classify(name);
        if class & BLOCK != 0 {
            let floor = boundaries.last().copied().unwrap_or(0);
            work = work.saturating_add(depth - floor.min(depth));
        }
        if name == b"frameset" {
            // Whether a frameset replaces the body depends on what came before it (text in an
            // SVG counts): such a page is parsed whole. Checked in any context, to be sure.
            cutting = false;
            lean.abandon();
        }
        let mut html_rules = !foreign.foreign_context();
        if !html_rules {
            match name {
                // These leave SVG/MathML content: open foreign elements are closed first.
                _ if breaks_out(name) => foreign.leave(),
                // Leaves only with some attributes, and an "annotation-xml" is an HTML
                // integration point only with some encodings: not followed, stop cutting.
                b"font" | b"annotation-xml" => cutting = false,
                _ => {}
            }
            html_rules = !foreign.foreign_context();
        }
        if html_rules && foreign.active() && matches!(name, b"mglyph" | b"malignmark") {
            cutting = false;
        }
        if html_rules && foreign.active() {
            // HTML inside an integration point (an SVG <foreignObject>, a MathML <mi>, …).
            foreign.clean = false;
        }
        if html_rules
            && class & RAW != 0
            && let Some(raw_end) = raw_text_end(name)
        {
            // Script, style and the like hold text, not tags, up to their end tag.
            let Some(close) = find_end_tag(&b[i..], raw_end).map(|e| i + e) else {
                break;
            };
            if cutting && !foreign.active() {
                match name {
                    b"style" => lean.cut(i, close),
                    b"script" => {
                        let code = &b[i..close];
                        if memchr::memmem::find(code, b"<!--").is_some()
                            && find_lt_ci(code, b"<script").is_some()
                        {
                            // "<!-- <script" can make the tokenizer pass over "</script>":
                            // where this scan resumes is no longer certain.
                            cutting = false;
                        } else if !contains_ci(&b[lt..i], b"ld+json") && !b[lt..i].contains(&b'&') {
                            // (A start tag with a character reference, "ld&#x2B;json", is
                            // kept whole.)
                            lean.cut(i, close);
                        }
                    }
                    _ => {}
                }
            }
            i = close;
            raw_close = close;
            continue;
        }
        if !html_rules {
            if !self_closing {
                foreign.open_foreign(name, known);
            }
        } else {
            if matches!(name, b"col" | b"colgroup") && table.open.last() == Some(&&b"template"[..])
            {
                // A template in column-group mode ignores every tag but <col> and <template>
                // (raw-text elements included): not followed.
                cutting = false;
            }
            table.start(name);
            match name {
                b"svg" | b"math" if !self_closing => foreign.open_root(name, end),
                // The rest of the page is text: stop.
                b"plaintext" => cutting = false,
                b"pre" | b"listing" => pre_end = end,
                _ => {}
            }
            if foreign.active() && !is_void(name) && !matches!(name, b"svg" | b"math") {
                // HTML inside an integration point (an SVG <foreignObject>, a MathML <mi>, …).
                foreign.open_html(name, known);
            }
        }
        if class & VOID == 0 && !self_closing {
            depth += 1;
            names.push(name_hash(name));
            if class & BOUNDARY != 0 {
                boundaries.push(depth);
            }
            if class & (BLOCK | BOUNDARY) != 0 {
                specials.push(depth);
            }
        }
        if cutting && table.open.len() + foreign.open.len() > MODEL_MAX {
            cutting = false;
        }
        if !cutting {
            // Nothing more to cut: the models are no longer needed.
            table.open.clear();
            foreign.open.clear();
        }
    }
    Scan {
        work,
        lean: lean.finish(),
    }
}

/// FNV-1a of a lowercased tag name: the open-element names are compared as one number.
fn name_hash(name: &[u8]) -> u64 {
    name.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Longest tag name the scan tells apart ("annotation-xml", "foreignobject").
const NAME_MAX: usize = 16;

/// The open elements of `<svg>`/`<math>` subtrees, kept as far as the tree builder's
/// foreign-content rules need them to know whether a start tag is read as SVG/MathML (where
/// `<script>`, `<style>` and `<title>` hold markup, not raw text) or as HTML. Where a rule is not
/// followed, an element stays open here longer than in the parser's tree, which only means
/// that less is cut.
#[derive(Default)]
struct Foreign {
    open: Vec<Open>,
    /// Where the outermost element's content starts, and whether everything in it so far was
    /// read by rules this scan follows (SVG elements only: no HTML inside, no rule left out);
    /// then its content can be cut when it closes.
    root_start: usize,
    clean: bool,
    /// An end tag was met that the parser may have read otherwise than this model (the HTML
    /// rules inside an integration point, or a walk that reaches HTML elements): from there on
    /// the scan may be out of step with the tokenizer, so nothing more is cut.
    lost: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Svg,
    Math,
    /// SVG foreignObject/desc/title, MathML mi/mo/mn/ms/mtext: start tags in them are HTML.
    Integration,
    Html,
}

struct Open {
    /// The lowercased name's [`name_hash`]; `None` for one longer than [`NAME_MAX`], which no
    /// end tag matches here.
    name: Option<u64>,
    kind: Kind,
}

impl Open {
    fn new(name: &[u8], known: bool, kind: Kind) -> Self {
        Open {
            name: known.then(|| name_hash(name)),
            kind,
        }
    }
}

impl Foreign {
    fn active(&self) -> bool {
        !self.open.is_empty()
    }

    /// Start tags here are read by the foreign-content rules.
    fn foreign_context(&self) -> bool {
        self.open
            .last()
            .is_some_and(|o| matches!(o.kind, Kind::Svg | Kind::Math))
    }

    /// `<![CDATA[` is a section (not a bogus comment) when the current node is not HTML.
    fn cdata_allowed(&self) -> bool {
        self.open.last().is_some_and(|o| o.kind != Kind::Html)
    }

    /// `<svg>`/`<math>` read by the HTML rules; `content` is where its content starts.
    fn open_root(&mut self, name: &[u8], content: usize) {
        let kind = if name == b"svg" {
            Kind::Svg
        } else {
            Kind::Math
        };
        if self.open.is_empty() {
            self.root_start = content;
            self.clean = kind == Kind::Svg;
        }
        self.open.push(Open::new(name, true, kind));
    }

    fn open_html(&mut self, name: &[u8], known: bool) {
        self.open.push(Open::new(name, known, Kind::Html));
    }

    /// A start tag read by the foreign-content rules: an element of its parent's namespace.
    fn open_foreign(&mut self, name: &[u8], known: bool) {
        let ns = self.open.last().map_or(Kind::Svg, |o| o.kind);
        let integration = match ns {
            Kind::Svg => matches!(name, b"foreignobject" | b"desc" | b"title"),
            _ => matches!(name, b"mi" | b"mo" | b"mn" | b"ms" | b"mtext"),
        };
        let kind = if integration { Kind::Integration } else { ns };
        self.open.push(Open::new(name, known, kind));
    }

    /// Pops SVG/MathML elements down to an HTML element or an integration point, as a start
    /// tag that leaves foreign content (and "</p>", "</br>") makes the parser do.
    fn leave(&mut self) {
        self.clean = false;
        while self.foreign_context() {
            self.open.pop();
        }
    }

    /// An end tag; when it closes a clean outermost `<svg>`, where that element's content
    /// started.
    fn end(&mut self, name: &[u8]) -> Option<usize> {
        let top = self.open.last()?;
        let h = Some(name_hash(name));
        if top.kind == Kind::Html {
            // The HTML rules: only the plain case, the current node's own end tag, is followed.
            if top.name == h {
                self.open.pop();
            } else {
                self.clean = false;
                self.lost = true;
            }
            return None;
        }
        if matches!(name, b"p" | b"br") {
            self.leave();
            return None;
        }
        // The foreign-content rules: close the nearest element of that name, unless an HTML
        // element comes first (then the HTML rules decide: not followed).
        for idx in (0..self.open.len()).rev() {
            if self.open[idx].name == h {
                self.open.truncate(idx);
                return (idx == 0 && self.clean).then_some(self.root_start);
            }
            if idx == 0 || self.open[idx - 1].kind == Kind::Html {
                break;
            }
        }
        self.clean = false;
        self.lost = true;
        None
    }
}

/// Start tags that end SVG/MathML content (the tree builder's list; `font` only with some
/// attributes, handled apart).
fn breaks_out(name: &[u8]) -> bool {
    matches!(
        name,
        b"b" | b"big"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"center"
            | b"code"
            | b"dd"
            | b"div"
            | b"dl"
            | b"dt"
            | b"em"
            | b"embed"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"hr"
            | b"i"
            | b"img"
            | b"li"
            | b"listing"
            | b"menu"
            | b"meta"
            | b"nobr"
            | b"ol"
            | b"p"
            | b"pre"
            | b"ruby"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"strike"
            | b"sub"
            | b"sup"
            | b"table"
            | b"tt"
            | b"u"
            | b"ul"
            | b"var"
    )
}

/// HTML elements that never have content (an end tag for them closes nothing).
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"br"
            | b"col"
            | b"embed"
            | b"frame"
            | b"hr"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// The open table parts (table, row group, row, cell, caption, column group), as far as
/// needed to tell a place directly inside a table from one inside a cell. Where the parser
/// closes a part this does not follow, the part stays open here, which only keeps comments.
#[derive(Default)]
struct Tables {
    open: Vec<&'static [u8]>,
}

impl Tables {
    const PARTS: [&'static [u8]; 11] = [
        b"template",
        b"table",
        b"tbody",
        b"thead",
        b"tfoot",
        b"tr",
        b"td",
        b"th",
        b"caption",
        b"colgroup",
        b"col",
    ];

    fn part(name: &[u8]) -> Option<&'static [u8]> {
        // Every part's name starts with 't' or 'c': most tags are settled by their first byte.
        if !matches!(name.first(), Some(b't' | b'c')) {
            return None;
        }
        Self::PARTS.iter().copied().find(|p| *p == name)
    }

    /// Inside a table and not in a cell or caption.
    fn in_table_text(&self) -> bool {
        self.open
            .last()
            .is_some_and(|p| !matches!(*p, b"td" | b"th" | b"caption"))
    }

    fn start(&mut self, name: &[u8]) {
        let Some(part) = Self::part(name) else { return };
        // A new part (but a nested table or a template) closes an open cell or caption.
        if !matches!(part, b"table" | b"template") {
            while self
                .open
                .last()
                .is_some_and(|p| matches!(*p, b"td" | b"th" | b"caption"))
            {
                self.open.pop();
            }
        }
        // A row, cell or row group ends a column group.
        if part != b"col"
            && self
                .open
                .last()
                .is_some_and(|p| matches!(*p, b"colgroup" | b"col"))
        {
            self.open.pop();
        }
        if part == b"col" && self.open.last() == Some(&&b"col"[..]) {
            return;
        }
        self.open.push(part);
    }

    fn end(&mut self, name: &[u8]) {
        if let Some(at) = self.open.iter().rposition(|p| *p == name) {
            self.open.truncate(at);
        } else if Self::part(name).is_some() {
            // The end of a part this did not see open (a row the parser implied around a
            // cell, "<table><td>…</tr>"): the parser may have closed the cell with it.
            while self
                .open
                .last()
                .is_some_and(|p| matches!(*p, b"td" | b"th" | b"caption"))
            {
                self.open.pop();
            }
        }
    }
}

/// The page with some ranges cut out, copied only once something is cut.
struct Lean<'a> {
    src: &'a str,
    copied: usize,
    buf: String,
}

impl<'a> Lean<'a> {
    /// Leaves out `src[from..to]`; ranges come in order and start and end at ASCII bytes.
    fn cut(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        if self.buf.capacity() == 0 {
            self.buf.reserve(self.src.len());
        }
        if let Some(kept) = self.src.get(self.copied..from) {
            self.buf.push_str(kept);
            self.copied = to;
        }
    }

    /// The byte the lean page has just before `src[at]`: after a cut that ends at `at`, the last
    /// byte kept before that cut (two cuts in a row must not join text either).
    fn kept_before(&self, at: usize) -> Option<u8> {
        if at == self.copied && self.copied > 0 {
            self.buf.as_bytes().last().copied()
        } else {
            at.checked_sub(1)
                .and_then(|p| self.src.as_bytes().get(p))
                .copied()
        }
    }

    /// Undoes every cut: the page is parsed as it is.
    fn abandon(&mut self) {
        self.copied = 0;
        self.buf = String::new();
    }

    fn finish(mut self) -> Cow<'a, str> {
        if self.copied == 0 {
            return Cow::Borrowed(self.src);
        }
        self.buf.push_str(self.src.get(self.copied..).unwrap_or(""));
        Cow::Owned(self.buf)
    }
}

/// Where a comment whose text starts at `from` ends (after its closing `-->` or `--!>`), and
/// whether it is a plain one: "<!-->" and "<!--->" end at once, and a comment left open runs
/// to the end of the page; those are left as they are.
fn comment_end(b: &[u8], from: usize) -> (usize, bool) {
    let rest = &b[from.min(b.len())..];
    if rest.starts_with(b">") {
        return (from + 1, false);
    }
    if rest.starts_with(b"->") {
        return (from + 2, false);
    }
    static END: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"-->"));
    let Some(e) = END.find(rest) else {
        return (b.len(), false);
    };
    // "--!>" also ends a comment, and it may come first.
    match memchr::memmem::find(&rest[..e], b"--!>") {
        Some(bang) => (from + bang + 4, true),
        None => (from + e + 3, true),
    }
}

/// Whether a cut between the bytes `before` and `after` could make markup of the text around
/// it: a character reference ("&am<!-- -->p;" would become "&amp;") or a tag ("<<!-- -->b>"
/// would become "<b>").
fn joins_text(before: Option<u8>, after: Option<u8>) -> bool {
    before == Some(b'<')
        || (before == Some(b'\r') && after == Some(b'\n'))
        || (before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'&' | b'#'))
            && after.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b';' | b'#')))
}

fn find_cdata_end(hay: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, b"]]>")
}

/// Position after the tag's `>`, the number of attributes in it, and whether it is
/// self-closing (a `/` right before the `>`, not inside an unquoted value: `<svg width=24/>` is
/// not). It follows the tokenizer's attribute states: a quote opens a value only after `=`, and
/// elsewhere is part of a name or of an unquoted value.
fn tag_end(b: &[u8], mut i: usize) -> (usize, u64, bool) {
    // One tight loop per state (most bytes are names or quoted values) rather than a match on
    // (state, byte class) for every byte.
    let class = |i: usize| b.get(i).map(|&c| TAG_BYTES[usize::from(c)]);
    let mut attrs = 0u64;
    loop {
        // Before an attribute name: whitespace and '/' are skipped.
        let skip_from = i;
        while class(i).is_some_and(|k| k & (SPACE | SLASH) != 0) {
            i += 1;
        }
        match class(i) {
            None => return (b.len(), attrs, false),
            Some(END) => return (i + 1, attrs, i > skip_from && b[i - 1] == b'/'),
            _ => {}
        }
        // An attribute name: its first byte may be anything ('=' and quotes included), then it
        // runs to whitespace, '/', '=' or '>'.
        attrs += 1;
        i += 1;
        while class(i).is_some_and(|k| k & (SPACE | SLASH | END | EQUALS) == 0) {
            i += 1;
        }
        // After the name: whitespace, then '=' opens a value; anything else starts over.
        while class(i) == Some(SPACE) {
            i += 1;
        }
        if class(i) != Some(EQUALS) {
            continue;
        }
        i += 1;
        while class(i) == Some(SPACE) {
            i += 1;
        }
        match class(i) {
            None => return (b.len(), attrs, false),
            Some(END) => return (i + 1, attrs, false),
            Some(QUOTE) => {
                // A quoted value (it may hold '>').
                let q = b[i];
                i = memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
            }
            _ => {
                // An unquoted value runs to whitespace or '>' (quotes and '/' are part of it).
                while class(i).is_some_and(|k| k & (SPACE | END) == 0) {
                    i += 1;
                }
            }
        }
    }
}

/// What each byte is inside a tag, looked up in one table rather than by a chain of tests.
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const SLASH: u8 = 2;
const END: u8 = 4;
const EQUALS: u8 = 8;
const QUOTE: u8 = 16;
static TAG_BYTES: [u8; 256] = {
    let mut t = [OTHER; 256];
    t[b'>' as usize] = END;
    t[b'/' as usize] = SLASH;
    t[b'=' as usize] = EQUALS;
    t[b'"' as usize] = QUOTE;
    t[b'\'' as usize] = QUOTE;
    // The tokenizer's whitespace (a carriage return is a newline by then).
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0c] = SPACE;
    t[b'\r' as usize] = SPACE;
    t
};

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

/// Where the end tag `needle` ("</script", …) of a raw-text element starts: the name in any
/// case, followed by whitespace, '/' or '>' as the tokenizer requires ("</scripts>" is text).
fn find_end_tag(hay: &[u8], needle: &[u8]) -> Option<usize> {
    // Built once: `memmem::find` would set up a searcher on every call.
    static CLOSE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"</"));
    let mut from = 0;
    while let Some(at) = CLOSE.find(&hay[from..]).map(|p| from + p) {
        let name = hay.get(at..at + needle.len());
        if name.is_some_and(|w| w.eq_ignore_ascii_case(needle)) {
            let next = hay.get(at + needle.len())?;
            if TAG_BYTES[usize::from(*next)] & (SPACE | SLASH | END) != 0 {
                return Some(at);
            }
        }
        from = at + 2;
    }
    None
}

/// Case-insensitive search for `needle` (which starts with '<'): jump between '<' with memchr,
/// then compare the rest.
fn find_lt_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = memchr(b'<', &hay[from..]).map(|p| from + p) {
        if hay
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Case-insensitive search in a short slice (a start tag).
fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// The tree printed without what [`scan`] may cut (comments; the text of `script`, JSON-LD
/// excepted, and of `style`) and with adjacent text joined: a page and its lean form must print
/// the same. For the tests and the `lean` fuzz target.
#[doc(hidden)]
pub fn tree_signature(html: &scraper::Html) -> String {
    use ego_tree::iter::Edge;
    use scraper::Node;
    use std::fmt::Write;
    let mut out = String::new();
    let mut text = String::new();
    let flush = |out: &mut String, text: &mut String| {
        if !text.is_empty() {
            let _ = write!(out, "{text:?}");
            text.clear();
        }
    };
    // Depth inside <svg> elements, whose drawing the scan may cut: only the element is printed.
    let mut in_svg = 0usize;
    for edge in html.tree.root().traverse() {
        if in_svg > 0 {
            match edge {
                Edge::Open(n) if n.value().as_element().is_some_and(|e| e.name() == "svg") => {
                    in_svg += 1
                }
                Edge::Close(n) if n.value().as_element().is_some_and(|e| e.name() == "svg") => {
                    in_svg -= 1
                }
                _ => continue,
            }
            if in_svg > 0 {
                continue;
            }
        }
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    in_svg += usize::from(e.name() == "svg");
                    flush(&mut out, &mut text);
                    let _ = write!(out, "<{}", e.name());
                    for (k, v) in e.attrs() {
                        let _ = write!(out, " {k}={v:?}");
                    }
                    out.push('>');
                }
                Node::Text(t) => {
                    let cut = n
                        .parent()
                        .and_then(|p| p.value().as_element().map(|e| (e.name(), e)))
                        .is_some_and(|(name, e)| {
                            name == "style"
                                || (name == "script"
                                    && !e
                                        .attrs()
                                        .any(|(_, v)| contains_ci(v.as_bytes(), b"ld+json")))
                        });
                    if !cut {
                        text.push_str(t);
                    }
                }
                Node::Doctype(d) => {
                    flush(&mut out, &mut text);
                    let _ = write!(out, "<!doctype {}>", d.name());
                }
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    flush(&mut out, &mut text);
                    let _ = write!(out, "</{}>", e.name());
                }
            }
        }
    }
    flush(&mut out, &mut text);
    out
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
        // End tags that match nothing walk the open inline elements; their own do not.
        let walk = format!("{}{}", "<span>".repeat(50_000), "</x>".repeat(50_000));
        assert!(parse_work(&walk) > BUDGET);
        let nested = format!("{}x{}", "<span>".repeat(200_000), "</span>".repeat(200_000));
        assert!(parse_work(&nested) < 1_000);
        let mut page = String::from("<div>");
        for _ in 0..1000 {
            page.push_str("<p><b><i>x</b></i><script>a</script></p>");
        }
        assert!(parse_work(&page) < 100_000, "{}", parse_work(&page));
        // Deep but cheap for the parser: inline elements and tables do not walk far.
        assert!(parse_work(&"<span>".repeat(100_000)) < 1_000);
        assert!(parse_work(&"<table>".repeat(100_000)) < 1_000_000);
    }

    fn lean(html: &str) -> String {
        scan(html, true).lean.into_owned()
    }

    fn same_tree(html: &str) {
        let whole = tree_signature(&scraper::Html::parse_document(html));
        let cut = tree_signature(&scraper::Html::parse_document(&lean(html)));
        assert_eq!(whole, cut, "{html:?}");
    }

    #[test]
    fn lean_page_leaves_out_comments_code_and_style_sheets() {
        let page = "<html><head><!-- a --><style>p{color:red}</style>\
            <script src=x.js></script><script>var a = '<p>';</script>\
            <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head>\
            <body><p>one<!-- b --> two</p><noscript><img src=a.jpg></noscript>\
            <textarea><!-- kept --></textarea></body></html>";
        let cut = lean(page);
        assert!(
            !cut.contains("<!-- a -->") && !cut.contains("<!-- b -->"),
            "{cut}"
        );
        assert!(
            !cut.contains("color:red") && !cut.contains("var a"),
            "{cut}"
        );
        assert!(
            cut.contains("<style></style>") && cut.contains("<script></script>"),
            "{cut}"
        );
        assert!(
            cut.contains("NewsArticle") && cut.contains("<img src=a.jpg>"),
            "{cut}"
        );
        assert!(cut.contains("<textarea><!-- kept --></textarea>"), "{cut}");
        same_tree(page);
    }

    #[test]
    fn inline_svg_drawings_are_cut() {
        let page = "<p>a<svg class=icon viewBox='0 0 9 9'><path d='M0 0L9 9'/><g><circle r=1 />\
            </g><style>.x{}</style></svg> b<svg/><svg><svg><rect/></svg><title>t</title></svg></p>";
        assert_eq!(
            lean(page),
            "<p>a<svg class=icon viewBox='0 0 9 9'></svg> b<svg/><svg></svg></p>"
        );
        same_tree(page);
    }

    #[test]
    fn nothing_is_cut_where_the_tokenizer_could_read_it_otherwise() {
        for page in [
            // Script and style inside SVG are ordinary elements; an SVG left open keeps all.
            "<svg><style>a{}</style><script>x()</script><!-- c -->",
            // HTML inside SVG (or left by a breakout): the SVG's content stays.
            "<svg><foreignObject><p>x</p></foreignObject></svg>",
            "<svg><g><p>out</p></g></svg>",
            // After <plaintext> everything is text.
            "<plaintext><!-- c --><script>x</script>",
            // "<!-- <script" keeps the outer script open past the first "</script>".
            "<script><!-- <script></script> x </script><!-- c -->",
            // Comments that end at once or never.
            "<p>a<!-->b<!--->c<!-- open",
            // Removing it would make "&amp;" or a <b> tag.
            "<p>&am<!-- x -->p;</p>",
            "<p><<!-- x -->b>x</p>",
        ] {
            assert_eq!(lean(page), page);
            same_tree(page);
        }
    }

    #[test]
    fn lean_tree_equals_the_whole_tree_on_awkward_markup() {
        for page in [
            "<p>a <!-- x --> b</p><p>c<!--x--->d</p><p>e<!-- x --!>f</p>",
            "<div title='<!-- no' data-x=\"</script>\">t</div><!-- c -->",
            "<a href=x\"y <!-- z>q</a><!-- c --><p>after</p>",
            "<script>a</scripts>b</script><p>x</p><SCRIPT>y</SCRIPT\t><p>z</p>",
            "<script/><p>not yet</p></script><p>after</p>",
            "<table><!-- c --><tr><td>1<style>x</style></td></tr></table>",
            // Two comments in a row: removing both would join "&am" and "p".
            "<p>&am<!-- x --><!-- y -->p;</p>",
            // Text directly in a table: the comment keeps whitespace and other text apart.
            "<table>x<!-- a --> <!-- b --><tr><td>c<!-- d --> e</td></tr> <!-- f -->y</table>",
            "<table><col> <!-- a -->x<caption>c<!-- b -->d</caption></table>",
            // The row the parser implied around a cell ends with "</tr>", and the cell with it.
            "<table><td>c</tr>x<!-- a --> </table>",
            "<select><option>a<!-- c --></option><script>s</script></select>",
            "<title>a <!-- b --></title><xmp><!-- c --></xmp><iframe><!--d--></iframe>",
            "<svg><desc>d</desc></svg><script>after()</script><!-- c -->",
            "<math><mi>x</mi></math><style>p{}</style>",
            "<pre><!-- c -->\nline</pre>",
            "<!doctype html><!-- c --><html><!-- d --><body>x</body></html><!-- e -->",
            "<p>x</p><?php echo 1 ?><!-- c --></ p><!x><p>y</p>",
            "<script>if (a<!--b) {}</script><p>x</p>",
            "<frameset><script>x</script><!-- c --></frameset>",
            // Text in an SVG decides whether a later frameset replaces the body.
            "<svg>t</svg><!-- c --><frameset><frame></frameset>",
            "<my-script>a</my-script><scriptx>b</scriptx><!-- c -->",
            // "</svg>" inside <math> closes nothing.
            "<math>7<mi>x</mi></(<style> ]]></svg><style>z<!--c--></style><!-- c -->",
            // HTML inside <foreignObject>: its script is raw text, "</svg>" there is ignored.
            "<svg><foreignObject><div><script>a</svg>b</script></svg></div></foreignObject>\
             <style><p>in svg</p></style></svg><style>x</style><!-- c -->",
            // A <p> leaves SVG content: the style after it is HTML again.
            "<svg><g><p>out</p><style>a<!--b--></style><svg><title><b>t</b></title></svg>",
            "<svg><![CDATA[ <!-- </svg> ]]><style>q</style></svg><!-- c --><style>r</style>",
            // From a review: CR, comment, LF (cutting would make one CRLF); cells the parser
            // closed for a new cell or caption; table parts in a template; a template in
            // column-group mode; a "/" ending an unquoted value; JSON-LD named by a character
            // reference; <mglyph> inside <mi>.
            "<p>a\r<!-- c -->\nb</p>",
            "<table><tr><td>a<td>b</td>x<!-- c --> </table>",
            "<table><caption>c<tr></tr>x<!-- c --> </table>",
            "<table><template><td>a</template>x<!-- c --> </table>",
            "<template><col><style><col></style></template><!-- c -->",
            "<svg width=24/><script>document.write(\"<p>\")</script><!-- c -->",
            "<script type=\"application/ld&#x2B;json\">{\"a\":1}</script>",
            "<math><mi><mglyph><![CDATA[></mglyph></mi></math>]]><style><p>x</p></style>",
            "<span><svg></span><title></svg><!-- c --></title>",
            // "</a>" inside SVG closes the link and the SVG with it (the HTML rules): the scan
            // cannot follow, and cuts nothing more.
            "<a><svg></a><script>x</svg>y</script><!-- c --><style>z</style>",
        ] {
            same_tree(page);
        }
    }

    #[test]
    fn tag_end_follows_the_attribute_states() {
        // The tokenizer's attribute states, one byte at a time: the reference for `tag_end`.
        fn by_states(b: &[u8], mut i: usize) -> (usize, u64) {
            #[derive(Clone, Copy)]
            enum At {
                BeforeName,
                Name,
                AfterName,
                BeforeValue,
                Unquoted,
            }
            let mut attrs = 0u64;
            let mut at = At::BeforeName;
            while let Some(&c) = b.get(i) {
                let k = TAG_BYTES[usize::from(c)];
                if k == END {
                    return (i + 1, attrs);
                }
                at = match (at, k) {
                    (At::BeforeName, SPACE | SLASH) => At::BeforeName,
                    (At::Name | At::AfterName, SPACE) => At::AfterName,
                    (At::Name | At::AfterName, SLASH) => At::BeforeName,
                    (At::Name | At::AfterName, EQUALS) => At::BeforeValue,
                    (At::Name, _) => At::Name,
                    (At::BeforeName | At::AfterName, _) => {
                        attrs += 1;
                        At::Name
                    }
                    (At::BeforeValue, SPACE) => At::BeforeValue,
                    (At::BeforeValue, QUOTE) => {
                        i = memchr::memchr(c, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
                        at = At::BeforeName;
                        continue;
                    }
                    (At::BeforeValue, _) => At::Unquoted,
                    (At::Unquoted, SPACE) => At::BeforeName,
                    (At::Unquoted, _) => At::Unquoted,
                };
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
            " href=x\"y <!-- z>q",
            " a = > b",
            " =a \"b\"=c 'd'>",
            " a=/b/ c=d/>",
        ]
        .iter()
        .map(|t| t.as_bytes().to_vec())
        .collect();
        let alphabet = [b' ', b'a', b'=', b'"', b'\'', b'/', b'>', b'\t'];
        for c in 0..=255u8 {
            tags.push(vec![b' ', b'a', c, b'b', b' ', c, b'>']);
        }
        // Every string of four bytes from the tokenizer's special bytes.
        for n in 0..alphabet.len().pow(4) {
            let mut t = Vec::new();
            let mut m = n;
            for _ in 0..4 {
                t.push(alphabet[m % alphabet.len()]);
                m /= alphabet.len();
            }
            tags.push(t);
        }
        for t in tags {
            for start in 0..t.len() {
                let (end, attrs, _) = tag_end(&t, start);
                assert_eq!((end, attrs), by_states(&t, start), "{t:?} {start}");
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
