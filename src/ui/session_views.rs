//! The session's saved views: a filter kept under a name, saved, renamed, removed and
//! shown again.

use super::session::{RangeText, Session};
use crate::store::{StoreError, WriteBatch};

impl Session {
    /// Saves the current filter as a view named `name` (replacing one of that name).
    pub fn save_view(&mut self, name: &str) -> Result<WriteBatch, StoreError> {
        let mut views = self.cat.views().to_vec();
        let view = crate::search::SavedView {
            name: name.trim().to_string(),
            filter: self.filter.clone(),
        };
        match views
            .iter_mut()
            .find(|v| v.name.trim().eq_ignore_ascii_case(name.trim()))
        {
            Some(v) => *v = view,
            None => views.push(view),
        }
        let mut batch = self.cat.set_views(views)?;
        batch.summary = crate::t!("done-view-saved", name = name.trim());
        Ok(batch)
    }

    pub fn remove_view(&mut self, name: &str) -> Result<WriteBatch, StoreError> {
        let mut views = self.cat.views().to_vec();
        views.retain(|v| v.name != name);
        let mut batch = self.cat.set_views(views)?;
        batch.summary = crate::t!("done-view-removed", name = name);
        Ok(batch)
    }

    /// Renames a saved view (its filters stay).
    pub fn rename_view(&mut self, from: &str, to: &str) -> Result<WriteBatch, StoreError> {
        let mut views = self.cat.views().to_vec();
        if let Some(v) = views.iter_mut().find(|v| v.name == from) {
            v.name = to.trim().to_string();
        }
        let mut batch = self.cat.set_views(views)?;
        batch.summary = crate::t!("done-view-renamed", from = from, to = to.trim());
        Ok(batch)
    }

    /// Shows a saved view's list.
    pub fn apply_view(&mut self, name: &str) {
        if let Some(v) = self.cat.view(name) {
            self.filter = v.filter.clone();
            self.range = RangeText {
                from: self.filter.from.map(|d| d.to_string()).unwrap_or_default(),
                until: self.filter.until.map(|d| d.to_string()).unwrap_or_default(),
                error: None,
            };
        }
    }
}
