//! The header, navigation and footer every page shares, through the site
//! model: the phones shown (12317 first, always), the government named in the
//! header, and a navigation that agrees with the breadcrumb on every page.

use std::collections::BTreeSet;

use gongshi::pipeline;
use gongshi::site::{self, Page, Section, Template};

use crate::support::{DEMO_TODAY, copy_dir, day, repo_root};

/// Every page of the site at `root` (the project pages included).
fn all_pages(root: &std::path::Path) -> (site::SiteCommon, Vec<Page>) {
    let checked = pipeline::check(root, day(DEMO_TODAY)).unwrap();
    let site = checked.content.site.clone().unwrap();
    let model = site::build(&checked.content, &site, day(DEMO_TODAY));
    let mut pages = model.pages.clone();
    pages.push(model.not_found.clone());
    for p in model.projects() {
        pages.extend(model.project_pages(p));
    }
    (model.common.clone(), pages)
}

#[test]
fn a_site_yaml_without_12317_still_shows_it_first() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &tmp.path().join("content"));
    let path = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let without = text.replace("  - {number: \"12317\", label: 农业农村部监督举报电话}\n", "");
    assert_ne!(text, without);
    std::fs::write(&path, without).unwrap();
    // The warning stays, and says what the site will do about it.
    let checked = pipeline::check(tmp.path(), day(DEMO_TODAY)).unwrap();
    let warnings: Vec<_> = checked.diagnostics.iter().map(|d| (d.code, d.message.as_str())).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].0, gongshi::diag::Code::SupervisionPhone);
    assert!(warnings[0].1.contains("会自动把它列在第一位"), "{}", warnings[0].1);
    let (common, pages) = all_pages(tmp.path());
    let numbers: Vec<&str> = common.phones.iter().map(|p| p.number.as_str()).collect();
    assert_eq!(numbers, ["12317", "0854-8220001", "0854-8220002"]);
    assert_eq!(
        (common.phones[0].label.as_str(), common.phones[0].tel.as_str()),
        ("农业农村部监督举报电话", "tel:12317")
    );
    // The printed notices and the 项目库公告 print the same list.
    let data = serde_json::to_value(pages.iter().map(|p| &p.data).collect::<Vec<_>>()).unwrap();
    let printed: Vec<_> = data.as_array().unwrap().iter().filter_map(|d| d.get("phones")).collect();
    assert!(printed.len() > 5);
    for phones in printed {
        assert_eq!(phones[0]["number"], "12317");
    }
}

#[test]
fn the_header_names_the_county_government() {
    let (common, _) = all_pages(&repo_root());
    let v = serde_json::to_value(&common).unwrap();
    assert_eq!(v["government"], "青岭县人民政府");
    assert_eq!(v["logo"], "images/logo.png");
    assert_eq!(v["gov_badge"], "images/gov-badge-demo.svg");
    assert_eq!(v["jiucuo_url"], "https://zfwzzc.www.gov.cn/?sitecode=5227990001");
    assert_eq!(v["psb_url"], "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=52279902000000");
    assert_eq!(v["portal"]["home_url"], "https://www.qingling.gov.cn/");
    assert_eq!(v["portal"]["organizer"], "青岭县农业农村局");
}

#[test]
fn the_navigation_and_the_breadcrumb_agree_on_every_page() {
    let (_, pages) = all_pages(&repo_root());
    let mut seen = BTreeSet::new();
    for page in &pages {
        seen.insert(page.template);
        match (page.section.page(), page.crumbs.first()) {
            // Outside the navigation (free pages, 404): no item and no trail to contradict it.
            (None, first) => assert!(first.is_none(), "{}: {:?}", page.path, page.crumbs),
            // A section's own page: the item is the page itself.
            (Some((_, path)), None) => assert_eq!(page.path, path, "{} has no breadcrumb", page.path),
            (Some((title, path)), Some(first)) => {
                assert_eq!((first.title.as_str(), first.url.as_str()), (title, path), "{}", page.path);
            }
        }
    }
    assert_eq!(seen.len(), Template::ALL.len(), "every template but base.html: {seen:?}");
    let section = |template: &str| pages.iter().find(|p| p.template.file() == template).unwrap().section;
    assert_eq!(section("page.html"), Section::None);
    assert_eq!(section("404.html"), Section::None);
    assert_eq!(section("notice.html"), Section::Projects);
    assert_eq!(section("county.html"), Section::Projects);
    // 开放数据 publishes the project warehouse: it sits under 项目库.
    assert_eq!(section("data.html"), Section::Projects);
    assert_eq!(section("index.html"), Section::Home);
}

#[test]
fn the_objections_office_and_other_channels_are_printed_and_linked() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &tmp.path().join("content"));
    let path = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let with = format!(
        "{text}objections:\n  office: 青岭县乡村振兴局\n  address: 青岭县人民路 8 号\n  channels:\n    \
         - {{label: 电子邮箱, value: xczx@qingling.gov.cn}}\n    \
         - {{label: 网上留言, value: 县长信箱, url: \"https://www.qingling.gov.cn/xzxx/\"}}\n    \
         - {{label: 政务服务便民热线, value: \"12345\"}}\n"
    );
    std::fs::write(&path, with).unwrap();
    let out = tmp.path().join("out");
    let options = pipeline::BuildOptions::new(day(DEMO_TODAY), &out);
    let report = pipeline::build(tmp.path(), &options).unwrap();
    assert!(report.written.is_some(), "{:?}", report.diagnostics);
    let files: Vec<_> = walkdir::WalkDir::new(out.join("projects"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| e.path().to_owned())
        .collect();
    let printed: Vec<_> = files.iter().filter(|p| p.to_string_lossy().contains("/notice/")).collect();
    assert!(!printed.is_empty());
    for p in printed {
        let html = std::fs::read_to_string(p).unwrap();
        assert!(html.contains("如有异议，请向青岭县乡村振兴局反映（地址：青岭县人民路 8 号）"), "{}", p.display());
        // On paper the address of an online channel is printed after it.
        assert!(html.contains("<li>网上留言：县长信箱（https://www.qingling.gov.cn/xzxx/）</li>"), "{}", p.display());
        assert!(html.contains("<li>政务服务便民热线：12345</li>"), "{}", p.display());
    }
    let page = std::fs::read_to_string(out.join("projects/QL-2026-0001/index.html")).unwrap();
    assert!(page.contains("异议受理单位：青岭县乡村振兴局"));
    assert!(page.contains("<a href=\"mailto:xczx@qingling.gov.cn\">xczx@qingling.gov.cn</a>"));
    assert!(page.contains("<a href=\"https://www.qingling.gov.cn/xzxx/\">县长信箱</a>"));
}

#[test]
fn a_feedback_channel_without_a_value_or_with_a_bad_url_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &tmp.path().join("content"));
    let path = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let with = format!(
        "{text}objections:\n  channels:\n    - {{label: 网上留言, value: 县长信箱, url: www.qingling.gov.cn}}\n    - {{label: 电子邮箱}}\n"
    );
    std::fs::write(&path, with).unwrap();
    let checked = pipeline::check(tmp.path(), day(DEMO_TODAY)).unwrap();
    let found: Vec<_> = checked.diagnostics.iter().map(|d| (d.code.as_str(), d.location.pos.map(|p| p.line))).collect();
    let lines = text.lines().count() as u32;
    assert_eq!(
        found,
        [("invalid-value", Some(lines + 3)), ("missing-field", Some(lines + 4))],
        "{:?}",
        checked.diagnostics
    );
}
