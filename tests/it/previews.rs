//! Previews of PDFs (issue 19): the first page rendered with `hayro` in the preview worker,
//! a separate process with time and memory limits; a damaged or hostile file gives "no
//! preview" with its reason, never a crash.

use std::path::Path;
use std::time::{Duration, Instant};

use dossier::media::worker::{self, Kind};

use crate::common::{Cli, open_as};

/// A one-page PDF, 200 x 100 points: a red square at the left, "Report 1" in Helvetica.
pub fn small_pdf() -> Vec<u8> {
    pdf_with_pages(1)
}

/// A PDF of `n` pages of 200 x 100 points: the first with a red square, the others with a
/// blue one, each with "Report 1" in Helvetica.
pub fn pdf_with_pages(n: usize) -> Vec<u8> {
    let font = 3 + 2 * n; // catalog, pages, then a page and its content per page
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|i| format!("{} 0 R", 3 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        )
        .into_bytes(),
    ];
    for i in 0..n {
        let colour = if i == 0 { "1 0 0" } else { "0 0 1" };
        let content =
            format!("{colour} rg 10 10 80 80 re f 0 g BT /F1 18 Tf 100 45 Td (Report 1) Tj ET");
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents {} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>",
                4 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            )
            .into_bytes(),
        );
    }
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").into_bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    pdf
}

fn is_red(p: &image::Rgba<u8>) -> bool {
    p[0] > 200 && p[1] < 60 && p[2] < 60
}

#[test]
fn the_first_page_of_a_pdf_is_rendered_in_the_worker() {
    let pdf = small_pdf();
    let img = worker::render(Kind::Pdf, &pdf, 200).unwrap();
    if let Ok(dir) = std::env::var("DOSSIER_KEEP_PREVIEW") {
        img.save(Path::new(&dir).join("pdf-page.png")).unwrap();
    }
    assert_eq!(img.dimensions(), (200, 100));
    assert!(is_red(img.get_pixel(50, 50)), "{:?}", img.get_pixel(50, 50));
    assert!(!is_red(img.get_pixel(150, 80)));
    // The text was drawn: dark pixels where "Report 1" is, none in the empty corner.
    let dark = |x0: u32, x1: u32, y0: u32, y1: u32| {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| img.get_pixel(x, y)[0] < 100)
            .count()
    };
    assert!(dark(100, 190, 35, 60) > 20, "no text drawn");
    assert_eq!(dark(150, 200, 0, 20), 0);
}

#[test]
fn any_page_of_a_pdf_is_rendered_with_the_page_count() {
    let pdf = pdf_with_pages(3);
    let (first, pages) = worker::render_page(&pdf, 0, 200).unwrap();
    assert_eq!(pages, 3);
    assert!(is_red(first.get_pixel(50, 50)));
    let (third, _) = worker::render_page(&pdf, 2, 200).unwrap();
    let p = third.get_pixel(50, 50);
    assert!(p[2] > 200 && p[0] < 60, "the third page is blue: {p:?}");
    let e = worker::render_page(&pdf, 5, 200).unwrap_err();
    assert!(e.contains("has 3 pages, not 6"), "{e}");
}

#[test]
fn damaged_and_hostile_pdfs_give_no_preview_with_a_reason() {
    let good = small_pdf();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("not a PDF", b"GIF89a not a pdf at all".to_vec()),
        (
            "garbage",
            [b"%PDF-1.7\n".as_slice(), &[0xFFu8; 4000]].concat(),
        ),
        ("cut in half", good[..good.len() / 2].to_vec()),
        (
            "no pages",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
                .to_vec(),
        ),
    ];
    for (what, bytes) in cases {
        match worker::render(Kind::Pdf, &bytes, 128) {
            Err(why) => assert!(!why.is_empty(), "{what}: an empty reason"),
            // A parser may recover what it can: then it is a picture of the asked size.
            Ok(img) => assert!(img.width() <= 128 && img.height() <= 128, "{what}"),
        }
    }
}

