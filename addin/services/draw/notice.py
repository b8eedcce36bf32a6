"""Use case ``ssj publish-draw``: the public record of a batch (抽取公示) as a workbook and a CSV.

Before the draw it is the pre-draw notice (plan, input digests, randomness designation); after it, also the
randomness values, the seed, per-task counts, the selected targets' names and codes, the teams as ``--team``
allows, the log head to publish and how to verify (:mod:`addin.core.draw_notice`). Public fields only: no
信用风险分类, 身份证号 or phone number reaches these files. The evidence folder must verify first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from addin.adapters.csv_out import write_csv
from addin.core.arrangement import visits
from addin.core.draw_notice import (
    LIST_COLUMNS,
    STRATA_COLUMNS,
    TASK_COLUMNS,
    TEAM_MODES,
    PublicRecord,
    public_record,
)
from addin.core.errors import AddinError
from addin.ports import SheetOut
from addin.services.draw.book import evidence_folder, evidence_root, open_book, read_source
from addin.services.draw.draw import subtasks_for
from addin.services.draw.evidence import draw_folder, read_inputs, read_log, verify_folder
from addin.services.report_book import write_workbook

FACTS_SHEET, TASKS_SHEET, LIST_SHEET, STRATA_SHEET = "抽取公示", "抽查任务", "抽中名单", "分类抽取情况"


@dataclass(frozen=True, slots=True)
class PublishedDraw:
    plan_id: str
    out: Path
    csv: Path
    record: PublicRecord
    drawn: bool


def publish_draw(book_path: Path, evidence: Path | None, out: Path, *, today: dt.date, csv: Path | None = None,
                 team: str = "names") -> PublishedDraw:
    if out.suffix.lower() != ".xlsx":
        raise AddinError("cli.bad-output", f"--out 须是 .xlsx 文件（CSV 另用 --csv 指定）：{out.name}")
    if team not in TEAM_MODES:
        raise AddinError("publish.bad-team", f"--team 应为 {'/'.join(TEAM_MODES)} 之一，实为 {team!r}")
    book = open_book(book_path)
    evidence = evidence_folder(evidence_root(book_path), book, evidence, "any")
    found = verify_folder(evidence)
    if found.difference is not None:
        raise AddinError("draw.evidence-broken", f"抽取材料 {evidence} 未通过校验，不能公示：{found.difference}",
                         {"path": str(evidence)})
    inputs = read_inputs(evidence)
    log = read_log(evidence)
    kinds = [e["type"] for e in log]
    read = read_source(book, today)
    result = draw_folder(evidence) if "result" in kinds else None
    amendments = [e["body"] for e in log if e["type"] == "amend"]
    shown = [] if result is None else visits(result, amendments, subtasks_for(read, inputs), read.inspectors,
                                              read.source.tasks)
    record = public_record(log, result, shown, read.source.tasks, read.items, read.targets, read.unit_name, team)
    sheets = [
        SheetOut(FACTS_SHEET, ("项目", "内容"), [list(f) for f in record.facts], widths=(22, 90), autofilter=False,
                 borders=True),
        SheetOut(TASKS_SHEET, TASK_COLUMNS, [list(r) for r in record.tasks],
                 widths=(11, 8, 16, 6, 10, 10, 20, 12, 12, 12, 6, 6), text_columns=(1,), borders=True),
        SheetOut(LIST_SHEET, LIST_COLUMNS, [list(r) for r in record.selected],
                 widths=(11, 8, 14, 21, 18, 8, 10, 8, 22), text_columns=(1, 3, 7), borders=True),
        SheetOut(STRATA_SHEET, STRATA_COLUMNS, [list(r) for r in record.strata],
                 preamble=[["每个任务各风险类别的名录户数、比例、抽取户数和截止排序键（只有汇总数，不列对象的类别）："
                            "排序键不大于截止键的对象即被抽中，知道自己类别的单位可以自行核对。"]],
                 widths=(26, 10, 10, 10, 10, 10, 66), text_columns=(1,)),
    ]
    target = write_workbook(sheets, out, inputs=(book_path,))
    csv_path = write_csv(csv or out.with_suffix(".csv"), LIST_COLUMNS, record.selected, inputs=(book_path,))
    return PublishedDraw(inputs.plan.plan_id, target, csv_path, record, result is not None)
