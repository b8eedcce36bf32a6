"""股室 in the plan: each 股室's expected coverage over the targets it supervises, 发起股室 names, joint results."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sample_books import TARGET_HEADER, TODAY, good_sheets, issues_of, uscc

T, P = "检查对象名录库", "年度抽查计划"
PLAN = ["任务编号", "抽查任务名称", "抽查类型", "抽查事项", "检查对象类别", "抽查比例", "开始日期", "结束日期", "发起部门",
        "发起股室", "协同抽取"]


def offices_book(occupational_rate: str, public_office: str = "公共卫生股") -> dict[str, list[list[Any]]]:
    """100 公共场所 of 公共卫生股 drawn at 10 %, 60 employers of 职业卫生股 drawn at ``occupational_rate``."""
    sheets = good_sheets()
    rows: list[list[Any]] = [[*TARGET_HEADER]]
    for n in range(100):
        rows.append([uscc(100 + n), f"宾馆{n}", "企业", "城关镇1号", "城关镇", "公共场所", "公共卫生股", "在营", "A"])
    for n in range(60):
        rows.append([uscc(300 + n), f"工厂{n}", "企业", "城关镇2号", "城关镇", "用人单位职业卫生", "职业卫生股", "在营",
                     "B"])
    sheets[T] = rows
    sheets["执法检查人员名录库"][1][5] = "公共场所、职业卫生"
    sheets["抽查事项清单"].append(["Z01", "职业卫生检查", "一般", "用人单位职业卫生", "职业卫生"])
    window = (dt.date(2024, 5, 1), dt.date(2024, 11, 30))
    sheets[P] = [PLAN,
                 ["T01", "公共场所抽查", "不定向", "S02", "公共场所", "10%", *window, "卫生健康局", public_office, None],
                 ["T02", "职业卫生抽查", "定向", "Z01", "用人单位职业卫生", occupational_rate, *window, "卫生健康局",
                  "职业卫生股", None]]
    return sheets


def test_each_office_is_held_to_the_coverage_target_over_the_targets_it_supervises() -> None:
    # 职业卫生股: ceil(1 % × 60) = 1 of 60 = 1.7 % < 3 %; 公共卫生股: 10 of 100; the unit: 11 of 160 = 6.9 %
    found = [i for i in issues_of(offices_book("1%")) if i.code.endswith("coverage-below-target")]
    assert [(i.code, i.params["office"], i.params["expected"], i.params["supervised"], i.params["needed"])
            for i in found] == [("plan.office-coverage-below-target", "职业卫生股", "1", 60, 2)]
    assert not found[0].is_error
    assert "职业卫生股" in found[0].params["office"]
    ok = [i for i in issues_of(offices_book("5%")) if i.code.endswith("coverage-below-target")]
    assert ok == []  # ceil(5 % × 60) = 3 of 60 = 5 %


def test_an_office_name_unknown_to_both_registries_is_a_warning() -> None:
    found = issues_of(offices_book("5%", public_office="公卫股"))
    assert [(i.flat(), i.value) for i in found if i.code == "ref.unknown-office"] == [((P, 2, "J", "ref.unknown-office"),
                                                                                      "公卫股")]


def test_a_business_in_two_categories_counts_once_and_coordinated_tasks_do_not_add_up() -> None:
    sheets = offices_book("5%")
    # the 60 employers are also 公共场所 (a second row each, one per category): one target each
    sheets[T] += [[r[0], r[1], "企业", "城关镇2号", "城关镇", "公共场所", "职业卫生股", "在营", "B"] for r in sheets[T][101:]]
    sheets["设置"][3] = ["年度抽查覆盖率目标", "30%"]
    # T01 now draws 10 % of 100 A and of 60 B; T02 5 % of 60 B. Independent: 10 + 6 + 3 − 6 × 3/60 = 18.7;
    # coordinated (both 协同, windows overlap): the better of the two for the B firms → 10 + 6 = 16
    found = [i for i in issues_of(sheets) if i.code == "plan.coverage-below-target"]
    assert [(i.params["expected"], i.params["supervised"]) for i in found] == [("16", 160)]
    sheets[P][2][10] = "否"
    found = [i for i in issues_of(sheets) if i.code == "plan.coverage-below-target"]
    assert [(i.params["expected"], i.params["supervised"]) for i in found] == [("18.7", 160)]


def test_each_department_of_a_joint_task_records_its_own_result() -> None:
    sheets = good_sheets()
    header = ["任务编号", "统一社会信用代码", "检查日期", "检查人员", "检查方式", "检查结果", "录入部门"]
    day = dt.date(2024, 6, 1)
    sheets["检查结果"] = [header,
                      ["T01", uscc(1), day, "WJ002", "实地检查", "未发现问题", "卫生健康局"],
                      ["T01", uscc(1), day, "TY001", "实地检查", "未发现问题", "体育局"],
                      ["T01", uscc(1), day, "WJ001", "实地检查", "未发现问题", "卫生健康局"]]
    found = [i.flat() for i in issues_of(sheets, TODAY)]
    assert found == [("检查结果", 4, "A", "row.duplicate-key")]  # the same department twice, not two departments
