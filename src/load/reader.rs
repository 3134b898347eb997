//! Typed reading of a [`Node`] tree, collecting every problem as a diagnostic.
//!
//! Each reader returns `Option`: `None` means "absent or already reported", so a
//! converter can go on reading the rest of the record and report everything at
//! once. Every text value passes through [`Ctx::text`], which also runs the
//! private-data scan, so `private-data` points at the field it found.
//!
//! A mapping is read against its description ([`crate::format`]), named by a
//! [`Shape`]: which keys exist and which are required come from there, not
//! from the keys a converter happens to ask for. The converters read each
//! key's value into the domain types.

use chrono::NaiveDate;

use super::yaml::{Key, Kind, Node};
use crate::diag::{Code, Diagnostic, Pos};
use crate::domain::{At, Keyword, Money, RecordId, SourcePath, money::MoneyError};
use crate::format::{Keys, Shape};
use crate::privacy;
use crate::suggest;

/// The reading context of one file.
pub(crate) struct Ctx {
    pub(crate) path: SourcePath,
    pub(crate) diags: Vec<Diagnostic>,
}

impl Ctx {
    pub(crate) fn new(path: SourcePath) -> Self {
        Ctx { path, diags: Vec::new() }
    }

    /// Reports a problem at `pos`.
    pub(crate) fn report(&mut self, code: Code, pos: Pos, message: String, help: Option<&str>) {
        let mut d = Diagnostic::new(code, self.path.at(pos), message);
        d.help = help.map(str::to_owned);
        self.diags.push(d);
    }

    /// Stamps the record id on every diagnostic of this file and hands them over.
    pub(crate) fn finish(self, record: Option<&str>) -> Vec<Diagnostic> {
        self.diags.into_iter().map(|d| if d.record.is_none() { d.record(record) } else { d }).collect()
    }

    fn invalid(&mut self, node: &Node, what: &str, help: Option<&str>) {
        self.report(Code::InvalidValue, node.pos, format!("{what}，这里写的是“{}”", describe(node)), help);
    }

    /// Any non-null scalar as text; scanned for private data.
    pub(crate) fn text(&mut self, node: &Node) -> Option<String> {
        let t = match &node.kind {
            Kind::Str { text, .. } => text.clone(),
            Kind::Number(t) => t.clone(),
            Kind::Bool(b) => b.to_string(),
            Kind::Null => return None,
            Kind::Seq(_) | Kind::Map(_) => {
                self.invalid(node, "此处应为一段文字", None);
                return None;
            }
        };
        self.scan_private(&t, node.pos);
        if t.chars().any(is_bidi_control) {
            // An RTL override can make a published title read differently from
            // what was approved (e.g. reverse a document number); never publish one.
            self.report(
                Code::InvalidValue,
                node.pos,
                "文字中含有不可见的文字方向控制字符（如 U+202E），可能使公开内容被篡改显示".into(),
                Some("删除该字符后重新输入这段文字"),
            );
            return None;
        }
        if t.trim().is_empty() { None } else { Some(t) }
    }

    /// Scans a published text for mobile or resident-ID numbers.
    pub(crate) fn scan_private(&mut self, text: &str, pos: Pos) {
        if let Some(found) = privacy::find(text) {
            self.report(
                Code::PrivateData,
                pos,
                if found.full_width {
                    format!(
                        "公开内容中疑似含有{}“{}”（全角数字或分隔符也按号码识别）",
                        found.kind.label(),
                        found.masked()
                    )
                } else {
                    format!("公开内容中疑似含有{}“{}”", found.kind.label(), found.masked())
                },
                Some("不要公开个人手机号或身份证号；联系方式请写入 contact_private"),
            );
        }
    }

    pub(crate) fn text_at(&mut self, node: &Node) -> Option<At<String>> {
        self.text(node).map(|t| At::new(t, node.pos))
    }

    /// A record or item id matching the id pattern; `bad-id` otherwise.
    pub(crate) fn id(&mut self, node: &Node) -> Option<At<String>> {
        let t = self.text_at(node)?;
        if RecordId::is_valid(&t) {
            Some(t)
        } else {
            self.report(
                Code::BadId,
                node.pos,
                format!("编号“{}”不合规：{}", t.value, crate::domain::id::RULE_ZH),
                Some("例如 QL-2024-0007"),
            );
            None
        }
    }

    /// A record's own id: `bad-id` when it does not match the pattern, but
    /// kept as written, so the record's other rules still run and report
    /// under it and it still counts in cross-record sums (no follow-on
    /// diagnostics). A build never publishes it: `bad-id` is an error.
    pub(crate) fn record_id(&mut self, node: &Node) -> Option<At<String>> {
        let t = self.text_at(node)?;
        if !RecordId::is_valid(&t) {
            self.report(
                Code::BadId,
                node.pos,
                format!("编号“{}”不合规：{}", t.value, crate::domain::id::RULE_ZH),
                Some("例如 QL-2024-0007"),
            );
        }
        Some(t)
    }

