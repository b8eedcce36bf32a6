"""Use case ``ssj plan-doc``: the 抽查工作方案 of a batch as a Word document (内部版, or 公开版 with ``--public``).

The batch is one of the workbook's 抽取记录 (``--batch``: its full name ``示例县卫生健康局-2024年第1批``, or
``第1批`` / ``1``; default the latest). What the freeze fixed comes from the batch's evidence folder
(``<workbook folder>/抽取证据/<批次>/``, or ``--evidence``), which must verify first (``ssj verify``): the tasks
and their rates, the randomness sources named before the draw, the freeze hash; once drawn, also the randomness
values, the seed, the result's counts and the teams (after amendments). The tasks' names, items, windows and the
设置 values come from the workbook. A voided batch gets no 方案.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.adapters.plan_docx import write_plan_doc
from addin.core import output_sheets as out
from addin.core.arrangement import visits
from addin.core.draw import DrawInputs, entry_hash
from addin.core.draw.allocation import allocate
from addin.core.draw.ranking import in_scope
from addin.core.errors import AddinError
from addin.core.freeze.history import BatchRecord
from addin.core.freeze.plan_json import frozen_task_numbers, percent, task_number
from addin.core.plan_doc import BatchFacts, DocSettings, PlanDocument, TaskCount, Team, build_plan_doc
from addin.ports import WorkbookPort
from addin.services.draw.book import BookSource, evidence_root, folder_name, read_batches, read_source
from addin.services.draw.draw import subtasks_for
from addin.services.draw.evidence import draw_folder, read_inputs, read_log, verify_folder
from addin.services.post_book import copies


@dataclass(frozen=True, slots=True)
class PlanDoc:
    plan_id: str
    document: PlanDocument
    path: Path | None = None


def choose_batch(batches: Sequence[BatchRecord], wanted: str | None) -> BatchRecord:
    """The batch named ``wanted`` (its full name, ``第n批`` or ``n``), or the latest one when None."""
    if not batches:
        raise AddinError("draw.no-batch", "工作簿的抽取记录中还没有任何批次：请先冻结名录（ssj freeze 或“冻结名录”按钮）。")
    if wanted is None or not wanted.strip():
        return batches[-1]
    text = wanted.strip()
    number = re.fullmatch(r"(?:第\s*)?(\d+)(?:\s*批)?", text)
    for batch in reversed(batches):
        if batch.plan_id == text or (number and re.search(rf"第{int(number.group(1))}批$", batch.plan_id)):
            return batch
    names = "、".join(b.plan_id for b in batches)
    raise AddinError("plan-doc.no-such-batch", f"抽取记录中没有批次“{text}”。现有批次：{names}。"
                     "请用 --batch 写批次全称，或“第n批”。", {"batch": text})


def _frozen_at(book: WorkbookPort, plan_id: str) -> str:
    for sheet in copies(book, out.LOG):
        for _number, row in book.read_table(sheet).records():
            if str(row.get("批次") or "").strip() == plan_id and str(row.get("类型") or "").strip() == "freeze":
                value = row.get("时间")
                text = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else str(value or "")
                return text[:16].replace("T", " ")
    return ""


def planned_counts(inputs: DrawInputs) -> dict[str, TaskCount]:
    """Before the draw: per 任务编号, 名录户数 in the task's scope and the sizes the rates give (spec §4.2)."""
    found: dict[str, TaskCount] = {}
    for task in inputs.plan.tasks:
        number = task_number(task.task_id)
        if number in found:
            continue  # the draw tasks of one 抽查任务 share their selection
        scope = [t for t in inputs.pool if in_scope(task, t)]
        sizes = allocate(task.task_id, task.alloc, Counter(t.stratum for t in scope))
        found[number] = TaskCount(len(scope), sum(s.n for s in sizes),
                                          tuple((s.stratum, s.N, percent(s.rate), s.n) for s in sizes))
    return found


def drawn_counts(result: Mapping[str, Any]) -> dict[str, TaskCount]:
    found: dict[str, TaskCount] = {}
    for task in result["tasks"]:
        number = task_number(task["task_id"])
        if number not in found:
            strata = tuple((s["stratum"], s["N"], percent(s["rate"]), s["n"]) for s in task["strata"])
            found[number] = TaskCount(task["pool_size"], sum(s["n"] for s in task["strata"]), strata)
    return found


