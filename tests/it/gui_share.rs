//! Sharing in the app, driven through egui_kittest: the review queue and its bulk actions,
//! the editor's review steps, recipients, and the share wizard's preview and export.

use crate::common::gui::*;
use dossier::audit::Action;
use dossier::model::{Label, RecipientKind, ReviewState};
use dossier::share;
use dossier::ui::Command;
use eframe::egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

fn in_review(path: &std::path::Path) -> Vec<String> {
    share::review_queue(&reopen(path))
        .into_iter()
        .map(|i| i.title)
        .collect()
}

#[test]
fn the_review_queue_approves_many_records_at_once_with_a_comment() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let waiting = in_review(&cat);
    assert!(waiting.len() >= 3, "{waiting:?}");
    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_label(&format!("Review queue ({})", waiting.len()))
        .click();
    settle(&mut gui);
    // Every waiting record is listed.
    for title in &waiting {
        gui.get_by_label(title);
    }
    // Nothing ticked: the bulk actions are off.
    let button = gui.get_by_role_and_label(Role::Button, "Approve selected");
    assert!(button.accesskit_node().is_disabled());
    gui.get_by_label(&format!("Select all {}", waiting.len()))
        .click();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Comment")
        .focus();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Comment")
        .type_text("Sources checked");
    frames(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Approve selected")
        .click();
    settle(&mut gui);
    let after = reopen(&cat);
    for title in &waiting {
        let r = after.records().iter().find(|r| &r.title == title).unwrap();
        assert_eq!(r.review, ReviewState::Approved, "{title}");
        let approval = after
            .audit()
            .for_record(&r.id)
            .into_iter()
            .find(|e| e.action == Action::ReviewChanged)
            .unwrap();
        assert_eq!(approval.actor, "Tester");
        assert_eq!(approval.note, "Sources checked");
    }
    assert!(in_review(&cat).is_empty());
    gui.get_by_label("Nothing is waiting for review.");
    gui.get_by_label("Review queue (0)");
}

#[test]
fn the_review_queue_requests_changes_only_with_a_comment() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let waiting = in_review(&cat);
    let first = waiting[0].clone();
    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_label(&format!("Review queue ({})", waiting.len()))
        .click();
    settle(&mut gui);
    gui.get_by_label(&format!("Select {first}")).click();
    frames(&mut gui);
    let button = gui.get_by_role_and_label(Role::Button, "Request changes");
    assert!(button.accesskit_node().is_disabled());
    gui.get_by_role_and_label(Role::TextInput, "Comment")
        .focus();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Comment")
        .type_text("Add the source URL");
    frames(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Request changes")
        .click();
    settle(&mut gui);
    let r = reopen(&cat)
        .records()
        .iter()
        .find(|r| r.title == first)
        .cloned()
        .unwrap();
    assert_eq!(r.review, ReviewState::ChangesRequested);
    assert_eq!(r.review_comment, "Add the source URL");
    assert_eq!(in_review(&cat).len(), waiting.len() - 1);
}

