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
    /// The tag name, read from the DOM once (every pass asks for it).
    name: &'a str,
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

impl<'a> Info<'a> {
    pub fn name(&self) -> &'a str {
        self.name
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
        // (element, its tag name, parent index, inside a link, inside a dropped subtree)
        let mut stack: Vec<(ElementRef<'a>, &'a str, u32, bool, bool)> =
            vec![(root, root.value().name(), NONE, false, false)];
        // The element is the headline (<h1>) or named as the story's container: a subtree
        // holding one is never dropped as a teaser block.
        let mut anchor: Vec<bool> = Vec::with_capacity(1024);
        while let Some((el, name, parent, in_link, parent_dropped)) = stack.pop() {
            let idx = nodes.len() as u32;
            let (verdict, class_weight, marker) = judge(el.value(), name);
            // Provisional: name-based drops are settled once we know what each subtree holds.
            let dropped = parent_dropped || verdict == Verdict::Drop;
            let in_link = in_link || name == "a";
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
                    Node::Element(e) => {
                        let child_name = e.name();
                        if !is_skip_tag(child_name)
                            && let Some(ce) = ElementRef::wrap(c)
                        {
                            stack.push((ce, child_name, idx, in_link, dropped));
                        }
                    }
                    _ => {}
                }
                child = c.prev_sibling();
            }
            anchor.push(marker || name == "h1");
            nodes.push(Info {
                el,
                name,
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
                is_article: name == "article",
                is_p: name == "p",
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

/// Non-whitespace chars, commas and dandas of a text node. Works on bytes: a char is counted at
/// its lead byte, and only the few multi-byte chars that matter (whitespace, non-Latin commas,
/// dandas) are looked at closely. Whitespace is what `char::is_whitespace` says.
fn count_text(t: &str) -> (u32, u32, u32) {
    let b = t.as_bytes();
    let mut n = 0u32;
    let mut commas = 0u32;
    let mut dandas = 0u32;
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes at once (the common case), counted with word arithmetic.
        if let Some(word) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            let x = u64::from_le_bytes(word);
            if x & HIGH == 0 {
                let (spaces, cm) = ascii_word_counts(x);
                n += 8 - spaces;
                commas += cm;
                i += 8;
                continue;
            }
        }
        let c = b[i];
        if c < 0x80 {
            i += 1;
            if c == b' ' || (b'\t'..=b'\r').contains(&c) {
                continue;
            }
            n += 1;
            if c == b',' {
                commas += 1;
            }
            continue;
        }
        let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
        let (c1, c2) = (at(1), at(2));
        i += match c {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        let space = match c {
            0xC2 => matches!(c1, 0x85 | 0xA0),
            0xE1 => c1 == 0x9A && c2 == 0x80,
            0xE2 => {
                (c1 == 0x80 && matches!(c2, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF))
                    || (c1 == 0x81 && c2 == 0x9F)
            }
            0xE3 => c1 == 0x80 && c2 == 0x80,
            _ => false,
        };
        if space {
            continue;
        }
        n += 1;
        match (c, c1, c2) {
            // '،' U+060C, '，' U+FF0C, '、' U+3001
            (0xD8, 0x8C, _) | (0xEF, 0xBC, 0x8C) | (0xE3, 0x80, 0x81) => commas += 1,
            // '।' U+0964, '॥' U+0965
            (0xE0, 0xA5, 0xA4 | 0xA5) => dandas += 1,
            _ => {}
        }
    }
    (n, commas, dandas)
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whitespace bytes (space, `\t`..=`\r`) and commas in a word of eight ASCII bytes. Every byte
/// is below 0x80, so adding up to 0x7F to each never carries into the next.
#[inline]
fn ascii_word_counts(x: u64) -> (u32, u32) {
    // High bit set where the byte is zero.
    let zero = |y: u64| !(y + LOW * 0x7F) & HIGH;
    // High bit set where the byte is at least `k`.
    let at_least = |k: u64| (x + LOW * (0x80 - k)) & HIGH;
    let controls = at_least(0x09) & !at_least(0x0E);
    let spaces = zero(x ^ (LOW * u64::from(b' '))) | controls;
    let commas = zero(x ^ (LOW * u64::from(b',')));
    (spaces.count_ones(), commas.count_ones())
}

pub use rules::is_skip_tag;

/// The boilerplate verdict and class weight of one element, and whether it is named as the
/// story's container (see `rules::STORY_MARKERS`).
fn judge(v: &scraper::node::Element, name: &str) -> (Verdict, i16, bool) {
    // One pass over the attributes (each attr() lookup is a scan of its own, and interns).
    let (mut class, mut id) = ("", "");
    // For the story marker: only attributes without a namespace, as `attr` looks them up.
    let (mut ns_class, mut ns_id, mut itemprop) = (None, None, None);
    let mut hidden = false;
    for (q, value) in &v.attrs {
        let (key, value) = (&*q.local, &**value);
        // The namespace is looked at only for the three names that need it.
        match key {
            "class" => {
                class = value;
                if q.ns.is_empty() {
                    ns_class = Some(value);
                }
            }
            "id" => {
                id = value;
                if q.ns.is_empty() {
                    ns_id = Some(value);
                }
            }
            "itemprop" if q.ns.is_empty() => itemprop = Some(value),
            "hidden" => hidden = true,
            "aria-hidden" if value == "true" => hidden = true,
            "style" if !hidden && is_hidden_style(value) => hidden = true,
            "role" if rules::SKIP_ROLES.contains(&value.trim()) => hidden = true,
            _ => {}
        }
    }
    // Which rule lists the class and id name, each scanned once.
    let (class_kinds, id_kinds) = (name_kinds(class), name_kinds(id));
    // `class`/`id` are the namespace-free values unless an odd namespaced twin came last.
    let story_in = |v: Option<&str>, seen: &str, kinds: u8| {
        v.is_some_and(|c| {
            if std::ptr::eq(c, seen) {
                kinds & STORY != 0
            } else {
                NAMES.story.is_match(c)
            }
        })
    };
    let marker = itemprop.is_some_and(|p| p.contains("articleBody"))
        || story_in(ns_class, class, class_kinds)
        || story_in(ns_id, id, id_kinds);
    if is_skip_tag(name) || hidden {
        return (Verdict::Drop, -25, marker);
    }
    if class.is_empty() && id.is_empty() {
        return (Verdict::Keep, 0, marker);
    }
    let structural = matches!(name, "body" | "article" | "main" | "html");
    let either = class_kinds | id_kinds;
    let negative = either & NEGATIVE != 0
        || class
            .split_ascii_whitespace()
            .chain(std::iter::once(id))
            .any(is_negative_token);
    let positive = either & POSITIVE != 0;
    // A caption stays furniture even when its name also looks like content; checked only in
    // that rare case (a caption name alone is already negative).
    if negative && positive && !structural && either & CAPTION != 0 {
        return (Verdict::NameDrop, -25, marker);
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
        marker,
    )
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

/// Bits of [`name_kinds`]: which rule lists have a substring in a class or id value.
const NEGATIVE: u8 = 1;
const CAPTION: u8 = 2;
const POSITIVE: u8 = 4;
const STORY: u8 = 8;

/// Every class/id substring list in one automaton, so that a value is scanned once instead of
/// once per list; `kinds[pattern]` says which lists a pattern is in (a caption name counts as
/// negative too).
struct Names {
    dfa: aho_corasick::dfa::DFA,
    start: aho_corasick::automaton::StateID,
    kinds: Vec<u8>,
    story: aho_corasick::AhoCorasick,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    use aho_corasick::automaton::Automaton;
    let lists: [(&[&str], u8); 4] = [
        (rules::NEGATIVE_SUBSTRINGS, NEGATIVE),
        (rules::CAPTION_SUBSTRINGS, NEGATIVE | CAPTION),
        (rules::POSITIVE_SUBSTRINGS, POSITIVE),
        (rules::STORY_MARKERS, STORY),
    ];
    // One pattern per distinct string (a string in two lists carries both bits).
    let mut patterns: Vec<&str> = Vec::new();
    let mut kinds: Vec<u8> = Vec::new();
    for (list, kind) in lists {
        for p in list {
            match patterns.iter().position(|q| q.eq_ignore_ascii_case(p)) {
                Some(i) => kinds[i] |= kind,
                None => {
                    patterns.push(p);
                    kinds.push(kind);
                }
            }
        }
    }
    // Standard semantics: a match state lists every pattern that ends there, so one walk
    // sees every list. The patterns are static data: an error is a bug in the rules table.
    let dfa = aho_corasick::dfa::DFA::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::Standard)
        .build(&patterns)
        .unwrap_or_else(|e| panic!("invalid body rules: {e}"));
    let start = dfa
        .start_state(aho_corasick::Anchored::No)
        .unwrap_or_else(|e| panic!("invalid body rules: {e}"));
    Names {
        dfa,
        start,
        kinds,
        story: matcher(rules::STORY_MARKERS),
    }
});

/// The [`NEGATIVE`] / [`CAPTION`] / [`POSITIVE`] / [`STORY`] lists with a substring in `value`
/// (case-insensitive): one walk of the automaton, every pattern ending at each byte noted.
fn name_kinds(value: &str) -> u8 {
    use aho_corasick::automaton::Automaton;
    let names = &*NAMES;
    let dfa = &names.dfa;
    let mut kinds = 0;
    let mut sid = names.start;
    for &b in value.as_bytes() {
        sid = dfa.next_state(aho_corasick::Anchored::No, sid, b);
        if dfa.is_special(sid) && dfa.is_match(sid) {
            for i in 0..dfa.match_len(sid) {
                let p = dfa.match_pattern(sid, i).as_usize();
                kinds |= names.kinds.get(p).copied().unwrap_or(0);
            }
        }
    }
    kinds
}

/// `ad`, `ad-slot`, `Share_bar`: a negative token as a whole class name or its first part.
/// A token ends the name or is followed by `-` / `_`, so only the name's heads that stop there
/// are looked up, each among the tokens of its length.
fn is_negative_token(class: &str) -> bool {
    let b = class.as_bytes();
    let by_len = &*NEGATIVE_TOKENS_BY_LEN;
    // Every head starts with the name's first two bytes: most names start no token at all.
    if let (Some(pairs), [b0, b1, ..]) = (&by_len.pairs, b) {
        let (b0, b1) = (b0.to_ascii_lowercase(), b1.to_ascii_lowercase());
        if b0 >= 0x80 || b1 >= 0x80 || pairs[usize::from(b0)] & (1u128 << b1) == 0 {
            return false;
        }
    }
    let ends = b
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, b'-' | b'_'))
        .map(|(i, _)| i)
        .chain(std::iter::once(b.len()));
    for end in ends {
        let Some(tokens) = by_len.tokens.get(end) else {
            // Heads only grow: none further can be a token.
            return false;
        };
        let head = &b[..end];
        if tokens
            .iter()
            .any(|t| head.eq_ignore_ascii_case(t.as_bytes()))
        {
            return true;
        }
    }
    false
}

