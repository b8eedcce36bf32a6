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
Each is one transaction (:mod:`.transaction`): the log write is the commit; a rerun of the same command on the
same workbook after an interruption recognises its entries at the end of the log (recomputed from the log
before them) and only writes the outputs that are missing — it never amends twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.core.arrangement import team_label, team_labels, unit_of_team, visits
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
from addin.services.draw.evidence import read_inputs, read_log, verify_folder
from addin.services.draw.transaction import clean_temporary, commit, records_entry, unmirrored, write_outputs

Entry = dict[str, Any]
STEP_NAMES = {"amend": "变更", "void": "作废"}
Compute = Callable[[Sequence[Entry]], list[Entry]]  # the log before the step → the bodies the step appends


@dataclass(frozen=True, slots=True)
class Amended:
    plan_id: str
    evidence: Path
    out: Path
    forms: Path | None
    bodies: tuple[dict[str, Any], ...]
    head: str
    warnings: tuple[str, ...] = ()
    resumed: bool = False  # the step was already in the log (an interrupted run): only outputs were written


def _checked(folder: Path) -> tuple[DrawInputs, list[Entry]]:
    clean_temporary(folder)  # what a run killed in the middle of a write left: never evidence
    found = verify_folder(folder)
    if found.difference is not None:
        raise AddinError("draw.evidence-broken", f"抽取材料 {folder} 未通过校验，不能追加记录：{found.difference}",
                         {"path": str(folder)})
    return read_inputs(folder), read_log(folder)


def _amendments(log: Sequence[Entry]) -> list[Entry]:
    return [e["body"] for e in log if e["type"] == "amend"]


def _amendable(log: Sequence[Entry], plan_id: str) -> None:
    kinds = [e["type"] for e in log]
    if "void" in kinds:
        raise AddinError("draw.voided", f"批次 {plan_id} 已作废，不能再变更。")
    if "result" not in kinds:
        raise AddinError("draw.not-drawn", f"批次 {plan_id} 尚未抽取，没有可变更的结果。")


def _resume(log: Sequence[Entry], mirrored: set[str], kind: str, compute: Compute) -> int:
    """How many entries at the end of ``log`` are this very step, committed by an earlier run that was interrupted
    before its outputs (the workbook does not hold them and recomputing the step from the log before them gives
    exactly their bodies); 0 when the step is new."""
    tail = unmirrored(log, mirrored)
    for count in range(1, tail + 1):
        if any(e["type"] != kind for e in log[-count:]):
            break
        try:
            bodies = compute(log[:-count])
        except AddinError:
            continue
        if bodies == [e["body"] for e in log[-count:]]:
            return count
    return 0


def _commit(folder: Path, log: list[Entry], mirrored: set[str], kind: str, compute: Compute,
            outputs: Mapping[str, Path | None], force: bool) -> tuple[list[Entry], int, bool]:
    """The log with this step's entries (appended and written — the commit — unless an interrupted run already
    committed them), how many they are, and whether they were already there. A new step first refuses
    ``outputs`` that exist (unless ``force``); finishing an interrupted one writes its own."""
    found = _resume(log, mirrored, kind, compute)
    if found:
        return log, found, True
    refuse_existing(outputs, force=force)
    bodies = compute(log)
    for body in bodies:
        log = append(log, kind, body)
    commit(folder, {}, log, STEP_NAMES[kind])
    return log, len(bodies), False


@dataclass(frozen=True, slots=True)
class _DrawnBatch:
    """A drawn batch opened for an amendment: the workbook, its checked evidence and the published result."""

    book: Any
    folder: Path
    inputs: DrawInputs
    log: list[Entry]
    result: dict[str, Any]


def _open_drawn(book_path: Path, out: Path, evidence: Path | None) -> _DrawnBatch:
    """Open the workbook and its drawn batch; refused when the evidence does not verify or the batch is void."""
    check_out(book_path, out)
    book = open_book(book_path)
    folder = evidence_folder(evidence_root(book_path), book, evidence, "drawn")
    inputs, log = _checked(folder)
    _amendable(log, inputs.plan.plan_id)
    return _DrawnBatch(book, folder, inputs, log, recompute(folder))


def _amend(book_path: Path, out: Path, batch: _DrawnBatch, compute: Compute, now: dt.datetime,
           forms: Path | None, force: bool) -> tuple[list[Entry], int, bool, Path]:
    """Commit the amendment (or find it committed), then write the new sheets, the 一企一表 and ``out``."""
    book, folder, inputs, result = batch.book, batch.folder, batch.inputs, batch.result
    mirrored = mirrored_hashes(book)
    forms = forms or forms_path(out)
    log, new, resumed = _commit(folder, batch.log, mirrored, "amend", compute, {"--out": out, "--forms": forms}, force)
    head = head_hash(log)
    if resumed and forms.exists() and records_entry(out, head):
        return log, new, resumed, forms
    read = read_source(book, now.date())
    subtasks = subtasks_for(read, inputs)
    found = visits(result, _amendments(log), subtasks, read.inspectors, read.source.tasks)
    write_outputs("变更", head, [(forms, lambda: write_visit_forms(found, read, forms, (book_path, out)))])
    book.append_rows(log_sheet(mirror_rows(log, new, mirrored, inputs.plan.plan_id, now, result)))
    write_sheets(book, read, result, _amendments(log), subtasks, found)
    write_outputs("变更", head, [(out, lambda: book.save_as(out))])
    return log, new, resumed, forms


