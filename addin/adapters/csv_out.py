"""CSV for publication: UTF-8 with a BOM (so that Excel and LibreOffice read the Chinese text), CRLF line ends,
codes kept as text and safe against formula injection (CSV injection).

Opened with the default import, a spreadsheet turns 统一社会信用代码 121405994136650866 into 1.21405994136651E+17,
任务编号 2024-01 and dates into dates, and runs a cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula. Every
text cell it would convert (:func:`addin.adapters.text_cells.looks_typed`) is written as a text formula
``="…"`` (quotes doubled inside): Excel, WPS and LibreOffice show exactly the text, and what was inside — even
``=HYPERLINK(…)`` — is a string, never evaluated. Other text is written as it is; numbers stay numbers.
A program reading the file gets ``="…"`` around such cells: strip it (:func:`plain`).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from addin.adapters.files import atomic_write
from addin.adapters.text_cells import looks_typed


def as_text(text: str) -> str:
    """``2024-01`` → ``="2024-01"``: a formula whose value is the text itself."""
    return '="' + text.replace('"', '""') + '"'


def plain(cell: str) -> str:
    """The text of a cell written by :func:`safe_cell` (undoes :func:`as_text`)."""
    if cell.startswith('="') and cell.endswith('"') and len(cell) >= 3:
        return cell[2:-1].replace('""', '"')
    return cell


def safe_cell(value: object) -> str:
    """The cell as CSV text: dates in ISO form, lists joined with 、, codes and dangerous text as text formulas."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, list | tuple):
        value = "、".join(str(v) for v in value)
    text = str(value)
    return as_text(text) if looks_typed(text) else text


def write_csv(target: Path, header: Sequence[str], rows: Sequence[Sequence[object]],
              inputs: tuple[Path, ...] = ()) -> Path:
    """Write atomically (never over an input) as UTF-8 with BOM."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow([safe_cell(h) for h in header])
            writer.writerows([safe_cell(v) for v in row] for row in rows)

    return atomic_write(target, write, inputs=inputs)
