"""An independent reader accepts the container: LibreOffice opens the add-in's VBA project (placed in an
.xlsm), compiles the modules and runs the self-test macro, which writes cells read back here."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from addin import __version__
from addin.excel import build

HERE = Path(__file__).resolve().parent
TIMEOUT = 120  # seconds for one LibreOffice run, start to exit


@pytest.mark.libreoffice
def test_libreoffice_runs_the_self_test_macro_of_the_built_project(
    tmp_path: Path, soffice: str, uno_python: str, lo_profile: Path
) -> None:
    xlsm = build.write(tmp_path / "ssj-selftest.xlsm")
    with zipfile.ZipFile(xlsm) as zf:  # the very project of the add-in
        assert zf.read("xl/vbaProject.bin") == build.vba_project_bin()
    run = subprocess.run(
        [uno_python, str(HERE / "lo_smoke.py"), soffice, str(lo_profile), str(xlsm),
         "SsjAddin.SsjSelfTest.SsjRunSelfTest", "A10:B20", str(TIMEOUT - 10)],
        capture_output=True, text=True, timeout=TIMEOUT, check=False, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["modules:SsjAddin"] == ["SsjInfo", "SsjRibbon", "SsjSelfTest", "SsjSettings", "ThisWorkbook"]
    assert result["cells"] == [
        ["selftest.0", "ok"],
        ["selftest.1", __version__],  # read from the hidden settings sheet through ThisWorkbook
        ["selftest.2", '"C:\\ssj\\venv\\Scripts\\pythonw.exe" -P -m addin.ribbon validate "--wb=Book 1.xlsx" '
                       '--from_xl=1 "--app=C:\\Office\\EXCEL.EXE" --hwnd=4242 "--log=C:\\logs\\a.log" '
                       '"--msg=C:\\logs\\a.msg"'],
        ["selftest.3", "双随机"],  # Chinese text built from ChrW codes
        ["selftest.4", "yes"],
        ["selftest.5", "C:\\p\\pythonw.exe"],  # the user settings file parser
        ["selftest.6", "路径"],  # UTF-8 settings text decoded
        # What the user is shown for an exit code: 16 = vbCritical, 48 = vbExclamation, 64 = vbInformation.
        ["selftest.7", "16|运行失败（退出代码 1）。详细信息见日志： / C:\\l.log / "
                       "日志文件不存在：Python 没能加载 ssj-addin，请检查安装。"],  # Python did not start
        ["selftest.8", "48|found 2"],  # done, the workbook has errors
        ["selftest.9", "64|已完成。"],
        ["selftest.10", "16|boom /  / 运行失败（退出代码 3）。详细信息见日志： / C:\\l.log"],
    ]
