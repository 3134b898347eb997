//! Diagnostics: the content problems that `check` reports and that stop `build`.
//!
//! A content problem never aborts loading; it becomes a [`Diagnostic`] with a
//! stable English [`Code`], a Chinese message for county staff, and the file,
//! line and column of the offending key or item. Environment problems (I/O,
//! themes) are [`crate::Error`]s instead. The codes and their meanings are the
//! contract of `docs/cli.md` and never change meaning.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// 严重程度: an error stops `build`; a warning does only under `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// `error`
    Error,
    /// `warning`
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $sev:ident;)*) => {
        /// Every diagnostic code of `docs/cli.md`, with its fixed severity.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = concat!("`", $name, "`")] $variant,)*
        }

        impl Code {
            /// All codes, in the order of the spec's table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable kebab-case name printed in `error[name]`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity the spec gives this code.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }
        }
    };
}

codes! {
    YamlSyntax = "yaml-syntax", Error;
    UnknownField = "unknown-field", Error;
    MissingField = "missing-field", Error;
    InvalidValue = "invalid-value", Error;
    BadId = "bad-id", Error;
    DuplicateId = "duplicate-id", Error;
    IdMismatch = "id-mismatch", Error;
    UnknownReference = "unknown-reference", Error;
    NoticeDates = "notice-dates", Error;
    NoticeTooShort = "notice-too-short", Error;
    NoticeInclusiveOnly = "notice-inclusive-only", Warning;
    NoticeOrder = "notice-order", Error;
    NoticeMissing = "notice-missing", Error;
    ApprovalTooEarly = "approval-too-early", Error;
    WarehousedBeforeApproval = "warehoused-before-approval", Error;
    ObjectionUnresolved = "objection-unresolved", Error;
    ObjectionNotRenoticed = "objection-not-renoticed", Error;
    FundingMismatch = "funding-mismatch", Error;
    UnknownType = "unknown-type", Error;
    UnknownSubType = "unknown-sub-type", Warning;
    EventOrder = "event-order", Error;
    LifecycleConflict = "lifecycle-conflict", Error;
    ChangeNeedsNotice = "change-needs-notice", Error;
    AnnouncementLate = "announcement-late", Warning;
    AnnouncementPremature = "announcement-premature", Error;
    AnnouncedTwice = "announced-twice", Error;
    NotGiven = "not-given", Warning;
    ManagementFee = "management-fee", Warning;
    SupervisionPhone = "supervision-phone", Warning;
    ConvenerCount = "convener-count", Warning;
    LiaisonCount = "liaison-count", Warning;
    EastWestQuota = "east-west-quota", Warning;
    ConsultationGap = "consultation-gap", Warning;
    PlanLate = "plan-late", Warning;
    SummaryLate = "summary-late", Warning;
    ImageMissing = "image-missing", Error;
    PrivateData = "private-data", Warning;
    GovBadgePlaceholder = "gov-badge-placeholder", Warning;
    PublishedRemoved = "published-removed", Error;
    ActualBeforeCompletion = "actual-before-completion", Error;
    ActualMissing = "actual-missing", Warning;
    SignLate = "sign-late", Warning;
    CompletionNoticeLate = "completion-notice-late", Warning;
    PhotoTooLarge = "photo-too-large", Warning;
    AssetValueExceeds = "asset-value-exceeds", Error;
    AssetHandoverLate = "asset-handover-late", Warning;
    AllocationSum = "allocation-sum", Error;
    AllocationExceedsFunding = "allocation-exceeds-funding", Error;
    AllocationNotWarehoused = "allocation-not-warehoused", Error;
    AllocationLate = "allocation-late", Warning;
    AnnualPlanLate = "annual-plan-late", Warning;
    PaymentsExceedFunding = "payments-exceed-funding", Error;
}

impl Code {
    /// Whether a diagnostic of this code stops `build` whatever its severity.
    ///
    /// `private-data` stays a warning for `check` (it is a heuristic: "something
    /// like" a mobile or ID number), but publishing is exactly the harm it
    /// warns of, so `build` never writes a site while one stands. A false
    /// positive is moved into `contact_private` or reworded.
    pub fn blocks_build(self) -> bool {
        matches!(self, Code::PrivateData)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Reads back the stable name (the parse cache keeps a file's diagnostics).
impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown code {name}")))
    }
}

/// A 1-based position in a source file. Front-matter positions are already
/// shifted to lines of the whole file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Pos {
    /// A position at `line`, `column` (both 1-based).
    pub const fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }
}

