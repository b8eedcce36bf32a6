"""Demo results: deterministic, marked 演示数据, and consistent with the draws they are made for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from post_cases import RESULT_HEADER, inputs_of

from addin.services.demo_results import MARK, write_demo_results
from addin.services.results import check

TODAY = dt.date(2025, 11, 3)


def test_demo_results_agree_with_the_draws(make_book: Callable[..., Path], tmp_path: Path) -> None:
    book = make_book(检查结果=[RESULT_HEADER])
    first = write_demo_results(book, tmp_path / "a.xlsx", TODAY, share=1.0)
    second = write_demo_results(book, tmp_path / "b.xlsx", TODAY, share=1.0)
    # every valid (visit, task) pair, the voided batch left out; the joint task's visit has a result of each
    # department on its team (卫生健康局 and 市场监督管理局), each signed by its own inspector
    assert first.results == second.results == 5
    inputs = inputs_of(tmp_path / "a.xlsx", TODAY)
    assert {r.entered_by for r in inputs.results} == {MARK}
    assert inputs.results == inputs_of(tmp_path / "b.xlsx", TODAY).results
    checked = check(inputs, TODAY)
    assert [i.code for i in checked.issues if i.is_error] == []
    assert len(checked.accepted) == 5
    joint = [(r.dept, r.inspectors) for r in checked.accepted if r.task_id == "T02"]
    assert joint == [("示例县卫生健康局", ("A1",)), ("示例县市场监督管理局", ("M1",))]


def test_demo_inspections_come_after_their_draw(make_book: Callable[..., Path], tmp_path: Path) -> None:
    book = make_book(检查结果=[RESULT_HEADER])
    write_demo_results(book, tmp_path / "a.xlsx", TODAY, share=1.0)
    inputs = inputs_of(tmp_path / "a.xlsx", TODAY)
    assert inputs.draws.batch_dates is not None
    drawn = inputs.draws.batch_dates["B1"]  # batch B1 was drawn on 2025-06-03; its tasks began in May
    assert drawn == dt.date(2025, 6, 3)
    days = [r.inspected_on for r in inputs.results]
    assert all(day is not None and day > drawn for day in days)
