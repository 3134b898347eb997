//! 项目实施与竣工 (the works): 竣工验收 (`acceptance`), the 项目公示牌 at the
//! works (`site_sign`), the 竣工公告 posted at the village
//! (`completion_notice`), and the 现场照片 (photos) on them, on events and on
//! notices. The facts rules and pages share are computed here once: whether
//! a project has a result to state, which photos it has, how long its
//! completion notice ran.

use chrono::NaiveDate;

use super::At;
use super::keyword::keyword;
use crate::diag::Pos;

keyword! {
    /// 现场照片 stage: when the photo was taken in the project's life.
    PhotoStage {
        Before = "before" / "实施前",
        During = "during" / "实施中",
        After = "after" / "实施后",
    }
}

/// 现场照片: one photo of the works, a file under `content/static/`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Photo {
    /// Path under `content/static/`, as written.
    pub file: At<String>,
    /// 描述 (alt text read to screen-reader users).
    pub alt: String,
    /// 实施前 / 实施中 / 实施后.
    pub stage: PhotoStage,
    /// 拍摄日期, where given.
    pub taken_on: Option<At<NaiveDate>>,
    /// Where the photo item starts.
    pub pos: Pos,
}

keyword! {
    /// 验收结论.
    AcceptanceResult {
        Passed = "passed" / "验收合格",
        Failed = "failed" / "验收不合格",
    }
}

/// 竣工验收: who accepted the works, when, and with what result.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Acceptance {
    /// 验收日期 (must be the date of an `accepted` event).
    pub date: At<NaiveDate>,
    /// 验收单位.
    pub by: String,
    /// 验收结论.
    pub result: AcceptanceResult,
    /// 验收意见, where given.
    pub summary: Option<String>,
    /// 文号, where given.
    pub doc_no: Option<String>,
}

/// 项目公示牌: the board set up at the works before they start.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SiteSign {
    /// 设立日期.
    pub posted_on: At<NaiveDate>,
    /// 设立地点.
    pub place: String,
    /// Photos of the sign.
    pub photos: Vec<Photo>,
}

/// 竣工公告: the notice of the finished works posted at the village.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CompletionNotice {
    /// 发布单位 (落款).
    pub issuer: String,
    /// 公开栏.
    pub boards: Vec<String>,
    /// First day on the board.
    pub start: At<NaiveDate>,
    /// Last day on the board (lasts until 24:00).
    pub end: At<NaiveDate>,
    /// Photos of the posted notice.
    pub photos: Vec<Photo>,
}

/// 静态图片: what the loader read of an image under `content/static/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImageFile {
    /// Size in bytes.
    pub bytes: u64,
    /// Pixel width and height, when the file is a PNG or JPEG whose header says them.
    pub size: Option<(u32, u32)>,
}
