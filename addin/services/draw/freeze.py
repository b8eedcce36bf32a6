"""Use case ``ssj freeze``: freeze one batch of the plan (冻结抽取名录) — the commitment made before the draw.

From the workbook's registries, 回避关系, plan and 设置 it builds the canonical draw-v1 inputs of one batch
(:mod:`addin.core.freeze`), writes them with ``plan.json`` and the log's freeze entry into a **new** evidence
folder (``<out-dir>/抽取证据/<plan_id>/`` by default), and saves a copy of the workbook to ``--out`` with the
freeze entry appended to 抽取记录 and the exclusions (抽取排除) listed with their reasons. What to publish
before the draw: the freeze hash, the input digests and the randomness designation.

A workbook with validation errors in the sheets the freeze reads is refused (``freeze.invalid-book``): the
freeze is a commitment, it must not commit to data that ``ssj validate`` rejects.

:func:`freeze_book` does the work on any :class:`~addin.ports.WorkbookPort` (the ribbon's 冻结名录: the live
workbook, evidence beside its file); :func:`freeze` is the command line's file wrapper (open the input, freeze,
save the copy to ``--out`` atomically; the input is never modified).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from addin.core.draw import freeze_hash, parse_inputs, start
from addin.core.drawlog import log_rows
from addin.core.errors import AddinError
from addin.core.freeze.batch import TaskChoice, choose_tasks, next_plan_id
from addin.core.freeze.build import FreezeBuild, build_freeze
from addin.core.freeze.history import BatchRecord
from addin.core.issues import Issue
from addin.ports import WorkbookPort
from addin.services.draw.book import (
    EVIDENCE_ROOT,
    check_out,
    exclusion_sheet,
    folder_name,
    log_sheet,
    open_book,
    read_source,
)
from addin.services.draw.evidence import write_inputs, write_log


@dataclass(frozen=True, slots=True)
class Frozen:
    plan_id: str
    evidence: Path
    freeze_hash: str
    digests: dict[str, str]
    sources: tuple[tuple[str, str], ...]
    build: FreezeBuild
    choices: tuple[TaskChoice, ...]
    pending: tuple[BatchRecord, ...]  # other frozen, undrawn batches with a task of this one
    exclusions_sheet: str = "抽取排除"  # the name the sheet got (a numbered copy when taken)
    log_sheet: str = "抽取记录"  # the sheet the freeze entry was appended to
    out: Path | None = None  # the copy saved by ``ssj freeze --out`` (None: the live workbook, not saved)


class InvalidBook(AddinError):
    """The workbook has validation errors in the sheets the freeze reads (exit 1)."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        super().__init__("freeze.invalid-book",
                         f"工作簿有 {len(issues)} 个错误，冻结前请先修正（运行 ssj validate 查看全部）。",
                         {"errors": len(issues)})
        self.issues = tuple(issues)


def parse_source(text: str) -> tuple[str, str]:
    """``TYPE:ID`` (e.g. ``lottery-ssq:2024052``) → (type, id)."""
    kind, sep, ident = text.partition(":")
    if not sep or not kind.strip() or not ident.strip():
        raise AddinError("freeze.bad-source", f"随机源应写成 类型:编号（如 lottery-ssq:2024052），实为 {text!r}")
    return kind.strip(), ident.strip()


def freeze_book(book: WorkbookPort, root: Path, *, day: dt.date, sources: Sequence[tuple[str, str]],
                now: dt.datetime, tasks: Sequence[str] | None = None, evidence: Path | None = None) -> Frozen:
    """Freeze the next batch of ``book`` (any workbook port): the evidence folder ``evidence`` or a new one under
    ``root`` (``<folder>/抽取证据``), the freeze entry appended to 抽取记录 and the 抽取排除 sheet added to the book.
    Nothing is written when the workbook has errors (:class:`InvalidBook`) or the folder is taken."""
    read = read_source(book, day)
    if read.errors:
        raise InvalidBook(read.errors)
    source = read.source
    choices = choose_tasks(source.tasks, day, source.history, tasks)
    chosen = [c.task for c in choices if c.included]
    taken = [b.plan_id for b in source.history.batches]
    if evidence is None and root.is_dir():
        taken += [p.name for p in root.iterdir()]
    plan_id = next_plan_id(source.unit_name, source.year, taken)
    folder = evidence if evidence is not None else root / folder_name(plan_id)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise AddinError("freeze.evidence-exists",
                         f"抽取材料文件夹 {folder} 已存在且不为空：冻结材料不能覆盖，请指定新的 --evidence 文件夹。",
                         {"path": str(folder)})
    build = build_freeze(source, chosen, plan_id, sources)
    inputs = parse_inputs(build.files)
    log = start(inputs)
    folder.mkdir(parents=True, exist_ok=True)
    write_inputs(folder, build.files)
    write_log(folder, log)
    log_name = book.append_rows(log_sheet(log_rows(log, plan_id, now)))
    sheet = book.add_sheet(exclusion_sheet(plan_id, build.exclusions))
    pending = source.history.pending_with(t.number for t in chosen)
    return Frozen(plan_id, folder, freeze_hash(inputs), inputs.digests.as_dict(), tuple(sources), build,
                  tuple(choices), tuple(pending), sheet, log_name)


def freeze(book_path: Path, out: Path, *, day: dt.date, sources: Sequence[tuple[str, str]], now: dt.datetime,
           tasks: Sequence[str] | None = None, evidence: Path | None = None) -> Frozen:
    """``ssj freeze``: :func:`freeze_book` on a copy of ``book_path`` saved to ``out`` (evidence beside ``out``)."""
    check_out(book_path, out)
    book = open_book(book_path)
    done = freeze_book(book, out.parent / EVIDENCE_ROOT, day=day, sources=sources, now=now, tasks=tasks,
                       evidence=evidence)
    book.save_as(out)
    return replace(done, out=out)
