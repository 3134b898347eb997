#!/usr/bin/env python3
# Copied into this repository (only comments and docstrings differ) from the
# benchmark harness (bench/gen_gongshi.py) with which gongshi was compared with Hugo
# and Zola on one synthetic workload, so that scripts/bench and
# scripts/bench-instructions run from a clone alone. Keep the records it
# writes unchanged for a given (N, seed): the figures in benches/README.md
# were measured on them and stay comparable only so.
"""Write N synthetic project records in gongshi's content format (docs/content.md).

The records are the same ones gen_site.py writes for Hugo and Zola (same titles, text
volume, townships, categories, years, funding), so a build of each can be compared on the
same work. Around them it writes what a real site has: counties with townships and
villages, one advisory group per 100 projects with a full ledger, one typical case per
100 projects. Every record passes `gongshi check --today 2026-11-28` with no diagnostic.

Usage: gen_gongshi.py N OUTDIR [--seed S]     (writes OUTDIR/content/...)
Standard library only; deterministic for (N, seed).
"""
import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_site import TOWNSHIPS, FILLERS, make_record, person  # noqa: E402

TODAY = dt.date(2026, 11, 28)
TYPE_OF = {"产业发展": "industry", "基础设施": "rural_construction", "农田水利": "rural_construction",
           "人居环境": "rural_construction", "公共服务": "three_guarantees", "就业帮扶": "employment",
           "乡村治理": "governance_civility", "生态保护": "other"}
SOURCE_OF = [("bridging_fund", "central"), ("bridging_fund", "provincial"), ("bridging_fund", "local"),
             ("local_bond", None), ("east_west_fund", None), ("designated_assistance_fund", None),
             ("self_raised", None)]
STATUS_EVENTS = {"已入库": [], "已批复": ["planned"], "在建": ["planned", "funded", "started"],
                 "已完工": ["planned", "funded", "started", "completed"],
                 "已验收": ["planned", "funded", "started", "completed", "accepted"]}
PER_COUNTY = 2000


def y(value, indent=0):
    """A small YAML emitter: mappings, lists, strings (JSON-quoted), numbers, dates, bools."""
    pad = "  " * indent
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{k}:\n{y(v, indent + 1)}")
            else:
                out.append(f"{pad}{k}: {scalar(v)}")
        return "\n".join(out)
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, dict) and v:
                inner = y(v, indent + 1).lstrip()
                out.append(f"{pad}- {inner}")
            else:
                out.append(f"{pad}- {scalar(v)}")
        return "\n".join(out)
    return pad + scalar(value)


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (dict, list)):
        return "{}" if isinstance(v, dict) else "[]"
    return json.dumps(str(v), ensure_ascii=False)


def cents_split(total_cents, parts, rng):
    weights = [rng.random() + 0.2 for _ in range(parts)]
    s = sum(weights)
    amounts = [int(total_cents * w / s) for w in weights]
    amounts[-1] = total_cents - sum(amounts[:-1])
    return amounts


