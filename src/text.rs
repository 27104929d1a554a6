//! Text from outside, made inert for a terminal (and, in [`csv_cell`], for a spreadsheet;
//! in [`safe_file_name`], for a folder).
//!
//! A record title, a manifest's `created_by`, a file name inside a package: any of them can
//! hold terminal escape sequences (ESC [ ... ), a carriage return that overwrites what was
//! printed, or bidirectional overrides that reorder it, and so fake "Every file matches
//! the manifest." over the real problems. Everything the command line prints goes through
//! [`InertWriter`], which shows such characters as `\u001b`-style escapes (valid inside
//! JSON strings too, so `--json` output stays JSON); values printed on one line also go
//! through [`one_line`], so a newline inside them cannot fake a line of its own.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for characters a terminal acts on instead of showing: C0 and C1 controls, DEL, and
/// the Unicode bidirectional formatting characters.
fn is_active(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn escape(c: char, out: &mut String) {
    out.push_str(&format!("\\u{:04x}", u32::from(c)));
}

/// A name safe to use as the last part of a path on any system: no folders, no control
/// characters, nothing reserved, not hidden, not too long.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' ']);
    // At most 120 characters and 200 bytes: file systems allow 255 bytes a name, and
    // four-byte characters would pass a count of characters alone.
    let mut out = String::new();
    for c in trimmed.chars().take(120) {
        if out.len() + c.len_utf8() > 200 {
            break;
        }
        out.push(c);
    }
    if out.is_empty() {
        out = "file".into();
    }
    out
}

/// A cell that a spreadsheet would not run as a formula: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading apostrophe (OWASP's advice for CSV).
pub fn csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// `text` with every control character except newline and tab escaped.
pub fn inert(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| is_active(c) && c != '\n' && c != '\t')
}

/// `text` on one line: every control character escaped, newline and tab included.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape_where(text, is_active)
}

fn escape_where(text: &str, active: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&active) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if active(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that passes text through [`inert`]. Bytes may arrive split anywhere: a
/// character cut between two writes waits for its end; bytes that are not UTF-8 are shown
/// as U+FFFD.
pub struct InertWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> InertWriter<W> {
    /// Wraps a writer.
    pub fn new(inner: W) -> Self {
        InertWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for InertWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let mut out = String::new();
        let mut rest: &[u8] = &self.pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    out.push_str(&inert(text));
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    out.push_str(&inert(std::str::from_utf8(valid).unwrap_or_default()));
                    match e.error_len() {
                        // A character cut short: wait for the rest of it.
                        None => {
                            rest = after;
                            break;
                        }
                        Some(n) => {
                            out.push('\u{fffd}');
                            rest = &after[n..];
                        }
                    }
                }
            }
        }
        let keep = rest.to_vec();
        self.pending = keep;
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let text = String::from_utf8_lossy(&self.pending).into_owned();
            self.pending.clear();
            self.inner.write_all(inert(&text).as_bytes())?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for InertWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_cannot_leave_their_folder() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name("C:\\x.jpg"), "C__x.jpg");
        assert_eq!(safe_file_name(""), "file");
        assert_eq!(safe_file_name("фото 1.jpg"), "фото 1.jpg");
        // A name from a hand-edited record or a CSV list can be any length: the result
        // fits a file system's 255 bytes even in four-byte characters.
        let long = safe_file_name(&"📷".repeat(300));
        assert!(
            long.len() <= 200 && long.starts_with('📷'),
            "{}",
            long.len()
        );
    }

    #[test]
    fn escapes_become_visible_text_and_json_stays_json() {
        let faked = "x\u{1b}[2K\rEvery file matches the manifest.\u{9b}31m\u{202e}";
        let shown = inert(faked);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown}");
        assert!(shown.contains("\\u001b") && shown.contains("\\u000d"));
        assert!(shown.contains("\\u009b") && shown.contains("\\u202e"));
        let json = serde_json::to_string(&faked).unwrap();
        let printed = inert(&json);
        let back: String = serde_json::from_str(&printed).unwrap();
        assert_eq!(back, faked, "the escapes are JSON escapes");
        assert_eq!(inert("Արամ\tline\n"), "Արամ\tline\n");
        assert_eq!(one_line("a\nb"), "a\\u000ab");
    }

    #[test]
    fn a_character_split_between_writes_comes_out_whole() {
        let mut out = Vec::new();
        {
            let mut w = InertWriter::new(&mut out);
            let text = "Ա\u{1b}Б".as_bytes();
            for b in text {
                w.write_all(std::slice::from_ref(b)).unwrap();
            }
            w.write_all(b"\xff ok").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "Ա\\u001bБ\u{fffd} ok");
    }
}
