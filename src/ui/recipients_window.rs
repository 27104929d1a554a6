//! The recipients (Sharing > Recipients...): who packages may be made for, and the highest
//! label each may receive. Public recipients may only receive TLP:CLEAR.

use eframe::egui::{self, ComboBox, RichText, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Command, theme};
use crate::model::{Label, Recipient, RecipientKind};
use crate::store::Catalogue;
use crate::t;

/// The form for a new recipient.
#[derive(Debug, Clone, PartialEq)]
pub struct RecipientForm {
    pub name: String,
    pub kind: RecipientKind,
    pub max_label: Label,
    pub contact: String,
    pub notes: String,
    pub name_sender: bool,
    /// The office packages are sent in the name of, as being edited (`None` until shown).
    pub office: Option<String>,
    /// The recipient being changed (None: the form adds a new one).
    pub editing: Option<String>,
}

impl Default for RecipientForm {
    fn default() -> Self {
        RecipientForm {
            name: String::new(),
            kind: RecipientKind::InternationalOrganisation,
            max_label: Label::Green,
            contact: String::new(),
            notes: String::new(),
            name_sender: false,
            office: None,
            editing: None,
        }
    }
}

pub fn show(
    ctx: &egui::Context,
    cat: &Catalogue,
    form: &mut Option<RecipientForm>,
    commands: &mut Vec<Command>,
) {
    let Some(f) = form else { return };
    let mut open = true;
    egui::Window::new(t!("recipients-title"))
        .id(egui::Id::unique("recipients"))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_size([760.0, 420.0])
        .show(ctx, |ui| {
            ui.label(theme::hint(t!("recipients-hint")));
            office_row(ui, cat, f, commands);
            ui.add_space(4.0);
            if let Some(r) = list(ui, cat, commands) {
                *f = RecipientForm {
                    name: r.name.clone(),
                    kind: r.kind,
                    max_label: r.max_label,
                    contact: r.contact.clone(),
                    notes: r.notes.clone(),
                    name_sender: r.name_sender,
                    office: f.office.take(),
                    editing: Some(r.name),
                };
            }
            ui.separator();
            add_form(ui, cat, f, commands);
        });
    if !open {
        *form = None;
    }
}

/// The recipients, each with Edit and Remove; returns the one whose Edit was pressed.
fn list(ui: &mut Ui, cat: &Catalogue, commands: &mut Vec<Command>) -> Option<Recipient> {
    let recipients = cat.recipients();
    if recipients.is_empty() {
        ui.label(t!("recipients-none"));
        return None;
    }
    let mut edit = None;
    let writable = cat.is_writable();
    TableBuilder::new(ui)
        .id_salt("recipients")
        .striped(true)
        .max_scroll_height(220.0)
        .column(Column::remainder().at_least(180.0).clip(true))
        .column(Column::exact(190.0))
        .column(Column::exact(140.0))
        .column(Column::exact(150.0).clip(true))
        .column(Column::exact(140.0))
        .header(22.0, |mut h| {
            for t in [
                t!("recipients-name"),
                t!("recipients-kind"),
                t!("recipients-max"),
                t!("recipients-contact"),
                String::new(),
            ] {
                h.col(|ui| {
                    ui.label(RichText::new(t).strong());
                });
            }
        })
        .body(|body| {
            body.rows(26.0, recipients.len(), |mut row| {
                let r = &recipients[row.index()];
                row.col(|ui| name_cell(ui, cat, r));
                row.col(|ui| {
                    ui.label(super::words::recipient_kind(r.kind));
                });
                row.col(|ui| {
                    theme::label_badge(ui, r.max_label);
                });
                row.col(|ui| {
                    ui.label(&r.contact);
                });
                row.col(|ui| {
                    if ui
                        .add_enabled(writable, egui::Button::new(t!("recipients-edit")))
                        .clicked()
                    {
                        edit = Some(r.clone());
                    }
                    if ui
                        .add_enabled(writable, egui::Button::new(t!("recipients-remove")))
                        .on_hover_text(t!("recipients-remove-hint"))
                        .clicked()
                    {
                        let rest = recipients
                            .iter()
                            .filter(|x| x.name != r.name)
                            .cloned()
                            .collect();
                        commands.push(Command::SaveRecipients(rest));
                    }
                });
            });
        });
    edit
}

/// A recipient's name, or a warning that it receives nothing and why.
fn name_cell(ui: &mut Ui, cat: &Catalogue, r: &Recipient) {
    match cat.recipient_problem(&r.name) {
        Some(why) => {
            let name = t!("recipient-receives-nothing", name = r.name.as_str());
            ui.label(RichText::new(name).color(theme::warn_color(ui)))
                .on_hover_text(why);
        }
        None => {
            ui.label(&r.name).on_hover_text(&r.notes);
        }
    }
}

