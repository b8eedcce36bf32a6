"""Use cases ``ssj substitute``, ``ssj replace`` and ``ssj void``: amendments after the draw (变更) and the
abandonment of a batch (作废). A draw is never edited: each appends an entry to ``log.jsonl`` and a row to
抽取记录; substitutions and replacements also write the batch's 抽取结果 and 检查安排 again as **new** sheets
(the earlier ones stay as they were) and a new 一企一表 workbook.

- Substitution (人员替换, spec §6.5): an inspector of a visit falls ill or declares a conflict (or a slot
  stayed empty): the slot is filled again by the draw's own rule against the current loads.
- Replacement (备选递补, spec §4.6): a target wrongly in the frozen pool is replaced by the next reserve of its
  class, in every draw-v1 task of the batch that selected it (the departments of a joint task stay together);
  the visit keeps its team. A team member with a 回避 against the new target is reported.
- Void (作废): the batch is abandoned with its reason; a new draw needs a new freeze and new randomness.

Every amendment first checks the whole evidence folder (``ssj verify``): amending tampered evidence is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.core.draw import (
    DrawInputs,
    append,
    append_void,
    current_state,
    head_hash,
    replace_from_reserve,
    substitute,
)
from addin.core.drawlog import mirror_rows
from addin.core.errors import AddinError
from addin.services.draw.book import (
    check_out,
    evidence_folder,
    evidence_root,
    log_sheet,
    mirrored_hashes,
    open_book,
    read_source,
)
from addin.services.draw.draw import forms_path, subtasks_for, write_sheets, write_visit_forms
from addin.services.draw.evidence import draw_folder as recompute
from addin.services.draw.evidence import read_inputs, read_log, verify_folder, write_log


@dataclass(frozen=True, slots=True)
class Amended:
    plan_id: str
    evidence: Path
    out: Path
    forms: Path | None
    bodies: tuple[dict[str, Any], ...]
    head: str
    warnings: tuple[str, ...] = ()


def _checked(folder: Path) -> tuple[DrawInputs, list[dict[str, Any]]]:
    found = verify_folder(folder)
    if found.difference is not None:
        raise AddinError("draw.evidence-broken", f"抽取材料 {folder} 未通过校验，不能追加记录：{found.difference}",
                         {"path": str(folder)})
    return read_inputs(folder), read_log(folder)


def _amendable(log: Sequence[dict[str, Any]], plan_id: str) -> list[dict[str, Any]]:
    kinds = [e["type"] for e in log]
    if "void" in kinds:
        raise AddinError("draw.voided", f"批次 {plan_id} 已作废，不能再变更。")
    if "result" not in kinds:
        raise AddinError("draw.not-drawn", f"批次 {plan_id} 尚未抽取，没有可变更的结果。")
    return [e["body"] for e in log if e["type"] == "amend"]


@dataclass(frozen=True, slots=True)
class _DrawnBatch:
    """A drawn batch opened for an amendment: the workbook, its checked evidence and the current state."""

    book: Any
    folder: Path
    inputs: DrawInputs
    log: list[dict[str, Any]]
    amendments: list[dict[str, Any]]
    result: dict[str, Any]
    state: Any


def _open_drawn(book_path: Path, out: Path, evidence: Path | None) -> _DrawnBatch:
    """Open the workbook and its drawn batch; refused when the evidence does not verify or the batch is void."""
    check_out(book_path, out)
    book = open_book(book_path)
    folder = evidence_folder(evidence_root(book_path), book, evidence, "drawn")
    inputs, log = _checked(folder)
    amendments = _amendable(log, inputs.plan.plan_id)
    result = recompute(folder)
    return _DrawnBatch(book, folder, inputs, log, amendments, result, current_state(result, amendments))


def _finish(book_path: Path, out: Path, batch: _DrawnBatch, log: list[dict[str, Any]], new: int,
            now: dt.datetime, forms: Path | None, warnings: Sequence[str] = ()) -> Amended:
    book, folder, inputs, result = batch.book, batch.folder, batch.inputs, batch.result
    read = read_source(book, now.date())
    write_log(folder, log)
    book.append_rows(log_sheet(mirror_rows(log, new, mirrored_hashes(book), inputs.plan.plan_id, now, result)))
    amendments = [e["body"] for e in log if e["type"] == "amend"]
    found, _names = write_sheets(book, read, result, amendments, subtasks_for(read, inputs))
    book.save_as(out)
    forms_file = write_visit_forms(found, read, forms or forms_path(out), (book_path, out))
    return Amended(inputs.plan.plan_id, folder, out, forms_file, tuple(e["body"] for e in log[-new:]),
                   head_hash(log), tuple(warnings))


def substitute_inspector(book_path: Path, out: Path, *, visit: str, reason: str, now: dt.datetime,
                         inspector: str | None = None, slot: int | None = None, evidence: Path | None = None,
                         forms: Path | None = None) -> Amended:
    """Replace ``inspector`` (执法证号) on visit ``visit`` (检查组), or fill the 1-based ``slot``."""
    batch = _open_drawn(book_path, out, evidence)
    visit = visit.strip().upper()
    if visit not in batch.state.teams:
        raise AddinError("draw.amend-target",
                         f"批次 {batch.inputs.plan.plan_id} 没有检查组“{visit}”（见检查安排的“检查组”列）。",
                         {"visit": visit})
    team = batch.state.teams[visit]
    if inspector is not None:
        wanted = inspector.strip().upper()
        if wanted not in team:
            shown = "、".join(x or "空缺" for x in team)
            raise AddinError("draw.amend-target", f"检查组 {visit} 中没有执法证号 {wanted}（现有：{shown}）。",
                             {"visit": visit, "inspector": wanted})
        index = team.index(wanted)
    elif slot is not None:
        index = slot - 1
    else:
        empty = [i for i, x in enumerate(team) if x is None]
        if not empty:
            raise AddinError("draw.amend-target", "请用 --inspector 指定要替换的执法证号，或用 --slot 指定岗位。")
        index = empty[0]
    body = substitute(batch.inputs, batch.result, batch.amendments, visit, index, reason)
    log = append(batch.log, "amend", body)
    warnings = [] if body["in"] else [f"检查组 {visit} 第{index + 1}岗目前没有符合条件的人员可补，岗位空缺。"]
    return _finish(book_path, out, batch, log, 1, now, forms, warnings)


def replace_target(book_path: Path, out: Path, *, target: str, reason: str, now: dt.datetime,
                   evidence: Path | None = None, forms: Path | None = None) -> Amended:
    """Replace target ``target`` in every draw-v1 task of the batch that currently selects it."""
    batch = _open_drawn(book_path, out, evidence)
    uscc = target.strip().upper()
    tasks = [t for (t, _s), ids in batch.state.selected.items() if uscc in ids]
    if not tasks:
        raise AddinError("draw.amend-target", f"批次 {batch.inputs.plan.plan_id} 当前的抽中名单里没有对象 {uscc}。",
                         {"target": uscc})
    bodies: list[dict[str, Any]] = []
    log = batch.log
    for task_id in dict.fromkeys(tasks):
        body = replace_from_reserve(batch.result, [*batch.amendments, *bodies], task_id, uscc, reason)
        bodies.append(body)
        log = append(log, "amend", body)
    new_ids = {b["in"] for b in bodies}
    team = {x for u in batch.result["units"] if uscc in u["entities"] for x in batch.state.teams[u["unit_id"]] if x}
    clash = sorted({c.inspector_id for c in batch.inputs.conflicts if c.entity_id in new_ids and c.inspector_id in team})
    warnings = [f"检查组成员 {'、'.join(clash)} 与递补对象有回避关系：请用 ssj substitute 替换该人员。"] if clash else []
    return _finish(book_path, out, batch, log, len(bodies), now, forms, warnings)


def void_batch(book_path: Path, out: Path, *, reason: str, now: dt.datetime,
               evidence: Path | None = None) -> Amended:
    """Record that the batch is abandoned; nothing can be appended after it."""
    check_out(book_path, out)
    book = open_book(book_path)
    folder = evidence_folder(evidence_root(book_path), book, evidence, "any")
    inputs = read_inputs(folder)
    log = read_log(folder)
    if any(e["type"] == "void" for e in log):
        raise AddinError("draw.voided", f"批次 {inputs.plan.plan_id} 已经作废。")
    log = append_void(log, reason)
    write_log(folder, log)
    book.append_rows(log_sheet(mirror_rows(log, 1, mirrored_hashes(book), inputs.plan.plan_id, now)))
    book.save_as(out)
    return Amended(inputs.plan.plan_id, folder, out, None, (log[-1]["body"],), head_hash(log))
