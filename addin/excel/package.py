"""The OOXML package of the add-in (``.xlam``) or of a macro workbook (``.xlsm``) holding the same project.

Parts: content types, package relationships (workbook, document properties, the ribbon ``customUI14.xml``
by the Office 2010 extensibility relationship), the workbook with two sheets — 说明 (what this file is,
and where the self-test writes) and the hidden 加载项设置 (settings the VBA dispatcher reads: key in
column A, value in column B) — a minimal style sheet, and ``xl/vbaProject.bin``. Strings are written
inline, so no shared-string part is needed. The zip is deterministic (fixed timestamps, fixed order).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from addin.core.table import column_letter

INFO_SHEET, SETTINGS_SHEET = "说明", "加载项设置"
INFO_CODENAME, SETTINGS_CODENAME, WORKBOOK_CODENAME = "SsjInfo", "SsjSettings", "ThisWorkbook"
MAIN_TYPES = {
    "xlam": "application/vnd.ms-excel.addin.macroEnabled.main+xml",
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
}
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_UI = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    code_name: str
    rows: Sequence[Sequence[str]]
    hidden: bool = False
    widths: Sequence[float] = ()


def package(kind: str, vba_project: bytes, custom_ui: bytes, sheets: Sequence[Sheet], *, title: str) -> bytes:
    """The zip bytes of an ``xlam`` or ``xlsm`` package."""
    if kind not in MAIN_TYPES:
        raise ValueError(f"unknown package kind {kind!r}")
    if not any(not s.hidden for s in sheets):
        raise ValueError("a workbook needs at least one visible sheet")
    parts: list[tuple[str, bytes]] = [
        ("[Content_Types].xml", _content_types(kind, len(sheets))),
        ("_rels/.rels", _package_rels()),
        ("docProps/core.xml", _core(title)),
        ("docProps/app.xml", _app()),
        ("customUI/customUI14.xml", custom_ui),
        ("xl/workbook.xml", _workbook(sheets)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets))),
        ("xl/styles.xml", _styles()),
        ("xl/vbaProject.bin", vba_project),
    ]
    parts += [(f"xl/worksheets/sheet{i}.xml", _worksheet(s)) for i, s in enumerate(sheets, start=1)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode("utf-8")


def _rels(items: Sequence[tuple[str, str, str]]) -> bytes:
    rels = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items)
    return _xml(f'<Relationships xmlns="{_NS_PKG_REL}">{rels}</Relationships>')


def _content_types(kind: str, n_sheets: int) -> bytes:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, n_sheets + 1)
    )
    return _xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{MAIN_TYPES[kind]}"/>'
        f"{sheets}"
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )


def _package_rels() -> bytes:
    return _rels(
        [
            ("rId1", f"{_REL}/officeDocument", "xl/workbook.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml"),
            ("rId3", f"{_REL}/extended-properties", "docProps/app.xml"),
            ("rId4", REL_UI, "customUI/customUI14.xml"),
        ]
    )


def _core(title: str) -> bytes:
    return _xml(
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>ssj-addin</dc:creator>"
        "</cp:coreProperties>"
    )


def _app() -> bytes:
    return _xml(
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>Microsoft Excel</Application></Properties>"
    )


def _workbook(sheets: Sequence[Sheet]) -> bytes:
    hidden = ' state="hidden"'
    entries = "".join(
        f'<sheet name={quoteattr(s.name)} sheetId="{i}"{hidden if s.hidden else ""} r:id="rId{i}"/>'
        for i, s in enumerate(sheets, start=1)
    )
    return _xml(
        f'<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_R}">'
        f'<workbookPr codeName="{WORKBOOK_CODENAME}"/>'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{entries}</sheets></workbook>"
    )


def _workbook_rels(n_sheets: int) -> bytes:
    items = [(f"rId{i}", f"{_REL}/worksheet", f"worksheets/sheet{i}.xml") for i in range(1, n_sheets + 1)]
    items.append((f"rId{n_sheets + 1}", f"{_REL}/styles", "styles.xml"))
    items.append((f"rId{n_sheets + 2}", REL_VBA, "vbaProject.bin"))
    return _rels(items)


def _styles() -> bytes:
    return _xml(
        f'<styleSheet xmlns="{_NS_MAIN}">'
        '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _worksheet(sheet: Sheet) -> bytes:
    rows = []
    for r, values in enumerate(sheet.rows, start=1):
        cells = "".join(
            f'<c r="{column_letter(c)}{r}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'
            for c, v in enumerate(values)
            if v != ""
        )
        rows.append(f'<row r="{r}">{cells}</row>')
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(sheet.widths, start=1)
    )
    return _xml(
        f'<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_R}">'
        f'<sheetPr codeName="{sheet.code_name}"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
