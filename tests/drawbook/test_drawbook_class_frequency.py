"""频次 and 同一对象年度抽查上限 per credit-risk class: high-risk firms inspected again in the same year.

The failure this fixes: a task with 频次 2 and D 100 % drew every D firm in its first batch; in the second
batch all of them were at the yearly cap of 1, so the batch drew no D firm at all. Now a task can set A类频次 …
D类频次 and 设置 can set A类同一对象年度抽查上限 … D类同一对象年度抽查上限; the freeze honours both, and 抽取排除
says why every target is left out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from drawbook_cases import (
    CLASSES,
    DAY,
    DRAW_TIME,
    FREEZE_TIME,
    PLAN,
    PLAN_HEADER,
    PUBLIC,
    records,
    sheets,
    write_book,
)

from addin.services.draw.draw import draw
from addin.services.draw.freeze import Frozen, freeze
from addin.services.validate import validate_path

D_FIRMS = [code for i, code in enumerate(PUBLIC) if CLASSES[i % len(CLASSES)] == "D"]
A_FIRMS = [code for i, code in enumerate(PUBLIC) if CLASSES[i % len(CLASSES)] == "A"]


def plan(batches: int, a: int | None = None, d: int | None = None) -> list[tuple[Any, ...]]:
    """The test plan with T01 (公共场所, A 10 %, D 100 %) at ``batches`` 频次 and optional A类频次 / D类频次."""
    rows: list[tuple[Any, ...]] = [(*PLAN_HEADER, "A类频次", "D类频次")]
    for row in PLAN[1:]:
        values = list(row)
        if row[0] == "T01":
            values[PLAN_HEADER.index("频次")] = batches
            rows.append((*values, a, d))
        else:
            rows.append((*values, None, None))
    return rows


def two_batches(tmp_path: Path, content: dict[str, list[tuple[Any, ...]]]) -> tuple[Path, Frozen]:
    book = write_book(tmp_path / "b.xlsx", content)
    first = freeze(book, tmp_path / "f1.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    drawn = draw(first.out, tmp_path / "d1.xlsx", randomness=[("test", "1", "one")], now=DRAW_TIME)
    second = freeze(drawn.out, tmp_path / "f2.xlsx", day=DAY, sources=[("test", "2")], now=FREEZE_TIME)
    return drawn.out, second


def pool(frozen: Frozen) -> dict[str, str]:
    lines = (frozen.evidence / "pool.tsv").read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0]: line.split("\t")[1] for line in lines}


def t01_rates(frozen: Frozen) -> dict[str, str]:
    plan_json = json.loads((frozen.evidence / "plan.json").read_text(encoding="utf-8"))
    return next(t["alloc"]["rates"] for t in plan_json["tasks"] if t["task_id"].split("/")[0] == "T01")


def drawn_t01(path: Path) -> set[str]:
    return {r["统一社会信用代码"] for r in records(path, "检查安排") if "T01" in str(r["任务编号"])}


def test_one_yearly_cap_leaves_the_second_batch_without_d_firms_and_says_so(tmp_path: Path) -> None:
    content = sheets(年度抽查计划=plan(2))
    first_out, second = two_batches(tmp_path, content)
    assert set(D_FIRMS) <= drawn_t01(first_out)  # D at 100 %: all four in the first batch
    assert not set(D_FIRMS) & set(pool(second))  # … and none left for the second
    over = {r["编号"] for r in records(second.out, second.exclusions_sheet) if r["原因代码"] == "target.over-cap"}
    assert set(D_FIRMS) <= over
    warnings = [i for i in validate_path(tmp_path / "b.xlsx", today=DAY).issues if i.code == "plan.frequency-over-cap"]
    assert [(i.row, i.column, i.params["stratum"]) for i in warnings] == [(2, "L", "D")]


def test_class_frequencies_and_caps_let_d_firms_be_inspected_again(tmp_path: Path) -> None:
    content = sheets(年度抽查计划=plan(1, a=1, d=2))
    content["设置"] = [*content["设置"], ("D类同一对象年度抽查上限", 2)]
    checks = {"plan.frequency-over-cap", "plan.frequencies-not-increasing", "plan.rates-not-increasing"}
    assert not [i for i in validate_path(write_book(tmp_path / "v.xlsx", content), today=DAY).issues if i.code in checks]
    _first_out, second = two_batches(tmp_path, content)
    assert "第 2 批（共 2 批）" in next(c.note for c in second.choices if c.task.number == "T01")
    assert "A类、B类、C类、未分类的频次已用完" in next(c.note for c in second.choices if c.task.number == "T01")
    assert {code: stratum for code, stratum in pool(second).items() if stratum == "D"} == dict.fromkeys(D_FIRMS, "D")
    assert t01_rates(second) == {"A": "0", "B": "0", "C": "0", "D": "1", "U": "0"}
    left = {r["编号"]: r for r in records(second.out, second.exclusions_sheet)}
    for code in A_FIRMS:
        assert left[code]["原因代码"] == "target.class-frequency-used"
        assert "任务 T01 本批为第 2 批，A类频次 1 批已用完" in left[code]["原因"]
    again = draw(second.out, tmp_path / "d2.xlsx", randomness=[("test", "2", "two")], now=DRAW_TIME)
    second_batch = {r["统一社会信用代码"] for r in records(again.out, "检查安排 (2)")
                    if r["抽取批次"] == second.plan_id and "T01" in str(r["任务编号"])}
    assert second_batch == set(D_FIRMS)  # the D firms, a second time this year; nobody else
