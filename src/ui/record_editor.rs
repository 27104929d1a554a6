//! The right panel: every field of the selected record, its links (click to follow) and its
//! attachments. Edits go to the session's draft and save by themselves after a pause.

use eframe::egui::{self, RichText, TextEdit, Ui};

use super::editor::{Editor, EditorTab};
use super::session::Session;
use super::thumbnails::Thumbnails;
use super::typeahead::{Target, Typeahead};
use super::words;
use super::{
    Command, Prefs, attachment_details, attachments_view, history_view, record_fields,
    record_links, theme, timeline_editor,
};
use crate::model::{RecordId, RecordKind, ReviewAction, ReviewState, Verification};
use crate::store::Catalogue;
use crate::t;

/// The panel: the Record and History tabs, then the record's parts.
pub fn show(
    ui: &mut Ui,
    session: &mut Session,
    thumbs: &mut Thumbnails,
    (prefs, actor): (&Prefs, &str),
    commands: &mut Vec<Command>,
) {
    let Session {
        cat,
        editor,
        index,
        revealed,
        editor_tab,
        details,
        typeahead,
        ..
    } = session;
    let Some(editor) = editor else {
        nothing_selected(ui);
        return;
    };
    let in_trash = editor.draft.trashed.is_some();
    let editable = cat.is_writable() && !in_trash;
    let before = editor.draft.clone();
    let now = ui.input(|i| i.time);

    tabs(ui, editor_tab);
    if *editor_tab == EditorTab::History {
        history_view::show(ui, cat, editor.draft.id);
        return;
    }
    let env = attachments_view::Env {
        cat,
        prefs,
        editable,
    };
    let mut files = |ui: &mut Ui, editor: &mut Editor, commands: &mut Vec<Command>| {
        attachments_view::show(ui, editor, &env, thumbs, revealed, details, commands)
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Nothing may widen the panel (long tags are shortened, drop-downs shrink):
            // the list beside it must keep its room.
            ui.set_max_width(ui.available_width());
            ui.add_space(4.0);
            if in_trash {
                trash_banner(ui, cat.is_writable(), editor.draft.id, commands);
            }
            ui.add_enabled_ui(editable, |ui| header(ui, editor, typeahead));
            let stand = Standing::of(cat, editor.draft.id, editable, actor);
            if stand.outside {
                outside_banner(ui, cat, editor.draft.id, commands);
            }
            review(ui, editor, stand, commands);
            // For a media item the file is the content: show it first.
            let media_first = editor.draft.kind == RecordKind::Media;
            if media_first {
                files(ui, editor, commands);
            }
            ui.add_enabled_ui(editable, |ui| fields(ui, editor, cat, commands));
            record_links::show(ui, editor, cat, index, editable, commands);
            if !media_first {
                files(ui, editor, commands);
            }
            ui.add_enabled_ui(editable, |ui| record_fields::private_notes(ui, editor));
            footer(ui, editor);
        });

    attachment_details::show(ui.ctx(), editor, details, editable);
    if editor.draft != before {
        editor.changed_at = Some(now);
    }
}

fn nothing_selected(ui: &mut Ui) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.label(theme::hint(t!("editor-none")));
    });
}

/// The Record and History tabs.
fn tabs(ui: &mut Ui, tab: &mut EditorTab) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.selectable_value(tab, EditorTab::Record, t!("editor-tab-record"));
        ui.selectable_value(tab, EditorTab::History, t!("editor-tab-history"))
            .on_hover_text(t!("editor-history-hint"));
    });
    ui.separator();
}

/// The record's own fields, and for a person the names, details and timeline.
fn fields(ui: &mut Ui, editor: &mut Editor, cat: &Catalogue, commands: &mut Vec<Command>) {
    record_fields::fields(ui, editor);
    record_fields::warnings(ui, editor);
    record_fields::tags(ui, editor);
    record_fields::source(ui, editor);
    record_fields::body(ui, editor);
    if editor.draft.kind == RecordKind::Person {
        record_fields::person(ui, editor);
        timeline_editor::show(ui, editor, cat, commands);
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
                RichText::new(t!("outside-heading"))
                    .strong()
                    .color(theme::warn_color(ui)),
            );
            ui.label(t!("outside-text"));
            ui.horizontal_wrapped(|ui| {
                let writable = cat.is_writable();
                if ui
                    .add_enabled(writable, egui::Button::new(t!("outside-accept")))
                    .clicked()
                {
                    commands.push(Command::AcceptOutsideChanges(vec![id]));
                }
                if ui
                    .add_enabled(
                        writable && change.previous.is_some(),
                        egui::Button::new(t!("outside-restore")),
                    )
                    .on_disabled_hover_text(t!("outside-no-version"))
                    .clicked()
                {
                    commands.push(Command::ChooseLoggedVersion(id));
                }
            });
        });
    ui.add_space(4.0);
}

/// Where the record is in review, the reviewer's last comment, and the next steps.
/// Where the record and the person stand for review.
#[derive(Clone, Copy)]
struct Standing {
    editable: bool,
    /// Changed outside Dossier, with no decision yet.
    outside: bool,
    /// This person submitted it (or changed it in review): another person approves it.
    own: bool,
}

impl Standing {
    fn of(cat: &Catalogue, id: RecordId, editable: bool, actor: &str) -> Standing {
        Standing {
            editable,
            outside: cat.outside_change(&id).is_some(),
            own: cat.get(&id).is_some_and(|r| !cat.may_approve(r, actor)),
        }
    }
}