def _teams(read: BookSource, inputs: DrawInputs, result: Mapping[str, Any],
           log: Sequence[Mapping[str, Any]]) -> tuple[Team, ...]:
    amendments = [e["body"] for e in log if e["type"] == "amend"]
    shown = visits(result, amendments, subtasks_for(read, inputs), read.inspectors, read.source.tasks)
    targets = read.targets
    groups: dict[str, list[Any]] = {}
    for visit in shown:
        groups.setdefault(visit.group, []).append(visit)
    return tuple(Team(group, found[0].team,
                      tuple((v.uscc, targets[v.uscc].name if v.uscc in targets else "", "、".join(v.task_numbers))
                            for v in found))
                 for group, found in groups.items())


def batch_facts(book: WorkbookPort, root: Path, *, batch: str | None, evidence: Path | None,
                today: dt.date) -> tuple[BatchFacts, DocSettings]:
    """What the 方案 of ``batch`` says, from the workbook (``book``) and the batch's evidence folder (``evidence``,
    else ``root/<批次>``, where ``root`` is :func:`~addin.services.draw.book.evidence_root` of the workbook)."""
    record = choose_batch(read_batches(book), batch)
    if record.voided:
        raise AddinError("plan-doc.voided", f"批次“{record.plan_id}”已作废，不再生成抽查工作方案。", {"batch": record.plan_id})
    folder = evidence if evidence is not None else root / folder_name(record.plan_id)
    found = verify_folder(folder)
    if found.difference is not None:
        raise AddinError("draw.evidence-broken", f"抽取材料 {folder} 未通过校验，不能据此制定方案：{found.difference}",
                         {"path": str(folder)})
    inputs, log = read_inputs(folder), read_log(folder)
    if inputs.plan.plan_id != record.plan_id:
        raise AddinError("plan-doc.wrong-evidence", f"抽取材料 {folder} 属于批次“{inputs.plan.plan_id}”，"
                         f"不是“{record.plan_id}”。", {"path": str(folder)})
    read = read_source(book, today)
    numbers = frozen_task_numbers(inputs.plan.raw)
    missing = [n for n in numbers if n not in read.tasks]
    if missing:
        raise AddinError("plan-doc.unknown-task", f"批次“{record.plan_id}”冻结的任务 {'、'.join(missing)} 已不在"
                         "“年度抽查计划”中，无法写出任务名称和事项。", {"tasks": missing})
    kinds = [e["type"] for e in log]
    result = draw_folder(folder) if "result" in kinds else None
    settings = read.settings
    facts = BatchFacts(
        unit=read.unit_name, year=read.source.year, plan_id=record.plan_id, spec=inputs.plan.spec,
        tasks=tuple(read.tasks[n] for n in numbers), items=read.items,
        counts=drawn_counts(result) if result is not None else planned_counts(inputs),
        freeze_hash=entry_hash(dict(log[0])), sources=tuple(f"{s.type}:{s.id}" for s in inputs.plan.randomness),
        departments=tuple(dict.fromkeys(t.dept for t in inputs.plan.tasks)), frozen_at=_frozen_at(book, record.plan_id),
        drawn=result is not None,
        randomness=tuple(f"{v['type']}:{v['id']} = {v['value']}" for v in
                         (log[kinds.index("randomness")]["body"]["randomness"] if "randomness" in kinds else [])),
        seed=result["seed"] if result else "", result_digest=result["result_digest"] if result else "",
        log_head=entry_hash(dict(log[-1])), teams=_teams(read, inputs, result, log) if result else (),
    )
    doc_settings = DocSettings(
        channel=settings.publication_channel, publish_days=settings.publish_working_days,
        team_size=settings.team_size, publish_names=settings.publish_team_names, contact=settings.contact or "",
        phone=settings.phone or "", mobile=settings.mobile or "", tasks_due=settings.tasks_deadline(read.source.year),
    )
    return facts, doc_settings


def plan_document(book: WorkbookPort, root: Path, *, batch: str | None, evidence: Path | None, today: dt.date,
                  public: bool) -> PlanDocument:
    facts, settings = batch_facts(book, root, batch=batch, evidence=evidence, today=today)
    return build_plan_doc(facts, settings, today, public=public)


def plan_doc(book_path: Path, out_path: Path, *, batch: str | None, today: dt.date, public: bool = False,
             evidence: Path | None = None) -> PlanDoc:
    """``ssj plan-doc``: the 方案 of ``batch`` written to ``out_path`` (.docx); the workbook is only read."""
    if out_path.suffix.lower() != ".docx":
        raise AddinError("cli.bad-output", f"--out 须是 .docx 文件（Word 文档）：{out_path.name}")
    book = OpenpyxlBook.read(book_path)
    try:
        document = plan_document(book, evidence_root(book_path), batch=batch, evidence=evidence, today=today,
                                 public=public)
    finally:
        book.close()
    path = write_plan_doc(document, out_path, inputs=(book_path,))
    return PlanDoc(document.plan_id, document, path)
