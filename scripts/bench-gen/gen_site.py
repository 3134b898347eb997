#!/usr/bin/env python3
# Copied into this repository (only comments and docstrings differ) from the
# benchmark harness (bench/gen_site.py) with which gongshi was compared with Hugo
# and Zola on one synthetic workload, so that scripts/bench and
# scripts/bench-instructions run from a clone alone. Keep the records it
# writes unchanged for a given (N, seed): the figures in benches/README.md
# were measured on them and stay comparable only so.
"""Generate an equivalent benchmark site for Hugo and for Zola.

The workload imitates the planned county-government publication site: N
"warehoused project" records (rural revitalization), each a Markdown page with
YAML front matter, rendered as one detail page per record, paginated lists
(20 per page) for the whole collection and for every township / category /
year, Atom feeds, and a sitemap.

Usage:
    python3 gen_site.py N OUTDIR [--engine both|hugo|zola|gongshi] [--seed S] [--no-term-pages]

--engine gongshi writes OUTDIR/content/ in gongshi's own format (gen_gongshi.py), with
the same records.

Writes OUTDIR/hugo/ (a Hugo site) and/or OUTDIR/zola/ (a Zola site). OUTDIR
is wiped of those two sub-directories first. The output is fully
deterministic for a given (N, seed). Only the Python 3 standard library is
used.

Equivalence between the two sites (same for both engines):
  * one section "projects" holding all N pages, sorted by date, paginated by 20;
  * three taxonomies (township: 12 terms, category: 8 terms, year: 3 terms),
    each term page paginated by 20, plus one term-list page per taxonomy;
  * a home page with navigation only (no page listing);
  * a 404 page;
  * Atom feeds (custom, equivalent templates, 20 newest entries each, with
    the full rendered body) for: the home page (whole site), the projects
    section, and every taxonomy term;
  * sitemap.xml (each engine's built-in template; paginated pagers excluded);
  * one static CSS file;
  * Markdown: tables on (both engines' default), no syntax highlighting,
    no smart punctuation / typographer, no emoji, no search index, no minify,
    no Sass, no robots.txt, no aliases/redirects except those an engine
    emits by itself for pager 1.

--no-term-pages writes a reduced variant (same for both engines): the three
taxonomies are still declared but no term pages, term-list pages or term
feeds are rendered (Zola: render = false; Hugo: disableKinds taxonomy/term),
and the detail page prints the term names as plain text instead of links.
"""

import argparse
import datetime as dt
import os
import random
import shutil
import sys

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

COUNTY = "青山县"
SITE_TITLE = "青山县乡村振兴项目库信息公开"
BASE_URL = "https://xczx.qingshan.example.gov.cn"

TOWNSHIPS = [
    "城关镇", "青石镇", "柳河镇", "白沙乡", "龙泉镇", "高桥乡",
    "双河镇", "石门乡", "新田镇", "马坪乡", "桃源镇", "金山乡",
]

CATEGORIES = {
    "产业发展": ["茶叶加工厂建设", "食用菌种植基地", "中药材示范园", "生猪养殖场改扩建",
             "柑橘标准化果园", "农产品冷链仓储", "蔬菜大棚", "油茶低改"],
    "基础设施": ["通组公路硬化", "产业路建设", "便民桥新建", "村内道路改造",
             "农村电网改造", "通信基站配套", "停车场建设", "安全生命防护工程"],
    "农田水利": ["高标准农田建设", "山塘整治", "灌溉渠道修复", "提灌站新建",
             "小型水库除险加固", "高效节水灌溉", "机耕道建设", "排洪沟治理"],
    "人居环境": ["农村改厕", "生活污水治理", "垃圾收运设施", "村庄亮化",
             "房前屋后美化", "公共厕所新建", "河道清淤", "村庄绿化"],
    "公共服务": ["村级卫生室改造", "农村幼儿园", "村综合服务中心", "文化广场建设",
             "农家书屋提升", "养老服务站", "饮水安全巩固提升", "便民服务点"],
    "就业帮扶": ["扶贫车间建设", "技能培训", "公益性岗位开发", "劳务协作",
             "以工代赈", "就业帮扶基地", "创业孵化", "务工交通补助"],
    "乡村治理": ["村务公开栏", "积分制管理", "网格化服务站", "调解室建设",
             "应急广播", "平安乡村监控", "村规民约宣传", "党群服务中心"],
    "生态保护": ["水土流失治理", "退化林修复", "生态护岸", "森林防火通道",
             "石漠化治理", "湿地保护", "矿山复绿", "生态护林员"],
}
CATEGORY_NAMES = list(CATEGORIES)

