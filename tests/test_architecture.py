"""The house rules of the design, enforced: the core is pure."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "addin" / "core"
FORBIDDEN_MODULES = {"openpyxl", "xlwings", "python_calamine", "io", "os", "pathlib", "shutil", "tempfile",
                     "zipfile", "glob", "sqlite3", "random", "time", "subprocess", "socket", "urllib"}
FORBIDDEN_CALLS = {"open"}
CLOCK_METHODS = {"today", "now", "utcnow"}  # the core has no clock: today is a parameter


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
            found.append(f"{path.name}:{node.lineno} calls {node.func.id}()")
            continue
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CLOCK_METHODS:
            found.append(f"{path.name}:{node.lineno} reads the clock ({node.func.attr}())")
            continue
        else:
            continue
        for name in names:
            if name.split(".")[0] in FORBIDDEN_MODULES:
                found.append(f"{path.name}:{node.lineno} imports {name}")
    return found


def test_core_imports_no_io_or_excel_modules() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert files, "addin/core has no modules"
    violations = [v for f in files for v in _violations(f)]
    assert violations == []


def test_the_check_itself_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import openpyxl\nfrom pathlib import Path\nopen('x')\ndate.today()\n", encoding="utf-8")
    assert len(_violations(bad)) == 4
