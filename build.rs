//! Build script: rebuilds when the bundled sample catalogue changes.

// The sample catalogue is built into the program (src/sample.rs): rebuild when it changes.
fn main() {
    println!("cargo:rerun-if-changed=assets/sample");
}
