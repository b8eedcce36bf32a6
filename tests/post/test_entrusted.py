"""委托检测 on record: institution, 资质, report number and date, conclusion — checked, kept, counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from post_cases import RESULT_HEADER, RESULTS, inputs_of

from addin.services.results import check
from addin.services.statistics import compute
from addin.services.validate import validate_path

D = dt.date
TODAY = D(2025, 11, 3)
HEADER = (*RESULT_HEADER, "检测机构", "资质证书编号", "报告编号", "报告日期", "检测结论")
LAB = ("示例市疾病预防控制中心", "190312340567", "SJK-2025-0612", D(2025, 6, 20), "不达标")


def results(**rows: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """The case's results with the five columns appended (blank), and rows 2…7 replaced as given (``r4=…``)."""
    found = [HEADER, *[(*r, None, None, None, None, None) for r in RESULTS[1:]]]
    for key, tail in rows.items():
        number = int(key[1:])
        found[number - 1] = (*found[number - 1][:15], *tail)
    return found


def codes(path: Path) -> list[tuple[str | None, int | None, str | None, str]]:
    checked = check(inputs_of(path, TODAY), TODAY)
    return [i.flat() for i in checked.issues if i.code.startswith(("result.testing", "result.report"))]


def test_a_complete_record_is_kept_and_counted(make_book: Callable[..., Path]) -> None:
    path = make_book(检查结果=results(r4=LAB))
    assert codes(path) == []
    inputs = inputs_of(path, TODAY)
    row4 = next(r for r in inputs.results if r.row == 4)
    assert (row4.test.institution, row4.test.certificate, row4.test.report_no, row4.test.report_date,
            row4.test.conclusion) == ("示例市疾病预防控制中心", "190312340567", "SJK-2025-0612", D(2025, 6, 20), "不合格")
    stats = {s.task_id: s for s in compute(inputs, check(inputs, TODAY), TODAY)}
    assert (stats["T02"].entrusted, stats["T02"].failed_tests) == (1, 1)
    assert (stats["合计"].entrusted, stats["合计"].failed_tests) == (1, 1)


def test_missing_and_inconsistent_fields_are_warnings_at_their_cells(make_book: Callable[..., Path]) -> None:
    path = make_book(检查结果=results(
        r4=("示例市疾病预防控制中心", None, None, D(2025, 6, 1), "合格"),  # blanks; report before the inspection
        r2=(*LAB[:3], D(2025, 12, 1), "不合格"),  # 实地检查 only; a future report; 不合格 but 未发现问题
    ))
    assert codes(path) == [
        ("检查结果", 2, "E", "result.testing-without-method"),
        ("检查结果", 2, "S", "result.report-in-future"),
        ("检查结果", 2, "T", "result.testing-contradicts"),
        ("检查结果", 4, "Q", "result.testing-incomplete"),
        ("检查结果", 4, "S", "result.report-before-inspection"),
    ]
    checked = check(inputs_of(path, TODAY), TODAY)
    assert {r.row for r in checked.accepted} >= {2, 4}  # warnings never keep a result out of publication
    incomplete = next(i for i in checked.issues if i.code == "result.testing-incomplete")
    assert incomplete.params["missing"] == "资质证书编号、报告编号"
    # ssj validate runs the same rules on the sheet
    report = validate_path(path, today=TODAY)
    assert [i.flat() for i in report.issues if i.code.startswith(("result.testing", "result.report"))] == codes(path)


def test_a_workbook_without_the_columns_is_reminded_once_per_result(make_book: Callable[..., Path]) -> None:
    path = make_book()  # the case's own 检查结果 sheet: no 委托检测 columns, row 4 says 检验检测
    found = [i for i in check(inputs_of(path, TODAY), TODAY).issues if i.code == "result.testing-incomplete"]
    assert [(i.row, i.column, i.field) for i in found] == [(4, None, "检测机构")]
