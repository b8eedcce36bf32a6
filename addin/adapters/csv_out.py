"""CSV for publication: UTF-8 with a BOM (so that Excel opens Chinese text correctly), CRLF line ends,
and safe against formula injection (CSV injection): a text cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return would be run as a formula by a spreadsheet, so it gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from addin.adapters.files import atomic_write

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell as CSV text: dates in ISO form, lists joined with 、, dangerous text neutralised."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = "、".join(str(v) for v in value)
    if isinstance(value, bool | int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(target: Path, header: Sequence[str], rows: Sequence[Sequence[object]],
              inputs: tuple[Path, ...] = ()) -> Path:
    """Write atomically (never over an input) as UTF-8 with BOM."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow([safe_cell(h) for h in header])
            writer.writerows([safe_cell(v) for v in row] for row in rows)

    return atomic_write(target, write, inputs=inputs)