def money(cents):
    return float(f"{cents // 100}.{cents % 100:02d}")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text if text.endswith("\n") else text + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=2024)
    a = ap.parse_args(argv)
    content = os.path.join(a.outdir, "content")
    if os.path.exists(content):
        shutil.rmtree(content)
    n_counties = max(1, (a.n + PER_COUNTY - 1) // PER_COUNTY)
    villages = [dict() for _ in range(n_counties)]  # per county: (township, village name) -> id
    groups_of = [[] for _ in range(n_counties)]
    projects_dir = os.path.join(content, "projects")
    first_project_of_group = {}
    for i in range(1, a.n + 1):
        r = make_record(i, a.seed)
        rng = random.Random(a.seed * 7919 + i)
        c = (i - 1) % n_counties
        cid = f"c{c + 1:03d}"
        t = TOWNSHIPS.index(r["township"]) + 1
        tid = f"t{t:02d}"
        vkey = (tid, r["village"])
        if vkey not in villages[c]:
            villages[c][vkey] = f"v{len(villages[c]) + 1:04d}"
        vid = villages[c][vkey]
        day = dt.date.fromisoformat(r["date"][:10])
        v_start, v_end = day, day + dt.timedelta(days=10)
        t_start, t_end = v_end + dt.timedelta(days=2), v_end + dt.timedelta(days=12)
        approval = t_end + dt.timedelta(days=5)
        total = int(round(r["funding"] * 100))
        parts = rng.randint(2, 3)
        srcs = rng.sample(SOURCE_OF, parts)
        sources = []
        for (src, level), cents in zip(srcs, cents_split(total, parts, rng)):
            s = {"source": src}
            if level:
                s["level"] = level
            s["amount"] = money(cents)
            sources.append(s)
        events, d = [], approval
        for ev in STATUS_EVENTS[r["status"]]:
            d = d + dt.timedelta(days=rng.randint(5, 60))
            if d >= TODAY:
                break
            events.append({"type": ev, "date": d})
        gidx = (i - 1) // (100 * n_counties)
        gid = f"{cid}-g{gidx + 1:03d}"
        if gid not in groups_of[c]:
            groups_of[c].append(gid)
            first_project_of_group[gid] = f"QS-{i:06d}"
        rec = {
            "id": f"QS-{i:06d}", "name": r["title"], "county": cid, "year": int(r["year"]),
            "type": TYPE_OF[r["category"]], "sub_type": r["kind"], "construction_nature": "new",
            "location": {"township": tid, "villages": [vid]},
            "content": r["description"] + r["body"].split("\n\n")[1] if "\n\n" in r["body"] else r["description"],
            "implementation_period": {"from": r["start"][:7], "to": r["end"][:7]},
            "implementer": r["implementer"], "responsible_unit": r["township"] + "人民政府",
            "responsible_person": r["contact"],
            "funding": {"total": money(total), "sources": sources},
            "beneficiaries": {"households_lifted": r["households"] // 5, "persons_lifted": r["beneficiaries"],
                              "households_monitored": r["households"] // 40},
            "linkage_mechanism": "".join(rng.sample(FILLERS, 2)),
            "performance_targets": [{"indicator": "受益人口", "value": r["beneficiaries"], "unit": "人"}],
            "advisory_group": gid,
            "notices": [
                {"level": "village", "issuer": r["village"] + "村民委员会", "boards": [r["village"] + "村务公开栏"],
                 "start": v_start, "end": v_end},
                {"level": "township", "issuer": r["township"] + "人民政府", "boards": [r["township"] + "政务公开栏"],
                 "start": t_start, "end": t_end}],
            "approval": {"by": "县委农村工作领导小组办公室", "doc_no": f"县农领办发〔{approval.year}〕{i}号", "date": approval},
        }
        if events:
            rec["events"] = events
        write(os.path.join(projects_dir, r["year"], f"qs-{i:06d}.yaml"), y(rec))

    for c in range(n_counties):
        cid = f"c{c + 1:03d}"
        rng = random.Random(a.seed * 31 + c)
        townships = []
        for t, tname in enumerate(TOWNSHIPS, 1):
            tid = f"t{t:02d}"
            vs = sorted((vid, vname) for (tk, vname), vid in villages[c].items() if tk == tid)
            townships.append({"id": tid, "name": tname, "board": tname + "人民政府政务公开栏",
                              "villages": [{"id": vid, "name": vname, "board": vname + "村务公开栏"} for vid, vname in vs]
                              or [{"id": f"{tid}v", "name": tname + "中心村", "board": tname + "中心村公开栏"}]})
        county = {
            "id": cid, "name": f"青山{c + 1}县", "adcode": f"{522700 + c:06d}", "province": "某省", "prefecture": "某州",
            "is_key_assistance_county": c % 3 == 0, "authority": f"青山{c + 1}县农业农村局",
            "leading_group": f"中共青山{c + 1}县委农村工作领导小组",
            "convener": {"name": person(rng), "post": "县委副书记", "from": dt.date(2022, 1, 1)},
            "liaisons": [{"level": lv, "name": person(rng), "org": org, "from": dt.date(2022, 1, 1)}
                         for lv, org in (("province", "某省科学技术协会"), ("prefecture", "某州乡村振兴局"),
                                         ("county", f"青山{c + 1}县科学技术协会"))],
            "east_west_pairing": {"partner": "某东部省某市", "since": 2021},
            "townships": townships,
        }
        write(os.path.join(content, "counties", f"{cid}.yaml"), y(county))
        for g, gid in enumerate(groups_of[c]):
            members = []
            for m in range(5):
                members.append({"id": f"m{m + 1}", "name": person(rng), "institution": "某农业大学", "title": "教授",
                                "field": "作物栽培", "role": "leader" if m == 0 else "member",
                                "source": "east_west" if (m == 1 and g == 0) else ("national_society" if m == 0 else "provincial"),
                                "appointment_letter_no": f"CYGW-{cid}-{g + 1:03d}-{m + 1}", "from": dt.date(2022, 1, 10)})
            consultations = []
            for year in range(2022, 2027):
                consultations.append({"date": dt.date(year, 4, 15), "mode": "onsite", "topics": "上半年会商"})
                if dt.date(year, 10, 15) < TODAY:
                    consultations.append({"date": dt.date(year, 10, 15), "mode": "video", "topics": "下半年会商"})
            plans = []
            for year in range(2022, 2027):
                plans.append({"year": year, "kind": "work_plan", "submitted_on": dt.date(year, 1, 20)})
                if year < 2026:
                    plans.append({"year": year, "kind": "work_summary", "submitted_on": dt.date(year, 12, 20)})
            group = {"id": gid, "name": f"青山{c + 1}县第{g + 1}产业顾问组", "county": cid, "industry": "特色种植",
                     "certification": {"by": ["国家乡村振兴局", "中国科学技术协会"], "date": dt.date(2022, 1, 10),
                                       "ref": "产业顾问组名单"},
                     "members": members, "consultations": consultations,
                     "service_log": [{"member": "m1", "from": dt.date(2026, 4, 8), "to": dt.date(2026, 4, 11),
                                      "place": "项目现场", "activity": "技术指导"}],
                     "plans": plans}
            write(os.path.join(content, "groups", f"{gid}.yaml"), y(group))
            r = make_record(g * 100 + c + 1, a.seed + 1)
            case = {"id": f"case-{gid}", "title": f"{r['kind']}助力{r['village']}增收致富", "county": cid,
                    "industry": "特色种植", "year": 2026, "advisory_group": gid,
                    "related_projects": [first_project_of_group[gid]],
                    "results": [{"indicator": "户均增收", "value": 3000 + g, "unit": "元"}],
                    "source": f"青山{c + 1}县农业农村局", "published_on": dt.date(2026, 10, 1)}
            write(os.path.join(content, "cases", f"case-{gid}.md"), "---\n" + y(case) + "\n---\n\n" + r["body"])
    site = {"title": "青山县乡村振兴项目公开平台（基准测试）", "base_url": "https://xczx.qingshan.example.gov.cn/",
            "portal": {"sponsor": "青山县人民政府办公室", "contact": {"address": "青山县人民路1号", "phone": "0000-0000000"},
                       "site_code": "0000000000", "icp_filing": "某ICP备00000000号", "gov_badge": True},
            "supervision_phones": [{"number": "12317", "label": "农业农村部监督举报电话"},
                                   {"number": "0000-0000001", "label": "县农业农村局监督电话"}]}
    write(os.path.join(content, "site.yaml"), y(site))
    print(f"wrote {a.n} projects, {n_counties} counties, {sum(len(g) for g in groups_of)} groups and cases into {content}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
