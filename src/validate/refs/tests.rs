//! Tests of the identity and reference rules.

use super::images::PathProblem;
use super::*;
use crate::domain::content::ProjectType;
use crate::domain::group::{MemberSource, RemoteGuidance, ServiceVisit};
use crate::domain::{Rules, Site};
use crate::testing::records::*;

fn codes(diags: &[Diagnostic]) -> Vec<Code> {
    diags.iter().map(|d| d.code).collect()
}

fn base() -> Content {
    let mut c = Content { counties: vec![county("qingling")], ..Content::default() };
    c.groups.push(group("qingling-tea", "qingling", "2023-05-10"));
    c
}

fn site(county: Option<&str>) -> Site {
    Site {
        path: crate::domain::SourcePath("content/site.yaml".into()),
        supervision_phones_pos: crate::diag::Pos::new(9, 1),
        title: "平台".into(),
        base_url: "https://example.gov.cn/".into(),
        language: "zh-CN".into(),
        county: county.map(|c| s(c, 4, 9)),
        page_size: 20,
        theme: None,
        portal: Default::default(),
        supervision_phones: Vec::new(),
        rules: Rules::default(),
        objections: Default::default(),
        announcements: Default::default(),
        terms: Default::default(),
    }
}

#[test]
fn valid_corpus_has_no_diagnostics() {
    let mut c = base();
    let mut p = located(project("QL-1", "qingling"), "shiqiao", &["baiyan"]);
    p.advisory_group = Some(s("qingling-tea", 30, 17));
    c.projects.push(p.into());
    let mut k = case("tea", "qingling");
    k.township = Some(s("shiqiao", 5, 11));
    k.related_projects = vec![s("QL-1", 9, 20)];
    c.cases.push(k);
    c.site = Some(site(Some("qingling")));
    assert_eq!(check(&c), []);
}

#[test]
fn duplicate_record_ids_differing_in_case_are_reported_after_the_first_path() {
    let mut c = base();
    // Given out of path order: the report still goes on the later path.
    c.counties = vec![county("qingling"), county("QingLing")];
    let d = check(&c);
    assert_eq!(codes(&d), [Code::DuplicateId]);
    // "content/counties/qingling.yaml" > "content/counties/QingLing.yaml" in byte order.
    assert_diag(&d[0], Code::DuplicateId, "content/counties/qingling.yaml", Some((1, 5)));
    assert!(d[0].message.contains("content/counties/QingLing.yaml"), "{}", d[0].message);
    assert_eq!(d[0].record.as_deref(), Some("qingling"));
}

#[test]
fn duplicate_ids_of_every_record_kind() {
    let mut c = base();
    c.projects = vec![project("QL-1", "qingling"), project("ql-1", "qingling")].into_iter().map(Into::into).collect();
    c.groups.push(group("Qingling-Tea", "qingling", "2023-05-10"));
    c.cases = vec![case("tea", "qingling"), case("TEA", "qingling")];
    c.pages = vec![page("about", ""), page("About", "")];
    let mut d = check(&c);
    crate::diag::sort(&mut d);
    let files: Vec<_> = d.iter().map(|x| (x.code, &*x.location.file)).collect();
    assert_eq!(
        files,
        [
            (Code::DuplicateId, "content/cases/tea.md"),
            (Code::DuplicateId, "content/groups/qingling-tea.yaml"),
            (Code::DuplicateId, "content/pages/about.md"),
            (Code::DuplicateId, "content/projects/ql-1.yaml"),
        ]
    );
    assert_diag(&d[0], Code::DuplicateId, "content/cases/tea.md", Some((2, 5)));
}

