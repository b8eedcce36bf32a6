"""月报表: the form reproduced as a template, filled from the month's activities, draws and results."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from post_cases import SETTINGS, inputs_of

from addin.adapters.monthly_form import MERGES, ROWS, TEMPLATE, build_template
from addin.services.report import build, report

D = dt.date
FILLED = D(2025, 7, 2)


def test_committed_template_matches_the_form() -> None:
    committed = openpyxl.load_workbook(TEMPLATE)["月报表"]
    built = build_template()["月报表"]
    values = [[c.value for c in row] for row in committed.iter_rows()]
    assert values == [[c.value for c in row] for row in built.iter_rows()]
    assert sorted(str(r) for r in committed.merged_cells.ranges) == sorted(MERGES)
    assert committed["A1"].value == "XX县卫生健康局"
    assert committed["A2"].value == "“双随机、一公开”监管工作月报表"
    assert committed["A3"].value == "单位名称（盖章）："
    assert committed["C3"].value == "填表时间：____年__月__日"
    labels = {committed[f"B{row}"].value for row, *_ in ROWS}
    assert {"本月召开会议部署随机抽查工作情况", "随机抽查的检查事项", "本系统开展随机抽查情况",
            "本月按年度随机抽查工作计划本级开展随机抽查情况"} <= labels  # no 市 in a county's form
    assert committed["C12"].value == "（多少大项、多少小项）"
    assert [committed[f"A{r}"].value for r in (5, 6, 7, 9, 14)] == [1, 2, 3, 4, 5]
    assert committed["A16"].value.startswith("联系人：")
    assert "手机：" in committed["A16"].value
    setup = committed.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "portrait", 1, 1)
    assert committed.sheet_properties.pageSetUpPr.fitToPage
    assert committed.print_area == "'月报表'!$A$1:$C$16"
    assert committed["B5"].font.name == "宋体"


def test_june_report_content(book: Path) -> None:
    filled = build(inputs_of(book, FILLED), 2025, 6, FILLED, [])
    assert filled.meetings == "全县“双随机、一公开”监管工作部署会（6月5日）"
    assert filled.documents == ("《关于开展2025年公共场所“双随机”抽查的通知》（示卫字〔2025〕8号）；"
                                "《关于做好安全生产工作的通知》（示卫字〔2025〕9号）")
    assert filled.trainings == "双随机业务培训班（6月18日），培训35人，内容：平台操作与检查要点"
    assert filled.launch_documents == "《关于开展2025年公共场所“双随机”抽查的通知》（示卫字〔2025〕8号）"
    # batch B1 drawn on 2025-06-03; the voided batch B0 does not count
    assert filled.scope == ("对全县公共场所的抽查：全县公共场所，抽取3户，抽查比例30%，本月检查1户；"
                            "对全县游泳场（馆）的抽查：全县游泳场（馆），抽取1户，抽查比例100%，本月检查1户")
    assert filled.items.startswith("共2大项、6小项")
    assert filled.publication == "通过国家企业信用信息公示系统公示1条、本局门户网站公示1条，共公示2条"
    assert filled.system.startswith("本系统共1个单位开展随机抽查，抽查检查主体2户，公示抽查结果2条。")
    assert (filled.contact, filled.phone, filled.mobile) == ("张三", "0312-7654321", "13800000000")


def test_a_month_without_activity(book: Path) -> None:
    filled = build(inputs_of(book, FILLED), 2025, 8, FILLED, [])
    assert filled.meetings == "本月未召开会议部署随机抽查工作。"
    assert filled.items == "本月未开展随机抽查。"
    assert filled.system == "本系统1个单位本月均未开展随机抽查。"


def test_row_five_adds_up_the_subordinate_units(make_book: Callable[..., Path], tmp_path: Path) -> None:
    city = make_book("市局.xlsx", 设置=[row if row[0] != "单位名称" else ("单位名称", "示例市卫生健康委员会")
                                      for row in SETTINGS], 检查结果=[("任务编号",)])
    units = tmp_path / "各县"
    units.mkdir()
    for name in ("甲县卫生健康局", "乙县卫生健康局"):
        make_book(f"各县/{name}.xlsx", 设置=[row if row[0] != "单位名称" else ("单位名称", name) for row in SETTINGS])
    (units / "坏文件.xlsx").write_text("不是工作簿", encoding="utf-8")
    done = report(city, "2025-06", tmp_path / "月报.xlsx", FILLED, units)
    assert [u.unit for u in done.units] == ["乙县卫生健康局", "甲县卫生健康局"]
    assert [p.name for p, _ in done.unreadable] == ["坏文件.xlsx"]
    assert done.report.system == ("本系统共2个单位开展随机抽查，抽查检查主体4户，公示抽查结果4条。"
                                  "其中：乙县卫生健康局检查2户、公示2条；甲县卫生健康局检查2户、公示2条。")
    ws = openpyxl.load_workbook(done.path)["月报表"]
    assert ws["A1"].value == "示例市卫生健康委员会"
    assert ws["C15"].value == done.report.system
    assert ws["C3"].value == "填表时间：2025年7月2日"


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.libreoffice
def test_filled_report_renders_on_one_a4_page(book: Path, tmp_path: Path) -> None:
    soffice = _soffice()
    if soffice is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have LibreOffice and pdftotext (installed by .ci/run)")
        pytest.skip("LibreOffice / pdftotext not installed")
    xlsx = report(book, "2025-06", tmp_path / "月报表.xlsx", FILLED).path
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(xlsx)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "月报表.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.M), info  # A4 portrait
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=60).stdout
    flat = "".join(text.split())
    for expected in ("示例县卫生健康局", "“双随机、一公开”监管工作月报表（2025年6月）", "填表时间：2025年7月2日",
                     "一、“双随机、一公开”监管工作安排部署情况", "本月召开会议部署随机抽查工作情况",
                     "全县“双随机、一公开”监管工作部署会（6月5日）", "示卫字〔2025〕8号", "培训35人",
                     "共2大项、6小项", "共公示2条", "本系统开展随机抽查情况", "联系人：张三", "手机：13800000000"):
        assert expected in flat, expected


def test_the_form_names_the_units_level_from_its_settings(make_book: Callable[..., Path], tmp_path: Path) -> None:
    """设置 › 单位层级 县: rows 4 and 5 say 县本级 and 全县本系统 (the seed's form was written for a city)."""
    book = make_book(设置=[*SETTINGS, ("单位层级", "县")])
    ws = openpyxl.load_workbook(report(book, "2025-06", tmp_path / "月报表.xlsx", FILLED).path)["月报表"]
    assert ws["B9"].value == "本月按年度随机抽查工作计划县本级开展随机抽查情况"
    assert ws["B14"].value == "全县本系统开展随机抽查情况"
