//! The attachment cards of a record with many files wrap into rows within the editor
//! instead of running past its right edge.

use egui_kittest::kittest::Queryable;

use crate::common::gui::{Setup, settle};

#[test]
fn many_attachment_cards_wrap_into_rows_within_the_window() {
    let setup = Setup::returning_user();
    let names: Vec<String> = (0..6).map(|i| format!("scene-{i}.png")).collect();
    let files: Vec<(&str, Vec<u8>)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let img = image::RgbImage::from_pixel(40, 30, image::Rgb([i as u8 * 40, 90, 40]));
            let mut png = Vec::new();
            img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                .unwrap();
            (name.as_str(), png)
        })
        .collect();
    let (root, _) =
        crate::common::catalogue_with_files(setup.dir.path(), "Six photographs", &files);
    let mut gui = setup.gui_sized(Some(root), [1100.0, 900.0]);
    gui.get_by_label("Six photographs").click();
    settle(&mut gui);
    let right_edge = 1100.0;
    let mut rows = Vec::new();
    for name in &names {
        let rect = gui.get_by_label(&format!("Details of {name}")).rect();
        assert!(
            rect.max.x <= right_edge,
            "{name}'s card runs past the window's edge: {rect:?}"
        );
        if !rows.iter().any(|y: &f32| (y - rect.min.y).abs() < 1.0) {
            rows.push(rect.min.y);
        }
    }
    assert!(rows.len() >= 2, "six cards in more than one row: {rows:?}");
}
