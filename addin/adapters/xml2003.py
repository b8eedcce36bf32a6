"""A reader of XML Spreadsheet 2003 files (Excel's "XML 电子表格 2003"), read-only.

Some platforms export their lists in this format under an .xls or .xlsx name; python-calamine does not read it.
The format is one XML document: ``<Workbook>`` → ``<Worksheet ss:Name>`` → ``<Table>`` → ``<Row [ss:Index]>`` →
``<Cell [ss:Index] [ss:MergeAcross] [ss:MergeDown]>`` → ``<Data ss:Type="String|Number|DateTime|Boolean|Error">``.
Positions follow the format's rules: a row or cell without ``ss:Index`` comes right after the previous one, and a
cell merged across *n* columns takes them (the next cell starts after them).

Values come back as python-calamine gives them for other formats (numbers as ``float``, ``DateTime`` as
``datetime``, text as ``str``, empty as ``''``), so the rest of the add-in cannot tell the formats apart. The XML
is parsed with defusedxml (no DTD, no entities); a declared Chinese encoding (GB2312, GBK, GB18030) is decoded.
A worksheet is parsed when it is read; the last one read is kept.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse

from addin.core.errors import AddinError
from addin.core.table import Row, Table, normalise_cell, trim_trailing_blank
from addin.ports import CellMark, CellValue, SheetOut

SS = "urn:schemas-microsoft-com:office:spreadsheet"
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.-]+)["']""")
_NATIVE = {"utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}
Merge = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first column), (last row, last column)), 0-based


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: Any, name: str) -> str | None:
    value = element.get(f"{{{SS}}}{name}")
    return value if value is not None else element.get(name)


def _value(data: Any) -> Any:
    kind = _attr(data, "Type") or "String"
    text = "".join(data.itertext())
    if kind == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "DateTime":
        try:
            return dt.datetime.fromisoformat(text.rstrip("Z")[:26])
        except ValueError:
            return text
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE")
    return text


