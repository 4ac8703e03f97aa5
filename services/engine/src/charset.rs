//! Bytes → text. Order of evidence: byte-order mark, the caller's `Content-Type` charset, the
//! page's own `<meta charset>` / `http-equiv` declaration (prescan of the first 1024 bytes, as
//! browsers do), then statistical detection with `chardetng`. Output is NFC-normalised, because
//! real Bengali pages mix precomposed and decomposed য় / ড় / ঢ়.

use crate::Error;
use encoding_rs::Encoding;
use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Decoded page text and the encoding used. The text borrows the input when the input already
/// is NUL-free NFC UTF-8 (most pages), so no copy of the page is made.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
}

/// Decodes `bytes`. Refuses inputs that are plainly not HTML (images, archives) with
/// [`Error::NotHtml`]; an unknown or wrong charset label is not an error: detection takes over.
pub fn decode<'a>(
    bytes: &'a [u8],
    content_type: Option<&str>,
    url: Option<&url::Url>,
) -> Result<Decoded<'a>, Error> {
    let decoded = decode_unnormalized(bytes, content_type, url)?;
    Ok(Decoded {
        text: nfc_cow(decoded.text),
        encoding: decoded.encoding,
    })
}

/// [`decode`] without the NFC step, for a caller that normalises less text later (the engine
/// normalises the lean page the parser gets, not the script code and style sheets it leaves
/// out).
pub fn decode_unnormalized<'a>(
    bytes: &'a [u8],
    content_type: Option<&str>,
    url: Option<&url::Url>,
) -> Result<Decoded<'a>, Error> {
    if let Some(kind) = binary_signature(bytes) {
        return Err(Error::NotHtml(format!("the bytes look like {kind}")));
    }
    let declared = Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| content_type.and_then(charset_from_content_type))
        .or_else(|| prescan_meta(bytes));
    // decode() sniffs the BOM again and strips it; malformed sequences become U+FFFD. Valid UTF-8
    // comes back borrowed.
    let (text, used) = match declared {
        Some(enc) => {
            let (text, used, _had_errors) = enc.decode(bytes);
            (text, used)
        }
        // Undeclared but valid UTF-8 is UTF-8 (checking is far cheaper than detection), and
        // the check's result is the text: no second validation.
        None => match std::str::from_utf8(bytes) {
            Ok(text) => (Cow::Borrowed(text), encoding_rs::UTF_8),
            Err(_) => {
                let (text, used, _had_errors) = detect(bytes, url).decode(bytes);
                (text, used)
            }
        },
    };
    let text = if memchr::memchr(0, text.as_bytes()).is_some() {
        Cow::Owned(text.replace('\0', ""))
    } else {
        text
    };
    Ok(Decoded {
        text,
        encoding: used,
    })
}

/// NFC without reallocating when the text already is (the common case).
pub fn nfc(text: String) -> String {
    nfc_cow(Cow::Owned(text)).into_owned()
}

