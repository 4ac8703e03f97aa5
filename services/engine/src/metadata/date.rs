//! Date parsing for metadata values and visible date lines, in many languages, Bengali
//! first-class: Bengali digits (also inside ISO strings), Gregorian month names with their
//! spelling variants, weekdays, ordinal suffixes, এএম/পিএম and পূর্বাহ্ণ/অপরাহ্ণ clocks, and
//! relative times (`৩ ঘণ্টা আগে`, "2 hours ago") when the caller gives a reference time.
//! Bangla-calendar (বঙ্গাব্দ) and Hijri dates are never read as Gregorian ones: parsing stops
//! where they begin.
//!
//! Strict by design: a string that does not hold a whole date (day, month and year) gives
//! `None` rather than a guess.

use crate::PageTime;
use crate::rules::metadata as rules;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};

/// How to read a date that carries no offset of its own.
#[derive(Debug, Clone)]
pub struct DateContext {
    /// Zone for dates printed without an offset.
    pub zone: TimeZone,
    /// "Now", for relative dates; without it they are not resolved.
    pub reference_time: Option<Timestamp>,
}

/// A date as written, before a zone is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub date: Date,
    pub time: Option<Time>,
    /// Offset stated in the text, in seconds.
    pub offset: Option<i32>,
    /// Zone named in the text ("ET"), when it states no fixed offset.
    pub zone: Option<&'static str>,
}

/// Parses one date string and places it in time.
pub fn parse_date(text: &str, ctx: &DateContext) -> Option<PageTime> {
    if let Some(t) = parse_relative(text, ctx.reference_time) {
        return Some(t);
    }
    let p = parse_parts(text)?;
    resolve(&p, &ctx.zone)
}

/// Applies `zone` to a parsed date that has no offset of its own.
pub fn resolve(p: &Parsed, zone: &TimeZone) -> Option<PageTime> {
    let time = p.time.unwrap_or(Time::midnight());
    let dt = DateTime::from_parts(p.date, time);
    let (instant, offset) = match p.offset {
        Some(secs) => {
            let off = Offset::from_seconds(secs).ok()?;
            (off.to_timestamp(dt).ok()?, secs)
        }
        None => {
            let named = p.zone.and_then(|z| match z {
                rules::BST if zone.iana_name() == Some("Asia/Dhaka") => Some(zone.clone()),
                rules::BST => TimeZone::get("Europe/London").ok(),
                z => TimeZone::get(z).ok(),
            });
            let tz = named.as_ref().unwrap_or(zone);
            let ts = tz.to_ambiguous_timestamp(dt).compatible().ok()?;
            (ts, tz.to_offset(ts).seconds())
        }
    };
    plausible(instant).then_some(PageTime {
        instant,
        offset_seconds: offset,
        has_time: p.time.is_some(),
    })
}

/// News dates are after the web began and not in the future (a day's slack for clocks).
fn plausible(t: Timestamp) -> bool {
    let secs = t.as_second();
    secs >= 788_918_400 // 1995-01-01
        && secs <= Timestamp::now().as_second() + 2 * 86_400
}

/// Replaces Bengali, Devanagari, Arabic-Indic and Persian digits with ASCII ones.
pub fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    let zero = |c: char| match c {
        '\u{09E6}'..='\u{09EF}' => Some(0x09E6),
        '\u{0966}'..='\u{096F}' => Some(0x0966),
        '\u{0660}'..='\u{0669}' => Some(0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(0x06F0),
        _ => None,
    };
    if !s.chars().any(|c| zero(c).is_some()) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match zero(c) {
                Some(z) => char::from(b'0' + (c as u32 - z) as u8),
                None => c,
            })
            .collect(),
    )
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize), // value, digit count
    Month(u8),
    Time(u8, u8, Option<u8>),
    Am,
    Pm,
    Offset(i32),
    Zone(&'static str),
    /// A word that ends the Gregorian part (Bangla calendar or Hijri month).
    Stop,
    /// Ordinal suffix or filler word: skipped.
    Filler,
    Word,
}

/// Parses the first whole date in `text` (with its time and offset when given).
pub fn parse_parts(text: &str) -> Option<Parsed> {
    parse_span(text).map(|(p, _)| p)
}

