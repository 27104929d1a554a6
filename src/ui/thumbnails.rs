//! Thumbnail textures: asked for by the panels, made by the `Thumbnailer` threads, kept in a
//! least-recently-used cache of a fixed size (egui's own image loaders never let go).

use std::collections::HashMap;
use std::path::Path;

use eframe::egui::{self, TextureHandle, TextureOptions};

use super::thumbnailer::{ThumbDone, ThumbKey, Thumbnailer};

/// How many textures stay in memory (256 px each side at most: about 64 MB).
pub const TEXTURE_BUDGET: usize = 256;

enum Entry {
    Loading,
    Ready { texture: TextureHandle, used: u64 },
    Failed(String),
}

/// What a panel gets when it asks for a thumbnail.
pub enum Thumb<'a> {
    Ready(&'a TextureHandle),
    Loading,
    Failed(&'a str),
}

pub struct Thumbnails {
    worker: Thumbnailer,
    entries: HashMap<ThumbKey, Entry>,
    frame: u64,
}

impl Thumbnails {
    pub fn new(ctx: egui::Context) -> Self {
        Thumbnails {
            worker: Thumbnailer::spawn(ctx),
            entries: HashMap::new(),
            frame: 0,
        }
    }

    /// The thumbnail for `key`, asking the workers for it the first time.
    pub fn get(
        &mut self,
        key: &ThumbKey,
        original: crate::durable::vault::Source<'_>,
        cache_dir: Option<&Path>,
    ) -> Thumb<'_> {
        if !self.entries.contains_key(key) {
            self.worker.request(key.clone(), original, cache_dir);
            self.entries.insert(key.clone(), Entry::Loading);
        }
        let frame = self.frame;
        match self.entries.get_mut(key) {
            Some(Entry::Ready { texture, used }) => {
                *used = frame;
                Thumb::Ready(texture)
            }
            Some(Entry::Failed(why)) => Thumb::Failed(why),
            _ => Thumb::Loading,
        }
    }

    /// Takes in finished thumbnails and evicts the least recently used beyond the budget.
    /// Call once per frame.
    pub fn update(&mut self, ctx: &egui::Context) {
        self.frame += 1;
        for done in self.worker.poll() {
            self.take(ctx, done);
        }
        self.evict();
    }

    /// Turns a finished thumbnail into a texture (or remembers why there is none).
    fn take(&mut self, ctx: &egui::Context, done: ThumbDone) {
        let entry = match done.result {
            Ok(image) => Entry::Ready {
                texture: ctx.load_texture(
                    format!("thumb-{}-{}", done.key.sha256, done.key.obscured),
                    image,
                    TextureOptions::LINEAR,
                ),
                used: self.frame,
            },
            Err(why) => Entry::Failed(why),
        };
        self.entries.insert(done.key, entry);
    }

    fn evict(&mut self) {
        let ready = self
            .entries
            .values()
            .filter(|e| matches!(e, Entry::Ready { .. }))
            .count();
        if ready <= TEXTURE_BUDGET {
            return;
        }
        let mut by_age: Vec<(u64, ThumbKey)> = self
            .entries
            .iter()
            .filter_map(|(k, e)| match e {
                Entry::Ready { used, .. } => Some((*used, k.clone())),
                _ => None,
            })
            .collect();
        by_age.sort_by_key(|(used, _)| *used);
        for (_, key) in by_age.into_iter().take(ready - TEXTURE_BUDGET) {
            // Dropping the handle frees the texture.
            self.entries.remove(&key);
        }
    }

    /// Whether this picture is loaded as a texture now.
    pub fn is_ready(&self, key: &ThumbKey) -> bool {
        matches!(self.entries.get(key), Some(Entry::Ready { .. }))
    }

    /// Why this picture has no preview, when making it failed.
    pub fn failure(&self, key: &ThumbKey) -> Option<&str> {
        match self.entries.get(key) {
            Some(Entry::Failed(why)) => Some(why),
            _ => None,
        }
    }

    pub fn busy(&self) -> usize {
        self.worker.busy()
    }

    /// Drops everything (another catalogue opened).
    pub fn clear(&mut self) {
        self.worker.clear();
        self.entries.clear();
    }

    /// Waits for requested thumbnails and takes them in (tests only).
    pub fn wait_idle(&mut self, ctx: &egui::Context) {
        for done in self.worker.wait_idle(std::time::Duration::from_secs(30)) {
            self.take(ctx, done);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(i: usize) -> ThumbKey {
        ThumbKey {
            sha256: crate::model::Sha256::parse(&format!("{i:064}")).unwrap(),
            obscured: false,
        }
    }

    #[test]
    fn textures_stay_within_the_budget_and_the_least_recently_used_go_first() {
        let ctx = egui::Context::default();
        let mut thumbs = Thumbnails::new(ctx.clone());
        let pixels = || egui::ColorImage::filled([256, 192], egui::Color32::GRAY);
        for i in 0..TEXTURE_BUDGET + 40 {
            thumbs.frame += 1;
            thumbs.take(
                &ctx,
                ThumbDone {
                    key: key(i),
                    result: Ok(pixels()),
                },
            );
            // The first picture stays in view: it is used every frame.
            if let Some(Entry::Ready { used, .. }) = thumbs.entries.get_mut(&key(0)) {
                *used = thumbs.frame;
            }
            thumbs.evict();
        }
        let ready = (0..TEXTURE_BUDGET + 40)
            .filter(|i| thumbs.is_ready(&key(*i)))
            .count();
        assert_eq!(ready, TEXTURE_BUDGET);
        assert!(thumbs.is_ready(&key(0)), "the picture in view was evicted");
        assert!(
            !thumbs.is_ready(&key(1)),
            "the oldest unused picture stayed"
        );
        assert!(thumbs.is_ready(&key(TEXTURE_BUDGET + 39)));
    }
}
