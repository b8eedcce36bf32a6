"""Reading a very large sheet in parts, so that memory stays bounded.

python-calamine loads a whole sheet into memory before the first row can be read: 1.4 GB for a registry of
1,000,000 rows × 15 columns (measured; ``bench/validate_bench.py``). For a sheet whose XML unpacks to more than
:data:`BIG_SHEET_BYTES`, we cut the sheet XML at row boundaries while unpacking it, and hand each part to
calamine as a small workbook of its own (the same styles, shared strings and workbook parts, stored without
compression, in memory). Cells keep their ``r="B123456"`` references, so calamine places each part at its
real rows, reads dates through the same styles and strings through the same table: the values are those of
reading the sheet whole.

A sheet whose rows carry no ``r`` attribute (rare writers) is read whole.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from defusedxml import ElementTree
from python_calamine import CalamineWorkbook

MiB = 1024**2
BIG_SHEET_BYTES = 160 * MiB  # unpacked sheet XML above this is read in parts (≈ 180,000 rows of 15 columns)
PART_BYTES = 32 * MiB  # unpacked sheet XML per part (≈ 37,000 rows of 15 columns)
_READ_BYTES = 8 * MiB
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\b[^>]*?(/?)>")


def sheet_member(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member that holds sheet ``sheet`` (xl/workbook.xml and its relationships), or None."""
    try:
        workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    for element in workbook.iter():
        if element.tag.endswith("}sheet") and element.get("name") == sheet:
            target = targets.get(element.get(_REL), "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
    return None


def big_sheet(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The member of ``sheet`` when it is large enough to be read in parts."""
    member = sheet_member(zf, sheet)
    if member is None or member not in zf.NameToInfo:
        return None
    return member if zf.getinfo(member).file_size > BIG_SHEET_BYTES else None


def rows_in_parts(zf: zipfile.ZipFile, member: str, sheet: str) -> Iterator[tuple[int, list[Any]]] | None:
    """``(Excel row number, raw cells from column A)`` for every row of the sheet, read part by part; None
    when the sheet cannot be cut (no ``<sheetData>``, rows without ``r``) — then read it whole."""
    pieces = _pieces(zf, member)
    head = next(pieces, None)
    if head is None:
        return None
    prefix, first, close = head
    if not re.search(rb"<(\w+:)?row\b[^>]*\br=", first[:4096]):
        return None
    others = {info.filename: zf.read(info) for info in zf.infolist()
              if info.filename != member and not info.filename.startswith("xl/worksheets/")}
    empty_sheet = prefix + close
    sheets = {info.filename: empty_sheet for info in zf.infolist()
              if info.filename.startswith("xl/worksheets/") and info.filename != member
              and info.filename.endswith(".xml")}

    def parts() -> Iterator[bytes]:
        yield first
        for _, rows, _ in pieces:
            yield rows

    def read() -> Iterator[tuple[int, list[Any]]]:
        for rows in parts():
            yield from _read_part(_workbook({**others, **sheets, member: prefix + rows + close}), sheet)

    return read()


def _read_part(package: bytes, sheet: str) -> Iterator[tuple[int, list[Any]]]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(package))
    del package
    try:
        ws = workbook.get_sheet_by_name(sheet)
        start = ws.start
        if start is None:
            return
        first_row, first_col = start
        rows = ws.to_python(skip_empty_area=True)
    finally:
        workbook.close()
    pad = [""] * first_col
    for number, values in enumerate(rows, start=first_row + 1):
        yield number, pad + values if first_col else values


def _workbook(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _pieces(zf: zipfile.ZipFile, member: str) -> Iterator[tuple[bytes, bytes, bytes]]:
    """(prefix up to <sheetData>, rows, closing tags) per part of about :data:`PART_BYTES` of rows."""
    with zf.open(member) as stream:
        buffer = b""
        match = None
        while match is None:
            block = stream.read(_READ_BYTES)
            if not block:
                return
            buffer += block
            match = _SHEET_DATA.search(buffer)
            if match is None and len(buffer) > 64 * MiB:
                return
        if match.group(2):  # <sheetData/>: no rows
            return
        ns = match.group(1) or b""
        prefix, buffer = buffer[: match.end()], buffer[match.end():]
        close = b"</" + ns + b"sheetData></" + ns + b"worksheet>"
        end_row, end_data = b"</" + ns + b"row>", b"</" + ns + b"sheetData>"
        done = False
        while not done:
            while len(buffer) < PART_BYTES and not done:
                block = stream.read(_READ_BYTES)
                done = not block
                buffer += block
            stop = buffer.find(end_data)
            if stop >= 0:
                yield prefix, buffer[:stop], close
                return
            cut = buffer.rfind(end_row) + len(end_row) if not done else len(buffer)
            if cut < len(end_row):  # one row longer than a part: take more
                if done:
                    yield prefix, buffer, close
                    return
                block = stream.read(_READ_BYTES)
                done = not block
                buffer += block
                continue
            yield prefix, buffer[:cut], close
            buffer = buffer[cut:]
