"""``ssj import-draw``: the provincial platform's result list — as the platform exports it (a title row, 序号,
its own column names, a team written 姓名（执法证号）) — recorded as an 外部抽取 batch, then carried through
results, deadlines and the monthly report like any batch; and its refusals, each saying what to do next."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from drawbook_cases import HEALTH, MARKET, PUBLIC, SWIM, records
from layout.layout_books import xml2003, xml_row

from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.cli import main
from addin.services.import_draw import read_list
from addin.services.report import monthly_report

D = dt.date
HEADER = ["序号", "任务名称", "检查对象名称", "统一社会信用代码（注册号）", "执法人员", "实施部门", "抽取时间"]
PLATFORM_SWIM = "游泳场所部门联合抽查（省平台）"


def platform_list(path: Path, extra: list[list[Any]] | None = None, swim: str = PLATFORM_SWIM) -> Path:
    """The list as the platform exports it: a merged title, a note row, the header in row 3."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "抽查结果"
    ws.append(["2024年度“双随机、一公开”抽查结果（省级平台导出）"])
    ws.merge_cells("A1:G1")
    ws.append(["导出时间：2024-10-08 16:20"])
    ws.append(HEADER)
    rows = [
        ["对南河镇公共场所的专项抽查", "测试宾馆1", PUBLIC[0], "人员1（ZF0001）、人员2（ZF0002）", HEALTH, "2024-10-08"],
        ["对南河镇公共场所的专项抽查", "测试宾馆4", PUBLIC[3], "人员3（ZF0003）、人员4（ZF0004）", HEALTH, "2024-10-08"],
        [swim, "测试游泳馆1", SWIM[0], "人员4（ZF0004）、人员10（ZF0101）", HEALTH, "2024-10-08"],
        *(extra or []),
    ]
    for number, row in enumerate(rows, start=1):
        ws.append([number, *row])
    wb.save(path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*argv: str) -> int:
    return main(["import-draw", *argv])


