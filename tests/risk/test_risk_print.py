"""The risk report prints legibly on A4 (LibreOffice, headless): body text at least 8 pt, the warnings' reasons and
actions in full (wrapped, rows tall enough), the charts printed under their tables, page numbers."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from outputs.rendering import convert, pages, paper, words
from outputs.rendering import text as pdf_text
from test_risk_cli import book, earlier

from addin.cli import main
from addin.core.risk.alerts import RULES

MIN_PT = 8.0
CHARTS = ("各信用风险分类的问题发现率（95%区间）", "各检查对象类别的问题发现率（95%区间）", "现行与建议的抽查比例",
          "本年度累计覆盖率（按监管股室）")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("risk-print")
    source, old = book(work / "2024.xlsx"), earlier(work / "2021.xlsx")
    out = work / "风险.xlsx"
    assert main(["risk", str(source), "--today", "2024-07-31", "--out", str(out), "--history", str(old)]) == 0
    return out


def test_every_sheet_has_its_print_setup_and_the_charts_are_inside_the_print_area(report: Path) -> None:
    wb = openpyxl.load_workbook(report)
    for ws in wb.worksheets:
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title  # fitted to the width only: long lists run over pages
        assert ws.print_title_rows, ws.title
        assert "&P" in (ws.oddFooter.center.text or ""), ws.title
        area = re.fullmatch(r"'?.+?'?!\$A\$1:\$([A-Z]+)\$(\d+)", str(ws.print_area))
        assert area, (ws.title, ws.print_area)
        for chart in ws._charts:
            anchor = chart.anchor._from
            assert anchor.col == 0, ws.title  # under the table, from its first column
            assert anchor.row + 1 < int(area.group(2)), ws.title
    alerts = wb["风险预警"]
    header = [c.value for c in alerts[3]]
    assert header[-1] == "规则代码"  # the code stays on screen; 规则 names the rule on paper
    assert str(alerts.print_area).endswith(f"$A$1:${chr(ord('A') + len(header) - 2)}${alerts.max_row}")


@pytest.mark.libreoffice
def test_the_report_prints_on_a4_legibly_with_its_charts(report: Path, tmp_path: Path) -> None:
    pdf = convert([report], tmp_path / "pdf", tmp_path / "profile")[0]
    assert "(A4)" in paper(pdf)
    found = words(pdf)
    smallest = min(found)
    assert smallest[0] >= MIN_PT, f"“{smallest[1]}” printed at {smallest[0]:.1f} pt"
    printed = re.sub(r"\s+", "", pdf_text(pdf))
    for title in CHARTS:
        assert title in printed, title
    for rule in (RULES["risk.repeat-problems"], RULES["risk.licence-expired"]):
        assert rule in printed
    # the longest action, whole: a cell's text is wrapped and its row tall enough, never cut at the cell's edge
    flowing = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "列为重点监管对象，在下一批抽查中提高其类别的抽查比例、频次，或开展专项检查" in re.sub(r"\s+", "", flowing)
    count = pages(pdf)
    assert f"第1页共{count}页" in printed
