//! `index.html`: the package as a report that opens offline in any browser, with no
//! external resources. Every page starts with its TLP label; the first page states the
//! most restricted label in the package. Graphic images are folded away until clicked.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use base64::Engine;

use super::job::PackageJob;
use super::record::{PackageAttachment, PackageRecord};
use crate::media::{human_size, thumbs};
use crate::model::{ContentWarning, Label, Sha256};
use crate::{t, words};

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Small JPEG previews of the package's images, as data URIs, by SHA-256. Each is made
/// afresh from the bytes that go into the package, decoded: never from the thumbnail cache
/// and never from a preview embedded in the file, which can show what the picture's pixels
/// no longer do (the scene before it was redacted).
pub fn thumbnails(job: &PackageJob, cancel: &AtomicBool) -> HashMap<Sha256, String> {
    let mut out = HashMap::new();
    for f in job
        .files
        .iter()
        .filter(|f| f.media_type.starts_with("image/"))
    {
        if cancel.load(Ordering::Relaxed) || out.contains_key(&f.sha256) {
            continue;
        }
        let Ok(thumb) = thumbs::picture_thumbnail(f.original()) else {
            continue;
        };
        let rgb = image::DynamicImage::ImageRgba8(thumb).to_rgb8();
        let mut jpeg = Vec::new();
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80);
        if encoder.encode_image(&rgb).is_ok() {
            let b64 = base64::engine::general_purpose::STANDARD.encode(&jpeg);
            out.insert(f.sha256.clone(), format!("data:image/jpeg;base64,{b64}"));
        }
    }
    out
}

fn tlp(label: Label) -> String {
    let class = match label {
        Label::Clear => "clear",
        Label::Green => "green",
        Label::Amber | Label::AmberStrict => "amber",
        Label::Red => "red",
    };
    format!("<span class=\"tlp tlp-{class}\">{}</span>", label.as_str())
}

