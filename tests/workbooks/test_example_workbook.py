"""The committed example workbook (示例县卫生健康局) is what its script generates and keeps its promises."""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.core.ids import idcard_birthdate_ok, idcard_checksum_ok, uscc_checksum_ok, uscc_inner_ok
from addin.schemas import load_schemas
from addin.services.import_draw import read_list
from addin.services.validate import validate_path
from addin.templates import build_template, describe_workbook

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_example_workbook.py"
EXAMPLE = ROOT / "workbooks" / "examples" / "示例县卫生健康局.xlsx"
REGENERATE = "run scripts/make_example_workbook.py (python3 scripts/make_example_workbook.py) and commit the result"
DRAW_DAY = dt.date(2024, 5, 6)  # the demo's first draw
CAP = 40  # 每人检查上限 (default)
Records = list[dict[str, Any]]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_example_workbook", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sheets() -> dict[str, Records]:
    book = OpenpyxlBook.read(EXAMPLE)
    try:
        return {s.kind: [r for _, r in book.read_table(s.sheet).records()] for s in load_schemas().values()}
    finally:
        book.close()


def test_the_committed_example_is_what_the_script_generates(tmp_path: Path) -> None:
    fresh = tmp_path / "example.xlsx"
    _script().main(["--out", str(fresh)])
    new, old = openpyxl.load_workbook(fresh), openpyxl.load_workbook(EXAMPLE)
    assert new.sheetnames == old.sheetnames, REGENERATE
    for name in new.sheetnames:
        a, b = list(new[name].iter_rows(values_only=True)), list(old[name].iter_rows(values_only=True))
        first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
        assert first is None, f"{name} row {first and first + 1} differs: {REGENERATE}"
        assert len(a) == len(b), f"{name} has {len(b)} rows, the script gives {len(a)}: {REGENERATE}"
    listing = Path("外部抽取") / "省平台抽取结果-放射诊疗.xlsx"  # the platform's list, written beside the example
    new_list, old_list = openpyxl.load_workbook(fresh.parent / listing), openpyxl.load_workbook(EXAMPLE.parent / listing)
    assert [list(ws.values) for ws in new_list] == [list(ws.values) for ws in old_list], REGENERATE


def test_the_example_carries_the_template_formatting() -> None:
    assert describe_workbook(openpyxl.load_workbook(EXAMPLE)) == describe_workbook(build_template())


def test_targets_span_categories_townships_and_all_four_code_kinds(sheets: dict[str, Records]) -> None:
    targets = sheets["targets"]
    assert len(targets) >= 1000
    categories = Counter(t["检查对象类别"] for t in targets)
    assert len(categories) >= 8
    assert {"游泳场（馆）", "滑雪场", "用人单位职业卫生", "公共场所", "生活饮用水", "医疗机构", "学校卫生"} <= set(categories)
    assert len({t["所属乡镇"] for t in targets}) == 6
    codes = [t["统一社会信用代码"] for t in targets]
    assert len(set(codes)) == len(codes)
    assert [c for c in codes if not (uscc_checksum_ok(c) and uscc_inner_ok(c))] == []
    kinds = {"91": "企业", "92": "个体工商户", "12": "事业单位", "52": "民办非企业"}
    assert {c[:2] for c in codes} == set(kinds)
    assert all(kinds[t["统一社会信用代码"][:2]] == t["主体类型"] for t in targets)
    assert all(re.fullmatch(r"0356-0\d{6}", t["联系电话"]) for t in targets)  # fictional: no number starts 0


def test_credit_classes_and_business_states_look_like_a_real_registry(sheets: dict[str, Records]) -> None:
    targets = sheets["targets"]
    classes = Counter(t["信用风险分类"] for t in targets)
    assert set(classes) == {"A", "B", "C", "D", "未分类"}
    assert classes["A"] + classes["B"] > len(targets) / 2
    assert classes["D"] < classes["C"] < classes["B"]
    states = Counter(t["经营状态"] for t in targets)
    assert 0 < states["注销"] < 0.05 * len(targets)
    assert 0 < states["停业"] < 0.05 * len(targets)


def _drawable(inspector: dict[str, Any]) -> bool:
    return inspector["在岗状态"] == "在岗" and inspector["执法证有效期至"] > DRAW_DAY


