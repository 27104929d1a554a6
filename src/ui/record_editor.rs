//! The right panel: every field of the selected record, its links (click to follow) and its
//! attachments. Edits go to the session's draft and save by themselves after a pause.

use eframe::egui::{self, ComboBox, RichText, TextEdit, Ui};

use super::editor::{Editor, EditorTab};
use super::session::Session;
use super::thumbnails::Thumbnails;
use super::{
    Command, Prefs, attachment_details, attachments_view, history_view, theme, timeline_editor,
    widgets,
};
use crate::model::{
    CollectionMethod, ContentWarning, EvidenceBasis, Label, Link, LinkKind, PersonCategory,
    PersonName, PersonStatus, RecordId, RecordKind, ReviewAction, ReviewState, Sex, Verification,
};
use crate::search::{self, Filter};
use crate::store::Catalogue;

pub fn show(
    ui: &mut Ui,
    session: &mut Session,
    thumbs: &mut Thumbnails,
    prefs: &Prefs,
    commands: &mut Vec<Command>,
) {
    let Session {
        cat,
        editor,
        index,
        revealed,
        editor_tab,
        details,
        ..
    } = session;
    let Some(editor) = editor else {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.label(theme::hint("Select a record to see and edit it."));
        });
        return;
    };
    let in_trash = editor.draft.trashed.is_some();
    let editable = cat.is_writable() && !in_trash;
    let before = editor.draft.clone();
    let now = ui.input(|i| i.time);

    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.selectable_value(editor_tab, EditorTab::Record, "Record");
        ui.selectable_value(editor_tab, EditorTab::History, "History")
            .on_hover_text("The record's chain of custody, from the audit log");
    });
    ui.separator();
    if *editor_tab == EditorTab::History {
        history_view::show(ui, cat, editor.draft.id);
        return;
    }

    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.add_enabled_ui(editable, |ui| header(ui, editor, in_trash));
            let outside = cat.outside_change(&editor.draft.id).is_some();
            if outside {
                outside_banner(ui, cat, editor.draft.id, commands);
            }
            review(ui, editor, editable, outside, commands);
            // For a media item the file is the content: show it first.
            let media_first = editor.draft.kind == RecordKind::Media;
            if media_first {
                let env = attachments_view::Env {
                    cat,
                    prefs,
                    editable,
                };
                attachments_view::show(ui, editor, &env, thumbs, revealed, details, commands);
            }
            ui.add_enabled_ui(editable, |ui| {
                fields(ui, editor);
                warnings(ui, editor);
                tags(ui, editor);
                source(ui, editor);
                body(ui, editor);
                if editor.draft.kind == RecordKind::Person {
                    person(ui, editor);
                    timeline_editor::show(ui, editor, cat, commands);
                }
            });
            links(ui, editor, cat, index, editable, commands);
            if !media_first {
                let env = attachments_view::Env {
                    cat,
                    prefs,
                    editable,
                };
                attachments_view::show(ui, editor, &env, thumbs, revealed, details, commands);
            }
            ui.add_enabled_ui(editable, |ui| private_notes(ui, editor));
            footer(ui, editor);
        });

    attachment_details::show(ui.ctx(), editor, details, editable);
    if editor.draft != before {
        editor.changed_at = Some(now);
    }
}

/// A record whose file was changed outside Dossier: what that means, and the two ways out.
fn outside_banner(ui: &mut Ui, cat: &Catalogue, id: RecordId, commands: &mut Vec<Command>) {
    let Some(change) = cat.outside_change(&id) else {
        return;
    };
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, theme::warn_color(ui)))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new("Changed outside Dossier")
                    .strong()
                    .color(theme::warn_color(ui)),
            );
            ui.label(
                "This record's file was changed by something other than Dossier (a person, a script, a sync tool). It cannot be shared, and any approval it had was withdrawn, until you accept the change for review or restore the version Dossier last logged.",
            );
            ui.horizontal_wrapped(|ui| {
                let writable = cat.is_writable();
                if ui
                    .add_enabled(writable, egui::Button::new("Accept for review"))
                    .clicked()
                {
                    commands.push(Command::AcceptOutsideChanges(vec![id]));
                }
                if ui
                    .add_enabled(
                        writable && change.previous.is_some(),
                        egui::Button::new("Restore from a copy..."),
                    )
                    .on_disabled_hover_text(
                        "The log never had this record: there is no logged version to restore",
                    )
                    .clicked()
                {
                    commands.push(Command::ChooseLoggedVersion(id));
                }
            });
        });
    ui.add_space(4.0);
}

