//! One iterative pass over the DOM that records, for every element that can hold story text,
//! its parent, its boilerplate verdict and its text statistics (computed bottom-up once), so
//! that scoring and rendering never re-walk subtrees.

use crate::rules::body as rules;
use scraper::{ElementRef, Html, Node};
use std::sync::LazyLock;

pub const NONE: u32 = u32::MAX;

/// Why an element is left out of the body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
    Keep,
    /// Boilerplate by tag, role or visibility: the whole subtree is dropped.
    Drop,
    /// Named like boilerplate (class/id): dropped unless it holds the story's container.
    NameDrop,
}

#[derive(Clone, Debug)]
pub struct Info<'a> {
    pub el: ElementRef<'a>,
    pub parent: u32,
    pub verdict: Verdict,
    /// Inside a dropped subtree (the element itself or an ancestor is dropped).
    pub dropped: bool,
    /// class/id weight: +25 looks like content, -25 looks like furniture.
    pub class_weight: i16,
    /// Non-whitespace chars of direct text children.
    pub own_text: u32,
    /// Non-whitespace chars in the kept subtree.
    pub text: u32,
    /// Of `text`, chars inside links.
    pub link_text: u32,
    /// Commas (Latin, Arabic, CJK) in the kept subtree's text.
    pub commas: u32,
    /// Bengali / Devanagari sentence ends (।) — they play the role of commas in scoring.
    pub dandas: u32,
    /// Paragraph-like children with real text.
    pub paragraphs: u32,
    /// The subtree holds the story's own container (see `rules::STORY_MARKERS`).
    pub holds_story: bool,
    /// Elements in the subtree, itself included: the subtree is `[index, index + size)` of the
    /// preorder arena.
    pub size: u32,
    pub score: f32,
    /// The tag is `<article>` / `<p>` (kept here so later passes need not reach into the DOM).
    is_article: bool,
    is_p: bool,
}

impl Info<'_> {
    pub fn name(&self) -> &str {
        self.el.value().name()
    }

    pub fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link_text as f32 / self.text as f32
        }
    }
}

pub struct Arena<'a> {
    pub nodes: Vec<Info<'a>>,
}

