"""Sheet-level and cross-sheet codes: missing sheets and columns, duplicate keys, references, inspectors, plan."""

from __future__ import annotations

import datetime as dt

import pytest
from sample_books import (
    CONFLICT_HEADER,
    TODAY,
    flat,
    good_sheets,
    idcard,
    issues_of,
    only,
    set_cell,
    uscc,
)

from addin.adapters.memory import MemoryBook
from addin.core.errors import AddinError
from addin.services.validate import validate_book

T, INS, C, S, P = "检查对象名录库", "执法检查人员名录库", "回避关系", "抽查事项清单", "年度抽查计划"


def test_the_good_county_has_no_issue() -> None:
    report = validate_book(MemoryBook(good_sheets()), today=TODAY)
    assert (report.status, report.issues) == ("ok", ())
    assert report.sheets_found == ("设置", T, INS, C, S, P)


def test_a_section_submission_is_validated_on_what_it_holds() -> None:
    assert flat(only(good_sheets(), T)) == []
    assert flat(only(good_sheets(), INS, S)) == []


def test_sheets_that_the_present_sheets_point_into_are_missing() -> None:
    assert flat(only(good_sheets(), C)) == [(T, None, None, "sheet.missing"), (INS, None, None, "sheet.missing")]
    assert flat(only(good_sheets(), "设置", T, INS, P)) == [(S, None, None, "sheet.missing")]


def test_a_workbook_without_any_known_sheet_is_refused() -> None:
    with pytest.raises(AddinError) as caught:
        validate_book(MemoryBook({"Sheet1": [["a", "b"], [1, 2]]}), today=TODAY)
    assert caught.value.code == "file.no-known-sheet"


def test_missing_required_column_is_reported_once_not_per_row() -> None:
    sheets = only(good_sheets(), T)
    for row in sheets[T]:
        del row[3]  # 地址
    assert flat(sheets) == [(T, 1, None, "sheet.missing-column")]


def test_sheet_names_with_stray_spaces_are_recognised() -> None:
    sheets = only(good_sheets(), T)
    sheets[" 检查对象名录库\u3000"] = sheets.pop(T)
    report = validate_book(MemoryBook(sheets), today=TODAY)
    assert report.sheets_found == (" 检查对象名录库\u3000",)
    assert report.issues == ()


def test_duplicate_keys_of_every_registry() -> None:
    sheets = good_sheets()
    sheets[T].append([uscc(2).lower(), "重复的游泳馆", "企业", "城关镇", "城关镇", "游泳场（馆）", "公共卫生股", "在营",
                      "A"])
    sheets[INS].append(["赵四", idcard(9), "wj002", dt.date(2026, 12, 31), "卫生健康局", "公共场所", "在岗"])
    sheets[INS].append(["钱五", idcard(1), "WJ009", dt.date(2026, 12, 31), "卫生健康局", "公共场所", "在岗"])
    sheets[S].append(["S01", "重复事项", "一般", "公共场所", "公共场所"])
    sheets[P].append(["T01", "重复任务", "定向", "S02", "公共场所", None, "10%", None, dt.date(2024, 5, 1),
                      dt.date(2024, 6, 1), "卫生健康局", None])
    assert flat(sheets) == [
        (T, 6, "A", "row.duplicate-key"),
        (INS, 5, "C", "row.duplicate-key"),
        (INS, 6, "B", "row.duplicate-key"),
        (S, 4, "A", "row.duplicate-key"),
        (P, 4, "A", "row.duplicate-key"),
    ]
    masked = [i.value for i in issues_of(sheets) if i.row == 6 and i.sheet == INS]
    assert masked == [idcard(1)[:4] + "*" * 10 + idcard(1)[-4:]]


def test_conflicts_must_name_known_inspectors_and_targets() -> None:
    sheets = good_sheets()
    sheets[C] = [[*CONFLICT_HEADER], ["WJ001", uscc(2), "曾任职"], ["WJ404", uscc(3), "亲属"], ["WJ002", uscc(77), "其他"]]
    assert flat(sheets) == [(C, 3, "A", "ref.unknown-inspector"), (C, 4, "B", "ref.unknown-target")]