#[test]
fn the_editor_submits_and_approves_and_an_edit_withdraws_the_approval() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let title = "Tigran Hovhannisyan";
    let id = find_id(&cat, title);
    assert_eq!(reopen(&cat).get(&id).unwrap().review, ReviewState::Draft);
    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_label(title).click();
    settle(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Submit for review")
        .click();
    settle(&mut gui);
    assert_eq!(reopen(&cat).get(&id).unwrap().review, ReviewState::InReview);
    // Two people for every approval: whoever submitted it cannot approve it.
    assert!(
        gui.get_by_role_and_label(Role::Button, "Approve")
            .accesskit_node()
            .is_disabled()
    );
    gui.get_by_label_contains("another person approves it");
    // A colleague sits down at the desk and approves it.
    app(&mut gui).settings.user_name = "Second Reviewer".into();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Approve").click();
    settle(&mut gui);
    assert_eq!(reopen(&cat).get(&id).unwrap().review, ReviewState::Approved);
    gui.get_by_label("Changing its content or label returns it to review.");
    // An edit to the content: the approval covered the old content.
    gui.get_by_role_and_label(Role::TextInput, "Place").focus();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Place")
        .type_text("Shushi");
    frames(&mut gui);
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(Command::SaveNow, &ctx);
    }
    settle(&mut gui);
    assert_eq!(reopen(&cat).get(&id).unwrap().review, ReviewState::InReview);
    // The editor says so, not silently; and the one who changed it may not approve it.
    gui.get_by_label_contains("Approval withdrawn");
    assert!(
        gui.get_by_role_and_label(Role::Button, "Approve")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_single_person_office_turns_two_people_off_in_preferences_and_it_is_logged() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let title = "Tigran Hovhannisyan";
    let id = find_id(&cat, title);
    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_label("Edit").click();
    frames(&mut gui);
    gui.get_by_label("Preferences...").click();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::CheckBox, "Two people for every approval")
        .click();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Save").click();
    settle(&mut gui);
    let on_disk = reopen(&cat);
    assert!(!on_disk.meta().two_people_approve);
    let last = on_disk.audit().with_entries(|e| e.last().cloned()).unwrap();
    assert!(
        last.note
            .contains("two people for every approval: on -> off"),
        "{}",
        last.note
    );

    gui.get_by_label(title).click();
    settle(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Submit for review")
        .click();
    settle(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Approve").click();
    settle(&mut gui);
    assert_eq!(reopen(&cat).get(&id).unwrap().review, ReviewState::Approved);
}

#[test]
fn recipients_are_added_in_their_window() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let before = reopen(&cat).recipients().len();
    let mut gui = setup.gui(Some(cat.clone()));
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(Command::ShowRecipients, &ctx);
    }
    settle(&mut gui);
    gui.get_by_label("Mediator for the exchange of prisoners");
    gui.get_by_role_and_label(Role::TextInput, "Name").focus();
    frames(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Name")
        .type_text("Office of the UN High Commissioner for Human Rights");
    frames(&mut gui);
    gui.get_by_role_and_label(Role::Button, "Add recipient")
        .click();
    settle(&mut gui);
    let after = reopen(&cat);
    assert_eq!(after.recipients().len(), before + 1);
    let r = after
        .recipient("Office of the UN High Commissioner for Human Rights")
        .unwrap();
    assert_eq!(r.kind, RecipientKind::InternationalOrganisation);
    assert_eq!(r.max_label, Label::Green);
}

