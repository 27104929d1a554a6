//! Commands about sharing: recipients, the share wizard and its package, the sharing log,
//! and receiving a package.

use eframe::egui;

use super::Outcome;
use crate::text::safe_file_name;
use crate::ui::app::DossierApp;
use crate::ui::chrome::PathPurpose;
use crate::ui::chrome::{NewCatalogueForm, PackagePassphraseForm, ReceiveTarget};
use crate::ui::command::Command;
use crate::ui::share_wizard::ShareWizard;
use crate::ui::tasks;

/// Whether `command` is one of this file's.
pub(super) fn handles(command: &Command) -> bool {
    matches!(
        command,
        Command::ShowRecipients
            | Command::SaveRecipients(_)
            | Command::OpenShareWizard
            | Command::ChooseShareDestination
            | Command::StartShare(_)
            | Command::CancelShare
            | Command::ShowSharingLog
            | Command::ChoosePackageToReceive
            | Command::Receive(_)
            | Command::ReceiveNew
            | Command::ReceiveProtected
    )
}

impl DossierApp {
    pub(super) fn run_sharing(&mut self, command: Command, ctx: &egui::Context) -> Outcome {
        let actor = self.actor();
        match command {
            Command::ShowRecipients => self.windows.recipients = Some(Default::default()),
            Command::SaveRecipients(list) => {
                if let Some(s) = &mut self.session {
                    return Ok(Some((s.cat.set_recipients(list, &actor)?, Vec::new())));
                }
            }
            Command::OpenShareWizard => self.open_share_wizard(),
            Command::ChooseShareDestination => self.choose_share_destination(ctx),
            Command::StartShare(path) => self.start_share(path, ctx),
            Command::CancelShare => {
                if let Some(t) = &self.work.sharing {
                    t.cancel();
                }
            }
            Command::ShowSharingLog => self.windows.sharing_log.open = true,
            Command::ChoosePackageToReceive => {
                match rfd::FileDialog::new()
                    .set_title(crate::t!("pick-package-to-receive"))
                    .add_filter(crate::t!("pick-filter-package"), &["zip"])
                    .pick_file()
                {
                    Some(path) => self.run(Command::Receive(path), ctx),
                    None => self.dialogs.offer_typed_path(PathPurpose::Receive),
                }
            }
            Command::Receive(package) => self.ask_where_to_receive(package),
            Command::ReceiveNew => {
                let Some(form) = self.dialogs.new_catalogue.take() else {
                    return Ok(None);
                };
                let Some(package) = form.receiving.clone() else {
                    return Ok(None);
                };
                let target = ReceiveTarget {
                    folder: std::path::PathBuf::from(form.folder.trim()),
                    passphrase: (!form.plain).then(|| form.passphrase.clone()),
                };
                if crate::share::is_protected(&package) {
                    // Encrypted: its passphrase next.
                    self.dialogs.package_passphrase = Some(PackagePassphraseForm {
                        package,
                        target,
                        ..Default::default()
                    });
                } else {
                    self.start_receive(package, None, target, &actor, ctx);
                }
            }
            Command::ReceiveProtected => {
                if let Some(form) = self.dialogs.package_passphrase.take() {
                    let passphrase = Some(form.passphrase);
                    self.start_receive(form.package, passphrase, form.target, &actor, ctx);
                }
            }
            _ => {}
        }
        Ok(None)
    }

    fn open_share_wizard(&mut self) {
        let Some(s) = &self.session else { return };
        if self.share_wizard.is_some() {
            return;
        }
        let mut w = ShareWizard::default();
        if let [only] = s.cat.recipients() {
            w.recipient = Some(only.name.clone());
        }
        self.share_wizard = Some(w);
    }

    /// Asks where the package goes (a `.zip` file, or a new folder), then writes it.
    fn choose_share_destination(&mut self, ctx: &egui::Context) {
        let zip = self.share_wizard.as_ref().is_none_or(|w| w.zip);
        let recipient = self
            .share_wizard
            .as_ref()
            .and_then(|w| w.recipient.clone())
            .unwrap_or_default();
        let name = crate::t!(
            "package-file-name",
            recipient = safe_file_name(&recipient),
            date = jiff::Zoned::now().date().to_string()
        ) + if zip { ".zip" } else { "" };
        let mut dialog = rfd::FileDialog::new()
            .set_title(if zip {
                crate::t!("pick-package-zip")
            } else {
                crate::t!("pick-package-folder")
            })
            .set_file_name(name);
        if zip {
            dialog = dialog.add_filter(crate::t!("pick-filter-zip"), &["zip"]);
        }
        match dialog.save_file() {
            Some(path) => self.start_share(path, ctx),
            None => self.dialogs.offer_typed_path(PathPurpose::SharePackage),
        }
    }

    /// Asks where a package is to be received: a new catalogue, in a new folder under
    /// the data folder's `received/` unless another is chosen, encrypted unless asked not.
    fn ask_where_to_receive(&mut self, package: std::path::PathBuf) {
        let stem = package
            .file_stem()
            .map(|s| safe_file_name(&s.to_string_lossy()))
            .unwrap_or_else(|| "package".into());
        let base = self.paths.data_dir.join("received");
        let mut dest = base.join(&stem);
        let mut n = 2;
        while dest.exists() {
            dest = base.join(format!("{stem} ({n})"));
            n += 1;
        }
        self.dialogs.new_catalogue = Some(NewCatalogueForm {
            folder: dest.to_string_lossy().into_owned(),
            receiving: Some(package),
            ..Default::default()
        });
    }

    /// Receives a package into a new catalogue where `target` says.
    fn start_receive(
        &mut self,
        package: std::path::PathBuf,
        passphrase: Option<zeroize::Zeroizing<String>>,
        target: ReceiveTarget,
        actor: &str,
        ctx: &egui::Context,
    ) {
        if self.work.receiving.is_some() {
            return;
        }
        let task = tasks::receive(package, passphrase, target.clone(), actor.to_string(), ctx);
        self.work.receiving = Some((target, task));
    }
}
