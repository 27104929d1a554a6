//! MP4 and QuickTime: a tree of boxes. Metadata sits in `udta` and `meta` boxes (a
//! phone's position in `©xyz` or `com.apple.quicktime.location.ISO6709`, the camera, the
//! date) and in the creation and modification times of `mvhd`, `tkhd` and `mdhd`; XMP in a
//! top-level `uuid` box. The copy renames each metadata box to `free` (a box players skip)
//! and zeroes the times, changing no size and no offset: the video data is not touched.

use std::collections::BTreeSet;
use std::io::{self, Read, Seek, SeekFrom};

use super::{Embedded, Inspection, StripError, strip_error};

/// The XMP box's identifier.
const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];

/// The most of a metadata box read to see what it holds.
const MAX_META_READ: u64 = 4 << 20;

/// Boxes looked into for metadata and times.
const CONTAINERS: &[&[u8; 4]] = &[b"moov", b"trak", b"mdia"];

/// What to write over the file's own bytes: new bytes, or zeros over a length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Patch {
    Bytes(Vec<u8>),
    Zeros(u64),
}

impl Patch {
    fn len(&self) -> u64 {
        match self {
            Patch::Bytes(b) => b.len() as u64,
            Patch::Zeros(n) => *n,
        }
    }

    fn byte(&self, i: u64) -> u8 {
        match self {
            Patch::Bytes(b) => b[i as usize],
            Patch::Zeros(_) => 0,
        }
    }
}

/// Bytes to write over the file's own, at offsets, and what that removes.
pub(super) struct Patches {
    pub patches: Vec<(u64, Patch)>,
    pub removed: BTreeSet<Embedded>,
    /// The tags read, for people.
    pub fields: Vec<super::Field>,
}

/// One box: where it starts, where its contents start, where it ends, its type.
struct Mp4Box {
    start: u64,
    body: u64,
    end: u64,
    kind: [u8; 4],
}

fn read_box(file: &mut (impl Read + Seek), at: u64, limit: u64) -> io::Result<Option<Mp4Box>> {
    if at + 8 > limit {
        return Ok(None);
    }
    file.seek(SeekFrom::Start(at))?;
    let mut head = [0u8; 8];
    file.read_exact(&mut head)?;
    let size32 = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
    let kind = [head[4], head[5], head[6], head[7]];
    let (size, body) = match size32 {
        0 => (limit - at, at + 8),
        1 => {
            let mut large = [0u8; 8];
            file.read_exact(&mut large)?;
            (u64::from_be_bytes(large), at + 16)
        }
        n => (u64::from(n), at + 8),
    };
    let end = at.checked_add(size).filter(|&e| e <= limit && e >= body);
    match end {
        Some(end) => Ok(Some(Mp4Box {
            start: at,
            body,
            end,
            kind,
        })),
        None => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a box does not fit in the file",
        )),
    }
}

/// What a metadata box's contents tell.
fn look_at(data: &[u8], into: &mut BTreeSet<Embedded>) {
    into.insert(Embedded::ContainerTags);
    let has = |needle: &[u8]| memchr::memmem::find(data, needle).is_some();
    if has(b"\xA9xyz") || has(b"location.ISO6709") || has(b"loci") {
        into.insert(Embedded::GpsPosition);
    }
    if has(b"\xA9mak") || has(b"\xA9mod") || has(b"quicktime.make") || has(b"quicktime.model") {
        into.insert(Embedded::Camera);
    }
    if has(b"\xA9day") || has(b"creationdate") {
        into.insert(Embedded::CaptureTime);
    }
    if has(b"\xA9ART") || has(b"\xA9aut") || has(b"quicktime.author") {
        into.insert(Embedded::Names);
    }
}

