"""``ssj validate`` and ``ssj demo`` driven through ``addin.cli.main``, on workbook files built in the tests."""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from book_files import save_xlsx
from validation.sample_books import good_sheets, only, set_cell, uscc, wrong_check

from addin.cli import main
from addin.excel import cfb

TODAY = ["--today", "2024-03-01"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["validate", *args, "--json", "-", *TODAY])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return save_xlsx(tmp_path / "good.xlsx", good_sheets())


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    sheets = only(good_sheets(), "检查对象名录库")
    set_cell(sheets, "检查对象名录库", 3, "统一社会信用代码", wrong_check(uscc(2)))
    return save_xlsx(tmp_path / "bad.xlsx", sheets)


def test_a_good_workbook_exits_0(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(good), *TODAY]) == 0
    assert "通过" in capsys.readouterr().out


def test_errors_exit_1_with_the_contract_json(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, str(bad))
    assert code == 1
    sheets = data["files"][0].pop("sheets")
    assert sheets[0] == {"sheet": "检查对象名录库", "recognised_as": "检查对象名录库", "header_row": 1,
                         "how": "工作表名称即“检查对象名录库”", "skipped_rows": []}
    assert data["files"] == [{"path": str(bad), "status": "invalid", "issues": [{
        "sheet": "检查对象名录库", "row": 3, "column": "A", "field": "统一社会信用代码", "code": "id.uscc-checksum",
        "severity": "error", "value": wrong_check(uscc(2)),
        "message": f"统一社会信用代码“{wrong_check(uscc(2))}”的校验位不正确（按 GB 32100 应为“{uscc(2)[-1]}”），请核对是否抄错。",
    }]}]
    assert data["summary"] == {"files": 1, "ok": 0, "invalid": 1, "unreadable": 0, "errors": 1, "warnings": 0,
                               "left_out": 0}


def test_report_workbook_and_the_input_is_never_modified(bad: Path, tmp_path: Path) -> None:
    before = digest(bad)
    report = tmp_path / "out" / "校验结果.xlsx"
    assert main(["validate", str(bad), "--report", str(report), "--json", str(tmp_path / "r.json"), *TODAY]) == 1
    assert digest(bad) == before
    wb = openpyxl.load_workbook(report)
    ws = wb["校验结果"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "工作表") + 1
    assert rows[0][0] == "校验结果"
    assert rows[header_at][:3] == ["检查对象名录库", 3, "A"]
    assert rows[header_at][8] == "id.uscc-checksum"
    assert ws.auto_filter.ref.startswith(f"A{header_at}:")
    assert ws[f"A{header_at + 1}"].fill.fgColor.rgb.endswith("FFC7CE")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]["errors"] == 1


