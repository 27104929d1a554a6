//! The app's integrity features, driven through egui_kittest: a record's History tab, the
//! audit log window, verifying from the app, the verification reminder, file details with
//! provenance, and locating missing originals.

use std::fs;

use crate::common::gui::*;
use dossier::audit::{Action, AuditDraft};
use dossier::model::{Record, RecordKind};
use dossier::store::Catalogue;
use dossier::ui::Command;
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

fn last_entry(path: &std::path::Path) -> dossier::audit::AuditEntry {
    reopen(path)
        .audit()
        .with_entries(|e| e.last().cloned())
        .unwrap()
}

#[test]
fn the_history_tab_lists_the_records_custody_newest_first() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_label("Strike on a residential street").click();
    settle(&mut gui);
    label_red_and_save(&mut gui);

    gui.get_by_label("History").click();
    settle(&mut gui);
    let id = find_id(&cat, "Strike on a residential street");
    let entries = reopen(&cat).audit().for_record(&id);
    // The strike was approved: the label change withdraws the approval in the same save.
    assert_eq!(entries[0].action, Action::ReviewChanged);
    assert!(entries[0].note.contains("approval withdrawn"));
    assert_eq!(entries[1].action, Action::LabelChanged);
    assert_eq!(entries[1].actor, "Tester");
    assert_eq!(entries.last().unwrap().action, Action::Created);
    // Newest first on screen too: the label change is drawn above the creation.
    let changed = gui.get_by_label("Label changed").rect().top();
    let created = gui.get_by_label("Created").rect().top();
    assert!(changed < created);
    gui.get_by_label_contains("TLP:AMBER -> TLP:RED");
}

#[test]
fn the_audit_log_window_filters_by_actor_and_action() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut gui = setup.gui(Some(cat.clone()));
    // One change by Tester among the sample's entries by "Sample Editor".
    gui.get_by_label("Map of the area near the village").click();
    settle(&mut gui);
    gui.key_press(Key::Delete);
    settle(&mut gui);
    app(&mut gui).dialogs.audit_log = true;
    settle(&mut gui);
    let all = reopen(&cat).audit().len();
    gui.get_by_label(&format!("{all} entries"));

    gui.get_by_role_and_label(Role::TextInput, "Actor").focus();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Actor")
        .type_text("tester");
    settle(&mut gui);
    gui.get_by_label("1 entry");
    gui.get_by_role_and_label(Role::TextInput, "Actor").focus();
    frames(&mut gui);
    gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
    gui.get_by_role_and_label(Role::TextInput, "Actor")
        .type_text("sample");
    settle(&mut gui);
    gui.get_by_role_and_label(Role::ComboBox, "Action").click();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Attachment imported")
        .click();
    settle(&mut gui);
    let imported = reopen(&cat).audit().with_entries(|e| {
        e.iter()
            .filter(|e| e.action == Action::AttachmentImported)
            .count()
    });
    assert!(imported >= 5);
    gui.get_by_label(&format!("{imported} entries"));
}

#[test]
fn verifying_from_the_app_names_a_changed_original_and_logs_the_result() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let sha = reopen(&cat)
        .records()
        .iter()
        .find(|r| r.title == "Map of the area near the village")
        .unwrap()
        .attachments[0]
        .sha256
        .clone();
    let original = cat.join("attachments").join(sha.as_str());
    let mut perms = fs::metadata(&original).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(&original, perms).unwrap();
    let mut bytes = fs::read(&original).unwrap();
    bytes[100] ^= 0x40;
    fs::write(&original, bytes).unwrap();

    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_label("File").click();
    frames(&mut gui);
    gui.get_by_label("Verify catalogue").click();
    settle(&mut gui);

    gui.get_by_label("Verification report");
    gui.get_by_label("1 problems found:");
    gui.get_by_label(&original.display().to_string());
    gui.get_by_label("the original has changed");
    gui.get_by_label(&format!("expected: sha256 {sha}"));
    let last = last_entry(&cat);
    assert_eq!(last.action, Action::Verified);
    assert_eq!(last.actor, "Tester");
    assert_eq!(last.details["problems"], 1);
}

#[test]
fn an_overdue_verification_is_reminded_and_done_from_the_banner() {
    let setup = Setup::returning_user();
    let path = setup.dir.path().join("old");
    let mut cat = Catalogue::create(&path, "Old case files", "Ani").unwrap();
    cat.save(Record::new(RecordKind::Report, "R", "Ani"), "Ani")
        .unwrap();
    let mut old = AuditDraft::new("Ani", Action::Verified);
    old.time = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(45 * 24);
    cat.audit().append(&[old]).unwrap();
    drop(cat);

    let mut gui = setup.gui(Some(path.clone()));
    gui.get_by_label_contains("last verified 45 days ago");
    gui.get_by_label("Verify now").click();
    settle(&mut gui);
    assert!(gui.query_by_label_contains("last verified").is_none());
    gui.get_by_label_contains("No problems");
    assert_eq!(last_entry(&path).action, Action::Verified);
}

