//! What a redacted copy of a picture was made with: the regions blurred, filled or cropped
//! to, whether embedded metadata was removed, who made it and when. The copy is a new
//! attachment on the same record; the original is never changed.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A rectangle of a picture, in pixels of the picture as it is shown (turned the right
/// way up by its EXIF orientation): left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{},{}", self.x, self.y, self.w, self.h)
    }
}

/// Why a region written as text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{text}' is not a region: write X,Y,W,H in pixels, e.g. 120,40,200,160 (width and height above 0)"
)]
pub struct NotARegion {
    /// What was written.
    pub text: String,
}

impl FromStr for Region {
    type Err = NotARegion;

    /// `X,Y,W,H`, whole pixels, width and height above zero.
    fn from_str(text: &str) -> Result<Region, NotARegion> {
        let fail = || NotARegion {
            text: text.escape_debug().to_string(),
        };
        let parts: Vec<u32> = text
            .split(',')
            .map(|p| p.trim().parse::<u32>())
            .collect::<Result<_, _>>()
            .map_err(|_| fail())?;
        match parts[..] {
            [x, y, w, h] if w > 0 && h > 0 => Ok(Region { x, y, w, h }),
            _ => Err(fail()),
        }
    }
}

/// One step of a redaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum RedactOp {
    /// The region made unrecognisable: pixelated into coarse blocks, then blurred.
    Blur {
        /// Where.
        #[serde(flatten)]
        region: Region,
    },
    /// The region filled with black.
    Fill {
        /// Where.
        #[serde(flatten)]
        region: Region,
    },
    /// Only this region kept.
    Crop {
        /// Where.
        #[serde(flatten)]
        region: Region,
    },
    /// Embedded metadata (EXIF, XMP, IPTC) left out.
    StripMetadata,
}

impl RedactOp {
    /// The step as people read it: `blur 120,40,200,160`.
    pub fn describe(&self) -> String {
        match self {
            RedactOp::Blur { region } => format!("blur {region}"),
            RedactOp::Fill { region } => format!("fill {region}"),
            RedactOp::Crop { region } => format!("crop to {region}"),
            RedactOp::StripMetadata => "embedded metadata removed".into(),
        }
    }

    /// True for steps that change pixels.
    pub fn changes_pixels(&self) -> bool {
        !matches!(self, RedactOp::StripMetadata)
    }
}

/// How a redacted copy was made; its original is the attachment's `derived_from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    /// The steps, in the order they were applied (crops last).
    pub operations: Vec<RedactOp>,
    /// Who made the copy.
    pub made_by: String,
    /// When.
    pub made_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_read_from_text_and_refused_with_the_text() {
        let r: Region = "120, 40,200,160".parse().unwrap();
        assert_eq!((r.x, r.y, r.w, r.h), (120, 40, 200, 160));
        for bad in ["1,2,3", "1,2,0,4", "a,b,c,d", "-1,2,3,4", "1,2,3,4,5"] {
            let e = bad.parse::<Region>().unwrap_err();
            assert!(e.to_string().contains(bad), "{e}");
        }
    }

    #[test]
    fn steps_are_written_with_their_name_and_region() {
        let op = RedactOp::Blur {
            region: Region {
                x: 1,
                y: 2,
                w: 3,
                h: 4,
            },
        };
        let json = serde_json::to_string(&op).unwrap();
        assert_eq!(json, r#"{"op":"blur","x":1,"y":2,"w":3,"h":4}"#);
        assert_eq!(serde_json::from_str::<RedactOp>(&json).unwrap(), op);
        let strip = serde_json::to_string(&RedactOp::StripMetadata).unwrap();
        assert_eq!(strip, r#"{"op":"strip-metadata"}"#);
    }
}
