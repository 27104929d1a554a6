fn main() {
    eprintln!("dossier: the command line and the app are not built yet");
    std::process::exit(1);
}
