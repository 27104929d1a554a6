//! Keys typed straight after Ctrl+N or Ctrl+F are kept, not lost.
//!
//! The shortcut only records a command; the field it is for (a new record's title, the
//! search box) is drawn and takes the keyboard a frame or two later. Text typed in between
//! (in the shortcut's own frame, or the next ones) would otherwise go nowhere: "Report
//! seven" was saved as "port seven". Until the field has the keyboard, the text events of
//! each frame are taken out of the input here and handed to the field when it appears.

use eframe::egui::{self, Event, Key};

/// The field that keys typed after a shortcut belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The title of the record Ctrl+N makes.
    NewTitle,
    /// The search box (Ctrl+F).
    Search,
}

/// How long typed keys wait for their field before they are given up (the field never
/// appeared: the shortcut did nothing).
const PATIENCE_SECONDS: f64 = 2.0;

/// Text typed after a shortcut whose field has not yet taken the keyboard.
#[derive(Default)]
pub struct Typeahead {
    waiting: Option<(Target, f64)>,
    text: String,
}

impl Typeahead {
    /// Called at the start of a frame, before the shortcuts are read. `new` and `find`
    /// say whether Ctrl+N and Ctrl+F would do something now. Takes out of this frame's
    /// input every text event that belongs to a field still to come.
    pub fn collect(&mut self, ctx: &egui::Context, new: bool, find: bool) {
        let now = ctx.input(|i| i.time);
        if let Some((_, since)) = self.waiting
            && now - since > PATIENCE_SECONDS
        {
            self.waiting = None;
            self.text.clear();
        }
        ctx.input_mut(|i| {
            // The first event whose text is taken: all of this frame's while waiting,
            // else those after the shortcut.
            let mut from = self.waiting.map(|_| 0);
            for (n, e) in i.events.iter().enumerate() {
                if let Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } = e
                    && modifiers.command
                    && !modifiers.shift
                    && !modifiers.alt
                {
                    let target = match key {
                        Key::N if new => Target::NewTitle,
                        Key::F if find => Target::Search,
                        _ => continue,
                    };
                    // A second shortcut starts again: what was typed before it stays
                    // with the first field, which has not appeared; it is given up.
                    self.waiting = Some((target, now));
                    self.text.clear();
                    from = Some(n + 1);
                }
            }
            let Some(from) = from else {
                return;
            };
            let text = &mut self.text;
            let mut n = 0;
            i.events.retain(|e| {
                let index = n;
                n += 1;
                match e {
                    Event::Text(t) if index >= from => {
                        text.push_str(t);
                        false
                    }
                    _ => true,
                }
            });
        });
        if self.waiting.is_some() {
            ctx.request_repaint();
        }
    }

    /// Called by the field `target` as it takes the keyboard: the text typed for it so
    /// far (often empty), which it adds to its own. Nothing more is collected for it.
    pub fn deliver(&mut self, target: Target) -> Option<String> {
        match self.waiting {
            Some((t, _)) if t == target => {
                self.waiting = None;
                Some(std::mem::take(&mut self.text))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_target_receives_the_text() {
        let mut t = Typeahead {
            waiting: Some((Target::NewTitle, 0.0)),
            text: "Re".into(),
        };
        assert_eq!(t.deliver(Target::Search), None);
        assert_eq!(t.deliver(Target::NewTitle).as_deref(), Some("Re"));
        assert_eq!(t.deliver(Target::NewTitle), None);
    }
}