const STYLE: &str = r#"
body{font-family:"Noto Sans","Noto Sans Armenian","DejaVu Sans",Arial,sans-serif;margin:0;background:#f4f4f4;color:#111;line-height:1.45}
.page{background:#fff;max-width:52rem;margin:1.5rem auto;padding:1.5rem 2rem;box-shadow:0 1px 3px #0003}
.banner{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #ccc;padding-bottom:.5rem;margin-bottom:1rem;font-size:.85rem;color:#555}
.tlp{background:#000;font-weight:bold;padding:.15rem .5rem;font-family:monospace;font-size:1rem;letter-spacing:.03em}
.tlp-clear{color:#fff}.tlp-green{color:#33ff00}.tlp-amber{color:#ffc000}.tlp-red{color:#ff2b2b}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.3rem;margin:.2rem 0 .3rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:#555}dd{margin:0}
.meta{color:#555;margin:0 0 .8rem}.warn{display:inline-block;background:#fde8e8;color:#8a1c1c;border-radius:3px;padding:0 .4rem;margin-right:.3rem;font-size:.85rem}
.body{white-space:pre-wrap}figure{display:inline-block;vertical-align:top;margin:.5rem 1rem .5rem 0;width:16rem}
figure img{max-width:16rem;max-height:16rem;border:1px solid #ccc}figcaption{font-size:.8rem;word-break:break-all}
details.graphic summary{cursor:pointer;background:#333;color:#fff;padding:2.5rem 1rem;text-align:center;width:14rem}
.hash{font-family:monospace;font-size:.75rem;color:#555;word-break:break-all}
table.timeline{border-collapse:collapse;margin:.3rem 0 1rem;font-size:.9rem}table.timeline td,table.timeline th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}
.highest{font-size:1.1rem;border:2px solid #000;padding:.6rem .8rem}
@media print{body{background:#fff}.page{box-shadow:none;margin:0;max-width:none;break-before:page}.page:first-of-type{break-before:auto}details.graphic:not([open]) summary{padding:1rem}}
"#;

/// The whole report.
pub fn render(
    job: &PackageJob,
    records: &[PackageRecord],
    thumbs: &HashMap<Sha256, String>,
) -> String {
    let highest = job.highest_label.unwrap_or(Label::Clear);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n",
        crate::i18n::language().code(),
        esc(&t!(
            "report-title",
            label = highest.as_str(),
            recipient = job.recipient.name.as_str()
        ))
    );
    cover(&mut h, job, highest);
    for r in records {
        let _ = write!(
            h,
            "<li>{} <a href=\"#r-{}\">{}</a> <small>({})</small></li>",
            tlp(r.label),
            r.id,
            esc(r.display_title()),
            esc(&words::kind(r.kind))
        );
    }
    h.push_str("</ol></section>\n");
    for r in records {
        record_page(&mut h, r, thumbs);
    }
    h.push_str("</body></html>\n");
    h
}

/// The first page: the most restricted label, for whom, what, and the chain's head.
fn cover(h: &mut String, job: &PackageJob, highest: Label) {
    let recipient = &job.recipient;
    let _ = write!(
        h,
        "<section class=\"page cover\"><div class=\"banner\">{}<span>{}</span></div>\
         <h1>{}</h1><p class=\"highest\">{}</p><dl>",
        tlp(highest),
        esc(&t!("report-package", id = job.package_id.as_str())),
        esc(&t!("report-heading", recipient = recipient.name.as_str())),
        esc(&t!(
            "report-highest",
            label = highest.as_str(),
            means = words::label_means(highest)
        ))
        .replacen(highest.as_str(), &tlp(highest), 1),
    );
    let made = jiff::Timestamp::now()
        .strftime("%Y-%m-%d %H:%M UTC")
        .to_string();
    let head = &job.chain_head;
    let hash = head.hash.to_string();
    let custody = esc(&t!(
        "report-custody",
        entries = head.entries.to_string(),
        hash = hash.as_str()
    ))
    .replacen(&hash, &format!("<span class=\"hash\">{hash}</span>"), 1);
    let rows = [
        (
            t!("report-recipient"),
            esc(&t!(
                "report-recipient-is",
                name = recipient.name.as_str(),
                kind = words::recipient_kind(recipient.kind),
                max = recipient.max_label.as_str()
            )),
        ),
        (
            t!("report-made"),
            esc(&t!(
                "report-made-by",
                when = made,
                who = job.sender.as_str()
            )),
        ),
        (t!("report-records"), job.records.len().to_string()),
        (
            t!("report-files"),
            format!("{} ({})", job.files.len(), human_size(job.total_bytes())),
        ),
        (
            t!("report-package-id"),
            format!("<span class=\"hash\">{}</span>", esc(&job.package_id)),
        ),
        (
            t!("report-chain"),
            format!(
                "{custody} (<code>dossier verify --against {}:{hash}</code>)",
                head.entries
            ),
        ),
    ];
    for (name, value) in rows {
        let _ = write!(h, "<dt>{}</dt><dd>{value}</dd>", esc(&name));
    }
    let mut files = esc(&t!("report-files-note"));
    for name in ["manifest.json", "records.json", "persons.csv"] {
        files = files.replacen(name, &format!("<code>{name}</code>"), 1);
    }
    let _ = write!(
        h,
        "</dl><p>{files}</p><h2>{}</h2><ol>",
        esc(&t!("report-contents"))
    );
}

fn record_page(h: &mut String, r: &PackageRecord, thumbs: &HashMap<Sha256, String>) {
    let page_label = r
        .attachments
        .iter()
        .map(|a| a.label)
        .fold(r.label, Label::max);
    let _ = write!(
        h,
        "<section class=\"page\" id=\"r-{}\"><div class=\"banner\">{}<span>{}</span></div><h2>{}</h2>",
        r.id,
        tlp(page_label),
        esc(&words::kind(r.kind)),
        esc(r.display_title())
    );
    let mut meta = Vec::new();
    if let Some(d) = &r.date {
        meta.push(d.to_string());
    }
    if !r.place.is_empty() {
        meta.push(r.place.clone());
    }
    meta.push(words::verification(r.verification));
    let _ = write!(h, "<p class=\"meta\">{}</p>", esc(&meta.join(" · ")));
    for w in &r.warnings {
        let _ = write!(
            h,
            "<span class=\"warn\">{}</span>",
            esc(&words::warning(*w))
        );
    }
    fields(h, r);
    if let Some(p) = r.person.as_ref().filter(|p| !p.timeline.is_empty()) {
        timeline(h, p);
    }
    if !r.body.trim().is_empty() {
        let _ = write!(h, "<div class=\"body\">{}</div>", esc(&r.body));
    }
    links(h, r);
    if !r.attachments.is_empty() {
        let _ = write!(h, "<h3>{}</h3><div>", esc(&t!("report-files")));
        for a in &r.attachments {
            attachment(h, r, a, thumbs);
        }
        h.push_str("</div>");
    }
    h.push_str("</section>\n");
}

/// The record's fields as a definition list (empty ones left out).
fn fields(h: &mut String, r: &PackageRecord) {
    h.push_str("<dl>");
    let mut field = |name: String, value: &str| {
        if !value.trim().is_empty() {
            let _ = write!(h, "<dt>{}</dt><dd>{}</dd>", esc(&name), esc(value));
        }
    };
    field(t!("report-field-label"), r.label.as_str());
    field(t!("report-field-author"), &r.author);
    field(t!("field-language"), &r.language);
    field(t!("field-source"), &r.source.name);
    field(t!("report-field-url"), &r.source.url);
    let method = r.source.method.map(words::method);
    field(
        t!("report-field-method"),
        method.as_deref().unwrap_or_default(),
    );
    field(t!("field-tags"), &r.tags.join(", "));
    if let Some(p) = &r.person {
        person_fields(&mut field, p);
    }
    field(t!("report-field-id"), &r.id.to_string());
    h.push_str("</dl>");
}

/// A person's fields (empty ones left out).
fn person_fields(field: &mut impl FnMut(String, &str), p: &super::record::PackagePerson) {
    let names: Vec<String> = p.names.iter().map(|n| n.tagged()).collect();
    field(t!("report-field-names"), &names.join("; "));
    let or_empty = |w: Option<String>| w.unwrap_or_default();
    field(
        t!("report-field-status"),
        &or_empty(p.status.map(words::status)),
    );
    field(
        t!("report-field-basis"),
        &or_empty(p.basis.map(words::basis)),
    );
    let birth = p.birth.map(|d| d.to_string());
    field(t!("field-birth"), &or_empty(birth));
    field(t!("field-sex"), &or_empty(p.sex.map(words::sex)));
    field(
        t!("report-field-category"),
        &or_empty(p.category.map(words::category)),
    );
    field(t!("field-unit"), &p.unit);
    field(t!("field-rank"), &p.rank);
}

/// Links to other records of the package.
fn links(h: &mut String, r: &PackageRecord) {
    if !r.links.is_empty() {
        let _ = write!(h, "<h3>{}</h3><ul>", esc(&t!("report-related")));
        for l in &r.links {
            let _ = write!(
                h,
                "<li>{} <a href=\"#r-{}\">{}</a>{}</li>",
                esc(&words::link_kind(l.kind)),
                l.target,
                esc(&l.target_title),
                if l.note.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", esc(&l.note))
                }
            );
        }
        h.push_str("</ul>");
    }
}

/// A person's status timeline as a table, oldest first; sources link to their pages.
fn timeline(h: &mut String, p: &super::record::PackagePerson) {
    let _ = write!(
        h,
        "<h3>{}</h3><table class=\"timeline\"><tr>",
        esc(&t!("report-timeline"))
    );
    for heading in [
        t!("field-date"),
        t!("report-field-status"),
        t!("report-field-basis"),
        t!("field-verification"),
        t!("report-sources"),
        t!("report-note"),
    ] {
        let _ = write!(h, "<th>{}</th>", esc(&heading));
    }
    h.push_str("</tr>");
    for e in &p.timeline {
        let sources: Vec<String> = e
            .sources
            .iter()
            .map(|s| format!("<a href=\"#r-{s}\">{}</a>", &s.to_string()[..8]))
            .collect();
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.date.map(|d| d.to_string()).unwrap_or_default()),
            esc(&words::status(e.status)),
            esc(&e.basis.map(words::basis).unwrap_or_default()),
            esc(&words::verification(e.verification)),
            sources.join(" "),
            esc(&e.note)
        );
    }
    h.push_str("</table>");
}

fn attachment(
    h: &mut String,
    r: &PackageRecord,
    a: &PackageAttachment,
    thumbs: &HashMap<Sha256, String>,
) {
    let graphic = a.warnings.contains(&ContentWarning::GraphicViolence)
        || r.warnings.contains(&ContentWarning::GraphicViolence);
    h.push_str("<figure>");
    if let Some(uri) = thumbs.get(&a.sha256) {
        let img = format!("<img src=\"{uri}\" alt=\"{}\">", esc(&a.name));
        if graphic {
            let _ = write!(
                h,
                "<details class=\"graphic\"><summary>{}</summary>{img}</details>",
                esc(&t!("report-graphic"))
            );
        } else {
            h.push_str(&img);
        }
    }
    let _ = write!(
        h,
        "<figcaption>{} <a href=\"{}\">{}</a><br>{} · {}",
        tlp(a.label),
        esc(&a.path),
        esc(&a.name),
        esc(&a.media_type),
        human_size(a.size)
    );
    if let Some(t) = &a.metadata.captured_at {
        let _ = write!(h, "<br>{}", esc(&t!("report-captured", when = t.as_str())));
    }
    if !a.description.is_empty() {
        let _ = write!(h, "<br>{}", esc(&a.description));
    }
    let _ = write!(
        h,
        "<br><span class=\"hash\">SHA-256 {}</span></figcaption></figure>",
        a.sha256
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
