"""Publication (公示): the results list with public fields only, and the year's plan as seed 003's annexes.

The 公示 list carries exactly 单位名称, 统一社会信用代码, 抽查任务, 抽查事项, 检查日期, 检查结果, 检查机关
(domain.md) — never 身份证号, phone numbers, 信用风险分类, 问题描述 or other internal notes.

The plan is published in the form of seed 003: 附件1 (部门联合, tasks with 配合部门) and 附件2 (内部),
with their columns and wording: 抽查对象范围 "全县游泳场（馆）", 抽查比例及频次 "100%", 抽查起止时间
"5月-12月". Publishing records the plan's fingerprint (:func:`plan_fingerprint`, SHA-256 of the canonical
JSON of the published rows), so that a plan changed afterwards is noticed (``plan.changed-since-published``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from addin.core.results import ResultRecord, TaskInfo

PUBLIC_COLUMNS = ("单位名称", "统一社会信用代码", "抽查任务", "抽查事项", "检查日期", "检查结果", "检查机关")
JOINT_COLUMNS = ("抽查任务名称", "抽查事项", "抽查对象范围", "抽查比例及频次", "智慧监管（信用风险分类）要求",
                 "抽查起止时间", "发起部门", "配合部门")
INTERNAL_COLUMNS = ("抽查任务名称", "抽查类型", "抽查事项", "抽查对象范围", "抽查比例及频次",
                    "智慧监管（信用风险分类）要求", "抽查起止时间", "发起主体/指导单位", "抽查检查主体")
RECORD_SHEET = "公示记录"
RECORD_COLUMNS = ("公示日期", "公示内容", "条数", "指纹(SHA-256)", "说明")
PLAN_CONTENT = "年度抽查工作计划"
RESULTS_CONTENT = "抽查结果"


def public_rows(
    results: Iterable[ResultRecord],
    tasks: Iterable[TaskInfo],
    names: Mapping[str, str],
    item_names: Mapping[str, str],
    unit: str = "",
) -> list[list[object]]:
    """One 公示 row per accepted result, in the public fields' order. 检查机关 is the department that entered the
    result (谁检查、谁录入、谁公开: in a joint task each department publishes its own result), else the task's
    departments, else the unit."""
    by_task = {t.task_id: t for t in tasks}
    rows: list[list[object]] = []
    for rec in results:
        task = by_task.get(rec.task_id)
        items = "；".join(item_names.get(code, code) for code in task.items) if task else ""
        authority = rec.dept or ("、".join(task.departments) if task and task.departments else unit)
        rows.append([names.get(rec.uscc, ""), rec.uscc, task.name if task else rec.task_id, items,
                     rec.inspected_on, "、".join(rec.outcomes), authority])
    return rows


def ratio_text(value: float) -> str:
    """0.3 → "30%", 1 → "100%", 0.035 → "3.5%" (as the plan tables write it)."""
    text = f"{value * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def area_word(unit: str) -> str:
    """全县 / 全市 / 全区 / 全旗, after the first level word in the unit's name (default 全县)."""
    found = [(unit.find(ch), ch) for ch in "县市区旗" if ch in unit]
    return "全" + (min(found)[1] if found else "县")


def scope_text(task: TaskInfo, unit: str) -> str:
    """抽查对象范围: "全县游泳场（馆）", or the towns drawn from: "城关镇、南关乡游泳场（馆）"."""
    where = "、".join(task.towns) if task.towns else area_word(unit)
    return f"{where}{task.category}"


def ratio_and_frequency(task: TaskInfo) -> str:
    parts = []
    if task.ratio is not None:
        parts.append(ratio_text(task.ratio))
    if task.class_ratios:
        parts.append("、".join(f"{cls}类{ratio_text(r)}" for cls, r in task.class_ratios))
    text = "；".join(parts)
    return f"{text}，每年{task.frequency}次" if task.frequency > 1 else text


def window_text(start: dt.date | None, end: dt.date | None) -> str:
    """抽查起止时间 as the plan tables write it: "5月-12月" (a year only when the window crosses one)."""
    if start is None or end is None:
        return ""
    if start.year != end.year:
        return f"{start.year}年{start.month}月-{end.year}年{end.month}月"
    if start.month == end.month:
        return f"{start.month}月"
    return f"{start.month}月-{end.month}月"


def plan_annexes(
    tasks: Sequence[TaskInfo], item_names: Mapping[str, str], unit: str
) -> tuple[list[list[object]], list[list[object]]]:
    """(附件1 rows: joint tasks, 附件2 rows: internal tasks), in plan order."""
    joint: list[list[object]] = []
    internal: list[list[object]] = []
    for task in tasks:
        items = "；".join(item_names.get(code, code) for code in task.items)
        scope, ratio, window = scope_text(task, unit), ratio_and_frequency(task), window_text(task.start, task.end)
        if task.is_joint:
            joint.append([task.name, items, scope, ratio, task.risk_text, window, task.lead_dept,
                          "、".join(task.partner_depts)])
        else:
            internal.append([task.name, task.kind, items, scope, ratio, task.risk_text, window, task.lead_dept,
                             task.lead_dept])
    return joint, internal


def annex_titles(unit: str, year: int) -> tuple[str, str]:
    return (f"{unit}{year}年度部门联合双随机抽查工作计划", f"{unit}{year}年度内部双随机抽查工作计划")


def plan_fingerprint(tasks: Sequence[TaskInfo]) -> str:
    """SHA-256 (hex) of the plan's content, independent of row order: what 公示记录 records."""
    body = [
        {"任务编号": t.task_id, "抽查任务名称": t.name, "抽查类型": t.kind, "抽查事项": list(t.items),
         "检查对象类别": t.category, "所属乡镇": list(t.towns), "抽查比例": t.ratio,
         "分类比例": [list(p) for p in t.class_ratios], "频次": t.frequency,
         "开始日期": t.start.isoformat() if t.start else None, "结束日期": t.end.isoformat() if t.end else None,
         "发起部门": t.lead_dept, "配合部门": list(t.partner_depts), "信用风险分类要求": t.risk_text}
        for t in sorted(tasks, key=lambda t: t.task_id)
    ]
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PublicationRecord:
    """One row of a 公示记录 sheet."""

    day: dt.date | None
    content: str
    count: int
    fingerprint: str
    note: str = ""

    def cells(self) -> list[object]:
        return [self.day, self.content, self.count, self.fingerprint, self.note]


def last_plan_record(records: Iterable[PublicationRecord]) -> PublicationRecord | None:
    """The latest plan publication (by date, then by position: a later row wins on the same day)."""
    best: PublicationRecord | None = None
    for rec in records:
        if rec.content != PLAN_CONTENT or not rec.fingerprint:
            continue
        if best is None or (rec.day or dt.date.min) >= (best.day or dt.date.min):
            best = rec
    return best