/// Where the record is in review, the reviewer's last comment, and the next steps.
fn review(
    ui: &mut Ui,
    editor: &mut Editor,
    editable: bool,
    outside: bool,
    commands: &mut Vec<Command>,
) {
    let state = editor.draft.review;
    let id = editor.draft.id;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label("Review:");
            let color = match state {
                ReviewState::Approved => theme::verification_color(ui, Verification::Verified),
                ReviewState::ChangesRequested => theme::warn_color(ui),
                _ => ui.visuals().text_color(),
            };
            ui.label(RichText::new(state.name()).strong().color(color));
            if state == ReviewState::Approved {
                ui.label(theme::hint("may be shared within its label"));
            }
        });
        if !editor.draft.review_comment.is_empty() {
            ui.label(theme::hint(format!(
                "Reviewer: {}",
                editor.draft.review_comment
            )));
        }
        ui.add_enabled_ui(editable, |ui| {
            let step = |action, comment: &str| Command::Review {
                ids: vec![id],
                action,
                comment: comment.trim().to_string(),
            };
            match state {
                ReviewState::Draft | ReviewState::ChangesRequested => {
                    if ui
                        .button("Submit for review")
                        .on_hover_text("Put it in the review queue")
                        .clicked()
                    {
                        commands.push(step(ReviewAction::Submit, ""));
                    }
                }
                ReviewState::InReview => {
                    ui.add(
                        TextEdit::singleline(&mut editor.review_text)
                            .hint_text("Reviewer's comment (logged, never shared)")
                            .desired_width(f32::INFINITY),
                    );
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(!outside, egui::Button::new("Approve"))
                            .on_hover_text("Approve for sharing; logged with your name")
                            .on_disabled_hover_text(
                                "Changed outside Dossier: accept the change for review first",
                            )
                            .clicked()
                        {
                            commands.push(step(ReviewAction::Approve, &editor.review_text));
                        }
                        if ui
                            .add_enabled(
                                !editor.review_text.trim().is_empty(),
                                egui::Button::new("Request changes"),
                            )
                            .on_disabled_hover_text("Write what should change first")
                            .clicked()
                        {
                            commands.push(step(ReviewAction::RequestChanges, &editor.review_text));
                        }
                    });
                }
                ReviewState::Approved => {
                    ui.label(theme::hint(
                        "Changing its content or label returns it to review.",
                    ));
                }
            }
        });
    });
    ui.add_space(6.0);
}