def test_the_report_may_not_overwrite_an_input(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(bad)
    assert main(["validate", str(bad), "--report", str(bad), *TODAY]) == 2
    assert "不能与输入文件相同" in capsys.readouterr().err
    assert digest(bad) == before


def _encrypted(path: Path) -> Path:
    """An encrypted OOXML file is a compound file holding EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO)."""
    path.write_bytes(cfb.build({"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(60), "EncryptedPackage": bytes(600)}))
    return path


def _truncated(path: Path, good: Path) -> Path:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _broken_inside(path: Path, good: Path) -> Path:
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<worksheet><sheetData><row" if item.filename.endswith("sheet1.xml") else data)
    return path


def _unknown_sheets(path: Path) -> Path:
    return save_xlsx(path, {"Sheet1": [["姓名", "年龄"], ["张三", 30]]})


@pytest.mark.parametrize(("make", "code", "words"), [
    (lambda p, g: (p.write_text("统一社会信用代码,单位名称\n", encoding="utf-8"), p)[1], "file.not-a-workbook", "不是 Excel"),
    (lambda p, g: _encrypted(p), "file.encrypted", "密码"),
    (_truncated, "file.corrupt", "损坏"),
    (_broken_inside, "file.corrupt", "无法读取"),
    (lambda p, g: (p.write_bytes(b""), p)[1], "file.empty", "空"),
    (lambda p, g: _unknown_sheets(p), "file.no-known-sheet", "没有可识别的工作表"),
    (lambda p, g: (p.write_bytes(cfb.build({"Workbook": bytes(600)})), p)[1], "file.corrupt", "没有任何工作表"),
])
def test_unusable_single_file_exits_2_with_a_chinese_reason(
    make: object, code: str, words: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(tmp_path / "x.xlsx", good)  # type: ignore[operator]
    exit_code, data = run_json(capsys, str(path))
    assert exit_code == 2
    assert data["files"][0]["status"] == "unreadable"
    [found] = data["files"][0]["issues"]
    assert (found["code"], found["severity"], found["sheet"], found["row"]) == (code, "error", None, None)
    assert words in found["message"]


def test_a_folder_is_checked_to_the_end(good: Path, bad: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "submissions"
    (folder / "乡镇").mkdir(parents=True)
    for source in (good, bad):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "乡镇" / "broken.xlsx").write_bytes(b"not a workbook")
    (folder / "~$good.xlsx").write_bytes(b"owner file of an open workbook")
    (folder / "notes.txt").write_text("not skipped silently", encoding="utf-8")
    code = main(["validate", str(folder), "--jobs", "2", "--json", "-", *TODAY])
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert code == 1
    assert [(Path(f["path"]).name, f["status"]) for f in data["files"]] == [
        ("bad.xlsx", "invalid"), ("good.xlsx", "ok"), ("notes.txt", "unreadable"), ("broken.xlsx", "unreadable")]
    assert data["files"][2]["issues"][0]["code"] == "file.not-a-workbook"
    assert data["summary"] == {"files": 4, "ok": 1, "invalid": 1, "unreadable": 2, "errors": 3, "warnings": 0,
                               "left_out": 1}
    assert "另有 1 个 Excel 临时文件（~$ 开头，工作簿打开时生成）未校验。" in err


def test_several_files_in_the_report_start_with_the_path(good: Path, bad: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.xlsx"
    assert main(["validate", str(good), str(bad), "--report", str(report), *TODAY]) == 1
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(report)["校验结果"].iter_rows()]
    header = next(r for r in rows if r[0] == "文件")
    assert header[:2] == ["文件", "工作表"]
    assert rows[-1][0] == str(bad)


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2  # an empty folder
    assert "文件夹中没有文件" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["validate", str(tmp_path), "--today", "2024-13-01"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, str(tmp_path / "nowhere.xlsx"))
    assert code == 2
    assert data["files"][0]["issues"][0]["code"] == "file.not-found"


def test_demo_writes_the_validation_report(good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--workbook", str(good), "--out", str(out), *TODAY]) == 0
    printed = capsys.readouterr().out
    assert str(out / "校验结果.xlsx") in printed
    assert openpyxl.load_workbook(out / "校验结果.xlsx").sheetnames == ["校验结果"]


def test_demo_without_its_workbook_exits_2(tmp_path: Path) -> None:
    assert main(["demo", "--workbook", str(tmp_path / "none.xlsx"), "--out", str(tmp_path)]) == 2


def test_stdout_json_is_only_json(bad: Path) -> None:
    """With ``--json -`` the human summary goes to stderr, so stdout can be piped to a JSON tool."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        main(["validate", str(bad), "--json", "-", *TODAY])
    finally:
        sys.stdout, sys.stderr = saved
    assert json.loads(out.getvalue())["summary"]["invalid"] == 1
    assert "有错误" in err.getvalue()


def test_the_demo_on_the_example_workbook_finds_no_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``ssj demo`` as the README runs it: the example county validates with no error (as of its year)."""
    assert main(["demo", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "校验结果（错误 0 个" in printed
    assert (tmp_path / "校验结果.xlsx").is_file()


def test_a_real_file_typed_the_way_users_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Through a real .xlsx: stray and full-width spaces in headers, lower-case and full-width codes, a code
    stored as a number, dates typed as text, formatted but blank trailing rows → only the date warnings."""
    sheets = good_sheets()
    set_cell(sheets, "检查对象名录库", 2, "统一社会信用代码", uscc(1).lower())
    set_cell(sheets, "检查对象名录库", 3, "统一社会信用代码", "".join(chr(ord(c) + 0xFEE0) for c in uscc(2)))
    set_cell(sheets, "执法检查人员名录库", 2, "执法证有效期至", "2026年12月31日")
    sheets["检查对象名录库"][0] = [f"\u3000{h} " for h in sheets["检查对象名录库"][0]]
    sheets["回避关系"][1][0] = "wj001"
    path = save_xlsx(tmp_path / "typed.xlsx", sheets)
    wb = openpyxl.load_workbook(path)
    ws = wb["执法检查人员名录库"]
    ws["C3"] = 1001  # 执法证号 typed as a number: the code "1001" (a new inspector's number)
    for row in range(20, 40):
        ws[f"A{row}"].number_format = "@"  # formatted, blank rows at the end
    wb.save(path)
    code, data = run_json(capsys, str(path))
    assert code == 0
    assert [(i["sheet"], i["row"], i["column"], i["code"]) for i in data["files"][0]["issues"]] == [
        ("执法检查人员名录库", 2, "D", "schema.date-as-text")]


def test_openpyxl_reader_turns_a_damaged_sheet_into_an_addin_error(good: Path, tmp_path: Path) -> None:
    from addin.adapters.openpyxl_book import OpenpyxlBook
    from addin.core.errors import AddinError

    broken = _broken_inside(tmp_path / "broken.xlsx", good)

    def read_all() -> None:
        book = OpenpyxlBook.read(broken)
        for name in book.sheet_names():
            book.read_table(name)

    with pytest.raises(AddinError) as caught:
        read_all()
    assert caught.value.code == "file.corrupt"
    with pytest.raises(AddinError) as caught:
        OpenpyxlBook.edit(broken)
    assert caught.value.code == "file.corrupt"