#[test]
fn the_share_wizard_previews_what_goes_and_why_the_rest_stays_then_exports() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let name = "OSCE Office for Democratic Institutions and Human Rights";
    let expected = {
        let c = reopen(&cat);
        share::plan(&c, c.recipient(name).unwrap(), None)
    };
    assert!(!expected.included.is_empty() && !expected.held.is_empty());
    let mut gui = setup.gui(Some(cat.clone()));
    gui.get_by_label("Sharing").click();
    frames(&mut gui);
    gui.get_by_label_contains("Share with a recipient...")
        .click();
    settle(&mut gui);
    gui.get_by_label("Choose a recipient to see what would go in and what is held back.");
    gui.get_by_role_and_label(Role::ComboBox, "Recipient")
        .click();
    frames(&mut gui);
    gui.get_by_label(&format!("{name}  (International organisation)"))
        .click();
    settle(&mut gui);
    let s = |n: usize| if n == 1 { "" } else { "s" };
    gui.get_by_label(&format!(
        "Goes in: {} record{}, {} file{}",
        expected.included.len(),
        s(expected.included.len()),
        expected.attachment_count(),
        s(expected.attachment_count())
    ));
    // Every held-back record is listed with its reason.
    for reason in [
        "— label above clearance (TLP:AMBER+STRICT is above TLP:AMBER)",
        "— not approved (Draft)",
    ] {
        assert!(gui.query_all_by_label(reason).next().is_some(), "{reason}");
    }
    for h in &expected.held {
        assert!(
            gui.query_all_by_label(&h.title).next().is_some(),
            "{} is not listed",
            h.title
        );
    }
    // Export (the native save dialog cannot be driven here; the command it gives is).
    let out = setup.dir.path().join("for-osce.zip");
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(Command::StartShare(out.clone()), &ctx);
    }
    settle(&mut gui);
    gui.get_by_label_contains("Package written:");
    // Encrypted by default: the passphrase is shown once, to give the recipient another way.
    gui.get_by_label_contains("The package is encrypted.");
    let passphrase = app(&mut gui)
        .share_wizard
        .as_ref()
        .and_then(|w| w.passphrase.clone())
        .expect("the passphrase is shown");
    assert!(share::is_protected(&out));
    let inner = share::unprotect(&out, &passphrase).unwrap();
    let report = share::verify_package(inner.path()).unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.manifest.records, expected.included.len());
    assert_eq!(
        report.manifest.created_by, "Sample: Artsakh 2020 case files",
        "packages name the office (here the title), not the person"
    );
    // And the sharing log knows.
    let disclosed = reopen(&cat)
        .audit()
        .filtered(&Default::default())
        .into_iter()
        .filter(|e| e.action == Action::Disclosed)
        .count();
    assert_eq!(disclosed, expected.included.len());
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(Command::ShowSharingLog, &ctx);
    }
    settle(&mut gui);
    gui.get_by_label_contains(&format!("{name}  —  {} record", expected.included.len()));
}

/// Writes a package of `cat` for its public recipient to `pkg`, as another office would
/// (encrypted under `passphrase` when one is given).
fn package_for_the_public(
    cat: &std::path::Path,
    pkg: &std::path::Path,
    passphrase: Option<zeroize::Zeroizing<String>>,
) {
    let c = dossier::store::Catalogue::open(
        cat,
        dossier::store::OpenOptions {
            user: "Other office".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let recipient = c.recipient("Public").unwrap().clone();
    let plan = share::plan(&c, &recipient, None);
    assert!(!plan.included.is_empty());
    let mut job = share::prepare(&c, &plan, "Other office").unwrap();
    job.protect = passphrase.map(share::PackagePassphrase);
    share::write_package(&job, pkg, &|_, _| {}, &Default::default()).unwrap();
}

#[test]
fn a_received_package_opens_read_only_in_the_app() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let pkg = setup.dir.path().join("from-another-office.zip");
    package_for_the_public(&cat, &pkg, None);
    let mut gui = setup.gui(None);
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(Command::Receive(pkg), &ctx);
    }
    frames(&mut gui);
    // Where it goes (under the data folder's received/, named after the package) and
    // the passphrase of the new catalogue, typed twice: encrypted by default.
    gui.get_by_label("Receive a package");
    let folder = app(&mut gui)
        .dialogs
        .new_catalogue
        .as_ref()
        .unwrap()
        .folder
        .clone();
    assert!(folder.ends_with("from-another-office"), "{folder}");
    assert!(gui.get_by_label("Receive").accesskit_node().is_disabled());
    for field in ["Passphrase", "The same passphrase again"] {
        gui.get_by_label(field).click();
        frames(&mut gui);
        gui.get_by_label(field).type_text("the river bends at dawn");
        frames(&mut gui);
    }
    gui.get_by_label("Receive").click();
    settle(&mut gui);
    settle(&mut gui);
    let session = app(&mut gui)
        .session
        .as_ref()
        .expect("the received catalogue is open, unlocked by the passphrase just typed");
    assert!(!session.cat.is_writable());
    assert!(session.cat.is_encrypted());
    assert_eq!(session.cat.root(), std::path::Path::new(&folder));
    assert!(
        session
            .cat
            .records()
            .iter()
            .all(|r| r.label == Label::Clear)
    );
    gui.get_by_label("Read-only");
    gui.get_by_label("Statement on detained former leaders shown on state television");
    assert!(
        app(&mut gui).dialogs.recovery_key.is_some(),
        "its recovery key is shown"
    );
}