impl<'a> Arena<'a> {
    /// Builds the arena for `html`'s body (or the whole document when there is no body).
    pub fn build(html: &'a Html) -> Self {
        let mut nodes: Vec<Info<'a>> = Vec::with_capacity(1024);
        let root = html
            .root_element()
            .children()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "body")
            .unwrap_or_else(|| html.root_element());
        // (element, parent index, inside a link, inside a dropped subtree)
        let mut stack: Vec<(ElementRef<'a>, u32, bool, bool)> = vec![(root, NONE, false, false)];
        // The element is the headline (<h1>) or named as the story's container: a subtree
        // holding one is never dropped as a teaser block.
        let mut anchor: Vec<bool> = Vec::with_capacity(1024);
        while let Some((el, parent, in_link, parent_dropped)) = stack.pop() {
            let idx = nodes.len() as u32;
            let (verdict, class_weight) = judge(el);
            // Provisional: name-based drops are settled once we know what each subtree holds.
            let dropped = parent_dropped || verdict == Verdict::Drop;
            let in_link = in_link || el.value().name() == "a";
            let mut own_text = 0u32;
            let mut link_text = 0u32;
            let mut commas = 0u32;
            let mut dandas = 0u32;
            // Children in reverse so that they pop in document order.
            let mut child = el.last_child();
            while let Some(c) = child {
                match c.value() {
                    Node::Text(t) => {
                        let (n, cm, dn) = count_text(t);
                        own_text += n;
                        commas += cm;
                        dandas += dn;
                        if in_link {
                            link_text += n;
                        }
                    }
                    Node::Element(e) if !rules::SKIP_TAGS.contains(&e.name()) => {
                        if let Some(ce) = ElementRef::wrap(c) {
                            stack.push((ce, idx, in_link, dropped));
                        }
                    }
                    _ => {}
                }
                child = c.prev_sibling();
            }
            let marker = is_story_marker(el);
            anchor.push(marker || el.value().name() == "h1");
            nodes.push(Info {
                el,
                parent,
                verdict,
                dropped,
                class_weight,
                own_text,
                text: own_text,
                link_text,
                commas,
                dandas,
                paragraphs: 0,
                holds_story: marker,
                size: 1,
                score: 0.0,
                is_article: el.value().name() == "article",
                is_p: el.value().name() == "p",
            });
        }
        // Pass 2, bottom-up (children follow their parent in preorder, so a reverse sweep sees
        // every child first): subtree sizes, raw text, and whether a subtree holds the story.
        let mut raw = vec![0u32; nodes.len()];
        let mut article_kids = vec![0u8; nodes.len()];
        for i in (0..nodes.len()).rev() {
            raw[i] += nodes[i].own_text;
            let tag = nodes[i].name();
            let is_article = nodes[i].is_article;
            if matches!(tag, "article" | "main") && raw[i] >= rules::STORY_ELEMENT_MIN_CHARS {
                nodes[i].holds_story = true;
            }
            let p = nodes[i].parent;
            if p == NONE {
                continue;
            }
            let (size, r, holds) = (nodes[i].size, raw[i], nodes[i].holds_story);
            if is_article {
                article_kids[p as usize] = article_kids[p as usize].saturating_add(1);
            }
            if anchor[i] {
                anchor[p as usize] = true;
            }
            let parent = &mut nodes[p as usize];
            parent.size += size;
            parent.holds_story |= holds;
            raw[p as usize] += r;
        }
        // Pass 3, top-down: settle drops.
        let mut in_article = vec![false; nodes.len()];
        // Inside a <p>: inline widgets there (hover cards) are judged in pass 4.
        let mut in_para = vec![false; nodes.len()];
        for i in 0..nodes.len() {
            let p = nodes[i].parent;
            let parent_dropped = p != NONE && nodes[p as usize].dropped;
            let is_article = nodes[i].is_article;
            if p != NONE {
                let parent = &nodes[p as usize];
                in_article[i] = in_article[p as usize] || parent.is_article;
                in_para[i] = in_para[p as usize] || parent.is_p;
            }
            // Several <article>s side by side inside another <article> are teasers (a
            // "you may also like" strip) or comments, never the story itself; inside the
            // story, so is the block that holds them (with its "More stories" heading). Not
            // the one with the headline or the story's named container: on pages that stack
            // stories in one outer <article>, that is the story.
            if in_article[i]
                && !anchor[i]
                && ((is_article && article_kids[p as usize] >= 2) || article_kids[i] >= 2)
            {
                nodes[i].verdict = Verdict::Drop;
            }
            let own = match nodes[i].verdict {
                Verdict::Drop => true,
                Verdict::NameDrop => !nodes[i].holds_story,
                Verdict::Keep => false,
            };
            if !own && nodes[i].verdict == Verdict::NameDrop {
                nodes[i].verdict = Verdict::Keep;
            } else if own {
                nodes[i].verdict = Verdict::Drop;
            }
            nodes[i].dropped = parent_dropped || own;
        }
        // Pass 4, bottom-up: text statistics of what is kept.
        for i in (1..nodes.len()).rev() {
            let p = nodes[i].parent;
            if p == NONE || nodes[i].verdict == Verdict::Drop {
                continue;
            }
            if in_para[i] && is_link_cluster(&nodes[i]) {
                nodes[i].verdict = Verdict::Drop;
                continue;
            }
            let (text, link, commas, dandas) = (
                nodes[i].text,
                nodes[i].link_text,
                nodes[i].commas,
                nodes[i].dandas,
            );
            let is_para = is_paragraph_tag(nodes[i].name()) && text >= 25;
            let parent = &mut nodes[p as usize];
            parent.text += text;
            parent.link_text += link;
            parent.commas += commas;
            parent.dandas += dandas;
            if is_para {
                parent.paragraphs += 1;
            }
        }
        Self { nodes }
    }
}

/// A span inside a paragraph that is nothing but three or more links (a person's hover card
/// with their latest stories): widget, not sentence.
fn is_link_cluster(node: &Info<'_>) -> bool {
    node.name() == "span"
        && node.text >= 60
        && node.link_text == node.text
        && node
            .el
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.value().name() == "a")
            .count()
            >= 3
}

pub fn is_paragraph_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "pre" | "blockquote" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "td"
    )
}

fn count_text(t: &str) -> (u32, u32, u32) {
    let mut n = 0u32;
    let mut commas = 0u32;
    let mut dandas = 0u32;
    for c in t.chars() {
        if c.is_whitespace() {
            continue;
        }
        n += 1;
        match c {
            ',' | '،' | '，' | '、' => commas += 1,
            '।' | '॥' => dandas += 1,
            _ => {}
        }
    }
    (n, commas, dandas)
}

