//! The preview worker: previews of files whose parsers meet hostile input (PDFs) are made
//! in a separate process, the `dossier` program run as `dossier preview-worker`, with a
//! time limit and (on Linux and other Unix systems) a memory limit. The file's plain bytes
//! go in on its standard input and a PNG comes back on its standard output; a worker that
//! crashes, runs out of memory or time gives "no preview" with the reason, never a crash of
//! the app.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use image::RgbaImage;

/// How long a preview may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(15);
/// How much memory the worker may map (on Unix).
pub const MEMORY_LIMIT: u64 = 1536 << 20;
/// The largest PNG read back.
const MAX_OUTPUT: u64 = 128 << 20;

/// The kinds of file the worker renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A PDF's first page.
    Pdf,
    /// A recording's waveform.
    Audio,
}

impl Kind {
    /// The name on the worker's command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Audio => "audio",
        }
    }

    /// The kind a name on the command line gives.
    pub fn parse(name: &str) -> Option<Kind> {
        match name {
            "pdf" => Some(Kind::Pdf),
            "audio" => Some(Kind::Audio),
            _ => None,
        }
    }
}

/// What the worker does, inside its own process: renders the bytes of `input` (page
/// `page` of a PDF) and writes a PNG to `output`; for a PDF, `pages=N` to `notes`.
pub fn serve(
    kind: Kind,
    (size, page): (u32, usize),
    input: &mut dyn Read,
    output: &mut dyn Write,
    notes: &mut dyn Write,
) -> Result<(), String> {
    let mut bytes = Vec::new();
    input
        .take(1 << 30)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    let img = match kind {
        Kind::Pdf => {
            let (img, pages) = super::pdf::page(&bytes, page, size)?;
            let _ = writeln!(notes, "pages={pages}");
            img
        }
        Kind::Audio => super::audio::waveform(bytes, size)?,
    };
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    output.write_all(&png).map_err(|e| e.to_string())
}

/// The `dossier` program to run as the worker: `DOSSIER_WORKER` when set, else this
/// program when it is `dossier`, else the `dossier` beside it or one folder up (where
/// `cargo` puts it for tests).
pub fn program() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DOSSIER_WORKER") {
        return Some(PathBuf::from(p));
    }
    let me = std::env::current_exe().ok()?;
    let name = format!("dossier{}", std::env::consts::EXE_SUFFIX);
    if me.file_name().is_some_and(|n| n == name.as_str()) {
        return Some(me);
    }
    let dir = me.parent()?;
    [dir.join(&name), dir.parent()?.join(&name)]
        .into_iter()
        .find(|p| p.is_file())
}

/// Renders `bytes` in a worker process within the limits.
pub fn render(kind: Kind, bytes: &[u8], size: u32) -> Result<RgbaImage, String> {
    let (img, _) = run_kind(kind, bytes, size, 0)?;
    Ok(img)
}

/// Renders page `page` (from 0) of the PDF `bytes` in a worker; and the PDF's page count.
pub fn render_page(bytes: &[u8], page: usize, size: u32) -> Result<(RgbaImage, usize), String> {
    let (img, notes) = run_kind(Kind::Pdf, bytes, size, page)?;
    let pages = notes
        .lines()
        .find_map(|l| l.strip_prefix("pages=")?.trim().parse().ok())
        .unwrap_or(1);
    Ok((img, pages))
}

/// Runs the `dossier` program as the worker for `kind` on `bytes`.
fn run_kind(
    kind: Kind,
    bytes: &[u8],
    size: u32,
    page: usize,
) -> Result<(RgbaImage, String), String> {
    let program = program().ok_or(
        "the preview worker (the dossier program) was not found: set DOSSIER_WORKER to its path",
    )?;
    let args = [
        "preview-worker",
        "--kind",
        kind.name(),
        "--size",
        &size.to_string(),
        "--page",
        &page.to_string(),
    ]
    .map(String::from);
    run(&program, &args, bytes, TIME_LIMIT)
}

/// Runs `program` with `args` as a preview worker on `bytes`, stopped after `time_limit`
/// and (on Unix) limited to [`MEMORY_LIMIT`] of memory; the PNG it writes, as a picture.
pub fn render_with(
    program: &std::path::Path,
    args: &[String],
    bytes: &[u8],
    time_limit: Duration,
) -> Result<RgbaImage, String> {
    run(program, args, bytes, time_limit).map(|(img, _)| img)
}