/// Walks the boxes, collecting what they hold and the bytes that remove it.
fn walk(file: &mut (impl Read + Seek), size: u64) -> io::Result<Patches> {
    let mut out = Patches {
        patches: Vec::new(),
        removed: BTreeSet::new(),
        fields: Vec::new(),
    };
    let mut stack = vec![(0u64, size, 0usize)];
    while let Some((mut at, end, depth)) = stack.pop() {
        while let Some(b) = read_box(file, at, end)? {
            at = b.end;
            let top = depth == 0;
            let metadata = &b.kind == b"udta"
                || &b.kind == b"meta"
                || (top && &b.kind == b"uuid" && is_xmp(file, &b)?);
            if metadata && depth <= 2 {
                let len = (b.end - b.body).min(MAX_META_READ);
                let mut data = vec![0u8; len as usize];
                file.seek(SeekFrom::Start(b.body))?;
                file.read_exact(&mut data)?;
                if &b.kind == b"uuid" {
                    out.removed.insert(Embedded::Xmp);
                    super::fields::xmp(&data[16.min(data.len())..], &mut out.fields);
                } else {
                    look_at(&data, &mut out.removed);
                    super::fields::video_tags(&b.kind, &data, &mut out.fields);
                }
                // A `free` box, its contents zeroed: players skip it, and nothing of it
                // can be read back.
                out.patches
                    .push((b.start + 4, Patch::Bytes(b"free".to_vec())));
                out.patches.push((b.body, Patch::Zeros(b.end - b.body)));
            } else if matches!(&b.kind, b"mvhd" | b"tkhd" | b"mdhd") {
                zero_times(file, &b, &mut out)?;
            } else if CONTAINERS.contains(&&b.kind) && depth < 3 {
                stack.push((b.body, b.end, depth + 1));
            }
        }
    }
    out.patches.sort_by_key(|(at, _)| *at);
    Ok(out)
}

fn is_xmp(file: &mut (impl Read + Seek), b: &Mp4Box) -> io::Result<bool> {
    if b.end - b.body < 16 {
        return Ok(false);
    }
    let mut id = [0u8; 16];
    file.seek(SeekFrom::Start(b.body))?;
    file.read_exact(&mut id)?;
    Ok(id == XMP_UUID)
}

/// The creation and modification times of a header box, zeroed when they are set.
fn zero_times(file: &mut (impl Read + Seek), b: &Mp4Box, out: &mut Patches) -> io::Result<()> {
    let mut head = [0u8; 20];
    let len = (b.end - b.body).min(20) as usize;
    file.seek(SeekFrom::Start(b.body))?;
    file.read_exact(&mut head[..len])?;
    let width = if head[0] == 1 { 8 } else { 4 };
    if len < 4 + 2 * width {
        return Ok(());
    }
    let times = &head[4..4 + 2 * width];
    if times.iter().any(|&x| x != 0) {
        out.removed.insert(Embedded::CaptureTime);
        let created = times[..width]
            .iter()
            .fold(0u64, |n, &x| (n << 8) | u64::from(x));
        // Seconds since 1904-01-01.
        let when = i64::try_from(created)
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s - 2_082_844_800).ok())
            .map_or_else(|| created.to_string(), |t| t.to_string());
        let name = format!("{} creation time", String::from_utf8_lossy(&b.kind));
        super::fields::push(&mut out.fields, "Video", &name, &when);
        out.patches
            .push((b.body + 4, Patch::Zeros(2 * width as u64)));
    }
    Ok(())
}

pub(super) fn inspect(file: &mut (impl Read + Seek)) -> io::Result<Inspection> {
    let size = file.seek(SeekFrom::End(0))?;
    let walked = walk(file, size)?;
    let mut details = Vec::new();
    if walked.removed.contains(&Embedded::GpsPosition) {
        details.push("a position (©xyz or QuickTime location)".to_string());
    }
    Ok(Inspection {
        found: walked.removed,
        details,
        fields: walked.fields,
    })
}

pub(super) fn patches(file: &mut (impl Read + Seek), size: u64) -> Result<Patches, StripError> {
    walk(file, size).map_err(|e| strip_error(format!("the video's boxes cannot be read ({e})")))
}

/// The file's bytes with the patches written over them.
pub(super) struct Patched<R> {
    inner: R,
    patches: Vec<(u64, Patch)>,
    pos: u64,
}

impl<R> Patched<R> {
    pub(super) fn new(inner: R, patches: Vec<(u64, Patch)>) -> Self {
        Patched {
            inner,
            patches,
            pos: 0,
        }
    }
}

impl<R: Read> Read for Patched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let (from, to) = (self.pos, self.pos + n as u64);
        for (at, patch) in &self.patches {
            let (p_from, p_to) = (*at, *at + patch.len());
            if p_to <= from || p_from >= to {
                continue;
            }
            for i in p_from.max(from)..p_to.min(to) {
                buf[(i - from) as usize] = patch.byte(i - p_from);
            }
        }
        self.pos = to;
        Ok(n)
    }
}
