//! `dossier`: with no command (or `open PATH`) it starts the desktop app; other commands
//! run the command line over the same core. Errors go to stderr with exit code 1.

use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, Cli, Command};
use dossier::text::{InertWriter, inert};

fn main() -> ExitCode {
    dossier::memory::return_freed_memory_promptly();
    let args = match Cli::try_parse() {
        Ok(args) => args,
        // --help and --version print to stdout and succeed; usage errors exit with 1 like
        // every other error.
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match &args.command {
        None => desktop_app(None),
        Some(Command::Open { path }) => desktop_app(Some(path.clone())),
        Some(_) => {
            // Whatever a command prints may hold text from files and packages: it reaches
            // the terminal inert (see dossier::text).
            let mut out = InertWriter::new(std::io::stdout().lock());
            cli::run(&args, &mut out).map_err(|e| e.to_string())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dossier: {}", inert(&message));
            ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "gui")]
fn desktop_app(path: Option<std::path::PathBuf>) -> Result<(), String> {
    dossier::ui::run(path)
}

#[cfg(not(feature = "gui"))]
fn desktop_app(_path: Option<std::path::PathBuf>) -> Result<(), String> {
    Err("this build of dossier has no desktop app (built without the \"gui\" feature); use the commands listed by `dossier --help`".into())
}
