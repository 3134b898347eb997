//! The `dates` filter: a sentence's dates marked up as `<time>`.
//!
//! The site model words some facts as sentences with a date inside
//! (「最近一次会商于2026年9月15日」, 「已于2026年3月5日纳入项目库」). A
//! browser may break a Chinese line between any two characters, so at the
//! large type of 长者模式 on a 360 px phone such a date was split after
//! 「年」 or 「月」. The theme keeps every `<time>` whole, and a `<time>`
//! also tells machines the date; the sentence stays one string in the
//! model (the search index, feeds and open data use it as it is), and the
//! template that prints it asks for the markup: `{{ s.headline | dates }}`.

/// `text` escaped for HTML, with each date written `2026年9月15日` inside
/// `<time datetime="2026-09-15">`.
pub fn mark(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some((start, len, iso)) = find_date(rest) {
        out.push_str(&crate::escape::html(&rest[..start]));
        let date = &rest[start..start + len];
        out.push_str(&format!("<time datetime=\"{iso}\">{date}</time>"));
        rest = &rest[start + len..];
    }
    out.push_str(&crate::escape::html(rest));
    out
}

/// The first date `YYYY年M月D日` in `text` that is a real day: its byte
/// offset, byte length and ISO form.
fn find_date(text: &str) -> Option<(usize, usize, String)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find('年') {
        let year_end = from + found;
        // Four ASCII digits right before 年, not part of a longer number.
        let start = year_end.checked_sub(4);
        let after = &text[year_end + '年'.len_utf8()..];
        if let Some(start) = start.filter(|&s| {
            bytes[s..year_end].iter().all(u8::is_ascii_digit) && (s == 0 || !bytes[s - 1].is_ascii_digit())
        }) && let Some((month, after_month)) = number_then(after, '月')
            && let Some((day, after_day)) = number_then(after_month, '日')
            && let Ok(year) = text[start..year_end].parse::<i32>()
            && chrono::NaiveDate::from_ymd_opt(year, month, day).is_some()
        {
            let len = text.len() - after_day.len() - start;
            return Some((start, len, format!("{year:04}-{month:02}-{day:02}")));
        }
        from = year_end + '年'.len_utf8();
    }
    None
}

/// One or two ASCII digits at the start of `text` followed by `unit`: the
/// number and what follows the unit.
fn number_then(text: &str, unit: char) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let rest = text[digits..].strip_prefix(unit)?;
    Some((text[..digits].parse().ok()?, rest))
}

#[cfg(test)]
mod tests {
    use super::mark;

    #[test]
    fn marks_each_real_date_and_escapes_the_rest() {
        assert_eq!(
            mark("最近一次会商于2026年9月15日"),
            "最近一次会商于<time datetime=\"2026-09-15\">2026年9月15日</time>"
        );
        assert_eq!(
            mark("2025年工作总结应在2025年12月1日至2026年1月31日之间提交"),
            "2025年工作总结应在<time datetime=\"2025-12-01\">2025年12月1日</time>至\
             <time datetime=\"2026-01-31\">2026年1月31日</time>之间提交"
        );
        assert_eq!(mark("<b>&"), "&lt;b&gt;&amp;");
        // Not dates: a year alone, a day that does not exist, a longer number.
        assert_eq!(mark("2026年工作计划已提交"), "2026年工作计划已提交");
        assert_eq!(mark("2026年2月30日"), "2026年2月30日");
        assert_eq!(mark("12026年1月1日"), "12026年1月1日");
        assert_eq!(mark("2026年1月"), "2026年1月");
    }
}
