//! JSON-LD: every `application/ld+json` block, `@graph` and arrays flattened, the article
//! object picked by `@type`, nested authors and publishers read. Malformed blocks are retried
//! once after removing control characters and trailing commas, then skipped.

use crate::rules::metadata as rules;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;

/// A JSON value whose strings borrow the block when they hold no escapes, so parsing a block
/// (often with the whole article body in it) copies little. Read as `serde_json::Value` would
/// be: numbers are its `Number`s, and of duplicate keys the last counts, as in its map.
#[derive(Clone, Debug)]
enum Value<'a> {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'a> Value<'a> {
    fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(m) => get(m, key),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The same value, owning its strings (for a block parsed from a repaired copy).
    fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(n) => Value::Number(n),
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(a) => Value::Array(a.into_iter().map(Value::into_owned).collect()),
            Value::Object(m) => Value::Object(
                m.into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
        }
    }
}

/// An object's value for `key`: the last one given, as a map that overwrites keeps.
fn get<'v, 'a>(m: &'v [(Cow<'a, str>, Value<'a>)], key: &str) -> Option<&'v Value<'a>> {
    m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value<'de>, E> {
        // As serde_json's own Value: a float JSON cannot hold becomes null.
        Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s)))
    }

    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        Value::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let mut entries = Vec::new();
        while let Some(Key(k)) = map.next_key()? {
            entries.push((k, map.next_value()?));
        }
        Ok(Value::Object(entries))
    }
}

/// An object key, borrowed when it holds no escapes (serde's own `Cow` always copies).
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }

            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }

            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// What the page's JSON-LD says about its article.
#[derive(Debug, Default, Clone)]
pub struct LdArticle {
    pub headline: String,
    pub authors: Vec<String>,
    pub date_published: String,
    pub date_modified: String,
    pub section: String,
    pub keywords: Vec<String>,
    pub image: String,
    pub publisher: String,
    pub description: String,
    pub language: String,
    pub url: String,
    pub body: String,
    /// A WebSite or Organization name, for the site name.
    pub site_name: String,
    /// The names of a BreadcrumbList's items, in position order ("Home", "Sport", "Tennis").
    pub breadcrumb: Vec<String>,
}

/// Reads every block and merges what the best article object says.
pub fn parse(blocks: &[String]) -> LdArticle {
    let values: Vec<Value> = blocks
        .iter()
        .filter_map(|b| {
            serde_json::from_str::<Value<'_>>(b.trim())
                .or_else(|_| serde_json::from_str::<Value<'_>>(&repair(b)).map(Value::into_owned))
                .ok()
        })
        .collect();
    let mut objects = Vec::new();
    for v in &values {
        flatten(v, &mut objects, 0);
    }
    let mut out = LdArticle::default();
    // The most specific article type wins: NewsArticle and friends before WebPage.
    let article = objects
        .iter()
        .filter_map(|o| type_rank(o).map(|r| (r, *o)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, o)| o);
    for o in &objects {
        if out.breadcrumb.is_empty() && has_type(o, "BreadcrumbList") {
            out.breadcrumb = breadcrumb(o);
        }
        if has_type(o, "WebSite")
            || has_type(o, "Organization")
            || has_type(o, "NewsMediaOrganization")
        {
            if out.site_name.is_empty() && has_type(o, "WebSite") {
                out.site_name = string(o.get("name"));
            }
            if out.publisher.is_empty() && !has_type(o, "WebSite") {
                out.publisher = string(o.get("name"));
            }
        }
    }
    let Some(a) = article else {
        return out;
    };
    // Yoast and other graph builders give authors, publishers and images as {"@id": …}
    // references to another node of the graph.
    let by_id: std::collections::HashMap<&str, &Value> = objects
        .iter()
        .filter_map(|o| Some((o.get("@id")?.as_str()?, *o)))
        .collect();
    let deref = |v| deref(v, &by_id);
    out.headline = string(a.get("headline")).or_else_str(|| string(a.get("name")));
    out.authors = names(deref(a.get("author")).as_ref());
    if out.authors.is_empty() {
        out.authors = names(deref(a.get("creator")).as_ref());
    }
    out.date_published =
        string(a.get("datePublished")).or_else_str(|| string(a.get("dateCreated")));
    out.date_modified = string(a.get("dateModified"));
    out.section = string(a.get("articleSection"));
    out.keywords = keywords(a.get("keywords"));
    out.image =
        image_url(deref(a.get("image")).as_ref()).or_else_str(|| image_url(a.get("thumbnailUrl")));
    if let Some(p) = deref(a.get("publisher")).as_ref() {
        let name = match p {
            Value::Object(_) => string(p.get("name")),
            _ => string(Some(p)),
        };
        if !name.is_empty() {
            out.publisher = name;
        }
    }
    out.description = string(a.get("description"));
    out.language = string(a.get("inLanguage"));
    out.url = string(a.get("url")).or_else_str(|| match a.get("mainEntityOfPage") {
        Some(Value::Object(m)) => string(get(m, "@id")).or_else_str(|| string(get(m, "url"))),
        other => string(other),
    });
    out.body = string(a.get("articleBody"));
    out
}

/// Item names of a BreadcrumbList, ordered by `position` (the item's own `name` when the list
/// entry has none).
fn breadcrumb(list: &Value) -> Vec<String> {
    let Some(Value::Array(items)) = list.get("itemListElement") else {
        return Vec::new();
    };
    let mut named: Vec<(i64, String)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let pos = e
                .get("position")
                .and_then(|p| match p {
                    Value::Number(n) => n.as_i64(),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                })
                .unwrap_or(i as i64);
            let name = string(e.get("name"))
                .or_else_str(|| string(e.get("item").and_then(|i| i.get("name"))));
            (!name.trim().is_empty()).then(|| (pos, name.trim().to_string()))
        })
        .collect();
    named.sort_by_key(|(p, _)| *p);
    named.into_iter().map(|(_, n)| n).collect()
}

