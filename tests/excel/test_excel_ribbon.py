"""The ribbon's Python side: every button has a handler and every handler a button; the validate button
gives the same result through the memory, openpyxl and xlwings adapters; the runner's exit codes, message
file and log are what the VBA dispatcher expects."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fake_xlwings import FakeBook

from addin.adapters.memory import MemoryBook
from addin.adapters.openpyxl_book import OpenpyxlBook
from addin.adapters.xlwings_book import NOTE_PREFIX, XlwingsBook
from addin.core import ids
from addin.core.errors import AddinError
from addin.excel import ribbon_xml
from addin.ports import WorkbookPort
from addin.ribbon import handlers, runner
from addin.ribbon.handlers import HANDLERS, Context

TODAY = dt.date(2024, 3, 1)
T = "检查对象名录库"
HEADER = ["统一社会信用代码", "单位名称", "主体类型", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态"]


def _uscc(n: int) -> str:
    org = f"{n:08d}"
    first17 = "91110000" + org + ids.org_code_check_char(org)
    return first17 + ids.uscc_check_char(first17)


def _registry() -> list[list[Any]]:
    bad = _uscc(2)[:-1] + ("0" if _uscc(2)[-1] != "0" else "1")  # a typo the check digit catches
    return [
        HEADER,
        [_uscc(1), "城关游泳馆", "企业", "城关镇幸福路1号", "城关镇", "游泳场（馆）", "公共卫生股", "在营"],
        [bad, "东关游泳馆", "企业", "城关镇东关街2号", "城关镇", "游泳场（馆）", "公共卫生股", "在营"],
        [_uscc(3), "南山宾馆", "个体工商户", None, "南山乡", "公共场所", "公共卫生股", "在营"],
    ]


# -- buttons and handlers ------------------------------------------------------------------------------


def test_every_button_has_a_handler_and_every_handler_a_button() -> None:
    button_ids = [b.id for b in ribbon_xml.buttons()]
    assert sorted(button_ids) == sorted(HANDLERS)


def test_the_shipped_buttons_are_those_of_the_design() -> None:
    assert [(b.group, b.label, b.id) for b in ribbon_xml.buttons()] == [
        ("名录库", "校验名录库", "validate"), ("名录库", "导入名录", "import"),
        ("抽取", "冻结名录", "freeze"), ("抽取", "随机抽取", "draw"), ("抽取", "校验抽取", "verify"),
        ("抽取", "导入外部抽取", "importdraw"),
        ("公示与报表", "工作方案", "plandoc"), ("公示与报表", "时限检查", "deadlines"), ("公示与报表", "生成公示", "publish"),
        ("公示与报表", "填写月报", "report"),
        ("智慧监管", "风险预警", "risk"), ("帮助", "帮助", "help")]
    assert ribbon_xml.problems() == []


def test_a_ribbon_with_a_button_but_no_handler_is_caught(tmp_path: Path) -> None:
    xml = ribbon_xml.read_source().replace(
        '<group id="grpDraw" label="抽取">',
        '<group id="grpDraw" label="抽取"><button id="void" label="作废批次" imageMso="HappyFace" '
        'screentip="x" supertip="x" onAction="SsjOnAction"/>')
    assert {b.id for b in ribbon_xml.buttons(xml)} - set(HANDLERS) == {"void"}
    assert b"grpDraw" in ribbon_xml.built_xml(xml)  # the group shows once it has a button


# -- the validate button through each adapter ----------------------------------------------------------


def _book(kind: str, tmp_path: Path) -> tuple[WorkbookPort, Any]:
    if kind == "memory":
        book = MemoryBook({T: _registry()})
        return book, book
    if kind == "xlwings":
        fake = FakeBook({T: _registry()})
        return XlwingsBook(fake), fake
    new = OpenpyxlBook.new()
    ws = new.wb.create_sheet(T)
    for row in _registry():
        ws.append(row)
    edited = OpenpyxlBook.edit(new.save_as(tmp_path / "in.xlsx"))
    return edited, edited


@pytest.mark.parametrize("kind", ["memory", "openpyxl", "xlwings"])
def test_validate_gives_the_same_outcome_sheet_and_marks_through_every_adapter(kind: str, tmp_path: Path) -> None:
    port, raw = _book(kind, tmp_path)
    outcome = HANDLERS["validate"].run(Context(port, TODAY))
    if kind == "xlwings":  # the registry was read in one call, the result sheet written in one
        assert (raw.counts["value reads"], raw.counts["value writes"]) == (1, 1)
    assert outcome.exit_code == handlers.EXIT_ISSUES
    assert outcome.message.startswith("校验未通过：错误 2 个，警告 0 个（已检查：检查对象名录库）。")
    assert "新工作表“校验结果”" in outcome.message
    assert port.sheet_names() == [T, "校验结果"]
    whole = port.read_table("校验结果")
    header_row = next(r.number for r in whole.rows if r.values[:1] == ("工作表",))  # below the summary
    written = port.read_table("校验结果", header_row=header_row)
    assert written.header[:4] == ("工作表", "行", "列", "字段")
    assert [(r.values[0], r.values[1], r.values[2], r.values[8]) for r in written.data_rows()] == [
        (T, 3, "A", "id.uscc-checksum"), (T, 4, "D", "schema.required")]
    if kind == "xlwings":
        ws = raw.sheets[T]
        assert ws.colors[(3, 1)] == ws.colors[(4, 4)] == (0xFF, 0xC7, 0xCE)
        assert ws.comments[(3, 1)].Text().startswith(NOTE_PREFIX + "错误：")
    elif kind == "openpyxl":
        assert raw.wb[T]["A3"].fill.fgColor.rgb.endswith("FFC7CE")
    else:
        assert [(m.row, m.column) for m in raw.marks] == [(3, "A"), (4, "D")]


def test_validate_on_a_workbook_of_another_kind_explains_why(tmp_path: Path) -> None:
    with pytest.raises(AddinError) as err:
        HANDLERS["validate"].run(Context(MemoryBook({"Sheet1": [["a"]]}), TODAY))
    assert err.value.code == "file.no-known-sheet"


def test_help_lists_every_button_and_opens_the_help_text(tmp_path: Path) -> None:
    opened: list[Path] = []
    outcome = HANDLERS["help"].run(Context(None, TODAY, tmp_path / "logs" / "a.log", opened.append))
    assert outcome.exit_code == 0
    assert f"ssj-addin {handlers.__version__}" in outcome.message
    for button in ribbon_xml.buttons():
        assert f"{button.group} › {button.label}：" in outcome.message
    assert f"日志文件夹：{tmp_path / 'logs'}" in outcome.message
    assert opened == [handlers.HELP_FILE]
    assert handlers.HELP_FILE.read_text(encoding="utf-8-sig").startswith("双随机 加载项")
    assert len(outcome.message) < 1000  # fits in a VBA MsgBox (1024 characters)


# -- the runner ----------------------------------------------------------------------------------------


def _run(tmp_path: Path, *args: str, open_book: Any = None) -> tuple[int, str, str]:
    log, msg = tmp_path / "run.log", tmp_path / "run.msg"
    code = runner.main([*args, f"--log={log}", f"--msg={msg}"],
                       open_book=open_book or (lambda: pytest.fail("no workbook expected")),
                       today=TODAY, open_file=None)
    raw = msg.read_bytes()
    assert raw[:2] == b"\xff\xfe"  # UTF-16 with BOM, read by the VBA without any library
    return code, raw[2:].decode("utf-16-le"), log.read_text(encoding="utf-8")


def test_runner_runs_a_button_on_the_callers_workbook(tmp_path: Path) -> None:
    fake = FakeBook({T: _registry()})
    code, message, log = _run(tmp_path, "validate", "--wb=名录.xlsx", "--from_xl=1", "--hwnd=42",
                              open_book=lambda: XlwingsBook(fake))
    assert code == 1
    assert message.startswith("校验未通过")
    assert "\r\n" in message  # lines for MsgBox
    assert "button=validate wb='名录.xlsx'" in log
    assert "exit 1 after" in log


def test_runner_without_a_workbook_asks_for_one(tmp_path: Path) -> None:
    code, message, _ = _run(tmp_path, "validate")
    assert (code, message) == (2, "请先打开要处理的工作簿并点选其中一个工作表，再点击按钮。")


def test_runner_refuses_an_unknown_button_id(tmp_path: Path) -> None:
    code, message, _ = _run(tmp_path, "void", "--wb=a.xlsx", "--from_xl=1")
    assert code == 2
    assert "未知的按钮“void”" in message


def test_an_unusable_workbook_gives_its_chinese_reason(tmp_path: Path) -> None:
    code, message, log = _run(tmp_path, "validate", "--wb=a.xlsx", "--from_xl=1",
                              open_book=lambda: MemoryBook({"Sheet1": [["x"]]}))
    assert code == 2
    assert message.startswith("工作簿中没有可识别的工作表")
    assert "AddinError file.no-known-sheet" in log


def test_an_unexpected_error_is_logged_with_its_traceback(tmp_path: Path) -> None:
    def broken() -> WorkbookPort:
        raise RuntimeError("COM went away")

    code, message, log = _run(tmp_path, "validate", "--wb=a.xlsx", "--from_xl=1", open_book=broken)
    assert code == 3
    assert "详细信息已写入日志" in message
    assert "Traceback" in log
    assert "RuntimeError: COM went away" in log


def test_bad_arguments_exit_2() -> None:
    assert runner.main([], open_book=lambda: pytest.fail("unused"), today=TODAY) == 2
    assert runner.main(["help", "--w=x"], open_book=lambda: pytest.fail("unused"), today=TODAY) == 2


def test_old_logs_are_pruned(tmp_path: Path) -> None:
    old, recent, other = tmp_path / "old.log", tmp_path / "new.log", tmp_path / "keep.txt"
    for p in (old, recent, other):
        p.write_text("x")
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    os.utime(other, (month_ago, month_ago))
    assert runner.prune_logs(tmp_path, time.time()) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt", "new.log"]


# -- the command line the VBA builds, as Windows and xlwings read it -------------------------------------


def windows_argv(command_line: str) -> list[str]:
    """Split a command line like the Microsoft C runtime does (quotes, backslashes before quotes)."""
    args: list[str] = []
    current, in_quotes, have_arg, i = "", False, False, 0
    while i < len(command_line):
        ch = command_line[i]
        if ch == "\\":
            j = i
            while j < len(command_line) and command_line[j] == "\\":
                j += 1
            n = j - i
            if j < len(command_line) and command_line[j] == '"':
                current += "\\" * (n // 2)
                if n % 2:
                    current += '"'
                    j += 1
                i = j
            else:
                current += "\\" * n
                i = j
            have_arg = True
            continue
        if ch == '"':
            in_quotes, have_arg = not in_quotes, True
        elif ch in " \t" and not in_quotes:
            if have_arg:
                args.append(current)
            current, have_arg = "", False
        else:
            current += ch
            have_arg = True
        i += 1
    if have_arg:
        args.append(current)
    return args


def xlwings_caller_args(argv: list[str]) -> tuple[str | None, str | None, str | None]:
    """What ``xlwings.Book.caller()`` takes from ``sys.argv`` (its parsing, reproduced)."""
    wb = from_xl = hwnd = None
    for arg in argv:
        if arg.startswith("--wb="):
            wb = arg.split("=")[1].strip()
        elif arg.startswith("--from_xl"):
            from_xl = arg.split("=")[1].strip()
        elif arg.startswith("--hwnd"):
            hwnd = arg.split("=")[1].strip()
    return wb, from_xl, hwnd


# The value the dispatcher's SsjCommandLine gives in the self-test (checked in LibreOffice).
VBA_COMMAND_LINE = ('"C:\\ssj\\venv\\Scripts\\pythonw.exe" -P -m addin.ribbon validate "--wb=Book 1.xlsx" '
                    '--from_xl=1 "--app=C:\\Office\\EXCEL.EXE" --hwnd=4242 "--log=C:\\logs\\a.log" '
                    '"--msg=C:\\logs\\a.msg"')


def test_the_dispatchers_command_line_reaches_python_and_xlwings_intact() -> None:
    argv = windows_argv(VBA_COMMAND_LINE)
    assert argv[:4] == ["C:\\ssj\\venv\\Scripts\\pythonw.exe", "-P", "-m", "addin.ribbon"]
    module_argv = argv[4:]  # sys.argv[1:] under -m
    assert xlwings_caller_args(module_argv) == ("Book 1.xlsx", "1", "4242")
    args = runner.parse_args(module_argv)
    assert (args.button, args.wb, args.from_xl, args.hwnd) == ("validate", "Book 1.xlsx", "1", "4242")
    assert (str(args.log), str(args.msg)) == ("C:\\logs\\a.log", "C:\\logs\\a.msg")


def test_the_module_runs_as_the_dispatcher_starts_it(tmp_path: Path) -> None:
    msg = tmp_path / "m.msg"
    run = subprocess.run([sys.executable, "-P", "-m", "addin.ribbon", "help", f"--log={tmp_path / 'm.log'}",
                          f"--msg={msg}"], capture_output=True, timeout=120, check=False, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert msg.read_bytes()[2:].decode("utf-16-le").startswith("双随机 加载项 ssj-addin")


# -- icons: Excel control identifiers ------------------------------------------------------------------

CONTROL_IDS = Path(__file__).resolve().parents[1] / "data" / "excel_control_ids.tsv"
_MSO_ATTRIBUTES = ("imageMso", "insertAfterMso", "insertBeforeMso", "idMso")


def _excel_control_ids() -> set[str]:
    lines = CONTROL_IDS.read_text(encoding="utf-8").splitlines()
    assert any("office-fluent-ui-command-identifiers" in line for line in lines if line.startswith("#"))  # source
    return {line.split("\t", 1)[0] for line in lines if line.strip() and not line.startswith("#")}


def _mso_references(xml: str) -> list[tuple[str, str]]:
    return [(attribute, value) for attribute in _MSO_ATTRIBUTES
            for value in re.findall(rf'\b{attribute}="([^"]+)"', xml)]


def test_every_icon_and_anchor_of_the_ribbon_is_an_excel_control_identifier() -> None:
    used = _mso_references(ribbon_xml.read_source())
    assert len([v for a, v in used if a == "imageMso"]) == len(ribbon_xml.buttons())  # every button has an icon
    unknown = [(a, v) for a, v in used if v not in _excel_control_ids()]
    assert not unknown, f"not in Microsoft's Excel control identifiers: {unknown}"


def test_an_icon_of_another_office_application_is_caught() -> None:
    outlook = ribbon_xml.read_source().replace('imageMso="FormulaEvaluate"', 'imageMso="AcceptInvitation"')
    assert ("imageMso", "AcceptInvitation") in [(a, v) for a, v in _mso_references(outlook)
                                                 if v not in _excel_control_ids()]
