//! Every embedded field, for people to read: EXIF (through kamadak-exif), XMP (the
//! packet's properties and their values), IPTC (the Photoshop resource's datasets), PNG
//! text chunks, and a video's container tags (QuickTime `©xxx` entries, `keys`/`ilst`
//! items). Nothing here trusts the file: every length is checked against the bytes at
//! hand, nesting is bounded, values are shortened and their control characters escaped.

use std::borrow::Cow;

/// The most fields listed from one file.
const MAX_FIELDS: usize = 1_000;
/// The longest value shown, in characters.
const MAX_VALUE: usize = 300;
/// How deep XMP elements and video boxes are followed.
const MAX_DEPTH: usize = 32;

/// One embedded field: where it comes from (`EXIF`, `XMP`, `IPTC`, `PNG`, `JPEG`,
/// `Video`), its name and its value, both made inert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The kind of metadata it belongs to.
    pub group: &'static str,
    /// The field's name as the format calls it (`GPSLatitude`, `dc:creator`, `By-line`).
    pub name: String,
    /// Its value, on one line.
    pub value: String,
}

/// Adds a field, its name and value made inert and shortened, up to the limit.
pub(super) fn push(out: &mut Vec<Field>, group: &'static str, name: &str, value: &str) {
    if out.len() >= MAX_FIELDS {
        return;
    }
    let shorten = |s: &str, n: usize| -> String {
        let s = s.trim();
        match s.char_indices().nth(n) {
            Some((i, _)) => format!("{}...", &s[..i]),
            None => s.to_string(),
        }
    };
    out.push(Field {
        group,
        name: crate::text::one_line(&shorten(name, 80)).into_owned(),
        value: crate::text::one_line(&shorten(value, MAX_VALUE)).into_owned(),
    });
}

/// Every EXIF field, with the directory it is in when not the main image's.
pub(super) fn exif(exif: &exif::Exif, out: &mut Vec<Field>) {
    for f in exif.fields() {
        let name = match f.ifd_num {
            exif::In::PRIMARY => f.tag.to_string(),
            other => format!("{} ({other})", f.tag),
        };
        let value = f.display_value().with_unit(exif).to_string();
        push(out, "EXIF", &name, &value);
    }
}

/// The properties of an XMP packet: attributes of its descriptions (`exif:GPSLatitude="…"`)
/// and the text of its elements (`<dc:creator><rdf:Seq><rdf:li>…`), each under the nearest
/// property's name. A small reader, not a full XML parser: what it cannot follow it skips.
pub(super) fn xmp(packet: &[u8], out: &mut Vec<Field>) {
    let text = String::from_utf8_lossy(packet);
    let mut stack: Vec<&str> = Vec::new();
    let mut rest: &str = &text;
    while let Some(lt) = rest.find('<') {
        let between = rest[..lt].trim();
        if !between.is_empty()
            && let Some(name) = stack.iter().rev().find(|n| is_property(n))
        {
            push(out, "XMP", name, &unescape(between));
        }
        rest = &rest[lt + 1..];
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with(['?', '!']) {
            continue;
        }
        if let Some(closing) = tag.strip_prefix('/') {
            if let Some(at) = stack.iter().rposition(|n| *n == closing.trim()) {
                stack.truncate(at);
            }
            continue;
        }
        let empty = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, attributes) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        for (key, value) in attributes_of(attributes) {
            if is_property(key) {
                push(out, "XMP", key, &unescape(value));
            }
        }
        if !empty && stack.len() < MAX_DEPTH {
            stack.push(name);
        }
    }
}

/// Whether an XMP name is a property (not the packet's own structure or a namespace).
fn is_property(name: &str) -> bool {
    name.contains(':')
        && !name.starts_with("rdf:")
        && !name.starts_with("x:")
        && !name.starts_with("xmlns")
        && !name.starts_with("xml:")
}

/// `key="value"` and `key='value'` pairs of a tag.
fn attributes_of(mut text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    while let Some(eq) = text.find('=') {
        let key = text[..eq].trim();
        let after = text[eq + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(end) = after[1..].find(quote) else {
            break;
        };
        out.push((key, &after[1..1 + end]));
        text = &after[end + 2..];
    }
    out
}

fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&#xA;", " ")
            .replace("&amp;", "&"),
    )
}

