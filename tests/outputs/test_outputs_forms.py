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
