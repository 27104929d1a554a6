//! The viewer (issue 19): a record's picture at full size, blurred while graphic until
//! revealed, and a redacted copy drawn over it and saved on the same record.

use dossier::audit::Action;
use dossier::model::RedactOp;
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Vec2};
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common::gui::{Setup, app, reopen, scroll_and_click, settle};

/// A sample record with a picture that is not graphic: its title and the picture's name.
fn plain_picture(path: &std::path::Path) -> (String, String, dossier::model::Sha256) {
    let cat = reopen(path);
    cat.records()
        .iter()
        .filter(|r| !r.is_graphic() && r.trashed.is_none())
        .find_map(|r| {
            let a = r
                .attachments
                .iter()
                .find(|a| a.is_image() && !a.is_graphic())?;
            Some((r.title.clone(), a.name.clone(), a.sha256.clone()))
        })
        .expect("the sample has a picture that is not graphic")
}

/// The app on a copy of the sample with the viewer open on a picture that is not graphic:
/// the catalogue's path, the record's title, the picture's name and hash, and the app.
fn viewer_on_plain_picture(
    setup: &Setup,
) -> (
    std::path::PathBuf,
    (String, String, dossier::model::Sha256),
    crate::common::gui::Gui,
) {
    let path = setup.sample();
    let picture = plain_picture(&path);
    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label(&picture.0).click();
    settle(&mut gui);
    scroll_and_click(&mut gui, Role::Button, &format!("View {}", picture.1));
    settle(&mut gui);
    (path, picture, gui)
}

#[test]
fn a_region_drawn_in_the_viewer_becomes_a_redacted_copy_on_the_record() {
    let setup = Setup::returning_user();
    let (path, (title, name, sha), mut gui) = viewer_on_plain_picture(&setup);
    let viewer = app(&mut gui).viewer().expect("the viewer is open");
    assert!(viewer.is_loaded(), "the picture is decoded and shown");
    let full = viewer.full_size().unwrap();
    gui.get_by_label(&format!("Viewer: {name}"));

    gui.get_by_label("Blur a region").click();
    settle(&mut gui);
    let picture = gui.get_by_label("Picture").rect();
    let (from, to) = (
        picture.center() - Vec2::splat(40.0),
        picture.center() + Vec2::splat(40.0),
    );
    gui.hover_at(from);
    gui.step();
    gui.drag_at(from);
    gui.step();
    for i in 1..=4 {
        gui.hover_at(from + (to - from) * (i as f32 / 4.0));
        gui.step();
    }
    gui.drop_at(to);
    settle(&mut gui);
    let ops = app(&mut gui).viewer().unwrap().marks.ops.clone();
    let [RedactOp::Blur { region }] = ops[..] else {
        panic!("one blurred region: {ops:?}");
    };
    assert!(
        region.w > 10 && region.h > 10 && region.x + region.w <= full[0],
        "{region:?}"
    );
    gui.get_by_label("1 region marked");

    gui.get_by_label("Save redacted copy").click();
    settle(&mut gui);
    assert!(app(&mut gui).viewer().unwrap().marks.ops.is_empty());
    let cat = reopen(&path);
    let r = cat.records().iter().find(|r| r.title == title).unwrap();
    let copy = r
        .attachments
        .iter()
        .find(|a| a.derived_from.as_ref() == Some(&sha))
        .expect("the copy is on the record");
    assert_eq!(copy.redaction.as_ref().unwrap().operations[0], ops[0]);
    assert_eq!(copy.redaction.as_ref().unwrap().made_by, "Tester");
    assert!(
        cat.audit()
            .for_record(&r.id)
            .iter()
            .any(|e| e.action == Action::Redacted && e.attachment.as_ref() == Some(&copy.sha256))
    );
    // Escape closes the viewer.
    gui.key_press(Key::Escape);
    settle(&mut gui);
    assert!(app(&mut gui).viewer().is_none());
}