trait OrElseStr {
    fn or_else_str(self, f: impl FnOnce() -> String) -> String;
}

impl OrElseStr for String {
    fn or_else_str(self, f: impl FnOnce() -> String) -> String {
        if self.trim().is_empty() { f() } else { self }
    }
}

/// Fixes the two CMS bugs that break most JSON-LD blocks: raw line breaks and other control
/// characters inside strings (an `articleBody` pasted as is), and trailing commas.
fn repair(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 16);
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\n' => {
                    out.push_str("\\n");
                    continue;
                }
                c if c.is_control() => {
                    out.push(' ');
                    continue;
                }
                _ => {}
            }
            out.push(c);
            continue;
        }
        match c {
            '"' => in_string = true,
            ',' => {
                // A comma whose next token closes the object or array is dropped.
                let mut rest = chars.clone();
                let next = loop {
                    match rest.next() {
                        Some(w) if w.is_whitespace() => continue,
                        other => break other,
                    }
                };
                if matches!(next, Some('}' | ']')) {
                    continue;
                }
            }
            c if c.is_control() && !c.is_whitespace() => {
                out.push(' ');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

fn flatten<'v, 'a>(v: &'v Value<'a>, out: &mut Vec<&'v Value<'a>>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(map) => {
            out.push(v);
            if let Some(g) = get(map, "@graph") {
                flatten(g, out, depth + 1);
            }
            // A WebPage may hold its article as mainEntity.
            if let Some(m) = get(map, "mainEntity") {
                flatten(m, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn types<'v>(o: &'v Value<'_>) -> Vec<&'v str> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.as_ref()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn has_type(o: &Value<'_>, t: &str) -> bool {
    types(o).iter().any(|x| x.eq_ignore_ascii_case(t))
}

fn type_rank(o: &Value<'_>) -> Option<usize> {
    types(o)
        .iter()
        .filter_map(|t| {
            rules::ARTICLE_TYPES
                .iter()
                .position(|a| a.eq_ignore_ascii_case(t))
        })
        .min()
}

fn string(v: Option<&Value<'_>>) -> String {
    match v {
        Some(Value::String(s)) => crate::dom::collapse_ws(&decode_entities(s)),
        Some(Value::Array(a)) => a.first().map(|x| string(Some(x))).unwrap_or_default(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// JSON-LD strings sometimes carry HTML entities.
fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    // Borrowed when there is nothing to decode: the caller copies once anyway (an articleBody
    // can be long).
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let decoded = s
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#039;", "'")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ");
    std::borrow::Cow::Owned(decoded)
}

/// [`resolve`] of a value that may be missing.
fn deref<'a>(
    v: Option<&Value<'a>>,
    by_id: &std::collections::HashMap<&str, &Value<'a>>,
) -> Option<Value<'a>> {
    v.map(|v| resolve(v, by_id))
}

/// A reference-only node ({"@id": …} and nothing to read) replaced by the node it names, in
/// arrays too; one level, so cycles cannot loop.
fn resolve<'a>(v: &Value<'a>, by_id: &std::collections::HashMap<&str, &Value<'a>>) -> Value<'a> {
    match v {
        Value::Array(items) => Value::Array(items.iter().map(|i| resolve(i, by_id)).collect()),
        Value::Object(m) if get(m, "name").is_none() && get(m, "url").is_none() => get(m, "@id")
            .and_then(Value::as_str)
            .and_then(|id| by_id.get(id))
            .map_or_else(|| v.clone(), |r| (*r).clone()),
        _ => v.clone(),
    }
}

fn names(v: Option<&Value<'_>>) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        Some(Value::Array(a)) => a.iter().for_each(|x| out.extend(names(Some(x)))),
        Some(Value::Object(m)) => {
            // Organizations as authors are publishers, not bylines.
            let is_org = has_type(v.unwrap_or(&Value::Null), "Organization")
                || has_type(v.unwrap_or(&Value::Null), "NewsMediaOrganization");
            let name = string(get(m, "name"));
            if !name.is_empty() && !is_org {
                out.push(name);
            }
        }
        Some(Value::String(s)) => out.push(crate::dom::collapse_ws(s)),
        _ => {}
    }
    out
}

fn keywords(v: Option<&Value<'_>>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => s
            .split(',')
            .map(crate::dom::collapse_ws)
            .filter(|k| !k.is_empty())
            .collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(crate::dom::collapse_ws)
            .filter(|k| !k.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

fn image_url(v: Option<&Value<'_>>) -> String {
    match v {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Array(a)) => a.first().map(|x| image_url(Some(x))).unwrap_or_default(),
        Some(Value::Object(m)) => {
            string(get(m, "url")).or_else_str(|| string(get(m, "contentUrl")))
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_arrays_and_nested_authors() {
        let block = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"The Gazette","url":"https://g.example"},
            {"@type":"WebPage","name":"A page"},
            {"@type":["NewsArticle"],"headline":"Ferry opens &amp; sails","datePublished":"2024-03-14T09:30:00+01:00",
             "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
             "publisher":{"@type":"Organization","name":"Gazette Media"},
             "keywords":["ferry","solar"],"articleSection":["News","Local"],
             "image":{"@type":"ImageObject","url":"https://g.example/a.jpg"}}]}"#;
        let a = parse(&[block.to_string()]);
        assert_eq!(a.headline, "Ferry opens & sails");
        assert_eq!(a.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(a.date_published, "2024-03-14T09:30:00+01:00");
        assert_eq!(a.publisher, "Gazette Media");
        assert_eq!(a.site_name, "The Gazette");
        assert_eq!(a.keywords, vec!["ferry", "solar"]);
        assert_eq!(a.section, "News");
        assert_eq!(a.image, "https://g.example/a.jpg");
    }

    #[test]
    fn malformed_blocks_are_repaired_or_skipped() {
        let trailing = "{\"@type\":\"Article\",\"headline\":\"Tidy\",\"author\":\"A. Writer\",}";
        let a = parse(&[trailing.to_string(), "{not json".to_string()]);
        assert_eq!(a.headline, "Tidy");
        assert_eq!(a.authors, vec!["A. Writer"]);
        // An articleBody pasted with raw line breaks and a tab; a comma inside a string stays.
        let raw = "[{\"@type\": \"NewsArticle\",\n \"articleBody\": \"One.\n\nTwo,\tthree, }\",\n \"datePublished\": \"01:38:07 PM IST Nov 20, 2019\",\n}]";
        let a = parse(&[raw.to_string()]);
        assert_eq!(a.body, "One. Two, three, }");
        assert_eq!(a.date_published, "01:38:07 PM IST Nov 20, 2019");
    }

    #[test]
    fn graph_references_are_followed() {
        // The Yoast shape: the article points at Person, Organization and image nodes by @id.
        let b = r#"{"@context":"https://schema.org","@graph":[
          {"@type":"Organization","@id":"https://s.example/#org","name":"Site Org"},
          {"@type":"ImageObject","@id":"https://s.example/a/#primaryimage","url":"https://s.example/a.jpg"},
          {"@type":"Article","@id":"https://s.example/a/#article","headline":"H",
           "author":{"@id":"https://s.example/#/schema/person/b99f"},
           "publisher":{"@id":"https://s.example/#org"},
           "image":{"@id":"https://s.example/a/#primaryimage"}},
          {"@type":["Person"],"@id":"https://s.example/#/schema/person/b99f","name":"Lewis White"}]}"#;
        let a = parse(&[b.to_string()]);
        assert_eq!(a.authors, vec!["Lewis White"]);
        assert_eq!(a.publisher, "Site Org");
        assert_eq!(a.image, "https://s.example/a.jpg");
    }

    #[test]
    fn read_as_serde_json_values_are() {
        // Of duplicate keys the last counts; escaped strings and keys are decoded; numbers
        // print as serde_json prints them.
        let b = r#"{"@type":"NewsArticle","headline":"First","head\u006cine":"Caf\u00e9 \"x\"",
            "articleSection":[12.50,"News"],"author":{"name":"A"},"author":{"name":"B\nC"},
            "dateModified":null}"#;
        let a = parse(&[b.to_string()]);
        assert_eq!(a.headline, "Café \"x\"");
        assert_eq!(a.section, "12.5");
        assert_eq!(a.authors, vec!["B C"]);
        assert_eq!(a.date_modified, "");
    }

    #[test]
    fn organization_authors_are_not_bylines() {
        let b = r#"{"@type":"NewsArticle","headline":"H","author":{"@type":"Organization","name":"Desk Corp"}}"#;
        assert!(parse(&[b.to_string()]).authors.is_empty());
    }
}
