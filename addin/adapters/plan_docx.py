"""The 抽查工作方案 as a Word document (python-docx), in the form of a government document (GB/T 9704-2012).

A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm); title in 方正小标宋简体 二号 (22 pt),
centred; body in 仿宋_GB2312 三号 (16 pt) with a two-character first-line indent and a fixed 28.95 pt line pitch (22
lines of 28 characters a page); first-level headings (一、) in 黑体, second-level ((一)) in 楷体_GB2312; tables in
仿宋_GB2312 小四; page numbers ``— 1 —`` in 宋体 四号 at the foot. Every run names its font for East Asian text
(``w:eastAsia``), not only the Latin name, and the font table gives each a substitute that ships with Windows
(仿宋, 楷体, 宋体) for a PC without the GB2312 fonts. The file is written atomically, never over the workbook.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from addin.adapters.files import atomic_write
from addin.core.plan_doc import BODY, H1, H2, NOTE, TABLE, Block, PlanDocument, cn_date

TITLE_FONT, HEADING_FONT, SUBHEADING_FONT, BODY_FONT, PAGE_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
SUBSTITUTES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", SUBHEADING_FONT: "楷体"}
"""Fonts a PC may lack → the font Windows ships that Word uses instead (w:altName in the font table)."""
LATIN_FONT = "Times New Roman"
BODY_SIZE, TITLE_SIZE, TABLE_SIZE, PAGE_SIZE = Pt(16), Pt(22), Pt(10.5), Pt(14)
LINE_PITCH = Pt(28.95)
TEXT_WIDTH = Mm(156)  # 版心 width: 210 − 28 − 26 mm


def _fonts(run_or_style: object, east_asian: str, size: Pt | None = None, bold: bool = False) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = LATIN_FONT
    if size is not None:
        font.size = size
    font.bold = bold
    element = run_or_style.element  # type: ignore[attr-defined]
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _paragraph(doc: DocumentObject, text: str, font: str, size: Pt, *,
               align: WD_ALIGN_PARAGRAPH | None = None, indent: bool = True,
               pitch: Pt | None = LINE_PITCH) -> Paragraph:
    para = doc.add_paragraph()
    fmt = para.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    if pitch is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = pitch
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    if align is not None:
        para.alignment = align
    _fonts(para.add_run(text), font, size)
    return para


def _page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(para.add_run("— "), PAGE_FONT, PAGE_SIZE)
    run = para.add_run()
    _fonts(run, PAGE_FONT, PAGE_SIZE)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind is not None:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        else:
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = text
        run._r.append(node)
    _fonts(para.add_run(" —"), PAGE_FONT, PAGE_SIZE)


def _styles(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    _fonts(normal, BODY_FONT, BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)


def _font_table(doc: DocumentObject) -> None:
    """Declare the fonts with a Windows substitute (w:altName), so Word picks 仿宋 rather than 宋体 for a
    missing 仿宋_GB2312."""
    part = next((p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    for name in (TITLE_FONT, HEADING_FONT, SUBHEADING_FONT, BODY_FONT, PAGE_FONT):
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        if name in SUBSTITUTES:
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), SUBSTITUTES[name])
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), "modern" if name != HEADING_FONT else "auto")
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "fixed" if name != TITLE_FONT else "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _table(doc: DocumentObject, block: Block) -> Table:
    """A table across the 版心, columns as wide as ``block.widths`` say, the header row repeated on each page."""
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    weights = block.widths or (1,) * len(block.header)
    widths = [int(TEXT_WIDTH * w / sum(weights)) for w in weights]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Emu(width)  # w:gridCol, which LibreOffice reads; Word reads the cells' w:tcW
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    for r, (row, values) in enumerate(zip(table.rows, (block.header, *block.rows), strict=True)):
        # row.cells reads one row; table.cell(r, c) rescans the whole table on every call (18 s for the example)
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
            cell.width = Emu(widths[c])
            para = cell.paragraphs[0]
            para.paragraph_format.line_spacing = 1.0
            para.paragraph_format.first_line_indent = Pt(0)
            _fonts(para.add_run(value), HEADING_FONT if r == 0 else BODY_FONT, TABLE_SIZE)
    return table


def render(document: PlanDocument) -> DocumentObject:
    """The Word document of a 方案 (not yet saved)."""
    doc = Document()
    _page(doc)
    _styles(doc)
    _font_table(doc)
    props = doc.core_properties
    props.title, props.author, props.comments = document.title, document.unit, "ssj-addin 生成"
    props.created = props.modified = dt.datetime.combine(document.signed_on, dt.time())
    if not document.public:
        _paragraph(doc, "内部资料", HEADING_FONT, BODY_SIZE, indent=False)
    for line in document.title_lines:
        _paragraph(doc, line, TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, pitch=Pt(36))
    _paragraph(doc, "", BODY_FONT, BODY_SIZE, indent=False)
    _blocks(doc, document.blocks)
    _paragraph(doc, "", BODY_FONT, BODY_SIZE, indent=False)
    for text in (document.unit, cn_date(document.signed_on)):
        para = _paragraph(doc, text, BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        para.paragraph_format.right_indent = Pt(BODY_SIZE.pt * 4)
    for annex in document.annexes:
        # the annex starts a page by its own paragraph's "page break before": a separate page-break paragraph
        # after a signature ending at the foot of a page would spill over and leave a blank page
        head = _paragraph(doc, f"附件{annex.number}", HEADING_FONT, BODY_SIZE, indent=False)
        head.paragraph_format.page_break_before = True
        _paragraph(doc, annex.title, TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
                   pitch=Pt(36))
        _blocks(doc, annex.blocks)
    return doc


def _blocks(doc: DocumentObject, blocks: tuple[Block, ...]) -> None:
    fonts = {H1: HEADING_FONT, H2: SUBHEADING_FONT, BODY: BODY_FONT, NOTE: BODY_FONT}
    for block in blocks:
        if block.kind == TABLE:
            _table(doc, block)
        else:
            _paragraph(doc, block.text, fonts[block.kind], BODY_SIZE)


def write_plan_doc(document: PlanDocument, target: Path, *, inputs: tuple[Path, ...] = ()) -> Path:
    """Save the 方案 to ``target`` (.docx) atomically; never over one of ``inputs``."""
    doc = render(document)
    return atomic_write(target, lambda tmp: doc.save(str(tmp)), inputs=inputs)
