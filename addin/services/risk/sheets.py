"""The sheets of the risk report: 风险预警, 问题发现率 (with charts), 问题发现率趋势, 建议比例, 覆盖进度 (with a
chart) and 数据说明. All internal: they hold credit-risk classes and must never be published.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import pandas as pd

from addin.core.risk import suggest as suggest_rule
from addin.core.risk.alerts import HIGH, LEVELS, LOW, MEDIUM, RULES
from addin.core.risk.rates import COLUMNS, INSUFFICIENT
from addin.ports import FILL_ERROR, FILL_OK, FILL_WARNING, ChartOut, ReportSheet, SeriesOut, SheetOut
from addin.services.risk.analysis import RiskReport

INTERNAL = "内部资料：含信用风险分类，不得公示。"
ALERT_SHEET = "风险预警"
ALERT_COLUMNS = ("序号", "预警等级", "规则", "统一社会信用代码", "单位名称", "检查对象类别", "所属乡镇", "监管股室",
                 "信用风险分类", "原因", "建议措施", "规则代码")  # the code last: on screen, not printed
RATE_SHEET = "问题发现率"
RATE_COLUMNS = ("维度", "分组", "检查户次", "发现问题户次", "问题发现率", "95%区间下限", "95%区间上限", "区间下距", "区间上距",
                "说明")
TREND_SHEET = "问题发现率趋势"
SUGGEST_SHEET = "建议比例"
SUGGEST_COLUMNS = ("任务编号", "抽查任务名称", "检查对象类别", "信用风险分类", "在营对象数", "频次", "现行比例", "调整系数",
                   "建议比例", "现行预计户次", "建议预计户次", "依据")
COVERAGE_SHEET = "覆盖进度"
SOURCES_SHEET = "数据说明"
LEVEL_FILL = {HIGH: FILL_ERROR, MEDIUM: FILL_WARNING, LOW: FILL_OK}
PERCENT = "0.0%"


def alert_sheet(report: RiskReport) -> SheetOut:
    rows = [[n, a.level, a.rule, a.uscc, a.name, a.category, a.town, a.office, a.stratum, a.reason, a.action, a.code]
            for n, a in enumerate(report.alerts, start=1)]
    tally = Counter(a.level for a in report.alerts)
    rules = report.rules
    summary = (f"风险预警（截至 {report.today.isoformat()}）：共 {len(rows)} 条，"
               + "，".join(f"{level} {tally[level]} 条" for level in LEVELS) + "。" + INTERNAL)
    thresholds = (f"阈值（“设置”工作表可改）：许可到期预警天数 {rules.licence_days}；多次发现问题预警次数 {rules.repeat_problems}；"
                  f"高风险未检查预警天数 {rules.high_risk_days}；登记后未检查预警天数 {rules.never_days}；"
                  f"问题率上升预警（百分点） {rules.rise_points:g}；问题率最少检查户次 {rules.minimum}。")
    fills = {i: LEVEL_FILL[a.level] for i, a in enumerate(report.alerts)}
    return SheetOut(ALERT_SHEET, ALERT_COLUMNS, rows, preamble=[[summary], [thresholds]], row_fills=fills,
                    text_columns=(3,), widths=(5, 5, 12, 20, 18, 10, 8, 10, 5, 24, 22, 28),
                    print_columns=len(ALERT_COLUMNS) - 1)


def _rate_rows(table: pd.DataFrame, dimension: str, by: list[str], minimum: int) -> list[list[Any]]:
    rows = []
    for _, r in table.iterrows():
        group = " × ".join(str(r[c]) for c in by)
        note = "" if r["enough"] else f"{INSUFFICIENT}（少于 {minimum} 户次）"
        rows.append([dimension, group, int(r["n"]), int(r["problems"]), float(r["rate"]), float(r["low"]),
                     float(r["high"]), float(r["rate"] - r["low"]), float(r["high"] - r["rate"]), note])
    return rows


def rate_sheet(report: RiskReport) -> ReportSheet:
    minimum = report.rules.minimum
    o = report.overall
    rows: list[list[Any]] = [["总体", "全部", o.n, o.problems, o.rate or 0.0, o.low, o.high, (o.rate or 0.0) - o.low,
                              o.high - (o.rate or 0.0), "" if o.enough else INSUFFICIENT]]
    blocks: dict[str, tuple[int, int]] = {}
    for name, dimension, by in (("class", "信用风险分类", ["stratum"]), ("category", "检查对象类别", ["category"]),
                                ("cell", "类别 × 信用风险分类", ["category", "stratum"]), ("town", "所属乡镇", ["town"]),
                                ("office", "监管股室", ["office"])):
        block = _rate_rows(report.tables[name], dimension, by, minimum)
        if block:
            blocks[name] = (len(rows), len(rows) + len(block) - 1)
        rows += block
    note = (f"问题发现率 = 发现问题户次 / 检查户次（只计有结论的检查：注销、停业、无经营活动等不计入）；95% 区间为 Wilson 区间："
            f"真实发现率很可能在此范围内，检查户次越少区间越宽；少于 {minimum} 户次标为“{INSUFFICIENT}”，不用于预警和建议。"
            f"信用风险分类和类别取检查当时的（往年检查结果中的列或往年工作簿的名录库），没有时取本年度名录库。"
            f"图表（按分类、按类别，误差线为 95% 区间）在表格下方。{INTERNAL}")
    charts = []
    for name, title in (("class", "各信用风险分类的问题发现率（95% 区间）"),
                        ("category", "各检查对象类别的问题发现率（95% 区间）")):
        if name in blocks:
            first, last = blocks[name]
            top = max(float(r[6]) for r in rows[first:last + 1])
            charts.append(ChartOut("column", title, (SeriesOut("问题发现率", first, last, 1, 4, plus=8, minus=7),),
                                   x_title=COLUMNS["stratum" if name == "class" else "category"],
                                   y_title="问题发现率", maximum=min(1.0, math.ceil(top * 10) / 10 or 0.1)))
    sheet = SheetOut(RATE_SHEET, RATE_COLUMNS, rows, preamble=[[note]], widths=(20, 26, 9, 9, 10, 10, 10, 9, 9, 26))
    return ReportSheet(sheet, {4: PERCENT, 5: PERCENT, 6: PERCENT, 7: PERCENT, 8: PERCENT}, tuple(charts))


def trend_sheet(report: RiskReport) -> ReportSheet:
    table = report.tables["trend"]
    rows = [[r["category"], int(r["year"]), int(r["n"]), int(r["problems"]), float(r["rate"]), float(r["low"]),
             float(r["high"]), "" if r["enough"] else INSUFFICIENT] for _, r in table.iterrows() if pd.notna(r["year"])]
    note = "各检查对象类别逐年的问题发现率（风险预警“类别问题发现率明显上升”据此判断）。" + INTERNAL
    sheet = SheetOut(TREND_SHEET, ("检查对象类别", "年度", "检查户次", "发现问题户次", "问题发现率", "95%区间下限", "95%区间上限",
                                   "说明"), rows, preamble=[[note]], widths=(18, 8, 9, 9, 10, 10, 10, 14))
    return ReportSheet(sheet, {4: PERCENT, 5: PERCENT, 6: PERCENT})


def suggest_sheet(report: RiskReport) -> ReportSheet:
    advice = report.suggestions
    rows = [[s.task, s.task_name, s.category, s.stratum, s.targets, s.frequency, s.current, round(s.factor, 2),
             s.suggested, s.current_count, s.suggested_count, s.reason] for s in advice]
    now, then = sum(s.current_count for s in advice), sum(s.suggested_count for s in advice)
    preamble = [
        [f"下一年度抽查比例建议（依据截至 {report.today.isoformat()} 的检查结果）：现行计划全年预计抽查 {now} 户次，"
         f"按建议 {then} 户次（工作量基本不变，向问题多的类别和信用风险分类倾斜）。{INTERNAL}"],
        [f"规则：{suggest_rule.RULE}"],
        ["使用：把 A、B、C、D 类的“建议比例”填入下一年度计划的“A类比例”…“D类比例”，未分类的填入“抽查比例”。"
         "建议只是参考：它不知道新的监管重点、上级要求、执法力量和当年的专项工作，公布的计划比例由计划制定者决定。"
         "现行与建议比例的对比图在表格下方。"],
    ]
    sheet = SheetOut(SUGGEST_SHEET, SUGGEST_COLUMNS, rows, preamble=preamble,
                     widths=(9, 18, 12, 6, 7, 5, 7, 7, 7, 8, 8, 44))
    charts: tuple[ChartOut, ...] = ()
    if rows:
        charts = (ChartOut("column", "现行与建议的抽查比例", (
            SeriesOut("现行比例", 0, len(rows) - 1, 3, 6), SeriesOut("建议比例", 0, len(rows) - 1, 3, 8)),
            x_title="信用风险分类（按任务顺序）", y_title="抽查比例", size=(900, 360)),)
    return ReportSheet(sheet, {6: "0%", 8: "0%"}, charts)


def coverage_sheet(report: RiskReport) -> ReportSheet:
    cov = report.coverage
    rows = [[f"{report.inputs.post.year}年{m}月", *shares] for m, shares in enumerate(cov.shares, start=1)]
    header = ("月份", *cov.offices)
    note = ("本年度累计已检查的在营对象占在营对象的比例（按监管股室；一户检查多次只算一次）：" + "；".join(
        f"{o} {n} 户" for o, n in zip(cov.offices, cov.supervised, strict=True)) + "。折线图在表格下方。")
    series = tuple(SeriesOut(o, 0, len(rows) - 1, 0, i) for i, o in enumerate(cov.offices, start=1))
    chart = ChartOut("line", "本年度累计覆盖率（按监管股室）", series, x_title="月份", y_title="累计覆盖率")
    sheet = SheetOut(COVERAGE_SHEET, header, rows, preamble=[[note]], widths=(12, *(14,) * len(cov.offices)),
                     autofilter=False)
    return ReportSheet(sheet, dict.fromkeys(range(1, len(header)), PERCENT), (chart,) if rows else ())


def sources_sheet(report: RiskReport) -> SheetOut:
    rows: list[list[Any]] = [[c.source, c.used, c.skipped] for c in report.inputs.counts]
    years = sorted({i.year for i in report.inputs.inspections if i.year is not None})
    note = (f"读取的检查结果：共 {len(report.inputs.inspections)} 户次（同一对象、任务、检查日期只算一次），"
            f"年度 {'、'.join(map(str, years)) or '无'}。跳过的行：与本年度抽取不一致的检查结果（见 ssj deadlines 的“结果核对”），"
            "或往年检查结果中必填列有错误的行（见 ssj validate）。")
    rules = "；".join(f"{code}：{title}" for code, title in RULES.items())
    return SheetOut(SOURCES_SHEET, ("来源", "采用行数", "跳过行数"), rows, preamble=[[note], [f"预警规则：{rules}。"]],
                    widths=(40, 10, 10), autofilter=False)


def report_sheets(report: RiskReport) -> list[ReportSheet]:
    return [ReportSheet(alert_sheet(report)), rate_sheet(report), trend_sheet(report), suggest_sheet(report),
            coverage_sheet(report), ReportSheet(sources_sheet(report))]
