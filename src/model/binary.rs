//! A compact binary form of the catalogue's types, for the snapshot in `cache/` (see
//! `store::snapshot`): read without parsing JSON, each value laid out field after field.
//!
//! It is a cache, never the catalogue: the record files stay the truth, and a snapshot that
//! does not read back whole is thrown away. So this form is private to one version of
//! Dossier (the snapshot carries a version and is rebuilt when it differs), and every
//! struct is listed field by field in one macro, so a field added to a type and not here
//! does not compile. Rare, open-ended values (fields a newer Dossier wrote, a redaction's
//! steps, a conflict's values) are kept as JSON text inside it.

use std::collections::BTreeSet;

use jiff::Timestamp;

use super::{
    Attachment, CollectionMethod, ContentWarning, EvidenceBasis, Extra, FieldConflict, FuzzyDate,
    GeoPoint, Label, Link, LinkKind, MediaMetadata, Person, PersonCategory, PersonName,
    PersonStatus, Provenance, Record, RecordId, RecordKind, Redaction, ReviewState, Sex, Sha256,
    Source, SourceKind, StatusEntry, Trashed, Verification,
};

/// Bytes that are not what a writer of this form wrote: cut short, or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the binary data is damaged or cut short (at byte {0})")]
pub struct Malformed(pub usize);

/// Where values are written to.
#[derive(Debug, Default)]
pub struct Writer {
    /// The bytes written so far.
    pub bytes: Vec<u8>,
}

impl Writer {
    /// A writer with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Writer {
            bytes: Vec::with_capacity(capacity),
        }
    }

    /// A number in as few bytes as it needs (LEB128).
    pub fn varint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.bytes.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }

    /// Bytes, their length first.
    pub fn blob(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.bytes.extend_from_slice(b);
    }

    /// Bytes as they are (the reader must know how many).
    pub fn raw(&mut self, b: &[u8]) {
        self.bytes.extend_from_slice(b);
    }
}

/// Where values are read from; every read is checked against the bytes at hand.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    /// How far it has read.
    pub fn position(&self) -> usize {
        self.at
    }

    /// True when every byte was read.
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// The error for the place it has reached.
    pub fn malformed(&self) -> Malformed {
        Malformed(self.at)
    }

    /// The next `n` bytes.
    pub fn raw(&mut self, n: usize) -> Result<&'a [u8], Malformed> {
        let end = self.at.checked_add(n).ok_or(Malformed(self.at))?;
        let b = self.bytes.get(self.at..end).ok_or(Malformed(self.at))?;
        self.at = end;
        Ok(b)
    }

    /// A number written by [`Writer::varint`].
    pub fn varint(&mut self) -> Result<u64, Malformed> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or(Malformed(self.at))?;
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(Malformed(self.at))
    }

    /// A length, no larger than the bytes left (each counted thing takes at least one).
    pub fn count(&mut self) -> Result<usize, Malformed> {
        let n = self.varint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.bytes.len() - self.at => Ok(n),
            _ => Err(Malformed(self.at)),
        }
    }

    /// Bytes written by [`Writer::blob`].
    pub fn blob(&mut self) -> Result<&'a [u8], Malformed> {
        let n = self.count()?;
        self.raw(n)
    }

    /// Text written by [`Writer::blob`].
    pub fn str(&mut self) -> Result<&'a str, Malformed> {
        let at = self.at;
        simdutf8::basic::from_utf8(self.blob()?).map_err(|_| Malformed(at))
    }
}

/// A value with a binary form.
pub trait Binary: Sized {
    /// Writes the value.
    fn put(&self, w: &mut Writer);
    /// Reads a value written by `put`.
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed>;
}

