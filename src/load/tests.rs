//! Tests of the loader's own functions.

use super::file::{salvage_county_year, salvage_ids};
use super::*;

#[test]
fn a_failed_file_keeps_the_ids_it_may_have_had() {
    let county = salvage_ids("content/counties/qingling.yaml", "id: qingling\nname: [x\n", FileKind::County);
    assert_eq!(county, ["qingling", "qingling"]);
    let project = salvage_ids("content/projects/a.yaml", "# c\nid: \"QL-1\" # note\nname: [\n", FileKind::Project);
    assert_eq!(project, ["QL-1"]);
    // A garbled id line tells nothing: the project may be any.
    assert!(salvage_ids("content/projects/a.yaml", "id: [QL-1\n", FileKind::Project).is_empty());
    let mut unloaded = Unloaded::default();
    note_failed(&mut unloaded, FileKind::Project, Vec::new(), salvage_county_year("county: ql\nyear: 2025\n"));
    assert!(unloaded.may_be_project("anything"));
    assert!(unloaded.may_lack_project_of("ql", 2025));
    assert!(!unloaded.may_lack_project_of("ql", 2026));
}