struct TokensByLen {
    /// `tokens[n]`: the negative tokens `n` bytes long.
    tokens: Vec<Vec<&'static str>>,
    /// `pairs[a]` has bit `b` when a token starts with the lower-case ASCII bytes `a`, `b`;
    /// `None` when a token is shorter than two bytes or starts otherwise (no filter then).
    pairs: Option<[u128; 128]>,
}

static NEGATIVE_TOKENS_BY_LEN: LazyLock<TokensByLen> = LazyLock::new(|| {
    let longest = rules::NEGATIVE_TOKENS
        .iter()
        .map(|t| t.len())
        .max()
        .unwrap_or(0);
    let mut tokens = vec![Vec::new(); longest + 1];
    let mut pairs = Some([0u128; 128]);
    for t in rules::NEGATIVE_TOKENS {
        tokens[t.len()].push(*t);
        match (t.as_bytes(), pairs.as_mut()) {
            ([b0, b1, ..], Some(p)) if b0.is_ascii() && b1.is_ascii() => {
                p[usize::from(b0.to_ascii_lowercase())] |= 1u128 << b1.to_ascii_lowercase();
            }
            ([_, _, ..], None) => {}
            // A token shorter than two bytes, or starting with non-ASCII: no filter.
            _ => pairs = None,
        }
    }
    TokensByLen { tokens, pairs }
});