fn header(ui: &mut Ui, editor: &mut Editor, in_trash: bool) {
    let r = &editor.draft;
    ui.horizontal(|ui| {
        ui.label(RichText::new(r.kind.name()).strong());
        theme::label_badge(ui, r.label);
        if r.is_graphic() {
            ui.label(RichText::new("Graphic").color(theme::warn_color(ui)));
        }
    });
    if in_trash {
        ui.label(RichText::new("In the trash: restore it to edit.").color(theme::warn_color(ui)));
    }
    ui.add_space(4.0);
    let title_label = ui.label("Title");
    let hint = if r.kind == RecordKind::Person {
        "Full name"
    } else {
        "Title"
    };
    let title = ui
        .add(
            TextEdit::singleline(&mut editor.draft.title)
                .hint_text(hint)
                .font(egui::TextStyle::Heading)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(title_label.id);
    if std::mem::take(&mut editor.focus_title) {
        title.request_focus();
    }
    ui.add_space(6.0);
}

/// A row of the fields grid: a label and a single-line text field it names.
fn text_row(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> egui::Response {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::singleline(value)
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
        .width(220.0)
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
        .width(220.0)
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

fn fields(ui: &mut Ui, editor: &mut Editor) {
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

fn warnings(ui: &mut Ui, editor: &mut Editor) {
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

fn tags(ui: &mut Ui, editor: &mut Editor) {
    ui.add_space(4.0);
    ui.label(RichText::new("Tags").strong());
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        for (i, tag) in editor.draft.tags.iter().enumerate() {
            egui::Frame::new()
                .fill(ui.visuals().faint_bg_color)
                .corner_radius(8)
                .inner_margin(egui::Margin::symmetric(6, 1))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(tag);
                        if ui
                            .small_button("x")
                            .on_hover_text(format!("Remove the tag '{tag}'"))
                            .accessible_name(format!("Remove tag {tag}"))
                            .clicked()
                        {
                            remove = Some(i);
                        }
                    });
                });
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

fn source(ui: &mut Ui, editor: &mut Editor) {
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

fn body(ui: &mut Ui, editor: &mut Editor) {
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

fn person(ui: &mut Ui, editor: &mut Editor) {
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
    if ui.button("Add a name (another script)").clicked() {
        let primary = p.names.is_empty();
        p.names.push(PersonName {
            primary,
            ..Default::default()
        });
    }
    if !p.timeline.is_empty() {
        return;
    }
    egui::Grid::new("person-status")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            optional_combo_row(ui, "Status", &mut p.status, PersonStatus::ALL, |s| {
                s.name().into()
            });
            optional_combo_row(
                ui,
                "Evidence basis",
                &mut p.basis,
                EvidenceBasis::ALL,
                |b| b.name().into(),
            );
        });
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

fn links(
    ui: &mut Ui,
    editor: &mut Editor,
    cat: &Catalogue,
    index: &search::SearchIndex,
    editable: bool,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.label(RichText::new("Links").strong());
    let mut remove = None;
    for (i, link) in editor.draft.links.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(theme::hint(link.kind.name()));
            match cat.get(&link.target) {
                Some(target) => {
                    theme::label_badge(ui, target.label);
                    if ui
                        .link(target.display_title())
                        .on_hover_text(format!("{}: go to this record", target.kind.name()))
                        .clicked()
                    {
                        commands.push(Command::Select(Some(link.target)));
                    }
                }
                None if cat.get_trashed(&link.target).is_some() => {
                    ui.label(theme::hint("(a record in the trash)"));
                }
                None => {
                    ui.label(
                        RichText::new(format!("(missing record {})", link.target.short()))
                            .color(theme::warn_color(ui)),
                    );
                }
            }
            if editable
                && ui
                    .small_button("x")
                    .accessible_name(format!("Remove link {}", i + 1))
                    .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        editor.draft.links.remove(i);
    }
    if !editable {
        return;
    }
    ui.horizontal(|ui| {
        ComboBox::from_id_salt("new-link-kind")
            .selected_text(editor.link_kind.name())
            .show_ui(ui, |ui| {
                for k in LinkKind::ALL {
                    ui.selectable_value(&mut editor.link_kind, *k, k.name());
                }
            })
            .response
            .accessible_name("Link kind");
        ui.add(
            TextEdit::singleline(&mut editor.link_query)
                .hint_text("Find a record to link")
                .desired_width(f32::INFINITY),
        )
        .accessible_name("Find a record to link");
    });
    if editor.link_query.trim().is_empty() {
        return;
    }
    let filter = Filter {
        text: editor.link_query.clone(),
        ..Filter::default()
    };
    let me = editor.draft.id;
    let matches: Vec<RecordId> = index
        .search(&filter)
        .ids
        .into_iter()
        .filter(|id| *id != me)
        .take(8)
        .collect();
    if matches.is_empty() {
        ui.label(theme::hint("No record matches."));
    }
    for id in matches {
        let Some(target) = cat.get(&id) else { continue };
        let text = format!("{}: {}", target.kind.name(), target.display_title());
        let clicked = ui
            .horizontal(|ui| {
                theme::label_badge(ui, target.label);
                ui.button(text).on_hover_text("Add this link").clicked()
            })
            .inner;
        if clicked {
            editor.draft.links.push(Link {
                kind: editor.link_kind,
                target: id,
                note: String::new(),
                extra: Default::default(),
            });
            editor.link_query.clear();
        }
    }
}

fn private_notes(ui: &mut Ui, editor: &mut Editor) {
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

fn footer(ui: &mut Ui, editor: &Editor) {
    let r = &editor.draft;
    ui.add_space(8.0);
    ui.separator();
    let when = |t: jiff::Timestamp| t.strftime("%Y-%m-%d %H:%M UTC").to_string();
    ui.label(theme::hint(format!(
        "Created {} by {}",
        when(r.created),
        r.created_by
    )));
    ui.label(theme::hint(format!(
        "Changed {} by {}",
        when(r.modified),
        r.modified_by
    )));
    ui.label(RichText::new(r.id.to_string()).monospace().small().weak())
        .on_hover_text("The record's id; its file is records/<id>.json");
}
