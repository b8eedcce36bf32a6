"""What ``ssj risk`` reads: this year's workbook and, optionally, earlier years' results.

- This year's workbook: 设置 (thresholds), 检查对象名录库 (profiles, licences, 登记日期), 年度抽查计划, the draws, the
  检查结果 rows that agree with the draws (those that do not are left out, as in the statistics), the 节假日
  calendar, and the optional sheet 往年检查结果 (checked for shape only: a row with an error in a column the
  analysis reads is skipped and counted).
- ``--history FILE…``: earlier years' workbooks; their 检查结果 and 往年检查结果 rows, profiled by *their*
  检查对象名录库 (the class and category at the time) and, for targets it does not list, by this year's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from addin.adapters.calamine_book import CalamineBook
from addin.core import validation as _validation  # noqa: F401  (first: its package imports settings)
from addin.core.errors import AddinError
from addin.core.records import PlanTask, TargetRow, target_of, task_of
from addin.core.risk.inspections import UNKNOWN, Inspection, Profile, stratum_of, unique
from addin.core.validation.records import Record, read_sheet
from addin.ports import WorkbookPort
from addin.schemas import load_schemas
from addin.services.layouts import input_table
from addin.services.post_book import PostInputs, load, result_of
from addin.services.results import Checked, check

HISTORY_SHEET = "往年检查结果"
CURRENT = "检查结果"
READ = ("任务编号", "统一社会信用代码", "检查日期", "检查结果", "后续处置", "整改期限", "整改完成日期", "检查对象类别",
        "信用风险分类", "所属乡镇")


@dataclass(frozen=True, slots=True)
class SourceCount:
    """How many rows of one source were used, and how many were skipped (with an error in a column read)."""

    source: str
    used: int
    skipped: int


@dataclass(frozen=True, slots=True)
class RiskInputs:
    post: PostInputs
    checked: Checked
    targets: tuple[TargetRow, ...]
    tasks: tuple[PlanTask, ...]
    inspections: tuple[Inspection, ...]  # this year's accepted results and every earlier one, each once
    pending: Mapping[str, str]  # 统一社会信用代码 → the batch that drew it, for targets awaiting their visit
    counts: tuple[SourceCount, ...] = field(default=())


def profiles(targets: Iterable[TargetRow]) -> dict[str, Profile]:
    return {t.uscc: Profile(t.name, t.categories[0] if t.categories else UNKNOWN, stratum_of(t.risk), t.town or UNKNOWN, t.office or UNKNOWN)
            for t in targets}


def _records(book: WorkbookPort, kind: str, today: dt.date) -> tuple[list[Record], set[int]]:
    """The rows of an input sheet and the rows with an error in a column the analysis reads."""
    schema = load_schemas()[kind]
    table = input_table(book, kind)  # found where it is: by name, other name or columns; header row
    if table is None:
        return [], set()
    read = read_sheet(table, schema, today=today)
    bad = {i.row for i in read.issues if i.is_error and i.row is not None and (i.field in READ or i.field is None)}
    return list(read.records), bad


def _profile(rec: Record, known: Mapping[str, Profile]) -> Profile:
    """The profile written in the row (往年检查结果's optional columns), completed from a registry."""
    base = known.get(str(rec.get("统一社会信用代码") or "").strip(), Profile())
    category, stratum, town = rec.get("检查对象类别"), rec.get("信用风险分类"), rec.get("所属乡镇")
    return Profile(str(rec.get("单位名称") or base.name), str(category).strip() if category else base.category,
                   stratum_of(stratum) if stratum else base.stratum, str(town).strip() if town else base.town,
                   base.office)


def sheet_inspections(book: WorkbookPort, kind: str, source: str, known: Mapping[str, Profile],
                      today: dt.date) -> tuple[list[Inspection], SourceCount]:
    records, bad = _records(book, kind, today)
    found = [Inspection(result_of(r), _profile(r, known), source) for r in records
             if r.row not in bad and r.get("统一社会信用代码") and r.get("检查日期") and r.get("检查结果")]
    return found, SourceCount(source, len(found), len(records) - len(found))


def history_file(path: Path, current: Mapping[str, Profile], today: dt.date) -> tuple[list[Inspection], list[SourceCount]]:
    """The results of an earlier year's workbook (its 检查结果 and 往年检查结果); a file that cannot be read is
    refused with its name (``--history`` may list many)."""
    try:
        book = CalamineBook.read(path)
    except AddinError as err:
        raise AddinError(err.code, f"往年工作簿 {path.name}：{err.message}", {**err.params, "path": str(path)}) from err
    try:
        targets, _bad = _records(book, "targets", today)
        own = profiles(target_of(r) for r in targets if r.get("统一社会信用代码"))
        known = {**current, **own}
        found, counts = [], []
        for kind, sheet in (("results", CURRENT), ("history", HISTORY_SHEET)):
            items, count = sheet_inspections(book, kind, f"{path.name} › {sheet}", known, today)
            found += items
            if count.used or count.skipped:
                counts.append(count)
        return found, counts
    finally:
        book.close()


def read_inputs(book: WorkbookPort, today: dt.date, history: Sequence[Path] = ()) -> RiskInputs:
    """This year's workbook (any port) and the earlier workbooks ``history``."""
    post = load(book, today)
    checked = check(post, today)
    targets_recs, _bad = _records(book, "targets", today)
    targets = tuple(target_of(r) for r in targets_recs if r.get("统一社会信用代码"))
    plan_recs, _bad = _records(book, "plan", today)
    tasks = tuple(task_of(r) for r in plan_recs if r.get("任务编号"))
    known = profiles(targets)
    current = [Inspection(r, known.get(r.uscc, Profile(post.names.get(r.uscc, ""))), CURRENT) for r in checked.accepted]
    counts = [SourceCount(CURRENT, len(current), len(post.results) - len(current))]
    earlier, count = sheet_inspections(book, "history", HISTORY_SHEET, known, today)
    if count.used or count.skipped:
        counts.append(count)
    for path in history:
        items, found = history_file(path, known, today)
        earlier += items
        counts += found
    done = {(r.task_id, r.uscc) for r in checked.accepted}
    pending = {v.uscc: v.batch for v in post.draws.valid_visits()
               if not any((task, v.uscc) in done for task in v.task_ids)}
    return RiskInputs(post, checked, targets, tasks, tuple(unique([*current, *earlier])), pending, tuple(counts))