def substitute_inspector(book_path: Path, out: Path, *, visit: str, reason: str, now: dt.datetime,
                         inspector: str | None = None, slot: int | None = None, evidence: Path | None = None,
                         forms: Path | None = None, force: bool = False) -> Amended:
    """Replace ``inspector`` (执法证号) on visit ``visit`` (检查组: 第001组, or the unit id), or fill the 1-based
    ``slot``."""
    batch = _open_drawn(book_path, out, evidence)
    plan_id = batch.inputs.plan.plan_id
    unit = unit_of_team(batch.result, visit)
    if unit is None:
        raise AddinError("draw.amend-target",
                         f"批次 {plan_id} 没有检查组“{visit.strip()}”（见检查安排的“检查组”列，如 {team_label(1)}）。",
                         {"visit": visit.strip()})
    label = team_labels(batch.result)[unit]

    def compute(log: Sequence[Entry]) -> list[Entry]:
        state = current_state(batch.result, _amendments(log))
        team = state.teams[unit]
        if inspector is not None:
            wanted = inspector.strip().upper()
            if wanted not in team:
                shown = "、".join(x or "空缺" for x in team)
                raise AddinError("draw.amend-target", f"检查组 {label} 中没有执法证号 {wanted}（现有：{shown}）。",
                                 {"visit": label, "inspector": wanted})
            index = team.index(wanted)
        elif slot is not None:
            index = slot - 1
        else:
            empty = [i for i, x in enumerate(team) if x is None]
            if not empty:
                raise AddinError("draw.amend-target", "请用 --inspector 指定要替换的执法证号，或用 --slot 指定岗位。")
            index = empty[0]
        return [substitute(batch.inputs, batch.result, _amendments(log), unit, index, reason)]

    log, new, resumed, forms_file = _amend(book_path, out, batch, compute, now, forms, force)
    body = log[-1]["body"]
    warnings = [] if body["in"] else [f"检查组 {label} 第{body['slot'] + 1}岗目前没有符合条件的人员可补，岗位空缺。"]
    return Amended(plan_id, batch.folder, out, forms_file, tuple(e["body"] for e in log[-new:]), head_hash(log),
                   tuple(warnings), resumed)


def replace_target(book_path: Path, out: Path, *, target: str, reason: str, now: dt.datetime,
                   evidence: Path | None = None, forms: Path | None = None, force: bool = False) -> Amended:
    """Replace target ``target`` in every draw-v1 task of the batch that currently selects it."""
    batch = _open_drawn(book_path, out, evidence)
    uscc = target.strip().upper()
    plan_id = batch.inputs.plan.plan_id

    def compute(log: Sequence[Entry]) -> list[Entry]:
        amendments = _amendments(log)
        state = current_state(batch.result, amendments)
        tasks = [t for (t, _s), ids in state.selected.items() if uscc in ids]
        if not tasks:
            raise AddinError("draw.amend-target", f"批次 {plan_id} 当前的抽中名单里没有对象 {uscc}。", {"target": uscc})
        bodies: list[Entry] = []
        for task_id in dict.fromkeys(tasks):
            bodies.append(replace_from_reserve(batch.result, [*amendments, *bodies], task_id, uscc, reason))
        return bodies

    log, new, resumed, forms_file = _amend(book_path, out, batch, compute, now, forms, force)
    bodies = [e["body"] for e in log[-new:]]
    new_ids = {b["in"] for b in bodies}
    teams = current_state(batch.result, _amendments(log)).teams
    team = {x for u in batch.result["units"] if uscc in u["entities"] for x in teams[u["unit_id"]] if x}
    clash = sorted({c.inspector_id for c in batch.inputs.conflicts if c.entity_id in new_ids and c.inspector_id in team})
    warnings = [f"检查组成员 {'、'.join(clash)} 与递补对象有回避关系：请用 ssj substitute 替换该人员。"] if clash else []
    return Amended(plan_id, batch.folder, out, forms_file, tuple(bodies), head_hash(log), tuple(warnings), resumed)


def void_batch(book_path: Path, out: Path, *, reason: str, now: dt.datetime,
               evidence: Path | None = None, force: bool = False) -> Amended:
    """Record that the batch is abandoned; nothing can be appended after it."""
    check_out(book_path, out)
    book = open_book(book_path)
    folder = evidence_folder(evidence_root(book_path), book, evidence, "any")
    inputs = read_inputs(folder)
    log = read_log(folder)
    plan_id = inputs.plan.plan_id
    mirrored = mirrored_hashes(book)

    def compute(before: Sequence[Entry]) -> list[Entry]:
        if any(e["type"] == "void" for e in before):
            raise AddinError("draw.voided", f"批次 {plan_id} 已经作废。")
        return [append_void(before, reason)[-1]["body"]]

    log, new, resumed = _commit(folder, log, mirrored, "void", compute, {"--out": out}, force)
    head = head_hash(log)
    if not (resumed and records_entry(out, head)):
        book.append_rows(log_sheet(mirror_rows(log, new, mirrored, plan_id, now)))
        write_outputs("作废", head, [(out, lambda: book.save_as(out))])
    return Amended(plan_id, folder, out, None, (log[-1]["body"],), head, (), resumed)