/// Like [`parse_parts`], also giving the byte range of `text` the date was read from (from its
/// first to its last token: day, month, year, clock, AM/PM, zone), so that a visible line's
/// byline or label can be told apart from its date.
pub fn parse_span(text: &str) -> Option<(Parsed, std::ops::Range<usize>)> {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    let ascii = ascii_digits(trimmed);
    let iso = parse_iso(&ascii);
    if let Some(p) = iso
        && (p.time.is_some() || ascii.len() <= 10)
    {
        return Some((p, lead..lead + trimmed.len()));
    }
    let (toks, spans) = tokenize(&ascii);
    // An ISO day followed by a clock in words ("2019-11-19 오후 2:30"): the tokens read both;
    // else the ISO day stands.
    let Some((p, first, last)) =
        assemble(&toks).filter(|(t, ..)| iso.is_none_or(|i| t.date == i.date))
    else {
        return iso.map(|p| (p, lead..lead + trimmed.len()));
    };
    // Char positions are the same in `ascii` and `trimmed` (digits map one char to one char).
    let (from, to) = (spans.get(first)?.0, spans.get(last)?.1);
    let mut start = trimmed.len();
    let mut end = trimmed.len();
    for (n, (b, _)) in trimmed.char_indices().enumerate() {
        if n == from {
            start = b;
        }
        if n == to {
            end = b;
            break;
        }
    }
    Some((p, lead + start..lead + end))
}

/// ISO 8601 / RFC 3339 at the start of the string: `2023-06-12`, `2023-06-12T12:25`,
/// `2023-06-12 12:25:00.123+06:00`, `…Z`, `…+0600`.
fn parse_iso(s: &str) -> Option<Parsed> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let part = s.get(from..from + len)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let year = num(0, 4)?;
    let sep = *b.get(4)?;
    if sep != b'-' && sep != b'/' {
        return None;
    }
    let month = num(5, 2)?;
    if *b.get(7)? != sep {
        return None;
    }
    let day = num(8, 2)?;
    let date = Date::new(year as i16, month as i8, day as i8).ok()?;
    let mut i = 10;
    let mut time = None;
    let mut offset = None;
    if matches!(b.get(i), Some(b'T' | b't' | b' ')) && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        let h = num(i + 1, 2)?;
        if *b.get(i + 3)? != b':' {
            return None;
        }
        let m = num(i + 4, 2)?;
        i += 6;
        let mut sec = 0;
        if b.get(i) == Some(&b':') {
            sec = num(i + 1, 2)?;
            i += 3;
            if b.get(i) == Some(&b'.') || b.get(i) == Some(&b',') {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
        }
        time = Some(Time::new(h as i8, m as i8, sec.min(59) as i8, 0).ok()?);
        offset = parse_offset_at(s, i);
    }
    Some(Parsed {
        date,
        time,
        offset,
        zone: None,
    })
}