/// The IPTC datasets of a JPEG's APP13 segment (Photoshop's image resource 0x0404).
pub(super) fn iptc(app13: &[u8], out: &mut Vec<Field>) {
    let Some(mut rest) = app13.strip_prefix(b"Photoshop 3.0\0") else {
        return;
    };
    // Image resources: "8BIM", id, a padded Pascal name, a size, the data (padded).
    while rest.len() >= 12 && rest.starts_with(b"8BIM") {
        let id = u16::from_be_bytes([rest[4], rest[5]]);
        let name_len = usize::from(rest[6]);
        let name_total = (1 + name_len).next_multiple_of(2);
        let at = 6 + name_total;
        let Some(size) = rest.get(at..at + 4) else {
            return;
        };
        let size = u32::from_be_bytes([size[0], size[1], size[2], size[3]]) as usize;
        let Some(data) = rest.get(at + 4..(at + 4).saturating_add(size)) else {
            return;
        };
        if id == 0x0404 {
            iim(data, out);
        }
        let next = (at + 4 + size).next_multiple_of(2);
        rest = rest.get(next..).unwrap_or_default();
    }
}

/// IIM datasets: 0x1C, record, dataset, a 16-bit length, the value.
fn iim(mut data: &[u8], out: &mut Vec<Field>) {
    while data.len() >= 5 && data[0] == 0x1C {
        let (record, dataset) = (data[1], data[2]);
        let len = usize::from(u16::from_be_bytes([data[3], data[4]]));
        if len & 0x8000 != 0 {
            // An extended length: not used for text fields; stop rather than guess.
            return;
        }
        let Some(value) = data.get(5..5 + len) else {
            return;
        };
        if record == 2 && dataset != 0 {
            let name = iptc_name(dataset)
                .map(str::to_string)
                .unwrap_or_else(|| format!("2:{dataset}"));
            push(out, "IPTC", &name, &String::from_utf8_lossy(value));
        }
        data = &data[5 + len..];
    }
}

/// The names of IPTC's application record datasets.
fn iptc_name(dataset: u8) -> Option<&'static str> {
    Some(match dataset {
        5 => "Object Name",
        7 => "Edit Status",
        10 => "Urgency",
        15 => "Category",
        20 => "Supplemental Category",
        25 => "Keywords",
        40 => "Special Instructions",
        55 => "Date Created",
        60 => "Time Created",
        62 => "Digital Creation Date",
        65 => "Originating Program",
        80 => "By-line",
        85 => "By-line Title",
        90 => "City",
        92 => "Sub-location",
        95 => "Province/State",
        100 => "Country Code",
        101 => "Country",
        103 => "Original Transmission Reference",
        105 => "Headline",
        110 => "Credit",
        115 => "Source",
        116 => "Copyright Notice",
        118 => "Contact",
        120 => "Caption/Abstract",
        122 => "Writer/Editor",
        _ => return None,
    })
}

/// A PNG text chunk: its keyword and, when not compressed, its text.
pub(super) fn png_text(kind: &[u8; 4], data: &[u8], out: &mut Vec<Field>) {
    let mut parts = data.splitn(2, |&b| b == 0);
    let keyword = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let rest = parts.next().unwrap_or_default();
    let value = match kind {
        b"tEXt" => rest.iter().map(|&b| char::from(b)).collect::<String>(),
        // iTXt: compression flag, method, language\0, translated keyword\0, text.
        b"iTXt" if rest.first() == Some(&0) => {
            let text = rest.get(2..).unwrap_or_default();
            let mut after = text.splitn(3, |&b| b == 0);
            let _language = after.next();
            let _translated = after.next();
            String::from_utf8_lossy(after.next().unwrap_or_default()).into_owned()
        }
        _ => format!("(compressed text, {} bytes)", rest.len()),
    };
    push(out, "PNG", &keyword, &value);
}

/// The boxes inside `data`: type and contents, as far as their sizes fit.
fn boxes(data: &[u8]) -> Vec<([u8; 4], &[u8])> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at + 8 <= data.len() {
        let size = u32::from_be_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
        let kind = [data[at + 4], data[at + 5], data[at + 6], data[at + 7]];
        let end = match size {
            0 => data.len(),
            n if (n as usize) < 8 => return out,
            n => at.saturating_add(n as usize),
        };
        let Some(body) = data.get(at + 8..end) else {
            return out;
        };
        out.push((kind, body));
        at = end;
    }
    out
}

/// A box type for people: `©nam`, `loci`, or its bytes in hex when not printable.
fn four_cc(kind: &[u8; 4]) -> String {
    if kind.iter().all(|b| (0x20..0x7F).contains(b) || *b == 0xA9) {
        kind.iter().map(|&b| char::from(b)).collect()
    } else {
        format!(
            "0x{}",
            kind.iter().map(|b| format!("{b:02x}")).collect::<String>()
        )
    }
}

