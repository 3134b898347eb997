//! The header and footer every page shares (页头与页面底部功能区): who runs the
//! site, its filings and their public lookups, and the supervision phones.
//!
//! Decided here once, so that every template (and the printed notices and
//! 项目库公告, which print the phones too) shows the same thing. Pure, like
//! the rest of the site model.

use serde::Serialize;

use crate::domain::site::{GovBadge, NATIONAL_HOTLINE, is_national_hotline};
use crate::domain::{Content, Site};

/// The label of 12317 when `site.yaml` does not list it.
const NATIONAL_HOTLINE_LABEL: &str = "农业农村部监督举报电话";
/// The MIIT's public lookup of ICP filings (ICP备案查询).
const ICP_LOOKUP: &str = "https://beian.miit.gov.cn/";
/// The public lookup of a 公安机关备案 record; the record's digits follow.
const PSB_LOOKUP: &str = "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=";
/// Where `gov_badge: true` finds the badge: the theme's static file.
const THEME_BADGE: &str = "theme/gov-badge.svg";

/// One supervision phone line, ready to print and to call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhoneLine {
    /// The number as written (`0854-8220001`).
    pub number: String,
    /// What it is (农业农村部监督举报电话).
    pub label: String,
    /// A `tel:` URL for tap-to-call: the digits (and a leading `+`) only.
    pub tel: String,
}

/// Where objections go and the other feedback channels, as every notice
/// and project page shows them (`site.yaml`'s `objections`).
#[derive(Debug, Clone, Serialize)]
pub struct ObjectionsView {
    /// Whom objections go to: the 受理单位, else 发布单位 (each notice's issuer).
    pub to: String,
    /// The 受理单位 when the site names one.
    pub office: Option<String>,
    /// 受理地址.
    pub address: Option<String>,
    /// The channels besides the phones, those with a value only.
    pub channels: Vec<ChannelView>,
}

/// One feedback channel.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelView {
    /// 渠道名称.
    pub label: String,
    /// 联系方式.
    pub value: String,
    /// Its link: the site's `url`, or `mailto:` for an e-mail address.
    pub href: Option<String>,
    /// The site's `url`, printed on paper after the value.
    pub web: Option<String>,
}

/// The objections view of `site`.
pub fn objections(site: &Site) -> ObjectionsView {
    let o = &site.objections;
    let channels = o
        .channels
        .iter()
        .filter(|c| !c.value.trim().is_empty())
        .map(|c| ChannelView {
            label: c.label.clone(),
            value: c.value.clone(),
            href: c.url.clone().or_else(|| is_email(&c.value).then(|| format!("mailto:{}", c.value.trim()))),
            web: c.url.clone(),
        })
        .collect();
    ObjectionsView {
        to: o.office.clone().unwrap_or_else(|| "发布单位".to_owned()),
        office: o.office.clone(),
        address: o.address.clone(),
        channels,
    }
}

/// Whether `value` is one e-mail address (a link is offered only then).
fn is_email(value: &str) -> bool {
    let v = value.trim();
    v.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !v.contains(char::is_whitespace) && v.is_ascii()
    })
}

/// The phones to show, in order: 12317 first (with the site's label for it,
/// or 农业农村部监督举报电话 when the site leaves it out, which `check` warns
/// of as `supervision-phone`), then the site's others in file order. A
/// number listed twice is shown once.
pub fn phones(site: &Site) -> Vec<PhoneLine> {
    let listed = site.supervision_phones.iter().map(|p| (p.number.trim(), p.label.trim()));
    let national = listed.clone().find(|(n, _)| is_national_hotline(n));
    let mut out = vec![line(NATIONAL_HOTLINE, national.map_or(NATIONAL_HOTLINE_LABEL, |(_, l)| l))];
    for (number, label) in listed {
        if !out.iter().any(|p| digits(&p.number) == digits(number)) {
            out.push(line(number, label));
        }
    }
    out
}

