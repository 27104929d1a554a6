//! Under the menu: new record, import, trash, the search box (Ctrl+F), and banners that
//! must not be missed (read-only catalogue, errors).

use eframe::egui::{self, RichText, TextEdit, Ui};

use super::chrome::Chrome;
use super::command::{Command, Place};
use super::typeahead::Target;
use super::{theme, widgets};
use crate::model::RecordKind;
use crate::t;

pub fn show(ui: &mut Ui, c: &mut Chrome) {
    let focus_search = std::mem::take(&mut c.status.focus_search);
    ui.add_space(2.0);
    ui.horizontal(|ui| {
        let Some(session) = &mut c.session else {
            ui.label(RichText::new("Dossier").strong());
            return;
        };
        let writable = session.cat.is_writable();
        ui.label(RichText::new(session.cat.title()).strong().size(15.0));
        ui.separator();
        ui.add_enabled_ui(writable, |ui| {
            ui.menu_button(t!("menu-new-record"), |ui| {
                for kind in RecordKind::ALL {
                    if ui.button(super::words::kind(*kind)).clicked() {
                        c.commands.push(Command::NewRecord(*kind));
                    }
                }
            })
            .response
            .on_hover_text(t!("toolbar-new-record-hint"));
            if ui
                .button(t!("toolbar-import"))
                .on_hover_text(t!("toolbar-import-hint"))
                .clicked()
            {
                c.commands.push(Command::ChooseFilesToImport { into: None });
            }
            let can_trash = session.selected.is_some() && session.place == Place::Records;
            if ui
                .add_enabled(can_trash, egui::Button::new(t!("menu-move-to-trash")))
                .on_hover_text(t!("toolbar-trash-hint"))
                .clicked()
            {
                c.commands.push(Command::TrashSelected);
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            // A fixed id: the Clear button coming and going must not move the focus.
            let search = ui
                .add(
                    TextEdit::singleline(&mut session.filter.text)
                        .id_salt("search")
                        .hint_text(t!("toolbar-search-hint"))
                        .desired_width(280.0),
                )
                .accessible_name(t!("menu-search"));
            if focus_search {
                // Ctrl+F selects what the box holds, so typing replaces it; keys typed
                // since Ctrl+F do just that.
                match session.typeahead.deliver(Target::Search) {
                    Some(typed) if !typed.is_empty() => session.filter.text = typed,
                    _ => select_all(ui, search.id, &session.filter.text),
                }
                search.request_focus();
            }
            if search.changed() && session.place != Place::Records {
                session.place = Place::Records;
            }
            ui.add_enabled_ui(!session.filter.text.is_empty(), |ui| {
                if ui
                    .small_button(t!("toolbar-clear"))
                    .on_hover_text(t!("toolbar-clear-hint"))
                    .clicked()
                {
                    session.filter.text.clear();
                }
            });
        });
    });
    banners(ui, c);
    ui.add_space(2.0);
}

/// Selects the whole of a text field's contents.
fn select_all(ui: &Ui, id: egui::Id, text: &str) {
    let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
    let range = egui::text::CCursorRange::two(
        egui::text::CCursor::new(0),
        egui::text::CCursor::new(text.chars().count()),
    );
    state.cursor.set_char_range(Some(range));
    state.store(ui.ctx(), id);
}

fn banners(ui: &mut Ui, c: &mut Chrome) {
    let warn = theme::warn_color(ui);
    if let Some(session) = &c.session {
        for notice in session.cat.notices() {
            widgets::banner(ui, warn, notice, None);
        }
    }
    if let Some((days, ever)) = c.busy.overdue {
        let text = if ever {
            t!("banner-verified-days", days = days)
        } else {
            t!("banner-never-verified", days = days)
        };
        if widgets::banner(ui, warn, &text, Some(&t!("banner-verify-now"))) {
            c.commands.push(Command::VerifyCatalogue);
        }
    }
    if let Some(message) = &c.status.message
        && widgets::banner(
            ui,
            theme::error_color(ui),
            message,
            Some(&t!("banner-dismiss")),
        )
    {
        c.status.message = None;
    }
}