class Xml2003Book:
    """An XML Spreadsheet 2003 file behind the read side of :class:`~addin.ports.WorkbookPort`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._names = [name for name, _rows, _merges in self._sheets(only_names=True)]
        self._cached: tuple[str, list[tuple[int, list[Any]]], list[Merge]] | None = None

    @classmethod
    def read(cls, path: Path) -> Xml2003Book:
        return cls(path)

    # -- parsing ---------------------------------------------------------------------------------------
    def _source(self) -> IO[bytes]:
        with self.path.open("rb") as fh:
            head = fh.read(256)
        declared = _DECLARED.match(head.lstrip(b"\xef\xbb\xbf"))
        if declared is None or declared.group(1).decode("ascii").lower() in _NATIVE:
            return self.path.open("rb")
        codec = declared.group(1).decode("ascii").lower()
        codec = "gb18030" if codec in ("gb2312", "gbk", "cp936") else codec
        try:
            text = self.path.read_bytes().decode(codec, errors="replace")
        except LookupError as err:
            raise AddinError("file.corrupt", f"XML 电子表格声明了不认识的编码“{codec}”。") from err
        text = re.sub(r"""^\s*<\?xml[^>]*\?>""", '<?xml version="1.0" encoding="utf-8"?>', text, count=1)
        return io.BytesIO(text.encode("utf-8"))

    def _sheets(self, *, only_names: bool = False,
                wanted: str | None = None) -> Iterator[tuple[str, list[tuple[int, list[Any]]], list[Merge]]]:
        source = self._source()
        try:
            yield from self._parse(source, only_names=only_names, wanted=wanted)
        except (ParseError, DefusedXmlException, ValueError) as err:
            raise AddinError("file.corrupt", f"XML 电子表格无法读取（文件可能已损坏或含有不允许的声明）：{err}",
                             {"path": str(self.path)}) from err
        finally:
            source.close()

    def _parse(self, source: IO[bytes], *, only_names: bool,
               wanted: str | None) -> Iterator[tuple[str, list[tuple[int, list[Any]]], list[Merge]]]:
        name: str | None = None
        table: Any = None
        rows: list[tuple[int, list[Any]]] = []
        merges: list[Merge] = []
        row_number = 0
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            tag = _local(element.tag)
            if event == "start":
                if tag == "Worksheet":
                    name, rows, merges, row_number = _attr(element, "Name") or "", [], [], 0
                elif tag == "Table":
                    table = element
                continue
            if tag == "Row" and name is not None:
                index = _attr(element, "Index")
                row_number = int(index) if index else row_number + 1
                if not only_names and (wanted is None or name == wanted):
                    rows.append((row_number, self._cells(element, row_number, merges)))
                if table is not None:
                    table.clear()  # the rows read so far are not kept in the tree
            elif tag == "Worksheet" and name is not None:
                yield name, rows, merges
                if wanted is not None and name == wanted:
                    return
                name = None
                element.clear()

    @staticmethod
    def _cells(row: Any, row_number: int, merges: list[Merge]) -> list[Any]:
        values: list[Any] = []
        column = 0
        for cell in row:
            if _local(cell.tag) != "Cell":
                continue
            index = _attr(cell, "Index")
            column = int(index) if index else column + 1
            data = next((c for c in cell if _local(c.tag) == "Data"), None)
            while len(values) < column - 1:
                values.append("")
            values.append(_value(data) if data is not None else "")
            across, down = int(_attr(cell, "MergeAcross") or 0), int(_attr(cell, "MergeDown") or 0)
            if across or down:
                merges.append(((row_number - 1, column - 1), (row_number - 1 + down, column - 1 + across)))
            column += across
        while values and values[-1] == "":
            values.pop()
        return values

    def _sheet(self, sheet: str) -> tuple[list[tuple[int, list[Any]]], list[Merge]]:
        if sheet not in self._names:
            raise AddinError("sheet.not-found", f"工作簿中没有名为“{sheet}”的工作表。", {"sheet": sheet})
        if self._cached is None or self._cached[0] != sheet:
            self._cached = None
            for name, rows, merges in self._sheets(wanted=sheet):
                if name == sheet:
                    self._cached = (name, rows, merges)
        if self._cached is None:
            return [], []
        return self._cached[1], self._cached[2]

    # -- reading ---------------------------------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return list(self._names)

    def rows(self, sheet: str) -> Iterator[tuple[int, Sequence[Any]]]:
        """``(Excel row number, raw cells from column A)`` for the rows present, in order."""
        return iter(self._sheet(sheet)[0])

    def merged(self, sheet: str) -> list[Merge]:
        return list(self._sheet(sheet)[1])

    def read_table(self, sheet: str, header_row: int = 1) -> Table:
        header: tuple[str, ...] = ()
        rows: list[Row] = []
        for number, values in self.rows(sheet):
            if number == header_row:
                header = tuple("" if v in (None, "") else str(v).strip() for v in values)
            elif number > header_row:
                rows.append(Row(number, tuple(normalise_cell(v) for v in values)))
        while header and header[-1] == "":
            header = header[:-1]
        return Table(sheet, header, tuple(trim_trailing_blank(rows)), header_row)

    def add_sheet(self, sheet: SheetOut) -> str:
        raise AddinError("book.read-only", "该工作簿以只读方式打开，不能写入。")

    def mark_cells(self, marks: Sequence[CellMark]) -> None:
        raise AddinError("book.read-only", "该工作簿以只读方式打开，不能写入。")

    def append_rows(self, sheet: SheetOut) -> str:
        raise AddinError("book.read-only", "该工作簿以只读方式打开，不能写入。")

    def fill_cells(self, values: Sequence[CellValue]) -> int:
        raise AddinError("book.read-only", "该工作簿以只读方式打开，不能写入。")

    def close(self) -> None:
        self._cached = None
