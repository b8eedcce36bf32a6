"""Use case ``ssj publish-draw``: the public record of a batch (抽取公示) as a workbook and a CSV, and the
internal audit record of its per-class detail.

Before the draw it is the pre-draw notice (plan, input digests, randomness designation); after it, also the
randomness values, the seed, per-task counts, the selected targets' names and codes, the teams as ``--team``
allows, the log head to publish and how to verify (:mod:`addin.core.draw_notice`). Public fields only: no
信用风险分类, 身份证号 or phone number, and nothing per class, reaches these files. The per-class N, rate, n and
cutoff key (分类抽取情况) and the 抽取结果 with classes and rank keys go to an **internal** workbook kept with the
evidence — ``抽取证据/<批次>-分类抽取情况（内部）.xlsx``, beside the batch's folder (numbered, never overwritten)
— for 纪检监察, notaries and auditors. The evidence folder must verify first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.adapters.csv_out import write_csv
from addin.adapters.files import free_path
from addin.core.arrangement import draw_result_rows, visits
from addin.core.draw_notice import (
    AUDIT_COLUMNS,
    LIST_COLUMNS,
    TASK_COLUMNS,
    TEAM_MODES,
    PublicRecord,
    audit_rows,
    public_record,
)
from addin.core.errors import AddinError
from addin.core.personal import refuse_id_numbers
from addin.ports import SheetOut
from addin.services.draw.book import (
    BookSource,
    evidence_folder,
    evidence_root,
    open_book,
    read_source,
    result_sheet,
)
from addin.services.draw.draw import subtasks_for
from addin.services.draw.evidence import draw_folder, read_inputs, read_log, verify_folder
from addin.services.report_book import write_workbook

FACTS_SHEET, TASKS_SHEET, LIST_SHEET, AUDIT_SHEET = "抽取公示", "抽查任务", "抽中名单", "分类抽取情况"
AUDIT_NOTE = ("内部资料，不得公开：信用风险分类结果仅供内部使用（国市监信发〔2022〕6号）。本表供纪检监察、公证和审计部门"
              "核查：每个任务各风险类别的名录户数、抽查比例、抽取户数和截止排序键；排序键不大于截止键的对象即被抽中。"
              "被抽查单位申请时，可告知其本单位的风险类别和该类别的截止排序键，由其用公示的随机种子自行核对。")


@dataclass(frozen=True, slots=True)
class PublishedDraw:
    plan_id: str
    out: Path
    csv: Path
    record: PublicRecord
    drawn: bool
    audit: Path | None = None  # the internal per-class record (None before the draw)


def audit_path(evidence: Path) -> Path:
    """``抽取证据/<批次>-分类抽取情况（内部）.xlsx`` beside the batch's evidence folder, never over an earlier one."""
    return free_path(evidence.with_name(f"{evidence.name}-{AUDIT_SHEET}（内部）.xlsx"))


def write_audit(result: dict[str, Any], amendments: list[dict[str, Any]], read: BookSource, inputs_subtasks: Any,
                target: Path, keep: tuple[Path, ...]) -> Path:
    """The internal audit workbook: 分类抽取情况 and 抽取结果 (classes and rank keys)."""
    rows = draw_result_rows(result, amendments, inputs_subtasks, read.tasks, read.targets)
    sheets = [SheetOut(AUDIT_SHEET, AUDIT_COLUMNS, [list(r) for r in audit_rows(result)], preamble=[[AUDIT_NOTE]],
                       widths=(12, 10, 8, 8, 8, 8, 66), text_columns=(1, 6), borders=True),
              result_sheet(rows)]
    return write_workbook(sheets, target, inputs=keep)


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
                 widths=(11, 8, 14, 6, 10, 10, 18, 12, 12, 12, 6, 6, 8), text_columns=(1, 12), borders=True),
        SheetOut(LIST_SHEET, LIST_COLUMNS, [list(r) for r in record.selected],
                 widths=(11, 8, 14, 21, 18, 8, 10, 8, 22), text_columns=(1, 3, 7), borders=True),
    ]
    refuse_id_numbers([(s.name, [*s.preamble, *s.rows]) for s in sheets], today)
    target = write_workbook(sheets, out, inputs=(book_path,))
    csv_path = write_csv(csv or out.with_suffix(".csv"), LIST_COLUMNS, record.selected, inputs=(book_path,))
    audit = None if result is None else write_audit(result, amendments, read, subtasks_for(read, inputs),
                                                    audit_path(evidence), (book_path, target, csv_path))
    return PublishedDraw(inputs.plan.plan_id, target, csv_path, record, result is not None, audit)
