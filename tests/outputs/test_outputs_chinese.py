"""Sheet contents in Chinese: reminder kinds (codes only in their own column), log kinds, 未分类, the public
notice's items — as the demo writes them on the example workbook."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.services.demo import DemoRun
from addin.services.draw.book import read_source
from addin.services.post_book import load
from addin.services.report import build

LATIN = re.compile(r"[A-Za-z]")


def _column(path: Path, sheet: str, name: str) -> list[str]:
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header_row = next(i for i, r in enumerate(rows) if name in r)
    index = rows[header_row].index(name)
    return [str(r[index]) for r in rows[header_row + 1:] if len(r) > index and r[index] is not None]


def test_reminder_and_log_kinds_are_chinese_labels(demo_out: Path) -> None:
    kinds = _column(demo_out / "时限提醒.xlsx", "时限提醒", "事项")
    assert kinds
    assert not [k for k in kinds if LATIN.search(k)]
    codes = _column(demo_out / "时限提醒.xlsx", "时限提醒", "代码")
    assert "plan.not-published" not in kinds
    assert len(codes) == len(kinds)
    assert set(_column(demo_out / "抽取.xlsx", "抽取记录", "类型")) == {"冻结", "随机源取值", "抽取结果"}


def test_unclassified_is_written_in_chinese(demo_out: Path) -> None:
    classes = set(_column(demo_out / "抽取.xlsx", "抽取结果", "信用风险分类"))
    assert "未分类" in classes
    assert "U" not in classes


def test_the_public_notice_names_its_items_in_chinese(demo_out: Path) -> None:
    items = _column(demo_out / "抽取公示.xlsx", "抽取公示", "项目")
    assert not [i for i in items if LATIN.search(i)]
    assert not [v for v in _column(demo_out / "抽取公示.xlsx", "抽取公示", "内容") if ".tsv" in v or ".json" in v]


def test_the_report_counts_the_small_items_the_forms_list(demo: DemoRun) -> None:
    """月报表 row 4 (大项 / 小项) and the 一企一表 of the same items count 小项 the same way."""
    assert demo.book is not None
    inputs = load(OpenpyxlBook.read(demo.book), dt.date(2024, 6, 5))
    read = read_source(OpenpyxlBook.read(demo.book), dt.date(2024, 6, 5))
    for code, item in read.items.items():
        assert inputs.items[code].sub_items == len(item.checks or (item.name,)), code
    text = build(inputs, 2024, 5, dt.date(2024, 6, 5), []).items
    found = re.match(r"共(\d+)大项、(\d+)小项", text)
    assert found
    drawn = {c for t in inputs.tasks for c in t.items if t.task_id in {v for x in inputs.draws.visits
                                                                       for v in x.task_ids}}
    assert int(found.group(2)) == sum(len(read.items[c].checks or (read.items[c].name,)) for c in drawn)