def test_inspectors_of_three_departments_with_valid_ids_and_a_few_not_drawable(sheets: dict[str, Records]) -> None:
    roster = sheets["inspectors"]
    assert len(roster) >= 40
    depts = Counter(p["所属单位"] for p in roster)
    assert set(depts) == {"卫生健康局", "市场监督管理局", "体育局"}
    assert depts["卫生健康局"] > len(roster) / 2
    expertise = set(load_schemas()["inspectors"].field("专业领域").enum)
    assert all(set(p["专业领域"].split("、")) <= expertise for p in roster)
    for p in roster:
        number = p["身份证号"]
        assert idcard_checksum_ok(number), number
        assert idcard_birthdate_ok(number, DRAW_DAY), number
        assert (int(number[16]) % 2 == 1) == (p["性别"] == "男")
        assert re.fullmatch(r"ZF\d+", p["执法证号"])
    assert len({p["执法证号"] for p in roster}) == len(roster)
    assert sum(p["执法证有效期至"] <= DRAW_DAY for p in roster) >= 2
    assert {"休假", "借调"} <= {p["在岗状态"] for p in roster}


def test_conflicts_name_real_inspectors_and_targets(sheets: dict[str, Records]) -> None:
    conflicts = sheets["conflicts"]
    assert len(conflicts) >= 10
    badges = {p["执法证号"] for p in sheets["inspectors"]}
    codes = {t["统一社会信用代码"] for t in sheets["targets"]}
    assert all(c["执法证号"] in badges and c["统一社会信用代码"] in codes for c in conflicts)
    assert len({(c["执法证号"], c["统一社会信用代码"]) for c in conflicts}) == len(conflicts)


def test_items_cover_every_category_and_the_plan_uses_listed_items(sheets: dict[str, Records]) -> None:
    items = {i["事项编码"]: i for i in sheets["items"]}
    assert {c for t in sheets["targets"] for c in t["检查对象类别"].split("、")} == {
        i["检查对象类别"] for i in items.values()}
    for task in sheets["plan"]:
        for code in task["抽查事项"].split("、"):
            assert items[code]["检查对象类别"] == task["检查对象类别"], (task["任务编号"], code)
            departments = {task["发起部门"], *(task["配合部门"] or "").split("、")} - {""}
            assert items[code]["发起部门"] in departments, (task["任务编号"], code)


def _task(sheets: dict[str, Records], category: str) -> dict[str, Any]:
    return next(t for t in sheets["plan"] if t["检查对象类别"] == category)


def test_the_plan_carries_the_tasks_of_seed_003(sheets: dict[str, Records]) -> None:
    pool = _task(sheets, "游泳场（馆）")
    assert (pool["抽查比例"], pool["发起部门"], pool["配合部门"]) == (1, "卫生健康局", "市场监督管理局")
    assert (pool["开始日期"], pool["结束日期"]) == (dt.date(2024, 5, 1), dt.date(2024, 12, 20))
    ski = _task(sheets, "滑雪场")
    assert ski["抽查比例"] == 1
    assert "市场监督管理局" in ski["配合部门"].split("、")
    assert (ski["开始日期"], ski["结束日期"]) == (dt.date(2024, 10, 1), dt.date(2024, 12, 20))
    work = _task(sheets, "用人单位职业卫生")
    assert (work["抽查类型"], work["抽查比例"]) == ("定向", pytest.approx(0.3))
    assert "信用风险分类" in work["信用风险分类要求"]
    places = _task(sheets, "公共场所")
    assert [places[f"{c}类比例"] for c in "ABCD"] == pytest.approx([0.03, 0.05, 0.2, 1.0])
    assert len(sheets["plan"]) >= 6


def _sample_size(task: dict[str, Any], targets: Records) -> int:
    towns = set(task["所属乡镇"].split("、")) if task["所属乡镇"] else None
    pool = [t for t in targets if t["经营状态"] == "在营" and task["检查对象类别"] in t["检查对象类别"].split("、")
            and (towns is None or t["所属乡镇"] in towns)]
    size = 0
    for risk, count in Counter(t["信用风险分类"] for t in pool).items():
        override = task.get(f"{risk}类比例") if risk != "未分类" else None
        ratio = override if override is not None else task["抽查比例"]
        size += min(count, math.ceil(round(ratio * count, 9)))
    return size