/// NFC of borrowed or owned text, copied only when normalising changes it.
pub fn nfc_cow(text: Cow<'_, str>) -> Cow<'_, str> {
    match nfc_changes(&text) {
        Some(normalized) => Cow::Owned(normalized),
        None => text,
    }
}

/// The NFC form of `text` when it differs from `text`, else `None`.
///
/// Only stretches around code points that are not NFC-stable (combining class 0 and quick check
/// Yes, UAX #15 §9.1) can change, and text normalises independently on either side of a stable
/// code point; so each stretch is checked on its own, from the stable code point before it (which
/// a following mark may compose with) to the next stable one.
fn nfc_changes(text: &str) -> Option<String> {
    // Every character below U+0300 is stable, and their UTF-8 lead bytes are below 0xCC: many
    // pages are settled by a byte scan the compiler vectorises.
    let b = text.as_bytes();
    if next_high(b, 0) == b.len() {
        return None;
    }
    let mut out: Option<String> = None;
    let mut copied = 0; // text[..copied] is already in `out`
    let mut stable_at: Option<usize> = None; // start of the last stable code point
    let mut i = 0;
    let unstable = unstable_bmp();
    while i < b.len() {
        if b[i] < 0xCC {
            // A run of code points below U+0300 (all stable); the last one starts one byte
            // before the run's end, or two when it is a two-byte sequence. Short runs (the
            // spaces between words of another script) are stepped here; long ones get the
            // vectorised scan.
            let near = (i + 16).min(b.len());
            let mut p = i;
            while p < near && b[p] < 0xCC {
                p += 1;
            }
            if p == near {
                p = next_high(b, p);
            }
            stable_at = Some(if b[p - 1] < 0x80 { p - 1 } else { p - 2 });
            i = p;
            continue;
        }
        // Two- and three-byte sequences (the scripts most pages use) are decoded in place and
        // looked up in the BMP table.
        let bmp = match b[i..] {
            [c0 @ 0xCC..=0xDF, c1, ..] => {
                Some((u32::from(c0 & 0x1F) << 6 | u32::from(c1 & 0x3F), 2))
            }
            [c0 @ 0xE0..=0xEF, c1, c2, ..] => Some((
                u32::from(c0 & 0x0F) << 12 | u32::from(c1 & 0x3F) << 6 | u32::from(c2 & 0x3F),
                3,
            )),
            _ => None,
        };
        if let Some((cp, len)) = bmp
            && !is_unstable_bmp(unstable, cp)
        {
            stable_at = Some(i);
            i += len;
            continue;
        }
        let (c, len) = char_at(text, i);
        if is_stable(c) {
            stable_at = Some(i);
            i += len;
            continue;
        }
        let start = stable_at.unwrap_or(i);
        let mut end = i + len;
        let mut single = true;
        while end < b.len() {
            let (c2, len2) = char_at(text, end);
            if is_stable(c2) {
                break;
            }
            single = false;
            end += len2;
        }
        let stretch = &text[start..end];
        // One unstable code point after a stable one `p` that has no decomposition (a mark
        // could otherwise reorder into it): it changes when NFC does not allow it at all, or
        // when it composes with `p`.
        let prev = stable_at.map(|s| char_at(text, s).0);
        let changes = if single && prev.is_none_or(has_no_decomposition) {
            match is_nfc_quick(std::iter::once(c)) {
                IsNormalized::Yes => false,
                IsNormalized::No => true,
                IsNormalized::Maybe => prev.is_some_and(|p| compose(p, c).is_some()),
            }
        } else {
            is_nfc_quick(stretch.chars()) != IsNormalized::Yes
                && !stretch.chars().nfc().eq(stretch.chars())
        };
        if changes {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            o.push_str(&text[copied..start]);
            o.extend(stretch.nfc());
            copied = end;
        }
        stable_at = None;
        i = end;
    }
    out.map(|mut o| {
        o.push_str(&text[copied..]);
        o
    })
}
/// Index of the first byte at or after `from` that is 0xCC or above (a lead byte of U+0300 and
/// beyond), else `b.len()`. Whole 32-byte blocks are tested with a fold the compiler vectorises.
fn next_high(b: &[u8], from: usize) -> usize {
    let mut i = from;
    for block in b.get(from..).unwrap_or_default().chunks_exact(32) {
        if block.iter().fold(false, |any, &x| any | (x >= 0xCC)) {
            break;
        }
        i += 32;
    }
    b.get(i..)
        .and_then(|rest| rest.iter().position(|&x| x >= 0xCC))
        .map_or(b.len(), |r| i + r)
}

/// The code point starting at byte `i` (a char boundary) and its length in bytes.
fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.get(i..).and_then(|t| t.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        // Unreachable (callers step by whole code points); a stable stand-in keeps going.
        None => (' ', 1),
    }
}

/// Stable in NFC: combining class 0 and quick check Yes. A bit table for the BMP (built once)
/// makes this one load for the scripts news pages use.
fn is_stable(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x300 {
        return true;
    }
    if cp > 0xFFFF {
        return is_stable_slow(c);
    }
    !is_unstable_bmp(unstable_bmp(), cp)
}

/// Bit `cp` set for the BMP code points at or above U+0300 that are not stable (built once).
fn unstable_bmp() -> &'static [u64] {
    static UNSTABLE_BMP: OnceLock<Vec<u64>> = OnceLock::new();
    UNSTABLE_BMP.get_or_init(|| {
        let mut t = vec![0u64; 1024];
        for cp in 0x300..0x1_0000u32 {
            if char::from_u32(cp).is_some_and(|c| !is_stable_slow(c)) {
                t[cp as usize >> 6] |= 1 << (cp & 63);
            }
        }
        t
    })
}

#[inline]
fn is_unstable_bmp(table: &[u64], cp: u32) -> bool {
    table
        .get(cp as usize >> 6)
        .is_some_and(|w| w >> (cp & 63) & 1 == 1)
}

fn has_no_decomposition(c: char) -> bool {
    if c < '\u{C0}' {
        return true;
    }
    let mut same = true;
    decompose_canonical(c, |d| same &= d == c);
    same
}

fn is_stable_slow(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// The `charset=` parameter of a Content-Type value, when it names an encoding we know.
pub fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        if !key.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(
            value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .as_bytes(),
        )
        .map(utf16_to_utf8)
    })
}

/// HTML says a page that declares UTF-16 in a meta tag but has no BOM is really ASCII-compatible.
fn utf16_to_utf8(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        encoding_rs::UTF_8
    } else {
        enc
    }
}

/// A simplified form of the HTML standard's prescan: look for `charset=` inside a `<meta` tag
/// within the first 1024 bytes.
fn prescan_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let rest = &tag[cs + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label_end = rest
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..label_end]) {
                    return Some(utf16_to_utf8(enc));
                }
            }
        }
        from = end;
    }
    None
}