/// A video's tags from a `udta` or `meta` box's contents.
pub(super) fn video_tags(kind: &[u8; 4], data: &[u8], out: &mut Vec<Field>) {
    match kind {
        b"udta" => user_data(data, out, 0),
        b"meta" => meta(data, out, 0),
        _ => {}
    }
}

fn user_data(data: &[u8], out: &mut Vec<Field>, depth: usize) {
    for (kind, body) in boxes(data) {
        match &kind {
            b"meta" => meta(body, out, depth + 1),
            b"XMP_" => xmp(body, out),
            // QuickTime text: a 16-bit length, a language, the text.
            [0xA9, ..] if body.len() >= 4 => {
                let len = usize::from(u16::from_be_bytes([body[0], body[1]]));
                let text = body.get(4..4 + len).unwrap_or(&body[4..]);
                push(
                    out,
                    "Video",
                    &four_cc(&kind),
                    &String::from_utf8_lossy(text),
                );
            }
            b"loci" => push(out, "Video", "loci", &location(body)),
            _ => push(out, "Video", &four_cc(&kind), &readable(body)),
        }
    }
}

/// A 3GPP `loci` box: version and flags, language, a name, a role, then longitude,
/// latitude and altitude as 16.16 fixed-point degrees (and metres).
fn location(body: &[u8]) -> String {
    let read = || -> Option<String> {
        let name_end = 6 + body.get(6..)?.iter().position(|&b| b == 0)?;
        let fixed = |at: usize| -> Option<f64> {
            let b = body.get(at..at + 4)?;
            Some(f64::from(i32::from_be_bytes([b[0], b[1], b[2], b[3]])) / 65536.0)
        };
        let at = name_end + 2;
        let (lon, lat) = (fixed(at)?, fixed(at + 4)?);
        let name = String::from_utf8_lossy(&body[6..name_end]);
        let named = if name.is_empty() {
            String::new()
        } else {
            format!(" ({name})")
        };
        Some(format!("{lat:.4}, {lon:.4}{named}"))
    };
    read().unwrap_or_else(|| format!("({} bytes)", body.len()))
}

/// A `meta` box: a handler, maybe `keys`, and `ilst` items each holding `data`.
fn meta(data: &[u8], out: &mut Vec<Field>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    // ISO's `meta` is a full box (4 bytes of version and flags); QuickTime's is not.
    let data = match data.get(4..8) {
        Some(b"hdlr") => data,
        _ => data.get(4..).unwrap_or_default(),
    };
    let parts = boxes(data);
    let keys: Vec<String> = parts
        .iter()
        .find(|(k, _)| k == b"keys")
        .map(|(_, body)| {
            boxes(body.get(8..).unwrap_or_default())
                .into_iter()
                .map(|(_, name)| String::from_utf8_lossy(name).into_owned())
                .collect()
        })
        .unwrap_or_default();
    for (kind, body) in parts {
        if &kind != b"ilst" {
            continue;
        }
        for (item, contents) in boxes(body) {
            let index = u32::from_be_bytes(item) as usize;
            let name = match keys.get(index.wrapping_sub(1)) {
                Some(key) if !keys.is_empty() => key.clone(),
                _ => four_cc(&item),
            };
            for (inner, value) in boxes(contents) {
                if &inner == b"data" && value.len() >= 8 {
                    push(out, "Video", &name, &data_value(value));
                }
            }
        }
    }
}

/// An `ilst` item's `data`: a type, a locale, the value (text shown, other kinds sized).
fn data_value(value: &[u8]) -> String {
    let kind = u32::from_be_bytes([value[0], value[1], value[2], value[3]]) & 0x00FF_FFFF;
    let bytes = &value[8..];
    match kind {
        1 => String::from_utf8_lossy(bytes).into_owned(),
        21 | 22 if bytes.len() <= 8 => bytes
            .iter()
            .fold(0u64, |n, &b| (n << 8) | u64::from(b))
            .to_string(),
        _ => format!("({} bytes)", bytes.len()),
    }
}

