//! The record editor's fields: the grid of the record's own fields (kind, label, date,
//! place, verification...), warnings, tags, source, text, a person's names and details,
//! and private notes. Dates and coordinates reach the draft only once they parse.

use eframe::egui::{self, ComboBox, RichText, TextEdit, Ui};

use super::editor::Editor;
use super::{theme, widgets};
use crate::model::{
    CollectionMethod, ContentWarning, Label, PersonCategory, PersonName, RecordKind, Sex,
    Verification,
};

/// A row of the fields grid: a label and a single-line text field it names.
fn text_row(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> egui::Response {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::singleline(value)
                .id_salt(label)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    ui.end_row();
    r
}

/// A row of the fields grid: a label and a drop-down of `options`.
fn combo_row<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[T],
    name: impl Fn(T) -> String,
) {
    let l = ui.label(label);
    ComboBox::from_id_salt(label)
        .selected_text(name(*value))
        .width(ui.available_width().clamp(120.0, 220.0))
        .show_ui(ui, |ui| {
            for option in options {
                ui.selectable_value(value, *option, name(*option));
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
}

/// Like `combo_row`, with a "not set" choice.
fn optional_combo_row<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<T>,
    options: &[T],
    name: impl Fn(T) -> String,
) {
    let l = ui.label(label);
    ComboBox::from_id_salt(label)
        .selected_text(value.map(&name).unwrap_or_else(|| "Not set".into()))
        .width(ui.available_width().clamp(120.0, 220.0))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "Not set");
            for option in options {
                ui.selectable_value(value, Some(*option), name(*option));
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
}

pub(super) fn fields(ui: &mut Ui, editor: &mut Editor) {
    egui::Grid::new("record-fields")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let r = &mut editor.draft;
            let was_person = r.kind == RecordKind::Person;
            combo_row(ui, "Kind", &mut r.kind, RecordKind::ALL, |k| {
                k.name().into()
            });
            if r.kind == RecordKind::Person && !was_person && r.person.is_none() {
                r.person = Some(Box::default());
            }
            combo_row(ui, "Label", &mut r.label, &Label::ALL, |l| {
                format!("{}  {}", l.as_str(), short_meaning(l))
            });
            date_row(ui, editor);
            let r = &mut editor.draft;
            text_row(
                ui,
                "Place",
                &mut r.place,
                "e.g. Stepanakert; Hadrut district",
            );
            coordinates_row(ui, editor);
            let r = &mut editor.draft;
            let author = if r.kind == RecordKind::Person {
                "Reported by"
            } else {
                "Author or issuing body"
            };
            text_row(
                ui,
                author,
                &mut r.author,
                "A person, office or organisation",
            );
            text_row(ui, "Language", &mut r.language, "hy, ru, az, en");
            combo_row(
                ui,
                "Verification",
                &mut r.verification,
                Verification::ALL,
                |v| v.name().into(),
            );
        });
}

/// The place's position as typed ("39.8177, 46.7528"); it reaches the record when it parses.
fn coordinates_row(ui: &mut Ui, editor: &mut Editor) {
    let l = ui.label("Coordinates");
    ui.vertical(|ui| {
        let r = ui
            .add(
                TextEdit::singleline(&mut editor.coords_text)
                    .hint_text("Latitude, longitude, e.g. 39.8177, 46.7528")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        if r.changed() {
            let typed = editor.coords_text.trim();
            if typed.is_empty() {
                editor.draft.coordinates = None;
                editor.coords_error = None;
            } else {
                match typed.parse() {
                    Ok(point) => {
                        editor.draft.coordinates = Some(point);
                        editor.coords_error = None;
                    }
                    Err(e) => editor.coords_error = Some(e),
                }
            }
        }
        if let Some(e) = &editor.coords_error {
            ui.label(
                RichText::new(format!("Not saved: {e}"))
                    .small()
                    .color(theme::error_color(ui)),
            );
        }
    });
    ui.end_row();
}

fn short_meaning(label: Label) -> &'static str {
    match label {
        Label::Clear => "public",
        Label::Green => "community",
        Label::Amber => "need to know",
        Label::AmberStrict => "recipient organisation only",
        Label::Red => "named people only",
    }
}

/// The date as typed; it reaches the record only when it parses.
fn date_row(ui: &mut Ui, editor: &mut Editor) {
    let l = ui.label("Date");
    widgets::fuzzy_date_field(
        ui,
        l.id,
        &mut editor.date_text,
        &mut editor.date_error,
        &mut editor.draft.date,
        "2020-09-27, 2020-09, or 2020-09-27..2020-11-09",
    );
    ui.end_row();
}

pub(super) fn warnings(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(4.0);
    ui.label(RichText::new("Content warnings").strong());
    ui.horizontal_wrapped(|ui| {
        for w in ContentWarning::ALL {
            let mut on = editor.draft.warnings.contains(w);
            if ui.checkbox(&mut on, w.name()).changed() {
                if on {
                    editor.draft.warnings.insert(*w);
                } else {
                    editor.draft.warnings.remove(w);
                }
            }
        }
    });
}

