"""Demo data (演示数据): inspection results for part of the drawn visits, so that the demo can show the ledger,
the deadlines, publication, statistics and the monthly report. In a joint task each department on the team
records its own result, signed by its own inspectors.

Deterministic (a SHA-256 of each visit picks its fate, no clock, no ``random``) and clearly marked: every row
has 录入人 = 演示数据. Written into the 检查结果 sheet of the demo's *own output copy* of the workbook — never
into a user's workbook.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core.results import DrawnVisit, TaskInfo
from addin.core.validation.records import read_sheet
from addin.schemas import load_schemas
from addin.services.demo_followup import add_tests, entrusted_tasks, referral_rows
from addin.services.post_book import load

MARK = "演示数据"
CHANNEL = "国家企业信用信息公示系统"


def _fate(visit: DrawnVisit, task_id: str) -> int:
    return int(hashlib.sha256(f"demo/{visit.batch}/{visit.uscc}/{task_id}".encode()).hexdigest()[:8], 16)


def demo_rows(visits: Sequence[DrawnVisit], tasks: Sequence[TaskInfo], today: dt.date,
              share: float = 0.6, drawn_on: Mapping[str, dt.date] | None = None) -> list[dict[str, object]]:
    """检查结果 rows (header → value) for about ``share`` of the (visit, task) pairs whose window has begun.

    An inspection is dated after its batch was drawn (``drawn_on``: batch → draw date) and within the task's
    window.
    """
    by_id = {t.task_id: t for t in tasks}
    drawn_on = drawn_on or {}
    rows: list[dict[str, object]] = []
    for visit in visits:
        for task_id in visit.task_ids:
            task = by_id.get(task_id)
            if task is None or task.start is None or not visit.licence_nos:
                continue
            drawn = drawn_on.get(visit.batch)
            first = max(task.start, drawn + dt.timedelta(days=1)) if drawn else task.start
            end = min(task.end or today, today)
            fate = _fate(visit, task_id)
            if first > end or fate % 100 >= share * 100:
                continue
            day = first + dt.timedelta(days=fate // 100 % ((end - first).days + 1))
            row: dict[str, object] = {
                "任务编号": task_id, "统一社会信用代码": visit.uscc, "检查日期": day,
                "检查人员": "、".join(_own(visit, task.lead_dept)), "检查方式": "实地检查", "检查结果": "未发现问题",
                "后续处置": "无需后续处置", "录入部门": task.lead_dept, "录入人": MARK, "录入日期": day,
            }
            kind = fate // 7 % 10
            if kind in (0, 1):
                row |= {"检查结果": "发现问题已责令改正", "后续处置": "责令改正",
                        "问题描述": f"{MARK}：卫生管理制度不健全", "整改期限": day + dt.timedelta(days=15)}
                if kind == 0:
                    row["整改完成日期"] = day + dt.timedelta(days=10)
            elif kind == 2:
                row |= {"检查结果": "发现问题待后续处理", "后续处置": "移送办案机构立案", "问题描述": f"{MARK}：无证经营"}
            if fate // 13 % 4 != 0:  # three in four already published, ten days later
                published = day + dt.timedelta(days=10)
                if published <= today:
                    row |= {"公示日期": published, "公示渠道": CHANNEL}
            rows.append(row)
            # a joint task: each cooperating department on the team records its own result (谁检查、谁录入)
            for dept in task.partner_depts:
                own = _own(visit, dept, strict=True)
                if own:
                    rows.append({k: v for k, v in row.items() if k not in ("问题描述", "整改期限", "整改完成日期")}
                                | {"检查人员": "、".join(own), "录入部门": dept, "检查结果": "未发现问题",
                                   "后续处置": "无需后续处置"})
    return rows


def _own(visit: DrawnVisit, dept: str, strict: bool = False) -> tuple[str, ...]:
    """The team members who represent ``dept`` on the visit (all of them when the team's departments are not
    recorded and ``strict`` is off)."""
    own = tuple(no for no in visit.licence_nos if visit.represents(no) == dept)
    return own if own or strict else visit.licence_nos


def _append(editor: OpenpyxlBook, kind: str, rows: Sequence[Mapping[str, object]]) -> None:
    """Append ``rows`` (header → value) below the last row of the input sheet ``kind`` (created when missing)."""
    schema = load_schemas()[kind]
    if schema.sheet not in editor.wb.sheetnames:
        editor.wb.create_sheet(schema.sheet).append([f.name for f in schema.fields])
    ws = editor.wb[schema.sheet]
    header = [str(c.value).rstrip("*").strip() if c.value is not None else "" for c in ws[1]]
    start = ws.max_row + 1
    while start > 2 and all(c.value is None for c in ws[start - 1]):
        start -= 1
    for offset, row in enumerate(rows):
        for col, name in enumerate(header, start=1):
            if name in row:
                ws.cell(start + offset, col, row[name]).number_format = (
                    "yyyy-mm-dd" if isinstance(row[name], dt.date) else "@")


def _item_methods(editor: OpenpyxlBook, today: dt.date) -> dict[str, list[str]]:
    schema = load_schemas()["items"]
    if schema.sheet not in editor.sheet_names():
        return {}
    read = read_sheet(editor.read_table(schema.sheet), schema, today=today)
    return {str(r.get("事项编码")): list(r.get("检查方式") or ()) for r in read.records if r.get("事项编码")}


def write_demo_results(book: Path, target: Path, today: dt.date, share: float = 0.6) -> DemoResults:
    """Copy ``book`` to ``target`` with demo results appended to its 检查结果 sheet (some with a laboratory report,
    :mod:`addin.services.demo_followup`) and their referrals to 移送记录."""
    editor = OpenpyxlBook.edit(book)
    inputs = load(editor, today)
    rows = demo_rows(inputs.draws.valid_visits(), inputs.tasks, today, share, inputs.draws.batch_dates)
    entrusted = entrusted_tasks({t.task_id: t.items for t in inputs.tasks}, _item_methods(editor, today))
    tested = add_tests(rows, entrusted, today)
    referrals = referral_rows(rows, today)
    _append(editor, "results", rows)
    _append(editor, "referrals", referrals)
    editor.save_as(target)
    return DemoResults(len(rows), tested, len(referrals))


@dataclass(frozen=True, slots=True)
class DemoResults:
    results: int
    tested: int  # with a laboratory report (委托检测)
    referrals: int  # 移送记录 rows
