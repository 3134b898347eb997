//! Converts `site.yaml` and the optional `project_types.yaml`.

use super::reader::{Ctx, opt_text, req_text};
use super::yaml::{Kind, Node};
use crate::diag::Code;
use crate::domain::content::ProjectType;
use crate::domain::site::{
    AnnouncementSettings, Contact, FeedbackChannel, GovBadge, IndexNoError, IndexNoPattern, MonthDay, Objections,
    Phone, Portal,
};
use crate::domain::terms::{Terms, TermsFrom};
use crate::domain::{NoticeLevel, Rules, Site};
use crate::format::Shape;

/// Reads `site.yaml`.
pub(crate) fn read(ctx: &mut Ctx, root: &Node) -> Option<Site> {
    let mut m = ctx.map(root, Shape::Site)?;
    let title = req_text(ctx, &mut m, "title");
    let base_url = m.get(ctx, "base_url").and_then(|n| base_url(ctx, n));
    let language = opt_text(ctx, &mut m, "language").unwrap_or_else(|| "zh-CN".into());
    let county = m.get(ctx, "county").and_then(|n| ctx.text_at(n));
    let page_size = match m.get(ctx, "page_size").and_then(|n| ctx.count(n)) {
        Some(0) => {
            ctx.report(Code::InvalidValue, m.key_pos("page_size"), "每页条数必须大于 0".into(), None);
            20
        }
        Some(n) => n.min(10_000) as usize,
        None => 20,
    };
    let theme = m.get(ctx, "theme").and_then(|n| ctx.text_at(n)).and_then(|t| {
        // A theme name becomes a folder name under themes/: never a path.
        if crate::domain::RecordId::is_valid(&t) {
            Some(t)
        } else {
            ctx.report(
                Code::InvalidValue,
                t.pos,
                format!("主题名“{}”只能用字母、数字、- 和 _", t.value),
                Some("主题放在 themes/<主题名>/ 下，这里只写主题名"),
            );
            None
        }
    });
    let portal = m.get(ctx, "portal").and_then(|n| portal(ctx, n)).unwrap_or_default();
    let supervision_phones_pos = m.key_pos("supervision_phones");
    let supervision_phones = m.get(ctx, "supervision_phones").map(|n| ctx.list(n, phone)).unwrap_or_default();
    let rules = m.get(ctx, "rules").and_then(|n| rules(ctx, n)).unwrap_or_default();
    let objections = m.get(ctx, "objections").and_then(|n| objections(ctx, n)).unwrap_or_default();
    let announcements = m.get(ctx, "announcements").and_then(|n| announcements(ctx, n)).unwrap_or_default();
    let terms = Terms { items: m.get(ctx, "terms").map(|n| ctx.list(n, terms_from)).unwrap_or_default() };
    m.finish(ctx);
    Some(Site {
        path: ctx.path.clone(),
        title,
        base_url: base_url.unwrap_or_else(|| "https://example.invalid/".into()),
        language,
        county,
        page_size,
        theme,
        portal,
        supervision_phones,
        supervision_phones_pos,
        rules,
        objections,
        announcements,
        terms,
    })
}

fn terms_from(ctx: &mut Ctx, node: &Node) -> Option<TermsFrom> {
    let mut m = ctx.map(node, Shape::TermsFrom)?;
    let from = m.get(ctx, "from").and_then(|n| ctx.year(n));
    let warehouse = opt_text(ctx, &mut m, "warehouse");
    let fund = opt_text(ctx, &mut m, "fund");
    let fund_short = opt_text(ctx, &mut m, "fund_short");
    let assets = opt_text(ctx, &mut m, "assets");
    m.finish(ctx);
    Some(TermsFrom { from: *from?, warehouse, fund, fund_short, assets })
}

fn announcements(ctx: &mut Ctx, node: &Node) -> Option<AnnouncementSettings> {
    let mut m = ctx.map(node, Shape::AnnouncementSettings)?;
    let index_no = m.get(ctx, "index_no").and_then(|n| {
        let text = ctx.text(n)?;
        match IndexNoPattern::parse(&text) {
            Ok(p) => Some(p),
            Err(e) => {
                let why = match e {
                    IndexNoError::UnknownPlaceholder(name) => format!("“{{{name}}}”不是可用的占位符"),
                    IndexNoError::UnbalancedBrace => "花括号 { } 须成对，且只用来写占位符".into(),
                };
                let help = format!("可用的占位符：{}", IndexNoPattern::PLACEHOLDERS.join("、"));
                ctx.report(Code::InvalidValue, n.pos, format!("索引号格式“{text}”有误：{why}"), Some(&help));
                None
            }
        }
    });
    m.finish(ctx);
    Some(AnnouncementSettings { index_no })
}

