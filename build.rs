// The sample catalogue is built into the program (src/sample.rs): rebuild when it changes.
fn main() {
    println!("cargo:rerun-if-changed=assets/sample");
}
