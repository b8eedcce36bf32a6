"""The compound file (MS-CFB) and the VBA project streams (MS-OVBA), read back by olefile and oletools."""

from __future__ import annotations

import io
import os
import struct

import olefile
import pytest

from addin.excel import cfb, ovba
from addin.excel.compression import decompress


def _strict(data: bytes) -> olefile.OleFileIO:
    return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)


def test_every_stream_reads_back_from_mini_and_regular_sectors() -> None:
    streams = {
        "PROJECT": b"p" * 5000,  # regular sectors (>= 4096)
        "PROJECTwm": b"",  # empty
        "VBA/dir": b"d" * 700,  # mini stream
        "VBA/_VBA_PROJECT": b"\xcc\x61\xff\xff\x00\x03\x00",
        "VBA/Big": os.urandom(70_000),  # a FAT of more than one sector
    }
    streams.update({f"VBA/Module{i}": bytes([i]) * (i * 257) for i in range(30)})
    ole = _strict(cfb.build(streams))
    assert sorted("/".join(p) for p in ole.listdir()) == sorted(streams)
    for path, data in streams.items():
        assert ole.openstream(path).read() == data


def test_directory_siblings_form_a_search_tree_in_cfb_order() -> None:
    names = ["dir", "_VBA_PROJECT", "ThisWorkbook", "SsjRibbon", "SsjSelfTest", "SsjInfo", "a", "B", "Zz"]
    data = cfb.build({f"VBA/{n}": b"x" for n in names})
    ole = _strict(data)
    storage = next(e for e in ole.direntries if e is not None and e.name == "VBA")
    order: list[str] = []

    def walk(sid: int) -> None:
        if sid == cfb.NOSTREAM:
            return
        entry = ole.direntries[sid]
        assert entry.color == 1  # black: no two reds in a row, root black (MS-CFB 2.6.4)
        walk(entry.sid_left)
        order.append(entry.name)
        walk(entry.sid_right)

    walk(storage.sid_child)
    assert order == sorted(names, key=cfb.sort_key)
    assert order[:3] == ["a", "B", "Zz"]  # shorter names first, then case-insensitive


def test_header_declares_version_3_with_512_byte_sectors() -> None:
    data = cfb.build({"A": b"1"})
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    _minor, major, order, shift, mini_shift = struct.unpack_from("<HHHHH", data, 24)
    assert (major, order, shift, mini_shift) == (3, 0xFFFE, 9, 6)
    assert len(data) % 512 == 0


def test_invalid_entry_names_are_refused() -> None:
    with pytest.raises(ValueError, match="invalid"):
        cfb.build({"x" * 32: b""})
    with pytest.raises(ValueError, match="duplicate"):
        cfb.build({"VBA/a": b"", "VBA/A": b""})


def _project() -> ovba.Project:
    modules = ovba.modules_from(
        [("ThisWorkbook", True), ("Sheet1", False)],
        [("Module1", 'Attribute VB_Name = "Module1"\nSub A()\nEnd Sub\n')],
    )
    return ovba.Project("Demo", "{11111111-2222-3333-4444-555555555555}", modules)


def test_project_streams_hold_compressed_crlf_sources_and_a_dir_stream() -> None:
    streams = ovba.project_streams(_project())
    assert set(streams) == {"VBA/_VBA_PROJECT", "VBA/dir", "PROJECT", "PROJECTwm", "VBA/ThisWorkbook",
                            "VBA/Sheet1", "VBA/Module1"}
    assert decompress(streams["VBA/Module1"]) == b'Attribute VB_Name = "Module1"\r\nSub A()\r\nEnd Sub\r\n'
    raw_dir = decompress(streams["VBA/dir"])
    assert raw_dir[:2] == b"\x01\x00"
    assert raw_dir[-6:] == b"\x10\x00\x00\x00\x00\x00"
    assert streams["VBA/_VBA_PROJECT"][:2] == b"\xcc\x61"  # reserved 0x61CC; no performance cache


def test_project_text_lists_document_and_standard_modules_unprotected() -> None:
    text = ovba.project_text(_project()).decode("cp1252").split("\r\n")
    assert text[:4] == ['ID="{11111111-2222-3333-4444-555555555555}"', "Document=ThisWorkbook/&H00000000",
                        "Document=Sheet1/&H00000000", "Module=Module1"]
    fields = dict(line.split("=", 1) for line in text if line[:4] in ("CMG=", "DPB=", "GC=\""))
    assert ovba.decrypt(fields["CMG"].strip('"'))[1] == bytes(4)  # protection state: none
    assert ovba.decrypt(fields["DPB"].strip('"'))[1] == b"\x00"  # no password
    assert ovba.decrypt(fields["GC"].strip('"'))[1] == b"\xff"  # visible


def test_decrypt_reads_a_field_written_by_excel() -> None:
    # CMG of a real project with ID {9E76F5A0-DAC8-4521-BCEF-644697F88708}: protection state 0.
    assert ovba.decrypt("1715EF1A11262C2A2C2A2C2A2C2A") == (0x17, bytes(4))


@pytest.mark.parametrize("seed", [0x00, 0x02, 0x06, 0x17, 0xFF])
def test_encryption_round_trips_for_every_ignored_length(seed: int) -> None:
    hex_text = ovba.encrypt("{9E76F5A0-DAC8-4521-BCEF-644697F88708}", b"\x01\x02\x03", seed=seed)
    assert ovba.decrypt(hex_text) == (seed, b"\x01\x02\x03")


def test_project_wm_maps_every_module_name_to_utf16() -> None:
    wm = ovba.project_wm(_project())
    assert wm.startswith(b"ThisWorkbook\x00" + "ThisWorkbook".encode("utf-16-le") + b"\x00\x00")
    assert wm.endswith(b"Module1\x00" + "Module1".encode("utf-16-le") + b"\x00\x00\x00\x00")


def test_duplicate_or_non_identifier_module_names_are_refused() -> None:
    dup = ovba.modules_from([("ThisWorkbook", True)], [("thisworkbook", "x")])
    with pytest.raises(ValueError, match="duplicate"):
        ovba.project_streams(ovba.Project("P", "{X}", dup))
    with pytest.raises(ValueError, match="identifier"):
        ovba.project_streams(ovba.Project("P", "{X}", ovba.modules_from([], [("Bad Name", "x")])))