fn objections(ctx: &mut Ctx, node: &Node) -> Option<Objections> {
    let mut m = ctx.map(node, Shape::Objections)?;
    let office = opt_text(ctx, &mut m, "office");
    let address = opt_text(ctx, &mut m, "address");
    let channels = m.get(ctx, "channels").map(|n| ctx.list(n, feedback_channel)).unwrap_or_default();
    m.finish(ctx);
    Some(Objections { office, address, channels })
}

fn feedback_channel(ctx: &mut Ctx, node: &Node) -> Option<FeedbackChannel> {
    let mut m = ctx.map(node, Shape::FeedbackChannel)?;
    let label = req_text(ctx, &mut m, "label");
    let value = req_text(ctx, &mut m, "value");
    let url = m.get(ctx, "url").and_then(|n| web_url(ctx, n));
    m.finish(ctx);
    Some(FeedbackChannel { label, value, url })
}

fn base_url(ctx: &mut Ctx, node: &Node) -> Option<String> {
    let url = ctx.text(node)?;
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    let host = url.split("://").nth(1).unwrap_or("");
    if scheme_ok && url.ends_with('/') && !host.starts_with('/') && host.len() > 1 && !url.contains(char::is_whitespace)
    {
        Some(url)
    } else {
        ctx.report(
            Code::InvalidValue,
            node.pos,
            format!("网站地址“{url}”应为以 http:// 或 https:// 开头、以 / 结尾的完整地址"),
            Some("例如 https://www.qingling.gov.cn/xczx/"),
        );
        None
    }
}

fn portal(ctx: &mut Ctx, node: &Node) -> Option<Portal> {
    let mut m = ctx.map(node, Shape::Portal)?;
    let government = opt_text(ctx, &mut m, "government");
    let home_url = m.get(ctx, "home_url").and_then(|n| web_url(ctx, n));
    let logo = m.get(ctx, "logo").and_then(|n| ctx.text_at(n));
    let sponsor = req_text(ctx, &mut m, "sponsor");
    let organizer = opt_text(ctx, &mut m, "organizer");
    let contact = m.get(ctx, "contact").and_then(|n| contact(ctx, n)).unwrap_or_default();
    let site_code = req_text(ctx, &mut m, "site_code");
    let icp_filing = req_text(ctx, &mut m, "icp_filing");
    let psb_filing = opt_text(ctx, &mut m, "psb_filing");
    let gov_badge = m.get(ctx, "gov_badge").map(|n| gov_badge(ctx, n)).unwrap_or_default();
    let jiucuo_url = m.get(ctx, "jiucuo_url").and_then(|n| web_url(ctx, n));
    m.finish(ctx);
    Some(Portal {
        government,
        home_url,
        logo,
        sponsor,
        organizer,
        contact,
        site_code,
        icp_filing,
        psb_filing,
        gov_badge,
        jiucuo_url,
    })
}

/// `gov_badge`: `true` (the theme's image), `false`, or the path of the
/// site's own issued badge under `content/static/` (checked like case images).
fn gov_badge(ctx: &mut Ctx, node: &Node) -> GovBadge {
    match &node.kind {
        Kind::Bool(true) => GovBadge::Theme(node.pos),
        Kind::Bool(false) => GovBadge::None,
        // YAML 1.1 booleans (`yes`, `on` …) are strings in YAML 1.2: a typo
        // for true/false, not a file name.
        Kind::Str { text, .. } if !is_yaml11_bool(text) => ctx.text_at(node).map_or(GovBadge::None, GovBadge::File),
        _ => {
            ctx.report(
                Code::InvalidValue,
                node.pos,
                "党政机关网站标识（gov_badge）应写 true、false 或标识图片在 content/static/ 下的路径".into(),
                Some("例如 gov_badge: images/gov-badge.png"),
            );
            GovBadge::None
        }
    }
}

