//! The index in the snapshot's binary form (`store::snapshot`), so that opening a large
//! catalogue does not prepare every record's text again: its rows and text buffers are
//! written as they are, and read back with a few large allocations.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use super::chunk::Chunk;
use super::{Doc, SearchIndex};
use crate::memory::FileBytes;
use crate::model::binary::{Binary, Malformed, Reader, Writer};

impl Binary for Date {
    fn put(&self, w: &mut Writer) {
        w.varint(self.year().cast_unsigned().into());
        w.bytes.push(self.month().cast_unsigned());
        w.bytes.push(self.day().cast_unsigned());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, Malformed> {
        let year = i16::try_from(r.varint()?).map_err(|_| r.malformed())?;
        let md = r.raw(2)?;
        Date::new(year, md[0].cast_signed(), md[1].cast_signed()).map_err(|_| r.malformed())
    }
}

impl Doc {
    fn put(&self, w: &mut Writer) {
        self.id.put(w);
        self.live.put(w);
        self.chunk.put(w);
        (self.text.start as u64).put(w);
        (self.text.end as u64).put(w);
        self.keys.put(w);
        self.kind.put(w);
        self.label.put(w);
        self.verification.put(w);
        self.review.put(w);
        self.warnings.put(w);
        self.status.put(w);
        self.basis.put(w);
        self.category.put(w);
        self.tags.to_vec().put(w);
        self.event.put(w);
        self.date.put(w);
        self.modified.put(w);
        self.attachments.put(w);
        self.title.0.put(w);
        self.title.1.put(w);
    }

    fn take(r: &mut Reader<'_>, text: &[Range<usize>]) -> Result<Doc, Malformed> {
        let id = Binary::take(r)?;
        let live = Binary::take(r)?;
        let chunk: u32 = Binary::take(r)?;
        let start = usize::try_from(u64::take(r)?).map_err(|_| r.malformed())?;
        let end = usize::try_from(u64::take(r)?).map_err(|_| r.malformed())?;
        let keys: u32 = Binary::take(r)?;
        let fits = text
            .get(chunk as usize)
            .is_some_and(|t| start <= end && end <= t.len() && keys as usize <= end - start);
        if !fits {
            return Err(r.malformed());
        }
        Ok(Doc {
            id,
            live,
            chunk,
            text: start..end,
            keys,
            kind: Binary::take(r)?,
            label: Binary::take(r)?,
            verification: Binary::take(r)?,
            review: Binary::take(r)?,
            warnings: Binary::take(r)?,
            status: Binary::take(r)?,
            basis: Binary::take(r)?,
            category: Binary::take(r)?,
            tags: Vec::<u32>::take(r)?.into_boxed_slice(),
            event: Binary::take(r)?,
            date: Binary::take(r)?,
            modified: Binary::take(r)?,
            attachments: Binary::take(r)?,
            title: (Binary::take(r)?, Binary::take(r)?),
        })
        .and_then(|doc: Doc| {
            let (at, len) = (doc.title.0 as usize, doc.title.1 as usize);
            match doc.title == super::UNTITLED || at + len <= doc.text.len() {
                true => Ok(doc),
                false => Err(r.malformed()),
            }
        })
    }
}

impl SearchIndex {
    /// Writes the index in the snapshot's form.
    pub fn freeze(&self, w: &mut Writer) {
        w.varint(self.text.len() as u64);
        for t in &self.text {
            w.blob(t);
        }
        self.tail.map(|t| t as u64).put(w);
        (self.dead_text as u64).put(w);
        self.tag_names.put(w);
        w.varint(self.docs.len() as u64);
        for d in &self.docs {
            d.put(w);
        }
    }

    /// Reads an index written by [`SearchIndex::freeze`], checking every place it points
    /// into its text and tags. `r` reads the bytes of a file from `from` in them; the text
    /// is not copied but stays in those bytes (see [`Thawed::keep_text_in`]).
    pub fn thaw(r: &mut Reader<'_>, from: usize) -> Result<Thawed, Malformed> {
        let n = r.count()?;
        let mut text = Vec::with_capacity(n);
        for _ in 0..n {
            let blob = r.blob()?;
            let end = from + r.position();
            text.push(end - blob.len()..end);
        }
        let tail = <Option<u64> as Binary>::take(r)?
            .map(usize::try_from)
            .transpose()
            .map_err(|_| r.malformed())?;
        if tail.is_some_and(|t| t >= text.len()) {
            return Err(r.malformed());
        }
        let dead_text = usize::try_from(u64::take(r)?).map_err(|_| r.malformed())?;
        let tag_names = Vec::<String>::take(r)?;
        let count = r.count()?;
        let mut docs = Vec::with_capacity(count);
        let mut slots = HashMap::with_capacity_and_hasher(count, Default::default());
        for i in 0..count {
            let doc = Doc::take(r, &text)?;
            if doc.tags.iter().any(|&t| t as usize >= tag_names.len())
                || slots.insert(doc.id, i).is_some()
            {
                return Err(r.malformed());
            }
            docs.push(doc);
        }
        let tag_ids = tag_names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u32))
            .collect();
        let index = SearchIndex {
            docs,
            slots,
            text: Vec::new(),
            tail,
            dead_text,
            tag_names,
            tag_ids,
            text_cache: Default::default(),
            ranks: Default::default(),
        };
        Ok(Thawed { index, text })
    }
}

/// An index read by [`SearchIndex::thaw`], its text still in the bytes it was read from.
#[derive(Debug)]
pub struct Thawed {
    index: SearchIndex,
    /// Where each of the index's text buffers lies in those bytes.
    text: Vec<Range<usize>>,
}

impl Thawed {
    /// The index, reading its text in `file`, the bytes it was read from. The index's
    /// rows follow its text in the file; they have been read, so the file is cut after
    /// the last text and given back to the system (at 100,000 records about 10 MiB).
    pub fn keep_text_in(self, mut file: FileBytes) -> SearchIndex {
        let Thawed { mut index, text } = self;
        let end = text.iter().map(|t| t.end).max().unwrap_or(0);
        file.truncate(end);
        let file = Arc::new(file);
        index.text = text
            .into_iter()
            .map(|t| Chunk::Shared(file.clone(), t))
            .collect();
        index
    }
}
