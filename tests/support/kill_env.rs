//! What the kill harnesses read from the environment: how many kills, and the seed that
//! replays a sequence (printed on a failure).

/// The number in `var`, or `default`.
pub fn count(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `DOSSIER_KILL_SEED`, or one from the clock.
pub fn seed() -> u64 {
    std::env::var("DOSSIER_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
}