#[cfg(unix)]
#[test]
fn a_worker_that_runs_too_long_or_takes_too_much_memory_is_stopped() {
    let sh = Path::new("/bin/sh");
    let started = Instant::now();
    let slow = ["-c".to_string(), "sleep 20".to_string()];
    let e = worker::render_with(sh, &slow, b"%PDF-", Duration::from_millis(500)).unwrap_err();
    assert!(e.contains("took longer than 0.5 s"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(10));
    // Asking for more than the limit fails inside the worker, not here.
    let greedy = [
        "-c".to_string(),
        "exec python3 -c 'x = bytearray(3 << 30); print(len(x))'".to_string(),
    ];
    let e = worker::render_with(sh, &greedy, b"", Duration::from_secs(20)).unwrap_err();
    assert!(e.contains("MemoryError"), "{e}");
}

#[test]
fn the_command_line_previews_a_pdf_attachment() {
    let cli = Cli::new();
    let pdf = cli.path("report-1.pdf");
    std::fs::write(&pdf, small_pdf()).unwrap();
    let (a, img) = preview_by_cli(&cli, &pdf, Some("100"));
    assert_eq!(a.media_type, "application/pdf");
    assert_eq!(img.dimensions(), (100, 50));
    assert!(is_red(img.get_pixel(25, 25)));
}

/// A mono 16-bit WAV at 8 kHz: a loud tone, then silence.
pub fn tone_then_silence(loud: f32, quiet: f32) -> Vec<u8> {
    let rate = 8000u32;
    let mut samples: Vec<i16> = (0..(rate as f32 * loud) as u32)
        .map(|i| ((i as f32 * 440.0 * std::f32::consts::TAU / rate as f32).sin() * 30000.0) as i16)
        .collect();
    samples.extend(std::iter::repeat_n(0i16, (rate as f32 * quiet) as usize));
    let data: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
    let mut wav = b"RIFF".to_vec();
    wav.extend((36 + data.len() as u32).to_le_bytes());
    wav.extend(b"WAVEfmt ");
    wav.extend(16u32.to_le_bytes());
    wav.extend(1u16.to_le_bytes()); // PCM
    wav.extend(1u16.to_le_bytes()); // mono
    wav.extend(rate.to_le_bytes());
    wav.extend((rate * 2).to_le_bytes());
    wav.extend(2u16.to_le_bytes());
    wav.extend(16u16.to_le_bytes());
    wav.extend(b"data");
    wav.extend((data.len() as u32).to_le_bytes());
    wav.extend(data);
    wav
}

#[test]
fn a_recording_shows_its_waveform() {
    let wav = tone_then_silence(1.0, 1.0);
    let img = worker::render(Kind::Audio, &wav, 200).unwrap();
    assert_eq!(img.dimensions(), (200, 50));
    let bar = |x: u32| {
        (0..50)
            .filter(|&y| img.get_pixel(x, y)[2] > 140 && img.get_pixel(x, y)[0] < 100)
            .count()
    };
    assert!(bar(40) > 35, "loud: {}", bar(40));
    assert!(bar(160) <= 2, "silent: {}", bar(160));
    // Not a recording: no waveform, a reason.
    let e = worker::render(Kind::Audio, b"RIFF\x10\x00\x00\x00WAVEjunkjunkjunk", 200).unwrap_err();
    assert!(!e.is_empty());
}

#[test]
fn the_command_line_previews_a_recording() {
    let cli = Cli::new();
    let wav = cli.path("statement.wav");
    std::fs::write(&wav, tone_then_silence(0.5, 0.5)).unwrap();
    let (a, img) = preview_by_cli(&cli, &wav, None);
    assert!(a.media_type.starts_with("audio/"), "{}", a.media_type);
    assert_eq!(a.metadata.duration_secs, Some(1.0));
    assert_eq!(img.width(), 256);
}

/// Runs the real `ffmpeg` (CI installs it; the app says plainly when it is missing) on
/// the generated `source` (a lavfi filter) with `args`, writing `out`.
fn ffmpeg_make(source: &str, args: &[&str], out: &Path) {
    let made = std::process::Command::new("ffmpeg")
        .args(["-nostdin", "-v", "error", "-f", "lavfi", "-i", source])
        .args(args)
        .arg(out)
        .status()
        .expect("ffmpeg is needed for the video and recording tests (.ci/run installs it)");
    assert!(made.success(), "ffmpeg made {}", out.display());
}

/// A 2-second H.264 MP4 of ffmpeg's test pattern, made by the real `ffmpeg`.
pub fn test_video(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("clip.mp4");
    let pattern = "testsrc=duration=2:size=320x240:rate=10";
    ffmpeg_make(pattern, &["-c:v", "libx264", "-pix_fmt", "yuv420p"], &out);
    out
}

/// `file` imported into a new plain catalogue `cat` in the CLI's folder, and its preview
/// as `dossier preview` writes it (`size` when given): the attachment and the picture.
fn preview_by_cli(
    cli: &Cli,
    file: &Path,
    size: Option<&str>,
) -> (dossier::model::Attachment, image::RgbaImage) {
    let root = cli.path("cat");
    let root_s = root.to_str().unwrap();
    cli.ok(&["new", root_s, "--plain", "--title", "Office"]);
    cli.ok(&["import", root_s, file.to_str().unwrap()]);
    let a = open_as(&root, "Checker").records()[0].attachments[0].clone();
    let out = cli.path("preview.png");
    let mut args = vec!["preview", root_s, a.sha256.as_str(), "--out"];
    args.push(out.to_str().unwrap());
    if let Some(size) = size {
        args.extend(["--size", size]);
    }
    cli.ok(&args);
    (a, image::open(&out).unwrap().to_rgba8())
}

#[test]
fn a_video_shows_a_poster_frame_made_by_ffmpeg() {
    let cli = Cli::new();
    let video = test_video(cli.dir.path());
    let img = dossier::media::video::poster_frame(&video, 256).unwrap();
    assert_eq!(img.dimensions(), (256, 192));
    let colours: std::collections::HashSet<[u8; 3]> = img
        .pixels()
        .map(|p| [p[0] >> 4, p[1] >> 4, p[2] >> 4])
        .collect();
    assert!(
        colours.len() > 20,
        "the test pattern's colours: {}",
        colours.len()
    );
    // Through the command line, as the app's cards make it.
    let (a, poster) = preview_by_cli(&cli, &video, Some("128"));
    assert!(a.media_type.starts_with("video/"), "{}", a.media_type);
    assert_eq!(poster.width(), 128);
    let root = cli.path("cat");
    // The viewer's strip: six frames spread over the two seconds, side by side.
    let strip = dossier::media::video::strip(&video, 2.0, 160).unwrap();
    assert_eq!(strip.dimensions(), (6 * 160, 120));
    // A redacted still of the video: its frame one second in, a region blacked out.
    let record = open_as(&root, "Checker").records()[0].id;
    let mut cat = open_as(&root, "Ben");
    let ops = [dossier::model::RedactOp::Fill {
        region: dossier::model::Region {
            x: 0,
            y: 0,
            w: 100,
            h: 50,
        },
    }];
    let (sha, batch) = dossier::media::redact::redact(
        &mut cat,
        &record,
        &a.sha256,
        &ops,
        dossier::model::Label::Green,
        "Ben",
    )
    .unwrap();
    batch.apply().unwrap();
    let still = image::load_from_memory(&cat.blobs().read(&sha).unwrap())
        .unwrap()
        .to_rgba8();
    assert_eq!(still.dimensions(), (320, 240), "the video's own size");
    assert_eq!(still.get_pixel(10, 10).0, [0, 0, 0, 255]);
    let copy = cat.get(&record).unwrap().attachments[1].clone();
    assert_eq!(copy.derived_from.as_ref(), Some(&a.sha256));
    drop(cat);
    // A playlist dressed as a video cannot make ffmpeg read another file.
    let secret = cli.path("secret.mp4");
    std::fs::copy(&video, &secret).unwrap();
    let playlist = cli.path("playlist.mp4");
    std::fs::write(
        &playlist,
        format!(
            "#EXTM3U\n#EXTINF:2,\nfile:{}\n#EXT-X-ENDLIST\n",
            secret.display()
        ),
    )
    .unwrap();
    let e = dossier::media::video::poster_frame(&playlist, 128).unwrap_err();
    assert!(e.contains("not a video container"), "{e}");
    // A file that only claims to be a video gives a reason, not a picture.
    let fake = cli.path("fake.mp4");
    std::fs::write(&fake, b"\x00\x00\x00\x18ftypisom junk junk junk").unwrap();
    let e = dossier::media::video::poster_frame(&fake, 128).unwrap_err();
    assert!(!e.is_empty());
}

#[test]
fn a_phone_recording_in_m4a_shows_its_waveform() {
    let dir = tempfile::tempdir().unwrap();
    let m4a = dir.path().join("voice.m4a");
    let tone = "sine=frequency=440:duration=1";
    ffmpeg_make(
        tone,
        &["-af", "volume=6,apad=pad_dur=1", "-c:a", "aac"],
        &m4a,
    );
    let bytes = std::fs::read(&m4a).unwrap();
    assert!(dossier::media::audio::looks_like_audio(&bytes));
    let img = worker::render(Kind::Audio, &bytes, 200).unwrap();
    let bar = |x: u32| (0..50).filter(|&y| img.get_pixel(x, y)[0] < 100).count();
    assert!(bar(40) > 25, "the tone: {}", bar(40));
    assert!(bar(170) <= 2, "the silence: {}", bar(170));
}

#[test]
fn a_videos_container_tags_are_listed_for_the_details_window() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tagged.mp4");
    ffmpeg_make(
        "testsrc=duration=1:size=160x120:rate=5",
        &[
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-metadata",
            "title=Checkpoint at the bridge",
            "-metadata",
            "location=+39.8153+046.7519/",
        ],
        &out,
    );
    let vault = dossier::durable::vault::Vault::plain(dir.path());
    let found = dossier::media::embedded::inspect(
        dossier::durable::vault::Source::stored(&vault, &out),
        "video/mp4",
    );
    let value = |name: &str| {
        found
            .fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| (f.group, f.value.as_str()))
    };
    assert_eq!(value("©nam"), Some(("Video", "Checkpoint at the bridge")));
    // ffmpeg's MP4 writer keeps the position in a 3GPP `loci` box.
    assert_eq!(value("loci"), Some(("Video", "39.8153, 46.7519")));
    assert!(
        found
            .fields
            .iter()
            .any(|f| f.name == "©too" && f.value.starts_with("Lavf")),
        "{:?}",
        found.fields
    );
}

#[test]
fn webm_and_h265_videos_get_poster_frames_too() {
    let dir = tempfile::tempdir().unwrap();
    for (name, codec) in [
        ("clip.webm", &["-c:v", "libvpx-vp9"][..]),
        ("clip-h265.mp4", &["-c:v", "libx265", "-tag:v", "hvc1"][..]),
    ] {
        let out = dir.path().join(name);
        ffmpeg_make("testsrc=duration=2:size=320x240:rate=10", codec, &out);
        let img = dossier::media::video::poster_frame(&out, 128).unwrap();
        assert_eq!(img.dimensions(), (128, 96), "{name}");
        let colours: std::collections::HashSet<[u8; 3]> = img
            .pixels()
            .map(|p| [p[0] >> 4, p[1] >> 4, p[2] >> 4])
            .collect();
        assert!(colours.len() > 20, "{name}: {}", colours.len());
    }
}
