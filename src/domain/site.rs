//! 站点设置: `content/site.yaml`, the site-wide settings and rule parameters.

use super::At;
use super::keyword::keyword;
use super::project::NoticeLevel;

/// The whole `site.yaml`.
#[derive(Debug, Clone)]
pub struct Site {
    /// Source file (`content/site.yaml` or `.yml`).
    pub path: super::SourcePath,
    /// Site title (网站名称).
    pub title: String,
    /// Absolute `http(s)://` URL ending in `/`.
    pub base_url: String,
    /// Page language, `zh-CN` by default.
    pub language: String,
    /// A one-county site's county id: its portal becomes the home page.
    pub county: Option<At<String>>,
    /// Items per list page.
    pub page_size: usize,
    /// Theme name; `default` is built in.
    pub theme: Option<At<String>>,
    /// 页面底部功能区.
    pub portal: Portal,
    /// 监督举报电话.
    pub supervision_phones: Vec<Phone>,
    /// Position of the `supervision_phones` key.
    pub supervision_phones_pos: crate::diag::Pos,
    /// Rule parameters.
    pub rules: Rules,
    /// 异议受理: where objections go, besides the phones.
    pub objections: Objections,
    /// 项目库公告 settings (`announcements:`).
    pub announcements: AnnouncementSettings,
    /// 名称 by year (`terms:`): the warehouse's, the fund's and the assets' names.
    pub terms: super::terms::Terms,
}

/// `site.yaml`'s `announcements:`: how the site's 项目库公告 are numbered.
#[derive(Debug, Clone, Default)]
pub struct AnnouncementSettings {
    /// 索引号 pattern; without it no 索引号 is shown (never invented).
    pub index_no: Option<IndexNoPattern>,
}

/// 异议受理: where objections to a notice go and how else to reach the
/// county besides the supervision phones. Printed on every notice and shown
/// on every project page.
#[derive(Debug, Clone, Default)]
pub struct Objections {
    /// 受理单位; when absent, objections go to each notice's issuer (发布单位).
    pub office: Option<String>,
    /// 受理地址.
    pub address: Option<String>,
    /// 电话之外的反馈渠道: e-mail, 12345, an online message box …
    pub channels: Vec<FeedbackChannel>,
}

/// One feedback channel (反馈渠道).
#[derive(Debug, Clone)]
pub struct FeedbackChannel {
    /// 渠道名称 (电子邮箱 …).
    pub label: String,
    /// 联系方式 as printed.
    pub value: String,
    /// 网址 of an online channel, linked on the pages.
    pub url: Option<String>,
}

/// The header and footer items every government page must show (页面底部功能区
/// and the header band).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Portal {
    /// 政府名称 shown in the header (e.g. 青岭县人民政府); when absent, a
    /// one-county site derives it from the county's name.
    pub government: Option<String>,
    /// 县政府门户网站首页: an `http(s)://` link the header points back to.
    pub home_url: Option<String>,
    /// The government's logo or emblem: a path under `content/static/`.
    pub logo: Option<super::At<String>>,
    /// 主办单位.
    pub sponsor: String,
    /// 承办单位.
    pub organizer: Option<String>,
    /// 联系方式.
    pub contact: Contact,
    /// 网站标识码.
    pub site_code: String,
    /// ICP备案号.
    pub icp_filing: String,
    /// 公安机关备案号.
    pub psb_filing: Option<String>,
    /// 党政机关网站标识: which image, if any. Templates see it as a boolean
    /// (shown or not); the image's path is in the site model.
    pub gov_badge: GovBadge,
    /// 我为政府网站找错 link.
    pub jiucuo_url: Option<String>,
}

/// 党政机关网站标识: where the badge image comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum GovBadge {
    /// `gov_badge: false` or absent: no badge.
    #[default]
    None,
    /// `gov_badge: true`: the theme's `static/gov-badge.svg` (a placeholder in
    /// the built-in theme), at the position of the key's value.
    Theme(crate::diag::Pos),
    /// `gov_badge: images/x.png`: the site's own issued file under `content/static/`.
    File(super::At<String>),
}

impl GovBadge {
    /// Whether a badge is shown at all.
    pub fn is_shown(&self) -> bool {
        !matches!(self, GovBadge::None)
    }
}

impl serde::Serialize for GovBadge {
    // Themes written before the badge could be a file test `site.portal.gov_badge`
    // for truth; a boolean keeps them working.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(self.is_shown())
    }
}

/// 联系方式 in the footer; each part optional.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Contact {
    /// Postal address.
    pub address: Option<String>,
    /// Office phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
}

/// 农业农村部监督举报电话: the national supervision hotline that every page
/// and printed notice shows (docs/cli.md `supervision-phone`).
pub const NATIONAL_HOTLINE: &str = "12317";

/// Whether a phone number as written is [`NATIONAL_HOTLINE`], whatever its
/// spacing or separators: one test for the rule that asks for it and for the
/// pages that always show it, so they cannot disagree.
pub fn is_national_hotline(number: &str) -> bool {
    number.chars().filter(char::is_ascii_digit).eq(NATIONAL_HOTLINE.chars())
}