fn is_yaml11_bool(text: &str) -> bool {
    matches!(text.trim().to_ascii_lowercase().as_str(), "yes" | "no" | "on" | "off" | "y" | "n" | "true" | "false")
}

/// An `http(s)://` link (a footer link must never be `javascript:` or `data:`).
fn web_url(ctx: &mut Ctx, node: &Node) -> Option<String> {
    let url = ctx.text(node)?;
    let lower = url.trim().to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://")) && !url.contains(['"', '<', '>', ' ']) {
        Some(url)
    } else {
        ctx.report(
            Code::InvalidValue,
            node.pos,
            format!("链接“{url}”应为以 http:// 或 https:// 开头的网址"),
            Some("例如 https://www.gov.cn/"),
        );
        None
    }
}

fn contact(ctx: &mut Ctx, node: &Node) -> Option<Contact> {
    let mut m = ctx.map(node, Shape::Contact)?;
    let c = Contact {
        address: opt_text(ctx, &mut m, "address"),
        phone: opt_text(ctx, &mut m, "phone"),
        email: opt_text(ctx, &mut m, "email"),
    };
    m.finish(ctx);
    Some(c)
}

fn phone(ctx: &mut Ctx, node: &Node) -> Option<Phone> {
    let mut m = ctx.map(node, Shape::Phone)?;
    let number = m.get(ctx, "number").and_then(|n| ctx.text(n));
    // A phone with an empty label (reported) still is a number to call.
    let label = req_text(ctx, &mut m, "label");
    m.finish(ctx);
    Some(Phone { number: number?, label })
}

fn rules(ctx: &mut Ctx, node: &Node) -> Option<Rules> {
    let mut m = ctx.map(node, Shape::Rules)?;
    let mut r = Rules::default();
    if let Some(n) = m.get(ctx, "notice_min_days").and_then(|n| ctx.count(n)) {
        r.notice_min_days = n.min(3650) as i64;
    }
    if let Some(k) = m.get(ctx, "counting").and_then(|n| ctx.keyword(n)) {
        r.counting = k.value;
    }
    if let Some(k) = m.get(ctx, "consultation").and_then(|n| ctx.keyword(n)) {
        r.consultation = k.value;
    }
    if let Some(d) = m.get(ctx, "plan_due").and_then(|n| month_day(ctx, n)) {
        r.plan_due = d;
    }
    if let Some(n) = m.get(ctx, "summary_window") {
        let days = ctx.list(n, month_day);
        match days.as_slice() {
            [a, b] => r.summary_window = (*a, *b),
            _ => ctx.report(
                Code::InvalidValue,
                n.pos,
                "工作总结时间窗应写成两个月-日，如 [\"11-15\", \"01-31\"]".into(),
                None,
            ),
        }
    }
    if let Some(n) = m.get(ctx, "management_fee_max_percent") {
        // Percent with up to two decimals, held as basis points so the cap is exact.
        match ctx.money(n) {
            Some(p) if p.fen() % 10_000 == 0 => r.management_fee_max_bp = p.fen() / 10_000,
            Some(_) => ctx.report(Code::InvalidValue, n.pos, "管理费比例最多保留两位小数".into(), None),
            None => {}
        }
    }
    if let Some(n) = m.get(ctx, "notice_levels") {
        let mut levels: Vec<NoticeLevel> =
            ctx.list(n, |c, v| c.keyword::<NoticeLevel>(v)).into_iter().map(|k| k.value).collect();
        // Written in any order, once each: the procedure decides the order.
        levels.sort_unstable();
        levels.dedup();
        if !levels.is_empty() {
            r.notice_levels = levels;
        }
    }
    if let Some(n) = m.get(ctx, "change_notice_percent") {
        // Held as basis points, like the management fee cap, so the comparison is exact.
        match ctx.money(n) {
            Some(p) if p.fen() % 10_000 != 0 => {
                ctx.report(Code::InvalidValue, n.pos, "资金变更比例最多保留两位小数".into(), None)
            }
            Some(p) if p.fen() > 100 * 1_000_000 => {
                ctx.report(Code::InvalidValue, n.pos, "资金变更比例应在 0 到 100 之间".into(), None)
            }
            Some(p) => r.change_notice_bp = p.fen() / 10_000,
            None => {}
        }
    }
    if let Some(n) = m.get(ctx, "announce_within_working_days").and_then(|n| ctx.count(n)) {
        r.announce_within_working_days = n.min(3650) as u32;
    }
    if let Some(n) = m.get(ctx, "objection_working_days").and_then(|n| ctx.count(n)) {
        r.objection_working_days = n.min(3650) as u32;
    }
    if let Some(n) = m.get(ctx, "completion_notice_working_days").and_then(|n| ctx.count(n)) {
        r.completion_notice_working_days = n.min(3650) as u32;
    }
    if let Some(n) = m.get(ctx, "photo_max_kb").and_then(|n| ctx.count(n)) {
        r.photo_max_kb = n;
    }
    if let Some(n) = m.get(ctx, "asset_handover_days").and_then(|n| ctx.count(n)) {
        r.asset_handover_days = n.min(3650) as u32;
    }
    if let Some(n) = m.get(ctx, "allocation_within_working_days").and_then(|n| ctx.count(n)) {
        r.allocation_within_working_days = n.min(3650) as u32;
    }
    if let Some(n) = m.get(ctx, "plan_within_working_days").and_then(|n| ctx.count(n)) {
        r.plan_within_working_days = n.min(3650) as u32;
    }
    m.finish(ctx);
    Some(r)
}