    /// A calendar date `YYYY-MM-DD`.
    pub(crate) fn date(&mut self, node: &Node) -> Option<At<NaiveDate>> {
        if let Kind::Str { text, .. } = &node.kind
            && let Some(d) = iso_date(text)
        {
            return Some(At::new(d, node.pos));
        }
        if node.kind == Kind::Null {
            return None;
        }
        self.invalid(node, "日期应写成 YYYY-MM-DD 且为真实日期", Some("例如 2024-03-01"));
        None
    }

    /// A month `YYYY-MM`.
    pub(crate) fn month(&mut self, node: &Node) -> Option<(i32, u32)> {
        if let Kind::Str { text, .. } = &node.kind
            && text.len() == 7
            && let Some((y, m)) = text.split_once('-')
            && let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>())
            && (1..=12).contains(&m)
            && y >= 1000
        {
            return Some((y, m));
        }
        self.invalid(node, "月份应写成 YYYY-MM", Some("例如 2024-05"));
        None
    }

    /// Money in 万元: an unquoted number, at most 6 decimals (to the 分), not negative.
    pub(crate) fn money(&mut self, node: &Node) -> Option<At<Money>> {
        let Kind::Number(t) = &node.kind else {
            self.invalid(node, "金额应为不加引号的数字（单位：万元）", Some("例如 amount: 35.5"));
            return None;
        };
        match Money::parse_wan(t) {
            Ok(m) => Some(At::new(m, node.pos)),
            Err(MoneyError::Negative) => {
                self.invalid(node, "金额不能为负数", None);
                None
            }
            Err(MoneyError::TooPrecise) => {
                self.invalid(node, "金额最多保留 6 位小数（单位为万元，精确到分）", None);
                None
            }
            Err(MoneyError::NotANumber | MoneyError::TooLarge) => {
                self.invalid(node, "金额应为普通小数（单位：万元）", None);
                None
            }
        }
    }

    /// A count: an unquoted whole number ≥ 0.
    pub(crate) fn count(&mut self, node: &Node) -> Option<u64> {
        if let Kind::Number(t) = &node.kind
            && let Ok(n) = t.trim_start_matches('+').parse::<u64>()
        {
            return Some(n);
        }
        self.invalid(node, "此处应为不加引号的非负整数", None);
        None
    }

    /// A whole number (years, order).
    pub(crate) fn int(&mut self, node: &Node) -> Option<At<i64>> {
        if let Kind::Number(t) = &node.kind
            && let Ok(n) = t.parse::<i64>()
        {
            return Some(At::new(n, node.pos));
        }
        self.invalid(node, "此处应为不加引号的整数", None);
        None
    }

    /// A year between 1949 and 2200.
    pub(crate) fn year(&mut self, node: &Node) -> Option<At<i32>> {
        let n = self.int(node)?;
        if crate::domain::date::is_plausible_year(n.value) {
            Some(At::new(n.value as i32, n.pos))
        } else {
            self.invalid(node, "年份不合理", None);
            None
        }
    }

    /// `true` or `false`, nothing else.
    pub(crate) fn boolean(&mut self, node: &Node) -> Option<bool> {
        if let Kind::Bool(b) = node.kind {
            return Some(b);
        }
        self.invalid(node, "此处只能写 true 或 false", None);
        None
    }

    /// One value of a closed vocabulary.
    pub(crate) fn keyword<K: Keyword>(&mut self, node: &Node) -> Option<At<K>> {
        if let Kind::Str { text, .. } = &node.kind
            && let Some(k) = K::from_key(text)
        {
            return Some(At::new(k, node.pos));
        }
        let allowed = format!("可选值：{}", K::allowed());
        let help = match &node.kind {
            Kind::Str { text, .. } => suggest::help_with(text, K::ALL.iter().map(|k| k.key()), &allowed),
            _ => allowed,
        };
        self.report(Code::InvalidValue, node.pos, format!("“{}”不是可用的取值", describe(node)), Some(&help));
        None
    }

    /// The items of a sequence, each read by `f`; `null` is an empty list.
    pub(crate) fn list<'n, T>(&mut self, node: &'n Node, mut f: impl FnMut(&mut Ctx, &'n Node) -> Option<T>) -> Vec<T> {
        match &node.kind {
            Kind::Seq(items) => items.iter().filter_map(|i| f(self, i)).collect(),
            Kind::Null => Vec::new(),
            _ => {
                // `－ 上村` typed with a Chinese input method reads as one text.
                let help = is_str(node, |t| t.starts_with('－')).then_some("列表项前的“－”应为英文半角“-”，后面空一格");
                self.invalid(node, "此处应为列表（每项以 - 开头）", help);
                Vec::new()
            }
        }
    }

    /// A reader of a mapping of `shape`, whose keys come from its description;
    /// `null` reads as an empty mapping (so every required key is reported missing).
    pub(crate) fn map<'n>(&mut self, node: &'n Node, shape: Shape) -> Option<MapReader<'n>> {
        self.map_of(node, shape.keys())
    }

    fn map_of<'n>(&mut self, node: &'n Node, keys: &'static Keys) -> Option<MapReader<'n>> {
        match &node.kind {
            Kind::Map(entries) => Some(MapReader::new(keys, node.pos, entries)),
            Kind::Null => Some(MapReader::new(keys, node.pos, &[])),
            _ => {
                // `total：30` or `total:30` under a mapping key reads as one text, not a key.
                let help = if is_str(node, |t| t.contains('：')) {
                    Some("键名后的中文冒号“：”应为英文冒号“:”，冒号后空一格")
                } else {
                    is_str(node, |t| t.contains(':') && !t.contains(": ")).then_some("键名后的冒号“:”后面要空一格")
                };
                self.invalid(node, "此处应为“键: 值”形式的映射", help);
                None
            }
        }
    }
}

