"""Use case ``ssj import`` / 导入名录: the lists of several files in one workbook in the standard layout.

Every file given (or found in a folder: :func:`~addin.adapters.listing.list_inputs`, none skipped silently) is
opened whatever its format (:func:`~addin.adapters.readers.open_reader`), each of its sheets read through its
layout (:func:`~addin.services.layouts.book_sources`: header found, columns mapped by name, alias or the user's
列名对照), and the rows of each kind gathered into its standard sheet (:mod:`addin.core.importing`): in a fresh
template, or — ``into`` — in a copy of an existing workbook whose other sheets are kept and whose rows of the
imported kinds come first. The new workbook also holds 导入说明 (what was read, how, and what to look at) and
列名对照 (to correct and pass back with ``mapping``). The output is a new file, written atomically; no input is
ever modified.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook

from addin.adapters.files import atomic_write, check_workbook_file, refuse_existing, refuse_if_open_in_excel
from addin.adapters.listing import list_inputs, shown
from addin.adapters.openpyxl_book import fill_list, write_sheet
from addin.adapters.readers import open_reader
from addin.core.errors import AddinError
from addin.core.importing import (
    EXPLANATION_COLUMNS,
    EXPLANATION_SHEET,
    Duplicate,
    FileSeen,
    Gathered,
    SeveralCategories,
    SourceSheet,
    duplicates,
    explanation,
    gather,
    read_gathered,
    several_categories,
    summary,
)
from addin.core.layout import ColumnMapping, SheetLayout, vocabularies
from addin.core.layout.values import ValueRewriter, rewrites
from addin.ports import SheetOut
from addin.schemas import load_schemas
from addin.services.column_mapping import mapping_sheet, read_mapping
from addin.services.layouts import book_sources, input_sheets, settings_sheet
from addin.templates import INSTRUCTIONS_SHEET, LISTS_SHEET, build_template

NOT_LISTS = {INSTRUCTIONS_SHEET: "模板的填表说明，不是名录", LISTS_SHEET: "模板的下拉选项，不是名录"}


@dataclass(slots=True)
class Imported:
    """What an import did: the new workbook, the files seen, the rows of each kind, what to look at."""

    out: Path
    files: list[FileSeen]
    gathered: dict[str, Gathered]
    duplicates: list[Duplicate] = field(default_factory=list)
    several: list[SeveralCategories] = field(default_factory=list)
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # (file, sheet, required column)
    explanation: list[list[object]] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return summary(self.gathered, self.duplicates, self.files)

    @property
    def needs_attention(self) -> bool:
        """Whether something needs the user's attention: duplicates, required columns without a source, files
        not read."""
        return bool(self.duplicates or self.missing or any(f.reason and f.attention for f in self.files))


def import_files(paths: Sequence[Path], out: Path, *, mapping: Path | None = None, into: Path | None = None,
                 today: dt.date, force: bool = False) -> Imported:
    """Import the lists of ``paths`` (files or folders) into the new workbook ``out`` (module docstring).
    :class:`AddinError` when ``out`` exists (unless ``force``), is not .xlsx, or nothing could be imported."""
    if out.suffix.lower() != ".xlsx":
        raise AddinError("cli.bad-output", f"导入结果须保存为 .xlsx 工作簿：{out.name}")
    refuse_existing({"--out": out}, force=force)
    refuse_if_open_in_excel(out)
    if into is not None:
        check_workbook_file(into)
    schemas = load_schemas()
    vocabs = vocabularies(schemas)
    columns = read_mapping(mapping, vocabs) if mapping is not None else None
    own = {p.resolve() for p in (out, into, mapping) if p is not None}
    listing = list_inputs(list(paths))
    files: list[FileSeen] = []
    sources: list[SourceSheet] = []
    unrecognised: list[tuple[str, SheetLayout]] = []
    read_from: list[Path] = []
    for entry in listing.entries:
        name = shown(entry.path.name)
        if entry.path.resolve() in own:
            continue
        own.add(entry.path.resolve())  # a file given twice (by name and in its folder) is read once
        if entry.refused is not None:
            files.append(FileSeen(shown(entry.path), entry.refused[1]))
            continue
        try:
            found = _read(entry.path, name, columns)
        except AddinError as err:
            files.append(FileSeen(shown(entry.path), err.message))
            continue
        read_from.append(entry.path)
        files.append(FileSeen(shown(entry.path), sheets=sum(1 for s in found if s.layout.kind is not None)))
        sources += [s for s in found if s.layout.kind is not None]
        unrecognised += [(name, s.layout) for s in found if s.layout.kind is None]
    if listing.left_out:
        files.append(FileSeen(f"{len(listing.left_out)} 个 ~$ 开头的文件", "Excel 打开文件时的临时文件，不是名录，未读取",
                              attention=False))
    files += [FileSeen(problem, "文件夹无法读取") for problem in listing.problems]
    if not sources:
        reasons = [f"{f.file}：{f.reason}" for f in files if f.reason]
        reasons += [f"{file}“{layout.sheet}”{layout.reason}" for file, layout in unrecognised]
        raise AddinError("import.nothing", "没有找到可导入的名录。" + "；".join(reasons or ["没有给出文件"]))
    kinds = [k for k in schemas if any(s.layout.kind == k for s in sources)]
    existing = _existing(into, kinds) if into is not None else {}
    rewriters = {kind: ValueRewriter(schemas[kind]) for kind in kinds}
    gathered: dict[str, Gathered] = {}
    done = Imported(out, files, gathered)
    for kind in kinds:
        first = [existing[kind]] if kind in existing else []
        own_sources = first + [s for s in sources if s.layout.kind == kind]
        gathered[kind] = gather(schemas[kind], own_sources, rewriters[kind])
        read = read_gathered(gathered[kind], schemas[kind], today)
        done.duplicates += duplicates(gathered[kind], read)
        done.several += several_categories(gathered[kind], read)
    everything = [existing[kind] for kind in kinds if kind in existing] + sources
    for source in everything:
        present = set(source.layout.positions())
        done.missing += [(source.file, source.layout.sheet, n) for n in schemas[source.layout.kind or ""].required
                         if n not in present]
    done.explanation = explanation(files, everything, unrecognised, schemas, gathered, rewrites(rewriters),
                                   done.duplicates, done.several)
    layouts = [(s.file, s.layout) for s in sources] + unrecognised
    sheets = [_explanation_sheet(done), mapping_sheet(layouts, vocabs)]
    names = {kind: existing[kind].layout.sheet if kind in existing else schemas[kind].sheet for kind in kinds}

    def write(tmp: Path) -> None:
        wb = openpyxl.load_workbook(into) if into is not None else build_template(schemas)
        for kind in kinds:
            name = names[kind]
            ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
            text = [i for i, n in enumerate(gathered[kind].header) if n in schemas[kind].raw["properties"]
                    and schemas[kind].field(n).text]
            fill_list(ws, gathered[kind].header, gathered[kind].rows, text)
        for sheet in sheets:
            _replace_sheet(wb, sheet)
        wb.active = wb.sheetnames.index(EXPLANATION_SHEET)
        wb.save(tmp)

    atomic_write(out, write, inputs=tuple(read_from) + ((into,) if into is not None else ()))
    return done


def _read(path: Path, name: str, mapping: ColumnMapping | None) -> list[SourceSheet]:
    book = open_reader(path)
    settings = settings_sheet(book)
    found = []
    for source in book_sources(book, mapping=mapping, file=name):
        layout = source.layout
        if layout.kind is None and (layout.sheet == settings or layout.sheet in NOT_LISTS):
            why = NOT_LISTS.get(layout.sheet, "“设置”不导入（要保留已有工作簿的设置，请用 --into 导入到该工作簿）")
            layout = replace(layout, reason=why)
        found.append(SourceSheet(name, layout, list(source.rows), source.continuations))
    return found


def _existing(into: Path, kinds: Sequence[str]) -> dict[str, SourceSheet]:
    """The sheet of ``into`` of each kind imported, read as its first source (its rows come first, and the
    imported rows go to it)."""
    chosen = input_sheets(open_reader(into), kinds=kinds).chosen
    name = shown(into.name)
    return {kind: SourceSheet(name, source.layout, list(source.rows), source.continuations)
            for kind, source in chosen.items()}


def _explanation_sheet(done: Imported) -> SheetOut:
    note = f"{done.summary} 每行的来源见名录右侧的“来源文件”“来源工作表”“来源行”。"
    return SheetOut(EXPLANATION_SHEET, EXPLANATION_COLUMNS, done.explanation, preamble=[[note]],
                    widths=(10, 24, 16, 10, 36, 60))


def _replace_sheet(wb: Workbook, sheet: SheetOut) -> None:
    """Write ``sheet`` in place of a sheet of the same name (an earlier import's), else as a new sheet."""
    index = None
    if sheet.name in wb.sheetnames:
        index = wb.sheetnames.index(sheet.name)
        wb.remove(wb[sheet.name])
    ws = wb.create_sheet(sheet.name, index)
    write_sheet(ws, sheet)