/// One supervision phone line.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Phone {
    /// The number, as written.
    pub number: String,
    /// What it is (e.g. 农业农村部监督举报电话).
    pub label: String,
}

keyword! {
    /// How notice days are counted (`rules.counting`).
    Counting {
        Civil = "civil" / "民法典计算(首日不计入)",
        Inclusive = "inclusive" / "首尾两日均计入",
    }
}

keyword! {
    /// How the 会商 rhythm is checked (`rules.consultation`).
    ConsultationRule {
        HalfYear = "half_year" / "每半年至少一次",
        Rolling = "rolling" / "间隔不超过183天",
    }
}

/// A month-day such as `03-31`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    /// 1–12.
    pub month: u32,
    /// 1–31 (02-29 allowed; it means 02-28 in common years).
    pub day: u32,
}

impl MonthDay {
    /// Parses `MM-DD`.
    pub fn parse(s: &str) -> Option<MonthDay> {
        let (m, d) = s.split_once('-')?;
        if m.len() != 2 || d.len() != 2 {
            return None;
        }
        let (month, day): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
        // 2000 is a leap year, so every real month-day exists in it.
        chrono::NaiveDate::from_ymd_opt(2000, month, day)?;
        Some(MonthDay { month, day })
    }

    /// This month-day in `year`; 02-29 becomes 02-28 in a common year.
    pub fn in_year(self, year: i32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| chrono::NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
            .unwrap_or(chrono::NaiveDate::MIN)
    }
}

/// Rule parameters from `site.yaml`'s `rules`, with the spec's defaults.
#[derive(Debug, Clone)]
pub struct Rules {
    /// 公示期 minimum, in days.
    pub notice_min_days: i64,
    /// Day-counting convention.
    pub counting: Counting,
    /// 会商 rule.
    pub consultation: ConsultationRule,
    /// 工作计划 due day.
    pub plan_due: MonthDay,
    /// 工作总结 window: from (in the year) and to (next year when earlier in the calendar).
    pub summary_window: (MonthDay, MonthDay),
    /// 项目管理费 cap, in whole-number percent of the bridging fund, as basis points (1 % = 100).
    pub management_fee_max_bp: i64,
    /// The notice levels a village project goes through, in procedural
    /// order: 村、乡 by default (两公示); 三公示 adds the county. A project
    /// proposed higher up starts at its own level ([`Origin::required_levels`]).
    ///
    /// [`Origin::required_levels`]: crate::domain::Origin::required_levels
    pub notice_levels: Vec<NoticeLevel>,
    /// 资金变更需重新公示的比例: a project's funding total that changed by more
    /// than this share of its previous total needs a new notice; basis points
    /// of the previous total (10 % = 1000).
    pub change_notice_bp: i64,
    /// 项目库公告时限: a warehoused project must be covered by an announcement
    /// within this many working days of its approval (政府信息公开条例 Art. 26).
    pub announce_within_working_days: u32,
    /// 公告异议期: an announcement's objection deadline, in working days after
    /// its date, when the announcement does not give one.
    pub objection_working_days: u32,
    /// 竣工公告时限: the 竣工公告 starts within this many working days of
    /// the acceptance (`accepted` event).
    pub completion_notice_working_days: u32,
    /// 现场照片 size cap, in KB (1 KB = 1024 bytes): a heavier photo costs a
    /// phone reader's data.
    pub photo_max_kb: u64,
    /// 资产移交时限: an accepted project that forms assets has one handed over
    /// (确权移交) within this many calendar days of its acceptance.
    pub asset_handover_days: u32,
    /// 资金分配结果公告时限: a fund batch is named by an allocation result
    /// within this many working days of its date.
    pub allocation_within_working_days: u32,
    /// 年度计划公告时限: a project planned (`planned` event) is listed by a
    /// plan or plan adjustment within this many working days.
    pub plan_within_working_days: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            notice_min_days: 10,
            counting: Counting::Civil,
            consultation: ConsultationRule::HalfYear,
            plan_due: MonthDay { month: 3, day: 31 },
            summary_window: (MonthDay { month: 11, day: 15 }, MonthDay { month: 1, day: 31 }),
            management_fee_max_bp: 100,
            notice_levels: vec![NoticeLevel::Village, NoticeLevel::Township],
            change_notice_bp: 1000,
            announce_within_working_days: 20,
            objection_working_days: 10,
            completion_notice_working_days: 20,
            photo_max_kb: 500,
            asset_handover_days: 90,
            allocation_within_working_days: 15,
            plan_within_working_days: 20,
        }
    }
}

impl Rules {
    /// Whether a funding total that went from `previous` to `current` changed
    /// by more than `change_notice_bp` of `previous` (资金变更需重新公示).
    /// Exact: compared in whole yuan and basis points, never in floats.
    pub fn funding_change_needs_notice(&self, previous: super::Money, current: super::Money) -> bool {
        let change = i128::from((current.fen() - previous.fen()).abs());
        change * 10_000 > i128::from(previous.fen()) * i128::from(self.change_notice_bp)
    }
}

