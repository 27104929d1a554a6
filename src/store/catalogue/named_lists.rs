//! The catalogue's named lists: recipients (who packages may be made for, and the highest
//! label each may receive) and saved views.
//!
//! `recipients.json` is outside the app's write path as much as any record file: a hand
//! edit can make the public a RED recipient. So each recipient is checked when it is read
//! (known kind and label, public receives TLP:CLEAR only) and against the audit log (the
//! kind and clearance last logged for it); one that fails is a Problem and receives
//! nothing until someone saves it again in Dossier. Sharing checks again (`share::plan`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::Path;

use serde_json::Value;

use super::{Catalogue, Problem};
use crate::audit::{Action, AuditDraft};
use crate::model::Recipient;
use crate::search::SavedView;
use crate::store::StoreError;
use crate::store::fsx::{FsOp, WriteBatch};
use crate::store::layout::{RECIPIENTS_FILE, VIEWS_FILE};

/// What the log last recorded of a recipient: its kind and clearance, as the log words them.
type Logged = (String, String);

/// What the log last recorded of each recipient, by lower-case name.
pub(super) type LoggedRecipients = HashMap<String, Logged>;

/// `logged` moved on by `entries` (oldest first).
pub(super) fn logged_recipients_after(
    mut logged: LoggedRecipients,
    entries: &[crate::audit::AuditEntry],
) -> LoggedRecipients {
    for e in entries
        .iter()
        .filter(|e| e.action == Action::RecipientsChanged)
    {
        let Some(name) = e.details.get("recipient").and_then(Value::as_str) else {
            continue;
        };
        let key = name.trim().to_lowercase();
        match (
            e.details.get("kind").and_then(Value::as_str),
            e.details.get("max_label").and_then(Value::as_str),
        ) {
            (Some(kind), Some(max)) => {
                logged.insert(key, (kind.to_string(), max.to_string()));
            }
            _ => {
                logged.remove(&key);
            }
        }
    }
    logged
}

impl Catalogue {
    /// Reads `recipients.json`, each recipient checked against `logged` (what the log
    /// last recorded of it).
    pub(super) fn load_recipients(&mut self, logged: &LoggedRecipients) {
        let path = self.root.join(RECIPIENTS_FILE);
        let entries: Vec<Value> = match read_list_file(&path, "recipients", &self.vault) {
            Ok(list) => list,
            Err(problem) => {
                self.recipients_unreadable = true;
                self.problems.push(problem);
                return;
            }
        };
        for (i, entry) in entries.into_iter().enumerate() {
            let shown = entry
                .get("name")
                .and_then(Value::as_str)
                .map(|n| format!("'{}'", n.escape_debug()))
                .unwrap_or_else(|| "without a name".into());
            let recipient: Recipient = match serde_path_to_error::deserialize(entry) {
                Ok(r) => r,
                Err(err) => {
                    // The entry cannot be used, and the file must not be overwritten
                    // without it: fixing it is a person's decision.
                    self.recipients_unreadable = true;
                    self.problems.push(Problem {
                        path: path.clone(),
                        line: None,
                        reason: format!(
                            "recipient {} (entry {}) cannot be read (field '{}': {}); it receives nothing, and the file is left as it is",
                            shown,
                            i + 1,
                            err.path(),
                            err.inner()
                        ),
                    });
                    continue;
                }
            };
            let key = recipient.name.trim().to_lowercase();
            let why = match recipient.check() {
                Err(rule) => Some(format!("{rule} It receives nothing until this is fixed.")),
                Ok(()) => match logged.get(&key) {
                    Some((kind, max))
                        if *kind == recipient.kind.name()
                            && *max == recipient.max_label.as_str() =>
                    {
                        None
                    }
                    Some((kind, max)) => Some(format!(
                        "'{}' was changed outside Dossier: the log has it as {kind}, up to {max}; recipients.json says {}, up to {}. It receives nothing until someone saves it again in Dossier (Sharing > Recipients).",
                        recipient.name.trim(),
                        recipient.kind.name(),
                        recipient.max_label.as_str()
                    )),
                    None => Some(format!(
                        "'{}' is not in the audit log: it was added to recipients.json outside Dossier. It receives nothing until someone saves it in Dossier (Sharing > Recipients).",
                        recipient.name.trim()
                    )),
                },
            };
            if let Some(why) = why {
                self.problems.push(Problem {
                    path: path.clone(),
                    line: None,
                    reason: why.clone(),
                });
                self.recipient_problems.insert(key, why);
            }
            self.recipients.push(recipient);
        }
    }