/// [`render_with`], with what the worker wrote on its error output (notes: `pages=N`).
fn run(
    program: &std::path::Path,
    args: &[String],
    bytes: &[u8],
    time_limit: Duration,
) -> Result<(RgbaImage, String), String> {
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    limit_memory(&mut command);
    let mut child = command
        .spawn()
        .map_err(|e| format!("the preview worker could not start ({e})"))?;
    let _job = match limit_memory_of(&child) {
        Ok(job) => job,
        Err(why) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(why);
        }
    };
    let mut stdin = child
        .stdin
        .take()
        .ok_or("the preview worker has no input")?;
    let input = bytes.to_vec();
    let feeder = std::thread::Builder::new()
        .name("preview-worker-input".into())
        .spawn(move || {
            let _ = stdin.write_all(&input);
        })
        .map_err(|e| format!("the preview worker could not be fed ({e})"))?;
    let out = drain(child.stdout.take(), MAX_OUTPUT, "preview-worker-output")?;
    let err = drain(child.stderr.take(), 4096, "preview-worker-notes")?;
    let status = wait(&mut child, time_limit)?;
    let _ = feeder.join();
    let png = out.join().unwrap_or_default();
    let said = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
    if !status.success() {
        let said = crate::text::one_line(said.trim().trim_start_matches("dossier: ")).into_owned();
        return Err(match (said.is_empty(), status.code()) {
            (false, _) => said,
            (true, Some(code)) => format!("the preview worker failed (exit code {code})"),
            (true, None) => {
                "the preview worker was stopped (out of memory, or a crash on a hostile file)"
                    .into()
            }
        });
    }
    let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
        .map(|i| i.to_rgba8())
        .map_err(|e| format!("the preview worker gave no picture ({e})"))?;
    Ok((img, said))
}

/// Reads what a worker writes to `pipe` on a thread (keeping at most `keep` bytes, and
/// reading on past them so the worker never blocks on a full pipe).
fn drain(
    pipe: Option<impl Read + Send + 'static>,
    keep: u64,
    name: &str,
) -> Result<std::thread::JoinHandle<Vec<u8>>, String> {
    let mut pipe = pipe.ok_or("the preview worker has no output")?;
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let mut kept = Vec::new();
            let _ = (&mut pipe).take(keep).read_to_end(&mut kept);
            let _ = std::io::copy(&mut pipe, &mut std::io::sink());
            kept
        })
        .map_err(|e| format!("the preview worker could not be read ({e})"))
}

/// Waits for the worker, killing it once `time_limit` has passed.
fn wait(
    child: &mut std::process::Child,
    time_limit: Duration,
) -> Result<std::process::ExitStatus, String> {
    let started = Instant::now();
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) => return Ok(status),
            None if started.elapsed() > time_limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "making the preview took longer than {} s, and was stopped (a damaged or hostile file?)",
                    time_limit.as_secs_f32()
                ));
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// Caps the worker's address space on Unix (a parser that tries to allocate without end
/// fails there, not here). Windows: only the time limit applies.
#[cfg(unix)]
#[allow(unsafe_code)] // pre_exec runs in the child before exec; see SAFETY below
fn limit_memory(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the forked child before exec and only calls setrlimit,
    // which is async-signal-safe, allocates nothing and touches no lock.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT as libc::rlim_t,
                rlim_max: MEMORY_LIMIT as libc::rlim_t,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_command: &mut Command) {}

/// Unix: the limit is set before exec ([`limit_memory`]); nothing to hold.
#[cfg(not(windows))]
struct JobHandle;

#[cfg(not(windows))]
fn limit_memory_of(_child: &std::process::Child) -> Result<JobHandle, String> {
    Ok(JobHandle)
}

/// Windows: the worker is put in a job object that caps its committed memory at
/// [`MEMORY_LIMIT`] and kills it when the job is closed (when the returned handle drops,
/// after the worker is done or stopped). It runs for a moment before it is assigned,
/// while it starts up, before it has read any of the file.
#[cfg(windows)]
#[allow(unsafe_code)] // the Win32 job object calls; see SAFETY below
fn limit_memory_of(child: &std::process::Child) -> Result<JobHandle, String> {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
        JOB_OBJECT_LIMIT_PROCESS_MEMORY, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
        JobObjectExtendedLimitInformation, SetInformationJobObject,
    };
    // SAFETY: CreateJobObjectW takes null attributes and name and returns a handle we
    // own (closed by JobHandle's Drop); the limit structure is zeroed plain data with the
    // fields set that the flags name, passed with its own size; the child's handle is
    // valid while `child` is borrowed.
    unsafe {
        let job = CreateJobObjectW(std::ptr::null(), std::ptr::null());
        if job.is_null() {
            return Err("the preview worker's memory limit could not be set up".into());
        }
        let job = JobHandle(job);
        let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
        info.BasicLimitInformation.LimitFlags =
            JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        info.ProcessMemoryLimit = MEMORY_LIMIT as usize;
        let set = SetInformationJobObject(
            job.0,
            JobObjectExtendedLimitInformation,
            (&raw const info).cast(),
            std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
        );
        let assigned = set != 0 && AssignProcessToJobObject(job.0, child.as_raw_handle()) != 0;
        if !assigned {
            return Err("the preview worker's memory limit could not be set".into());
        }
        Ok(job)
    }
}

/// A job object's handle, closed when dropped (which ends a worker still in it).
#[cfg(windows)]
struct JobHandle(windows_sys::Win32::Foundation::HANDLE);

#[cfg(windows)]
impl Drop for JobHandle {
    #[allow(unsafe_code)] // CloseHandle on a handle this value owns
    fn drop(&mut self) {
        // SAFETY: the handle came from CreateJobObjectW and is closed once, here.
        unsafe {
            windows_sys::Win32::Foundation::CloseHandle(self.0);
        }
    }
}
