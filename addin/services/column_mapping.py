"""The 列名对照 file (``--mapping``): read one back, write one — for every command that reads lists made
elsewhere (``ssj import``, ``ssj import-draw``).

A run writes a 列名对照 sheet listing each column of each sheet it read and the standard column it took it for
(:func:`mapping_sheet`); the user corrects 标准列名 where it is wrong or blank and passes the workbook back with
``--mapping``: :func:`read_mapping` finds the sheet (its header may sit under a note, the columns in any order)
and returns the :class:`~addin.core.layout.ColumnMapping` that :func:`addin.services.layouts.book_sources`
applies. Its problems are refused with their positions (``mapping.invalid``), never half applied.

The kinds the mapping may name are those of ``vocabs``: the input sheets' by default, or a list's own
vocabulary (a platform's draw result list).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from addin.adapters.listing import shown
from addin.adapters.readers import open_reader
from addin.core.errors import AddinError
from addin.core.layout import ColumnMapping, SheetLayout, Vocabulary, header_key, parse_mapping
from addin.core.layout.mapping import COLUMNS, MAPPING_VOCABULARY, SHEET, mapping_rows
from addin.ports import SheetOut, WorkbookPort
from addin.reporters.messages import render
from addin.services.layouts import sheet_source

NOTE = ("列名对照：每行是来源工作表的一列。“标准列名”为空或不对时，填写正确的标准列名（不需要的列填“不导入”），"
        "保存后导入时用 --mapping 指定本工作簿（或在“导入名录”中选择），同一平台以后导出的文件即按此对应。")
SHOWN_PROBLEMS = 10


def mapping_of(book: WorkbookPort, vocabs: Mapping[str, Vocabulary], *, name: str = "") -> ColumnMapping:
    """The 列名对照 of ``book`` (``name``: how to call the file in a message). :class:`AddinError`
    ``mapping.missing`` when the book has no such sheet, ``mapping.invalid`` listing the wrong rows."""
    sheet = next((s for s in book.sheet_names() if header_key(s) == header_key(SHEET)), None)
    if sheet is None:
        raise AddinError("mapping.missing", f"列名对照文件{name and f'“{name}”'}中没有名为“{SHEET}”的工作表。"
                         "请使用导入时生成的工作簿（其中的“列名对照”工作表）。")
    source = sheet_source(book, sheet, {MAPPING_VOCABULARY.kind: MAPPING_VOCABULARY})
    if source.layout.kind is None or not set(source.layout.positions()) >= {"工作表", "原列名", "标准列名"}:
        raise AddinError("mapping.invalid", f"工作表“{sheet}”的前几行中找不到“工作表”“原列名”“标准列名”三列的表头。")
    mapping, issues = parse_mapping(source.table(), vocabs)
    if issues:
        lines = [f"  {i.sheet} {i.column or ''}{i.row or ''}：{render(i)}" for i in issues[:SHOWN_PROBLEMS]]
        more = f"\n  ……共 {len(issues)} 处" if len(issues) > SHOWN_PROBLEMS else ""
        raise AddinError("mapping.invalid", "列名对照有误，请改正后再试：\n" + "\n".join(lines) + more,
                         {"issues": len(issues)})
    return mapping


def read_mapping(path: Path, vocabs: Mapping[str, Vocabulary]) -> ColumnMapping:
    """The 列名对照 of the workbook file ``path`` (any format the readers take)."""
    return mapping_of(open_reader(path), vocabs, name=shown(path.name))


def mapping_sheet(layouts: Iterable[tuple[str, SheetLayout]], vocabs: Mapping[str, Vocabulary]) -> SheetOut:
    """The 列名对照 sheet for ``(file name, layout)`` of every sheet read, to correct and pass back."""
    rows: list[Sequence[Any]] = [row for file, layout in layouts for row in mapping_rows(file, layout, vocabs)]
    return SheetOut(SHEET, COLUMNS, rows, preamble=[[NOTE]], widths=(24, 16, 18, 7, 5, 24, 18, 18),
                    text_columns=(0, 1, 5, 6))
