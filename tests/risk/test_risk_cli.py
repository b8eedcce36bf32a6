"""ssj risk on workbooks: 往年检查结果 and --history read, every sheet written with its charts, nothing
overwritten, the input untouched."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from book_files import save_xlsx

from addin.cli import main
from addin.core.ids import uscc_check_char

D = dt.date


def code(n: int) -> str:
    body = f"9114059{n:010d}"
    return body + uscc_check_char(body)


TARGET_HEADER = ("统一社会信用代码", "单位名称", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态", "信用风险分类",
                 "许可有效期至", "登记日期")
RESULT_HEADER = ("任务编号", "统一社会信用代码", "检查日期", "检查人员", "检查方式", "检查结果", "录入部门", "整改期限")
HISTORY_HEADER = (*RESULT_HEADER, "信用风险分类")


def targets(classes: dict[int, str]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = [TARGET_HEADER]
    for n in range(1, 41):
        category = "公共场所" if n <= 25 else "生活饮用水"
        licence = {1: D(2024, 7, 1), 2: D(2024, 8, 20), 7: D(2024, 9, 14)}.get(n, D(2027, 1, 1))
        rows.append((code(n), f"测试单位{n}", "人民路1号", "城关镇", category, "公共卫生监督股", "在营",
                     classes.get(n, "B"), licence, D(2010, 1, 1)))
    return rows


def book(path: Path) -> Path:
    history = [HISTORY_HEADER]
    for year in (2022, 2023):
        for n in range(1, 41):
            problem = n <= 25 and n % 2 == 0
            history.append((f"{year}-01", code(n), D(year, 6, 1), "ZF0001", "实地检查",
                            "发现问题已责令改正" if problem else "未发现问题", "卫生健康局", None, None))
    plan = [("任务编号", "抽查任务名称", "抽查类型", "抽查事项", "检查对象类别", "抽查比例", "D类比例", "开始日期", "结束日期", "发起部门"),
            ("2024-01", "对公共场所的抽查", "不定向", "GG01", "公共场所", "10%", "100%", D(2024, 5, 1), D(2024, 11, 30), "卫生健康局"),
            ("2024-02", "对生活饮用水的抽查", "不定向", "YS01", "生活饮用水", "10%", None, D(2024, 5, 1), D(2024, 11, 30),
             "卫生健康局")]
    return save_xlsx(path, {
        "设置": [("项目", "值"), ("单位名称", "测试县卫生健康局"), ("年度", 2024), ("许可到期预警天数", 30)],
        "检查对象名录库": targets({3: "D", 4: "D", 5: "C"}),
        "年度抽查计划": plan,
        "检查结果": [RESULT_HEADER],
        "往年检查结果": history,
    })


def earlier(path: Path) -> Path:
    """A 2021 workbook: its registry gives the classes of that year (target 6 was D then)."""
    results = [RESULT_HEADER, *[("2021-01", code(n), D(2021, 6, 1), "ZF0001", "实地检查", "发现问题已责令改正",
                                 "卫生健康局", D(2021, 7, 1)) for n in (6, 8)]]
    return save_xlsx(path, {"检查对象名录库": targets({6: "D"}), "检查结果": results})


def sheet_rows(path: Path, name: str) -> list[tuple[Any, ...]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb[name].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_risk_writes_every_sheet_with_native_charts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, old = book(tmp_path / "2024.xlsx"), earlier(tmp_path / "2021.xlsx")
    before = source.read_bytes()
    out = tmp_path / "风险.xlsx"
    assert main(["risk", str(source), "--today", "2024-07-31", "--out", str(out), "--history", str(old)]) == 0
    assert source.read_bytes() == before
    printed = capsys.readouterr().out
    assert "风险预警（截至 2024-07-31）" in printed
    assert "不得公示" in printed
    names = openpyxl.load_workbook(out, read_only=True).sheetnames
    assert names == ["风险预警", "问题发现率", "问题发现率趋势", "建议比例", "覆盖进度", "数据说明"]
    rows = sheet_rows(out, "风险预警")
    header = rows[2]
    found = [dict(zip(header, r, strict=True)) for r in rows[3:]]
    by = {(r["统一社会信用代码"], r["规则代码"]) for r in found}
    assert (code(1), "risk.licence-expired") in by
    assert (code(2), "risk.licence-expiring") in by  # 20 days < 设置 30
    assert not [r for r in found if r["统一社会信用代码"] == code(7)]  # 45 days: within the default 60, not 设置's 30
    assert (code(6), "risk.repeat-problems") in by  # 2021 (history file) and 2022, 2023 problems
    assert (code(8), "risk.rectification-overdue") in by
    assert (code(3), "risk.high-risk-not-inspected") in by  # D, last seen 2023-06-01
    assert all(r["规则"] and r["原因"] and r["建议措施"] for r in found)
    rates = {(r[0], r[1]): r for r in sheet_rows(out, "问题发现率")[2:]}
    assert rates[("检查对象类别", "公共场所")][2] == 52  # 25 × 2 years + 2 from 2021
    assert rates[("检查对象类别", "生活饮用水")][3] == 0
    assert rates[("信用风险分类", "D")][2] == 5  # target 6 counts as D in 2021 (its class then), 3 and 4 always
    with zipfile.ZipFile(out) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 4
        xml = zf.read("xl/charts/chart1.xml").decode()
        assert "<c:errBars>" in xml
        assert "问题发现率'!$I$" in xml
    advice = [dict(zip(sheet_rows(out, "建议比例")[3], r, strict=True)) for r in sheet_rows(out, "建议比例")[4:]]
    public = {r["信用风险分类"]: r for r in advice if r["任务编号"] == "2024-01"}
    water = {r["信用风险分类"]: r for r in advice if r["任务编号"] == "2024-02"}
    assert public["B"]["建议比例"] > public["B"]["现行比例"]
    assert water["B"]["建议比例"] < water["B"]["现行比例"]


def test_risk_never_overwrites_its_input_and_reads_a_workbook_without_history(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    source = book(tmp_path / "2024.xlsx")
    assert main(["risk", str(source), "--today", "2024-07-31", "--out", str(source)]) == 2
    assert "输出文件不能与输入文件相同" in capsys.readouterr().err
    bare = save_xlsx(tmp_path / "bare.xlsx", {"年度抽查计划": [("任务编号",)], "检查对象名录库": targets({})})
    assert main(["risk", str(bare), "--today", "2024-07-31", "--out", str(tmp_path / "r.xlsx")]) == 0
    assert "检查结果 0 户次" in capsys.readouterr().out
    text = tmp_path / "2022.xlsx"
    text.write_text("任务编号,统一社会信用代码\n", encoding="utf-8")
    assert main(["risk", str(source), "--today", "2024-07-31", "--out", str(tmp_path / "h.xlsx"),
                 "--history", str(earlier(tmp_path / "2021.xlsx")), str(text)]) == 2
    assert "往年工作簿 2022.xlsx：" in capsys.readouterr().err  # which of the files given is unusable
    assert not (tmp_path / "h.xlsx").exists()


def test_the_risk_button_adds_the_warning_sheet_and_saves_the_report_beside_the_workbook(tmp_path: Path) -> None:
    from addin.adapters.memory import MemoryBook
    from addin.ribbon.handlers import HANDLERS, Context

    source = book(tmp_path / "2024.xlsx")
    wb = openpyxl.load_workbook(source)
    live = MemoryBook({ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets})
    outcome = HANDLERS["risk"].run(Context(live, D(2024, 7, 31), path=source))
    assert outcome.exit_code == 0
    assert "风险预警（截至 2024-07-31）" in outcome.message
    assert "不得公示" in outcome.message
    assert "风险预警" in live.sheet_names()
    beside = tmp_path / "2024-风险预警-20240731.xlsx"
    assert beside.exists()
    assert str(beside) in outcome.message
    again = HANDLERS["risk"].run(Context(live, D(2024, 7, 31), path=source))
    assert (tmp_path / "2024-风险预警-20240731 (2).xlsx").exists()
    assert "风险预警 (2)" in again.message
    cli = tmp_path / "cli.xlsx"
    assert main(["risk", str(source), "--today", "2024-07-31", "--out", str(cli)]) == 0
    assert sheet_rows(beside, "风险预警")[3:] == sheet_rows(cli, "风险预警")[3:]


def test_the_history_sheet_has_every_column_of_the_results_sheet() -> None:
    from addin.schemas import raw_schemas

    results, history = raw_schemas()["results"]["properties"], raw_schemas()["history"]["properties"]
    assert isinstance(results, dict)
    assert isinstance(history, dict)
    assert {k: history[k] for k in results} == results  # same columns, types, enumerations and aliases
    assert {"检查对象类别", "信用风险分类", "所属乡镇"} <= set(history)


def test_the_history_sheet_is_checked_for_shape_not_against_this_years_draws(tmp_path: Path) -> None:
    """往年检查结果: a bad date, a bad code, an unknown outcome are reported at their cells by ssj validate and
    skipped (and counted) by ssj risk; the 80 good rows — none of them drawn this year — are no error."""
    from addin.services.validate import validate_path

    source = book(tmp_path / "2024.xlsx")
    wb = openpyxl.load_workbook(source)
    ws = wb["往年检查结果"]
    good = ws.max_row - 1
    ws.append(("2023-01", code(1), "2023-13-01", "ZF0001", "实地检查", "未发现问题", "卫生健康局", None, "B"))
    ws.append(("2023-01", code(2)[:-1] + ("0" if code(2)[-1] != "0" else "1"), D(2023, 6, 1), "ZF0001", "实地检查",
               "未发现问题", "卫生健康局", None, "B"))
    ws.append(("2023-01", code(3), D(2023, 7, 1), "ZF0001", "实地检查", "查无此结论", "卫生健康局", None, "D"))
    wb.save(source)
    errors = {(i.row, i.column, i.code) for i in validate_path(source, today=D(2024, 7, 31)).issues
              if i.sheet == "往年检查结果" and i.is_error}
    first = good + 2
    assert errors == {(first, "C", "schema.format"), (first + 1, "B", "id.uscc-checksum"), (first + 2, "F", "schema.enum")}
    out = tmp_path / "风险.xlsx"
    assert main(["risk", str(source), "--today", "2024-07-31", "--out", str(out)]) == 0
    counts = {r[0]: (r[1], r[2]) for r in sheet_rows(out, "数据说明")[3:]}
    assert counts["往年检查结果"] == (good, 3)