#[test]
fn a_graphic_picture_stays_blurred_in_the_viewer_until_revealed() {
    let setup = Setup::returning_user();
    let path = setup.sample();
    let cat = reopen(&path);
    let graphic = cat
        .records()
        .iter()
        .find(|r| r.is_graphic() && r.attachments.iter().any(|a| a.is_image()))
        .cloned()
        .unwrap();
    let a = graphic
        .attachments
        .iter()
        .find(|a| a.is_image())
        .unwrap()
        .clone();
    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label(&graphic.title).click();
    settle(&mut gui);
    scroll_and_click(&mut gui, Role::Button, &format!("View {}", a.name));
    settle(&mut gui);
    gui.get_by_label("Graphic content: blurred until you reveal it");
    // Nothing can be marked on a picture nobody can see.
    assert!(
        gui.get_by_label("Blur a region")
            .accesskit_node()
            .is_disabled()
    );
    gui.get_by_label("Reveal").click();
    settle(&mut gui);
    assert!(
        !gui.get_by_label("Blur a region")
            .accesskit_node()
            .is_disabled()
    );
    let session = app(&mut gui).session.as_ref().unwrap();
    assert!(session.revealed.contains(&(graphic.id, a.sha256.clone())));
}

/// A JPEG whose EXIF gives a position and the camera's serial number.
fn telling_photo() -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value};
    let img = image::RgbImage::from_pixel(64, 48, image::Rgb([120, 90, 40]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&img)
        .unwrap();
    let r = |n: u32| Rational { num: n, denom: 1 };
    let fields = [
        Field {
            tag: Tag::BodySerialNumber,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"SN-40771".to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![r(39), r(48), r(55)]),
        },
        Field {
            tag: Tag::GPSLatitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"N".to_vec()]),
        },
        Field {
            tag: Tag::GPSLongitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![r(46), r(45), r(0)]),
        },
        Field {
            tag: Tag::GPSLongitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"E".to_vec()]),
        },
    ];
    let mut w = exif::experimental::Writer::new();
    for f in &fields {
        w.push_field(f);
    }
    let mut tiff = std::io::Cursor::new(Vec::new());
    w.write(&mut tiff, false).unwrap();
    let with_exif = dossier::generate::with_exif(&jpeg, &tiff.into_inner());
    // XMP naming the photographer, and IPTC naming the city, after the JPEG's start.
    let packet = br#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description dc:source="Field team"><dc:creator><rdf:Seq><rdf:li>Narine K.</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"#;
    let xmp = [&b"http://ns.adobe.com/xap/1.0/\0"[..], &packet[..]].concat();
    let mut iim = vec![0x1C, 2, 90, 0, 6];
    iim.extend(b"Shushi");
    let mut app13 = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
    app13.extend((iim.len() as u32).to_be_bytes());
    app13.extend(&iim);
    let segment = |marker: u8, body: &[u8]| {
        let mut s = vec![0xFF, marker];
        s.extend(((body.len() + 2) as u16).to_be_bytes());
        s.extend(body);
        s
    };
    [
        &with_exif[..2],
        &segment(0xE1, &xmp),
        &segment(0xED, &app13),
        &with_exif[2..],
    ]
    .concat()
}

/// A new catalogue in the setup's folder holding one record titled `title` with the file
/// `name` (its `bytes`) attached; the app open on it, the record chosen, and the file.
fn app_on_one_file(
    setup: &Setup,
    (name, bytes): (&str, Vec<u8>),
    title: &str,
) -> (crate::common::gui::Gui, dossier::model::Attachment) {
    let (root, attachments) =
        crate::common::catalogue_with_files(setup.dir.path(), title, &[(name, bytes)]);
    let att = attachments[0].clone();
    let mut gui = setup.gui(Some(root));
    gui.get_by_label(title).click();
    settle(&mut gui);
    (gui, att)
}