#[test]
fn exact_duplicate_is_reported_once_per_later_record() {
    let mut c = base();
    c.projects = vec![project("A", "qingling"), project("a", "qingling"), project("a", "qingling")]
        .into_iter()
        .map(Into::into)
        .collect();
    std::sync::Arc::make_mut(&mut c.projects[2]).path = SourcePath("content/projects/z/a.yaml".into());
    let d = check(&c);
    assert_eq!(codes(&d), [Code::DuplicateId, Code::DuplicateId]);
    assert!(d.iter().all(|x| x.message.contains("content/projects/A.yaml")));
}

#[test]
fn duplicate_taxonomy_key_points_at_the_taxonomy_file() {
    let mut c = base();
    let ty = |k: &str| ProjectType { key: k.into(), name: "产业".into(), sub_types: Vec::new() };
    c.taxonomy = vec![ty("industry"), ty("Industry")];
    let d = check(&c);
    assert_eq!(codes(&d), [Code::DuplicateId]);
    assert_diag(&d[0], Code::DuplicateId, "content/project_types.yaml", None);
    assert_eq!(d[0].record.as_deref(), Some("Industry"));
}

#[test]
fn duplicate_items_inside_records() {
    let mut c = base();
    c.groups[0].members = vec![
        member("m1", 10, MemberSource::Local, "2023-05-10", None),
        member("M1", 20, MemberSource::Local, "2023-05-10", None),
    ];
    let county = &mut c.counties[0];
    county.needs = vec![need("n1", 30, None), need("N1", 40, None)];
    county.townships =
        vec![township("shiqiao", 50, &[("baiyan", 51)]), township("ShiQiao", 60, &[("BaiYan", 61), ("shiqiao", 62)])];
    let mut d = check(&c);
    crate::diag::sort(&mut d);
    assert_eq!(d.len(), 4, "{d:?}");
    assert_diag(&d[0], Code::DuplicateId, "content/counties/qingling.yaml", Some((40, 9)));
    assert_diag(&d[1], Code::DuplicateId, "content/counties/qingling.yaml", Some((60, 9)));
    // The village duplicates the first village, not the township of the same id.
    assert_diag(&d[2], Code::DuplicateId, "content/counties/qingling.yaml", Some((61, 13)));
    assert!(d[2].message.contains("第51行"), "{}", d[2].message);
    assert_diag(&d[3], Code::DuplicateId, "content/groups/qingling-tea.yaml", Some((20, 9)));
    assert_eq!(d[3].record.as_deref(), Some("qingling-tea"));
}

#[test]
fn project_references() {
    let mut c = base();
    c.counties.push(county("other"));
    c.counties[1].townships.push(township("liuhe", 30, &[("dazhai", 31)]));
    c.groups.push(group("other-tea", "other", "2023-05-10"));
    // Unknown county: only the county is reported; the group exists, so nothing more.
    let mut p1 = located(project("P1", "nowhere"), "shiqiao", &["baiyan"]);
    p1.advisory_group = Some(s("qingling-tea", 30, 17));
    // Unknown township.
    let p2 = located(project("P2", "qingling"), "shiqiao2", &["baiyan"]);
    // A village of another township (of another county even), and a group of another county.
    let mut p3 = located(project("P3", "qingling"), "shiqiao", &["baiyan", "dazhai"]);
    p3.advisory_group = Some(s("other-tea", 30, 17));
    // A group that does not exist; a reference differing only in case does not match.
    let mut p4 = project("P4", "Qingling");
    p4.advisory_group = Some(s("Qingling-tea", 30, 17));
    c.projects = vec![p1, p2, p3, p4].into_iter().map(Into::into).collect();
    let mut d = check(&c);
    crate::diag::sort(&mut d);
    assert_eq!(d.len(), 6, "{d:?}");
    assert_diag(&d[0], Code::UnknownReference, "content/projects/P1.yaml", Some((3, 9)));
    assert_diag(&d[1], Code::UnknownReference, "content/projects/P2.yaml", Some((8, 23)));
    assert_eq!(d[1].message, "项目引用的乡镇“shiqiao2”不存在于县“qingling”");
    assert_diag(&d[2], Code::UnknownReference, "content/projects/P3.yaml", Some((8, 55)));
    assert_diag(&d[3], Code::UnknownReference, "content/projects/P3.yaml", Some((30, 17)));
    assert!(d[3].message.contains("属于县“other”"), "{}", d[3].message);
    assert_diag(&d[4], Code::UnknownReference, "content/projects/P4.yaml", Some((3, 9)));
    assert_diag(&d[5], Code::UnknownReference, "content/projects/P4.yaml", Some((30, 17)));
    assert_eq!(d[5].message, "项目引用的产业顾问组“Qingling-tea”不存在");
}

