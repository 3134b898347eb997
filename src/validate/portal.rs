//! The header and footer images of `site.yaml`'s `portal`: the government's
//! logo and the 党政机关网站标识 (`image-missing`, `gov-badge-placeholder`).
//!
//! Both are files the public sees on every page, so they are checked like
//! case images: a path under `content/static/`, never a URL that would make
//! the page request something from elsewhere. The badge is special: the
//! built-in theme ships only a placeholder (the real mark is issued to each
//! site by the 党政机关网站标识 programme and may not be copied), so a site
//! that shows it without supplying its own is warned until it does.

use crate::diag::{Code, Diagnostic};
use crate::domain::Content;
use crate::domain::site::GovBadge;

use super::refs::{image_message, image_problem};

/// The theme file that holds the badge when `gov_badge: true`.
pub(crate) const THEME_BADGE: &str = "gov-badge.svg";

/// Runs the portal rules.
pub(super) fn check(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(site) = &content.site else { return out };
    let portal = &site.portal;
    let files = [
        ("网站标志（portal.logo）", portal.logo.as_ref()),
        (
            "党政机关网站标识（portal.gov_badge）",
            match &portal.gov_badge {
                GovBadge::File(f) => Some(f),
                _ => None,
            },
        ),
    ];
    for (what, file) in files {
        let Some(file) = file else { continue };
        if let Some(problem) = image_problem(&file.value, &content.static_files) {
            let (msg, help) = image_message(problem, &file.value);
            out.push(Diagnostic::new(Code::ImageMissing, site.path.at(file.pos), format!("{what}：{msg}")).help(help));
        }
    }
    if let GovBadge::Theme(pos) = portal.gov_badge
        && !content.theme_static_files.contains(THEME_BADGE)
    {
        out.push(
            Diagnostic::new(
                Code::GovBadgePlaceholder,
                site.path.at(pos),
                "页面底部显示的党政机关网站标识仍是主题自带的占位图，不是本网站获发的标识",
            )
            .help("把获发的标识图片放到 content/static/ 下，并写 gov_badge: images/标识文件名；未获发前可写 gov_badge: false"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Location, Pos, Severity};
    use crate::domain::At;
    use crate::testing::content;

    fn site(c: &mut Content) -> &mut crate::domain::site::Portal {
        &mut c.site.as_mut().unwrap().portal
    }

    fn at(line: u32, column: u32) -> Location {
        Location { file: "content/site.yaml".into(), pos: Some(Pos::new(line, column)) }
    }

    #[test]
    fn the_theme_placeholder_warns_until_the_site_overrides_it() {
        let mut c = content([]);
        site(&mut c).gov_badge = GovBadge::Theme(Pos::new(17, 14));
        let d = check(&c);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(
            (d[0].code, d[0].severity(), &d[0].location),
            (Code::GovBadgePlaceholder, Severity::Warning, &at(17, 14))
        );
        // The site's theme supplies its own gov-badge.svg: no placeholder shown.
        c.theme_static_files.insert(THEME_BADGE.into());
        assert_eq!(check(&c), []);
        // Another file of the theme does not count.
        c.theme_static_files = ["site.css".to_owned()].into();
        assert_eq!(check(&c).len(), 1);
    }

    #[test]
    fn no_badge_or_an_own_file_does_not_warn() {
        let mut c = content([]);
        assert_eq!(check(&c), []);
        c.static_files.insert("images/badge.png".into());
        site(&mut c).gov_badge = GovBadge::File(At::new("images/badge.png".into(), Pos::new(17, 14)));
        assert_eq!(check(&c), []);
        site(&mut c).gov_badge = GovBadge::File(At::new("images/nope.png".into(), Pos::new(17, 14)));
        let d = check(&c);
        assert_eq!((d.len(), d[0].code, &d[0].location), (1, Code::ImageMissing, &at(17, 14)));
    }

    #[test]
    fn a_logo_must_be_a_file_under_static() {
        let mut c = content([]);
        c.static_files.insert("images/logo.png".into());
        for (path, ok) in [
            ("images/logo.png", true),
            ("/images/logo.png", true),
            ("images/Logo.png", false),
            ("https://example.com/logo.png", false),
            ("../logo.png", false),
        ] {
            site(&mut c).logo = Some(At::new(path.into(), Pos::new(9, 9)));
            let d = check(&c);
            if ok {
                assert_eq!(d, [], "{path}");
            } else {
                assert_eq!((d.len(), d[0].code, &d[0].location), (1, Code::ImageMissing, &at(9, 9)), "{path}");
            }
        }
    }
}