impl Binary for String {
    fn put(&self, w: &mut Writer) {
        w.blob(self.as_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        r.str().map(str::to_string)
    }
}

impl Binary for bool {
    fn put(&self, w: &mut Writer) {
        w.bytes.push(u8::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        match r.raw(1)?[0] {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(r.malformed()),
        }
    }
}

macro_rules! binary_uint {
    ($($t:ty),*) => {$(
        impl Binary for $t {
            fn put(&self, w: &mut Writer) {
                w.varint(u64::from(*self));
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
                <$t>::try_from(r.varint()?).map_err(|_| r.malformed())
            }
        }
    )*};
}
binary_uint!(u16, u32, u64);

impl Binary for f64 {
    fn put(&self, w: &mut Writer) {
        w.raw(&self.to_le_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        let b = r.raw(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }
}

impl<T: Binary> Binary for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.bytes.push(0),
            Some(v) => {
                w.bytes.push(1);
                v.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        match bool::take(r)? {
            false => Ok(None),
            true => T::take(r).map(Some),
        }
    }
}

impl<T: Binary> Binary for Box<T> {
    fn put(&self, w: &mut Writer) {
        (**self).put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        T::take(r).map(Box::new)
    }
}

/// A count, then each value.
fn put_all<'a, T: Binary + 'a>(w: &mut Writer, len: usize, values: impl Iterator<Item = &'a T>) {
    w.varint(len as u64);
    for v in values {
        v.put(w);
    }
}

impl<T: Binary> Binary for Vec<T> {
    fn put(&self, w: &mut Writer) {
        put_all(w, self.len(), self.iter());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        let n = r.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(T::take(r)?);
        }
        Ok(out)
    }
}

impl<T: Binary + Ord> Binary for BTreeSet<T> {
    fn put(&self, w: &mut Writer) {
        put_all(w, self.len(), self.iter());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        let n = r.count()?;
        (0..n).map(|_| T::take(r)).collect()
    }
}

/// Signed integers as their little-endian bytes, whole.
macro_rules! binary_int {
    ($($t:ty),*) => {$(
        impl Binary for $t {
            fn put(&self, w: &mut Writer) {
                w.raw(&self.to_le_bytes());
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
                let mut a = [0u8; size_of::<$t>()];
                a.copy_from_slice(r.raw(size_of::<$t>())?);
                Ok(<$t>::from_le_bytes(a))
            }
        }
    )*};
}
binary_int!(i64, i128);

impl Binary for Timestamp {
    fn put(&self, w: &mut Writer) {
        self.as_nanosecond().put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        Timestamp::from_nanosecond(i128::take(r)?).map_err(|_| r.malformed())
    }
}

impl<A: Binary, B: Binary> Binary for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        Ok((A::take(r)?, B::take(r)?))
    }
}

impl<A: Binary, B: Binary, C: Binary> Binary for (A, B, C) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        Ok((A::take(r)?, B::take(r)?, C::take(r)?))
    }
}