#[test]
fn group_references() {
    let mut c = base();
    let g = &mut c.groups[0];
    g.county = s("nowhere", 3, 9);
    g.members = vec![member("m1", 10, MemberSource::Local, "2023-05-10", None)];
    let visit = |m: &str, line| ServiceVisit {
        member: s(m, line, 15),
        from: d("2024-04-08"),
        to: d("2024-04-11"),
        place: "茶园".into(),
        activity: "指导".into(),
    };
    g.service_log = vec![visit("m1", 40), visit("m2", 41)];
    g.remote_guidance = vec![RemoteGuidance {
        date: d("2024-07-16"),
        members: vec![s("m1", 50, 30), s("M1", 50, 34)],
        topic: "病虫害".into(),
    }];
    let mut d = check(&c);
    crate::diag::sort(&mut d);
    assert_eq!(d.len(), 3, "{d:?}");
    assert_diag(&d[0], Code::UnknownReference, "content/groups/qingling-tea.yaml", Some((3, 9)));
    assert_diag(&d[1], Code::UnknownReference, "content/groups/qingling-tea.yaml", Some((41, 15)));
    assert_diag(&d[2], Code::UnknownReference, "content/groups/qingling-tea.yaml", Some((50, 34)));
}

#[test]
fn case_references() {
    let mut c = base();
    c.counties.push(county("other"));
    c.groups.push(group("other-tea", "other", "2023-05-10"));
    c.projects.push(project("QL-1", "qingling").into());
    let mut k = case("tea", "qingling");
    k.township = Some(s("liuhe", 5, 11));
    k.advisory_group = Some(s("other-tea", 9, 17));
    k.related_projects = vec![s("QL-1", 10, 20), s("ql-1", 10, 26), s("QL-2", 10, 32)];
    let mut orphan = case("orphan", "nowhere");
    orphan.township = Some(s("liuhe", 5, 11));
    c.cases = vec![k, orphan];
    let mut d = check(&c);
    crate::diag::sort(&mut d);
    assert_eq!(d.len(), 5, "{d:?}");
    // The unknown county alone: its township cannot be looked up.
    assert_diag(&d[0], Code::UnknownReference, "content/cases/orphan.md", Some((4, 9)));
    assert_diag(&d[1], Code::UnknownReference, "content/cases/tea.md", Some((5, 11)));
    assert_diag(&d[2], Code::UnknownReference, "content/cases/tea.md", Some((9, 17)));
    assert_diag(&d[3], Code::UnknownReference, "content/cases/tea.md", Some((10, 26)));
    assert_diag(&d[4], Code::UnknownReference, "content/cases/tea.md", Some((10, 32)));
}

#[test]
fn need_group_must_be_of_the_county() {
    let mut c = base();
    c.counties.push(county("other"));
    c.groups.push(group("other-tea", "other", "2023-05-10"));
    c.counties[0].needs = vec![need("n1", 30, Some("qingling-tea")), need("n2", 40, Some("other-tea"))];
    c.counties[0].needs.push(need("n3", 50, Some("missing")));
    let mut d = check(&c);
    crate::diag::sort(&mut d);
    assert_eq!(d.len(), 2, "{d:?}");
    assert_diag(&d[0], Code::UnknownReference, "content/counties/qingling.yaml", Some((45, 12)));
    assert_diag(&d[1], Code::UnknownReference, "content/counties/qingling.yaml", Some((55, 12)));
    assert!(d[0].message.starts_with("需求“n2”"), "{}", d[0].message);
}