def test_plan_references_items_categories_and_townships() -> None:
    sheets = good_sheets()
    set_cell(sheets, P, 2, "抽查事项", "S01、S99")
    set_cell(sheets, P, 3, "检查对象类别", "滑雪场")
    set_cell(sheets, P, 3, "所属乡镇", "南山乡、西山乡")
    set_cell(sheets, S, 3, "检查对象类别", "学校卫生")
    found = issues_of(sheets)
    assert [i.flat() for i in found] == [
        (S, 3, "D", "ref.item-category-no-targets"),
        (P, 2, "D", "ref.unknown-item"),
        (P, 3, "E", "ref.unknown-category"),
        (P, 3, "F", "ref.unknown-township"),
    ]
    # a county keeps the provincial items of categories it has no target of: a warning; a task is an error
    assert [i.is_error for i in found] == [False, True, True, False]


def test_departments_need_an_inspector_who_may_be_drawn_through_the_task_end() -> None:
    sheets = good_sheets()
    set_cell(sheets, INS, 4, "执法证有效期至", dt.date(2024, 8, 31))  # 体育局's only inspector: expires mid-task
    set_cell(sheets, P, 3, "配合部门", "市场监督管理局")
    assert flat(sheets) == [(P, 2, "L", "ref.no-inspector-for-department"), (P, 3, "L", "ref.no-inspector-for-department")]
    set_cell(sheets, INS, 4, "执法证有效期至", dt.date(2026, 12, 31))
    set_cell(sheets, INS, 4, "在岗状态", "借调")
    set_cell(sheets, P, 3, "配合部门", None)
    assert flat(sheets) == [(P, 2, "L", "ref.no-inspector-for-department")]


def test_an_item_needs_an_expertise_some_drawable_inspector_has() -> None:
    sheets = good_sheets()
    sheets[S].append(["S03", "放射诊疗检查", "一般", "公共场所", "放射卫生"])
    set_cell(sheets, INS, 2, "专业领域", "公共场所、放射卫生")
    set_cell(sheets, INS, 2, "在岗状态", "退休")
    assert flat(sheets) == [(S, 4, "E", "ref.no-expertise")]


def test_an_item_is_judged_by_the_end_of_the_tasks_that_use_it() -> None:
    """The 2024 plan validated in 2026: inspectors valid through the tasks' end count, though expired now."""
    sheets = good_sheets()
    for row in (2, 3, 4):
        set_cell(sheets, INS, row, "执法证有效期至", dt.date(2024, 12, 31))
    later = dt.date(2026, 3, 1)
    assert [i.code for i in issues_of(sheets, later) if i.is_error] == []
    assert {i.code for i in issues_of(sheets, later)} == {"inspector.certificate-expired"}
    # 卫生健康局's 公共场所 inspectors valid through October: enough for T01 (S01, ends 09-30), not for T02
    # (S02, ends 11-30)
    set_cell(sheets, INS, 2, "执法证有效期至", dt.date(2024, 10, 31))
    set_cell(sheets, INS, 3, "执法证有效期至", dt.date(2024, 10, 31))
    assert [i.flat() for i in issues_of(sheets, later) if i.is_error] == [
        (S, 3, "E", "ref.no-expertise"), (P, 3, "K", "ref.no-inspector-for-department")]
    sheets[S].append(["S03", "未使用的事项", "一般", "公共场所", "体育"])  # used by no task: as of the run date
    assert (S, 4, "E", "ref.no-expertise") in [i.flat() for i in issues_of(sheets, later)]


def test_expired_certificates_are_a_warning_as_of_the_run_date() -> None:
    sheets = only(good_sheets(), INS)
    set_cell(sheets, INS, 3, "执法证有效期至", dt.date(2024, 2, 29))
    set_cell(sheets, INS, 4, "执法证有效期至", dt.date(2024, 3, 1))  # valid through today
    found = issues_of(sheets)
    assert [i.flat() for i in found] == [(INS, 3, "D", "inspector.certificate-expired")]
    assert not found[0].is_error
    assert flat(sheets, today=dt.date(2024, 3, 2)) == [(INS, 3, "D", "inspector.certificate-expired"),
                                                      (INS, 4, "D", "inspector.certificate-expired")]


def test_plan_windows_deadlines_and_ratios() -> None:
    sheets = good_sheets()
    set_cell(sheets, P, 2, "开始日期", dt.date(2024, 10, 1))  # after its end (09-30)
    set_cell(sheets, P, 2, "A类比例", 0)  # a class set to 0 %
    set_cell(sheets, P, 3, "结束日期", dt.date(2024, 12, 25))  # after 任务完成截止 12-20
    set_cell(sheets, P, 3, "抽查比例", "150%")
    sheets[P].append(["T03", "跨年任务", "定向", "S02", "公共场所", None, "5%", None, dt.date(2023, 12, 1),
                      dt.date(2024, 1, 31), "卫生健康局", None])
    assert flat(sheets) == [
        (P, 2, "H", "plan.ratio-invalid"),
        (P, 2, "I", "plan.window-invalid"),
        (P, 3, "G", "plan.ratio-invalid"),
        (P, 3, "J", "plan.window-after-deadline"),
        (P, 4, "I", "plan.window-invalid"),
    ]