fn is_hidden_style(style: &str) -> bool {
    // Cheap pre-check before building a compact lower-case copy (by first bytes: a searcher
    // set up per needle would cost more than these short values).
    let has = |needle: &[u8]| {
        let b = style.as_bytes();
        memchr::memchr_iter(needle[0], b).any(|i| b[i..].starts_with(needle))
    };
    if !has(b"none") && !has(b"hidden") && !has(b"NONE") && !has(b"-9") {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_text_matches_the_char_definition() {
        fn by_chars(t: &str) -> (u32, u32, u32) {
            let mut r = (0, 0, 0);
            for c in t.chars().filter(|c| !c.is_whitespace()) {
                r.0 += 1;
                match c {
                    ',' | '،' | '，' | '、' => r.1 += 1,
                    '।' | '॥' => r.2 += 1,
                    _ => {}
                }
            }
            r
        }
        let mut chars: Vec<char> = (0..0x3100u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        chars.extend([
            'a', ',', '،', '，', '、', '।', '॥', 'ক', '\u{200B}', '\u{2010}', '\u{3002}', '😀',
            '\u{0084}', '\u{0963}', '\u{060D}', '\u{FF0D}', '\u{1F}',
        ]);
        for a in &chars {
            for b in &chars {
                let t = format!(" x{a}{b}y{a} {b}");
                assert_eq!(count_text(&t), by_chars(&t), "{t:?}");
            }
        }
        // Long ASCII runs (counted eight bytes at a time), at every offset after a wide char.
        let ascii: Vec<char> = (0..0x80u8).map(char::from).collect();
        for a in &ascii {
            for b in &ascii {
                for lead in ["", "ক", "é", "😀x"] {
                    let t = format!("{lead}{a}{b}abc,de {a}\t{b}xyz,,{a}{b}  q{a}q,{b}");
                    assert_eq!(count_text(&t), by_chars(&t), "{t:?}");
                }
            }
        }
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let t = c.to_string();
            assert_eq!(count_text(&t), by_chars(&t), "{t:?}");
        }
    }

    #[test]
    fn negative_tokens_by_length() {
        fn by_scan(class: &str) -> bool {
            rules::NEGATIVE_TOKENS.iter().any(|t| {
                class.len() >= t.len()
                    && class.as_bytes()[..t.len()].eq_ignore_ascii_case(t.as_bytes())
                    && matches!(class.as_bytes().get(t.len()), None | Some(b'-' | b'_'))
            })
        }
        let mut names = vec![
            "",
            "-",
            "_",
            "ad",
            "AD",
            "ad-",
            "ad_slot",
            "adx",
            "header",
            "sr-only",
            "sr-only-x",
            "sr-onlyx",
            "Visually-Hidden_x",
            "screen-reader-text",
            "screen-reader",
            "nav-bar",
            "navbar",
            "x-ad",
            "ads-ads",
            "é-ad",
            "adé",
            "ad-é",
            "subscription-box",
        ];
        let long = "x".repeat(40) + "-ad";
        names.push(&long);
        for t in rules::NEGATIVE_TOKENS {
            for n in [
                t.to_string(),
                format!("{t}-x"),
                format!("{t}_"),
                format!("{t}x"),
            ] {
                assert_eq!(is_negative_token(&n), by_scan(&n), "{n}");
            }
        }
        for n in names {
            assert_eq!(is_negative_token(n), by_scan(n), "{n}");
        }
    }

    #[test]
    fn skip_tag_test_matches_the_list() {
        assert!(rules::SKIP_TAGS.iter().all(|t| is_skip_tag(t)));
        for t in [
            "",
            "p",
            "a",
            "div",
            "span",
            "scripts",
            "figcaptions",
            "Script",
            "x",
        ] {
            assert_eq!(is_skip_tag(t), rules::SKIP_TAGS.contains(&t), "{t}");
        }
    }
}