#[test]
fn site_county_must_exist() {
    let mut c = base();
    c.site = Some(site(Some("qinglin")));
    let d = check(&c);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_diag(&d[0], Code::UnknownReference, "content/site.yaml", Some((4, 9)));
    assert_eq!(d[0].record, None);
}

#[test]
fn a_reference_close_to_a_known_id_suggests_it() {
    let mut c = base();
    c.counties[0].townships[0].villages.push(crate::domain::Village {
        id: s("xinzhai", 23, 13),
        name: "新寨村".into(),
        board: "公开栏".into(),
    });
    c.site = Some(site(Some("qinglin")));
    let mut p = located(project("P1", "qingling"), "shiqiao", &["xinzai", "zzz"]);
    p.advisory_group = Some(s("qingling-te", 30, 17));
    c.projects.push(p.into());
    let helps: Vec<_> = check(&c).into_iter().map(|d| d.help.unwrap_or_default()).collect();
    assert_eq!(
        helps,
        [
            "是否应为“xinzhai”？村编号须是该乡镇 villages 中的 id",
            "村编号须是该乡镇 villages 中的 id",
            "是否应为“qingling-tea”？advisory_group 须是同一县的产业顾问组编号",
            "是否应为“qingling”？county 须是 content/counties/ 中某个县的编号，或删去此项",
        ]
    );
}

fn with_static(files: &[&str]) -> Content {
    let mut c = base();
    c.static_files = files.iter().map(|f| (*f).to_owned()).collect();
    c
}

#[test]
fn front_matter_images() {
    let mut c = with_static(&["images/tea-1.jpg", "images/茶园.jpg"]);
    let mut k = case("tea", "qingling");
    k.images = ["images/tea-1.jpg", "/images/tea-1.jpg", "images/tea-2.jpg", "https://x.cn/a.jpg", "../tea-1.jpg"]
        .into_iter()
        .map(image)
        .collect();
    c.cases.push(k);
    let d = check(&c);
    assert_eq!(d.len(), 3, "{d:?}");
    for x in &d {
        assert_diag(x, Code::ImageMissing, "content/cases/tea.md", Some((40, 9)));
    }
    assert!(d[0].message.contains("images/tea-2.jpg"));
    assert!(d[1].message.contains("外部地址"));
    assert!(d[2].message.contains("之外"));
}

#[test]
fn image_path_classification() {
    let statics = ["images/tea-1.jpg".to_owned(), "images/茶园.jpg".to_owned()].into_iter().collect();
    let p = |s| image_problem(s, &statics);
    assert_eq!(p("images/tea-1.jpg"), None);
    assert_eq!(p("/images/tea-1.jpg"), None);
    assert_eq!(p("images/%E8%8C%B6%E5%9B%AD.jpg"), None);
    assert_eq!(p("Images/tea-1.jpg"), Some(PathProblem::NotFound));
    assert_eq!(p(""), Some(PathProblem::Empty));
    assert_eq!(p("https://example.com/a.jpg"), Some(PathProblem::External));
    assert_eq!(p("data:image/png;base64,AAAA"), Some(PathProblem::External));
    assert_eq!(p("//cdn.example.com/a.jpg"), Some(PathProblem::External));
    assert_eq!(p("images/../images/tea-1.jpg"), Some(PathProblem::Outside));
    assert_eq!(p("../secret.jpg"), Some(PathProblem::Outside));
    assert_eq!(p("C:/images/tea-1.jpg"), Some(PathProblem::Outside));
    assert_eq!(p("images\\tea-1.jpg"), Some(PathProblem::Backslash));
    assert_eq!(p("C:\\images\\tea-1.jpg"), Some(PathProblem::Backslash));
}