YEARS = [2022, 2023, 2024]

VILLAGE_A = list("柳杨石桥河山竹枫桃李陈王张高新东西南北上下大小黄龙凤")
VILLAGE_B = ["家", "湾", "坪", "岭", "沟", "坝", "塘", "田", "寨", "庄", "口", "林"]

RESOURCES = ["山地", "水利", "林地", "茶园", "田园", "劳动力", "旅游", "区位"]
INDUSTRIES = ["特色种植", "生态养殖", "乡村旅游", "农产品加工", "林下经济", "庭院经济"]
PROBLEMS = ["基础设施薄弱", "产业链条短", "抗风险能力弱", "管护机制不健全",
            "技术力量不足", "销售渠道单一", "群众出行不便", "用水保障不足"]
DIRS = ["东", "南", "西", "北", "东南", "西北", "东北", "西南"]
UNITS = [("平方米", 200, 6000), ("公里", 1, 30), ("座", 1, 12), ("亩", 50, 3000),
         ("处", 1, 20), ("套", 1, 60), ("户", 20, 600), ("米", 100, 5000)]
THINGS = ["生产用房", "硬化道路", "灌溉管网", "蓄水池", "分拣车间", "冷藏库",
          "排水沟", "挡土墙", "护栏", "太阳能路灯", "公共厕所", "垃圾收集点",
          "标准化圈舍", "育苗大棚", "晒场", "便民桥"]
IMPLEMENTERS = ["{t}人民政府", "{v}股份经济合作社", "县农业农村局", "县水利局",
                "县交通运输局", "{t}农业综合服务中心", "县林业局", "县乡村振兴局"]
