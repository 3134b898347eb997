//! 产业顾问组: an industry advisory group and its ledger (台账).

use chrono::NaiveDate;

use super::keyword::keyword;
use super::{At, DateRange, SourcePath};
use crate::diag::Pos;

/// One group file.
#[derive(Debug, Clone)]
pub struct Group {
    /// Source file.
    pub path: SourcePath,
    /// Id.
    pub id: At<String>,
    /// Name.
    pub name: String,
    /// County id.
    pub county: At<String>,
    /// 产业.
    pub industry: String,
    /// 认定.
    pub certification: Certification,
    /// Position of `certification` (rules about the group point here when nothing better exists).
    pub certification_pos: Pos,
    /// 成员.
    pub members: Vec<Member>,
    /// Ids of member items left out as invalid (already reported): references
    /// to them are not reported again, and member counts stay silent.
    pub invalid_members: Vec<At<String>>,
    /// 合作协议.
    pub agreement: Option<Agreement>,
    /// 会商.
    pub consultations: Vec<Consultation>,
    /// Position of the `consultations` key, or of the id when absent.
    pub consultations_pos: Pos,
    /// A 会商 was left out as invalid (e.g. a bad date; already reported).
    pub are_consultations_incomplete: bool,
    /// 到岗服务.
    pub service_log: Vec<ServiceVisit>,
    /// 远程指导.
    pub remote_guidance: Vec<RemoteGuidance>,
    /// 工作计划 / 工作总结.
    pub plans: Vec<PlanDoc>,
    /// Position of the `plans` key, or of the id when absent.
    pub plans_pos: Pos,
    /// A plan or summary was left out as invalid (already reported).
    pub are_plans_incomplete: bool,
    /// 工作评价.
    pub evaluations: Vec<Evaluation>,
}

/// 认定: who certified the group, when, under which list.
#[derive(Debug, Clone)]
pub struct Certification {
    /// Certifying bodies.
    pub by: Vec<String>,
    /// Date: the group is active from here on.
    pub date: NaiveDate,
    /// List or document.
    pub reference: String,
}

keyword! {
    /// Member role.
    Role {
        Leader = "leader" / "组长",
        Member = "member" / "成员",
    }
}

keyword! {
    /// Where a member was sent from.
    MemberSource {
        NationalSociety = "national_society" / "全国学会",
        EastWest = "east_west" / "东西部协作",
        Provincial = "provincial" / "省级选派",
        Local = "local" / "本地",
    }
}

/// 成员. `contact_private` is read and never kept.
#[derive(Debug, Clone)]
pub struct Member {
    /// Id within the group.
    pub id: At<String>,
    /// Name.
    pub name: String,
    /// 派出单位.
    pub institution: String,
    /// 职称.
    pub title: String,
    /// 专业领域.
    pub field: String,
    /// Role.
    pub role: Role,
    /// Source.
    pub source: MemberSource,
    /// 聘书编号.
    pub appointment_letter_no: String,
    /// Active dates.
    pub range: DateRange,
    /// `to` was invalid or before `from` (already reported): `range` then holds
    /// only `from`, and the rules that count current terms stay silent.
    pub is_range_invalid: bool,
}

/// 合作协议.
#[derive(Debug, Clone)]
pub struct Agreement {
    /// Signed.
    pub signed_on: NaiveDate,
    /// Parties.
    pub parties: Vec<String>,
    /// 合作重点事项.
    pub items: Vec<String>,
}

keyword! {
    /// 会商 mode.
    MeetingMode {
        Onsite = "onsite" / "现场",
        Video = "video" / "视频",
    }
}

/// 会商.
#[derive(Debug, Clone)]
pub struct Consultation {
    /// Date.
    pub date: At<NaiveDate>,
    /// Mode.
    /// `None` when written but invalid (already reported; a build never
    /// publishes it): the 会商 still counts on its date.
    pub mode: Option<MeetingMode>,
    /// Topics.
    pub topics: String,
}

/// 到岗服务: days on site, counted inclusively.
#[derive(Debug, Clone)]
pub struct ServiceVisit {
    /// Member id.
    pub member: At<String>,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Place.
    pub place: String,
    /// Activity.
    pub activity: String,
}

/// 远程指导.
#[derive(Debug, Clone)]
pub struct RemoteGuidance {
    /// Date.
    pub date: NaiveDate,
    /// Member ids.
    pub members: Vec<At<String>>,
    /// Topic.
    pub topic: String,
}

keyword! {
    /// Plan document kind.
    PlanKind {
        WorkPlan = "work_plan" / "工作计划",
        WorkSummary = "work_summary" / "工作总结",
    }
}

/// 工作计划 or 工作总结.
#[derive(Debug, Clone)]
pub struct PlanDoc {
    /// Year it covers.
    pub year: i32,
    /// Kind.
    pub kind: PlanKind,
    /// Submitted.
    pub submitted_on: At<NaiveDate>,
}

/// 工作评价.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Year.
    pub year: i32,
    /// Evaluator.
    pub by: String,
    /// Result (优秀 marks an outstanding group).
    pub result: String,
}

impl Group {
    /// Whether any evaluation rated the group 优秀 (先进团队).
    pub fn is_outstanding(&self) -> bool {
        self.evaluations.iter().any(|e| e.result == "优秀")
    }
}