fn review(ui: &mut Ui, editor: &mut Editor, stand: Standing, commands: &mut Vec<Command>) {
    let state = editor.draft.review;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(t!("review-label"));
            let color = match state {
                ReviewState::Approved => theme::verification_color(ui, Verification::Verified),
                ReviewState::ChangesRequested => theme::warn_color(ui),
                _ => ui.visuals().text_color(),
            };
            ui.label(RichText::new(words::review(state)).strong().color(color));
            if state == ReviewState::Approved {
                ui.label(theme::hint(t!("review-may-share")));
            }
        });
        if !editor.draft.review_comment.is_empty() {
            ui.label(theme::hint(t!(
                "review-reviewer",
                comment = &editor.draft.review_comment
            )));
        }
        if editor.withdrawn {
            ui.label(RichText::new(t!("review-withdrawn")).color(theme::warn_color(ui)));
        }
        ui.add_enabled_ui(stand.editable, |ui| {
            review_steps(ui, editor, stand, commands)
        });
    });
    ui.add_space(6.0);
}

/// The next steps of review from where the record is: submit; approve or request changes
/// (with the reviewer's comment); or nothing, once approved.
fn review_steps(ui: &mut Ui, editor: &mut Editor, stand: Standing, commands: &mut Vec<Command>) {
    let id = editor.draft.id;
    let step = |action, comment: &str| Command::Review {
        ids: vec![id],
        action,
        comment: comment.trim().to_string(),
    };
    match editor.draft.review {
        ReviewState::Draft | ReviewState::ChangesRequested => {
            if ui
                .button(t!("review-submit"))
                .on_hover_text(t!("review-submit-hint"))
                .clicked()
            {
                commands.push(step(ReviewAction::Submit, ""));
            }
        }
        ReviewState::InReview => {
            if stand.own {
                ui.label(theme::hint(t!("review-own")));
            }
            ui.add(
                TextEdit::singleline(&mut editor.review_text)
                    .hint_text(t!("review-comment-hint"))
                    .desired_width(f32::INFINITY),
            )
            .accessible_name(t!("review-comment"));
            ui.horizontal(|ui| {
                let why_not = if stand.outside {
                    t!("review-outside-first")
                } else {
                    t!("review-own-short")
                };
                if ui
                    .add_enabled(
                        !stand.outside && !stand.own,
                        egui::Button::new(t!("review-approve")),
                    )
                    .on_hover_text(t!("review-approve-hint"))
                    .on_disabled_hover_text(why_not)
                    .clicked()
                {
                    commands.push(step(ReviewAction::Approve, &editor.review_text));
                }
                if ui
                    .add_enabled(
                        !editor.review_text.trim().is_empty(),
                        egui::Button::new(t!("review-request")),
                    )
                    .on_disabled_hover_text(t!("review-request-first"))
                    .clicked()
                {
                    commands.push(step(ReviewAction::RequestChanges, &editor.review_text));
                }
            });
        }
        ReviewState::Approved => {
            ui.label(theme::hint(t!("review-approved-note")));
        }
    }
}

/// A trashed record cannot be edited: say so, with the way back beside it (the trash list's
/// own Restore button may be scrolled or clipped out of sight).
fn trash_banner(ui: &mut Ui, writable: bool, id: RecordId, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(t!("trash-banner")).color(theme::warn_color(ui)));
        if ui
            .add_enabled(writable, egui::Button::new(t!("trash-restore")))
            .on_disabled_hover_text(t!("trash-read-only"))
            .clicked()
        {
            commands.push(Command::Restore(id));
        }
    });
}

fn header(ui: &mut Ui, editor: &mut Editor, typeahead: &mut Typeahead) {
    let r = &editor.draft;
    ui.horizontal(|ui| {
        ui.label(RichText::new(words::kind(r.kind)).strong());
        theme::label_badge(ui, r.label);
        if r.is_graphic() {
            ui.label(RichText::new(t!("editor-graphic")).color(theme::warn_color(ui)));
        }
    });
    ui.add_space(4.0);
    // A new record's title takes the keyboard, with whatever was typed since Ctrl+N.
    let focus = std::mem::take(&mut editor.focus_title);
    if focus && let Some(typed) = typeahead.deliver(Target::NewTitle) {
        editor.draft.title.push_str(&typed);
    }
    let title_label = ui.label(t!("editor-title"));
    let hint = if editor.draft.kind == RecordKind::Person {
        t!("editor-full-name")
    } else {
        t!("editor-title")
    };
    let title = ui
        .add(
            TextEdit::singleline(&mut editor.draft.title)
                .hint_text(hint)
                .font(egui::TextStyle::Heading)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(title_label.id);
    // A person's title is their primary name: typing here types that name.
    if title.changed()
        && let Some(p) = editor.draft.person.as_mut()
    {
        p.set_primary_name(&editor.draft.title);
    }
    if focus {
        title.request_focus();
    }
    ui.add_space(6.0);
}

fn footer(ui: &mut Ui, editor: &Editor) {
    let r = &editor.draft;
    ui.add_space(8.0);
    ui.separator();
    let when = |t: jiff::Timestamp| t.strftime("%Y-%m-%d %H:%M UTC").to_string();
    ui.label(theme::hint(t!(
        "editor-created",
        when = when(r.created),
        who = &r.created_by
    )));
    ui.label(theme::hint(t!(
        "editor-changed",
        when = when(r.modified),
        who = &r.modified_by
    )));
    ui.label(RichText::new(r.id.to_string()).monospace().small().weak())
        .on_hover_text(t!("editor-id-hint"));
}