fn line(number: &str, label: &str) -> PhoneLine {
    let plus = if number.trim_start().starts_with('+') { "+" } else { "" };
    PhoneLine { number: number.to_owned(), label: label.to_owned(), tel: format!("tel:{plus}{}", digits(number)) }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The header and footer items derived from `portal` (the raw keys stay in
/// `SiteCommon::portal`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct PortalView {
    /// 政府名称 in the header: `portal.government`, else the one county's
    /// name + 人民政府 (a one-county site), else none.
    pub government: Option<String>,
    /// The logo's path relative to the site root.
    pub logo: Option<String>,
    /// The badge image's path relative to the site root, when one is shown.
    pub gov_badge: Option<String>,
    /// The ICP filing lookup.
    pub icp_url: &'static str,
    /// The 公安备案 lookup of this site's record, when it has one with digits.
    pub psb_url: Option<String>,
    /// The 政府网站找错 link carrying `sitecode=<site_code>`.
    pub jiucuo_url: Option<String>,
}

/// Derives the header and footer items of `site`.
pub fn view(site: &Site, content: &Content) -> PortalView {
    let portal = &site.portal;
    let government = portal.government.clone().or_else(|| {
        let county = content.county(site.county.as_ref()?)?;
        Some(format!("{}人民政府", county.name))
    });
    let site_path = |p: &str| p.trim().trim_start_matches('/').to_owned();
    let psb_digits = portal.psb_filing.as_deref().map(digits).filter(|d| !d.is_empty());
    PortalView {
        government,
        logo: portal.logo.as_ref().map(|l| site_path(l)),
        gov_badge: match &portal.gov_badge {
            GovBadge::None => None,
            GovBadge::Theme(_) => Some(THEME_BADGE.to_owned()),
            GovBadge::File(f) => Some(site_path(f)),
        },
        icp_url: ICP_LOOKUP,
        psb_url: psb_digits.map(|d| format!("{PSB_LOOKUP}{d}")),
        jiucuo_url: portal.jiucuo_url.as_deref().map(|u| {
            let code: String = portal.site_code.chars().filter(char::is_ascii_alphanumeric).collect();
            let sep = if u.contains('?') { '&' } else { '?' };
            format!("{}{sep}sitecode={code}", u.trim())
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use crate::domain::At;
    use crate::domain::site::Phone;
    use crate::testing::content;

    fn site_with(phones: &[(&str, &str)]) -> Site {
        let mut site = content([]).site.unwrap();
        site.supervision_phones =
            phones.iter().map(|(n, l)| Phone { number: (*n).into(), label: (*l).into() }).collect();
        site
    }

    fn numbers(p: &[PhoneLine]) -> Vec<&str> {
        p.iter().map(|p| p.number.as_str()).collect()
    }

    #[test]
    fn a_site_without_12317_still_shows_it_first() {
        let p = phones(&site_with(&[("0854-8220001", "县农业农村局监督电话")]));
        assert_eq!(numbers(&p), ["12317", "0854-8220001"]);
        assert_eq!(p[0].label, "农业农村部监督举报电话");
        assert_eq!(p[0].tel, "tel:12317");
        assert_eq!(p[1].tel, "tel:08548220001");
        // No phones at all (missing-field): 12317 alone.
        assert_eq!(numbers(&phones(&site_with(&[]))), ["12317"]);
    }

    #[test]
    fn a_listed_12317_moves_first_with_its_own_label_and_is_not_repeated() {
        let p = phones(&site_with(&[("0854-1", "县监督电话"), (" 12317 ", "全国监督举报电话"), ("0854-1", "重复")]));
        assert_eq!(numbers(&p), ["12317", "0854-1"]);
        assert_eq!(p[0].label, "全国监督举报电话");
        assert_eq!(line("+86 10 1234", "x").tel, "tel:+86101234");
    }

    #[test]
    fn government_comes_from_the_key_or_the_one_county() {
        let mut c = content([]);
        let mut site = c.site.clone().unwrap();
        assert_eq!(view(&site, &c).government, None);
        let mut county = crate::testing::county("qingling");
        county.name = "青岭县".into();
        c.counties.push(county);
        site.county = Some(At::new("qingling".into(), Pos::new(4, 9)));
        assert_eq!(view(&site, &c).government.as_deref(), Some("青岭县人民政府"));
        site.portal.government = Some("青岭县人民政府办公室".into());
        assert_eq!(view(&site, &c).government.as_deref(), Some("青岭县人民政府办公室"));
    }

    #[test]
    fn filing_and_jiucuo_links() {
        let c = content([]);
        let mut site = c.site.clone().unwrap();
        site.portal.site_code = "5227990001".into();
        site.portal.psb_filing = Some("黔公网安备 52279902000000号".into());
        site.portal.jiucuo_url = Some("https://zfwzzc.www.gov.cn/".into());
        site.portal.gov_badge = GovBadge::File(At::new("/images/badge.png".into(), Pos::new(1, 1)));
        let v = view(&site, &c);
        assert_eq!(v.icp_url, "https://beian.miit.gov.cn/");
        assert_eq!(
            v.psb_url.as_deref(),
            Some("https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=52279902000000")
        );
        assert_eq!(v.jiucuo_url.as_deref(), Some("https://zfwzzc.www.gov.cn/?sitecode=5227990001"));
        assert_eq!(v.gov_badge.as_deref(), Some("images/badge.png"));
        site.portal.jiucuo_url = Some("https://zfwzzc.www.gov.cn/check?from=x".into());
        site.portal.gov_badge = GovBadge::Theme(Pos::new(1, 1));
        let v = view(&site, &c);
        assert_eq!(v.jiucuo_url.as_deref(), Some("https://zfwzzc.www.gov.cn/check?from=x&sitecode=5227990001"));
        assert_eq!(v.gov_badge.as_deref(), Some("theme/gov-badge.svg"));
    }
}
