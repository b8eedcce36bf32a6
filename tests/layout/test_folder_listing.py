"""A folder run lists every file it saw: .xls/.ods/.et read, other files reported with what they are, names that
are not UTF-8 shown escaped and validated like any other, links and pipes reported without being opened, and
only Excel's ``~$`` owner files left out — counted in the summary."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from layout.layout_books import home_made_registry, xml_registry

from addin.adapters.listing import MAX_DEPTH, list_inputs, shown
from addin.cli import main

TODAY = ["--today", "2024-03-01"]


def test_shown_escapes_bytes_that_are_not_utf8_and_control_characters() -> None:
    name = os.fsdecode(b"\xd5\xc5\xc8\xfd.xlsx")  # 张三.xlsx in GBK, unpacked on a UTF-8 system
    assert shown(Path("/x") / name) == "/x/\\xd5\\xc5\\xc8\\xfd.xlsx"
    assert shown("a\x01b\n.xlsx") == "a\\x01b\\x0a.xlsx"


def test_every_file_of_a_folder_is_accounted_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "报送"
    (folder / "乡镇").mkdir(parents=True)
    home = home_made_registry(folder / "城关.xlsx")
    gbk = folder / os.fsdecode("南山乡".encode("gbk") + b".xlsx")
    shutil.copy(home, gbk)
    xml_registry(folder / "乡镇" / "平台导出.xls")
    (folder / "说明.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / "~$城关.xlsx").write_bytes(b"owner")
    os.symlink(home, folder / "链接.xlsx")
    os.symlink(tmp_path, folder / "上级文件夹")
    os.mkfifo(folder / "管道.xlsx")
    code = main(["validate", str(folder), "--json", "-", "--jobs", "2", *TODAY])
    out, err = capsys.readouterr()
    data = json.loads(out)  # valid UTF-8 JSON whatever the names
    files = {Path(f["path"]).name: (f["status"], f["issues"][0]["code"] if f["issues"] and f["status"] == "unreadable"
                                    else None) for f in data["files"]}
    gbk_shown = shown(gbk.name)  # the bytes that happen to be UTF-8 are shown as such
    assert gbk_shown.startswith("\\xc4\\xcf")
    assert files == {
        gbk_shown: ("ok", None),
        "上级文件夹": ("unreadable", "file.symlink"),
        "城关.xlsx": ("ok", None),
        "管道.xlsx": ("unreadable", "file.not-regular"),
        "说明.docx": ("unreadable", "file.corrupt"),
        "链接.xlsx": ("unreadable", "file.symlink"),
        "平台导出.xls": ("ok", None),
    }
    assert code == 1
    assert data["summary"]["left_out"] == 1
    assert gbk_shown in err
    assert "另有 1 个 Excel 临时文件" in err


def test_a_single_file_given_through_a_link_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = home_made_registry(tmp_path / "城关.xlsx")
    os.symlink(home, tmp_path / "链接.xlsx")
    assert main(["validate", str(tmp_path / "链接.xlsx"), *TODAY]) == 0


def test_a_deeply_nested_folder_is_walked_to_a_limit(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(MAX_DEPTH + 5):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "x.xlsx").write_bytes(b"")
    listing = list_inputs([tmp_path])
    assert listing.files == []
    assert listing.problems == [f"文件夹层级超过 {MAX_DEPTH} 层，其下未再查找：{tmp_path / ('d/' * (MAX_DEPTH + 1)).rstrip('/')}"]