fn parse_offset_at(s: &str, i: usize) -> Option<i32> {
    let rest = s.get(i..)?.trim_start();
    if rest.starts_with('Z') || rest.starts_with('z') {
        return Some(0);
    }
    let sign = match rest.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .filter(char::is_ascii_digit)
        .collect();
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// The tokens of `s`, with each token's char range.
fn tokenize(s: &str) -> (Vec<Tok>, Vec<(usize, usize)>) {
    let mut toks = Vec::new();
    let mut spans = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        // Every token pushed in this round starts at `round_start` and ends where `i` stops.
        let (round, round_start) = (toks.len(), i);
        'body: {
            let c = chars[i];
            if c.is_ascii_digit() {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let digits: String = chars[start..i].iter().collect();
                // "18.54 GMT", "6.30 pm": a dotted clock, only when a zone or AM/PM follows (else
                // "13.11" is part of a date).
                if digits.len() <= 2
                    && chars.get(i) == Some(&'.')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                    && chars.get(i + 2).is_some_and(char::is_ascii_digit)
                    && chars
                        .get(i + 3)
                        .is_none_or(|c| !c.is_ascii_digit() && *c != '.')
                {
                    let mut k = i + 3;
                    while chars.get(k) == Some(&' ') {
                        k += 1;
                    }
                    let ws = k;
                    while chars.get(k).is_some_and(|c| c.is_alphabetic() || *c == '.') {
                        k += 1;
                    }
                    let word = lowercase(&chars[ws..k]);
                    let mins: String = chars[i + 1..i + 3].iter().collect();
                    if matches!(
                        classify_word(word.trim_end_matches('.')),
                        Tok::Am | Tok::Pm | Tok::Offset(_) | Tok::Zone(_)
                    ) && let (Ok(h), Ok(m)) = (digits.parse::<u8>(), mins.parse::<u8>())
                    {
                        toks.push(Tok::Time(h, m, None));
                        i += 3;
                        break 'body;
                    }
                }
                // "14時30分", "14시 30분", "14h30": a clock written with unit letters.
                if digits.len() <= 2
                    && let Some(&unit) = chars.get(i)
                    && matches!(unit, '時' | '时' | '시' | 'h' | 'H')
                {
                    let mut j = i + 1;
                    if unit != 'h' && unit != 'H' {
                        while chars.get(j) == Some(&' ') {
                            j += 1;
                        }
                    }
                    let ms = j;
                    while chars.get(j).is_some_and(char::is_ascii_digit) {
                        j += 1;
                    }
                    let mins: String = chars[ms..j].iter().collect();
                    let latin = unit == 'h' || unit == 'H';
                    // "14h30" needs its two minute digits and nothing glued after them.
                    let ok = if latin {
                        mins.len() == 2 && chars.get(j).is_none_or(|c| !c.is_alphanumeric())
                    } else {
                        mins.len() <= 2
                    };
                    if ok && let Ok(h) = digits.parse::<u8>() {
                        let m = mins.parse::<u8>().unwrap_or(0);
                        if !latin && matches!(chars.get(j), Some('分' | '분')) {
                            j += 1;
                        }
                        toks.push(Tok::Time(h, m, None));
                        i = j;
                        break 'body;
                    }
                }
                // hh:mm[:ss]
                if i < chars.len() && chars[i] == ':' && digits.len() <= 2 {
                    let mut j = i + 1;
                    let ms = j;
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    let mins: String = chars[ms..j].iter().collect();
                    if mins.len() == 2 {
                        let mut secs = None;
                        if j < chars.len() && chars[j] == ':' {
                            let ss = j + 1;
                            let mut k = ss;
                            while k < chars.len() && chars[k].is_ascii_digit() {
                                k += 1;
                            }
                            let s: String = chars[ss..k].iter().collect();
                            if s.len() == 2 {
                                secs = s.parse().ok();
                                j = k;
                            }
                        }
                        if let (Ok(h), Ok(m)) = (digits.parse::<u8>(), mins.parse::<u8>()) {
                            toks.push(Tok::Time(h, m, secs));
                        }
                        i = j;
                        break 'body;
                    }
                }
                if let Ok(v) = digits.parse::<u32>() {
                    toks.push(Tok::Num(v, digits.len()));
                }
                break 'body;
            }
            if (c == '+' || c == '-') && i + 1 < chars.len() && chars[i + 1].is_ascii_digit() {
                // A UTC offset only right after a time ("12:25 +0600").
                if matches!(
                    toks.last(),
                    Some(Tok::Time(..) | Tok::Am | Tok::Pm | Tok::Offset(_))
                ) {
                    let rest: String = chars[i..chars.len().min(i + 6)].iter().collect();
                    if let Some(off) = parse_offset_at(&rest, 0) {
                        toks.push(Tok::Offset(off));
                        i += 1;
                        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ':') {
                            i += 1;
                        }
                        break 'body;
                    }
                }
                i += 1;
                break 'body;
            }
            if c.is_alphabetic() || is_mark(c) {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphabetic() || is_mark(chars[i]) || chars[i] == '.')
                {
                    i += 1;
                }
                let word = lowercase(&chars[start..i]);
                let word = word.trim_end_matches('.');
                match classify_word(word) {
                    Tok::Filler => {}
                    t => toks.push(t),
                }
                break 'body;
            }
            i += 1;
        }
        for _ in round..toks.len() {
            spans.push((round_start, i));
        }
    }
    (toks, spans)
}

/// `str::to_lowercase` of the chars, in one allocation when they are ASCII (most words).
fn lowercase(chars: &[char]) -> String {
    let mut word: String = chars.iter().collect();
    if word.is_ascii() {
        word.make_ascii_lowercase();
        word
    } else {
        word.to_lowercase()
    }
}