pub(super) fn tags(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(4.0);
    ui.label(RichText::new("Tags").strong());
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        // Each tag a label and its remove button, so the row wraps between them (a framed
        // group would not), and a long tag shortened (whole on hover): a tag must not
        // widen the editor.
        for (i, tag) in editor.draft.tags.iter().enumerate() {
            let shown = widgets::shortened(tag, 32);
            let chip =
                RichText::new(format!(" {shown} ")).background_color(ui.visuals().faint_bg_color);
            let label = ui.label(chip);
            if shown != *tag {
                label.on_hover_text(tag);
            }
            if ui
                .small_button("x")
                .on_hover_text(format!("Remove the tag '{tag}'"))
                .accessible_name(format!("Remove tag {tag}"))
                .clicked()
            {
                remove = Some(i);
            }
            ui.add_space(6.0);
        }
    });
    if let Some(i) = remove {
        editor.draft.tags.remove(i);
    }
    ui.horizontal(|ui| {
        let r = ui
            .add(
                TextEdit::singleline(&mut editor.new_tag)
                    .hint_text("New tag")
                    .desired_width(180.0),
            )
            .accessible_name("New tag");
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add tag").clicked() || enter) && !editor.new_tag.trim().is_empty() {
            let tag = editor.new_tag.trim().to_string();
            if !editor
                .draft
                .tags
                .iter()
                .any(|t| t.eq_ignore_ascii_case(&tag))
            {
                editor.draft.tags.push(tag);
            }
            editor.new_tag.clear();
            if enter {
                r.request_focus();
            }
        }
    });
}

pub(super) fn source(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(4.0);
    egui::CollapsingHeader::new(RichText::new("Source").strong())
        .default_open(!editor.draft.source.is_empty())
        .show(ui, |ui| {
            egui::Grid::new("source-fields")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    let s = &mut editor.draft.source;
                    text_row(
                        ui,
                        "Source name",
                        &mut s.name,
                        "Channel, outlet, witness, agency",
                    );
                    text_row(ui, "URL", &mut s.url, "https://...");
                    optional_combo_row(
                        ui,
                        "How collected",
                        &mut s.method,
                        CollectionMethod::ALL,
                        |m| m.name().into(),
                    );
                });
        });
}

pub(super) fn body(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(4.0);
    let l = ui.label(RichText::new("Description").strong());
    ui.add(
        TextEdit::multiline(&mut editor.draft.body)
            .hint_text("What it is, what it says, what it shows")
            .desired_rows(5)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
}

pub(super) fn person(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(6.0);
    ui.label(RichText::new("Person").strong());
    person_details(ui, editor);
    let p = editor.draft.person.get_or_insert_with(Box::default);
    let mut remove = None;
    let mut make_primary = None;
    egui::Grid::new("person-names")
        .num_columns(4)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            for (i, name) in p.names.iter_mut().enumerate() {
                ui.add_sized(
                    [170.0, 20.0],
                    TextEdit::singleline(&mut name.text).hint_text("Name"),
                )
                .accessible_name(format!("Name {}", i + 1));
                ui.add_sized(
                    [70.0, 20.0],
                    TextEdit::singleline(&mut name.lang).hint_text("hy, hy-Latn, ru"),
                )
                .accessible_name(format!("Script of name {}", i + 1));
                if ui.radio(name.primary, "primary").clicked() {
                    make_primary = Some(i);
                }
                if ui
                    .small_button("x")
                    .accessible_name(format!("Remove name {}", i + 1))
                    .clicked()
                {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = make_primary {
        for (j, n) in p.names.iter_mut().enumerate() {
            n.primary = i == j;
        }
    }
    if let Some(i) = remove {
        p.names.remove(i);
    }
    // The title is the primary name (one source of truth), whichever field was typed in.
    if let Some(name) = p.primary_name()
        && editor.draft.title != name.text
    {
        editor.draft.title = name.text.clone();
    }
    let p = editor.draft.person.get_or_insert_with(Box::default);
    if ui.button("Add a name (another script)").clicked() {
        let primary = p.names.is_empty();
        p.names.push(PersonName {
            primary,
            ..Default::default()
        });
    }
}

/// Birth, sex, residence, civilian or serviceman (with unit and rank), identifying notes.
fn person_details(ui: &mut Ui, editor: &mut Editor) {
    let Editor {
        draft,
        birth_text,
        birth_error,
        ..
    } = editor;
    let p = draft.person.get_or_insert_with(Box::default);
    egui::Grid::new("person-details")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Date of birth");
            widgets::fuzzy_date_field(
                ui,
                l.id,
                birth_text,
                birth_error,
                &mut p.birth,
                "1987-03-14, 1987, or 1987?",
            );
            ui.end_row();
            optional_combo_row(ui, "Sex", &mut p.sex, Sex::ALL, |s| s.name().into());
            text_row(ui, "Residence", &mut p.residence, "Town or village");
            optional_combo_row(ui, "Category", &mut p.category, PersonCategory::ALL, |c| {
                c.name().into()
            });
            if p.category == Some(PersonCategory::Serviceman) {
                text_row(ui, "Unit", &mut p.unit, "Military unit");
                text_row(ui, "Rank", &mut p.rank, "Rank");
            }
            let l = ui.label("Identifying notes");
            ui.add(
                TextEdit::multiline(&mut p.identifying)
                    .hint_text("Marks, clothing, documents found")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
    ui.add_space(4.0);
}

pub(super) fn private_notes(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(6.0);
    let l = ui.label(RichText::new("Private notes").strong());
    ui.label(theme::hint(
        "Never leaves this catalogue: not in shares, exports or logs.",
    ));
    ui.add(
        TextEdit::multiline(&mut editor.draft.private_notes)
            .hint_text("Sources to protect, doubts, follow-ups")
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
}
