//! What the core says reaches a person in the app's language (issue 16, item 12): errors,
//! a log entry's details, and the package report; the command line stays English.

use crate::common::gui::*;
use dossier::i18n::{Language, set_language};
use dossier::store::{ReadOnlyReason, StoreError};
use eframe::egui::{Key, Modifiers};
use std::path::PathBuf;

#[test]
fn the_cores_errors_speak_the_threads_language_and_english_is_unchanged() {
    let missing = StoreError::FolderMissing(PathBuf::from("/media/usb/Case files"));
    let own = StoreError::OwnSubmission("Strike".into());
    let read_only = StoreError::ReadOnly(ReadOnlyReason::OpenElsewhere(None));
    set_language(Language::English);
    // Scripts read these: the English words are the ones the command line always gave.
    assert_eq!(
        missing.to_string(),
        "The folder /media/usb/Case files does not exist. Was it moved or renamed, or is its drive unplugged?"
    );
    assert!(
        own.to_string()
            .starts_with("You submitted 'Strike' for review")
    );
    assert_eq!(
        read_only.to_string(),
        "This catalogue is read-only: it is open in another Dossier. Close it there to edit it here. Nothing was changed."
    );
    set_language(Language::Russian);
    assert_eq!(
        missing.to_string(),
        "Папки /media/usb/Case files нет. Её переместили или переименовали, или отключён диск?"
    );
    assert!(
        own.to_string().starts_with("Вы отправили 'Strike'"),
        "{own}"
    );
    set_language(Language::Armenian);
    assert!(
        read_only.to_string().contains("մեկ այլ Dossier-ում"),
        "{read_only}"
    );
    let io = StoreError::io(
        "read",
        std::path::Path::new("/x/records/a.json"),
        std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    );
    assert!(
        io.to_string()
            .starts_with("Չհաջողվեց կարդալ /x/records/a.json"),
        "{io}"
    );
    set_language(Language::English);
}

#[test]
fn an_error_from_the_core_is_shown_in_the_apps_language() {
    use egui_kittest::kittest::Queryable;
    let setup = Setup::speaking("ru");
    let mut gui = setup.gui(Some(setup.sample()));
    let ctx = gui.ctx.clone();
    let gone = setup.sample().with_file_name("Нет такой папки");
    app(&mut gui).run(dossier::ui::Command::OpenCatalogue(gone.clone()), &ctx);
    settle(&mut gui);
    gui.get_by_label_contains(&format!("Папки {} нет", gone.display()));
}

#[test]
fn the_history_names_fields_in_the_apps_language() {
    use eframe::egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let setup = Setup::speaking("ru");
    let title = "Strike on a residential street";
    let (_, _, mut gui) = setup.open_on_record(title);
    gui.get_by_role_and_label(Role::TextInput, "Заголовок")
        .focus();
    frames(&mut gui);
    gui.key_press_modifiers(Modifiers::COMMAND, Key::A);
    frames(&mut gui);
    gui.get_by_role_and_label(Role::TextInput, "Заголовок")
        .type_text("Strike on Kamo street");
    frames(&mut gui);
    gui.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut gui);
    gui.key_press(Key::Escape);
    gui.get_by_label("История").click();
    settle(&mut gui);
    gui.get_by_label(&format!("Заголовок: {title} -> Strike on Kamo street"));
}

/// Makes a catalogue with one approved record and a recipient, as the command line does.
fn catalogue_ready_to_share(cli: &crate::common::Cli) -> String {
    let cat = cli.path("cat");
    let cat = cat.to_str().unwrap().to_string();
    cli.ok(&["new", &cat, "--title", "Case files", "--plain"]);
    let id = cli
        .ok(&[
            "add", &cat, "--kind", "report", "--title", "Report", "--label", "green",
        ])
        .0
        .trim()
        .to_string();
    cli.ok(&["review", &cat, &id, "--submit"]);
    cli.ok(&[
        "review",
        &cat,
        &id,
        "--approve",
        "--user",
        "Second Reviewer",
    ]);
    cli.ok(&[
        "recipients",
        &cat,
        "add",
        "OSCE",
        "--kind",
        "international-organisation",
        "--max-label",
        "green",
    ]);
    cat
}

#[test]
fn the_package_report_is_written_in_the_language_asked_for() {
    let cli = crate::common::Cli::new();
    let cat = catalogue_ready_to_share(&cli);
    let english = cli.path("english");
    let armenian = cli.path("armenian");
    let share = |out: &PathBuf, more: &[&str]| {
        let mut args = vec!["share", &cat, "--recipient", "OSCE", "--out"];
        args.push(out.to_str().unwrap());
        args.extend_from_slice(more);
        cli.ok(&args).0
    };
    share(&english, &[]);
    let printed = share(&armenian, &["--report-language", "hy"]);
    assert!(
        printed.contains("Wrote package"),
        "the command still speaks English: {printed}"
    );
    let english = std::fs::read_to_string(english.join("index.html")).unwrap();
    let armenian = std::fs::read_to_string(armenian.join("index.html")).unwrap();
    assert!(
        english.contains("<html lang=\"en\">") && english.contains("Evidence package for OSCE")
    );
    assert!(armenian.contains("<html lang=\"hy\">"), "{armenian}");
    assert!(armenian.contains("Ապացույցների փաթեթ OSCE-ի համար"));
    assert!(
        armenian.contains("Միջազգային կազմակերպություն"),
        "the recipient's kind"
    );
    assert!(!armenian.contains("Evidence package"));
    let (_, err) = cli.fails(&[
        "share",
        &cat,
        "--recipient",
        "OSCE",
        "--dry-run",
        "--report-language",
        "de",
    ]);
    assert!(err.contains("'de' is not a report language"), "{err}");
}
