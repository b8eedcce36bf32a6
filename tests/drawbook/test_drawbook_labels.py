"""Labels that differ only by white space or control characters (标签规范化): validation and freeze read them
in one form, so a target is never dropped silently; every row of the batch's scope that the freeze leaves out
is in 抽取排除 with its reason and its Excel row; a refusal of the freeze names sheet, row and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drawbook_cases import DAY, FREEZE_TIME, PUBLIC, SWIM, TARGET_HEADER, records, sheets, write_book

from addin.core.errors import AddinError
from addin.core.freeze.build import FreezeSource, SheetPlace, build_freeze
from addin.core.records import TargetRow
from addin.core.validation.normalise import label
from addin.services.draw.freeze import Frozen, freeze
from addin.services.validate import validate_path

CATEGORY, TOWN = TARGET_HEADER.index("检查对象类别"), TARGET_HEADER.index("所属乡镇")


def _with_cell(row: int, column: int, value: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The test county with one cell of 检查对象名录库 replaced (``row`` is the Excel row)."""
    content = sheets()
    targets = list(content["检查对象名录库"])
    cells = list(targets[row - 1])
    cells[column] = value
    targets[row - 1] = tuple(cells)
    content["检查对象名录库"] = targets
    return content


def _pool(frozen: Frozen) -> dict[str, list[str]]:
    lines = (frozen.evidence / "pool.tsv").read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0]: line.split("\t")[1:] for line in lines}


def _scope_is_accounted_for(frozen: Frozen) -> None:
    """Every target of the frozen tasks' scope (category, 乡镇 as :func:`label`) is in pool.tsv or in 抽取排除
    with its Excel row — nothing in between."""
    tasks = frozen.build.tasks
    targets = records(frozen.out, "检查对象名录库")
    in_scope = {}
    for row, target in enumerate(targets, 2):
        category, town = label(target["检查对象类别"]), label(target["所属乡镇"])
        if any(t.category == category and (not t.towns or town in t.towns) for t in tasks):
            in_scope[target["统一社会信用代码"]] = row
    excluded = {r["编号"]: r["所在行"] for r in records(frozen.out, "抽取排除") if r["名录"] == "检查对象"}
    pooled = set(_pool(frozen))
    assert pooled.isdisjoint(excluded)
    assert pooled | set(excluded) == set(in_scope)
    assert all(excluded[code] == in_scope[code] for code in excluded)
    depts = {s.dept for s in frozen.build.subtasks}
    people = {r["执法证号"]: row for row, r in enumerate(records(frozen.out, "执法检查人员名录库"), 2)
              if label(r["所属单位"]) in depts}
    left = {r["编号"]: r["所在行"] for r in records(frozen.out, "抽取排除") if r["名录"] == "执法检查人员"}
    rostered = {line.split("\t")[0] for line in (frozen.evidence / "roster.tsv").read_text("utf-8").splitlines()}
    assert rostered | set(left) == set(people)
    assert all(left[code] == people[code] for code in left)


VARIANTS = {
    "inner space": "公共 场所",
    "inner TAB": "公共\t场所",
    "line break": "公共\n场所",
    "full-width space": "公共\u3000场所",
    "no-break space": "公共\u00a0场所",
    "zero-width space": "公共\u200b场所",
}


@pytest.mark.parametrize("value", VARIANTS.values(), ids=VARIANTS.keys())
def test_a_category_with_hidden_characters_is_the_same_category_in_validate_and_freeze(tmp_path: Path,
                                                                                      value: str) -> None:
    row = 2 + 3  # PUBLIC[3], a D-class target: drawn at 100 % in T01
    book = write_book(tmp_path / "b.xlsx", _with_cell(row, CATEGORY, value))
    report = validate_path(book, today=DAY)
    assert not [i for i in report.issues if i.is_error]
    warned = [i for i in report.issues if i.code == "schema.label-normalised"]
    assert [(i.sheet, i.row, i.column) for i in warned] == [("检查对象名录库", row, "H")]
    frozen = freeze(book, tmp_path / "o" / "冻结.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    assert _pool(frozen)[PUBLIC[3]] == ["D", "公共场所/", "南河镇/"]
    _scope_is_accounted_for(frozen)


def test_a_line_break_inside_a_township_is_read_as_the_township(tmp_path: Path) -> None:
    book = write_book(tmp_path / "b.xlsx", _with_cell(2 + 3, TOWN, "南河\n镇"))
    frozen = freeze(book, tmp_path / "o" / "冻结.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    assert _pool(frozen)[PUBLIC[3]] == ["D", "公共场所/", "南河镇/"]


def test_half_width_brackets_are_the_same_category_without_a_warning(tmp_path: Path) -> None:
    row = 2 + len(PUBLIC)  # SWIM[0]
    book = write_book(tmp_path / "b.xlsx", _with_cell(row, CATEGORY, "游泳场(馆)"))
    report = validate_path(book, today=DAY)
    assert not [i for i in report.issues if i.code == "schema.label-normalised" or i.is_error]
    frozen = freeze(book, tmp_path / "o" / "冻结.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    assert _pool(frozen)[SWIM[0]] == ["B", "游泳场（馆）/", "城关镇/"]
    _scope_is_accounted_for(frozen)


def test_the_scope_of_the_plain_county_is_accounted_for(frozen: Frozen) -> None:
    _scope_is_accounted_for(frozen)


def _source(targets: list[TargetRow], frozen: Frozen) -> FreezeSource:
    base = frozen.build
    return FreezeSource(year=2024, unit_name="测试县卫生健康局", targets=tuple(targets), inspectors=(), conflicts=(),
                        items={}, tasks=base.tasks,
                        places={"targets": SheetPlace("名录", {"统一社会信用代码": "C", "所属乡镇": "F"})})


def test_a_refusal_of_the_freeze_names_sheet_excel_row_and_column(frozen: Frozen) -> None:
    good = TargetRow(PUBLIC[0], "甲", "城关镇", "公共场所", "在营", "A", row=7)
    bad = TargetRow("91-14", "乙", "城关镇", "公共场所", "在营", "A", row=1148)
    with pytest.raises(AddinError) as info:
        build_freeze(_source([good, bad], frozen), frozen.build.tasks, "X-2024年第1批", [("test", "1")])
    assert info.value.code == "freeze.bad-value"
    assert "名录 第 1148 行 C 列（统一社会信用代码）" in info.value.message
    assert (info.value.params["sheet"], info.value.params["row"], info.value.params["column"]) == ("名录", 1148, "C")
    twin = TargetRow(PUBLIC[0].lower(), "丙", "城关镇", "公共场所", "在营", "B", row=30)
    with pytest.raises(AddinError) as info:
        build_freeze(_source([good, twin], frozen), frozen.build.tasks, "X-2024年第1批", [("test", "1")])
    assert info.value.code == "freeze.duplicate"
    assert "第 7 行、第 30 行" in info.value.message