fn is_mark(c: char) -> bool {
    // Bengali vowel signs, virama, nukta and the like are not alphabetic in every table.
    ('\u{0980}'..='\u{09FF}').contains(&c) || ('\u{0900}'..='\u{097F}').contains(&c)
}

fn classify_word(word: &str) -> Tok {
    // Ordinal suffixes glued to a number were split off as a word: ignore them.
    if let Some(m) = rules::month_number(word) {
        return Tok::Month(m);
    }
    if rules::is_am(word) {
        return Tok::Am;
    }
    if rules::is_pm(word) {
        return Tok::Pm;
    }
    match rules::zone_abbreviation(word) {
        Some(rules::ZoneAbbr::Fixed(off)) => return Tok::Offset(off),
        Some(rules::ZoneAbbr::Named(z)) => return Tok::Zone(z),
        None => {}
    }
    if rules::is_filler(word) {
        return Tok::Filler;
    }
    if rules::is_other_calendar_month(word) {
        return Tok::Stop;
    }
    Tok::Word
}

/// The date the tokens hold, with the index of its first and last token.
fn assemble(toks: &[Tok]) -> Option<(Parsed, usize, usize)> {
    // Only the Gregorian part: cut at a Bangla-calendar or Hijri month, and drop the day number
    // written just before it.
    let mut toks = toks;
    if let Some(stop) = toks.iter().position(|t| *t == Tok::Stop) {
        let mut end = stop;
        if end > 0 && matches!(toks[end - 1], Tok::Num(_, d) if d <= 2) {
            end -= 1;
        }
        toks = &toks[..end];
    }
    let (date, date_start, date_end) = find_date(toks)?;
    let (mut first, mut last) = (date_start, date_end - 1);
    // The time: the first clock after the date (or before it, as in "10:46 AM, June 12, 2020").
    let mut time = None;
    let mut offset = None;
    let mut zone = None;
    let search: Vec<usize> = (date_end..toks.len()).chain(0..date_end).collect();
    for &i in &search {
        if let Tok::Time(h, m, s) = toks[i] {
            let (mut h, m) = (h, m);
            // AM/PM after the clock, or before it as in Korean, Chinese and Japanese ("오후 2:30").
            let before = i.checked_sub(1).and_then(|b| toks.get(b));
            match (toks.get(i + 1), before) {
                (Some(Tok::Pm), _) | (_, Some(Tok::Pm)) if h < 12 => h += 12,
                (Some(Tok::Am), _) | (_, Some(Tok::Am)) if h == 12 => h = 0,
                _ => {}
            }
            if h > 23 || m > 59 {
                return None;
            }
            time = Time::new(h as i8, m as i8, s.unwrap_or(0).min(59) as i8, 0).ok();
            let after = if matches!(toks.get(i + 1), Some(Tok::Am | Tok::Pm)) {
                i + 2
            } else {
                i + 1
            };
            let mut end = after - 1;
            match toks.get(after) {
                Some(Tok::Offset(o)) => {
                    offset = Some(*o);
                    end = after;
                }
                Some(Tok::Zone(z)) => {
                    zone = Some(*z);
                    end = after;
                }
                _ => {}
            }
            first = first.min(i);
            last = last.max(end);
            break;
        }
    }
    Some((
        Parsed {
            date,
            time,
            offset,
            zone,
        },
        first,
        last,
    ))
}