def test_the_task_deadline_is_a_setting() -> None:
    sheets = good_sheets()
    sheets["设置"].append(["任务完成截止", "11-15"])
    assert flat(sheets) == [(P, 3, "J", "plan.window-after-deadline")]


def test_coverage_below_the_annual_target_is_a_warning() -> None:
    sheets = good_sheets()
    sheets["设置"][3] = ["年度抽查覆盖率目标", "50%"]  # 3 in-business targets → at least 1.5 expected
    set_cell(sheets, P, 2, "抽查比例", "10%")  # one of the two pools, ceil(10 % × 1) = 1 per class
    set_cell(sheets, P, 3, "所属乡镇", None)
    found = issues_of(sheets)
    assert [i.flat() for i in found] == []  # 2 swimming pools (A, B: 1 each) + 1 公共场所 in business = 3 ≥ 1.5
    sheets["设置"][3] = ["年度抽查覆盖率目标", "100%"]
    set_cell(sheets, T, 3, "信用风险分类", "A")  # both pools now one stratum: ceil(10 % × 2) = 1 of 2
    found = issues_of(sheets)
    assert [i.flat() for i in found] == [(P, None, None, "plan.coverage-below-target")]
    assert not found[0].is_error
    assert found[0].params["expected"] == "2"  # 1 pool + the 1 公共场所 in business
    assert found[0].params["needed"] == 3


def test_a_task_whose_scope_holds_no_target_in_business_is_a_warning() -> None:
    sheets = good_sheets()
    set_cell(sheets, P, 3, "所属乡镇", "北山镇")  # its only 公共场所 is 停业
    assert flat(sheets) == [(P, 3, "E", "plan.no-targets")]


def test_an_empty_known_sheet_and_a_repeated_column_are_warnings() -> None:
    sheets = only(good_sheets(), T)
    sheets["回避关系"] = []
    sheets[T][0].append("单位名称")
    for row in sheets[T][1:]:
        row.append("别名")
    found = issues_of(sheets)
    assert [i.flat() for i in found] == [(T, 1, "J", "sheet.duplicate-column"), (INS, None, None, "sheet.missing"),
                                         (C, 1, None, "sheet.empty")]
    assert [i.is_error for i in found] == [False, True, False]


def test_results_reference_the_plan_the_targets_and_the_inspectors() -> None:
    sheets = good_sheets()
    sheets["检查结果"] = [
        ["任务编号", "统一社会信用代码", "检查日期", "检查人员", "检查方式", "检查结果", "录入部门"],
        ["T01", uscc(1), dt.date(2024, 6, 1), "WJ001、WJ002", "实地检查", "未发现问题", "卫生健康局"],
        ["T09", uscc(88), dt.date(2024, 6, 1), "WJ001、WJ404", "现场检查", "发现问题经责令已改正", "卫生健康局"],
    ]
    assert flat(sheets) == [("检查结果", 3, "A", "ref.unknown-task"), ("检查结果", 3, "B", "ref.unknown-target"),
                            ("检查结果", 3, "D", "ref.unknown-inspector")]


def test_a_business_listed_under_two_categories_is_one_business_not_a_duplicate() -> None:
    sheets = good_sheets()
    first = next(r for r in sheets[T][1:] if r[0] == uscc(2))
    sheets[T].append([first[0], first[1], first[2], first[3], first[4], "公共场所", *first[6:]])
    assert flat(sheets) == []
    sheets[T].append([first[0].lower(), "同一类别再列一次", *first[2:]])
    found = [i for i in issues_of(sheets) if i.code == "row.duplicate-key"]
    assert [(i.row, i.params["first_row"], i.params["key"]) for i in found] == [
        (len(sheets[T]), sheets[T].index(first) + 1, "统一社会信用代码、检查对象类别")]
    sheets[T].append([first[0], "类别空着", *first[2:5], None, *first[6:]])  # repeats the code, whatever category
    found = [i for i in issues_of(sheets) if i.code == "row.duplicate-key"]
    assert [(i.row, i.params["first_row"]) for i in found][1:] == [(len(sheets[T]), sheets[T].index(first) + 1)]