#[test]
fn file_details_show_what_import_recorded_and_provenance_can_be_edited() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_label("Photo: damaged houses after the strike")
        .click();
    settle(&mut gui);
    gui.get_by_label("Details of street-after-strike.jpg")
        .click();
    settle(&mut gui);

    gui.get_by_label("File details: street-after-strike.jpg");
    gui.get_by_label("Samsung SM-A505F");
    gui.get_by_label("2020-10-05 08:41:17");
    gui.get_by_label("39.81770, 46.75280");
    gui.get_by_label("1200 x 800 pixels");

    let source = gui.get_by_role_and_label(Role::TextInput, "Source");
    source.focus();
    gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
    gui.get_by_role_and_label(Role::TextInput, "Source")
        .type_text("Resident, 14 Kamo street");
    frames(&mut gui);
    gui.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut gui);

    let r = reopen(&cat)
        .records()
        .iter()
        .find(|r| r.title == "Photo: damaged houses after the strike")
        .cloned()
        .unwrap();
    assert_eq!(
        r.attachments[0].provenance.source,
        "Resident, 14 Kamo street"
    );
    let last = last_entry(&cat);
    assert_eq!(last.action, Action::AttachmentEdited);
    assert_eq!(
        last.attachment.as_ref().map(|s| s.as_str()),
        Some(r.attachments[0].sha256.as_str())
    );
    assert_eq!(last.changes[0].field, "provenance");
}

#[test]
fn locating_missing_originals_restores_them_from_a_folder() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let r = reopen(&cat)
        .records()
        .iter()
        .find(|r| r.title == "Scan: cover page of Report 1")
        .cloned()
        .unwrap();
    let sha = r.attachments[0].sha256.clone();
    let original = cat.join("attachments").join(sha.as_str());
    let backup = setup.dir.path().join("backup-drive");
    fs::create_dir_all(&backup).unwrap();
    fs::copy(&original, backup.join("scan.jpg")).unwrap();
    fs::remove_file(&original).unwrap();

    let mut gui = setup.gui(Some(cat.clone()));
    app(&mut gui).commands.push(Command::Relink(backup));
    settle(&mut gui);
    gui.get_by_label("Missing originals");
    gui.get_by_label("Looked at 1 files: 1 restored, 0 still missing.");
    assert!(original.is_file());
    let last = last_entry(&cat);
    assert_eq!(last.action, Action::Relinked);
    assert_eq!(last.actor, "Tester");
}

/// An approved record of the sample, and its file.
fn approved_record(
    cat: &std::path::Path,
) -> (dossier::model::RecordId, std::path::PathBuf, String) {
    let c = reopen(cat);
    let r = c
        .records()
        .iter()
        .find(|r| {
            r.review == dossier::model::ReviewState::Approved
                && r.label != dossier::model::Label::Clear
        })
        .expect("the sample has an approved record above CLEAR")
        .clone();
    let path = cat
        .join(dossier::store::RECORDS_DIR)
        .join(format!("{}.json", r.id));
    (r.id, path, r.label.as_str().to_string())
}

#[test]
fn a_record_changed_outside_dossier_is_shown_in_problems_and_accepted_for_review() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let (id, file, label) = approved_record(&cat);
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace(&label, "TLP:CLEAR")).unwrap();

    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_label("Changed outside Dossier (1): waiting for a decision");
    gui.get_by_label_contains("was changed outside Dossier after entry");
    // The record's editor says so too, and will not approve it.
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(Command::Select(Some(id)), &ctx);
    }
    settle(&mut gui);
    gui.get_by_label("Changed outside Dossier");
    let accepts: Vec<_> = gui
        .query_all_by_role_and_label(Role::Button, "Accept for review")
        .collect();
    assert_eq!(accepts.len(), 2, "in Problems and in the editor");
    accepts[0].click();
    settle(&mut gui);
    let after = reopen(&cat);
    assert!(after.outside_change(&id).is_none());
    assert_eq!(
        after.get(&id).unwrap().review,
        dossier::model::ReviewState::InReview
    );
    let last = last_entry(&cat);
    assert_eq!(last.action, Action::OutsideChangeAccepted);
    assert_eq!(last.actor, "Tester");
}

#[test]
fn restore_from_a_copy_puts_back_the_logged_version() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let (id, file, label) = approved_record(&cat);
    let backup = setup.dir.path().join("backup");
    fs::create_dir(&backup).unwrap();
    fs::copy(&file, backup.join(file.file_name().unwrap())).unwrap();
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace(&label, "TLP:CLEAR")).unwrap();

    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_role_and_label(Role::Button, "Restore from a copy...");
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(
            Command::RestoreLoggedVersion {
                id,
                from: backup.clone(),
            },
            &ctx,
        );
    }
    settle(&mut gui);
    assert!(
        app(&mut gui).message().is_none(),
        "{:?}",
        app(&mut gui).message()
    );
    let after = reopen(&cat);
    assert!(after.outside_change(&id).is_none());
    assert_eq!(after.get(&id).unwrap().label.as_str(), label);
    assert_eq!(last_entry(&cat).action, Action::LoggedVersionRestored);
    // A folder without the logged copy says so, and changes nothing.
    fs::write(&file, text.replace(&label, "TLP:CLEAR")).unwrap();
    let mut gui = setup.gui(Some(cat.clone()));
    let empty = setup.dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(Command::RestoreLoggedVersion { id, from: empty }, &ctx);
    }
    settle(&mut gui);
    let message = app(&mut gui).message().unwrap_or_default().to_string();
    assert!(message.contains("No copy of this record"), "{message}");
}