/// The boilerplate verdict and class weight of one element.
fn judge(el: ElementRef<'_>) -> (Verdict, i16) {
    let v = el.value();
    let name = v.name();
    if rules::SKIP_TAGS.contains(&name) {
        return (Verdict::Drop, -25);
    }
    // One pass over the attributes (each attr() lookup is a scan of its own).
    let (mut class, mut id) = ("", "");
    for (key, value) in v.attrs() {
        match key {
            "class" => class = value,
            "id" => id = value,
            "hidden" => return (Verdict::Drop, -25),
            "aria-hidden" if value == "true" => return (Verdict::Drop, -25),
            "style" if is_hidden_style(value) => return (Verdict::Drop, -25),
            "role" if rules::SKIP_ROLES.contains(&value.trim()) => return (Verdict::Drop, -25),
            _ => {}
        }
    }
    if class.is_empty() && id.is_empty() {
        return (Verdict::Keep, 0);
    }
    let structural = matches!(name, "body" | "article" | "main" | "html");
    let negative = NEGATIVE.is_match(class)
        || NEGATIVE.is_match(id)
        || class
            .split_ascii_whitespace()
            .chain(std::iter::once(id))
            .any(is_negative_token);
    let positive = POSITIVE.is_match(class) || POSITIVE.is_match(id);
    // A caption stays furniture even when its name also looks like content; checked only in
    // that rare case (a caption name alone is already negative).
    if negative && positive && !structural && (CAPTION.is_match(class) || CAPTION.is_match(id)) {
        return (Verdict::NameDrop, -25);
    }
    let weight = i16::from(positive) * 25 - i16::from(negative) * 25;
    let droppable = negative && !positive && !structural;
    (
        if droppable {
            Verdict::NameDrop
        } else {
            Verdict::Keep
        },
        weight,
    )
}

fn is_story_marker(el: ElementRef<'_>) -> bool {
    let v = el.value();
    v.attr("itemprop")
        .is_some_and(|p| p.contains("articleBody"))
        || v.attr("class").is_some_and(|c| STORY.is_match(c))
        || v.attr("id").is_some_and(|i| STORY.is_match(i))
}

/// Case-insensitive multi-pattern matchers over class and id values, built once.
fn matcher(patterns: &[&str]) -> aho_corasick::AhoCorasick {
    match aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(patterns)
    {
        Ok(m) => m,
        // The patterns are static data: a build error is a bug in the rules table.
        Err(e) => panic!("invalid body rules: {e}"),
    }
}

/// Negative substrings, caption ones included (a caption name is furniture).
static NEGATIVE: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let all: Vec<&str> = rules::NEGATIVE_SUBSTRINGS
        .iter()
        .chain(rules::CAPTION_SUBSTRINGS)
        .copied()
        .collect();
    matcher(&all)
});
static CAPTION: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| matcher(rules::CAPTION_SUBSTRINGS));
static POSITIVE: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| matcher(rules::POSITIVE_SUBSTRINGS));
static STORY: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| matcher(rules::STORY_MARKERS));

/// `ad`, `ad-slot`, `Share_bar`: a negative token as a whole class name or its first part.
fn is_negative_token(class: &str) -> bool {
    rules::NEGATIVE_TOKENS.iter().any(|t| {
        class.len() >= t.len()
            && class.as_bytes()[..t.len()].eq_ignore_ascii_case(t.as_bytes())
            && matches!(class.as_bytes().get(t.len()), None | Some(b'-' | b'_'))
    })
}

fn is_hidden_style(style: &str) -> bool {
    // Cheap pre-check before building a compact lower-case copy.
    if !style.contains("none")
        && !style.contains("hidden")
        && !style.contains("NONE")
        && !style.contains("-9")
    {
        return false;
    }
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    compact.contains("display:none")
        || compact.contains("visibility:hidden")
        || ["left:-", "top:-", "text-indent:-"]
            .iter()
            .any(|p| off_screen(&compact, p))
}

/// `left:-9999px` and the like: a block pushed off screen (hidden link spam, skip links). The
/// caller's pre-check only lets the common `-9999px` idiom through.
fn off_screen(style: &str, prop: &str) -> bool {
    style.match_indices(prop).any(|(i, _)| {
        let digits = style[i + prop.len()..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        digits >= 4
    })
}
