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

/// A freehand area of a picture: the outline drawn around it, as points in pixels of the
/// picture as it is shown; the area is what the closed outline surrounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    /// The outline, in drawing order; the last point joins the first.
    pub points: Vec<[u32; 2]>,
}

/// The most points an outline may have (a hand-drawn one is thinned to fewer).
pub const MAX_AREA_POINTS: usize = 10_000;

impl Area {
    /// The rectangle around the outline.
    pub fn bounds(&self) -> Region {
        let xs = self.points.iter().map(|p| p[0]);
        let ys = self.points.iter().map(|p| p[1]);
        let (x0, x1) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(0));
        let (y0, y1) = (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(0));
        Region {
            x: x0,
            y: y0,
            w: (x1 - x0).max(1),
            h: (y1 - y0).max(1),
        }
    }

    /// Where the outline crosses the horizontal line at height `y` (a pixel row's
    /// centre), left to right; pairs of crossings enclose the area (even-odd rule).
    pub fn crossings(&self, y: f64) -> Vec<f64> {
        let n = self.points.len();
        let mut out = Vec::new();
        for i in 0..n {
            let [ax, ay] = self.points[i].map(f64::from);
            let [bx, by] = self.points[(i + 1) % n].map(f64::from);
            if (ay <= y) != (by <= y) {
                out.push(ax + (y - ay) / (by - ay) * (bx - ax));
            }
        }
        out.sort_by(f64::total_cmp);
        out
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.bounds();
        write!(f, "{} points within {b}", self.points.len())
    }
}

/// Why an outline written as text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{text}' is not an outline: write X1,Y1,X2,Y2,X3,Y3... in pixels, at least 3 points and at most 10000"
)]
pub struct NotAnArea {
    /// What was written (shortened).
    pub text: String,
}

impl FromStr for Area {
    type Err = NotAnArea;

    /// `X1,Y1,X2,Y2,X3,Y3...`: whole pixels, at least three points.
    fn from_str(text: &str) -> Result<Area, NotAnArea> {
        let fail = || NotAnArea {
            text: text
                .chars()
                .take(80)
                .collect::<String>()
                .escape_debug()
                .to_string(),
        };
        let values: Vec<u32> = text
            .split(',')
            .map(|p| p.trim().parse::<u32>())
            .collect::<Result<_, _>>()
            .map_err(|_| fail())?;
        if !values.len().is_multiple_of(2) || !(6..=2 * MAX_AREA_POINTS).contains(&values.len()) {
            return Err(fail());
        }
        Ok(Area {
            points: values.chunks(2).map(|c| [c[0], c[1]]).collect(),
        })
    }
}

/// One step of a redaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// A freehand area made unrecognisable, as [`RedactOp::Blur`].
    BlurArea {
        /// Where.
        #[serde(flatten)]
        area: Area,
    },
    /// A freehand area filled with black.
    FillArea {
        /// Where.
        #[serde(flatten)]
        area: Area,
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
            RedactOp::BlurArea { area } => format!("blur a freehand area of {area}"),
            RedactOp::FillArea { area } => format!("fill a freehand area of {area}"),
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
        let a: Area = "0,0, 10,0,10,10,0,10".parse().unwrap();
        assert_eq!(a.points.len(), 4);
        assert_eq!(a.crossings(5.0), vec![0.0, 10.0]);
        assert!(a.crossings(11.0).is_empty());
        for bad in ["1,2,3,4", "1,2,3,4,5", "1,2,3,4,x,6", ""] {
            assert!(bad.parse::<Area>().is_err(), "{bad}");
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
        let area = RedactOp::FillArea {
            area: "1,2,30,4,5,60".parse().unwrap(),
        };
        let json = serde_json::to_string(&area).unwrap();
        assert_eq!(json, r#"{"op":"fill-area","points":[[1,2],[30,4],[5,60]]}"#);
        assert_eq!(serde_json::from_str::<RedactOp>(&json).unwrap(), area);
        assert_eq!(
            area.describe(),
            "fill a freehand area of 3 points within 1,2,29,58"
        );
        let strip = serde_json::to_string(&RedactOp::StripMetadata).unwrap();
        assert_eq!(strip, r#"{"op":"strip-metadata"}"#);
    }
}