#[test]
fn a_photo_carrying_a_position_and_a_serial_number_says_so_on_its_card() {
    let setup = Setup::returning_user();
    let (mut gui, att) = app_on_one_file(
        &setup,
        ("from-the-field.jpg", telling_photo()),
        "Field photo",
    );
    assert_eq!(att.metadata.camera_serial.as_deref(), Some("SN-40771"));
    assert!(att.metadata.gps.is_some());
    gui.get_by_label("GPS position");
    gui.get_by_label("Camera serial");
    scroll_and_click(&mut gui, Role::Button, "Details of from-the-field.jpg");
    gui.get_by_label("SN-40771");
    gui.get_by_label_contains("Every embedded field").click();
    settle(&mut gui);
    gui.get_by_label("BodySerialNumber");
    // XMP and IPTC too, each under its kind.
    gui.get_by_label("dc:creator");
    gui.get_by_label("Narine K.");
    gui.get_by_label("dc:source");
    gui.get_by_label("City");
    gui.get_by_label("Shushi");
    gui.get_by_label("IPTC");
}

#[test]
fn a_pdf_card_shows_its_first_page() {
    let setup = Setup::returning_user();
    let (mut gui, att) = app_on_one_file(
        &setup,
        ("report-1.pdf", crate::previews::small_pdf()),
        "Report with a scan",
    );
    let sha = att.sha256;
    assert!(
        app(&mut gui).thumbnail_loaded(&sha, false),
        "the first page is shown"
    );
    gui.get_by_label("Preview");
}

#[test]
fn a_pdf_is_read_page_by_page_in_the_viewer() {
    let setup = Setup::returning_user();
    let (mut gui, _) = app_on_one_file(
        &setup,
        ("report-2.pdf", crate::previews::pdf_with_pages(3)),
        "Three-page report",
    );
    scroll_and_click(&mut gui, Role::Button, "View report-2.pdf");
    settle(&mut gui);
    assert!(app(&mut gui).viewer().unwrap().is_loaded());
    gui.get_by_label("Page 1 of 3");
    // No redaction tools on a PDF page (copies are made of pictures).
    assert!(
        gui.get_by_label("Blur a region")
            .accesskit_node()
            .is_disabled()
    );
    gui.get_by_label("Page >").click();
    settle(&mut gui);
    gui.get_by_label("Page 2 of 3");
    assert!(app(&mut gui).viewer().unwrap().is_loaded());
    gui.key_press(Key::PageDown);
    settle(&mut gui);
    gui.get_by_label("Page 3 of 3");
    assert_eq!(app(&mut gui).viewer().unwrap().page, 2);
}