/// Where a diagnostic points: a file relative to the site root (with `/`) and,
/// where one exists, a position in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
pub struct Location {
    /// Path relative to the site root, `/`-separated.
    pub file: Arc<str>,
    /// Position in the file, if any.
    pub pos: Option<Pos>,
}

/// One content problem.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// Where it is.
    pub location: Location,
    /// The id of the record it belongs to, if known.
    pub record: Option<String>,
    /// One Chinese sentence for county staff.
    pub message: String,
    /// An optional Chinese hint with the obvious fix.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no help line.
    pub fn new(code: Code, location: Location, message: impl Into<String>) -> Self {
        Self { code, location, record: None, message: message.into(), help: None }
    }

    /// Adds the `help:` line.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the record id.
    #[must_use]
    pub fn record(mut self, record: Option<&str>) -> Self {
        self.record = record.map(str::to_owned);
        self
    }

    /// The code's severity.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    fn sort_key(&self) -> (&str, u32, u32, &'static str, &str) {
        let (line, column) = self.location.pos.map_or((0, 0), |p| (p.line, p.column));
        (&self.location.file, line, column, self.code.as_str(), &self.message)
    }
}

/// Sorts diagnostics by file, line, column and code, as the spec prints them,
/// and drops exact repeats (an alias can make one node report twice).
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

/// Counts of errors and warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
}

/// Counts errors and warnings in `diags`.
pub fn count(diags: &[Diagnostic]) -> Counts {
    let errors = diags.iter().filter(|d| d.severity() == Severity::Error).count();
    Counts { errors, warnings: diags.len() - errors }
}

/// What the diagnostics mean for a command: the one place where `--strict`
/// and the build-blocking warnings are decided, for `check`'s exit status and
/// for `build`'s refusal alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing stops the command (warnings may remain).
    Clean,
    /// At least one error.
    Errors,
    /// No error, but a warning whose code [blocks a build](Code::blocks_build)
    /// (only when publishing).
    Blocked,
    /// No error, but warnings under `--strict`.
    StrictWarnings,
}

impl Verdict {
    /// The verdict on `diags`; `publishing` is true for `build`, which also
    /// stops on a [`Code::blocks_build`] warning.
    pub fn of(diags: &[Diagnostic], strict: bool, publishing: bool) -> Verdict {
        if count(diags).errors > 0 {
            Verdict::Errors
        } else if publishing && diags.iter().any(|d| d.code.blocks_build()) {
            Verdict::Blocked
        } else if strict && !diags.is_empty() {
            Verdict::StrictWarnings
        } else {
            Verdict::Clean
        }
    }

    /// Whether the command may go on (and `check` exits 0).
    pub fn passes(self) -> bool {
        self == Verdict::Clean
    }
}

/// Renders the human form of `docs/cli.md` (one line per diagnostic, an
/// indented `help:` line, and the closing count line in Chinese: `共 2 个错误、1 个警告`,
/// or `未发现问题`).
pub fn render_human(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&render_one(d));
    }
    out.push_str(&summary_line(count(diags)));
    out.push('\n');
    out
}

/// One diagnostic's lines of [`render_human`], without the count line.
pub fn render_one(d: &Diagnostic) -> String {
    let sev = match d.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = d.location.file.to_string();
    if let Some(p) = d.location.pos {
        out.push_str(&format!(":{}:{}", p.line, p.column));
    }
    out.push_str(&format!(": {sev}[{}]: {}\n", d.code, d.message));
    if let Some(h) = &d.help {
        out.push_str(&format!("  help: {h}\n"));
    }
    out
}

