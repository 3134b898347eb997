//! Every permanent URL of `docs/urls.md`, in one place.
//!
//! Paths are site-relative, without a leading slash, and end in `/` for
//! pages (`projects/QL-2026-0001/`); the home page is the empty path. A page
//! links to another as `{{ page.root }}{{ path }}`, where `root` climbs back
//! to the site root, so the output works under any sub-path and from disk.

/// `projects/<id>/`.
pub fn project(id: &str) -> String {
    format!("projects/{id}/")
}

/// `projects/<id>/notice/<level>/`.
pub fn notice(id: &str, level: &str) -> String {
    format!("projects/{id}/notice/{level}/")
}

/// `projects/<id>/sign/`: the printable 项目公示牌.
pub fn sign(id: &str) -> String {
    format!("projects/{id}/sign/")
}

/// `projects/<id>/completion/`: the printable 竣工公告.
pub fn completion(id: &str) -> String {
    format!("projects/{id}/completion/")
}

/// `counties/<id>/`.
pub fn county(id: &str) -> String {
    format!("counties/{id}/")
}

/// `counties/<id>/warehouse/<year>/`.
pub fn warehouse(county: &str, year: i32) -> String {
    format!("counties/{county}/warehouse/{year}/")
}

/// `counties/<id>/warehouse/<year>/<announcement>/`: a 项目库公告, permanent.
pub fn announcement(county: &str, year: i32, id: &str) -> String {
    format!("{}{id}/", warehouse(county, year))
}

/// `counties/<id>/plan/<year>/`: 年度计划与资金 of a year.
pub fn plan_year(county: &str, year: i32) -> String {
    format!("counties/{county}/plan/{year}/")
}

/// `counties/<id>/plan/<year>/<document>/`: a 年度计划与资金公告, permanent.
pub fn plan_doc(county: &str, year: i32, id: &str) -> String {
    format!("{}{id}/", plan_year(county, year))
}

/// The 明细表 spreadsheet, next to its announcement's page.
pub const DETAIL_XLSX: &str = "mingxibiao.xlsx";

/// The 明细表 as CSV (UTF-8 with BOM), next to its announcement's page.
pub const DETAIL_CSV: &str = "mingxibiao.csv";

/// `counties/<id>/assets/`: the county's 帮扶项目资产台账.
pub fn assets(county: &str) -> String {
    format!("counties/{county}/assets/")
}

/// `counties/<id>/townships/<tid>/`.
pub fn township(county: &str, township: &str) -> String {
    format!("counties/{county}/townships/{township}/")
}

/// `groups/<id>/`.
pub fn group(id: &str) -> String {
    format!("groups/{id}/")
}

/// `cases/<id>/`.
pub fn case(id: &str) -> String {
    format!("cases/{id}/")
}

/// `pages/<id>/`.
pub fn page(id: &str) -> String {
    format!("pages/{id}/")
}

/// Page `n` (1-based) of a list at `base`: page 1 is `base` itself.
pub fn list_page(base: &str, n: usize) -> String {
    if n <= 1 { base.to_owned() } else { format!("{base}page/{n}/") }
}

/// The relative prefix from a page at `path` back to the site root
/// (`./` for the root, `../../` for `projects/x/`).
pub fn root_of(path: &str) -> String {
    let depth = path.split('/').filter(|s| !s.is_empty()).count();
    if depth == 0 { "./".to_owned() } else { "../".repeat(depth) }
}

/// The absolute URL of a path under `base_url` (which ends in `/`).
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{base_url}{path}")
}

/// An absolute URL as people type it: host and path, without the scheme
/// (`www.qingling.gov.cn/xczx/projects/QL-2026-0007/`). Printed under a
/// notice's QR code, where a shorter line fits the width unbroken and every
/// browser adds the scheme back.
pub fn without_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_climbs_one_level_per_segment() {
        assert_eq!(root_of(""), "./");
        assert_eq!(root_of("projects/"), "../");
        assert_eq!(root_of("projects/QL-1/notice/village/"), "../../../../");
    }

    #[test]
    fn first_list_page_is_the_base() {
        assert_eq!(list_page("projects/", 1), "projects/");
        assert_eq!(list_page("projects/", 3), "projects/page/3/");
    }

    #[test]
    fn the_short_url_is_host_and_path() {
        let full = absolute("https://www.qingling.gov.cn/xczx/", &project("QL-2026-0007"));
        assert_eq!(without_scheme(&full), "www.qingling.gov.cn/xczx/projects/QL-2026-0007/");
        assert_eq!(without_scheme("http://127.0.0.1:8080/p/"), "127.0.0.1:8080/p/");
        assert_eq!(without_scheme("www.example.cn/"), "www.example.cn/");
    }
}
