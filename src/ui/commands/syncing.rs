//! Commands about sync: the Sync window, a folder to sync through, syncing now (on a
//! task, behind a modal: nothing is edited while files change underneath), and
//! settling a conflict a sync left.

use eframe::egui;

use super::Outcome;
use crate::ui::app::DossierApp;
use crate::ui::command::Command;
use crate::ui::sync_window::SyncWindow;
use crate::ui::task::TaskError;
use crate::ui::tasks;

/// Whether `command` is one of this file's.
pub(super) fn handles(command: &Command) -> bool {
    matches!(
        command,
        Command::ShowSync
            | Command::ChooseSyncFolder
            | Command::AddSyncFolder(_)
            | Command::SyncNow
            | Command::ResolveConflict { .. }
    )
}

impl DossierApp {
    pub(super) fn run_syncing(&mut self, command: Command, ctx: &egui::Context) -> Outcome {
        let actor = self.actor();
        match command {
            Command::ShowSync => {
                self.windows.sync = self
                    .session
                    .as_ref()
                    .map(|s| SyncWindow::read(s.cat.root()))
            }
            Command::ChooseSyncFolder => {
                if let Some(folder) = rfd::FileDialog::new()
                    .set_title(crate::t!("pick-sync-folder"))
                    .pick_folder()
                {
                    self.run(Command::AddSyncFolder(folder), ctx);
                }
            }
            Command::AddSyncFolder(folder) => self.add_sync_folder(&folder),
            Command::SyncNow => self.start_sync(ctx),
            Command::ResolveConflict { id, field, value } => {
                if let Some(s) = &mut self.session {
                    return Ok(Some((
                        s.cat.resolve_conflict(&id, &field, value, &actor)?,
                        vec![id],
                    )));
                }
            }
            _ => {}
        }
        Ok(None)
    }

    /// Syncs through `folder` from now on: the folder itself when it holds a bare
    /// repository, else a `dossier.git` made in it (or found there from another desktop).
    fn add_sync_folder(&mut self, folder: &std::path::Path) {
        let actor = self.actor();
        let Some(s) = &self.session else { return };
        let is_repo = folder.join("HEAD").is_file() && folder.join("objects").is_dir();
        let url = if is_repo {
            folder.to_path_buf()
        } else {
            folder.join("dossier.git")
        };
        let init = !url.exists();
        let taken: Vec<String> = crate::sync::remotes(s.cat.root())
            .unwrap_or_default()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        let name = (1..)
            .map(|i| {
                if i == 1 {
                    "usb".to_string()
                } else {
                    format!("usb{i}")
                }
            })
            .find(|n| !taken.contains(n))
            .unwrap_or_default();
        let added =
            crate::sync::add_remote(&s.cat, &name, &url.display().to_string(), init, &actor);
        let added_ok = added.is_ok();
        self.status.message = Some(match added {
            Ok(()) => crate::t!("sync-folder-added", folder = url.display().to_string()),
            Err(e) => e.to_string(),
        });
        self.windows.sync = Some(SyncWindow::read(s.cat.root()));
        // Set up for sync, the catalogue writes its own log from now on: open it again.
        if added_ok {
            let (root, secret) = (s.cat.root().to_path_buf(), s.cat.secret_to_reopen());
            let ctx = self.ctx.clone();
            self.start_open_with(root, secret, &ctx);
        }
    }

    /// Starts a sync of the open catalogue, once what is being saved has landed.
    fn start_sync(&mut self, ctx: &egui::Context) {
        if self.work.syncing.is_some() {
            return;
        }
        self.flush();
        let actor = self.actor();
        let Some(s) = &self.session else { return };
        match crate::sync::SyncTarget::of(&s.cat) {
            Ok(target) => self.work.syncing = Some(tasks::sync(target, actor, ctx)),
            Err(e) => self.status.message = Some(e.to_string()),
        }
    }

    /// Says what a sync did and opens the catalogue again to show what came.
    pub(crate) fn finish_sync(
        &mut self,
        result: Result<crate::sync::SyncSummary, TaskError>,
        ctx: &egui::Context,
    ) {
        let summary = match result {
            Ok(s) => s,
            Err(e) => {
                self.status.message = Some(crate::t!("error-sync", why = e.to_string()));
                return;
            }
        };
        let mut said = crate::t!(
            "sync-done",
            received = summary.received,
            sent = summary.sent,
            merged = summary.merged,
            conflicts = summary.conflicts
        );
        for n in &summary.notices {
            said.push('\n');
            said.push_str(&crate::text::one_line(n));
        }
        let Some(s) = &self.session else { return };
        let (root, secret) = (s.cat.root().to_path_buf(), s.cat.secret_to_reopen());
        self.windows.sync = self.windows.sync.take().map(|_| SyncWindow::read(&root));
        self.start_open_with(root, secret, ctx);
        self.status.message = Some(said);
    }
}