/// Whether `node` is a string for which `test` holds.
fn is_str(node: &Node, test: impl Fn(&str) -> bool) -> bool {
    matches!(&node.kind, Kind::Str { text, .. } if test(text))
}

/// Unicode bidirectional embedding, override and isolate controls.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A text the description requires; an empty string stands in when missing (already reported).
pub(crate) fn req_text(ctx: &mut Ctx, m: &mut MapReader<'_>, key: &'static str) -> String {
    debug_assert!(m.keys.is_required(key), "{key} of {} is optional: use opt_text", m.keys.name);
    m.get(ctx, key).and_then(|n| ctx.text(n)).unwrap_or_default()
}

/// A text the description does not require.
pub(crate) fn opt_text(ctx: &mut Ctx, m: &mut MapReader<'_>, key: &'static str) -> Option<String> {
    debug_assert!(!m.keys.is_required(key), "{key} of {} is required: use req_text", m.keys.name);
    m.get(ctx, key).and_then(|n| ctx.text(n))
}

/// A short rendering of a node for messages.
fn describe(node: &Node) -> String {
    match &node.kind {
        Kind::Null => "空值".into(),
        Kind::Bool(b) => b.to_string(),
        Kind::Number(t) => t.clone(),
        Kind::Str { text, .. } => text.chars().take(40).collect(),
        Kind::Seq(_) => "列表".into(),
        Kind::Map(_) => "映射".into(),
    }
}

/// Reads one mapping against its description ([`Keys`]): a key that the
/// description lacks is `unknown-field`; a key it requires that is absent or
/// empty is `missing-field`. The reader still asks for every key, to read its
/// value into the domain (debug builds check that it asks only for described
/// keys and handles all of them).
pub(crate) struct MapReader<'n> {
    keys: &'static Keys,
    pos: Pos,
    entries: &'n [(Key, Node)],
    /// Every key asked for, in the order asked: the order in which a
    /// suggestion's candidates are tried (ties go to the earlier one).
    asked: Vec<&'static str>,
    /// Described keys that a conditional rule refuses in this mapping.
    forbidden: Vec<String>,
    /// Required keys reported as absent, whose report a misspelt key withdraws.
    missing: Vec<String>,
}

impl<'n> MapReader<'n> {
    fn new(keys: &'static Keys, pos: Pos, entries: &'n [(Key, Node)]) -> Self {
        MapReader { keys, pos, entries, asked: Vec::new(), forbidden: Vec::new(), missing: Vec::new() }
    }

    /// Position of `key` if written, else of the mapping.
    pub(crate) fn key_pos(&self, key: &str) -> Pos {
        self.entries.iter().find(|(k, _)| k.name == key).map_or(self.pos, |(k, _)| k.pos)
    }