fn add_form(ui: &mut Ui, cat: &Catalogue, f: &mut RecipientForm, commands: &mut Vec<Command>) {
    if let Some(name) = f.editing.clone() {
        ui.label(RichText::new(t!("recipients-editing", name = name)).strong());
    } else {
        ui.label(RichText::new(t!("recipients-add-heading")).strong());
    }
    form_fields(ui, f);
    if f.editing.is_some() {
        save_changes(ui, cat, f, commands);
        return;
    }
    let exists = cat.recipient(&f.name).is_some();
    if exists {
        ui.label(RichText::new(t!("recipients-exists")).color(theme::warn_color(ui)));
    }
    let ok = cat.is_writable() && !f.name.trim().is_empty() && !exists;
    if ui
        .add_enabled(ok, egui::Button::new(t!("recipients-add")))
        .clicked()
    {
        let mut r = Recipient::new(f.name.trim(), f.kind, f.max_label);
        r.contact = f.contact.trim().to_string();
        r.notes = f.notes.trim().to_string();
        r.name_sender = f.name_sender;
        let mut all = cat.recipients().to_vec();
        all.push(r);
        commands.push(Command::SaveRecipients(all));
        *f = RecipientForm::default();
    }
}

/// The form's fields: name (fixed when changing one), kind, clearance, contact, notes,
/// and whether packages name their maker.
fn form_fields(ui: &mut Ui, f: &mut RecipientForm) {
    egui::Grid::new("recipient-form")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label(t!("recipients-name"));
            // A recipient's name is how the sharing log knows them: it is not changed.
            let name = ui
                .add_enabled(
                    f.editing.is_none(),
                    TextEdit::singleline(&mut f.name)
                        .hint_text(t!("recipients-name-hint"))
                        .desired_width(380.0),
                )
                .labelled_by(l.id);
            if super::new_window::takes_keyboard(ui.ctx(), super::command::WindowKind::Recipients) {
                name.request_focus();
            }
            ui.end_row();
            let l = ui.label(t!("recipients-kind"));
            ComboBox::from_id_salt("recipient-kind")
                .selected_text(super::words::recipient_kind(f.kind))
                .width(240.0)
                .show_ui(ui, |ui| {
                    for k in RecipientKind::ALL {
                        ui.selectable_value(&mut f.kind, *k, super::words::recipient_kind(*k));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            if f.kind == RecipientKind::Public {
                f.max_label = Label::Clear;
            }
            let l = ui.label(t!("recipients-max"));
            ui.add_enabled_ui(f.kind != RecipientKind::Public, |ui| {
                ComboBox::from_id_salt("recipient-max-label")
                    .selected_text(f.max_label.as_str())
                    .width(240.0)
                    .show_ui(ui, |ui| {
                        for label in Label::ALL {
                            ui.selectable_value(&mut f.max_label, label, label.as_str());
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            ui.end_row();
            let l = ui.label(t!("recipients-contact"));
            ui.add(TextEdit::singleline(&mut f.contact).desired_width(380.0))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(t!("recipients-notes"));
            ui.add(TextEdit::singleline(&mut f.notes).desired_width(380.0))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(t!("recipients-packages-name"));
            ui.checkbox(&mut f.name_sender, t!("recipients-name-sender"))
                .labelled_by(l.id);
            ui.end_row();
        });
}

/// Saves the recipient being changed (its name stays), or leaves it as it was.
fn save_changes(ui: &mut Ui, cat: &Catalogue, f: &mut RecipientForm, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                cat.is_writable(),
                egui::Button::new(t!("recipients-save-changes")),
            )
            .clicked()
        {
            let all = cat
                .recipients()
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    if Some(&r.name) == f.editing.as_ref() {
                        r.kind = f.kind;
                        r.max_label = f.max_label;
                        r.contact = f.contact.trim().to_string();
                        r.notes = f.notes.trim().to_string();
                        r.name_sender = f.name_sender;
                    }
                    r
                })
                .collect();
            commands.push(Command::SaveRecipients(all));
            *f = RecipientForm::default();
        }
        if ui.button(t!("recipients-cancel-edit")).clicked() {
            *f = RecipientForm::default();
        }
    });
}

/// The office packages are sent in the name of (the person's own name goes only to
/// recipients set to be told it).
fn office_row(ui: &mut Ui, cat: &Catalogue, f: &mut RecipientForm, commands: &mut Vec<Command>) {
    let office = f.office.get_or_insert_with(|| cat.meta().office.clone());
    ui.horizontal(|ui| {
        let l = ui.label(t!("recipients-office"));
        ui.add(
            TextEdit::singleline(office)
                .hint_text(cat.title())
                .desired_width(300.0),
        )
        .labelled_by(l.id);
        let changed = office.trim() != cat.meta().office.trim();
        if ui
            .add_enabled(
                cat.is_writable() && changed,
                egui::Button::new(t!("recipients-office-save")),
            )
            .on_hover_text(t!("recipients-office-hint"))
            .clicked()
        {
            commands.push(Command::SetOffice(office.trim().to_string()));
        }
    });
}
