"""一企一表 printed by LibreOffice: exactly one A4 page per visit — the items, the team and both signature lines
on the same page, also for the longest item lists of the example — legible (≥ 8 pt), 检查组 as on 检查安排."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from rendering import convert, pages, paper, text, words

from addin.services.demo import DemoRun


@pytest.mark.libreoffice
def test_the_forms_print_one_a4_page_per_visit(demo: DemoRun, tmp_path: Path) -> None:
    forms = demo.out / "抽取-一企一表.xlsx"
    arrangement = openpyxl.load_workbook(demo.out / "抽取.xlsx", read_only=True)["检查安排"]
    visits = [r for r in arrangement.iter_rows(min_row=2, values_only=True) if r[0]]
    (pdf,) = convert([forms], tmp_path / "pdf", tmp_path / "profile")
    assert pages(pdf) == len(visits)
    assert "(A4)" in paper(pdf)
    printed = text(pdf).split("\f")[: len(visits)]
    for page, visit in zip(printed, visits, strict=True):
        assert "联合检查记录表" in page
        assert "检查人员（签名）" in page
        assert "被检查单位负责人（签名）" in page
        assert f"检查组：{visit[1]}" in page
        assert str(visit[2]) in page
    smallest = min(words(pdf))
    assert smallest[0] >= 8.0, smallest
    longest = max(printed, key=lambda p: p.count("□符合"))
    assert longest.count("□符合") >= 14  # the longest item list of the example, on its one page


@pytest.mark.libreoffice
def test_a_visit_too_long_for_one_legible_page_runs_onto_numbered_pages(tmp_path: Path) -> None:
    """A business drawn by many coordinated tasks: its one form would shrink below 8 pt on one page, so it
    prints over several pages at a legible size, numbered, the signatures on the last — a short form beside it
    keeps its one page."""
    from addin.adapters.inspection_forms import write_forms
    from addin.core.arrangement import Member
    from addin.core.forms import FormItem, InspectionForm

    def form(sheet: str, items: int) -> InspectionForm:
        return InspectionForm(
            sheet_name=sheet, title="双随机抽查联合检查记录表", unit_name="示例县卫生健康局", batch="2024年第1批",
            group="第001组", uscc="91330100MA2XXXXX0X", target_name="示例县某大酒店有限公司", kind="企业",
            legal_rep="张三", phone="", address="示例县城关镇人民路1号", town="城关镇", category="公共场所、游泳场（馆）",
            tasks=tuple((f"2024-0{n}", f"抽查任务{n}") for n in range(1, 5)),
            items=tuple(FormItem(code=f"X{n:03d}", name=f"检查事项{n}",
                                 checks=tuple(f"检查内容第{n}项第{k}条：是否按规定落实相关卫生管理制度和记录" for k in range(1, 6)),
                                 basis="《公共场所卫生管理条例》", methods=("现场检查", "书面检查"), dept="卫生健康局")
                        for n in range(1, items + 1)),
            team=(Member(1, "A001", "李四", "卫生健康局"), Member(2, "A002", "王五", "卫生健康局")),
            unfilled=())

    book = write_forms([form("1 长", 8), form("2 短", 1)], tmp_path / "一企一表.xlsx")
    (pdf,) = convert([book], tmp_path / "pdf", tmp_path / "profile")
    printed = [page.replace(" ", "") for page in text(pdf).split("\f")]
    assert pages(pdf) == 3  # the long form on two pages, the short one on one
    assert "第1页" in printed[0]
    assert "第2页" in printed[1]
    assert "被检查单位负责人（签名）" not in printed[0]  # the signatures under the last items, on the last page
    assert "被检查单位负责人（签名）" in printed[1]
    assert "被检查单位负责人（签名）" in printed[2]
    assert "页" not in printed[2]
    assert min(words(pdf))[0] >= 8.0