def test_a_draw_on_2024_05_06_can_staff_every_task_and_covers_three_percent(sheets: dict[str, Records]) -> None:
    items = {i["事项编码"]: i for i in sheets["items"]}
    drawable = [p for p in sheets["inspectors"] if _drawable(p)]
    visits, slots = 0, defaultdict(int)
    for task in sheets["plan"]:
        size = _sample_size(task, sheets["targets"])
        assert size > 0, task["任务编号"]
        visits += size
        for code in task["抽查事项"].split("、"):
            slots[(items[code]["发起部门"], items[code]["专业领域"])] += size
    for (dept, area), needed in slots.items():
        able = [p for p in drawable if p["所属单位"] == dept and area in p["专业领域"].split("、")]
        assert len(able) >= 2, (dept, area)
        assert needed <= CAP * len(able), (dept, area, needed, len(able))
    assert visits * 2 <= CAP * len(drawable)
    in_business = sum(t["经营状态"] == "在营" for t in sheets["targets"])
    assert visits >= 0.03 * in_business


def test_the_organisation_offices_businesses_in_several_categories_and_a_platform_draw(
        sheets: dict[str, Records]) -> None:
    offices = {t["任务编号"]: t["发起股室"] for t in sheets["plan"]}
    assert {"公共卫生监督股", "医疗卫生监督股", "职业健康股", "疾病预防控制股", "人口家庭股", "体育股"} <= set(offices.values())
    assert set(offices.values()) <= {t["监管股室"] for t in sheets["targets"]} | {p["所属股室"] for p in sheets["inspectors"]}
    several = {t["单位名称"]: t["检查对象类别"] for t in sheets["targets"] if "、" in t["检查对象类别"]}
    assert several["示例县人民医院"] == "医疗机构、用人单位职业卫生"
    (hotel,) = [n for n, c in several.items() if c == "公共场所、游泳场（馆）"]
    assert hotel.endswith("酒店有限公司")
    # the platform's list of task 2024-11, beside the example: every row a task of the plan, a business in scope
    listing = read_list(EXAMPLE.parent / "外部抽取" / "省平台抽取结果-放射诊疗.xlsx")
    names = {t["抽查任务名称"]: t for t in sheets["plan"]}
    targets = {t["统一社会信用代码"]: t for t in sheets["targets"]}
    assert len(listing.rows) >= 10
    for row in listing.rows:
        task = names[row.task_name]
        assert task["任务编号"] == "2024-11"
        assert task["检查对象类别"] in targets[row.uscc]["检查对象类别"].split("、")
        assert len(row.licences) == 2
    assert "省级" in names["对医疗机构放射诊疗的抽查"]["信用风险分类要求"]


def test_activities_settings_and_the_empty_sheets(sheets: dict[str, Records]) -> None:
    activities = sheets["activities"]
    assert {a["类型"] for a in activities} == {"会议", "文件", "培训"}
    assert len({a["日期"].month for a in activities}) >= 6
    assert all(re.fullmatch(r"示卫字〔2024〕\d+号", a["文号"]) for a in activities if a["类型"] == "文件")
    assert all(a["参训人数"] > 0 for a in activities if a["类型"] == "培训")
    settings = {r["项目"]: r["值"] for r in sheets["settings"]}
    assert (settings["单位名称"], settings["年度"]) == ("示例县卫生健康局", 2024)
    assert settings["每组检查人员数"] == 2
    assert sheets["results"] == []
    assert sheets["holidays"] == []


@pytest.mark.parametrize("today", [DRAW_DAY, dt.date(2029, 12, 30)])
def test_the_example_validates_without_errors(today: dt.date) -> None:
    report = validate_path(EXAMPLE, today=today)
    errors = [(i.sheet, i.row, i.column, i.code) for i in report.issues if i.is_error]
    assert errors == []
    assert report.status == "ok"
    if today == DRAW_DAY:  # the only warnings: the three certificates that expired on purpose
        warnings = [(i.sheet, i.code) for i in report.issues]
        assert warnings == [("执法检查人员名录库", "inspector.certificate-expired")] * 3
