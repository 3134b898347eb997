//! The works pages of issue 18 on the demo: the project page's 绩效目标表 and
//! 现场照片, the printable 项目公示牌 (`/projects/<id>/sign/`) and 竣工公告
//! (`/projects/<id>/completion/`), each for the right projects only, with
//! the QR code of the project page.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gongshi::pipeline::{BuildOptions, build};

use crate::support::{DEMO_TODAY, copy_dir, day, fixture};

/// The demo fixture built once as of the demo date; the folder lives as long as the tests.
fn demo_out() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        copy_dir(&fixture("valid/demo"), &dir);
        let out = dir.join("out");
        let options = BuildOptions { strict: true, ..BuildOptions::new(day(DEMO_TODAY), &out) };
        let report = build(&dir, &options).unwrap();
        assert!(report.written.is_some(), "build failed: {:#?}", report.diagnostics);
        out
    })
}

fn page(rel: &str) -> String {
    std::fs::read_to_string(demo_out().join(rel).join("index.html")).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn exists(rel: &str) -> bool {
    demo_out().join(rel).join("index.html").is_file()
}

/// The inline `<svg>…</svg>` QR code of a page.
fn qr(html: &str) -> &str {
    let start = html.find("<svg").expect("a QR code");
    let end = html[start..].find("</svg>").expect("end of the QR code") + start + "</svg>".len();
    &html[start..end]
}

#[test]
fn the_project_page_shows_the_target_table_with_categories_and_actual_values() {
    let html = page("projects/QL-2025-0001");
    let table = &html[html.find("<h2 id=\"targets-h\">绩效目标表</h2>").expect("a 绩效目标表")..];
    let table = &table[..table.find("</table>").unwrap()];
    for header in ["一级指标", "二级指标", "指标", "目标值", "实际完成值"] {
        assert!(table.contains(&format!("<th scope=\"col\">{header}</th>")), "no column {header}");
    }
    assert!(table.contains("<td data-label=\"一级指标\">产出指标</td><td data-label=\"二级指标\">数量指标</td><th scope=\"row\">新建加工厂房面积</th>"));
    assert!(
        table
            .contains("<td data-label=\"一级指标\">效益指标</td><td data-label=\"二级指标\">社会效益指标</td><th scope=\"row\">带动脱贫人口务工</th>")
    );
    assert!(table.contains("<td data-label=\"实际完成值\">6.4万元</td>"), "the actual value with its unit");
    assert!(table.contains("class=\"cards targets\""), "cards on phones, as the other tables");
    // A project not completed yet states no result.
    let started = page("projects/QL-2026-0001");
    assert!(!started.contains("<th scope=\"col\">实际完成值</th>"), "QL-2026-0001 is not completed");
    assert!(started.contains("项目竣工后公布实际完成值。"));
}

#[test]
fn the_project_page_shows_its_photos_by_stage_and_links_its_printables() {
    let html = page("projects/QL-2025-0001");
    let photos = &html[html.find("<h2 id=\"photos-h\">现场照片</h2>").expect("a 现场照片 section")..];
    let (before, during, after) = (
        photos.find("<h3>实施前</h3>").unwrap(),
        photos.find("<h3>实施中</h3>").unwrap(),
        photos.find("<h3>实施后</h3>").unwrap(),
    );
    assert!(before < during && during < after, "stages in order");
    // Width and height as read from the file, lazily loaded, with its alt text.
    assert!(photos.contains(
        "<img src=\"../../images/baiyan-site-before.png\" alt=\"白岩村茶叶初制加工厂开工前的场地：已平整的空地和土堆，远处是茶山\" width=\"640\" height=\"400\" loading=\"lazy\">"
    ));
    assert!(photos.contains("开工，<time datetime=\"2025-04-02\">2025年4月2日</time>拍摄"));
    assert!(html.contains("<a href=\"../../projects/QL-2025-0001/sign/index.html\">打印项目公示牌（A3横向）</a>"));
    assert!(html.contains("<a href=\"../../projects/QL-2025-0001/completion/index.html\">打印竣工公告（A4）</a>"));
    assert!(html.contains("验收合格（青农验〔2025〕31号）"));
}

#[test]
fn the_sign_is_printed_for_projects_in_the_warehouse_only_with_the_project_qr_code() {
    let sign = page("projects/QL-2025-0001/sign");
    assert!(sign.contains("<span class=\"sign-kind\">项目公示牌</span><span class=\"sign-name\">青岭县石桥镇白岩村2025年茶叶初制加工厂建设项目</span>"));
    assert!(sign.contains("总投资 168.50 万元"), "amount and sources");
    assert!(sign.contains("2025年4月至2025年10月"), "the implementation period");
    assert!(sign.contains("12317"));
    assert!(sign.contains("www.qingling.gov.cn/xczx/projects/QL-2025-0001/"), "the short URL under the code");
    assert!(sign.contains("theme/print-sign.css"));
    // The same code as the project's printed notices: the project page.
    assert_eq!(qr(&sign), qr(&page("projects/QL-2025-0001/notice/village")));
    // Warehoused or later only: a project still in its notices has none, nor has one moved out.
    assert!(exists("projects/QL-2026-0001/sign"));
    assert!(!exists("projects/QL-2026-0007/sign"), "QL-2026-0007 is still in its village notice");
}

#[test]
fn the_completion_notice_is_printed_once_accepted_with_results_and_the_project_qr_code() {
    let html = page("projects/QL-2025-0001/completion");
    assert!(html.contains("<h1>关于青岭县石桥镇白岩村2025年茶叶初制加工厂建设项目竣工验收情况的公告</h1>"));
    assert!(html.contains("验收结论：验收合格"));
    assert!(html.contains(
        "<th scope=\"row\">村集体经济年增收</th><td data-label=\"目标值\">6万元</td><td data-label=\"实际完成值\">6.4万元</td>"
    ));
    assert!(html.contains("截至2026年11月20日已支付 168.50 万元（支付进度 100.00%）"), "what was paid");
    assert!(html.contains("<time datetime=\"2025-10-28\">2025年10月28日</time>至<time datetime=\"2025-11-07\">2025年11月7日</time>，共 10 天（首日不计入）"));
    assert!(html.contains("白岩村村民委员会<br>"), "the 落款");
    assert_eq!(qr(&html), qr(&page("projects/QL-2025-0001/sign")));
    // An `accepted` event without `acceptance`: no 竣工公告 page; nor before acceptance.
    assert!(!exists("projects/QL-2025-0002/completion"));
    assert!(!exists("projects/QL-2026-0001/completion"));
}