fn month_day(ctx: &mut Ctx, node: &Node) -> Option<MonthDay> {
    if let Kind::Str { text, .. } = &node.kind
        && let Some(d) = MonthDay::parse(text)
    {
        return Some(d);
    }
    ctx.report(Code::InvalidValue, node.pos, "应写成带引号的月-日，如 \"03-31\"".into(), None);
    None
}

/// Reads `project_types.yaml`: a list of `{key, name, sub_types}`.
pub(crate) fn taxonomy(ctx: &mut Ctx, root: &Node) -> Vec<ProjectType> {
    ctx.list(root, |ctx, item| {
        let mut m = ctx.map(item, Shape::ProjectType)?;
        let key = m.get(ctx, "key").and_then(|n| ctx.id(n));
        let name = m.get(ctx, "name").and_then(|n| ctx.text(n));
        let sub_types = m.get(ctx, "sub_types").map(|n| ctx.list(n, |c, s| c.text(s))).unwrap_or_default();
        m.finish(ctx);
        Some(ProjectType { key: key?.value, name: name?, sub_types })
    })
}

#[cfg(test)]
mod tests {
    use super::super::file::{Parser, read_file};
    use super::super::{FileKind, Record};
    use crate::diag::{Code, Diagnostic, Pos};
    use crate::domain::Site;
    use crate::domain::site::GovBadge;

    const HEAD: &str = "title: 平台\nbase_url: https://example.gov.cn/\nsupervision_phones:\n  - {number: \"12317\", label: 监督电话}\nportal:\n  sponsor: 县政府办公室\n  site_code: \"1\"\n  icp_filing: 备案号\n";

    /// Loads a site.yaml whose `portal` mapping gets `extra` (lines from line 9).
    fn load(extra: &str) -> (Site, Vec<Diagnostic>) {
        let text = format!("{HEAD}{extra}");
        match read_file("content/site.yaml", text.as_bytes(), FileKind::Site, Parser::Fresh) {
            (Some(Record::Site(s)), d) => (*s, d),
            (_, d) => panic!("no site: {d:#?}"),
        }
    }

    fn codes(d: &[Diagnostic]) -> Vec<(Code, u32)> {
        d.iter().map(|d| (d.code, d.location.pos.map_or(0, |p| p.line))).collect()
    }

    #[test]
    fn portal_keys_are_optional() {
        let (site, d) = load("");
        assert_eq!(codes(&d), []);
        let p = site.portal;
        assert_eq!((p.government, p.home_url, p.logo, p.organizer), (None, None, None, None));
        assert_eq!(p.gov_badge, GovBadge::None);
    }