fn detect(bytes: &[u8], url: Option<&url::Url>) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = url
        .and_then(|u| u.host_str())
        .and_then(|h| h.rsplit('.').next())
        .map(str::as_bytes);
    detector.guess(tld, chardetng::Utf8Detection::Allow)
}

/// Recognises common binary formats that are sometimes sent by mistake.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"%PDF-", "a PDF document"),
        (
            b"\x28\xb5\x2f\xfd",
            "zstd-compressed data (decompress it first)",
        ),
        (b"BZh", "bzip2-compressed data (decompress it first)"),
    ];
    SIGNATURES
        .iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, kind)| *kind)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec<'a>(bytes: &'a [u8], ct: Option<&str>) -> Decoded<'a> {
        match decode(bytes, ct, None) {
            Ok(d) => d,
            Err(e) => panic!("decode failed: {e}"),
        }
    }

    #[test]
    fn bom_wins_over_everything() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<p>হ্যালো</p>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = dec(&bytes, Some("text/html; charset=iso-8859-1"));
        assert_eq!(d.encoding, encoding_rs::UTF_16LE);
        assert_eq!(d.text, "<p>হ্যালো</p>");
    }

    #[test]
    fn content_type_hint_beats_meta() {
        let bytes = b"<meta charset=utf-8><p>caf\xe9</p>";
        let d = dec(bytes, Some("text/html; charset=\"ISO-8859-1\""));
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
        assert!(d.text.contains("café"));
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        let d = dec(
            b"<html><head><meta charset='windows-1251'></head><p>\xcf\xf0\xe8</p>",
            None,
        );
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1251);
        assert!(d.text.contains("При"));
        let d = dec(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>\x93\xfa\x96\x7b</p>",
            None,
        );
        assert_eq!(d.encoding, encoding_rs::SHIFT_JIS);
        assert!(d.text.contains("日本"));
    }

    #[test]
    fn wrong_label_falls_back_to_detection() {
        let d = dec(
            "<p>নতুন খবর</p>".as_bytes(),
            Some("text/html; charset=no-such-charset"),
        );
        assert_eq!(d.encoding, encoding_rs::UTF_8);
        assert!(d.text.contains("নতুন"));
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected() {
        let text = "Größere Änderungen für Übersetzungen und Straßen in München, ökonomisch.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = dec(&bytes, None);
        assert_eq!(d.text, text);
    }

    #[test]
    fn output_is_nfc_and_nul_free() {
        // য + nukta (decomposed) must come out as NFC; NFC keeps য় decomposed (exclusion).
        let d = dec("<p>জানুয\u{09BC}ারি\0</p>".as_bytes(), None);
        assert_eq!(d.text, "<p>জানুয\u{09BC}ারি</p>");
        let d2 = dec("<p>জানু\u{09DF}ারি</p>".as_bytes(), None);
        assert_eq!(d.text, d2.text);
    }

    #[test]
    fn line_wise_nfc_equals_whole_nfc() {
        let text = "plain line\nজানু\u{09DF}ারি and e\u{0301}\n\u{0301} leading mark\nlast";
        let whole: String = text.nfc().collect();
        assert_eq!(nfc(text.to_string()), whole);
    }

    #[test]
    fn stretch_wise_nfc_equals_whole_nfc() {
        let pieces = [
            "a",
            "e",
            "\u{0301}",
            "\u{0327}",
            "\u{09C7}",
            "\u{09BE}",
            "\u{09D7}",
            "\u{09AF}",
            "\u{09BC}",
            "\u{09CD}",
            "\u{09DF}",
            "\u{0995}",
            "\u{1100}",
            "\u{1161}",
            "\u{11A8}",
            "\u{AC00}",
            "\u{0316}",
            "\u{00E0}",
            "\u{212B}",
            "\u{0344}",
            "\u{0F73}",
            "\u{1D15E}",
            "é",
            " ",
            "\n",
            "ß",
            "\u{0438}",
            "\u{0306}",
            "\u{0439}",
        ];
        // Every string of up to three pieces, plus a few longer mixes.
        let mut cases: Vec<String> = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    cases.push(format!("{a}{b}{c}"));
                }
            }
        }
        cases.push("জানু\u{09DF}ারি e\u{0301} ক\u{09C7}\u{09BE} x\u{0327}\u{0301}".into());
        for t in cases {
            let whole: String = t.nfc().collect();
            assert_eq!(nfc(t.clone()), whole, "{t:?}");
            assert_eq!(nfc_changes(&t).is_none(), whole == t, "{t:?}");
        }
    }

    #[test]
    fn valid_nfc_utf8_is_borrowed() {
        let d = dec("<p>নতুন খবর café</p>".as_bytes(), None);
        assert!(matches!(d.text, Cow::Borrowed(_)));
    }

    #[test]
    fn binary_inputs_are_refused() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0", None, None),
            Err(Error::NotHtml(_))
        ));
        assert!(matches!(
            decode(b"\x1f\x8b\x08\0", None, None),
            Err(Error::NotHtml(_))
        ));
    }
}
