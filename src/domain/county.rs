//! 脱贫县: a county with its townships, villages, convener, liaisons and needs.

use chrono::NaiveDate;

use super::keyword::keyword;
use super::{At, DateRange, SourcePath};

/// One county file.
#[derive(Debug, Clone)]
pub struct County {
    /// Source file.
    pub path: SourcePath,
    /// Record id (URL segment).
    pub id: At<String>,
    /// 县名.
    pub name: String,
    /// 行政区划代码, exactly 6 digits.
    pub adcode: String,
    /// 省.
    pub province: String,
    /// 市(州).
    pub prefecture: String,
    /// 国家乡村振兴重点帮扶县.
    pub is_key_assistance_county: bool,
    /// Publisher of the 项目库 announcements.
    pub authority: String,
    /// 县委农村工作领导小组: the approving body.
    pub leading_group: String,
    /// 召集人 terms (one or a history).
    pub convener: Vec<Term>,
    /// Position of the `convener` key (for `convener-count`).
    pub convener_pos: crate::diag::Pos,
    /// 联络员 terms.
    pub liaisons: Vec<Liaison>,
    /// Position of the `liaisons` key.
    pub liaisons_pos: crate::diag::Pos,
    /// A convener term was left out as invalid (already reported).
    pub is_convener_incomplete: bool,
    /// A liaison was left out as invalid (already reported).
    pub are_liaisons_incomplete: bool,
    /// 东西部协作 pairing.
    pub east_west_pairing: Option<At<EastWestPairing>>,
    /// 产业发展需求清单.
    pub needs: Vec<Need>,
    /// 乡镇.
    pub townships: Vec<Township>,
    /// A township item was written but did not load (already reported):
    /// references to unknown townships of this county are not reported again.
    pub are_townships_incomplete: bool,
}

/// A person's term in an office.
#[derive(Debug, Clone)]
pub struct Term {
    /// Name (public officials' names are published).
    pub name: String,
    /// Post (县委副书记 …).
    pub post: String,
    /// Term dates.
    pub range: DateRange,
    /// `to` was invalid or before `from` (already reported): `range` then holds
    /// only `from`, and the rules that count current terms stay silent.
    pub is_range_invalid: bool,
    /// Where the term is written.
    pub pos: crate::diag::Pos,
}

keyword! {
    /// 联络员 level.
    LiaisonLevel {
        Province = "province" / "省级",
        Prefecture = "prefecture" / "市(州)级",
        County = "county" / "县级",
    }
}

/// One 联络员 term.
#[derive(Debug, Clone)]
pub struct Liaison {
    /// Level.
    pub level: LiaisonLevel,
    /// Name.
    pub name: String,
    /// Organisation.
    pub org: String,
    /// Term dates.
    pub range: DateRange,
    /// `to` was invalid or before `from` (already reported): `range` then holds
    /// only `from`, and the rules that count current terms stay silent.
    pub is_range_invalid: bool,
    /// Where it is written.
    pub pos: crate::diag::Pos,
}

/// 东西部协作 partner.
#[derive(Debug, Clone)]
pub struct EastWestPairing {
    /// Partner district.
    pub partner: String,
    /// Paired since (year).
    pub since: i64,
}

keyword! {
    /// State of an industry need.
    NeedStatus {
        Open = "open" / "待对接",
        Matched = "matched" / "已对接",
        Resolved = "resolved" / "已解决",
    }
}

/// One entry of the 产业发展需求清单.
#[derive(Debug, Clone)]
pub struct Need {
    /// Id, unique in the county.
    pub id: At<String>,
    /// 产业.
    pub industry: String,
    /// 需求.
    pub need: String,
    /// 提出日期.
    pub submitted_on: NaiveDate,
    /// State.
    pub status: NeedStatus,
    /// The group that took it up.
    pub group: Option<At<String>>,
}

/// 乡镇.
#[derive(Debug, Clone)]
pub struct Township {
    /// Id, unique among the county's townships.
    pub id: At<String>,
    /// Name.
    pub name: String,
    /// 乡镇信息公开栏.
    pub board: String,
    /// 行政村.
    pub villages: Vec<Village>,
    /// A village item was written but did not load (already reported): a
    /// reference to an unknown village of this township may mean it, and is
    /// not reported again.
    pub are_villages_incomplete: bool,
}

/// 行政村.
#[derive(Debug, Clone)]
pub struct Village {
    /// Id, unique among the county's villages.
    pub id: At<String>,
    /// Name.
    pub name: String,
    /// 村务公开栏.
    pub board: String,
}

impl County {
    /// The township with this id.
    pub fn township(&self, id: &str) -> Option<&Township> {
        self.townships.iter().find(|t| *t.id == id)
    }
}

impl Township {
    /// The village with this id.
    pub fn village(&self, id: &str) -> Option<&Village> {
        self.villages.iter().find(|v| *v.id == id)
    }
}