    #[test]
    fn header_and_footer_keys_are_read() {
        let (site, d) = load(
            "  government: 青岭县人民政府\n  home_url: https://www.qingling.gov.cn/\n  logo: images/logo.png\n  organizer: 县农业农村局\n",
        );
        assert_eq!(codes(&d), []);
        let p = site.portal;
        assert_eq!(p.government.as_deref(), Some("青岭县人民政府"));
        assert_eq!(p.home_url.as_deref(), Some("https://www.qingling.gov.cn/"));
        assert_eq!(p.logo.map(|l| (l.value, l.pos)), Some(("images/logo.png".into(), Pos::new(11, 9))));
        assert_eq!(p.organizer.as_deref(), Some("县农业农村局"));
    }

    #[test]
    fn home_url_must_be_http() {
        for bad in ["javascript:alert(1)", "www.qingling.gov.cn", "ftp://x.cn/", "data:text/html,x"] {
            let (site, d) = load(&format!("  home_url: \"{bad}\"\n"));
            assert_eq!(codes(&d), [(Code::InvalidValue, 9)], "{bad}");
            assert_eq!(site.portal.home_url, None);
        }
    }

    #[test]
    fn gov_badge_is_a_boolean_or_a_file() {
        let badge = |v: &str| load(&format!("  gov_badge: {v}\n"));
        assert_eq!(badge("true").0.portal.gov_badge, GovBadge::Theme(Pos::new(9, 14)));
        assert_eq!(badge("false").0.portal.gov_badge, GovBadge::None);
        match badge("images/badge.png").0.portal.gov_badge {
            GovBadge::File(f) => assert_eq!((f.value.as_str(), f.pos), ("images/badge.png", Pos::new(9, 14))),
            other => panic!("{other:?}"),
        }
        // A YAML 1.1 boolean is a typo for true/false, not a file name; a list is nothing.
        for bad in ["yes", "on", "No", "[a]", "1"] {
            let (site, d) = badge(bad);
            assert_eq!(codes(&d), [(Code::InvalidValue, 9)], "{bad}");
            assert_eq!(site.portal.gov_badge, GovBadge::None, "{bad}");
        }
    }

    #[test]
    fn unknown_portal_keys_are_still_refused() {
        let (_, d) = load("  goverment: 青岭县人民政府\n");
        assert_eq!(codes(&d), [(Code::UnknownField, 9)]);
    }

    #[test]
    fn money_deadlines_and_their_defaults() {
        let r = load("").0.rules;
        assert_eq!((r.allocation_within_working_days, r.plan_within_working_days), (15, 20));
        let (site, d) = load("rules:\n  allocation_within_working_days: 10\n  plan_within_working_days: 30\n");
        assert_eq!(codes(&d), []);
        assert_eq!((site.rules.allocation_within_working_days, site.rules.plan_within_working_days), (10, 30));
    }

    #[test]
    fn working_day_rules_and_their_defaults() {
        let r = load("").0.rules;
        assert_eq!((r.change_notice_bp, r.announce_within_working_days, r.objection_working_days), (1000, 20, 10));
        let (site, d) = load(
            "rules:\n  change_notice_percent: 12.5\n  announce_within_working_days: 15\n  objection_working_days: 7\n",
        );
        assert_eq!(codes(&d), []);
        let r = site.rules;
        assert_eq!((r.change_notice_bp, r.announce_within_working_days, r.objection_working_days), (1250, 15, 7));
        for bad in ["12.345", "100.5", "-1", "\"10\""] {
            let (site, d) = load(&format!("rules:\n  change_notice_percent: {bad}\n"));
            assert_eq!(codes(&d), [(Code::InvalidValue, 10)], "{bad}");
            assert_eq!(site.rules.change_notice_bp, 1000, "{bad}");
        }
    }

    #[test]
    fn the_index_no_pattern_is_parsed_once() {
        assert_eq!(load("").0.announcements.index_no, None);
        let (site, d) = load("announcements:\n  index_no: \"{adcode}-{year}-{id}\"\n");
        assert_eq!(codes(&d), []);
        let p = site.announcements.index_no.unwrap();
        assert_eq!(p.render("522799", 2026, "GG-01", "qingling"), "522799-2026-GG-01");
        for bad in ["\"{adcode}-{yr}\"", "\"{adcode\"", "\"x}\""] {
            let (site, d) = load(&format!("announcements:\n  index_no: {bad}\n"));
            assert_eq!(codes(&d), [(Code::InvalidValue, 10)], "{bad}");
            assert_eq!(site.announcements.index_no, None);
        }
    }
}
