"""Opening any workbook file for reading, whatever its name says (.xlsx, .xlsm, .xlsb, .xls, .et, .ods, XML
Spreadsheet 2003): the format is found by content (:mod:`addin.adapters.formats`) and the matching reader is
returned — python-calamine, or :class:`~addin.adapters.xml2003.Xml2003Book`. Both give numbered raw rows
(``rows``), merged ranges (``merged``) and the read side of :class:`~addin.ports.WorkbookPort`.
"""

from __future__ import annotations

from pathlib import Path

from addin.adapters.calamine_book import CalamineBook
from addin.adapters.formats import XML2003, workbook_format
from addin.adapters.xml2003 import Xml2003Book

Reader = CalamineBook | Xml2003Book


def open_reader(path: Path) -> Reader:
    """A read-only book of ``path``; :class:`AddinError` with a Chinese reason for a file that is not one."""
    kind = workbook_format(path).kind
    if kind == XML2003:
        return Xml2003Book.read(path)
    return CalamineBook.read(path, kind)