#[test]
fn a_video_shows_a_strip_of_frames_in_the_viewer() {
    let setup = Setup::returning_user();
    let video = crate::previews::test_video(setup.dir.path());
    let bytes = std::fs::read(&video).unwrap();
    let (mut gui, _) = app_on_one_file(&setup, ("clip.mp4", bytes), "Checkpoint footage");
    scroll_and_click(&mut gui, Role::Button, "View clip.mp4");
    settle(&mut gui);
    let viewer = app(&mut gui).viewer().unwrap();
    assert!(viewer.is_loaded(), "the strip is decoded and shown");
    assert_eq!(viewer.full_size(), Some([6 * 320, 240]));
    assert!(
        gui.get_by_label("Blur a region")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_freehand_outline_drawn_in_the_viewer_becomes_an_area_to_blur() {
    let setup = Setup::returning_user();
    let (_, _, mut gui) = viewer_on_plain_picture(&setup);
    let full = app(&mut gui).viewer().unwrap().full_size().unwrap();
    gui.get_by_label("Black out a region").click();
    settle(&mut gui);
    gui.get_by_label("Freehand").click();
    settle(&mut gui);
    let c = gui.get_by_label("Picture").rect().center();
    // Around a triangle, with the button held down all the way.
    let outline = [
        c + Vec2::new(-50.0, -40.0),
        c + Vec2::new(50.0, -40.0),
        c + Vec2::new(0.0, 50.0),
        c + Vec2::new(-45.0, -30.0),
    ];
    gui.hover_at(outline[0]);
    gui.step();
    gui.drag_at(outline[0]);
    gui.step();
    for pair in outline.windows(2) {
        for i in 1..=5 {
            gui.hover_at(pair[0] + (pair[1] - pair[0]) * (i as f32 / 5.0));
            gui.step();
        }
    }
    gui.drop_at(outline[3]);
    settle(&mut gui);
    let ops = app(&mut gui).viewer().unwrap().marks.ops.clone();
    let [RedactOp::FillArea { area }] = &ops[..] else {
        panic!("one freehand area to black out: {ops:?}");
    };
    assert!(area.points.len() >= 10, "{area:?}");
    let b = area.bounds();
    assert!(b.w > 10 && b.h > 10 && b.x + b.w <= full[0], "{area}");
    gui.get_by_label("1 region marked");
    gui.get_by_label("Undo last mark").click();
    settle(&mut gui);
    assert!(app(&mut gui).viewer().unwrap().marks.ops.is_empty());
}

#[test]
fn up_and_down_in_the_viewer_go_through_the_list_and_the_selection_follows() {
    let setup = Setup::returning_user();
    let (path, _, mut gui) = viewer_on_plain_picture(&setup);
    let first = app(&mut gui).viewer().unwrap().record;
    let cat = reopen(&path);
    let mut visited = vec![first];
    for _ in 0..60 {
        gui.key_press(Key::ArrowDown);
        settle(&mut gui);
        let a = app(&mut gui);
        let v = a.viewer().expect("the viewer stays open");
        if v.end_of_list.is_some() {
            break;
        }
        let (record, sha) = (v.record, v.sha256.clone());
        assert_ne!(Some(&record), visited.last(), "Down moved on");
        assert_eq!(a.session.as_ref().unwrap().selected, Some(record));
        let r = cat.get(&record).unwrap();
        assert!(
            r.attachments
                .iter()
                .any(|f| f.sha256 == sha && dossier::ui::viewer::can_view(f))
        );
        visited.push(record);
    }
    assert!(
        visited.len() >= 3,
        "the sample has several records with pictures: {visited:?}"
    );
    assert_eq!(app(&mut gui).viewer().unwrap().end_of_list, Some(1));
    gui.get_by_label("This is the last record in the list with a file to view.");
    gui.get_by_label("Previous record").click();
    settle(&mut gui);
    let back = app(&mut gui).viewer().unwrap().record;
    assert_eq!(back, visited[visited.len() - 2]);
    gui.key_press(Key::ArrowUp);
    settle(&mut gui);
    assert_eq!(
        app(&mut gui).viewer().unwrap().record,
        visited[visited.len() - 3]
    );
}

#[test]
fn suggested_faces_are_blurred_only_when_the_person_says_so() {
    let setup = Setup::returning_user();
    let (mut gui, _) = app_on_one_file(
        &setup,
        (
            "front-row.jpg",
            include_bytes!("../data/solvay-row.jpg").to_vec(),
        ),
        "Group photograph",
    );
    scroll_and_click(&mut gui, Role::Button, "View front-row.jpg");
    settle(&mut gui);
    gui.get_by_label("Suggest faces").click();
    settle(&mut gui);
    let found = app(&mut gui)
        .viewer()
        .unwrap()
        .faces
        .suggested
        .clone()
        .expect("the search is done");
    assert!(found.len() >= 5, "{found:?}");
    gui.get_by_label(&format!("{} faces suggested.", found.len()));
    gui.get_by_label_contains("Suggestions only");
    // Nothing is marked until the person says so.
    assert!(app(&mut gui).viewer().unwrap().marks.ops.is_empty());
    gui.get_by_label("Blur the suggested faces").click();
    settle(&mut gui);
    let ops = app(&mut gui).viewer().unwrap().marks.ops.clone();
    let blurred: Vec<_> = ops
        .iter()
        .filter_map(|o| match o {
            RedactOp::Blur { region } => Some(*region),
            _ => None,
        })
        .collect();
    assert_eq!(blurred, found);
    assert!(app(&mut gui).viewer().unwrap().faces.suggested.is_none());
}
