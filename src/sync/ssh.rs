//! Originals over an ssh remote: kept with the repository on the server, in
//! `<repository>/dossier-originals/` as on a folder remote, streamed through the `ssh`
//! program (the one git uses; `DOSSIER_SSH` names another) with flat memory. What comes
//! is checked by hash before it is put in place; what goes is written to a temp name on
//! the server and renamed only once all of it arrived. The server needs a POSIX shell
//! (`sh`, `cat`, `mkdir`, `mv`, `ls`), as git's own ssh transport does.

use std::collections::{BTreeSet, HashSet};
use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use super::SyncError;
use super::originals::{REMOTE_ORIGINALS, place_checked};
use crate::model::Sha256;
use crate::store::BlobStore;

/// An ssh remote: whom to reach (`user@host`), on which port, and the repository's path
/// there (relative to the home folder in the `host:path` form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshRemote {
    host: String,
    port: Option<String>,
    path: String,
}

impl SshRemote {
    /// Reads `ssh://[user@]host[:port]/path` or `[user@]host:path`; `None` for anything else.
    pub fn parse(url: &str) -> Option<SshRemote> {
        if let Some(rest) = url.strip_prefix("ssh://") {
            let (authority, path) = rest.split_at(rest.find('/')?);
            let (host, port) = match authority.rsplit_once(':') {
                Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                    (h, Some(p.to_string()))
                }
                _ => (authority, None),
            };
            return (!host.is_empty()).then(|| SshRemote {
                host: host.to_string(),
                port,
                path: path.to_string(),
            });
        }
        let (host, path) = url.split_once(':')?;
        let plain_host = host.len() > 1 && !host.contains(['/', '\\']) && !host.starts_with('-');
        (plain_host && !path.is_empty()).then(|| SshRemote {
            host: host.to_string(),
            port: None,
            path: path.to_string(),
        })
    }

    fn dir(&self) -> String {
        format!("{}/{REMOTE_ORIGINALS}", self.path.trim_end_matches('/'))
    }

    /// `ssh` running `script` (a POSIX shell line) on the server.
    fn command(&self, script: &str) -> Command {
        let program = std::env::var_os("DOSSIER_SSH").unwrap_or_else(|| "ssh".into());
        let mut c = Command::new(program);
        c.args(["-o", "BatchMode=yes"]);
        if let Some(port) = &self.port {
            c.args(["-p", port]);
        }
        c.arg("--").arg(&self.host).arg(script);
        c
    }

    fn run(&self, script: &str) -> Result<Vec<u8>, SyncError> {
        let out = self
            .command(script)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| SyncError::Git(format!("ssh {}: {e}", self.host)))?;
        if !out.status.success() {
            return Err(SyncError::Git(format!(
                "ssh {}: {}",
                self.host,
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(out.stdout)
    }

    /// The names in the server's originals folder.
    fn listing(&self) -> Result<HashSet<String>, SyncError> {
        let dir = quote(&self.dir());
        let out = self.run(&format!("if [ -d {dir} ]; then ls -1 -- {dir}; fi"))?;
        Ok(String::from_utf8_lossy(&out)
            .lines()
            .map(str::to_string)
            .collect())
    }

    /// Copies to the server each original in `wanted` it lacks; returns how many.
    pub fn send(&self, blobs: &BlobStore, wanted: &BTreeSet<Sha256>) -> Result<usize, SyncError> {
        if wanted.is_empty() {
            return Ok(0);
        }
        let there = self.listing()?;
        let mut sent = 0;
        for sha in wanted {
            let local = blobs.path_of(sha);
            let name = stored_name(&local);
            if there.contains(&name) || !local.is_file() {
                continue;
            }
            let (dir, tmp) = (quote(&self.dir()), quote(&format!(".{name}.part")));
            let script = format!(
                "mkdir -p -- {dir} && cd -- {dir} && cat > {tmp} && mv -f -- {tmp} {}",
                quote(&name)
            );
            let mut child = self
                .command(&script)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .map_err(|e| SyncError::Git(format!("ssh {}: {e}", self.host)))?;
            let copied = (|| -> io::Result<()> {
                let mut input = std::fs::File::open(&local)?;
                let mut stdin = child.stdin.take().ok_or(io::ErrorKind::BrokenPipe)?;
                io::copy(&mut input, &mut stdin)?;
                stdin.flush()
            })();
            let out = child
                .wait_with_output()
                .map_err(|e| SyncError::Git(format!("ssh {}: {e}", self.host)))?;
            if let Err(e) = copied {
                return Err(SyncError::io(&local, e));
            }
            if !out.status.success() {
                return Err(SyncError::Git(format!(
                    "ssh {}: {}",
                    self.host,
                    String::from_utf8_lossy(&out.stderr).trim()
                )));
            }
            sent += 1;
        }
        Ok(sent)
    }

    /// Copies from the server each original in `wanted` this desktop lacks; returns how
    /// many came, and those the server does not have either.
    pub fn receive(
        &self,
        blobs: &BlobStore,
        wanted: &BTreeSet<Sha256>,
    ) -> Result<(usize, Vec<Sha256>), SyncError> {
        let missing: Vec<&Sha256> = wanted.iter().filter(|s| !blobs.contains(s)).collect();
        if missing.is_empty() {
            return Ok((0, Vec::new()));
        }
        let there = self.listing()?;
        std::fs::create_dir_all(blobs.dir()).map_err(|e| SyncError::io(blobs.dir(), e))?;
        let (mut came, mut absent) = (0, Vec::new());
        for sha in missing {
            let local = blobs.path_of(sha);
            let name = stored_name(&local);
            if !there.contains(&name) {
                absent.push(sha.clone());
                continue;
            }
            let remote = format!("{}/{name}", self.dir());
            let mut child = self
                .command(&format!("cat -- {}", quote(&remote)))
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| SyncError::Git(format!("ssh {}: {e}", self.host)))?;
            let mut stdout = child
                .stdout
                .take()
                .ok_or_else(|| SyncError::Git("ssh: no output".into()))?;
            let label = Path::new(&remote);
            let placed = place_checked(blobs, sha, &mut stdout, label, &local);
            drop(stdout);
            let _ = child.wait();
            placed?;
            came += 1;
        }
        Ok((came, absent))
    }
}

fn stored_name(local: &Path) -> String {
    local
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `text` as one word for a POSIX shell.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssh_urls_are_read_and_the_originals_sit_in_the_repository() {
        let r = SshRemote::parse("ssh://ana@office.lan:2222/srv/case.git").unwrap();
        assert_eq!(
            (r.host.as_str(), r.port.as_deref(), r.path.as_str()),
            ("ana@office.lan", Some("2222"), "/srv/case.git")
        );
        assert_eq!(r.dir(), "/srv/case.git/dossier-originals");
        let r = SshRemote::parse("ana@office.lan:case.git/").unwrap();
        assert_eq!(
            (r.host.as_str(), r.dir().as_str()),
            ("ana@office.lan", "case.git/dossier-originals")
        );
        assert!(SshRemote::parse("/media/usb/case.git").is_none());
        assert!(SshRemote::parse("C:\\case.git").is_none());
        assert_eq!(quote("it's"), r"'it'\''s'");
    }
}
