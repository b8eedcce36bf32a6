"""``ssj import`` takes every format the validation reads — .xls and .ods written by LibreOffice, .xlsx content
under an .xls name, XML Spreadsheet 2003 — and writes the same standard rows from each; and the data imported
are exactly those of the source: a registry imported from a home-made layout freezes to the same hashes as the
same registry typed into the template."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from drawbook.drawbook_cases import DAY, FREEZE_TIME, TARGET_HEADER, sheets, write_book
from layout.import_books import office_file, records, ssj
from layout.layout_books import home_made_registry, xml_registry

from addin.services.draw.freeze import freeze

T = "检查对象名录库"
STANDARD = ("统一社会信用代码", "单位名称", "地址", "所属乡镇", "检查对象类别", "监管股室", "经营状态", "信用风险分类")


def standard_rows(path: Path) -> list[tuple[Any, ...]]:
    return [tuple(r.get(n) for n in STANDARD) for r in records(path, T)]


@pytest.mark.libreoffice
def test_every_format_imports_the_same_rows(office_copies: dict[str, Path], tmp_path: Path) -> None:
    expected_out = tmp_path / "xlsx.xlsx"
    assert ssj("import", home_made_registry(tmp_path / "home.xlsx"), "--out", expected_out) == 0
    expected = standard_rows(expected_out)
    assert len(expected) == 4
    for label, path in {"xls": office_copies["home.xls"], "ods": office_copies["home.ods"],
                        "xlsx named .xls": shutil.copy(tmp_path / "home.xlsx", tmp_path / "home-as.xls")}.items():
        out = tmp_path / f"{label}.xlsx"
        assert ssj("import", path, "--out", out) == 0, label
        assert standard_rows(out) == expected, label
        assert [(r["来源文件"], r["来源行"]) for r in records(out, T)] == [(Path(path).name, n) for n in (3, 4, 5, 6)]


def test_xml_2003_imports_with_its_dates(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    assert ssj("import", xml_registry(tmp_path / "平台导出.xls"), "--out", out) == 0
    rows = records(out, T)
    assert [(r["单位名称"], r["地址"], str(r["许可有效期至"])[:10], r["来源行"]) for r in rows][:2] == [
        ("城关游泳馆", "城关镇幸福路1号", "2026-06-30", 4), ("东关游泳馆", "城关镇东关街2号", "2026-06-30", 5)]


HOME_HEADER = ["企业名称", "社会信用代码", "市场主体类型", "法定代表人（负责人）", "联系方式", "经营地址", "乡镇（街道）",
               "行业类别", "监管科室", "登记状态", "风险等级"]
STATES = {"在营": "存续（在营、开业、在册）", "注销": "已注销", "停业": "歇业"}


def test_a_home_made_registry_imported_freezes_to_the_same_hashes_as_the_template(tmp_path: Path) -> None:
    typed = write_book((tmp_path / "typed").mkdir() or tmp_path / "typed" / "县.xlsx")
    targets = sheets()[T][1:]
    at = {name: i for i, name in enumerate(TARGET_HEADER)}

    def own(row: tuple[Any, ...]) -> list[Any]:
        order = ["单位名称", "统一社会信用代码", "主体类型", "法定代表人", "联系电话", "地址", "所属乡镇", "检查对象类别",
                 "监管股室", "经营状态", "信用风险分类"]
        values = [row[at[n]] for n in order]
        values[9] = STATES.get(values[9], values[9])
        return values

    folder = tmp_path / "股室"
    folder.mkdir()
    office_file(folder / "1-公共场所.xlsx", "监管对象库", "公共场所监管对象", HOME_HEADER,
                [own(r) for r in targets if r[at["检查对象类别"]] == "公共场所"])
    office_file(folder / "2-游泳场馆.xlsx", "Sheet1", "游泳场（馆）", HOME_HEADER,
                [own(r) for r in targets if r[at["检查对象类别"]] != "公共场所"])
    empty = write_book((tmp_path / "empty").mkdir() or tmp_path / "empty" / "县.xlsx", sheets(**{T: [TARGET_HEADER]}))
    imported = tmp_path / "imported" / "县.xlsx"
    imported.parent.mkdir()
    assert ssj("import", folder, "--into", empty, "--out", imported) == 0
    one = freeze(typed, typed.parent / "out.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    two = freeze(imported, imported.parent / "out.xlsx", day=DAY, sources=[("test", "1")], now=FREEZE_TIME)
    assert two.digests == one.digests
    assert two.freeze_hash == one.freeze_hash
    assert two.build.pool_size == one.build.pool_size > 0