/// A 索引号 pattern such as `{adcode}-{year}-GG{id}`, parsed once at load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexNoPattern(Vec<IndexNoPart>);

/// One piece of an [`IndexNoPattern`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum IndexNoPart {
    Literal(String),
    Adcode,
    Year,
    Id,
    County,
}

/// Why a 索引号 pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexNoError {
    /// `{name}` with a name that is not a placeholder.
    UnknownPlaceholder(String),
    /// A `{` without its `}`, or a `}` without its `{`.
    UnbalancedBrace,
}

impl IndexNoPattern {
    /// The placeholders a pattern may use.
    pub const PLACEHOLDERS: [&'static str; 4] = ["{adcode}", "{year}", "{id}", "{county}"];

    /// Parses a pattern; braces only ever enclose a placeholder.
    pub fn parse(text: &str) -> Result<IndexNoPattern, IndexNoError> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find(['{', '}']) {
            if rest[open..].starts_with('}') {
                return Err(IndexNoError::UnbalancedBrace);
            }
            if open > 0 {
                parts.push(IndexNoPart::Literal(rest[..open].to_owned()));
            }
            let after = &rest[open + 1..];
            let close = after.find('}').ok_or(IndexNoError::UnbalancedBrace)?;
            let name = &after[..close];
            parts.push(match name {
                "adcode" => IndexNoPart::Adcode,
                "year" => IndexNoPart::Year,
                "id" => IndexNoPart::Id,
                "county" => IndexNoPart::County,
                _ if name.contains('{') => return Err(IndexNoError::UnbalancedBrace),
                _ => return Err(IndexNoError::UnknownPlaceholder(name.to_owned())),
            });
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(IndexNoPart::Literal(rest.to_owned()));
        }
        Ok(IndexNoPattern(parts))
    }

    /// The 索引号 of one announcement: `adcode` the county's 行政区划代码,
    /// `year` and `id` the announcement's, `county` the county's id.
    pub fn render(&self, adcode: &str, year: i32, id: &str, county: &str) -> String {
        let mut s = String::new();
        for part in &self.0 {
            match part {
                IndexNoPart::Literal(t) => s.push_str(t),
                IndexNoPart::Adcode => s.push_str(adcode),
                IndexNoPart::Year => s.push_str(&year.to_string()),
                IndexNoPart::Id => s.push_str(id),
                IndexNoPart::County => s.push_str(county),
            }
        }
        s
    }
}

#[cfg(test)]
mod change_tests {
    use super::Rules;
    use crate::domain::Money;

    #[test]
    fn a_change_of_exactly_the_share_needs_no_new_notice() {
        let r = Rules::default();
        let wan = |w: i64| Money::from_yuan(w * 10_000);
        assert!(!r.funding_change_needs_notice(wan(100), wan(110)), "10 % is not more than 10 %");
        assert!(r.funding_change_needs_notice(wan(100), Money::from_yuan(1_100_001)));
        assert!(r.funding_change_needs_notice(wan(100), wan(89)), "a cut counts too");
        assert!(r.funding_change_needs_notice(wan(0), wan(1)), "anything from nothing");
        assert!(!r.funding_change_needs_notice(wan(0), wan(0)));
    }
}

#[cfg(test)]
mod index_no_tests {
    use super::{IndexNoError, IndexNoPattern};

    #[test]
    fn placeholders_are_filled_in() {
        let p = IndexNoPattern::parse("{adcode}-{year}-GG{id}").unwrap();
        assert_eq!(p.render("522799", 2026, "QL-GG-2026-01", "qingling"), "522799-2026-GGQL-GG-2026-01");
        let p = IndexNoPattern::parse("XCZX/{county}/{year}").unwrap();
        assert_eq!(p.render("522799", 2026, "a", "qingling"), "XCZX/qingling/2026");
        assert_eq!(IndexNoPattern::parse("固定").unwrap().render("1", 2026, "a", "b"), "固定");
    }

    #[test]
    fn unknown_placeholders_and_stray_braces_are_refused() {
        let unknown = |n: &str| Err(IndexNoError::UnknownPlaceholder(n.into()));
        assert_eq!(IndexNoPattern::parse("{adcode}-{yaer}"), unknown("yaer"));
        assert_eq!(IndexNoPattern::parse("{}"), unknown(""));
        for bad in ["{adcode", "adcode}", "{year}}", "{{year}", "{ad{code}}"] {
            assert_eq!(IndexNoPattern::parse(bad), Err(IndexNoError::UnbalancedBrace), "{bad}");
        }
    }
}

#[cfg(test)]
mod hotline_tests {
    use super::is_national_hotline;

    #[test]
    fn the_hotline_is_recognised_however_it_is_spaced() {
        assert!(is_national_hotline("12317"));
        assert!(is_national_hotline(" 123 17 "));
        assert!(!is_national_hotline("123170"));
        assert!(!is_national_hotline("0854-8220001"));
    }
}
