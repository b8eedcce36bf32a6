"""The built add-in: a valid OOXML add-in package whose VBA project independent readers read back exactly."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
from oletools.olevba import VBA_Parser

from addin.core.errors import AddinError
from addin.excel import build, ribbon_xml
from addin.excel.package import MAIN_TYPES, REL_UI, REL_VBA

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
SS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DOCUMENT_MODULES = {"ThisWorkbook", "SsjInfo", "SsjSettings"}


@pytest.fixture(scope="module")
def xlam(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build.write(tmp_path_factory.mktemp("addin") / "ssj-addin.xlam")


def _xml(zf: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(zf.read(name))


def test_olevba_extracts_exactly_the_vba_sources(xlam: Path) -> None:
    parser = VBA_Parser(str(xlam))
    try:
        found = {vba_name: code for _, _, vba_name, code in parser.extract_macros()}
    finally:
        parser.close()
    sources = {path.stem: path.read_text(encoding="ascii") for path in build.VBA_DIR.glob("*.bas")}
    assert set(found) == {f"{n}.bas" for n in sources} | {f"{n}.cls" for n in DOCUMENT_MODULES}
    for name, text in sources.items():
        assert found[f"{name}.bas"].replace("\r\n", "\n") == text
    for name in DOCUMENT_MODULES:  # document modules carry attributes only, no code
        lines = found[f"{name}.cls"].splitlines()
        assert lines[0] == f'Attribute VB_Name = "{name}"'
        assert all(line.startswith("Attribute VB_") for line in lines)


def test_package_is_an_ooxml_macro_enabled_add_in(xlam: Path) -> None:
    with zipfile.ZipFile(xlam) as zf:
        names = zf.namelist()
        assert names[0] == "[Content_Types].xml"
        for name in names:
            if name.endswith((".xml", ".rels")):
                ET.fromstring(zf.read(name))  # every XML part is well formed
        types = _xml(zf, "[Content_Types].xml")
        overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT}Override")}
        defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{CT}Default")}
        assert overrides["/xl/workbook.xml"] == MAIN_TYPES["xlam"]
        assert defaults["bin"] == "application/vnd.ms-office.vbaProject"
        for part in overrides:
            assert part.lstrip("/") in names
        package_rels = {r.get("Type"): r.get("Target") for r in _xml(zf, "_rels/.rels").iter(f"{PR}Relationship")}
        assert package_rels[REL_UI] == "customUI/customUI14.xml"
        book_rels = {r.get("Id"): (r.get("Type"), r.get("Target"))
                     for r in _xml(zf, "xl/_rels/workbook.xml.rels").iter(f"{PR}Relationship")}
        assert (REL_VBA, "vbaProject.bin") in book_rels.values()
        for _, target in book_rels.values():
            assert f"xl/{target}" in names
        workbook = _xml(zf, "xl/workbook.xml")
        assert workbook.find(f"{SS}workbookPr").get("codeName") == "ThisWorkbook"
        sheets = [(s.get("name"), s.get("state"), book_rels[s.get(R_ID)][1]) for s in workbook.iter(f"{SS}sheet")]
        assert sheets == [("说明", None, "worksheets/sheet1.xml"), ("加载项设置", "hidden", "worksheets/sheet2.xml")]
        code_names = [_xml(zf, f"xl/{target}").find(f"{SS}sheetPr").get("codeName") for _, _, target in sheets]
        assert code_names == ["SsjInfo", "SsjSettings"]  # the document modules of the VBA project
        assert zf.read("customUI/customUI14.xml") == ribbon_xml.built_xml()


def test_settings_sheet_holds_the_python_path_and_version_read_by_the_dispatcher(tmp_path: Path) -> None:
    python = r"C:\Program Files\ssj\venv\Scripts\pythonw.exe"
    xlsm = build.write(tmp_path / "same-project.xlsm", python=python)
    wb = openpyxl.load_workbook(xlsm)  # an independent reader of the package
    settings = wb["加载项设置"]
    assert settings.sheet_state == "hidden"
    values = {row[0]: row[1] for row in settings.iter_rows(min_row=2, values_only=True)}
    assert values["python"] == python
    assert values["version"] == build.__version__
    assert wb["说明"].sheet_state == "visible"


def test_xlam_and_xlsm_carry_the_same_vba_project(xlam: Path, tmp_path: Path) -> None:
    xlsm = build.write(tmp_path / "check.xlsm")
    with zipfile.ZipFile(xlam) as a, zipfile.ZipFile(xlsm) as b:
        assert a.read("xl/vbaProject.bin") == b.read("xl/vbaProject.bin")
        assert b"macroEnabled.main" in b.read("[Content_Types].xml")


def test_builds_are_reproducible() -> None:
    assert build.build("xlam") == build.build("xlam")


def test_the_built_ribbon_has_no_empty_group_and_every_button_calls_the_dispatcher() -> None:
    root = ET.fromstring(ribbon_xml.built_xml())
    ns = f"{{{ribbon_xml.NS}}}"
    groups = list(root.iter(f"{ns}group"))
    assert groups
    for group in groups:
        assert list(group.iter(f"{ns}button")), group.get("label")
    assert {b.get("onAction") for b in root.iter(f"{ns}button")} == {ribbon_xml.DISPATCHER}
    tab = next(root.iter(f"{ns}tab"))
    assert tab.get("label") == "双随机"


def test_source_ribbon_declares_the_groups_in_order() -> None:
    root = ET.fromstring(ribbon_xml.read_source())
    labels = [g.get("label") for g in root.iter(f"{{{ribbon_xml.NS}}}group")]
    assert labels == ["名录库", "抽取", "公示与报表", "智慧监管", "帮助"]
    assert ribbon_xml.problems() == []


def test_ribbon_problems_are_reported() -> None:
    xml = (f'<customUI xmlns="{ribbon_xml.NS}"><ribbon><tabs><tab id="t" label="x"><group id="g" label="g">'
           '<button id="Bad Id" label="x" onAction="Other"/></group></tab></tabs></ribbon></customUI>')
    found = ribbon_xml.problems(xml)
    assert any("not [a-z]" in p for p in found)
    assert any("not the dispatcher" in p for p in found)
    assert any("no supertip" in p for p in found)


@pytest.mark.parametrize("python", ["pythonw.exe", "venv/Scripts/pythonw.exe", 'C:\\a"b\\pythonw.exe'])
def test_a_python_path_that_is_not_absolute_is_refused(python: str) -> None:
    with pytest.raises(AddinError) as err:
        build.build("xlam", python=python)
    assert err.value.code == "addin.bad-python-path"


@pytest.mark.parametrize("python", [r"C:\ssj\pythonw.exe", r"%LOCALAPPDATA%\ssj\pythonw.exe", r"\\srv\py\pythonw.exe"])
def test_absolute_or_profile_relative_python_paths_are_accepted(python: str) -> None:
    with zipfile.ZipFile(io.BytesIO(build.build("xlam", python=python))) as zf:
        assert python.encode() in zf.read("xl/worksheets/sheet2.xml").replace(b"&amp;", b"&")


def test_a_vba_source_with_non_ascii_text_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "Mod.bas").write_bytes('Attribute VB_Name = "Mod"\n\' ok\nMsgBox "双"\n'.encode())
    with pytest.raises(AddinError) as err:
        build.vba_sources(tmp_path)
    assert err.value.code == "addin.vba-not-ascii"
    assert "第 3 行" in err.value.message


def test_a_vba_source_whose_name_differs_from_its_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "Mod.bas").write_text('Attribute VB_Name = "Other"\n', encoding="ascii")
    with pytest.raises(AddinError) as err:
        build.vba_sources(tmp_path)
    assert err.value.code == "addin.vba-name"


def test_output_suffix_must_be_xlam_or_xlsm(tmp_path: Path) -> None:
    with pytest.raises(AddinError) as err:
        build.write(tmp_path / "addin.xlsx")
    assert err.value.code == "addin.bad-suffix"
