"""Check the Excel control identifiers the ribbon uses against Microsoft's list (for maintainers; not a test).

Download the Excel workbook of https://github.com/OfficeDev/office-fluent-ui-command-identifiers (for example
``Microsoft 365/Current Channel/excelcontrols.xlsx``) and run::

    python scripts/check_control_ids.py excelcontrols.xlsx

It prints every identifier of ``tests/data/excel_control_ids.tsv`` that the workbook's "Control Name" column does
not hold, and exits 1 when there is one. The tests check the ribbon against the TSV without any download.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
USED = ROOT / "tests" / "data" / "excel_control_ids.tsv"


def used_ids(path: Path = USED) -> list[str]:
    return [line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def listed_ids(workbook: Path) -> set[str]:
    wb = openpyxl.load_workbook(workbook, read_only=True)
    names: set[str] = set()
    for ws in wb.worksheets:
        rows = ws.iter_rows(values_only=True)
        header = [str(c or "").strip() for c in next(rows, ())]
        if "Control Name" not in header:
            continue
        column = header.index("Control Name")
        names.update(str(row[column]).strip() for row in rows if len(row) > column and row[column])
    return names


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    listed = listed_ids(Path(argv[0]))
    missing = [name for name in used_ids() if name not in listed]
    for name in missing:
        print(f"not an Excel control identifier: {name}")
    print(f"{len(used_ids()) - len(missing)} of {len(used_ids())} identifiers found in {argv[0]}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
