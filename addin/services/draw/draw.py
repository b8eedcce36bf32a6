"""Use case ``ssj draw``: draw a frozen batch (随机抽取) once its named randomness is known.

The batch's evidence folder (``--evidence``; by default the workbook's latest batch frozen and not yet drawn,
in ``<book-dir>/抽取证据/<plan_id>/``) must be intact, not drawn, not voided — and the workbook must still
produce exactly the frozen files: a registry, 回避关系, the plan or 设置 edited since the freeze is refused
(``draw.inputs-changed``, 名录在冻结后被修改), naming the file and what changed. Then draw-v1 computes the result;
``randomness.json``, ``result.json`` and the log's randomness and result entries join the evidence; the copy
saved to ``--out`` gets 抽取结果, 检查安排 and the new 抽取记录 rows, and the 一企一表 workbook one printable
sheet per visit.

:func:`draw_book` does the work on any :class:`~addin.ports.WorkbookPort` (the ribbon's 随机抽取: the live
workbook, whose values come from 设置 › 随机源取值 through :func:`randomness_in_order`); :func:`draw` is the
command line's file wrapper.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.adapters.files import refuse_existing
from addin.adapters.inspection_forms import write_forms
from addin.core.arrangement import Visit, arrangement_rows, draw_result_rows, visits
from addin.core.draw import (
    DrawInputs,
    append_randomness,
    append_result,
    build_randomness_json,
    chain_problem,
    freeze_entry,
    head_hash,
    parse_randomness,
    result_bytes,
    run_draw,
)
from addin.core.drawlog import mirror_rows
from addin.core.errors import AddinError
from addin.core.forms import forms_of
from addin.core.freeze.build import FILE_KEYS, FILE_LABELS, FreezeBuild, build_freeze, tsv_changes
from addin.core.freeze.plan_json import SubTask, frozen_task_numbers, subtasks_of, task_number
from addin.ports import WorkbookPort
from addin.services.draw.book import (
    BookSource,
    arrangement_sheet,
    check_out,
    evidence_folder,
    evidence_root,
    log_sheet,
    mirrored_hashes,
    open_book,
    read_source,
    result_sheet,
)
from addin.services.draw.evidence import RANDOMNESS, RESULT, read_inputs, read_log
from addin.services.draw.transaction import (
    commit,
    complete_evidence,
    records_entry,
    unmirrored,
    write_outputs,
)


@dataclass(frozen=True, slots=True)
class Drawn:
    plan_id: str
    evidence: Path
    forms: Path
    result: dict[str, Any]
    visits: int
    targets: int
    unfilled: int
    head: str
    weak_randomness: bool
    sheets: tuple[str, ...] = ()  # the names the 抽取结果 and 检查安排 sheets got, then the 抽取记录 sheet
    out: Path | None = None  # the copy saved by ``ssj draw --out`` (None: the live workbook, not saved)
    resumed: bool = False  # the draw was already recorded in the log: this run only wrote what was missing


def forms_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}-一企一表.xlsx")


def frozen_numbers(inputs: DrawInputs) -> list[str]:
    return frozen_task_numbers(inputs.plan.raw)


def rebuild(read: BookSource, inputs: DrawInputs) -> FreezeBuild:
    """The freeze the workbook gives today for the frozen batch (same tasks, plan_id and randomness sources)."""
    tasks = read.tasks
    missing = [n for n in frozen_numbers(inputs) if n not in tasks]
    if missing:
        raise AddinError("draw.inputs-changed", f"名录在冻结后被修改：年度抽查计划中已没有任务 {'、'.join(missing)}。",
                         {"files": ["plan"]})
    sources = [(s.type, s.id) for s in inputs.plan.randomness]
    return build_freeze(read.source, [tasks[n] for n in frozen_numbers(inputs)], inputs.plan.plan_id, sources)


def check_unchanged(build: FreezeBuild, folder: Path) -> None:
    changed = []
    for key in FILE_KEYS:
        name = "plan.json" if key == "plan" else f"{key}.tsv"
        frozen = (folder / name).read_bytes()
        if build.files[key] != frozen:
            detail = "计划、比例或设置不同" if key == "plan" else tsv_changes(frozen, build.files[key])
            changed.append(f"{FILE_LABELS[key]}：{detail}")
    if changed:
        raise AddinError("draw.inputs-changed",
                         "名录在冻结后被修改，拒绝抽取：" + "；".join(changed) +
                         "。请恢复冻结时的内容，或作废本批次（ssj void）后重新冻结。", {"changes": changed})


def subtasks_for(read: BookSource, inputs: DrawInputs) -> list[SubTask]:
    """The frozen draw-v1 tasks with their items (items come from the workbook's plan and item list)."""
    known = {s.task_id: s for t in read.source.tasks for s in subtasks_of(t, read.source.items)}
    return [known.get(t.task_id) or SubTask(t.task_id, task_number(t.task_id), t.dept, t.tag, ())
            for t in inputs.plan.tasks]


def load_batch(folder: Path) -> tuple[DrawInputs, list[dict[str, Any]]]:
    """The frozen inputs and the log of an evidence folder, refusing a broken chain or a foreign freeze entry."""
    inputs = read_inputs(folder)
    log = read_log(folder)
    problem = chain_problem(log)
    if problem or not log or log[0] != freeze_entry(inputs):
        raise AddinError("draw.evidence-broken", f"抽取材料 {folder} 未通过校验：{problem or '冻结记录与冻结文件不符'}"
                         "（运行 ssj verify 查看）。", {"path": str(folder)})
    return inputs, log


def write_sheets(book: WorkbookPort, read: BookSource, result: dict[str, Any], amendments: Sequence[dict[str, Any]],
                 subtasks: Sequence[SubTask], found: Sequence[Visit]) -> tuple[str, str]:
    """New 抽取结果 and 检查安排 sheets of the visits ``found``; the names the sheets got."""
    return (book.add_sheet(result_sheet(draw_result_rows(result, amendments, subtasks, read.tasks, read.targets))),
            book.add_sheet(arrangement_sheet(arrangement_rows(found, read.targets))))


def write_visit_forms(found: Sequence[Visit], read: BookSource, target: Path, inputs: Sequence[Path] = ()) -> Path:
    forms = forms_of(found, read.targets, read.items, read.tasks, read.unit_name)
    return write_forms(forms, target, inputs=tuple(inputs))


def randomness_in_order(folder: Path, values: Sequence[str]) -> list[tuple[str, str, str]]:
    """The randomness of the batch in ``folder`` from its values alone, given in the order of the designation
    made at the freeze (plan.json); a value may also be written in full as ``类型:编号:取值``."""
    named = [(s.type, s.id) for s in read_inputs(folder).plan.randomness]
    if len(values) != len(named):
        shown = "、".join(f"{t}:{i}" for t, i in named)
        raise AddinError("draw.randomness-count",
                         f"冻结时指定了 {len(named)} 个随机源（{shown}），“随机源取值”中有 {len(values)} 个取值："
                         "请按同样的顺序逐个填写，用“、”分隔。", {"named": len(named), "given": len(values)})
    found = []
    for (kind, ident), value in zip(named, values, strict=True):
        text = value.strip()
        found.append((kind, ident, text.removeprefix(f"{kind}:{ident}:").strip()))
    return found


def draw_book(book: WorkbookPort, root: Path, *, randomness: Sequence[tuple[str, str, str]], now: dt.datetime,
              forms: Path, keep: Sequence[Path] = (), evidence: Path | None = None,
              save: Callable[[], object] | None = None, out: Path | None = None, force: bool = False) -> Drawn:
    """Draw the batch of ``book`` frozen and not yet drawn (its folder under ``root``, or ``evidence``): the
    log grows by the randomness and result entries (the commit), the evidence by randomness.json and
    result.json, the book by 抽取结果, 检查安排 and the 抽取记录 rows; then the 一企一表 workbook is written to
    ``forms`` (never over one of the files ``keep``) and ``save`` saves the book to ``out`` (the command line).

    A draw recorded in the log but not in ``book`` (an earlier run interrupted after its commit) is finished
    with the same randomness values — the evidence files and outputs missing are written, nothing is drawn
    again; other values are refused (:mod:`.transaction`)."""
    folder = evidence_folder(root, book, evidence, "pending")
    inputs, log = load_batch(folder)
    plan_id = inputs.plan.plan_id
    kinds = [e["type"] for e in log]
    if "void" in kinds:
        raise AddinError("draw.voided", f"批次 {plan_id} 已作废，不能抽取；请重新冻结新的批次。")
    mirrored = mirrored_hashes(book)
    data = build_randomness_json(randomness)
    values, raw = parse_randomness(data, inputs.plan)
    resumed = "randomness" in kinds
    if resumed:
        logged = log[kinds.index("randomness")]["body"]["randomness"]
        interrupted = kinds[1:] in (["randomness"], ["randomness", "result"]) and unmirrored(log, mirrored) == len(log) - 1
        if logged != raw or not interrupted:
            shown_values = "；".join(f"{v['type']}:{v['id']}:{v['value']}" for v in logged)
            raise AddinError("draw.already-drawn", f"批次 {plan_id} 已经抽取过（随机源取值 {shown_values}）："
                             "抽取结果不能重抽或修改。需要重新抽取时，请先作废（ssj void）再重新冻结。")
    if not resumed:  # finishing an interrupted run writes its own outputs
        refuse_existing({"--out": out, "--forms": forms}, force=force)
    read = read_source(book, now.date())
    check_unchanged(rebuild(read, inputs), folder)
    result = run_draw(inputs, values)
    files = {RANDOMNESS: data, RESULT: result_bytes(result)}
    if "result" not in kinds:
        log = append_result(log if resumed else append_randomness(log, values), result)
        commit(folder, files, log, "抽取")  # from here on the batch is drawn
    else:
        complete_evidence(folder, files)
    head = head_hash(log)
    sheets: tuple[str, ...] = ()
    if not (resumed and out is not None and forms.exists() and records_entry(out, head)):
        # the 一企一表 first, then the book: a live workbook (the ribbon) that holds the draw's sheets has all
        # its outputs, and a saved copy (``out``) recording the draw means the draw is complete
        subtasks = subtasks_for(read, inputs)
        found = visits(result, [], subtasks, read.inspectors, read.source.tasks)
        write_outputs("抽取", head, [(forms, lambda: write_visit_forms(found, read, forms, keep))])
        log_name = book.append_rows(log_sheet(mirror_rows(log, 2, mirrored, plan_id, now, result)))
        sheets = (*write_sheets(book, read, result, [], subtasks, found), log_name)
        if save is not None and out is not None:
            write_outputs("抽取", head, [(out, save)])
    unfilled = sum(1 for u in result["units"] for s in u["team"] if s["inspector"] is None)
    targets = sum(len(u["entities"]) for u in result["units"])
    return Drawn(plan_id, folder, forms, result, len(result["units"]), targets, unfilled, head,
                 any(v.type in ("manual", "test") for v in values), sheets, out, resumed)


def draw(book_path: Path, out: Path, *, randomness: Sequence[tuple[str, str, str]], now: dt.datetime,
         evidence: Path | None = None, forms: Path | None = None, force: bool = False) -> Drawn:
    """``ssj draw``: :func:`draw_book` on a copy of ``book_path`` saved to ``out`` (the batch's folder beside
    ``book_path``; the 一企一表 workbook beside ``out`` unless ``forms`` names it). Run again after an
    interruption, it finishes the same draw (:mod:`.transaction`)."""
    forms = forms or forms_path(out)
    check_out(book_path, out)
    check_out(book_path, forms)
    book = open_book(book_path)
    return draw_book(book, evidence_root(book_path), randomness=randomness, now=now, forms=forms,
                     keep=(book_path, out), evidence=evidence, save=lambda: book.save_as(out), out=out,
                     force=force)
