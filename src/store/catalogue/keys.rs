//! The ways into an encrypted catalogue: its passphrases (one per person, each with a
//! label that anyone with the folder can read) and its recovery key. Adding, removing and
//! changing one rewraps the same catalogue key: nothing else is re-encrypted, so a person
//! whose passphrase is removed may still hold the key they once unwrapped (rotating the
//! key is the step that shuts them out). Each change is logged.

use super::Catalogue;
use crate::audit::{Action, AuditDraft};
use crate::durable::keyring::{KdfParams, WrappedKey, wrap_with_passphrase};
use crate::durable::vault::sealed_error;
use crate::store::StoreError;
use crate::store::catalogue::MIN_PASSPHRASE;
use crate::store::layout::META_FILE;

/// One way into an encrypted catalogue, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    /// `passphrase` or `recovery`.
    pub kind: String,
    /// The passphrase's label (public: an initial or a role, not a name).
    pub label: String,
}

impl Catalogue {
    /// The ways into the catalogue (empty when it is plain).
    pub fn keys(&self) -> Vec<KeyEntry> {
        self.encryption
            .iter()
            .flat_map(|e| &e.keys)
            .map(|w| KeyEntry {
                kind: w.kind.clone(),
                label: w.label.clone(),
            })
            .collect()
    }

    /// Adds a passphrase under `label` (for a colleague), logged.
    pub fn add_passphrase(
        &mut self,
        label: &str,
        passphrase: &str,
        kdf: KdfParams,
        actor: &str,
    ) -> Result<(), StoreError> {
        let wrap = self.new_wrap(label.trim(), passphrase, kdf)?;
        self.add_wrapped(wrap, actor)
    }

    /// What wraps the key for a new passphrase, to be run off the UI thread (the key
    /// derivation takes a moment): checks the label and passphrase now, and gives back a
    /// job that makes the wrap for [`Catalogue::add_wrapped`].
    pub fn passphrase_wrapper(
        &self,
        label: &str,
        passphrase: zeroize::Zeroizing<String>,
        kdf: KdfParams,
    ) -> Result<impl FnOnce() -> Result<WrappedKey, StoreError> + Send + 'static, StoreError> {
        self.check_new_passphrase(label.trim(), &passphrase)?;
        let key = self
            .key
            .clone()
            .ok_or_else(|| StoreError::NotEncrypted(self.root.clone()))?;
        let (id, label, path) = (
            self.meta.id.to_string(),
            label.trim().to_string(),
            self.root.join(META_FILE),
        );
        Ok(move || {
            wrap_with_passphrase(&key, &id, &label, &passphrase, kdf)
                .map_err(|e| StoreError::io("save", &path, sealed_error(e)))
        })
    }

    /// Puts a passphrase wrap made by [`Catalogue::passphrase_wrapper`] in place of the
    /// one with its label (a changed passphrase), logged.
    pub fn replace_wrapped(&mut self, wrap: WrappedKey, actor: &str) -> Result<(), StoreError> {
        let label = wrap.label.clone();
        self.change_keys(actor, format!("passphrase '{label}' changed"), |keys| {
            let at = position(keys, &label)?;
            keys[at] = wrap;
            Ok(())
        })
    }

    /// Adds a passphrase wrap made by [`Catalogue::passphrase_wrapper`], logged.
    pub fn add_wrapped(&mut self, wrap: WrappedKey, actor: &str) -> Result<(), StoreError> {
        let label = wrap.label.clone();
        if self.keys().iter().any(|k| k.label == label) {
            return Err(StoreError::NameTaken {
                what: "passphrase",
                name: label,
            });
        }
        self.change_keys(actor, format!("passphrase '{label}' added"), |keys| {
            keys.push(wrap);
            Ok(())
        })
    }

    /// Replaces the passphrase labelled `label` with a new one, logged.
    pub fn change_passphrase(
        &mut self,
        label: &str,
        passphrase: &str,
        kdf: KdfParams,
        actor: &str,
    ) -> Result<(), StoreError> {
        let wrap = self.new_wrap(label.trim(), passphrase, kdf)?;
        self.replace_wrapped(wrap, actor)
    }

    /// Removes the passphrase labelled `label`, logged. The last passphrase cannot be
    /// removed (add another first): the recovery key alone is for emergencies.
    pub fn remove_passphrase(&mut self, label: &str, actor: &str) -> Result<(), StoreError> {
        let note = format!(
            "passphrase '{}' removed (whoever knew it may have kept the key; rotate the key to shut them out)",
            label.trim()
        );
        self.change_keys(actor, note, |keys| {
            let at = position(keys, label)?;
            let passphrases = keys.iter().filter(|w| w.kind == "passphrase").count();
            if passphrases <= 1 {
                return Err(StoreError::LastPassphrase);
            }
            keys.remove(at);
            Ok(())
        })
    }

    /// Whether a new passphrase may be added under `label`: the catalogue writable and
    /// encrypted, a label, a passphrase long enough.
    fn check_new_passphrase(&self, label: &str, passphrase: &str) -> Result<(), StoreError> {
        self.ensure_writable()?;
        if self.key.is_none() {
            return Err(StoreError::NotEncrypted(self.root.clone()));
        }
        if label.is_empty() || label == "recovery" {
            return Err(StoreError::NoName("passphrase"));
        }
        if passphrase.chars().count() < MIN_PASSPHRASE {
            return Err(StoreError::ShortPassphrase(MIN_PASSPHRASE));
        }
        Ok(())
    }

    fn new_wrap(
        &self,
        label: &str,
        passphrase: &str,
        kdf: KdfParams,
    ) -> Result<WrappedKey, StoreError> {
        self.check_new_passphrase(label, passphrase)?;
        let Some(key) = &self.key else {
            return Err(StoreError::NotEncrypted(self.root.clone()));
        };
        let id = self.meta.id.to_string();
        wrap_with_passphrase(key, &id, label, passphrase, kdf)
            .map_err(|e| StoreError::io("save", &self.root.join(META_FILE), sealed_error(e)))
    }

    /// Logs `note`, then writes `dossier.json` with the keys `change` leaves.
    fn change_keys(
        &mut self,
        actor: &str,
        note: String,
        change: impl FnOnce(&mut Vec<WrappedKey>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let Some(mut encryption) = self.encryption.clone() else {
            return Err(StoreError::NotEncrypted(self.root.clone()));
        };
        change(&mut encryption.keys)?;
        self.audit
            .append(&[AuditDraft::new(actor, Action::KeysChanged).note(note)])?;
        let previous = self.encryption.replace(encryption);
        let meta = self.meta.clone();
        if let Err(e) = self.write_meta_file(&meta) {
            self.encryption = previous;
            return Err(e);
        }
        Ok(())
    }
}

fn position(keys: &[WrappedKey], label: &str) -> Result<usize, StoreError> {
    keys.iter()
        .position(|w| w.kind == "passphrase" && w.label == label.trim())
        .ok_or_else(|| StoreError::NoSuchPassphrase(label.trim().to_string()))
}