DEPTS = ["县农业农村局", "县乡村振兴局", "县财政局", "县发展和改革局", "县水利局", "县交通运输局"]
STATUSES = ["已入库", "已批复", "在建", "已完工", "已验收"]
SOURCES = ["中央财政衔接推进乡村振兴补助资金", "省级财政衔接资金", "县级财政衔接资金",
           "地方政府专项债券", "东西部协作资金", "定点帮扶资金", "村集体自筹"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林")
GIVEN = list("建国明华平军伟强芳秀英玉兰海涛红霞志勇春")

FILLERS = [
    "项目严格落实“四议两公开”工作法，充分尊重群众意愿，项目选址和建设内容均经村民代表大会讨论通过。",
    "资金拨付实行县级报账制，按照工程进度分期拨付，杜绝截留、挤占和挪用。",
    "项目建设过程中优先吸纳本村脱贫劳动力务工，落实以工代赈政策，增加群众劳务收入。",
    "乡镇人民政府将定期开展现场督导，发现问题及时整改，确保工程质量和安全生产。",
    "项目资产形成后，按照“谁受益、谁管护”的原则，明确管护主体和管护责任，确保长期发挥效益。",
    "联农带农机制通过“企业+合作社+农户”模式建立，脱贫户可通过务工、入股分红等方式稳定增收。",
    "项目公示期间，群众对项目有异议的，可通过来信、来电、来访等方式向有关部门反映。",
    "项目纳入县级巩固拓展脱贫攻坚成果和乡村振兴项目库管理，实行动态调整。",
    "绩效目标设定为产出、效益和满意度三类指标，受益群众满意度不低于百分之九十。",
    "项目实施后将进一步改善群众生产生活条件，补齐村内基础设施短板，助力和美乡村建设。",
]


def village_name(rng):
    return rng.choice(VILLAGE_A) + rng.choice(VILLAGE_B) + "村"


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def make_record(i, seed):
    """Return a dict describing record i (deterministic)."""
    rng = random.Random(seed * 1_000_003 + i)
    township = TOWNSHIPS[rng.randrange(len(TOWNSHIPS))]
    category = CATEGORY_NAMES[rng.randrange(len(CATEGORY_NAMES))]
    kind = rng.choice(CATEGORIES[category])
    village = village_name(rng)
    year = YEARS[rng.randrange(len(YEARS))]
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    hh, mm = rng.randrange(8, 18), rng.randrange(60)
    funding = round(rng.uniform(5, 800), 2)
    status = rng.choice(STATUSES)
    implementer = rng.choice(IMPLEMENTERS).format(t=township, v=village)
    households = rng.randint(80, 900)
    people = households * rng.randint(3, 4) + rng.randint(0, 50)
    beneficiaries = rng.randint(people // 4, people)
    code = "QS-%d-%s-%05d" % (year, "%02d" % (TOWNSHIPS.index(township) + 1), i)
    start = day + dt.timedelta(days=rng.randint(10, 90))
    end = start + dt.timedelta(days=rng.randint(60, 360))
    contact = person(rng)
    phone = "0%03d-%07d" % (rng.randint(700, 999), rng.randint(1000000, 9999999))
    title = "%s%s%s项目" % (township, village, kind)
    description = "%s%s%s项目，计划投入资金%.2f万元，由%s组织实施，预计受益人口%d人。" % (
        township, village, kind, funding, implementer, beneficiaries)
    body = make_body(rng, township, village, kind, funding, implementer, households,
                     people, beneficiaries, start, end, contact, phone)
    return {
        "i": i,
        "slug": "p%06d" % i,
        "title": title,
        "date": "%sT%02d:%02d:00+08:00" % (day.isoformat(), hh, mm),
        "description": description,
        "township": township,
        "category": category,
        "year": str(year),
        "code": code,
        "village": village,
        "kind": kind,
        "funding": funding,
        "funding_source": rng.choice(SOURCES[:3]),
        "implementer": implementer,
        "status": status,
        "households": households,
        "beneficiaries": beneficiaries,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "contact": contact,
        "phone": phone,
        "body": body,
    }


def make_body(rng, township, village, kind, funding, implementer, households, people,
              beneficiaries, start, end, contact, phone):
    poor = rng.randint(households // 20, households // 5)
    p1 = ("%s位于%s%s部，距镇政府约%d公里，全村辖%d个村民小组，共%d户%d人，其中脱贫户%d户。"
          "近年来，该村依托%s资源优势，积极发展%s，但仍存在%s、%s等问题，"
          "制约了村集体经济发展和群众持续增收。" % (
              village, township, rng.choice(DIRS), rng.randint(2, 35), rng.randint(4, 18),
              households, people, poor, rng.choice(RESOURCES), rng.choice(INDUSTRIES),
              *rng.sample(PROBLEMS, 2)))
    t1, t2, t3 = rng.sample(THINGS, 3)
    u1, u2 = rng.sample(UNITS, 2)
    p2 = ("本项目为%s，计划新建%s%d%s，配套建设%s%d%s，并对%s进行提质改造。"
          "项目建成后，预计可带动%d户农户户均年增收%d元，村集体经济年增收%.1f万元，受益人口%d人。" % (
              kind, t1, rng.randint(u1[1], u1[2]), u1[0], t2, rng.randint(u2[1], u2[2]), u2[0],
              t3, rng.randint(20, households), rng.randint(800, 6000), rng.uniform(1, 30),
              beneficiaries))
    fill = rng.sample(FILLERS, 4)
    p2 += fill[3]
    p3 = "".join(fill[:3])
    # funding table: split funding into 3-4 sources
    srcs = rng.sample(SOURCES, rng.randint(3, 4))
    weights = [rng.random() + 0.2 for _ in srcs]
    tot = sum(weights)
    amounts = [round(funding * w / tot, 2) for w in weights]
    amounts[-1] = round(funding - sum(amounts[:-1]), 2)
    rows = ["| 资金来源 | 金额（万元） | 占比 |", "| --- | ---: | ---: |"]
    for s, a in zip(srcs, amounts):
        rows.append("| %s | %.2f | %.1f%% |" % (s, a, 100 * a / funding))
    rows.append("| **合计** | **%.2f** | 100%% |" % funding)
    items = [
        "- 建设地点：%s%s" % (township, village),
        "- 建设期限：%s 至 %s" % (start.isoformat(), end.isoformat()),
        "- 实施主体：%s" % implementer,
        "- 监管单位：%s" % rng.choice(DEPTS),
        "- 联系人：%s，监督电话：%s" % (contact, phone),
    ]
    return "\n".join([
        "## 项目概况", "", p1, "", p2, "",
        "## 资金安排", "", "\n".join(rows), "",
        "## 实施安排", "", "\n".join(items), "", p3, "",
    ])


def yq(s):
    """YAML double-quoted scalar."""
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------------
# Shared HTML pieces (kept byte-identical between the engines where possible)
# ---------------------------------------------------------------------------

CSS = """body{font-family:"Microsoft YaHei",SimSun,sans-serif;margin:0;color:#222}
.gov-banner{background:#c00;color:#fff;padding:4px 16px}
.site-title{margin:8px 16px}
.main-nav ul{list-style:none;display:flex;gap:16px;margin:0;padding:8px 16px;background:#eee}
main{max-width:960px;margin:0 auto;padding:16px}
table{border-collapse:collapse}th,td{border:1px solid #999;padding:4px 8px}
.record-list li{margin:4px 0}
footer{border-top:2px solid #c00;padding:12px 16px;font-size:12px;color:#555}
@media print{.main-nav,.pager,.prevnext{display:none}}
"""

HEAD_OPEN = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
"""

NAV = """<header class="site-header">
<div class="gov-banner">%(county)s人民政府 主办</div>
<p class="site-title"><a href="/">%(title)s</a></p>
<nav class="main-nav"><ul>
<li><a href="/">首页</a></li>
<li><a href="/projects/">项目库</a></li>
<li><a href="/township/">按乡镇</a></li>
<li><a href="/category/">按项目类别</a></li>
<li><a href="/year/">按年度</a></li>
</ul></nav>
</header>
""" % {"county": COUNTY, "title": SITE_TITLE}

FOOTER = """<footer>
<p>主办单位：%(county)s人民政府办公室　承办单位：%(county)s乡村振兴局</p>
<p>地址：%(county)s人民路1号　邮编：000000　联系电话：0000-0000000</p>
<p>网站标识码：0000000000　备案号：某ICP备00000000号</p>
</footer>
""" % {"county": COUNTY}

HOME_BODY = """<h1>%(title)s</h1>
<p>本站依法公开%(county)s巩固拓展脱贫攻坚成果和乡村振兴项目库入库项目、产业指导组及典型案例信息，接受社会监督。</p>
<ul class="entry-list">
<li><a href="/projects/">全部入库项目</a></li>
<li><a href="/township/">按乡镇浏览</a></li>
<li><a href="/category/">按项目类别浏览</a></li>
<li><a href="/year/">按年度浏览</a></li>
</ul>
""" % {"county": COUNTY, "title": SITE_TITLE}

# Field rows of the detail page: (label, zola expr, hugo expr)
FIELDS = [
    ("项目编号", "page.extra.code", ".Params.code"),
    ("所在村", "page.extra.village", ".Params.village"),
    ("建设类型", "page.extra.kind", ".Params.kind"),
    ("资金规模（万元）", "page.extra.funding", ".Params.funding"),
    ("资金来源", "page.extra.funding_source", ".Params.funding_source"),
    ("实施主体", "page.extra.implementer", ".Params.implementer"),
    ("建设状态", "page.extra.status", ".Params.status"),
    ("涉及农户（户）", "page.extra.households", ".Params.households"),
    ("受益人口（人）", "page.extra.beneficiaries", ".Params.beneficiaries"),
    ("计划开工", "page.extra.start", ".Params.start"),
    ("计划完工", "page.extra.end", ".Params.end"),
    ("联系人", "page.extra.contact", ".Params.contact"),
    ("监督电话", "page.extra.phone", ".Params.phone"),
]

TAXOS = [("township", "所属乡镇"), ("category", "项目类别"), ("year", "入库年度")]

# ---------------------------------------------------------------------------
# Zola
# ---------------------------------------------------------------------------

ZOLA_CONFIG = """base_url = "%(base)s"
title = "%(title)s"
description = "%(county)s巩固拓展脱贫攻坚成果和乡村振兴项目库信息公开"
default_language = "zh"
compile_sass = false
minify_html = false
build_search_index = false
generate_feeds = true
feed_filenames = ["atom.xml"]
feed_limit = 20
generate_sitemap = true
exclude_paginated_pages_in_sitemap = "all"
generate_robots_txt = false
taxonomies = [
%(taxos)s]

[markdown]
render_emoji = false
smart_punctuation = false
insert_anchor_links = "none"

[slugify]
paths = "on"
taxonomies = "safe"
anchors = "on"

[extra]
county = "%(county)s"
"""

ZOLA_TAXO_ON = '  {name = "%s", paginate_by = 20, feed = true},\n'
ZOLA_TAXO_OFF = '  {name = "%s", render = false},\n'


def zola_config(term_pages):
    line = ZOLA_TAXO_ON if term_pages else ZOLA_TAXO_OFF
    taxos = "".join(line % t for t, _ in TAXOS)
    return ZOLA_CONFIG % {"base": BASE_URL, "title": SITE_TITLE, "county": COUNTY,
                          "taxos": taxos}


ZOLA_BASE = HEAD_OPEN + """<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="stylesheet" href="/site.css">
<link rel="alternate" type="application/atom+xml" title="{{ config.title }}" href="{{ config.base_url | safe }}/atom.xml">
</head>
<body>
""" + NAV + """<main>
{% block content %}{% endblock content %}
</main>
""" + FOOTER + """</body>
</html>
"""

ZOLA_INDEX = """{% extends "base.html" %}
{% block content %}
""" + HOME_BODY + """{% endblock content %}
"""

ZOLA_404 = """{% extends "base.html" %}
{% block title %}页面未找到 - {{ config.title }}{% endblock title %}
{% block content %}
<h1>页面未找到</h1>
<p><a href="/">返回首页</a></p>
{% endblock content %}
"""


def zola_page_template(term_pages=True):
    rows = []
    for label, zexpr, _ in FIELDS[:1]:
        rows.append("<tr><th>%s</th><td>{{ %s }}</td></tr>" % (label, zexpr))
    for tax, label in TAXOS:
        if not term_pages:
            rows.append("<tr><th>%s</th><td>{{ page.taxonomies.%s[0] }}</td></tr>" % (label, tax))
            continue
        rows.append(
            "<tr><th>%s</th><td>{%% for t in page.taxonomies.%s %%}"
            "<a href=\"{{ get_taxonomy_url(kind='%s', name=t) | safe }}\">{{ t }}</a>{%% endfor %%}</td></tr>"
            % (label, tax, tax))
    for label, zexpr, _ in FIELDS[1:]:
        rows.append("<tr><th>%s</th><td>{{ %s }}</td></tr>" % (label, zexpr))
    return """{% extends "base.html" %}
{% block title %}{{ page.title }} - {{ config.title }}{% endblock title %}
{% block content %}
<nav class="breadcrumb"><a href="/">首页</a> &gt; <a href="/projects/">项目库</a> &gt; {{ page.title }}</nav>
<article class="record">
<h1>{{ page.title }}</h1>
<p class="meta">发布日期：{{ page.date | date(format="%Y-%m-%d") }}</p>
<p class="summary">{{ page.description }}</p>
<table class="fields">
""" + "\n".join(rows) + """
</table>
<div class="body">
{{ page.content | safe }}
</div>
<nav class="prevnext">
{% if page.higher %}<p>上一条：<a href="{{ page.higher.permalink | safe }}">{{ page.higher.title }}</a></p>{% endif %}
{% if page.lower %}<p>下一条：<a href="{{ page.lower.permalink | safe }}">{{ page.lower.title }}</a></p>{% endif %}
</nav>
</article>
{% endblock content %}
"""


ZOLA_ITEMS = """<ul class="record-list">
{% for p in paginator.pages %}
<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a> <span class="town">{{ p.taxonomies.township[0] }}</span> <span class="cat">{{ p.taxonomies.category[0] }}</span> <span class="fund">{{ p.extra.funding }}万元</span> <span class="status">{{ p.extra.status }}</span> <time>{{ p.date | date(format="%Y-%m-%d") }}</time></li>
{% endfor %}
</ul>
<nav class="pager">第{{ paginator.current_index }}/{{ paginator.number_pagers }}页，共{{ paginator.total_pages }}条
{% if paginator.previous %}<a href="{{ paginator.previous | safe }}">上一页</a>{% endif %}
{% if paginator.next %}<a href="{{ paginator.next | safe }}">下一页</a>{% endif %}
</nav>
"""

ZOLA_SECTION = """{% extends "base.html" %}
{% block title %}{{ section.title }} - {{ config.title }}{% endblock title %}
{% block content %}
<nav class="breadcrumb"><a href="/">首页</a> &gt; {{ section.title }}</nav>
<h1>{{ section.title }}</h1>
""" + ZOLA_ITEMS + """{% endblock content %}
"""

ZOLA_TAXO_SINGLE = """{% extends "base.html" %}
{% block title %}{{ term.name }} - {{ config.title }}{% endblock title %}
{% block content %}
<nav class="breadcrumb"><a href="/">首页</a> &gt; <a href="/{{ taxonomy.name }}/">{{ taxonomy.name }}</a> &gt; {{ term.name }}</nav>
<h1>{{ term.name }}</h1>
""" + ZOLA_ITEMS + """{% endblock content %}
"""

ZOLA_TAXO_LIST = """{% extends "base.html" %}
{% block title %}{{ taxonomy.name }} - {{ config.title }}{% endblock title %}
{% block content %}
<nav class="breadcrumb"><a href="/">首页</a> &gt; {{ taxonomy.name }}</nav>
<h1>{{ taxonomy.name }}</h1>
<ul class="term-list">
{% for t in terms %}
<li><a href="{{ t.permalink | safe }}">{{ t.name }}</a>（{{ t.page_count }}）</li>
{% endfor %}
</ul>
{% endblock content %}
"""

ZOLA_ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>{{ config.title }}{% if term %} - {{ term.name }}{% elif section.title %} - {{ section.title }}{% endif %}</title>
<link rel="self" type="application/atom+xml" href="{{ feed_url | safe }}"/>
<id>{{ feed_url | safe }}</id>
<updated>{{ last_updated | date(format="%Y-%m-%dT%H:%M:%S%:z") }}</updated>
<author><name>{{ config.extra.county }}乡村振兴局</name></author>
{% for page in pages %}
<entry>
<title>{{ page.title }}</title>
<link rel="alternate" type="text/html" href="{{ page.permalink | safe }}"/>
<id>{{ page.permalink | safe }}</id>
<published>{{ page.date | date(format="%Y-%m-%dT%H:%M:%S%:z") }}</published>
<updated>{{ page.date | date(format="%Y-%m-%dT%H:%M:%S%:z") }}</updated>
<summary>{{ page.description }}</summary>
<content type="html">{{ page.content }}</content>
</entry>
{% endfor %}
</feed>
"""


def zola_front_matter(r):
    extra = ["code", "village", "kind", "funding", "funding_source", "implementer", "status",
             "households", "beneficiaries", "start", "end", "contact", "phone"]
    lines = ["---",
             "title: " + yq(r["title"]),
             "date: " + r["date"],
             "description: " + yq(r["description"]),
             "taxonomies:",
             "  township: [" + yq(r["township"]) + "]",
             "  category: [" + yq(r["category"]) + "]",
             "  year: [" + yq(r["year"]) + "]",
             "extra:"]
    for k in extra:
        v = r[k]
        lines.append("  %s: %s" % (k, v if isinstance(v, (int, float)) else yq(v)))
    lines.append("---")
    return "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_zola(root, records, term_pages=True):
    write(os.path.join(root, "config.toml"), zola_config(term_pages))
    t = os.path.join(root, "templates")
    write(os.path.join(t, "base.html"), ZOLA_BASE)
    write(os.path.join(t, "index.html"), ZOLA_INDEX)
    write(os.path.join(t, "404.html"), ZOLA_404)
    write(os.path.join(t, "page.html"), zola_page_template(term_pages))
    write(os.path.join(t, "section.html"), ZOLA_SECTION)
    write(os.path.join(t, "taxonomy_single.html"), ZOLA_TAXO_SINGLE)
    write(os.path.join(t, "taxonomy_list.html"), ZOLA_TAXO_LIST)
    write(os.path.join(t, "atom.xml"), ZOLA_ATOM)
    write(os.path.join(root, "static", "site.css"), CSS)
    c = os.path.join(root, "content")
    write(os.path.join(c, "_index.md"), "+++\ntitle = \"%s\"\n+++\n" % SITE_TITLE)
    write(os.path.join(c, "projects", "_index.md"),
          "+++\ntitle = \"入库项目\"\nsort_by = \"date\"\npaginate_by = 20\n"
          "generate_feeds = true\n+++\n")
    d = os.path.join(c, "projects")
    for r in records:
        with open(os.path.join(d, r["slug"] + ".md"), "w", encoding="utf-8") as f:
            f.write(zola_front_matter(r))
            f.write("\n")
            f.write(r["body"])


# ---------------------------------------------------------------------------
# Hugo
# ---------------------------------------------------------------------------

HUGO_CONFIG = """baseURL: "%(base)s/"
languageCode: zh-CN
defaultContentLanguage: zh
title: "%(title)s"
hasCJKLanguage: true
paginate: 20
enableRobotsTXT: false
disableHugoGeneratorInject: true
enableGitInfo: false
enableEmoji: false
buildFuture: true
taxonomies:
  township: township
  category: category
  year: year
mediaTypes:
  application/atom+xml:
    suffixes: [xml]
outputFormats:
  Atom:
    mediaType: application/atom+xml
    baseName: atom
    rel: alternate
    isPlainText: true
outputs:
  home: [HTML, Atom]
  section: [HTML, Atom]
  taxonomy: [HTML]
  term: [HTML, Atom]
  page: [HTML]
markup:
  goldmark:
    extensions:
      typographer: false
      linkify: false
  highlight:
    codeFences: false
params:
  county: "%(county)s"
%(disable)s"""


def hugo_config(term_pages):
    disable = "" if term_pages else "disableKinds: [taxonomy, term]\n"
    return HUGO_CONFIG % {"base": BASE_URL, "title": SITE_TITLE, "county": COUNTY,
                          "disable": disable}

HUGO_BASEOF = HEAD_OPEN + """<title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>
<link rel="stylesheet" href="/site.css">
<link rel="alternate" type="application/atom+xml" title="{{ .Site.Title }}" href="{{ .Site.BaseURL }}atom.xml">
</head>
<body>
""" + NAV + """<main>
{{ block "main" . }}{{ end }}
</main>
""" + FOOTER + """</body>
</html>
"""

HUGO_INDEX = """{{ define "main" }}
""" + HOME_BODY + """{{ end }}
"""

HUGO_404 = """{{ define "title" }}页面未找到 - {{ .Site.Title }}{{ end }}
{{ define "main" }}
<h1>页面未找到</h1>
<p><a href="/">返回首页</a></p>
{{ end }}
"""


def hugo_single_template(term_pages=True):
    rows = []
    for label, _, hexpr in FIELDS[:1]:
        rows.append("<tr><th>%s</th><td>{{ %s }}</td></tr>" % (label, hexpr))
    for tax, label in TAXOS:
        if not term_pages:
            rows.append("<tr><th>%s</th><td>{{ index .Params.%s 0 }}</td></tr>" % (label, tax))
            continue
        rows.append(
            "<tr><th>%s</th><td>{{ range .GetTerms \"%s\" }}"
            "<a href=\"{{ .Permalink }}\">{{ .LinkTitle }}</a>{{ end }}</td></tr>"
            % (label, tax))
    for label, _, hexpr in FIELDS[1:]:
        rows.append("<tr><th>%s</th><td>{{ %s }}</td></tr>" % (label, hexpr))
    # Zola's page.higher is the next-newer page, page.lower the next-older one;
    # Hugo's .NextInSection is newer, .PrevInSection older (default date sort).
    return """{{ define "title" }}{{ .Title }} - {{ .Site.Title }}{{ end }}
{{ define "main" }}
<nav class="breadcrumb"><a href="/">首页</a> &gt; <a href="/projects/">项目库</a> &gt; {{ .Title }}</nav>
<article class="record">
<h1>{{ .Title }}</h1>
<p class="meta">发布日期：{{ .Date.Format "2006-01-02" }}</p>
<p class="summary">{{ .Description }}</p>
<table class="fields">
""" + "\n".join(rows) + """
</table>
<div class="body">
{{ .Content }}
</div>
<nav class="prevnext">
{{ with .NextInSection }}<p>上一条：<a href="{{ .Permalink }}">{{ .Title }}</a></p>{{ end }}
{{ with .PrevInSection }}<p>下一条：<a href="{{ .Permalink }}">{{ .Title }}</a></p>{{ end }}
</nav>
</article>
{{ end }}
"""


HUGO_LIST = """{{ define "title" }}{{ .Title }} - {{ .Site.Title }}{{ end }}
{{ define "main" }}
<nav class="breadcrumb"><a href="/">首页</a> &gt; {{ if eq .Kind "term" }}<a href="/{{ .Data.Plural }}/">{{ .Data.Plural }}</a> &gt; {{ end }}{{ .Title }}</nav>
<h1>{{ .Title }}</h1>
{{ $pag := .Paginate .Pages }}
<ul class="record-list">
{{ range $pag.Pages }}
<li><a href="{{ .Permalink }}">{{ .Title }}</a> <span class="town">{{ index .Params.township 0 }}</span> <span class="cat">{{ index .Params.category 0 }}</span> <span class="fund">{{ .Params.funding }}万元</span> <span class="status">{{ .Params.status }}</span> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}
</ul>
<nav class="pager">第{{ $pag.PageNumber }}/{{ $pag.TotalPages }}页，共{{ $pag.TotalNumberOfElements }}条
{{ if $pag.HasPrev }}<a href="{{ $pag.Prev.URL | absURL }}">上一页</a>{{ end }}
{{ if $pag.HasNext }}<a href="{{ $pag.Next.URL | absURL }}">下一页</a>{{ end }}
</nav>
{{ end }}
"""

HUGO_TERMS = """{{ define "title" }}{{ .Data.Plural }} - {{ .Site.Title }}{{ end }}
{{ define "main" }}
<nav class="breadcrumb"><a href="/">首页</a> &gt; {{ .Data.Plural }}</nav>
<h1>{{ .Data.Plural }}</h1>
<ul class="term-list">
{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.Permalink }}">{{ .Page.Title }}</a>（{{ .Count }}）</li>
{{ end }}
</ul>
{{ end }}
"""

# Plain-text output format: escaping is explicit, as in the Zola template
# (where Tera autoescapes .xml templates).
HUGO_ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>{{ .Site.Title | htmlEscape }}{{ if not .IsHome }} - {{ .Title | htmlEscape }}{{ end }}</title>
{{- $self := "" }}{{ with .OutputFormats.Get "atom" }}{{ $self = .Permalink }}{{ end }}
<link rel="self" type="application/atom+xml" href="{{ $self }}"/>
<id>{{ $self }}</id>
{{- $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{- $pages = first 20 $pages.ByDate.Reverse }}
<updated>{{ with index $pages 0 }}{{ .Date.Format "2006-01-02T15:04:05-07:00" }}{{ end }}</updated>
<author><name>{{ .Site.Params.county }}乡村振兴局</name></author>
{{ range $pages }}
<entry>
<title>{{ .Title | htmlEscape }}</title>
<link rel="alternate" type="text/html" href="{{ .Permalink }}"/>
<id>{{ .Permalink }}</id>
<published>{{ .Date.Format "2006-01-02T15:04:05-07:00" }}</published>
<updated>{{ .Date.Format "2006-01-02T15:04:05-07:00" }}</updated>
<summary>{{ .Description | htmlEscape }}</summary>
<content type="html">{{ .Content | htmlEscape }}</content>
</entry>
{{ end }}
</feed>
"""


def hugo_front_matter(r):
    params = ["code", "village", "kind", "funding", "funding_source", "implementer", "status",
              "households", "beneficiaries", "start", "end", "contact", "phone"]
    lines = ["---",
             "title: " + yq(r["title"]),
             "date: " + r["date"],
             "description: " + yq(r["description"]),
             "township: [" + yq(r["township"]) + "]",
             "category: [" + yq(r["category"]) + "]",
             "year: [" + yq(r["year"]) + "]"]
    for k in params:
        v = r[k]
        lines.append("%s: %s" % (k, v if isinstance(v, (int, float)) else yq(v)))
    lines.append("---")
    return "\n".join(lines) + "\n"


def write_hugo(root, records, term_pages=True):
    write(os.path.join(root, "config.yaml"), hugo_config(term_pages))
    lay = os.path.join(root, "layouts")
    write(os.path.join(lay, "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(lay, "index.html"), HUGO_INDEX)
    write(os.path.join(lay, "404.html"), HUGO_404)
    write(os.path.join(lay, "_default", "single.html"), hugo_single_template(term_pages))
    write(os.path.join(lay, "_default", "list.html"), HUGO_LIST)
    write(os.path.join(lay, "_default", "terms.html"), HUGO_TERMS)
    write(os.path.join(lay, "_default", "list.atom.xml"), HUGO_ATOM)
    write(os.path.join(root, "static", "site.css"), CSS)
    c = os.path.join(root, "content")
    write(os.path.join(c, "_index.md"), "---\ntitle: %s\n---\n" % yq(SITE_TITLE))
    write(os.path.join(c, "projects", "_index.md"), "---\ntitle: \"入库项目\"\n---\n")
    d = os.path.join(c, "projects")
    for r in records:
        with open(os.path.join(d, r["slug"] + ".md"), "w", encoding="utf-8") as f:
            f.write(hugo_front_matter(r))
            f.write("\n")
            f.write(r["body"])


# ---------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of project records (pages)")
    ap.add_argument("outdir", help="directory to write hugo/ and zola/ into")
    ap.add_argument("--engine", choices=["both", "hugo", "zola", "gongshi"], default="both")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--no-term-pages", action="store_true",
                    help="reduced workload: no taxonomy term/list pages and no term feeds "
                         "(detail pages print the term names as plain text)")
    a = ap.parse_args(argv)
    if a.engine == "gongshi":
        from gen_gongshi import main as gongshi_main
        return gongshi_main([str(a.n), a.outdir, "--seed", str(a.seed)])
    engines = ["hugo", "zola"] if a.engine == "both" else [a.engine]
    for e in engines:
        p = os.path.join(a.outdir, e)
        if os.path.exists(p):
            shutil.rmtree(p)
    records = (make_record(i, a.seed) for i in range(1, a.n + 1))
    if a.engine == "both":
        records = list(records)
    hugo_root = os.path.join(a.outdir, "hugo")
    zola_root = os.path.join(a.outdir, "zola")
    if "hugo" in engines:
        write_hugo(hugo_root, records, not a.no_term_pages)
    if "zola" in engines:
        if a.engine == "zola":
            records = (make_record(i, a.seed) for i in range(1, a.n + 1))
        write_zola(zola_root, records, not a.no_term_pages)
    body_chars = len(make_record(1, a.seed)["body"])
    print("wrote %d records for %s into %s (record 1 body: %d chars)"
          % (a.n, "+".join(engines), a.outdir, body_chars), file=sys.stderr)


if __name__ == "__main__":
    main()