/// `共 2 个错误、1 个警告`, `共 1 个警告`, or `未发现问题`: only the counts that are not zero.
fn summary_line(c: Counts) -> String {
    let parts: Vec<String> = [(c.errors, "错误"), (c.warnings, "警告")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} 个{word}"))
        .collect();
    if parts.is_empty() { "未发现问题".to_owned() } else { format!("共 {}", parts.join("、")) }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    today: String,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: Code,
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    record: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

/// Renders the `--format json` object of `docs/cli.md`.
pub fn render_json(diags: &[Diagnostic], today: chrono::NaiveDate) -> String {
    let c = count(diags);
    let report = JsonReport {
        today: today.format("%Y-%m-%d").to_string(),
        errors: c.errors,
        warnings: c.warnings,
        diagnostics: diags
            .iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity(),
                code: d.code,
                file: &d.location.file,
                line: d.location.pos.map(|p| p.line),
                column: d.location.pos.map(|p| p.column),
                record: d.record.as_deref(),
                message: &d.message,
                help: d.help.as_deref(),
            })
            .collect(),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(file: &str, line: u32, code: Code) -> Diagnostic {
        Diagnostic::new(code, Location { file: file.into(), pos: Some(Pos::new(line, 1)) }, "消息")
    }

    #[test]
    fn the_verdict_decides_strict_and_blocking_warnings_once() {
        let warning = diag("a.yaml", 1, Code::NoticeInclusiveOnly);
        let private = diag("a.yaml", 2, Code::PrivateData);
        let error = diag("a.yaml", 3, Code::BadId);
        assert_eq!(Verdict::of(&[], true, true), Verdict::Clean);
        assert_eq!(Verdict::of(std::slice::from_ref(&warning), false, true), Verdict::Clean);
        assert_eq!(Verdict::of(std::slice::from_ref(&warning), true, false), Verdict::StrictWarnings);
        // `check` reports private data but passes; `build` refuses to publish it.
        assert_eq!(Verdict::of(std::slice::from_ref(&private), false, false), Verdict::Clean);
        assert_eq!(Verdict::of(std::slice::from_ref(&private), false, true), Verdict::Blocked);
        assert_eq!(Verdict::of(&[warning, private, error], true, true), Verdict::Errors);
        assert!(!Verdict::Blocked.passes() && Verdict::Clean.passes());
    }

    #[test]
    fn sorts_by_file_then_line_then_code() {
        let mut d = vec![
            diag("b.yaml", 1, Code::BadId),
            diag("a.yaml", 9, Code::YamlSyntax),
            diag("a.yaml", 2, Code::UnknownField),
            diag("a.yaml", 2, Code::BadId),
        ];
        sort(&mut d);
        let got: Vec<_> = d.iter().map(|d| (&*d.location.file, d.code.as_str())).collect();
        assert_eq!(
            got,
            [("a.yaml", "bad-id"), ("a.yaml", "unknown-field"), ("a.yaml", "yaml-syntax"), ("b.yaml", "bad-id")]
        );
    }

    #[test]
    fn human_form_matches_spec_shape() {
        let d = vec![diag("x.yaml", 14, Code::NoticeTooShort).help("延长公示期")];
        assert_eq!(render_human(&d), "x.yaml:14:1: error[notice-too-short]: 消息\n  help: 延长公示期\n共 1 个错误\n");
    }

    #[test]
    fn summary_line_names_only_what_there_is() {
        let line = |errors, warnings| summary_line(Counts { errors, warnings });
        assert_eq!(line(2, 1), "共 2 个错误、1 个警告");
        assert_eq!(line(0, 3), "共 3 个警告");
        assert_eq!(line(1, 0), "共 1 个错误");
        assert_eq!(line(0, 0), "未发现问题");
        assert_eq!(render_human(&[]), "未发现问题\n");
    }

    #[test]
    fn warning_codes_are_the_specs() {
        let warnings: Vec<_> =
            Code::ALL.iter().filter(|c| c.severity() == Severity::Warning).map(|c| c.as_str()).collect();
        assert_eq!(
            warnings,
            [
                "notice-inclusive-only",
                "unknown-sub-type",
                "announcement-late",
                "not-given",
                "management-fee",
                "supervision-phone",
                "convener-count",
                "liaison-count",
                "east-west-quota",
                "consultation-gap",
                "plan-late",
                "summary-late",
                "private-data",
                "gov-badge-placeholder",
                "actual-missing",
                "sign-late",
                "completion-notice-late",
                "photo-too-large",
                "asset-handover-late",
                "allocation-late",
                "annual-plan-late",
            ]
        );
    }
}
