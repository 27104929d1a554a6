//! A video's poster frame: the picture one second in (or the first, for a shorter video),
//! made by the system's `ffmpeg` program (every codec it knows: H.264, H.265, VP9, AV1...),
//! run as a preview worker with the same time and memory limits as the others. Without
//! `ffmpeg` there is no poster frame, and the reason says how to install it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use image::RgbaImage;

/// How long a poster frame may take.
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// The `ffmpeg` program: `DOSSIER_FFMPEG` when set, else the first on `PATH`.
pub fn ffmpeg() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DOSSIER_FFMPEG") {
        return Some(PathBuf::from(p));
    }
    let name = format!("ffmpeg{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(&name))
        .find(|p| p.is_file())
}

/// What to say when there is no `ffmpeg`.
pub const NO_FFMPEG: &str = "poster frames of videos need the ffmpeg program, which is not installed (Debian and Ubuntu: apt install ffmpeg; Windows: put ffmpeg.exe on PATH or name it in DOSSIER_FFMPEG)";

/// The poster frame of the video file at `path` (a plain file), its longest side `size`.
pub fn poster_frame(path: &Path, size: u32) -> Result<RgbaImage, String> {
    let size = size.clamp(16, 4096);
    // Fit within size x size, keeping the shape.
    let scale = format!("scale=w={size}:h={size}:force_original_aspect_ratio=decrease,format=rgba");
    one_frame_in(path, &scale)
}

/// The frame one second in (or the first) at the video's own size: the still a redacted
/// copy of a video is made from (`redact.rs`).
pub fn still(path: &Path) -> Result<RgbaImage, String> {
    one_frame_in(path, "format=rgba")
}

/// The frame one second in, through `filter`; the first frame for a shorter video.
fn one_frame_in(path: &Path, filter: &str) -> Result<RgbaImage, String> {
    // One second in shows more than a black first frame; a shorter video has none there.
    ffmpeg_png(path, &["-ss", "1"], filter).or_else(|_| ffmpeg_png(path, &["-ss", "0"], filter))
}

/// The largest encrypted video decrypted into memory for its pictures.
#[cfg(target_os = "linux")]
const MAX_IN_MEMORY: u64 = 2 << 30;

/// Runs `f` on a path from which the video's plain bytes can be read: a plain catalogue's
/// stored file itself; an encrypted catalogue's video decrypted into an anonymous
/// in-memory file (Linux `memfd_create`: never written to disk, gone when closed) that
/// ffmpeg opens through `/proc`. Other systems: not yet, with the reason.
pub fn with_plain_path<T>(
    src: crate::durable::vault::Source<'_>,
    f: impl FnOnce(&Path) -> Result<T, String>,
) -> Result<T, String> {
    if !src
        .vault()
        .is_some_and(crate::durable::vault::Vault::is_sealed)
    {
        return f(src.path);
    }
    in_memory(src, f)
}

#[cfg(target_os = "linux")]
fn in_memory<T>(
    src: crate::durable::vault::Source<'_>,
    f: impl FnOnce(&Path) -> Result<T, String>,
) -> Result<T, String> {
    use std::io::Read;
    let describe = |e: std::io::Error| crate::durable::describe_io(&e);
    let mut original = src.open().map_err(describe)?;
    let size = original.plain_len().map_err(describe)?;
    if size > MAX_IN_MEMORY {
        return Err(format!(
            "the video is {}, too large to decrypt in memory for its pictures (at most 2 GiB): use Open",
            super::human_size(size)
        ));
    }
    let mut plain = memfd().map_err(describe)?;
    std::io::copy(&mut (&mut original).take(size), &mut plain).map_err(describe)?;
    let fd = std::os::fd::AsRawFd::as_raw_fd(&plain);
    let path = PathBuf::from(format!("/proc/{}/fd/{fd}", std::process::id()));
    let out = f(&path);
    drop(plain);
    out
}

