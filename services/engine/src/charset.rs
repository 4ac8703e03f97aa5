//! Bytes → text. Order of evidence: byte-order mark, the caller's `Content-Type` charset, the
//! page's own `<meta charset>` / `http-equiv` declaration (prescan of the first 1024 bytes, as
//! browsers do), then statistical detection with `chardetng`. Output is NFC-normalised, because
//! real Bengali pages mix precomposed and decomposed য় / ড় / ঢ়.

use crate::Error;
use encoding_rs::Encoding;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Decoded page text and the encoding used.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// Decodes `bytes`. Refuses inputs that are plainly not HTML (images, archives) with
/// [`Error::NotHtml`]; an unknown or wrong charset label is not an error: detection takes over.
pub fn decode(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&url::Url>,
) -> Result<Decoded, Error> {
    if let Some(kind) = binary_signature(bytes) {
        return Err(Error::NotHtml(format!("the bytes look like {kind}")));
    }
    let encoding = Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| content_type.and_then(charset_from_content_type))
        .or_else(|| prescan_meta(bytes))
        // Undeclared but valid UTF-8 is UTF-8 (checking is far cheaper than detection).
        .or_else(|| {
            std::str::from_utf8(bytes)
                .is_ok()
                .then_some(encoding_rs::UTF_8)
        })
        .unwrap_or_else(|| detect(bytes, url));
    // decode() sniffs the BOM again and strips it; malformed sequences become U+FFFD.
    let (text, used, _had_errors) = encoding.decode(bytes);
    let text = if text.contains('\0') {
        text.replace('\0', "")
    } else {
        text.into_owned()
    };
    Ok(Decoded {
        text: nfc(text),
        encoding: used,
    })
}

/// NFC without reallocating when the text already is (the common case).
pub fn nfc(text: String) -> String {
    // Every character below U+0300 is NFC-stable, and their UTF-8 lead bytes are below 0xCC:
    // many pages are settled by a byte scan the compiler vectorises.
    if text.bytes().all(|b| b < 0xCC) {
        return text;
    }
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    // A newline composes with nothing, so NFC works line by line: only the lines that need it
    // are normalised (real pages have a few such lines among thousands).
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if is_nfc_quick(line.chars()) == IsNormalized::Yes {
            out.push_str(line);
        } else {
            out.extend(line.nfc());
        }
    }
    out
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

    fn dec(bytes: &[u8], ct: Option<&str>) -> Decoded {
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
