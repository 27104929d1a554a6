//! The interface in Armenian, Russian and English, from Fluent message files
//! (`assets/i18n/*.ftl`, built into the program).
//!
//! Text is looked up by key with [`t!`](crate::t): `t!("menu-file")`, or with arguments
//! `t!("list-count", count = n)`; plural forms follow each language's rules (Fluent's
//! `[one]`, `[few]`, `[many]`, `[other]`). Fluent's bidi isolation marks are off: egui
//! draws them as boxes, and none of the three languages is written right to left. A test
//! fails when a key used in the code is missing from any language, or a file holds a key
//! the code does not use. TLP labels stay in English in every language, as TLP asks.

use std::cell::Cell;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// English.
    #[default]
    English,
    /// Armenian (Eastern).
    Armenian,
    /// Russian.
    Russian,
}

impl Language {
    /// Every language, in the order offered.
    pub const ALL: [Language; 3] = [Language::Armenian, Language::Russian, Language::English];

    /// The language of a code (`en`, `hy`, `ru`).
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's code: `en`, `hy`, `ru` (in settings.json).
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Armenian => "hy",
            Language::Russian => "ru",
        }
    }

    /// The language's name in itself, as a menu offers it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Armenian => "Հայերեն",
            Language::Russian => "Русский",
        }
    }

    /// The language of a code or a locale such as `hy-AM` or `ru_RU.UTF-8` (None for
    /// others).
    pub fn from_locale(locale: &str) -> Option<Language> {
        let lang = locale
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == lang)
    }

    /// The system's language, when it is one of these (else English).
    pub fn of_system() -> Language {
        sys_locale::get_locale()
            .and_then(|l| Language::from_locale(&l))
            .unwrap_or_default()
    }

    fn source(self) -> &'static str {
        match self {
            Language::English => include_str!("../assets/i18n/en.ftl"),
            Language::Armenian => include_str!("../assets/i18n/hy.ftl"),
            Language::Russian => include_str!("../assets/i18n/ru.ftl"),
        }
    }

    fn index(self) -> usize {
        match self {
            Language::English => 0,
            Language::Armenian => 1,
            Language::Russian => 2,
        }
    }
}

thread_local! {
    /// The language of this thread's text. Per thread, not per process: each window (and
    /// each test's app) has its own, and background work takes its starter's language
    /// (see `ui::task`).
    static CURRENT: Cell<Language> = const { Cell::new(Language::English) };
}

/// Chooses the language of everything this thread shows from now on.
pub fn set_language(language: Language) {
    CURRENT.with(|c| c.set(language));
}

/// The language chosen on this thread.
pub fn language() -> Language {
    CURRENT.with(Cell::get)
}

fn bundles() -> &'static [FluentBundle<FluentResource>; 3] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        [
            bundle(Language::English),
            bundle(Language::Armenian),
            bundle(Language::Russian),
        ]
    })
}

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = language.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    // The files are the program's own and checked by a test; a broken message is left
    // out (its key is shown) rather than stopping the app.
    let resource = match FluentResource::try_new(language.source().to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let _ = bundle.add_resource(resource);
    bundle
}

/// A value for a message's argument.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text.
    Text(String),
    /// A number (plural forms are chosen by it).
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {
        $(impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        })*
    };
}
number_args!(usize, u32, u64, i32, i64, f32, f64);

/// The message `key` in the chosen language, with `args` (the key itself when missing).
pub fn text(key: &str, args: &[(&str, Arg)]) -> String {
    text_in(language(), key, args)
}

/// The message `key` in `language`.
pub fn text_in(language: Language, key: &str, args: &[(&str, Arg)]) -> String {
    let bundle = &bundles()[language.index()];
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    let args = (!args.is_empty()).then_some(&fluent_args);
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

/// The keys of `language`'s file (for the tests that keep the files complete).
pub fn keys(language: Language) -> Vec<String> {
    let Ok(resource) = FluentResource::try_new(language.source().to_string()) else {
        return Vec::new();
    };
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The message `key` in the chosen language: `t!("menu-file")`, or with arguments,
/// `t!("list-count", count = n)`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::text($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text(
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

#[cfg(test)]
mod tests;
