//! What a change did, said in the interface's language: the status bar's line and the
//! Undo menu's. The core's own summaries are English (they serve the log and the command
//! line); the app says the same facts itself, counted before the command runs.

use crate::model::{Label, RecordKind, ReviewAction, ReviewState};
use crate::t;
use crate::ui::command::Command;
use crate::ui::session::Session;
use crate::ui::words;

/// The facts of a command, gathered before it runs.
pub(super) enum Said {
    Trashed {
        count: usize,
        title: Option<String>,
    },
    Restored(String),
    Labelled {
        count: usize,
        label: Label,
    },
    Reviewed {
        action: ReviewAction,
        count: usize,
        own: usize,
    },
    Tagged {
        count: usize,
        tag: String,
    },
    Created(RecordKind),
    Merged {
        kept: String,
        gone: String,
    },
    Undone(String),
    Redone(String),
    /// The core's words stand (what the app does not say itself).
    Core,
}

fn title(s: &Session, id: &crate::model::RecordId) -> String {
    s.cat
        .get(id)
        .or_else(|| s.cat.get_trashed(id))
        .map(|r| r.display_title().to_string())
        .unwrap_or_default()
}

impl Said {
    pub(super) fn before(command: &Command, s: &Session, actor: &str) -> Said {
        match command {
            Command::TrashSelected => Said::Trashed {
                count: 1,
                title: s.selected.map(|id| title(s, &id)),
            },
            Command::TrashMany(ids) => Said::Trashed {
                count: ids.len(),
                title: None,
            },
            Command::Restore(id) => Said::Restored(title(s, id)),
            Command::SetLabel { ids, label } => Said::Labelled {
                count: ids
                    .iter()
                    .filter(|id| s.cat.get(id).is_some_and(|r| r.label != *label))
                    .count(),
                label: *label,
            },
            Command::Review { ids, action, .. } => reviewed(s, ids, *action, actor),
            Command::AddTag { ids, tag } => Said::Tagged {
                count: ids
                    .iter()
                    .filter(|id| {
                        s.cat.get(id).is_some_and(|r| {
                            !r.tags.iter().any(|t| t.eq_ignore_ascii_case(tag.trim()))
                        })
                    })
                    .count(),
                tag: tag.trim().to_string(),
            },
            Command::NewRecord(kind) => Said::Created(*kind),
            Command::MergePersons { keep, other } => Said::Merged {
                kept: title(s, keep),
                gone: title(s, other),
            },
            Command::Undo => s
                .undo
                .next_undo()
                .map_or(Said::Core, |w| Said::Undone(w.to_string())),
            Command::Redo => s
                .undo
                .next_redo()
                .map_or(Said::Core, |w| Said::Redone(w.to_string())),
            _ => Said::Core,
        }
    }

    /// What to say, `core` being the core's English summary.
    pub(super) fn text(self, core: String) -> String {
        match self {
            Said::Trashed {
                title: Some(title), ..
            } => t!("done-trashed-one", title = title),
            Said::Trashed { count, .. } => t!("done-trashed", count = count),
            Said::Restored(title) => t!("done-restored", title = title),
            Said::Labelled { count, label } => {
                t!("done-labelled", count = count, label = label.as_str())
            }
            Said::Reviewed { action, count, own } => {
                let mut text = match action {
                    ReviewAction::Submit => t!("done-submitted", count = count),
                    ReviewAction::Approve => t!("done-approved", count = count),
                    ReviewAction::RequestChanges => t!("done-changes-requested", count = count),
                };
                if own > 0 {
                    text += &t!("done-own-waiting", count = own);
                }
                text
            }
            Said::Tagged { count, tag } => t!("done-tagged", count = count, tag = tag),
            Said::Created(kind) => t!("done-created", kind = words::kind(kind).to_lowercase()),
            Said::Merged { kept, gone } => t!("done-merged", kept = kept, gone = gone),
            Said::Undone(what) => t!("done-undone", what = what),
            Said::Redone(what) => t!("done-redone", what = what),
            Said::Core => core,
        }
    }
}

/// A review step's counts: records it moves, and (approving) those the person submitted.
fn reviewed(
    s: &Session,
    ids: &[crate::model::RecordId],
    action: ReviewAction,
    actor: &str,
) -> Said {
    let target: ReviewState = action.target();
    let (mut count, mut own) = (0, 0);
    for r in ids.iter().filter_map(|id| s.cat.get(id)) {
        if r.review == target {
            continue;
        }
        if action == ReviewAction::Approve && !s.cat.may_approve(r, actor) {
            own += 1;
        } else {
            count += 1;
        }
    }
    Said::Reviewed { action, count, own }
}
