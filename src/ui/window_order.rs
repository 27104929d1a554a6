//! Which windows are open, in the order they opened, so that Escape closes the one on
//! top (the newest), as desktop programs do.

use super::app::DossierApp;

pub use super::command::WindowKind;

impl DossierApp {
    fn is_open(&self, w: WindowKind) -> bool {
        match w {
            WindowKind::Problems => self.dialogs.problems,
            WindowKind::AuditLog => self.dialogs.audit_log,
            WindowKind::About => self.dialogs.about,
            WindowKind::Shortcuts => self.dialogs.shortcuts,
            WindowKind::Guide => self.dialogs.guide,
            WindowKind::ShareWizard => self.share_wizard.is_some(),
            WindowKind::Recipients => self.windows.recipients.is_some(),
            WindowKind::SharingLog => self.windows.sharing_log.open,
            WindowKind::VerifyReport => self.status.verify_report.is_some(),
            WindowKind::RelinkReport => self.status.relink_report.is_some(),
            WindowKind::Viewer => self.windows.viewer.is_some(),
        }
    }

    fn close_window(&mut self, w: WindowKind) {
        match w {
            WindowKind::Problems => self.dialogs.problems = false,
            WindowKind::AuditLog => self.dialogs.audit_log = false,
            WindowKind::About => self.dialogs.about = false,
            WindowKind::Shortcuts => self.dialogs.shortcuts = false,
            WindowKind::Guide => self.dialogs.guide = false,
            WindowKind::ShareWizard => self.share_wizard = None,
            WindowKind::Recipients => self.windows.recipients = None,
            WindowKind::SharingLog => self.windows.sharing_log.open = false,
            WindowKind::VerifyReport => self.status.verify_report = None,
            WindowKind::RelinkReport => self.status.relink_report = None,
            WindowKind::Viewer => self.windows.viewer = None,
        }
    }

    /// Keeps the order windows opened in: closed ones leave it, new ones go on top and
    /// take the keyboard on the frame they first show (see `takes_keyboard`).
    pub(super) fn track_windows(&mut self) {
        let mut order = std::mem::take(&mut self.window_order);
        order.retain(|w| self.is_open(*w));
        for w in WindowKind::ALL {
            if self.is_open(w) && !order.contains(&w) {
                order.push(w);
                super::new_window::opened(&self.ctx, w);
            }
        }
        self.window_order = order;
    }

    /// Escape: closes the window on top. True when there was one.
    pub(super) fn close_topmost(&mut self) -> bool {
        self.track_windows();
        match self.window_order.pop() {
            Some(w) => {
                self.close_window(w);
                true
            }
            None => false,
        }
    }

    /// The windows open, oldest first (for tests).
    pub fn open_windows(&self) -> Vec<WindowKind> {
        self.window_order.clone()
    }
}
