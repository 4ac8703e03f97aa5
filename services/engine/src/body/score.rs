//! Candidate scoring, in the manner of Readability: every real paragraph votes for its parent
//! and, less, its ancestors; the best-scored container (penalised by link density) is the
//! story, widened to a common ancestor when several strong candidates share one, and joined by
//! siblings that look like more of the same story.

use super::arena::{Arena, NONE};

/// How many ancestors a paragraph's score reaches.
const ANCESTOR_LEVELS: usize = 5;
/// Paragraphs shorter than this (non-space chars) do not vote.
const MIN_PARAGRAPH_CHARS: u32 = 25;

/// Indices of the elements that make up the story, in document order; empty when nothing
/// scored.
pub fn select(arena: &mut Arena<'_>) -> Vec<u32> {
    let n = arena.nodes.len();
    let mut scored = vec![false; n];
    for i in 0..n {
        let node = &arena.nodes[i];
        if node.dropped || !votes(node) {
            continue;
        }
        let text = node.text;
        if text < MIN_PARAGRAPH_CHARS || node.link_density() > 0.5 {
            continue;
        }
        let score =
            1.0 + (node.commas + node.dandas) as f32 + (text as f32 / 100.0).floor().min(3.0);
        let mut level = 0;
        let mut a = node.parent;
        while a != NONE && level < ANCESTOR_LEVELS {
            let ai = a as usize;
            if !scored[ai] {
                scored[ai] = true;
                arena.nodes[ai].score =
                    base_score(arena.nodes[ai].name()) + f32::from(arena.nodes[ai].class_weight);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            arena.nodes[ai].score += score / divider;
            a = arena.nodes[ai].parent;
            level += 1;
        }
    }
    // Link density scales every candidate's score.
    let mut candidates: Vec<u32> = (0..n as u32)
        .filter(|&i| scored[i as usize] && !arena.nodes[i as usize].dropped)
        .collect();
    for &c in &candidates {
        let node = &mut arena.nodes[c as usize];
        node.score *= 1.0 - node.link_density();
    }
    candidates.sort_by(|&a, &b| {
        arena.nodes[b as usize]
            .score
            .total_cmp(&arena.nodes[a as usize].score)
    });
    let Some(&first) = candidates.first() else {
        return Vec::new();
    };
    let mut top = first;
    let top_score = arena.nodes[top as usize].score;

    // Several near-equal candidates under one ancestor (a story split into many <div>s): take
    // the ancestor.
    let rivals: Vec<u32> = candidates
        .iter()
        .skip(1)
        .take(4)
        .copied()
        .filter(|&c| arena.nodes[c as usize].score >= top_score * 0.75)
        .collect();
    if rivals.len() >= 2 {
        let mut a = arena.nodes[top as usize].parent;
        while a != NONE && arena.nodes[a as usize].name() != "body" {
            let containing = rivals.iter().filter(|&&r| is_ancestor(arena, a, r)).count();
            if containing >= 2 {
                top = a;
                break;
            }
            a = arena.nodes[a as usize].parent;
        }
    }
    // A lone child adds nothing: use the container that holds it with its neighbours.
    loop {
        let p = arena.nodes[top as usize].parent;
        if p == NONE || arena.nodes[p as usize].name() == "body" {
            break;
        }
        if arena.nodes[p as usize].text <= arena.nodes[top as usize].text + 10 {
            top = p;
        } else {
            break;
        }
    }

    // Siblings that look like more of the story join it.
    let top_score = arena.nodes[top as usize].score.max(1.0);
    let threshold = (top_score * 0.2).max(10.0);
    let parent = arena.nodes[top as usize].parent;
    if parent == NONE {
        return vec![top];
    }
    let mut chosen = Vec::new();
    for (i, node) in arena.nodes.iter().enumerate().skip(parent as usize + 1) {
        if node.parent != parent {
            continue;
        }
        if i as u32 == top {
            chosen.push(top);
            continue;
        }
        if node.dropped {
            continue;
        }
        // Sibling <article>s next to an <article> are other stories (teasers, next posts).
        if node.name() == "article" && arena.nodes[top as usize].name() == "article" {
            continue;
        }
        let bonus = if node.class_weight > 0 && arena.nodes[top as usize].class_weight > 0 {
            top_score * 0.2
        } else {
            0.0
        };
        // A sibling whose text is a quarter links is a teaser list ("recent", "popular"),
        // however well its excerpts score.
        let joins = if scored[i] && node.score + bonus >= threshold {
            node.link_density() < 0.25
        } else if node.name() == "p" {
            let density = node.link_density();
            (node.text > 80 && density < 0.25)
                || (node.text > 0 && density == 0.0 && ends_sentence(node))
        } else {
            false
        };
        if joins {
            chosen.push(i as u32);
        }
    }
    chosen
}

/// Elements whose text counts as a paragraph's vote.
fn votes(node: &super::arena::Info<'_>) -> bool {
    match node.name() {
        "p" | "pre" | "td" | "blockquote" => true,
        // Text written straight into a container, as many CMSs do (`<div>text<br>text</div>`).
        "div" | "section" | "article" | "span" | "font" | "center" | "dd" => {
            node.own_text >= MIN_PARAGRAPH_CHARS && node.own_text * 2 >= node.text
        }
        _ => false,
    }
}

fn base_score(name: &str) -> f32 {
    match name {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn is_ancestor(arena: &Arena<'_>, ancestor: u32, mut node: u32) -> bool {
    while node != NONE {
        if node == ancestor {
            return true;
        }
        node = arena.nodes[node as usize].parent;
    }
    false
}

fn ends_sentence(node: &super::arena::Info<'_>) -> bool {
    let text = crate::dom::text_of(node.el);
    text.ends_with(['.', '!', '?', '।', '"', '”', '’', ')'])
}
