//! What a verification reports as it goes: each problem found (what, where, expected,
//! found) and how far the hashing is.

use std::path::PathBuf;

/// One thing found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyProblem {
    /// The file the problem is in.
    pub path: PathBuf,
    /// What is wrong.
    pub what: String,
    /// What should be there.
    pub expected: String,
    /// What is there.
    pub found: String,
}

impl std::fmt::Display for VerifyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::text::one_line;
        write!(
            f,
            "{}: {}\n    expected: {}\n    found:    {}",
            one_line(&self.path.display().to_string()),
            one_line(&self.what),
            one_line(&self.expected),
            one_line(&self.found)
        )
    }
}

/// How far a verification is: bytes of originals hashed so far, of all.
#[derive(Debug, Clone, Copy, Default)]
pub struct VerifyProgress {
    /// Bytes of originals hashed so far.
    pub bytes_done: u64,
    /// Bytes of all originals.
    pub bytes_total: u64,
}

/// A problem at `path`: what is wrong, what was expected and what was found.
pub(super) fn problem(
    path: PathBuf,
    what: impl Into<String>,
    expected: impl Into<String>,
    found: impl Into<String>,
) -> VerifyProblem {
    VerifyProblem {
        path,
        what: what.into(),
        expected: expected.into(),
        found: found.into(),
    }
}
