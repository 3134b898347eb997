//! Tests of the open-data columns and records.

use super::*;

#[test]
fn excel_letters_run_past_z() {
    assert_eq!(excel_letter(0), "A");
    assert_eq!(excel_letter(25), "Z");
    assert_eq!(excel_letter(26), "AA");
    assert_eq!(excel_letter(51), "AZ");
    assert_eq!(excel_letter(52), "BA");
}

#[test]
fn amounts_have_two_decimals_and_are_never_rounded() {
    let m = |s: &str| Money::parse_wan(s).unwrap();
    assert_eq!(wan_cell(m("120")), "120.00");
    assert_eq!(wan_cell(m("35.5")), "35.50");
    assert_eq!(wan_cell(m("6.25")), "6.25");
    assert_eq!(wan_cell(m("0.0389")), "0.0389");
    assert_eq!(wan_cell(Money::ZERO), "0.00");
}

#[test]
fn one_funding_column_per_source_and_level_in_vocabulary_order() {
    let headers: Vec<String> =
        csv_columns().into_iter().filter(|c| matches!(c.field, Field::Source(..))).map(|c| c.header).collect();
    assert_eq!(
        headers,
        [
            "中央衔接资金（万元）",
            "省级衔接资金（万元）",
            "市县衔接资金（万元）",
            "衔接资金（万元）",
            "统筹整合资金（万元）",
            "东西部协作资金（万元）",
            "定点帮扶资金（万元）",
            "以工代赈资金（万元）",
            "地方政府债券（万元）",
            "金融信贷（万元）",
            "自筹资金（万元）",
            "社会捐赠（万元）",
            "结余资金（万元）",
            "其他资金（万元）",
        ]
    );
}

#[test]
fn headers_are_unique() {
    let mut headers: Vec<String> = csv_columns().into_iter().map(|c| c.header).collect();
    let n = headers.len();
    headers.sort();
    headers.dedup();
    assert_eq!(headers.len(), n);
}