    /// Each recipient's kind and clearance as last logged, by lower-case name.
    pub(super) fn logged_recipients(&self) -> LoggedRecipients {
        self.audit
            .with_entries(|entries| logged_recipients_after(HashMap::new(), entries))
    }

    /// Why this recipient may receive nothing, when it may not: its entry breaks the rules
    /// or differs from what the log last recorded.
    pub fn recipient_problem(&self, name: &str) -> Option<&str> {
        self.recipient_problems
            .get(&name.trim().to_lowercase())
            .map(String::as_str)
    }

    /// The people and organisations packages may be made for.
    pub fn recipients(&self) -> &[Recipient] {
        &self.recipients
    }

    /// The recipient with this name, if there is one.
    pub fn recipient(&self, name: &str) -> Option<&Recipient> {
        let wanted = name.trim().to_lowercase();
        self.recipients
            .iter()
            .find(|r| r.name.trim().to_lowercase() == wanted)
    }

    /// Replaces the list of recipients (each change logged with who made it).
    pub fn set_recipients(
        &mut self,
        recipients: Vec<Recipient>,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        self.check_overwritable(RECIPIENTS_FILE, self.recipients_unreadable)?;
        for r in &recipients {
            r.check().map_err(StoreError::BadRecipient)?;
        }
        unique_names(recipients.iter().map(|r| r.name.as_str()), "recipient")?;
        let drafts = self.recipient_drafts(&recipients, actor);
        if drafts.is_empty() {
            return Ok(WriteBatch::new(crate::t!("done-no-changes")));
        }
        let mut batch = WriteBatch::new(crate::t!("done-saved-recipients"));
        batch.push(FsOp::Audit {
            log: self.audit.clone(),
            drafts,
        });
        batch.push(FsOp::Write {
            path: self.root.join(RECIPIENTS_FILE),
            bytes: list_json("recipients", &recipients),
            vault: self.vault.clone(),
        });
        self.recipients = recipients;
        let path = self.root.join(RECIPIENTS_FILE);
        self.problems.retain(|p| p.path != path);
        self.recipient_problems.clear();
        Ok(batch)
    }

    /// The log entries for replacing the recipients with `recipients`: each one added,
    /// changed, removed, or confirmed (saved again as recipients.json has it, where that
    /// differs from the log: a person vouching for an outside edit).
    fn recipient_drafts(&self, recipients: &[Recipient], actor: &str) -> Vec<AuditDraft> {
        let before: BTreeMap<&str, &Recipient> = self
            .recipients
            .iter()
            .map(|r| (r.name.as_str(), r))
            .collect();
        let after: BTreeMap<&str, &Recipient> =
            recipients.iter().map(|r| (r.name.as_str(), r)).collect();
        let logged = self.logged_recipients();
        let mut drafts = Vec::new();
        for (name, r) in &after {
            let as_logged = logged
                .get(&name.trim().to_lowercase())
                .is_some_and(|(kind, max)| *kind == r.kind.name() && *max == r.max_label.as_str());
            let what = match before.get(name) {
                None => "added",
                Some(old) if old != r => "changed",
                Some(_) if !as_logged => {
                    "confirmed as it is in recipients.json (it differed from the log)"
                }
                Some(_) => continue,
            };
            drafts.push(
                AuditDraft::new(actor, Action::RecipientsChanged)
                    .note(format!("recipient '{name}' {what}"))
                    .detail("recipient", name.to_string())
                    .detail("kind", r.kind.name())
                    .detail("max_label", r.max_label.as_str()),
            );
        }
        for name in before.keys().filter(|n| !after.contains_key(*n)) {
            drafts.push(
                AuditDraft::new(actor, Action::RecipientsChanged)
                    .note(format!("recipient '{name}' removed"))
                    .detail("recipient", name.to_string()),
            );
        }
        drafts
    }

