//! 实施地点 written in one cell ("石桥镇白岩村", "石桥镇龙潭村、新寨村",
//! "石桥镇、云雾镇") → the county's own township and village ids, or, when
//! that cannot be done without guessing, the text as written (`place:`).

use crate::domain::County;
use crate::domain::county::{Township, Village};

/// Where a project is.
#[derive(Debug, Clone)]
pub(crate) enum Place<'c> {
    /// One township of the county file and villages of it.
    Located(&'c Township, Vec<&'c Village>),
    /// The text as written, and why it could not be mapped.
    Text(String, String),
}

/// Maps `text` through the county's names: every part must name a township
/// of the county (at the start) or a village of the township named last, and
/// only one township may be named.
pub(crate) fn split<'c>(county: &'c County, text: &str) -> Place<'c> {
    let as_text = |why: String| Place::Text(text.trim().to_owned(), why);
    if county.townships.is_empty() {
        return as_text(format!("{}的县文件没有乡镇名单", county.name));
    }
    let text = text.trim().trim_start_matches(county.name.as_str());
    let mut township: Option<&Township> = None;
    let mut villages: Vec<&Village> = Vec::new();
    for part in text.split(['、', '，', ',', ';', '；', ' ', '\n', '/']).map(str::trim).filter(|p| !p.is_empty()) {
        let found = county.townships.iter().find(|t| part.starts_with(t.name.as_str()) || part == t.id.value);
        let rest = match found {
            Some(t) => {
                if township.is_some_and(|x| x.id.value != t.id.value) {
                    return as_text("写了多个乡镇".into());
                }
                township = Some(t);
                part.strip_prefix(t.name.as_str()).unwrap_or_default().trim()
            }
            None => part,
        };
        if rest.is_empty() || rest == part && found.is_some() {
            continue;
        }
        // A village named alone: its township, when only one township has a village of that name.
        if township.is_none()
            && let [(t, _)] = villages_named(county, rest).as_slice()
        {
            township = Some(*t);
        }
        let Some(t) = township else {
            return as_text(format!("“{part}”不是{}的乡镇", county.name));
        };
        let rest = rest.trim_end_matches(['组', '社']);
        match t.villages.iter().find(|v| v.name == rest || v.name == format!("{rest}村") || v.id.value == rest) {
            Some(v) if !villages.iter().any(|x| x.id.value == v.id.value) => villages.push(v),
            Some(_) => {}
            None => return as_text(format!("“{rest}”不是{}的行政村", t.name)),
        }
    }
    match township {
        Some(t) => Place::Located(t, villages),
        None => as_text("没有写乡镇".into()),
    }
}

/// The villages of the whole county called `name` (白岩村, or 白岩 for 白岩村).
fn villages_named<'c>(county: &'c County, name: &str) -> Vec<(&'c Township, &'c Village)> {
    county
        .townships
        .iter()
        .flat_map(|t| t.villages.iter().map(move |v| (t, v)))
        .filter(|(_, v)| v.name == name || v.name == format!("{name}村"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn county() -> County {
        let mut c = crate::testing::records::county("qingling");
        let mut longtan = c.townships[0].villages[0].clone();
        longtan.id.value = "longtan".into();
        longtan.name = "龙潭村".into();
        c.townships[0].villages.push(longtan);
        c
    }

    #[test]
    fn names_map_to_ids_or_stay_text() {
        let c = county();
        let ids = |p: Place<'_>| match p {
            Place::Located(t, v) => {
                format!("{}:{}", t.id.value, v.iter().map(|v| v.id.value.as_str()).collect::<Vec<_>>().join(","))
            }
            Place::Text(t, why) => format!("text {t} ({why})"),
        };
        let t = &c.townships[0];
        let (v0, v1) = (&t.villages[0], &t.villages[1]);
        let one = format!("{}{}", t.name, v0.name);
        assert_eq!(ids(split(&c, &one)), format!("{}:{}", t.id.value, v0.id.value));
        let two = format!("{}{}、{}", t.name, v0.name, v1.name);
        assert_eq!(ids(split(&c, &two)), format!("{}:{},{}", t.id.value, v0.id.value, v1.id.value));
        assert_eq!(ids(split(&c, &t.name)), format!("{}:", t.id.value));
        assert!(ids(split(&c, "东风镇红星村")).starts_with("text 东风镇红星村"));
        assert_eq!(ids(split(&c, "龙潭村")), format!("{}:longtan", t.id.value));
        assert!(ids(split(&c, &format!("{}不存在村", t.name))).starts_with("text"));
    }
}