#[test]
fn markdown_images_in_cases_and_pages() {
    let mut c = with_static(&["images/tea-1.jpg"]);
    let mut k = case("tea", "qingling");
    k.body.markdown = "## 导语\n\n茶园 ![白岩村茶园](images/tea-1.jpg)\n\n![缺图](images/none.jpg)\n".into();
    c.cases.push(k);
    c.pages.push(page(
        "about",
        "说明\n![外链](https://example.com/a.jpg) 与 ![上级](../a.jpg)\n\n![](images/tea-1.jpg)\n\n| a |\n|---|\n| ![表](x.png) |\n",
    ));
    let mut d = check(&c);
    crate::diag::sort(&mut d);
    assert_eq!(d.len(), 5, "{d:?}");
    // Body starts at file line 20; the image is on body line 5, column 1.
    assert_diag(&d[0], Code::ImageMissing, "content/cases/tea.md", Some((24, 1)));
    assert_eq!(d[0].record.as_deref(), Some("tea"));
    // Page body starts at line 6; columns count characters, not bytes.
    assert_diag(&d[1], Code::ImageMissing, "content/pages/about.md", Some((7, 1)));
    assert_diag(&d[2], Code::ImageMissing, "content/pages/about.md", Some((7, 36)));
    assert_diag(&d[3], Code::MissingField, "content/pages/about.md", Some((9, 1)));
    assert_diag(&d[4], Code::ImageMissing, "content/pages/about.md", Some((13, 3)));
}

#[test]
fn reference_style_image_and_empty_alt_with_missing_file_report_both() {
    let mut c = with_static(&[]);
    c.pages.push(page("about", "![][logo]\n\n[logo]: /images/logo.png\n"));
    let mut d = check(&c);
    crate::diag::sort(&mut d);
    assert_eq!(codes(&d), [Code::ImageMissing, Code::MissingField]);
    assert_diag(&d[0], Code::ImageMissing, "content/pages/about.md", Some((6, 1)));
    assert_diag(&d[1], Code::MissingField, "content/pages/about.md", Some((6, 1)));
}

#[test]
fn nested_images_keep_their_own_positions() {
    let mut c = with_static(&[]);
    // The inner image closes first but stands later in the line.
    c.pages.push(page("about", "x\n甲 ![外 ![内](b.png)](a.png)\n"));
    let d = check(&c);
    let at: Vec<_> = d.iter().map(|d| d.location.pos.map(|p| (p.line, p.column))).collect();
    assert_eq!(at, [Some((7, 7)), Some((7, 3))], "{d:?}");
}

#[test]
fn a_body_full_of_images_is_checked_in_one_sweep() {
    // A fuzzing seed showed each position counted from the body's start
    // (40,000 images took 12 s); positions now come from one sweep. Speed
    // is measured by scripts/bench, not here: this checks the sweep's
    // positions on a large body.
    let mut c = with_static(&["a.png"]);
    let mut body = "![x](a.png) ![x](a.png)\n".repeat(20_000);
    body.push_str("![x](missing.png)\n");
    c.pages.push(page("about", &body));
    let d = check(&c);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].location.pos.map(|p| (p.line, p.column)), Some((20_006, 1)), "{d:?}");
}

#[test]
fn ten_thousand_projects_with_valid_references_pass() {
    let mut c = base();
    for i in 0..200 {
        c.groups.push(group(&format!("g{i}"), "qingling", "2023-05-10"));
    }
    for i in 0..10_000 {
        let mut p = located(project(&format!("P{i}"), "qingling"), "shiqiao", &["baiyan"]);
        p.advisory_group = Some(s(&format!("g{}", i % 200), 30, 17));
        c.projects.push(p.into());
    }
    // Every reference resolves through the maps built once (speed: scripts/bench).
    assert_eq!(check(&c), []);
}
