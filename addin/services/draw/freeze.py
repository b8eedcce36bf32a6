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

from addin.adapters.files import TEMPORARY_PREFIX, refuse_existing
from addin.core.draw import FILE_NAMES, freeze_hash, log_bytes, parse_inputs, start
from addin.core.drawlog import log_rows
from addin.core.errors import AddinError
from addin.core.freeze.batch import TaskChoice, batch_prefix, choose_tasks, next_plan_id
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
from addin.services.draw.evidence import LOG
from addin.services.draw.transaction import commit, records_entry, write_outputs


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
    resumed: bool = False  # an interrupted freeze of the same batch was finished (its folder reused)


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
    recorded = [b.plan_id for b in source.history.batches]
    taken = list(recorded)
    if evidence is None and root.is_dir():
        taken += [p.name for p in root.iterdir()]
    plan_id = next_plan_id(source.unit_name, source.year, taken)
    folder = evidence if evidence is not None else root / folder_name(plan_id)
    build, resumed = None, False
    # A freeze of this workbook interrupted before the workbook recorded it: the latest folder, not in
    # 抽取记录, holding only (part of) exactly the freeze this run would write — finish it, not a new batch.
    previous = _previous(source.unit_name, source.year, plan_id) if evidence is None else plan_id
    if previous is not None and previous not in recorded:
        candidate = evidence if evidence is not None else root / folder_name(previous)
        if candidate.is_dir():
            trial = build_freeze(source, chosen, previous, sources)
            if _unfinished(candidate, trial):
                plan_id, folder, build, resumed = previous, candidate, trial, True
    if not resumed and folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise AddinError("freeze.evidence-exists",
                         f"抽取材料文件夹 {folder} 已存在且不为空：冻结材料不能覆盖，请指定新的 --evidence 文件夹。",
                         {"path": str(folder)})
    build = build or build_freeze(source, chosen, plan_id, sources)
    inputs = parse_inputs(build.files)
    log = start(inputs)
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        commit(folder, {FILE_NAMES[key]: data for key, data in build.files.items()}, log, "冻结")
    except AddinError:
        if created and not any(folder.iterdir()):
            folder.rmdir()  # not frozen: no folder left behind
        raise
    log_name = book.append_rows(log_sheet(log_rows(log, plan_id, now)))
    sheet = book.add_sheet(exclusion_sheet(plan_id, build.exclusions))
    pending = source.history.pending_with(t.number for t in chosen)
    return Frozen(plan_id, folder, freeze_hash(inputs), inputs.digests.as_dict(), tuple(sources), build,
                  tuple(choices), tuple(pending), sheet, log_name, resumed=resumed)


def freeze(book_path: Path, out: Path, *, day: dt.date, sources: Sequence[tuple[str, str]], now: dt.datetime,
           tasks: Sequence[str] | None = None, evidence: Path | None = None, force: bool = False) -> Frozen:
    """``ssj freeze``: :func:`freeze_book` on a copy of ``book_path`` saved to ``out`` (evidence beside ``out``).
    Run again after an interruption, it finishes the same batch (:mod:`.transaction`)."""
    check_out(book_path, out)
    refuse_existing({"--out": out}, force=force)  # written last: an interrupted freeze never left it behind
    book = open_book(book_path)
    done = freeze_book(book, out.parent / EVIDENCE_ROOT, day=day, sources=sources, now=now, tasks=tasks,
                       evidence=evidence)
    if not (done.resumed and records_entry(out, done.freeze_hash)):
        write_outputs("冻结", done.freeze_hash, [(out, lambda: book.save_as(out))])
    return replace(done, out=out)


def _previous(unit_name: str | None, year: int, plan_id: str) -> str | None:
    """The batch before ``plan_id`` (``…第2批`` → ``…第1批``), None for the first."""
    number = int(plan_id.rsplit("第", 1)[1].removesuffix("批"))
    return f"{batch_prefix(unit_name, year)}第{number - 1}批" if number > 1 else None


def _unfinished(folder: Path, build: FreezeBuild) -> bool:
    """True when ``folder`` holds nothing but files of the freeze ``build`` with exactly its bytes (some may be
    missing; a temporary file of a killed write may lie there): an interrupted run of the same freeze."""
    expected = {FILE_NAMES[key]: data for key, data in build.files.items()}
    expected[LOG] = log_bytes(start(parse_inputs(build.files)))
    for path in folder.iterdir():
        if path.name.startswith(TEMPORARY_PREFIX) and path.is_file():
            continue
        if path.name not in expected or not path.is_file() or path.read_bytes() != expected[path.name]:
            return False
    return True
