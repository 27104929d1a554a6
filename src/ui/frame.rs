//! One frame: take in finished background work, read the keyboard, draw the panels (which
//! only record commands), then carry the commands out, autosave, and handle closing.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::app::DossierApp;
use super::command::{Command, Place};
use super::layout::{self, LayoutSeen};
use super::{
    audit_log_window, dialogs, duplicates_view, facets_panel, menu_bar, problems_window,
    recipients_window, record_editor, record_table, review_queue, share_wizard, sharing_log,
    stats_panel, status_bar, theme, toolbar, trash_view, verify_window,
};
use crate::model::RecordKind;

/// How many rows PageUp and PageDown move.
const PAGE: isize = 20;

impl DossierApp {
    /// Draws one frame. The eframe `App::ui` and the tests both call this.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        theme::apply(&ctx, self.prefs.theme, self.prefs.text_zoom);
        self.poll_tasks(&ctx);
        self.poll_reading(&ctx);
        self.lock_when_idle(&ctx);
        self.keyboard(&ctx);
        self.dropped_files(&ctx);
        let busy = self.busy();
        egui::Panel::top("menu_bar").show(ui, |ui| menu_bar::show(ui, &mut self.chrome(&busy)));
        egui::Panel::top("toolbar").show(ui, |ui| toolbar::show(ui, &mut self.chrome(&busy)));
        // egui gives Tab the order widgets are made in, and panels must be made before the
        // centre: the status bar's and the editor's places are taken now and their content
        // drawn after the list, so Tab goes menu, toolbar, filters, list, editor, status bar.
        let status = egui::Panel::bottom("status_bar")
            .show(ui, |ui| {
                ui.set_min_height(self.status_height);
                ui.max_rect()
            })
            .inner;
        self.layout_seen = LayoutSeen {
            window: ui.max_rect(),
            ..LayoutSeen::default()
        };
        let editor = self.side_panels(ui);
        let list = egui::CentralPanel::default().show(ui, |ui| self.centre(ui));
        self.layout_seen.list = list.response.rect;
        if let Some(place) = editor {
            self.editor_content(ui, place);
        }
        self.status_height = in_place(ui, status, "status-bar-content", |ui| {
            status_bar::show(ui, &mut self.chrome(&busy));
            ui.min_rect().height()
        });
        dialogs::show(&ctx, &mut self.chrome(&busy));
        super::new_catalogue_dialog::show(&ctx, &mut self.chrome(&busy));
        super::passphrases_dialog::show(&ctx, &mut self.chrome(&busy));
        super::package_passphrase_dialog::show(&ctx, &mut self.chrome(&busy));
        verify_window::show(&ctx, &mut self.chrome(&busy));
        self.windows(&ctx);
        self.apply_commands(&ctx);
        self.track_windows();
        self.autosave(&ctx);
        self.thumbs.update(&ctx);
        self.handle_close(&ctx);
    }

    /// The filters on the left and the record editor's place on the right, each within
    /// bounds that leave the list room for its labels whatever the editor shows. Returns
    /// the editor's place: its content is drawn after the list (`editor_content`).
    fn side_panels(&mut self, ui: &mut egui::Ui) -> Option<egui::Rect> {
        let session = self.session.as_mut()?;
        let layout = &self.prefs.layout;
        let (least, first, most) = layout::FACETS_WIDTH;
        let facets = egui::Panel::left(layout.id("facets"))
            .resizable(true)
            .default_size(first)
            .min_size(least)
            .max_size(most)
            .show(ui, |ui| facets_panel::show(ui, session, &mut self.commands));
        let facets = facets.response.rect;
        let window = ui.max_rect().width();
        let (least, first) = layout::EDITOR_WIDTH;
        let most = layout::editor_max_width(window, facets.width());
        let editor = egui::Panel::right(layout.id("editor"))
            .resizable(true)
            .default_size(first.min(most))
            .min_size(least)
            .max_size(most)
            .show(ui, |ui| {
                // The panel keeps the width it was given (its content comes later).
                ui.expand_to_include_rect(ui.max_rect());
                ui.max_rect()
            });
        self.layout_seen.facets = facets;
        self.layout_seen.editor = editor.inner;
        Some(editor.inner)
    }

    /// The record editor, in the place its panel took.
    fn editor_content(&mut self, ui: &mut egui::Ui, place: egui::Rect) {
        let Some(session) = &mut self.session else {
            return;
        };
        let actor = crate::settings::actor_name(None, &self.settings);
        let (thumbs, prefs, commands) = (&mut self.thumbs, &self.prefs, &mut self.commands);
        self.layout_seen.editor_content = in_place(ui, place, "editor-content", |ui| {
            record_editor::show(ui, session, thumbs, (prefs, &actor), commands);
            ui.min_rect()
        });
    }

    /// The windows over the catalogue: problems, audit log, share wizard, recipients and
    /// the sharing log.
    fn windows(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.session else {
            return;
        };
        if self.dialogs.problems {
            problems_window::show(ctx, session, &mut self.dialogs.problems, &mut self.commands);
        }
        if !session.cat.is_complete() {
            // The other windows read every record (or log entry about one): they wait for
            // the last record, a moment after a big catalogue opens.
            return;
        }
        audit_log_window::show(
            ctx,
            &session.cat,
            &mut self.windows.audit_log,
            &mut self.dialogs.audit_log,
            &mut self.commands,
        );
        share_wizard::show(
            ctx,
            &mut self.share_wizard,
            session,
            self.work.sharing.as_ref(),
            &mut self.commands,
        );
        recipients_window::show(
            ctx,
            &session.cat,
            &mut self.windows.recipients,
            &mut self.commands,
        );
        sharing_log::show(
            ctx,
            &session.cat,
            &mut self.windows.sharing_log,
            &mut self.commands,
        );
        if !self.dialogs.audit_log && !self.windows.sharing_log.open {
            // The log views read the whole log into memory; closed, it goes back to the
            // disk (a record's history is read from there).
            self.windows.audit_log.forget();
            self.windows.sharing_log.forget();
            session.cat.audit().keep_tail_only_if_idle();
        }
        super::viewer::show(ctx, &mut self.windows.viewer, session, &mut self.commands);
        let syncing = self.work.syncing.as_ref().map(|t| t.progress.fraction());
        super::sync_window::show(
            ctx,
            &mut self.windows.sync,
            syncing.is_some(),
            &mut self.commands,
        );
        if let Some(fraction) = syncing {
            super::sync_window::syncing_modal(ctx, fraction);
        }
    }

    /// The centre: the place the person chose, or what is going on while nothing is open.
    fn centre(&mut self, ui: &mut egui::Ui) {
        if let Some((path, task)) = &self.work.opening {
            opening(ui, path, task.progress.fraction().unwrap_or(0.0));
            return;
        }
        let Some(session) = &mut self.session else {
            self.nothing_open(ui);
            return;
        };
        let commands = &mut self.commands;
        let whole_place = !matches!(session.place, Place::Records | Place::Trash);
        if let Some((done, total)) = session.reading_progress().filter(|_| whole_place) {
            // These count or compare every record: they wait for the last.
            reading_records(ui, done, total);
            return;
        }
        match session.place {
            Place::Trash => trash_view::show(ui, session, commands, &mut self.dialogs),
            Place::ReviewQueue => review_queue::show(ui, session, commands),
            Place::Statistics => stats_panel::show(ui, session, commands),
            Place::Duplicates => duplicates_view::show(ui, session, commands),
            Place::Conflicts => super::conflicts_view::show(ui, session, commands),
            Place::Records => record_table::show(
                ui,
                session,
                &mut self.prefs.layout,
                &mut self.layout_seen,
                commands,
            ),
        }
    }

    fn nothing_open(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() / 3.0);
            ui.heading(crate::t!("nothing-open"));
            ui.label(crate::t!("nothing-open-hint"));
            ui.add_space(8.0);
            if ui.button(crate::t!("nothing-open-choose")).clicked() {
                self.commands.push(Command::ChooseCatalogue);
            }
            if ui.button(crate::t!("nothing-open-sample")).clicked() {
                self.open_sample();
            }
        });
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        self.skip_column_dividers(ctx);
        let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        if let Some(s) = &mut self.session {
            let writable = s.cat.is_writable() && !self.dialogs.any_modal();
            s.typeahead
                .collect(ctx, writable, !self.dialogs.any_modal());
        }
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::L))) {
            self.commands.push(Command::Lock);
        }
        let (new, find, open, save, share) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::N)),
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::F)),
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::O)),
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::S)),
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::E)),
            )
        });
        if share {
            self.commands.push(Command::OpenShareWizard);
        }
        if new && let Some(s) = &self.session {
            // Ctrl+N makes a record of the one kind the list shows, else a report.
            let kind = match s.filter.kinds.iter().collect::<Vec<_>>()[..] {
                [only] => *only,
                _ => RecordKind::Report,
            };
            self.commands.push(Command::NewRecord(kind));
        }
        for (pressed, command) in [
            (find, Command::FocusSearch),
            (open, Command::ChooseCatalogue),
            (save, Command::SaveNow),
        ] {
            if pressed {
                self.commands.push(command);
            }
        }
        // Keys that mean something to a text field belong to it while it has focus.
        let on_list = ctx.memory(|m| m.focused()) == Some(record_table::list_focus_id());
        if (ctx.egui_wants_keyboard_input() && !on_list) || self.dialogs.any_modal() {
            return;
        }
        // Escape closes the window on top; with none, it clears a choice of many records.
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
            && !self.close_topmost()
            && let Some(s) = &mut self.session
        {
            s.marks.reset(s.selected);
        }
        // F10 puts the keyboard on the File menu (Enter or Space opens it).
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F10)) {
            self.status.focus_menu = true;
        }
        // Ctrl+Z in a text field undoes typing there; elsewhere it undoes the last change.
        let (redo, undo) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z))
                    || i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Y)),
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::Z)),
            )
        });
        // The viewer takes the keys it uses (pages, arrows); the list's Delete must not
        // reach a record behind it.
        if self.windows.viewer.is_none() {
            self.list_keys(ctx);
        }
        for (pressed, command) in [(redo, Command::Redo), (undo, Command::Undo)] {
            if pressed {
                self.commands.push(command);
            }
        }
    }

    /// Tab passes over the list's column dividers: they are for the mouse (the widths are
    /// remembered), and egui would stop on each, unseen. When Tab left the keyboard on
    /// one, it goes on in the same direction past them all.
    fn skip_column_dividers(&mut self, ctx: &egui::Context) {
        if let Some(back) = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Key {
                    key: Key::Tab,
                    pressed: true,
                    modifiers,
                    ..
                } => Some(modifiers.shift),
                _ => None,
            })
        }) {
            self.tab_back = back;
            // Shift+Tab gives the keyboard away at the start of the next frame: have one.
            ctx.request_repaint();
        }
        let Some(focused) = ctx.memory(|m| m.focused()) else {
            return;
        };
        if !self.layout_seen.dividers.contains(&focused) {
            return;
        }
        // From the first divider back, or the last one on, all of them in one step.
        let drawn: Vec<egui::Id> = (self.layout_seen.dividers.iter().copied())
            .filter(|id| ctx.read_response(*id).is_some())
            .collect();
        let (from, direction) = match self.tab_back {
            true => (drawn.first(), egui::FocusDirection::Previous),
            false => (drawn.last(), egui::FocusDirection::Next),
        };
        let from = from.copied().unwrap_or(focused);
        ctx.memory_mut(|m| {
            m.request_focus(from);
            m.move_focus(direction);
        });
        ctx.request_repaint();
    }

    /// The list's keys: arrows, pages, Home and End, Shift to choose many, Ctrl+A, Delete.
    fn list_keys(&mut self, ctx: &egui::Context) {
        let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        let key = |i: &mut egui::InputState, m, k| i.consume_key(m, k);
        let list = ctx.input_mut(|i| {
            [
                key(i, Modifiers::SHIFT, Key::ArrowUp).then_some(Command::ExtendMarks(-1)),
                key(i, Modifiers::SHIFT, Key::ArrowDown).then_some(Command::ExtendMarks(1)),
                key(i, Modifiers::NONE, Key::ArrowUp).then_some(Command::MoveSelection(-1)),
                key(i, Modifiers::NONE, Key::ArrowDown).then_some(Command::MoveSelection(1)),
                key(i, Modifiers::NONE, Key::PageUp).then_some(Command::MoveSelection(-PAGE)),
                key(i, Modifiers::NONE, Key::PageDown).then_some(Command::MoveSelection(PAGE)),
                key(i, Modifiers::NONE, Key::Home)
                    .then_some(Command::MoveSelection(isize::MIN / 2)),
                key(i, Modifiers::NONE, Key::End).then_some(Command::MoveSelection(isize::MAX / 2)),
                i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::A))
                    .then_some(Command::MarkAll),
            ]
        });
        self.commands.extend(list.into_iter().flatten());
        let delete = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Delete));
        let delete = delete.then(|| match &mut self.session {
            Some(s) if s.marks.len() > 1 => Command::TrashMany(s.chosen()),
            _ => Command::TrashSelected,
        });
        self.commands.extend(delete);
    }

    /// Files dropped on the window are imported, each as a media record.
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::Import {
                files: dropped,
                into: None,
            });
        }
    }
}

/// In place of a view that needs every record, while the last are still being read.
fn reading_records(ui: &mut egui::Ui, done: usize, total: usize) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.spinner();
        ui.label(crate::t!(
            "busy-reading-records",
            done = done,
            total = total
        ));
    });
}

/// The centre while a catalogue opens: a progress bar, then a word on what comes after the
/// last record file.
fn opening(ui: &mut egui::Ui, path: &std::path::Path, fraction: f32) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading(crate::t!(
            "opening-folder",
            path = path.display().to_string()
        ));
        let bar = egui::ProgressBar::new(fraction).show_percentage();
        ui.add_sized([320.0, 18.0], bar);
        // After the last record file: the log is checked and the index built, which
        // takes a moment at 100,000 records.
        if fraction >= 1.0 {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.add_space((ui.available_width() - 330.0).max(0.0) / 2.0);
                ui.spinner();
                ui.label(theme::hint(crate::t!("opening-after-records")));
            });
        }
    });
}

/// Draws `content` in `place`, a part of the window a panel took earlier in the frame.
fn in_place<R>(
    ui: &mut egui::Ui,
    place: egui::Rect,
    salt: &str,
    content: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .id_salt(salt)
            .max_rect(place)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.set_clip_rect(place);
    content(&mut child)
}