/// An anonymous file in memory, closed on exec (ffmpeg opens it by its `/proc` path).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)] // memfd_create has no safe wrapper in std; see SAFETY below
fn memfd() -> std::io::Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: the name is a NUL-terminated C string; on success the call returns a new
    // file descriptor that nothing else owns, which the File takes over and closes.
    unsafe {
        let fd = libc::memfd_create(c"dossier-video".as_ptr(), libc::MFD_CLOEXEC);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(std::fs::File::from_raw_fd(fd))
    }
}

#[cfg(not(target_os = "linux"))]
fn in_memory<T>(
    _src: crate::durable::vault::Source<'_>,
    _f: impl FnOnce(&Path) -> Result<T, String>,
) -> Result<T, String> {
    Err("pictures of an encrypted catalogue's videos are made only on Linux for now (the video would have to be decrypted to a file): use Open".into())
}

/// How many frames a strip shows.
pub const STRIP_FRAMES: u32 = 6;

/// A strip of [`STRIP_FRAMES`] frames spread over the video (of `duration` seconds) at
/// `path`, side by side, each `width` pixels wide: what the viewer shows of a video.
pub fn strip(path: &Path, duration: f64, width: u32) -> Result<RgbaImage, String> {
    let duration = if duration.is_finite() && duration > 0.0 {
        duration
    } else {
        6.0
    };
    let filter = format!(
        "fps={STRIP_FRAMES}/{duration:.3},scale={}:-2,tile={STRIP_FRAMES}x1,format=rgba",
        width.clamp(32, 640)
    );
    ffmpeg_png(path, &[], &filter)
}

/// Runs ffmpeg on the video at `path` (`seek` before its input) for one picture through
/// `filter`, as a preview worker.
///
/// ffmpeg is told which container to read (by the file's first bytes) and may open only
/// local files: a file made to look like a playlist or a list of other files (HLS,
/// `concat`) cannot make it read anything but itself, or reach the network.
fn ffmpeg_png(path: &Path, seek: &[&str], filter: &str) -> Result<RgbaImage, String> {
    let program = ffmpeg().ok_or(NO_FFMPEG)?;
    let mut head = [0u8; 16];
    let got = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .map_err(|e| crate::durable::describe_io(&e))?;
    let container = container_of(&head[..got]).ok_or(
        "it is not a video container Dossier makes pictures of (MP4, QuickTime, Matroska, WebM, AVI)",
    )?;
    let input = format!("file:{}", path.display());
    let mut args: Vec<&str> = vec!["-nostdin", "-v", "error", "-protocol_whitelist", "file"];
    args.extend(["-f", container]);
    args.extend(seek);
    args.extend(["-i", &input, "-frames:v", "1", "-an", "-sn", "-vf", filter]);
    args.extend(["-f", "image2pipe", "-c:v", "png", "-"]);
    let args: Vec<String> = args.into_iter().map(str::to_string).collect();
    super::worker::render_with(&program, &args, b"", TIME_LIMIT)
}

/// Whether `head` (a file's first bytes) begins a video container: MP4 and QuickTime
/// (`ftyp`), Matroska and WebM, AVI.
pub fn looks_like_video(head: &[u8]) -> bool {
    container_of(head).is_some()
}

/// ffmpeg's name for the container `head` begins: `mov` (MP4, QuickTime), `matroska`
/// (Matroska, WebM) or `avi`.
fn container_of(head: &[u8]) -> Option<&'static str> {
    let mp4 = head.get(4..8) == Some(b"ftyp")
        && !matches!(
            head.get(8..12),
            Some(b"M4A " | b"M4B " | b"heic" | b"avif" | b"mif1")
        );
    let quicktime = matches!(head.get(4..8), Some(b"moov" | b"mdat" | b"wide" | b"free"));
    if mp4 || quicktime {
        Some("mov")
    } else if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        Some("matroska")
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"AVI ") {
        Some("avi")
    } else {
        None
    }
}
