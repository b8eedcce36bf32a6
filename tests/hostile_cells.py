"""Hostile cells (恶意或异常的单元格): values that staff's files really hold and that openpyxl will not write as
such — control characters (Excel stores them as ``_x0001_``), formula errors (``#N/A`` from a VLOOKUP,
``#DIV/0!``, ``#REF!``), numbers beyond the double range (``1e309`` reads as infinity), huge texts — plus the
generator of the corpus of workbooks that the hostile-input tests run through every command.

:func:`save_hostile_xlsx` writes a workbook with openpyxl, a placeholder in each hostile cell, then replaces the
placeholder's ``<c>`` element in the sheet XML by the element Excel itself writes for that value.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from book_files import save_xlsx


@dataclass(frozen=True, slots=True)
class Hostile:
    """A cell as Excel writes it: the ``<c>`` element's attributes after ``r`` and its children."""

    attributes: str
    children: str
    label: str  # what the case is, for test ids

    def element(self, ref: str) -> str:
        return f'<c r="{ref}"{self.attributes}>{self.children}</c>'


def excel_escape(text: str) -> str:
    """Text as Excel's XML holds it: ``&<>`` escaped, control characters as ``_xHHHH_`` (ECMA-376 ST_Xstring)."""
    out = escape(text.replace("_x", "_x005F_x"))
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", lambda m: f"_x{ord(m.group()):04X}_", out)


def text(value: str, label: str = "") -> Hostile:
    """A text cell that may hold control characters (inline string, as XlsxWriter and WPS write them)."""
    return Hostile(' t="inlineStr"', f'<is><t xml:space="preserve">{excel_escape(value)}</t></is>',
                   label or "text")


def error(code: str, formula: str = "VLOOKUP(A2,信用!A:B,2,FALSE)") -> Hostile:
    """A formula whose cached value is an error (``#N/A``, ``#DIV/0!``, ``#REF!``, ``#VALUE!`` …)."""
    return Hostile(' t="e"', f"<f>{escape(formula)}</f><v>{escape(code)}</v>", f"error {code}")


def number(literal: str) -> Hostile:
    """A number cell with the literal as stored (``1e309`` overflows a double: it reads as infinity)."""
    return Hostile("", f"<v>{literal}</v>", f"number {literal}")


_MARK = re.compile(r'<c r="([A-Z]+[0-9]+)"[^>]*?t="inlineStr"[^>]*><is><t[^>]*>@@HOSTILE(\d+)@@</t></is></c>')


def save_hostile_xlsx(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]]) -> Path:
    """:func:`book_files.save_xlsx` with every :class:`Hostile` value written as Excel writes it."""
    hostile: list[Hostile] = []

    def placeholder(value: Any) -> Any:
        if isinstance(value, Hostile):
            hostile.append(value)
            return f"@@HOSTILE{len(hostile) - 1}@@"
        return value

    plain = {name: [[placeholder(v) for v in row] for row in rows] for name, rows in sheets.items()}
    save_xlsx(path, plain)
    if not hostile:
        return path
    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    done: set[int] = set()

    def swap(match: re.Match[str]) -> str:
        index = int(match.group(2))
        done.add(index)
        return hostile[index].element(match.group(1))

    for name in [n for n in members if n.startswith("xl/worksheets/sheet")]:
        members[name] = _MARK.sub(swap, members[name].decode("utf-8")).encode("utf-8")
    assert done == set(range(len(hostile))), "openpyxl wrote a placeholder in a form this helper does not know"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path
