//! County-level staffing rules of the 产业顾问组 scheme, checked for `--today` only:
//! `supervision-phone`, `convener-count`, `liaison-count` and `east-west-quota`
//! (cli.md "Codes" and "Precise meaning of the rules").
//!
//! The policy text (方案 §七(一)) asks each county for exactly one 召集人 and one
//! 联络员 per level (province, prefecture, county); §六(二) asks each east–west
//! pairing for 1–2 scientists from the partner province. Overlaps or gaps earlier
//! in history are deliberately not diagnosed: only the day `--today` counts.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic};
use crate::domain::county::LiaisonLevel;
use crate::domain::date;
use crate::domain::group::MemberSource;
use crate::domain::site::is_national_hotline;
use crate::domain::{Content, County, Group, Keyword};

/// Runs the county rules as of `today`.
pub(super) fn check(content: &Content, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    supervision_phone(content, &mut out);
    let mut groups_of: HashMap<&str, Vec<&Group>> = HashMap::new();
    for g in &content.groups {
        groups_of.entry(g.county.as_str()).or_default().push(g);
    }
    for county in &content.counties {
        convener_count(county, today, &mut out);
        liaison_count(county, today, &mut out);
        // A county kept under a bad id (already `bad-id`) still has the groups naming the id it meant.
        let groups = groups_of
            .get(county.id.as_str())
            .or_else(|| groups_of.get(crate::domain::id::intended_id(&county.id).as_str()))
            .map_or(&[][..], Vec::as_slice);
        east_west_quota(county, groups, today, &mut out);
    }
    out
}

/// `supervision-phone`: the list must include 12317. An empty list is the
/// loader's `missing-field`, so it is not reported twice here.
fn supervision_phone(content: &Content, out: &mut Vec<Diagnostic>) {
    let Some(site) = &content.site else { return };
    let phones = &site.supervision_phones;
    if !phones.is_empty() && !phones.iter().any(|p| is_national_hotline(&p.number)) {
        out.push(
            Diagnostic::new(
                Code::SupervisionPhone,
                site.path.at(site.supervision_phones_pos),
                "监督举报电话（supervision_phones）中没有农业农村部监督举报电话 12317，网站各页和打印的公示会自动把它列在第一位",
            )
            .help("在 supervision_phones 中加入 {number: \"12317\", label: 农业农村部监督举报电话}，写明它的说明文字"),
        );
    }
}

/// `convener-count`: exactly one 召集人 term covers `today` (both ends inclusive).
fn convener_count(county: &County, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    // A term left out or with an invalid end (already reported) may or may not cover `today`.
    if county.is_convener_incomplete || county.convener.iter().any(|t| t.is_range_invalid) {
        return;
    }
    let current = county.convener.iter().filter(|t| t.range.covers(today)).count();
    if current == 1 {
        return;
    }
    let message = if current == 0 {
        format!("截至{}，县“{}”没有在任的召集人", date::zh(today), county.id.value)
    } else {
        format!("截至{}，县“{}”有{current}名召集人的任期同时在任，应只有1名", date::zh(today), county.id.value)
    };
    out.push(
        Diagnostic::new(Code::ConvenerCount, county.path.at(county.convener_pos), message)
            .help("核对召集人任期：前任写明 to，接任者的 from 为次日")
            .record(Some(&county.id)),
    );
}

/// `liaison-count`: per level, exactly one 联络员 term covers `today`; a level with
/// no liaison at all is reported too (cli.md "Activity").
fn liaison_count(county: &County, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    for &level in LiaisonLevel::ALL {
        let of_level = || county.liaisons.iter().filter(|l| l.level == level);
        let current = of_level().filter(|l| l.range.covers(today)).count();
        if current == 1 || county.are_liaisons_incomplete || of_level().any(|l| l.is_range_invalid) {
            continue;
        }
        let message = if current == 0 {
            format!("截至{}，县“{}”没有在任的{}联络员", date::zh(today), county.id.value, level.label())
        } else {
            format!(
                "截至{}，县“{}”有{current}名{}联络员的任期同时在任，应只有1名",
                date::zh(today),
                county.id.value,
                level.label()
            )
        };
        out.push(
            Diagnostic::new(Code::LiaisonCount, county.path.at(county.liaisons_pos), message)
                .help(format!("在 liaisons 中为 level: {} 保留且仅保留一名在任联络员", level.key()))
                .record(Some(&county.id)),
        );
    }
}

