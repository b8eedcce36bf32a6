"""Every output sheet prints legibly on A4 (LibreOffice, headless): body text at least 8 pt, A4 pages, long lists
over several pages fitted to the page width, the header row on every page, page numbers.

All outputs are converted in one soffice call; each output sheet is printed from a workbook that holds only it
(the workbook copies also hold the registries)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from rendering import convert, keep_sheets, pages, paper, text, words

# output → (file of the demo, the sheets printed; None: every sheet of the file)
OUTPUTS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "校验结果": ("校验结果.xlsx", ("校验结果",)),
    "抽取结果": ("抽取.xlsx", ("抽取结果",)),
    "检查安排": ("抽取.xlsx", ("检查安排",)),
    "抽取记录": ("抽取.xlsx", ("抽取记录",)),
    "抽取公示": ("抽取公示.xlsx", None),
    "公示": ("公示.xlsx", None),
    "时限提醒": ("时限提醒.xlsx", ("时限提醒",)),
    "问题台账": ("时限提醒.xlsx", ("问题台账",)),
    "统计": ("统计.xlsx", None),
    "月报表": ("月报表.xlsx", None),
    # tables too wide for one legible page width: printed over several pages wide
    "抽取排除": ("抽取.xlsx", ("抽取排除",)),
    "移送台账": ("时限提醒.xlsx", ("移送台账",)),
    "移送统计": ("时限提醒.xlsx", ("移送统计",)),
    "专项检查建议": ("时限提醒.xlsx", ("专项检查建议",)),
    "计划汇总": ("计划汇总.xlsx", ("计划汇总", "联合抽查建议")),
}
MIN_PT = 8.0


@pytest.fixture(scope="module")
def printed(demo_out: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("print")
    files = []
    for name, (source, sheets) in OUTPUTS.items():
        target = work / f"{name}.xlsx"
        if sheets is None:
            shutil.copy(demo_out / source, target)
        else:
            keep_sheets(demo_out / source, sheets, target)
        files.append(target)
    pdfs = convert(files, work / "pdf", work / "profile")
    return dict(zip(OUTPUTS, pdfs, strict=True))


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", list(OUTPUTS))
def test_every_output_prints_on_a4_with_body_text_of_at_least_8_pt(printed: dict[str, Path], name: str) -> None:
    pdf = printed[name]
    assert "(A4)" in paper(pdf)
    found = words(pdf)
    assert found, f"{name}: nothing printed"
    smallest = min(found)
    assert smallest[0] >= MIN_PT, f"{name}: “{smallest[1]}” printed at {smallest[0]:.1f} pt"


@pytest.mark.libreoffice
def test_a_long_list_runs_over_pages_with_its_header_and_page_numbers_on_each(printed: dict[str, Path],
                                                                                 demo_out: Path) -> None:
    pdf = printed["检查安排"]
    count = pages(pdf)
    assert count > 1  # fitted to the page width, never squeezed onto one page
    printed_text = text(pdf)
    sheets = printed_text.split("\f")
    assert all("统一社会信用代码" in page for page in sheets[:count])
    assert f"第 1 页 共 {count} 页" in printed_text
    assert f"第 {count} 页 共 {count} 页" in printed_text


def test_every_output_sheet_has_its_print_setup(demo_out: Path) -> None:
    """A4, fitted to the width only, the header row repeated, a print area, page numbers — in the files."""
    for name, (source, sheets) in OUTPUTS.items():
        if name == "月报表":
            continue  # the filled form: its own one-page layout
        wb = openpyxl.load_workbook(demo_out / source)
        for sheet in sheets or wb.sheetnames:
            ws = wb[sheet]
            assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, (name, sheet)
            assert ws.sheet_properties.pageSetUpPr.fitToPage, (name, sheet)
            assert ws.page_setup.fitToHeight == 0, (name, sheet)  # fitted to the width only (1 or 2 pages)
            assert ws.print_title_rows, (name, sheet)
            assert ws.print_area, (name, sheet)
            assert "&P" in (ws.oddFooter.center.text or ""), (name, sheet)