    /// A named-list file that could not be read is never overwritten.
    fn check_overwritable(&self, file: &str, unreadable: bool) -> Result<(), StoreError> {
        if unreadable {
            return Err(StoreError::UnreadableList(self.root.join(file)));
        }
        Ok(())
    }

    pub(super) fn load_views(&mut self) {
        match read_list_file(&self.root.join(VIEWS_FILE), "views", &self.vault) {
            Ok(list) => self.views = list,
            Err(problem) => {
                self.views_unreadable = true;
                self.problems.push(problem);
            }
        }
    }

    /// The saved views (named lists), in the order people arranged them.
    pub fn views(&self) -> &[SavedView] {
        &self.views
    }

    /// The saved view with this name (any case).
    pub fn view(&self, name: &str) -> Option<&SavedView> {
        let wanted = name.trim().to_lowercase();
        self.views
            .iter()
            .find(|v| v.name.trim().to_lowercase() == wanted)
    }

    /// Replaces the saved views. Names must be unique and not empty.
    pub fn set_views(&mut self, views: Vec<SavedView>) -> Result<WriteBatch, StoreError> {
        self.ensure_writable()?;
        self.check_overwritable(VIEWS_FILE, self.views_unreadable)?;
        unique_names(views.iter().map(|v| v.name.as_str()), "view")?;
        let mut batch = WriteBatch::new(crate::t!("done-saved-views"));
        batch.push(FsOp::Write {
            path: self.root.join(VIEWS_FILE),
            bytes: list_json("views", &views),
            vault: self.vault.clone(),
        });
        self.views = views;
        Ok(batch)
    }
}

/// Names in a list must be there and unique (in any case): `what` names the list's items.
fn unique_names<'a>(
    names: impl Iterator<Item = &'a str>,
    what: &'static str,
) -> Result<(), StoreError> {
    let mut seen = HashSet::new();
    for name in names {
        if name.trim().is_empty() {
            return Err(StoreError::NoName(what));
        }
        if !seen.insert(name.trim().to_lowercase()) {
            return Err(StoreError::NameTaken {
                what,
                name: name.trim().to_string(),
            });
        }
    }
    Ok(())
}

/// A file holding one list, `{"<key>": [...]}`, as it is written.
fn list_json<T: serde::Serialize>(key: &str, items: &[T]) -> Vec<u8> {
    let mut map = serde_json::Map::new();
    map.insert(
        key.to_string(),
        serde_json::to_value(items).unwrap_or(Value::Null),
    );
    let mut bytes = serde_json::to_vec_pretty(&map).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Reads a file holding one list, `{"<key>": [...]}` (recipients, saved views). A file that
/// is not there is an empty list; one that cannot be read is a problem naming the field,
/// and the caller must then never overwrite it.
pub(super) fn read_list_file<T: serde::de::DeserializeOwned>(
    path: &Path,
    key: &str,
    vault: &crate::durable::vault::Vault,
) -> Result<Vec<T>, Problem> {
    let bytes = match vault.read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Problem {
                path: path.to_path_buf(),
                line: None,
                reason: crate::durable::describe_io(&e),
            });
        }
    };
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    let mut file: std::collections::BTreeMap<String, Vec<T>> = serde_path_to_error::deserialize(
        &mut de,
    )
    .map_err(|err| {
        let field = err.path().to_string();
        let inner = err.into_inner();
        Problem {
            path: path.to_path_buf(),
            line: Some(inner.line()),
            reason: format!(
                "the {key} could not be read (field '{field}': {inner}); the file is left as it is"
            ),
        }
    })?;
    file.remove(key).ok_or_else(|| Problem {
        path: path.to_path_buf(),
        line: None,
        reason: format!("there is no '{key}' list in it; the file is left as it is"),
    })
}