impl Binary for RecordId {
    fn put(&self, w: &mut Writer) {
        w.raw(self.0.as_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        let b = r.raw(16)?;
        uuid::Uuid::from_slice(b)
            .map(RecordId)
            .map_err(|_| r.malformed())
    }
}

impl Binary for Sha256 {
    fn put(&self, w: &mut Writer) {
        w.raw(&self.digest());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        let mut a = [0u8; 32];
        a.copy_from_slice(r.raw(32)?);
        Ok(Sha256::from_digest(&a))
    }
}

impl Binary for FuzzyDate {
    fn put(&self, w: &mut Writer) {
        self.to_string().put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        let at = r.position();
        r.str()?.parse().map_err(|_| Malformed(at))
    }
}

/// Values kept as JSON text: rare and open-ended.
macro_rules! binary_json {
    ($($t:ty),*) => {$(
        impl Binary for $t {
            fn put(&self, w: &mut Writer) {
                #[allow(clippy::expect_used)] // plain values with string keys
                let json = serde_json::to_vec(self).expect("a value always serialises");
                w.blob(&json);
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
                let at = r.position();
                serde_json::from_slice(r.blob()?).map_err(|_| Malformed(at))
            }
        }
    )*};
}
binary_json!(serde_json::Value, Redaction);

impl Binary for Extra {
    fn put(&self, w: &mut Writer) {
        if self.is_empty() {
            w.varint(0);
            return;
        }
        #[allow(clippy::expect_used)] // a map of JSON values
        let json = serde_json::to_vec(self).expect("a map always serialises");
        w.blob(&json);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        let at = r.position();
        match r.blob()? {
            [] => Ok(Extra::new()),
            json => serde_json::from_slice(json).map_err(|_| Malformed(at)),
        }
    }
}

/// Closed vocabularies: their place in `ALL`.
macro_rules! binary_vocab {
    ($($t:ty),*) => {$(
        impl Binary for $t {
            fn put(&self, w: &mut Writer) {
                let at = <$t>::ALL.iter().position(|v| v == self).unwrap_or(0);
                w.bytes.push(at as u8);
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
                let at = r.raw(1)?[0];
                <$t>::ALL.get(usize::from(at)).copied().ok_or_else(|| r.malformed())
            }
        }
    )*};
}
binary_vocab!(
    Label,
    RecordKind,
    ContentWarning,
    Verification,
    ReviewState,
    LinkKind,
    CollectionMethod,
    SourceKind,
    PersonStatus,
    Sex,
    PersonCategory,
    EvidenceBasis
);

/// Structs, field after field: a field missing here is a compile error.
macro_rules! binary_struct {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Binary for $t {
            fn put(&self, w: &mut Writer) {
                $( self.$f.put(w); )*
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
                Ok($t { $( $f: Binary::take(r)?, )* })
            }
        }
    )*};
}
binary_struct! {
    Source { name, url, method, extra }
    Link { kind, target, note, extra }
    Provenance { source, source_kind, collected_by, collected_at, method, extra }
    GeoPoint { lat, lon, alt }
    MediaMetadata {
        width, height, duration_secs, captured_at, camera, gps, orientation, camera_serial, extra
    }
    Attachment {
        sha256, name, size, media_type, label, warnings, description, original_path,
        imported_at, imported_by, derived_from, redaction, metadata, provenance, extra
    }
    Trashed { at, by }
    FieldConflict { field, ours, ours_by, theirs, theirs_by, extra }
    PersonName { text, lang, primary, extra }
    StatusEntry { status, basis, date, sources, verification, note, extra }
    Person {
        names, status, basis, timeline, birth, sex, residence, category, unit, rank,
        identifying, distinct_from, merged_from, merged_into, extra
    }
    Record {
        id, kind, title, body, date, place, coordinates, author, source, language, tags,
        links, attachments, label, warnings, verification, review, review_comment,
        submitted_by, private_notes, person, trashed, conflicts, created, created_by,
        modified, modified_by, extra
    }
}

pub(crate) use binary_struct;
pub(crate) use binary_vocab;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_text_read_back_and_cut_bytes_are_refused() {
        let mut w = Writer::default();
        for n in [0u64, 1, 127, 128, 300, u64::MAX] {
            w.varint(n);
        }
        "Գագիկ".to_string().put(&mut w);
        Some(2.5f64).put(&mut w);
        let bytes = w.bytes;
        let mut r = Reader::new(&bytes);
        for n in [0u64, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.varint(), Ok(n));
        }
        assert_eq!(String::take(&mut r).as_deref(), Ok("Գագիկ"));
        assert_eq!(<Option<f64> as Binary>::take(&mut r), Ok(Some(2.5)));
        assert!(r.is_done());
        for cut in 0..bytes.len() {
            let mut r = Reader::new(&bytes[..cut]);
            let whole = (0..6).all(|_| r.varint().is_ok())
                && String::take(&mut r).is_ok()
                && <Option<f64> as Binary>::take(&mut r).is_ok();
            assert!(!whole, "cut at {cut} read as whole");
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_where_it_starts() {
        let mut w = Writer::default();
        w.varint(7);
        // "Գա" cut inside its second letter, then a byte no UTF-8 text has.
        w.blob(&"Գա".as_bytes()[..3]);
        w.blob(&[b'a', 0xff]);
        let mut r = Reader::new(&w.bytes);
        assert_eq!(r.varint(), Ok(7));
        assert_eq!(r.str(), Err(Malformed(1)));
        assert_eq!(r.str(), Err(Malformed(5)));
    }

    #[test]
    fn a_length_larger_than_the_bytes_left_is_refused() {
        let mut w = Writer::default();
        w.varint(1_000_000);
        let mut r = Reader::new(&w.bytes);
        assert!(Vec::<String>::take(&mut r).is_err());
    }
}