/// Finds day, month and year among the tokens; returns the date, the index of its first token
/// and the index after it.
fn find_date(toks: &[Tok]) -> Option<(Date, usize, usize)> {
    let year_of = |t: &Tok| match *t {
        Tok::Num(v, 4) if (1990..=2100).contains(&v) => Some(v as i16),
        _ => None,
    };
    let day_of = |t: &Tok| match *t {
        Tok::Num(v, d) if d <= 2 && (1..=31).contains(&v) => Some(v as i8),
        _ => None,
    };
    for i in 0..toks.len() {
        if let Tok::Month(m) = toks[i] {
            let m = m as i8;
            // day month year: "12 June 2023"
            if i >= 1
                && let (Some(d), Some(y)) =
                    (day_of(&toks[i - 1]), toks.get(i + 1).and_then(year_of))
                && let Ok(date) = Date::new(y, m, d)
            {
                return Some((date, i - 1, i + 2));
            }
            // month day year: "June 12, 2023"
            if let (Some(d), Some(y)) = (
                toks.get(i + 1).and_then(day_of),
                toks.get(i + 2).and_then(year_of),
            ) && let Ok(date) = Date::new(y, m, d)
            {
                return Some((date, i, i + 3));
            }
            // month day, clock, year: "November 20 15:23 2019" (calendar-style date boxes)
            if let (Some(d), Some(Tok::Time(..))) =
                (toks.get(i + 1).and_then(day_of), toks.get(i + 2))
            {
                let at = if matches!(toks.get(i + 3), Some(Tok::Am | Tok::Pm)) {
                    i + 4
                } else {
                    i + 3
                };
                if let Some(y) = toks.get(at).and_then(year_of)
                    && let Ok(date) = Date::new(y, m, d)
                {
                    return Some((date, i, at + 1));
                }
            }
            // year month day: "2023 June 12"
            if i >= 1
                && let (Some(y), Some(d)) =
                    (year_of(&toks[i - 1]), toks.get(i + 1).and_then(day_of))
                && let Ok(date) = Date::new(y, m, d)
            {
                return Some((date, i - 1, i + 2));
            }
        }
    }
    // Numeric forms: y/m/d, or d/m/y when unambiguous (the day is over 12) or day-first
    // (most of the world writes day first; month-first pages name their months).
    for i in 0..toks.len().saturating_sub(2) {
        let (a, b, c) = (&toks[i], &toks[i + 1], &toks[i + 2]);
        if let (Some(y), Tok::Num(mo, _), Some(d)) = (year_of(a), b, day_of(c))
            && let Ok(date) = Date::new(y, *mo as i8, d)
        {
            return Some((date, i, i + 3));
        }
        if let (Tok::Num(x, dx), Tok::Num(yv, dy), Some(y)) = (a, b, year_of(c))
            && *dx <= 2
            && *dy <= 2
        {
            let (d, mo) = if *yv > 12 { (*yv, *x) } else { (*x, *yv) };
            if let Ok(date) = Date::new(y, mo as i8, d as i8) {
                return Some((date, i, i + 3));
            }
        }
    }
    None
}

/// Relative times: "3 hours ago", "৩ ঘণ্টা আগে", "yesterday", "গতকাল".
pub fn parse_relative(text: &str, reference: Option<Timestamp>) -> Option<PageTime> {
    let now = reference?;
    let text = ascii_digits(text.trim()).to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let ago = words.iter().position(|w| {
        rules::AGO_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && !is_mark(c)))
    })?;
    if ago < 2 {
        // "yesterday ago" makes no sense; "today"-style words are handled below.
        return None;
    }
    let n: i64 = words[ago - 2]
        .trim_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    let unit = words[ago - 1];
    let secs = rules::relative_unit_seconds(unit)?;
    let instant = now
        .checked_sub(jiff::SignedDuration::from_secs(n.checked_mul(secs)?))
        .ok()?;
    Some(PageTime {
        instant,
        offset_seconds: 0,
        has_time: secs < 86_400,
    })
}