def test_the_platform_list_is_recorded_and_carried_to_the_monthly_report(
        book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = platform_list(tmp_path / "省平台抽取结果.xlsx")
    before = digest(book)
    out = tmp_path / "导入.xlsx"
    assert run(str(book), str(listing), "--out", str(out), "--task", f"{PLATFORM_SWIM}=T02",
               "--time", "2024-10-09 15:00") == 0
    printed = capsys.readouterr().out
    assert "表头第 3 行" in printed
    assert "测试县卫生健康局-2024年第1批（外部抽取）" in printed
    assert "3 户" in printed
    assert "无法核验" in printed
    assert digest(book) == before  # the user's workbook is only read
    visits = {r["统一社会信用代码"]: r for r in records(out, "检查安排")}
    assert set(visits) == {PUBLIC[0], PUBLIC[3], SWIM[0]}
    assert visits[SWIM[0]]["执法证号"] == "ZF0004、ZF0101"
    assert visits[SWIM[0]]["代表部门"] == f"{HEALTH}、{MARKET}"  # each inspector's own department
    (log,) = records(out, "抽取记录")
    assert log["类型"] == "external"
    assert digest(listing) in str(log["内容(JSON)"])

    # results of its visits: accepted like any other, down to the monthly report
    wb = openpyxl.load_workbook(out)
    for row in [("T03", PUBLIC[0], D(2024, 10, 15), "ZF0001、ZF0002", "实地检查", "未发现问题", HEALTH),
                ("T02", SWIM[0], D(2024, 10, 16), "ZF0004", "实地检查", "发现问题已责令改正", HEALTH),
                ("T02", SWIM[0], D(2024, 10, 16), "ZF0101", "实地检查", "未发现问题", MARKET)]:
        wb["检查结果"].append(list(row))
    with_results = tmp_path / "结果.xlsx"
    wb.save(with_results)
    assert main(["deadlines", str(with_results), "--today", "2024-11-20", "--out", str(tmp_path / "提醒.xlsx")]) in (0, 1)
    assert "对象未被抽中" not in capsys.readouterr().out
    ledger = records(tmp_path / "提醒.xlsx", "问题台账", header_row=2)
    assert [r["统一社会信用代码"] for r in ledger] == [SWIM[0]]
    reader = OpenpyxlBook.read(with_results)
    try:
        report = monthly_report(reader, 2024, 10, D(2024, 11, 5))
    finally:
        reader.close()
    assert "对南河镇公共场所的专项抽查：南河镇公共场所，抽取2户，抽查比例50%，本月检查1户" in report.scope
    assert main(["report", str(with_results), "--month", "2024-10", "--out", str(tmp_path / "月报.xlsx"),
                 "--date", "2024-11-05"]) == 0


def test_refusals_say_what_to_do_next(book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unknown = [["平台上的另一项任务", "测试宾馆7", PUBLIC[6], "人员1（ZF0001）、人员2（ZF0002）", HEALTH, "2024-10-08"]]
    listing = platform_list(tmp_path / "清单.xlsx", unknown)
    out = tmp_path / "导入.xlsx"
    # a row the plan does not know: nothing written, the row and the way out named
    assert run(str(book), str(listing), "--out", str(out)) == 1
    captured = capsys.readouterr()
    assert "第 7 行 B 列" in captured.out
    assert "平台上的另一项任务" in captured.out
    assert "--task" in captured.err
    assert "--partial" in captured.err
    assert not out.exists()
    # --partial records the rest and lists the row left out
    assert run(str(book), str(listing), "--out", str(out), "--task", f"{PLATFORM_SWIM}=T02", "--partial") == 0
    assert "1 行未导入" in capsys.readouterr().out
    check = records(out, "外部抽取核对", header_row=2)
    assert [(r["行"], r["代码"]) for r in check] == [(7, "import-draw.unknown-task")]
    # an existing output is kept unless --force; the input is never the output
    assert run(str(book), str(listing), "--out", str(out), "--partial") == 2
    assert "--force" in capsys.readouterr().err
    assert run(str(book), str(listing), "--out", str(book), "--force", "--partial") == 2
    assert "不能与输入文件相同" in capsys.readouterr().err
    # the same list twice: refused, naming the batch
    assert run(str(out), str(listing), "--out", str(tmp_path / "again.xlsx"), "--partial") == 2
    assert "导入过" in capsys.readouterr().err
    # a file that is not such a list
    other = tmp_path / "名录.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "电话"])
    wb.save(other)
    assert run(str(book), str(other), "--out", str(tmp_path / "x.xlsx")) == 2
    err = capsys.readouterr().err
    assert "没有找到抽取结果清单" in err
    assert "--mapping" in err
    assert run(str(book), str(listing), "--out", str(tmp_path / "x.csv")) == 2


def test_an_xml_2003_export_with_licences_in_their_own_column(tmp_path: Path) -> None:
    rows = [xml_row([("抽取结果", {"across": 5})]),
            xml_row(["抽查任务编号", "被检查单位", "社会信用代码", "执法检查人员", "执法证号", "抽取日期"], 2),
            xml_row(["T03", "测试宾馆1", PUBLIC[0], "人员1、人员2", "ZF0001、ZF0002", D(2024, 10, 8)])]
    listing = xml2003(tmp_path / "平台导出.xls", {"Sheet1": rows})
    read = read_list(listing)
    (row,) = read.rows
    assert (row.row, row.task, row.uscc, row.licences, row.drawn_on) == (
        3, "T03", PUBLIC[0], ("ZF0001", "ZF0002"), D(2024, 10, 8))
    assert read.where.columns is not None
    assert read.where.columns["统一社会信用代码"] == "C"


def test_columns_no_alias_knows_are_read_through_the_users_mapping(
        book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "抽查结果"
    ws.append(["计划", "企业标识码", "被查单位", "人员"])
    ws.append(["对南河镇公共场所的专项抽查", PUBLIC[0], "测试宾馆1", "人员1（ZF0001）、人员2（ZF0002）"])
    listing = tmp_path / "导出.xlsx"
    wb.save(listing)
    assert run(str(book), str(listing), "--out", str(tmp_path / "a.xlsx")) == 2
    assert "--mapping" in capsys.readouterr().err
    # the 列名对照 the user writes once for this platform's exports
    mapping = openpyxl.Workbook()
    ws = mapping.active
    assert ws is not None
    ws.title = "列名对照"
    ws.append(["工作表", "识别为", "原列名", "标准列名"])
    for source, standard in (("计划", "抽查任务名称"), ("企业标识码", "统一社会信用代码"), ("被查单位", "单位名称"),
                             ("人员", "检查人员")):
        ws.append(["抽查结果", "外部抽取清单", source, standard])
    mapping.save(tmp_path / "列名对照.xlsx")
    out = tmp_path / "b.xlsx"
    assert run(str(book), str(listing), "--out", str(out), "--mapping", str(tmp_path / "列名对照.xlsx")) == 0
    assert "列名对照" in capsys.readouterr().out
    (visit,) = records(out, "检查安排")
    assert (visit["统一社会信用代码"], visit["执法证号"]) == (PUBLIC[0], "ZF0001、ZF0002")