/// A box's contents as text when it mostly is, else its size.
fn readable(body: &[u8]) -> String {
    let printable = body
        .iter()
        .filter(|b| b.is_ascii_graphic() || **b == b' ')
        .count();
    if !body.is_empty() && printable * 10 >= body.len() * 9 {
        String::from_utf8_lossy(body).into_owned()
    } else {
        format!("({} bytes)", body.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named<'a>(fields: &'a [Field], name: &str) -> Option<&'a str> {
        fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value.as_str())
    }

    #[test]
    fn xmp_properties_are_read_from_attributes_and_elements() {
        let packet = br#"<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>
            <rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/"
              exif:GPSLatitude="39,48.9N" photoshop:City='Stepanakert &amp; around'>
            <dc:creator><rdf:Seq><rdf:li>Ana &lt;field&gt;</rdf:li></rdf:Seq></dc:creator>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Line one&#xA;two</rdf:li></rdf:Alt></dc:title>
            </rdf:Description></rdf:RDF></x:xmpmeta>"#;
        let mut out = Vec::new();
        xmp(packet, &mut out);
        assert_eq!(named(&out, "exif:GPSLatitude"), Some("39,48.9N"));
        assert_eq!(named(&out, "photoshop:City"), Some("Stepanakert & around"));
        assert_eq!(named(&out, "dc:creator"), Some("Ana <field>"));
        assert_eq!(named(&out, "dc:title"), Some("Line one two"));
        assert!(out.iter().all(|f| f.group == "XMP"));
        assert!(named(&out, "xmlns:exif").is_none() && named(&out, "rdf:about").is_none());
        // Broken packets give what they can, never a panic.
        for broken in [
            &b"<dc:creator>x"[..],
            b"<a:b c=\"1",
            b"<<<>>>",
            b"</x:y>",
            b"",
        ] {
            xmp(broken, &mut Vec::new());
        }
    }

    #[test]
    fn iptc_datasets_are_named_and_control_characters_escaped() {
        let mut iim = Vec::new();
        for (dataset, value) in [
            (80u8, &b"Ana Petrosyan"[..]),
            (90, b"Shushi\x1b[31m"),
            (200, b"x"),
        ] {
            iim.extend([0x1C, 2, dataset]);
            iim.extend((value.len() as u16).to_be_bytes());
            iim.extend(value);
        }
        let mut app13 = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
        app13.extend((iim.len() as u32).to_be_bytes());
        app13.extend(&iim);
        let mut out = Vec::new();
        iptc(&app13, &mut out);
        assert_eq!(named(&out, "By-line"), Some("Ana Petrosyan"));
        assert_eq!(named(&out, "City"), Some("Shushi\\u001b[31m"));
        assert_eq!(named(&out, "2:200"), Some("x"));
        // Cut anywhere: no panic, nothing invented.
        for cut in 0..app13.len() {
            let mut some = Vec::new();
            iptc(&app13[..cut], &mut some);
            assert!(some.len() <= 3);
        }
    }

    fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend(kind);
        b.extend(body);
        b
    }

    #[test]
    fn video_tags_are_read_from_quicktime_text_and_keyed_items() {
        let mut xyz = vec![0, 18, 0x15, 0xC7];
        xyz.extend(b"+39.8153+046.7519/");
        let mut keys = vec![0, 0, 0, 0, 0, 0, 0, 1];
        keys.extend(mp4_box(b"mdta", b"com.apple.quicktime.model"));
        let mut data = vec![0, 0, 0, 1, 0, 0, 0, 0];
        data.extend(b"iPhone 12");
        let item = mp4_box(&[0, 0, 0, 1], &mp4_box(b"data", &data));
        let mut meta_body = vec![0, 0, 0, 0];
        meta_body.extend(mp4_box(b"hdlr", &[0; 20]));
        meta_body.extend(mp4_box(b"keys", &keys));
        meta_body.extend(mp4_box(b"ilst", &item));
        let mut udta = mp4_box(b"\xA9xyz", &xyz);
        udta.extend(mp4_box(b"meta", &meta_body));
        let mut out = Vec::new();
        video_tags(b"udta", &udta, &mut out);
        assert_eq!(named(&out, "©xyz"), Some("+39.8153+046.7519/"));
        assert_eq!(named(&out, "com.apple.quicktime.model"), Some("iPhone 12"));
        for cut in 0..udta.len() {
            video_tags(b"udta", &udta[..cut], &mut Vec::new());
        }
    }

    #[test]
    fn png_text_chunks_show_their_keyword_and_text() {
        let mut out = Vec::new();
        png_text(b"tEXt", b"Author\0Ana", &mut out);
        png_text(b"iTXt", b"Description\0\0\0en\0\0Shelled school", &mut out);
        png_text(b"zTXt", b"Comment\0\0xyz", &mut out);
        assert_eq!(named(&out, "Author"), Some("Ana"));
        assert_eq!(named(&out, "Description"), Some("Shelled school"));
        assert_eq!(named(&out, "Comment"), Some("(compressed text, 4 bytes)"));
    }
}
