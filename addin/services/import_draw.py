"""Use case ``ssj import-draw``: record a batch drawn elsewhere (外部抽取) in a workbook.

The platform's result list is read like any list ``ssj import`` reads (header found among the first rows,
column names and aliases, a ``--mapping`` file: :func:`read_list`); :func:`record_batch` matches its rows to the
plan, the registries and the inspectors (:mod:`addin.core.external_draw`) and adds to the workbook — through
any :class:`~addin.ports.WorkbookPort`, so the ribbon's button works on the live workbook — a 抽取记录 row of type
``external`` and a 检查安排 sheet for the batch, with an 外部抽取核对 sheet listing what was doubtful or left out.
:func:`import_draw` does it on a copy saved to ``--out`` (the input workbook is never modified).

The same list is never recorded twice: its SHA-256 is in the batch's record, and a second import of the same
bytes is refused, naming the batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from addin.core import output_sheets as out
from addin.core.catalogue import CATALOGUE
from addin.core.errors import AddinError
from addin.core.external_draw import EXTERNAL, ExternalBatch, ListRow, Where, arrangement_rows, external_batch
from addin.core.freeze.batch import next_plan_id
from addin.core.issues import Issue, count
from addin.ports import FILL_ERROR, FILL_WARNING, SheetOut, WorkbookPort
from addin.services.draw.book import arrangement_sheet, log_sheet, read_batches, read_source
from addin.services.post_book import copies

CHECK_SHEET = "外部抽取核对"
CHECK_COLUMNS = ("工作表", "行", "列", "字段", "级别", "代码", "说明", "值")
ZERO = "0" * 64


@dataclass(frozen=True, slots=True)
class RecordedBatch:
    batch: ExternalBatch
    sheets: tuple[str, ...]  # the names the sheets got (检查安排, 外部抽取核对), then the 抽取记录 sheet

    @property
    def errors(self) -> int:
        return count(self.batch.issues)[0]


def message(issue: Issue) -> str:
    params = {"value": issue.value, **issue.params}
    return CATALOGUE[issue.code].template.format(**params)


def _imported_digests(book: WorkbookPort) -> dict[str, str]:
    """SHA-256 of every list already recorded → its batch."""
    found: dict[str, str] = {}
    for sheet in copies(book, out.LOG):
        for _number, row in book.read_table(sheet).records():
            if str(row.get("类型") or "").strip().casefold() != EXTERNAL:
                continue
            try:
                content = json.loads(str(row.get("内容(JSON)")))
                found[content["source"]["sha256"]] = str(row.get("批次") or "")
            except (ValueError, KeyError, TypeError):
                continue
    return found


def check_sheet(batch: ExternalBatch) -> SheetOut:
    rows = [[i.sheet, i.row, i.column, i.field, "错误" if i.is_error else "警告", i.code, message(i), i.value]
            for i in batch.issues]
    fills = {n: FILL_ERROR if i.is_error else FILL_WARNING for n, i in enumerate(batch.issues)}
    errors, warnings = count(batch.issues)
    note = (f"外部抽取 {batch.batch}：来源 {batch.source}，{batch.rows} 行，记录 {len(batch.visits)} 户；"
            f"{errors} 行未导入（错误），{warnings} 个警告（已照录）。")
    return SheetOut(CHECK_SHEET, CHECK_COLUMNS, rows, preamble=[[note]], row_fills=fills,
                    widths=(14, 6, 5, 14, 6, 30, 70, 24))


def record_batch(book: WorkbookPort, rows: Sequence[ListRow], *, source: str, digest: str, now: dt.datetime,
                 drawn_on: dt.date | None = None, batch: str | None = None,
                 task_aliases: Mapping[str, str] | None = None, where: Where | None = None) -> RecordedBatch:
    """Record the list's batch in ``book``: a new 检查安排 sheet, the 外部抽取核对 sheet when something was doubtful,
    and the 抽取记录 row. Nothing is written when the same list was recorded before or no row can be used."""
    earlier = _imported_digests(book).get(digest)
    if earlier is not None:
        raise AddinError("import-draw.already-imported", f"这份抽取结果清单（{source}）已作为批次“{earlier}”导入过，"
                         "不重复记录。需要更正时，请先作废该批次（ssj void）。", {"batch": earlier})
    read = read_source(book, now.date())
    source_rows = read.source
    taken = [b.plan_id for b in read_batches(book)]
    name = batch or next_plan_id(source_rows.unit_name, source_rows.year, taken, "外部抽取")
    if name in taken:
        raise AddinError("import-draw.batch-exists", f"抽取记录中已有批次“{name}”：请用 --batch 指定另一个批次名称。",
                         {"batch": name})
    day = drawn_on or max((r.drawn_on for r in rows if r.drawn_on), default=now.date())
    found = external_batch(rows, batch=name, source=source, digest=digest, drawn_on=day,
                           tasks=source_rows.tasks, targets=read.targets, inspectors=read.inspectors,
                           task_aliases=task_aliases, where=where)
    if not found.visits:
        shown = "；".join(message(i) for i in found.issues if i.is_error)[:500]
        raise AddinError("import-draw.nothing", f"清单中没有可以记录的行：{shown or '清单是空的'}", {"source": source})
    names = [book.add_sheet(arrangement_sheet(arrangement_rows(found)))]
    if found.issues:
        names.append(book.add_sheet(check_sheet(found)))
    content = json.dumps(found.content(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    log_row = [0, EXTERNAL, name, now, found.describe(), found.entry_hash(), ZERO, content]
    names.append(book.append_rows(log_sheet([log_row])))
    return RecordedBatch(found, tuple(names))


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