/// The zone for a page's offset-less dates: the caller's default, else a site rule, else the
/// country-code domain, else the page language's usual zone (Bengali → Asia/Dhaka), else UTC.
pub fn page_zone(ctx: &crate::PageContext, options: &crate::Options, language: &str) -> TimeZone {
    use crate::rules::sites;
    let host = ctx
        .page_url
        .as_ref()
        .and_then(|u| u.host_str())
        .unwrap_or("");
    let named = options
        .default_time_zone
        .as_deref()
        .or_else(|| sites::site_rule(host).and_then(|r| r.time_zone))
        .or_else(|| {
            let tld = host.rsplit('.').next()?;
            sites::TLD_ZONES
                .iter()
                .find(|(t, _)| *t == tld)
                .map(|(_, z)| *z)
        })
        .or_else(|| {
            let primary = language.split(['-', '_']).next()?.to_ascii_lowercase();
            sites::LANGUAGE_ZONES
                .iter()
                .find(|(l, _)| *l == primary)
                .map(|(_, z)| *z)
        });
    named
        .and_then(|z| TimeZone::get(z).ok())
        .unwrap_or(TimeZone::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dhaka() -> DateContext {
        DateContext {
            zone: TimeZone::get("Asia/Dhaka").expect("zone"),
            reference_time: None,
        }
    }

    fn local(text: &str, ctx: &DateContext) -> Option<String> {
        parse_date(text, ctx).map(|t| t.local_rfc3339())
    }

    #[test]
    fn dates_in_many_languages_and_scripts() {
        let utc = DateContext {
            zone: TimeZone::UTC,
            reference_time: None,
        };
        for (text, want) in [
            ("2019年11月19日 14時30分", "2019-11-19T14:30:00+00:00"),
            ("2019年11月19日 14:30", "2019-11-19T14:30:00+00:00"),
            ("2019년 11월 19일 오후 2:30", "2019-11-19T14:30:00+00:00"),
            ("2019-11-19 오후 2:30", "2019-11-19T14:30:00+00:00"),
            ("2019/11/19 下午 02:30", "2019-11-19T14:30:00+00:00"),
            ("19 novembre 2019 à 14h30", "2019-11-19T14:30:00+00:00"),
            ("19. November 2019, 14:30 Uhr", "2019-11-19T14:30:00+00:00"),
            ("19 listopada 2019", "2019-11-19T00:00:00+00:00"),
            ("١٩ نوفمبر ٢٠١٩", "2019-11-19T00:00:00+00:00"),
            ("19 tháng 11 năm 2019", "2019-11-19T00:00:00+00:00"),
            ("19 ноября 2019, 14:30", "2019-11-19T14:30:00+00:00"),
            ("19 Kasım 2019 14:30", "2019-11-19T14:30:00+00:00"),
            // A calendar widget's order: month and day, the clock, then the year.
            ("November 19 14:30 2019", "2019-11-19T14:30:00+00:00"),
            ("Nov 19 2:30 pm 2019", "2019-11-19T14:30:00+00:00"),
        ] {
            assert_eq!(local(text, &utc).as_deref(), Some(want), "{text}");
        }
        // "2h" is no clock; an ISO day alone stays a day.
        assert_eq!(parse_parts("Posted 2h ago"), None);
        assert_eq!(parse_parts("2019-11-19").and_then(|p| p.time), None);
    }

    #[test]
    fn dates_md_test_vectors() {
        let ctx = dhaka();
        // Section 9 of DATES.md.
        assert_eq!(
            local("প্রকাশ : ১২ জুন ২০২৩, ১২:২৫ পিএম", &ctx).as_deref(),
            Some("2023-06-12T12:25:00+06:00")
        );
        assert_eq!(
            local("প্রকাশ : ১৬ অক্টোবর ২০২৩, ০২:২০ পিএম", &ctx).as_deref(),
            Some("2023-10-16T14:20:00+06:00")
        );
        assert_eq!(
            local("আপডেট : ১৬ অক্টোবর ২০২৩, ০৬:১৯ পিএম", &ctx).as_deref(),
            Some("2023-10-16T18:19:00+06:00")
        );
        assert_eq!(
            local("প্রকাশ: ০১ জুন ২০২৫, ০৭:৫৬ পিএম", &ctx).as_deref(),
            Some("2025-06-01T19:56:00+06:00")
        );
        let london = DateContext {
            zone: TimeZone::get("Europe/London").expect("zone"),
            reference_time: None,
        };
        let t = parse_date("শনিবার, আগস্ট ২৯, ২০২০ | ১০:৪৬ পূর্বাহ্ণ", &london).expect("ukbd");
        assert_eq!(t.local_rfc3339(), "2020-08-29T10:46:00+01:00");
        assert_eq!(t.instant.to_string(), "2020-08-29T09:46:00Z");
        let t = parse_date("২০২০-০৮-২৯T১০:৪৬:০৬+০১:০০", &ctx).expect("bengali iso");
        assert_eq!(t.local_rfc3339(), "2020-08-29T10:46:06+01:00");
        let t = parse_date("রোববার, ০২ জানুয়ারি ২০২২, ১৮ পৌষ ১৪২৮", &ctx).expect("with bangla date");
        assert_eq!(
            (t.local_rfc3339().as_str(), t.has_time),
            ("2022-01-02T00:00:00+06:00", false)
        );
        let t = parse_date("৬ অগাস্ট ২০১৫", &ctx).expect("অগাস্ট");
        assert_eq!(&t.local_rfc3339()[..10], "2015-08-06");
        let t = parse_date("প্রকাশিত:শুক্রবার ০৩ জুন ২০২২", &ctx).expect("no space after colon");
        assert_eq!(&t.local_rfc3339()[..10], "2022-06-03");
    }

    #[test]
    fn bengali_variants() {
        let ctx = dhaka();
        for (text, want) in [
            ("২৮ ফেব্রুয়ারি ২০১৯", "2019-02-28"),
            ("২৮ ফেব্রুয়ারী ২০১৯", "2019-02-28"),
            ("০২ জানুয়ারী ২০২২", "2022-01-02"),
            ("১০ আগষ্ট ২০২১", "2021-08-10"),
            ("৫ জানু ২০২৪", "2024-01-05"),
            ("৩১শে ডিসেম্বর ২০২৩", "2023-12-31"),
            ("১লা জুলাই ২০২৪", "2024-07-01"),
            ("বৃহস্পতিবার, ২৮ ফেব্রুয়ারি ২০১৯", "2019-02-28"),
            ("ফেব্রুয়ারি ১৪, ২০২২, ১৬:১৭", "2022-02-14"),
            ("মঙ্গলবার, ০৭ অক্টোবর ২০২৫, ২২ আশ্বিন ১৪৩২", "2025-10-07"),
        ] {
            let got = local(text, &ctx);
            assert_eq!(got.as_deref().map(|s| &s[..10]), Some(want), "{text}");
        }
        // 12-hour rules: 12:xx AM is 00:xx; পূর্বাহ্ন spelling; 24-hour clock.
        assert_eq!(
            local("১২ জুন ২০২৩, ১২:০৫ এএম", &ctx).as_deref(),
            Some("2023-06-12T00:05:00+06:00")
        );
        assert_eq!(
            local("১২ জুন ২০২৩ ১১:০৫ অপরাহ্ন", &ctx).as_deref(),
            Some("2023-06-12T23:05:00+06:00")
        );
        assert_eq!(
            local("ফেব্রুয়ারি ১৪, ২০২২, ১৬:১৭", &ctx).as_deref(),
            Some("2022-02-14T16:17:00+06:00")
        );
    }

    #[test]
    fn not_dates() {
        let ctx = dhaka();
        for text in [
            "২২ আশ্বিন ১৪৩২",
            "৩ জিলহজ ১৪৪৩",
            "সূর্যোদয় : ৬:৪১",
            "শনিবার (২৯ আগস্ট)",
            "কপিরাইট © 2010-2021",
            "1537",
            "২৬ ডিসেম্বর: টিভিতে আজকের খেলা সূচি",
            "",
        ] {
            assert_eq!(local(text, &ctx), None, "{text:?}");
        }
    }

    #[test]
    fn english_and_european_forms() {
        let utc = DateContext {
            zone: TimeZone::UTC,
            reference_time: None,
        };
        for (text, want) in [
            ("2023-06-12T06:25:00Z", "2023-06-12T06:25:00+00:00"),
            ("2023-06-12T12:25:00+06:00", "2023-06-12T12:25:00+06:00"),
            ("2023-06-12T12:25:00.123+0600", "2023-06-12T12:25:00+06:00"),
            ("Mon, 12 Jun 2023 06:25:00 GMT", "2023-06-12T06:25:00+00:00"),
            ("June 12, 2023 12:25 PM", "2023-06-12T12:25:00+00:00"),
            ("Jun. 12, 2023, 6:25 a.m. ET", "2023-06-12T06:25:00-04:00"),
            (
                "Updated Nov. 19, 2019 8:21 am EST",
                "2019-11-19T08:21:00-05:00",
            ),
            ("12 June 2023", "2023-06-12T00:00:00+00:00"),
            ("2023/06/12", "2023-06-12T00:00:00+00:00"),
            ("14.03.2024 10:15", "2024-03-14T10:15:00+00:00"),
            ("14. März 2024", "2024-03-14T00:00:00+00:00"),
            ("14 de marzo de 2024", "2024-03-14T00:00:00+00:00"),
            ("14 mars 2024", "2024-03-14T00:00:00+00:00"),
            ("14 de março de 2024", "2024-03-14T00:00:00+00:00"),
            ("14 marzo 2024", "2024-03-14T00:00:00+00:00"),
        ] {
            assert_eq!(local(text, &utc).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn relative_times_need_a_reference() {
        let mut ctx = dhaka();
        assert_eq!(parse_date("৩ ঘণ্টা আগে", &ctx), None);
        ctx.reference_time = Some("2022-01-18T06:00:00Z".parse().expect("ts"));
        let t = parse_date("৩ ঘণ্টা আগে", &ctx).expect("relative");
        assert_eq!(t.instant.to_string(), "2022-01-18T03:00:00Z");
        let t = parse_date("৫০ মিনিট আগে", &ctx).expect("minutes");
        assert_eq!(t.instant.to_string(), "2022-01-18T05:10:00Z");
        let t = parse_date("2 hours ago", &ctx).expect("english");
        assert_eq!(t.instant.to_string(), "2022-01-18T04:00:00Z");
        let t = parse_date("১ ঘন্টা আগে", &ctx).expect("ঘন্টা spelling");
        assert_eq!(t.instant.to_string(), "2022-01-18T05:00:00Z");
    }

    fn utc() -> DateContext {
        DateContext {
            zone: TimeZone::UTC,
            reference_time: None,
        }
    }

    #[test]
    fn spans_cover_the_date_and_its_clock_only() {
        let span = |t: &str| parse_span(t).map(|(_, r)| t[r].to_string());
        assert_eq!(
            span("By Ann Lee@annlee Nov 19, 2019, 7:53pm EST").as_deref(),
            Some("Nov 19, 2019, 7:53pm EST")
        );
        assert_eq!(
            span("21:17 18.11.2019Get short URL").as_deref(),
            Some("21:17 18.11.2019")
        );
        assert_eq!(
            span("5:45 AM PST 11/19/2019 by Ann Lee").as_deref(),
            Some("5:45 AM PST 11/19/2019")
        );
        // Bengali digits keep their byte positions.
        assert_eq!(
            span("কালবেলা ডেস্ক ১২ জুন ২০২৩, ১২:২৫ পিএম").as_deref(),
            Some("১২ জুন ২০২৩, ১২:২৫ পিএম")
        );
        assert_eq!(
            span("  2023-06-12T12:25:00+06:00").as_deref(),
            Some("2023-06-12T12:25:00+06:00")
        );
        assert_eq!(span("no date here"), None);
    }

    #[test]
    fn bst_is_bangladesh_time_on_bangladeshi_pages_only() {
        assert_eq!(
            local("June 12, 2023 12:25 PM BST", &dhaka()).as_deref(),
            Some("2023-06-12T12:25:00+06:00")
        );
        assert_eq!(
            local("June 12, 2023 12:25 PM BST", &utc()).as_deref(),
            Some("2023-06-12T12:25:00+01:00")
        );
        assert_eq!(
            local("November 18, 2019 at 2:26 PM HST", &utc()).as_deref(),
            Some("2019-11-18T14:26:00-10:00")
        );
    }

    #[test]
    fn dotted_clocks_need_a_zone_or_am_pm() {
        assert_eq!(
            local("Mon 18 Nov 2019 18.54 GMT", &utc()).as_deref(),
            Some("2019-11-18T18:54:00+00:00")
        );
        assert_eq!(
            local("18 November 2019, 6.30 pm", &utc()).as_deref(),
            Some("2019-11-18T18:30:00+00:00")
        );
        // Day-first numeric dates stay dates.
        assert_eq!(
            local("13.11.2019, 23:06", &utc()).as_deref(),
            Some("2019-11-13T23:06:00+00:00")
        );
    }

    #[test]
    fn more_month_names() {
        assert_eq!(
            local("24 сентября 2018", &utc()).as_deref(),
            Some("2018-09-24T00:00:00+00:00")
        );
        assert_eq!(
            local("3 Mart 2021 14:05", &utc()).as_deref(),
            Some("2021-03-03T14:05:00+00:00")
        );
        assert_eq!(
            local("12 अगस्त 2022", &utc()).as_deref(),
            Some("2022-08-12T00:00:00+00:00")
        );
        assert_eq!(
            local("17 Agustus 2020", &utc()).as_deref(),
            Some("2020-08-17T00:00:00+00:00")
        );
    }
}