/// `east-west-quota`: a paired county has 1–2 `east_west` members active on
/// `today` across all its groups (方案 §六(二): 每个结对的脱贫县1至2名科技工作者).
fn east_west_quota(county: &County, groups: &[&Group], today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let Some(pairing) = &county.east_west_pairing else { return };
    let members = || groups.iter().flat_map(|g| &g.members).filter(|m| m.source == MemberSource::EastWest);
    // A member term with an invalid end (already reported) cannot be counted.
    if members().any(|m| m.is_range_invalid) || groups.iter().any(|g| !g.invalid_members.is_empty()) {
        return;
    }
    let active = members().filter(|m| m.range.covers(today)).count();
    let message = if groups.is_empty() {
        format!("县“{}”与{}东西部协作结对，但没有任何产业顾问组", county.id.value, pairing.partner)
    } else if (1..=2).contains(&active) {
        return;
    } else {
        format!(
            "截至{}，县“{}”各产业顾问组中在任的东西部协作成员有{active}名，应为1至2名",
            date::zh(today),
            county.id.value
        )
    };
    out.push(
        Diagnostic::new(Code::EastWestQuota, county.path.at(pairing.pos), message)
            .help(format!("请{}按每个结对县1至2名的标准选派科技工作者（source: east_west）", pairing.partner))
            .record(Some(&county.id)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use crate::domain::county::Liaison;
    use crate::domain::site::Phone;
    use crate::domain::{Rules, Site};
    use crate::testing::records::*;

    const FILE: &str = "content/counties/qingling.yaml";

    fn only(county: County, today: &str) -> Vec<Diagnostic> {
        check(&Content { counties: vec![county], ..Content::default() }, d(today))
    }

    #[test]
    fn the_fixture_county_is_clean() {
        assert_eq!(only(county("qingling"), "2025-07-01"), []);
    }

    fn site_with(numbers: &[&str]) -> Content {
        let phones = numbers.iter().map(|n| Phone { number: (*n).into(), label: "电话".into() }).collect();
        let site = Site {
            path: crate::domain::SourcePath("content/site.yaml".into()),
            supervision_phones_pos: crate::diag::Pos::new(9, 1),
            title: "平台".into(),
            base_url: "https://example.gov.cn/".into(),
            language: "zh-CN".into(),
            county: None,
            page_size: 20,
            theme: None,
            portal: Default::default(),
            supervision_phones: phones,
            rules: Rules::default(),
            objections: Default::default(),
            announcements: Default::default(),
            terms: Default::default(),
        };
        Content { site: Some(site), ..Content::default() }
    }

    #[test]
    fn supervision_phone_needs_12317_unless_the_list_is_empty() {
        let today = d("2025-07-01");
        let d1 = check(&site_with(&["0854-0000001"]), today);
        assert_eq!(d1.len(), 1);
        assert_diag(&d1[0], Code::SupervisionPhone, "content/site.yaml", Some((9, 1)));
        assert_eq!(check(&site_with(&["0854-0000001", " 12317 "]), today), []);
        // Empty: the loader's missing-field, not a second report here.
        assert_eq!(check(&site_with(&[]), today), []);
    }

    /// Old term ends 06-30, the new one starts 07-01.
    fn handover(old_to: &str, new_from: &str) -> County {
        let mut c = county("qingling");
        c.convener = vec![term("2023-03-01", Some(old_to)), term(new_from, None)];
        c
    }

    #[test]
    fn convener_handover_on_consecutive_days_is_fine_on_both_days() {
        assert_eq!(only(handover("2025-06-30", "2025-07-01"), "2025-06-30"), []);
        assert_eq!(only(handover("2025-06-30", "2025-07-01"), "2025-07-01"), []);
    }

    #[test]
    fn convener_overlap_day_warns() {
        let d1 = only(handover("2025-07-01", "2025-07-01"), "2025-07-01");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::ConvenerCount, FILE, Some((9, 1)));
        assert!(d1[0].message.contains("2名"), "{}", d1[0].message);
        // An overlap in the past is not diagnosed.
        assert_eq!(only(handover("2025-07-01", "2025-07-01"), "2025-07-02"), []);
    }

    #[test]
    fn convener_gap_day_warns() {
        let d1 = only(handover("2025-06-29", "2025-07-01"), "2025-06-30");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::ConvenerCount, FILE, Some((9, 1)));
        assert_eq!(d1[0].message, "截至2025年6月30日，县“qingling”没有在任的召集人");
        assert_eq!(d1[0].record.as_deref(), Some("qingling"));
    }

    #[test]
    fn convener_not_yet_started_or_ended_warns() {
        assert_eq!(only(county("qingling"), "2023-02-28")[0].code, Code::ConvenerCount);
        let mut c = county("qingling");
        c.convener = vec![term("2023-03-01", Some("2024-12-31"))];
        let d1 = only(c, "2025-01-01");
        assert_eq!(d1.len(), 1);
        assert_diag(&d1[0], Code::ConvenerCount, FILE, Some((9, 1)));
    }

    #[test]
    fn liaison_missing_a_level_warns_once_for_that_level() {
        let mut c = county("qingling");
        c.liaisons.retain(|l| l.level != LiaisonLevel::Prefecture);
        let d1 = only(c, "2025-07-01");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::LiaisonCount, FILE, Some((10, 1)));
        assert!(d1[0].message.contains("市(州)级联络员"), "{}", d1[0].message);
    }

    #[test]
    fn liaison_handover_and_overlap() {
        let mut c = county("qingling");
        let county_liaison = |from: &str, to: Option<&str>| Liaison {
            level: LiaisonLevel::County,
            name: "赵某".into(),
            org: "科协".into(),
            range: range(from, to),
            is_range_invalid: false,
            pos: Pos::new(15, 5),
        };
        c.liaisons.retain(|l| l.level != LiaisonLevel::County);
        c.liaisons.push(county_liaison("2023-03-01", Some("2025-06-30")));
        c.liaisons.push(county_liaison("2025-07-01", None));
        assert_eq!(only(c.clone(), "2025-06-30"), []);
        assert_eq!(only(c.clone(), "2025-07-01"), []);
        c.liaisons.push(county_liaison("2025-07-01", Some("2025-07-01")));
        let d1 = only(c, "2025-07-01");
        assert_eq!(d1.len(), 1, "{d1:?}");
        assert_diag(&d1[0], Code::LiaisonCount, FILE, Some((10, 1)));
        assert!(d1[0].message.contains("2名县级联络员"), "{}", d1[0].message);
    }

    #[test]
    fn no_liaisons_at_all_warns_for_every_level() {
        let mut c = county("qingling");
        c.liaisons.clear();
        let d1 = only(c, "2025-07-01");
        assert_eq!(d1.len(), 3);
        for x in &d1 {
            assert_diag(x, Code::LiaisonCount, FILE, Some((10, 1)));
        }
    }

    fn east_west(n: usize, today: &str) -> Vec<Diagnostic> {
        let mut g1 = group("qingling-tea", "qingling", "2023-05-10");
        let mut g2 = group("qingling-fungi", "qingling", "2023-05-10");
        // Distractors: a local member, a former and a future east-west member.
        g1.members.push(member("local", 10, MemberSource::Local, "2023-05-10", None));
        g1.members.push(member("gone", 11, MemberSource::EastWest, "2023-05-10", Some("2025-06-30")));
        g1.members.push(member("later", 12, MemberSource::EastWest, "2025-07-02", None));
        for i in 0..n {
            // Spread over both groups: the quota counts across the county's groups.
            let g = if i % 2 == 0 { &mut g1 } else { &mut g2 };
            g.members.push(member(&format!("ew{i}"), 20 + i as u32, MemberSource::EastWest, "2025-07-01", None));
        }
        let mut other = group("other-tea", "other", "2023-05-10");
        other.members.push(member("ew", 10, MemberSource::EastWest, "2023-05-10", None));
        let content =
            Content { counties: vec![paired(county("qingling"))], groups: vec![g1, g2, other], ..Content::default() };
        check(&content, d(today))
    }

    #[test]
    fn east_west_quota_counts_active_members_across_groups() {
        for n in [1, 2] {
            assert_eq!(east_west(n, "2025-07-01"), [], "{n} members");
        }
        for n in [0, 3] {
            let d1 = east_west(n, "2025-07-01");
            assert_eq!(d1.len(), 1, "{n} members: {d1:?}");
            assert_diag(&d1[0], Code::EastWestQuota, FILE, Some((14, 20)));
            assert!(d1[0].message.contains(&format!("有{n}名")), "{}", d1[0].message);
        }
        // On 06-30 the leaving member still counts (`to` is inclusive) and ew0 has not started.
        assert_eq!(east_west(0, "2025-06-30"), []);
        // On 07-02 the later member has started too: 1 + 2 = 3.
        assert_eq!(east_west(1, "2025-07-02"), []);
        assert_eq!(east_west(2, "2025-07-02")[0].code, Code::EastWestQuota);
    }

    #[test]
    fn paired_county_without_groups_warns_and_unpaired_is_not_checked() {
        let content = Content { counties: vec![paired(county("qingling"))], ..Content::default() };
        let d1 = check(&content, d("2025-07-01"));
        assert_eq!(d1.len(), 1);
        assert_diag(&d1[0], Code::EastWestQuota, FILE, Some((14, 20)));
        assert!(d1[0].message.contains("没有任何产业顾问组"), "{}", d1[0].message);
        assert_eq!(only(county("qingling"), "2025-07-01"), []);
    }
}