    /// The value of `key`, `None` when absent or empty. When the description
    /// requires `key`, that is a `missing-field` (at the mapping when absent,
    /// at the key when empty).
    pub(crate) fn get(&mut self, ctx: &mut Ctx, key: &'static str) -> Option<&'n Node> {
        let found = self.lookup(key);
        if found.is_none() && self.keys.is_required(key) {
            self.report_missing(ctx, key);
        }
        found
    }

    /// A conditional rule (code, not description): `key`, optional in the
    /// description, is required here when `required` (a need's `group` once
    /// it is matched). The description's `transform` says the same to editors.
    pub(crate) fn req_if(&mut self, ctx: &mut Ctx, key: &'static str, required: bool) -> Option<&'n Node> {
        debug_assert!(!self.keys.is_required(key), "{key} of {} is always required: use get", self.keys.name);
        let found = self.lookup(key);
        if found.is_none() && required {
            self.report_missing(ctx, key);
        }
        found
    }

    fn lookup(&mut self, key: &'static str) -> Option<&'n Node> {
        self.ask(key);
        let node = &self.entries.iter().find(|(k, _)| k.name == key)?.1;
        if is_empty(node) { None } else { Some(node) }
    }

    fn ask(&mut self, key: &'static str) {
        debug_assert!(self.keys.has(key), "{key} is not a key of {} in src/format/", self.keys.name);
        if !self.asked.contains(&key) {
            self.asked.push(key);
        }
    }

    fn report_missing(&mut self, ctx: &mut Ctx, key: &str) {
        let (pos, msg) = match self.entries.iter().find(|(k, _)| k.name == key) {
            Some((k, _)) => (k.pos, format!("必填项 {key} 为空")),
            None => {
                self.missing.push(key.to_owned());
                (self.pos, missing_message(key))
            }
        };
        ctx.report(Code::MissingField, pos, msg, Some(&format!("请填写 {key}")));
    }

    /// Accepts a key without reading it (`contact_private`).
    pub(crate) fn skip(&mut self, key: &'static str) {
        self.ask(key);
    }

    /// A conditional rule (code, not description): `key` is not allowed in
    /// this mapping as written (a `level` on a source other than 衔接资金), so
    /// it is an `unknown-field` here and no suggestion points to it.
    pub(crate) fn forbid(&mut self, key: &str) {
        debug_assert!(self.keys.has(key), "{key} is not a key of {} in src/format/", self.keys.name);
        self.forbidden.push(key.to_owned());
    }

    /// Reports every key the description lacks (or a rule forbids), with the
    /// known key it most likely meant. When that key is a missing required
    /// one, its `missing-field` is withdrawn: one typo, one diagnostic.
    pub(crate) fn finish(self, ctx: &mut Ctx) {
        let is_forbidden = |key: &str| self.forbidden.iter().any(|f| f == key);
        let known = || {
            // The description's keys, in the order the reader asked for them.
            let mut known: Vec<&str> = self.asked.clone();
            let unasked: Vec<&str> = self.keys.names().filter(|k| !known.contains(k) && !is_forbidden(k)).collect();
            debug_assert!(unasked.is_empty(), "the reader of {} never handles {unasked:?}", self.keys.name);
            known.extend(unasked);
            known
        };
        #[cfg(debug_assertions)]
        known();
        // Made only when a key is unknown, which is rare: matching every key
        // of the description against every key asked for, for every mapping
        // of every file, was most of the string comparing in a load.
        let mut known_once: Option<Vec<&str>> = None;
        for (k, _) in self.entries {
            if self.keys.has(&k.name) && !is_forbidden(&k.name) {
                continue;
            }
            let known = known_once.get_or_insert_with(known);
            // A full-width space typed as indentation parses as part of the key.
            let bare = k.name.trim_start_matches(['\u{3000}', ' ']);
            let (message, help, meant) = if bare != k.name && known.contains(&bare) {
                (
                    format!("字段 {bare} 前有全角空格（中文输入法下的空格）"),
                    "删去键名前的全角空格，改用半角空格缩进".to_owned(),
                    Some(bare),
                )
            } else {
                let meant = suggest::closest(&k.name, known.iter().copied());
                let help = suggest::prefixed(meant, "检查拼写；可用字段见内容格式说明");
                (format!("未定义的字段 {}", k.name), help, meant)
            };
            ctx.report(Code::UnknownField, k.pos, message, Some(&help));
            if let Some(meant) = meant
                && self.missing.iter().any(|m| m == meant)
            {
                let at = ctx.path.at(self.pos);
                let message = missing_message(meant);
                if let Some(i) = ctx
                    .diags
                    .iter()
                    .rposition(|d| d.code == Code::MissingField && d.location == at && d.message == message)
                {
                    ctx.diags.remove(i);
                }
            }
        }
    }
}

/// `YYYY-MM-DD` exactly (four, two and two ASCII digits), when a real day.
/// By hand, not chrono's `parse_from_str`: that reads its format string
/// again for every date, a tenth of reading a project file (50,000 dates
/// at 10,000 projects).
fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(digits(0..4)?).ok()?, digits(5..7)?, digits(8..10)?)
}

fn missing_message(key: &str) -> String {
    format!("缺少必填项 {key}")
}

/// Empty values count as absent: null, "", [] and {}.
fn is_empty(node: &Node) -> bool {
    match &node.kind {
        Kind::Null => true,
        Kind::Str { text, .. } => text.trim().is_empty(),
        Kind::Seq(v) => v.is_empty(),
        Kind::Map(v) => v.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
#[path = "reader_tests.rs"]
mod tests;
