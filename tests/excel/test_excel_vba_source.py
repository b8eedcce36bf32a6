"""The VBA sources: ASCII only, readable Chinese messages, and the dispatcher's security rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from addin.excel import ribbon_xml
from addin.excel.build import VBA_DIR

RIBBON = VBA_DIR / "SsjRibbon.bas"
MESSAGES = {
    "M_TITLE": "双随机",
    "M_SETTINGS_SHEET": "加载项设置",
    "M_NO_PYTHON": "找不到 Python 程序：",
    "M_HINT": "请联系信息科按安装说明设置 Python 的位置：",
    "M_NOT_STARTED": "无法启动 Python：",
    "M_FAILED": "运行失败（退出代码 ",
    "M_SEE_LOG": "）。详细信息见日志：",
    "M_NO_LOG": "日志文件不存在：Python 没能加载 ssj-addin，请检查安装。",
    "M_BAD_NAME": "工作簿文件名中含有“=”或引号，请改名后再试。",
    "M_DONE": "已完成。",
}


def _code_lines(path: Path) -> list[str]:
    """Source lines without comments (VBA comments start with ' outside a string)."""
    lines = []
    for line in path.read_text(encoding="ascii").splitlines():
        in_string = False
        for i, ch in enumerate(line):
            if ch == '"':
                in_string = not in_string
            elif ch == "'" and not in_string:
                line = line[:i]
                break
        if line.strip():
            lines.append(line)
    return lines


@pytest.mark.parametrize("path", sorted(VBA_DIR.glob("*.bas")), ids=lambda p: p.name)
def test_vba_sources_are_ascii_with_crlf_free_lines_under_the_vba_limit(path: Path) -> None:
    raw = path.read_bytes()
    assert raw.isascii()
    assert all(len(line) < 1024 for line in raw.splitlines())  # VBA's physical line limit
    assert raw.splitlines()[0] == f'Attribute VB_Name = "{path.stem}"'.encode()


def test_every_chinese_message_decodes_to_its_text() -> None:
    source = RIBBON.read_text(encoding="ascii")
    consts = dict(re.findall(r'Private Const (M_[A-Z_]+) As String = "([0-9A-F ]+)"', source))
    decoded = {name: "".join(chr(int(code, 16)) for code in codes.split()) for name, codes in consts.items()}
    assert decoded == MESSAGES


def test_the_ribbon_callback_named_in_the_xml_exists_with_the_callback_signature() -> None:
    code = "\n".join(_code_lines(RIBBON))
    assert f"Public Sub {ribbon_xml.DISPATCHER}(control As Object)" in code


def test_the_dispatcher_never_uses_cmd_exe_or_the_shell_statement() -> None:
    for path in VBA_DIR.glob("*.bas"):
        code = "\n".join(_code_lines(path)).lower()
        assert "cmd.exe" not in code
        assert "comspec" not in code
        assert "/c " not in code
        assert re.search(r"(^|[\s:])shell[\s(]+\"", code, re.MULTILINE) is None  # VBA's Shell function


def test_settings_never_come_from_the_active_workbook() -> None:
    for path in VBA_DIR.glob("*.bas"):
        uses = re.findall(r"ActiveWorkbook(\.\w+| Is Nothing)", "\n".join(_code_lines(path)))
        assert set(uses) <= {".Name", " Is Nothing"}, path.name  # only the name is passed to Python
        code = "\n".join(_code_lines(path))
        assert "CurDir" not in code
        assert ".Path" not in code.replace("Application.Path", "")


def test_the_child_runs_hidden_and_waits_with_the_log_folder_as_working_directory() -> None:
    code = "\n".join(_code_lines(RIBBON))
    assert 'CreateObject("WScript.Shell")' in code
    assert "shell.CurrentDirectory = logDir" in code
    assert "code = shell.Run(cmd, 0, True)" in code


@pytest.mark.parametrize("path", sorted(VBA_DIR.glob("*.bas")), ids=lambda p: p.name)
def test_every_module_is_private_to_the_add_in(path: Path) -> None:
    """Option Private Module: its procedures are neither macros nor worksheet functions of other workbooks."""
    code = _code_lines(path)
    options = [line.strip() for line in code if line.strip().startswith("Option ")]
    assert "Option Private Module" in options
    assert code.index(next(line for line in code if line.strip() == "Option Private Module")) < min(
        i for i, line in enumerate(code) if re.match(r"\s*(Public|Private)\s+(Sub|Function)\b", line))


def test_no_public_procedure_has_a_modules_name_so_application_run_finds_the_self_test() -> None:
    """Application.Run "'ssj-addin.xlam'!Name" is ambiguous when a module is called Name too."""
    modules = {path.stem for path in VBA_DIR.glob("*.bas")}
    public = {m.group(2) for path in VBA_DIR.glob("*.bas") for line in _code_lines(path)
              if (m := re.match(r"\s*Public\s+(Sub|Function)\s+(\w+)", line))}
    assert not public & modules
    assert {"SsjRunSelfTest", "SsjSelfTestReport", ribbon_xml.DISPATCHER} <= public