#[test]
fn the_share_wizard_says_what_metadata_goes_and_who_the_package_is_from() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let mut gui = setup.gui(Some(cat.clone()));
    {
        let ctx = gui.ctx.clone();
        app(&mut gui).run(Command::OpenShareWizard, &ctx);
    }
    settle(&mut gui);
    app(&mut gui).share_wizard.as_mut().unwrap().recipient = Some("Public".into());
    settle(&mut gui);
    // The checkbox is named by its row, "Files".
    let strip = "Files";
    gui.get_by_role_and_label(Role::CheckBox, strip);
    gui.get_by_label_contains("The default for the public");
    gui.get_by_label_contains("(the office; not your name)");
    // Keeping it is a deliberate choice, and the plan follows.
    gui.get_by_role_and_label(Role::CheckBox, strip).click();
    settle(&mut gui);
    gui.get_by_label_contains("Sent WITH embedded metadata, deliberately");
    let w = app(&mut gui).share_wizard.as_ref().unwrap();
    assert_eq!(w.keep_metadata, Some(true));
    let plan = app_wizard_plan(&mut gui);
    assert!(!plan.strip_metadata && plan.metadata_choice_deliberate);
}

fn app_wizard_plan(gui: &mut Gui) -> share::SharePlan {
    let app = app(gui);
    let (w, s) = (
        app.share_wizard.as_mut().unwrap(),
        app.session.as_mut().unwrap(),
    );
    w.plan(s).unwrap().clone()
}

#[test]
fn an_encrypted_package_asks_for_its_passphrase_before_it_is_received() {
    let setup = Setup::returning_user();
    let cat = setup.sample();
    let pkg = setup.dir.path().join("sealed-from-another-office.zip");
    let passphrase = share::new_package_passphrase().unwrap();
    package_for_the_public(&cat, &pkg, Some(passphrase.clone()));
    let mut gui = setup.gui(None);
    settle(&mut gui);
    let root = |gui: &mut Gui| {
        app(gui)
            .session
            .as_ref()
            .map(|s| s.cat.root().to_path_buf())
    };
    let before = root(&mut gui);
    let ctx = gui.ctx.clone();
    app(&mut gui).run(Command::Receive(pkg.clone()), &ctx);
    frames(&mut gui);
    // A plain catalogue, deliberately: no passphrase for it is needed.
    gui.get_by_label("Plain: do not encrypt it (a public archive)")
        .click();
    frames(&mut gui);
    gui.get_by_label("Receive").click();
    frames(&mut gui);
    gui.get_by_label("Open an encrypted package");
    // A wrong passphrase: asked again, saying so; nothing received.
    if let Some(form) = app(&mut gui).dialogs.package_passphrase.as_mut() {
        form.passphrase = "AAAA-BBBB-CCCC-DDDD-EEEE".to_string().into();
    }
    app(&mut gui).run(Command::ReceiveProtected, &ctx);
    settle(&mut gui);
    let error = app(&mut gui)
        .dialogs
        .package_passphrase
        .as_ref()
        .and_then(|f| f.error.clone())
        .expect("asked again");
    assert!(error.contains("does not open the package"), "{error}");
    assert_eq!(root(&mut gui), before, "nothing was received");
    // The right one: received and opened, read-only.
    if let Some(form) = app(&mut gui).dialogs.package_passphrase.as_mut() {
        form.passphrase = passphrase.clone();
    }
    gui.get_by_label("Open").click();
    settle(&mut gui);
    settle(&mut gui);
    assert_ne!(root(&mut gui), before, "the received catalogue is open");
    let session = app(&mut gui).session.as_ref().unwrap();
    assert!(!session.cat.is_writable());
    assert!(!session.cat.is_encrypted(), "plain, as chosen");
    assert!(!session.cat.records().is_empty());
    assert!(app(&mut gui).dialogs.recovery_key.is_none());
}
