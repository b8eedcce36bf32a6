"""A source-only VBA project (MS-OVBA): the streams of ``vbaProject.bin``, without any p-code.

Office compiles a module from its source when the compiled form (the *performance cache*) is missing or
belongs to another VBA version; so a project made of compressed sources, the ``dir`` stream (project and
module records), the ``PROJECT`` text stream and an empty ``_VBA_PROJECT`` header is complete. The streams
are laid out in a compound file by :mod:`addin.excel.cfb`.

Module kinds: a *standard module* (标准模块, a ``.bas`` file) and a *document module* (the code behind
``ThisWorkbook`` or a worksheet, whose name is the object's code name in the workbook part).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

from addin.excel.compression import compress

CODEPAGE = 1252  # the sources are ASCII-only, so any ANSI code page reads them the same
LCID = 0x0409
# MS-OVBA 2.3.4.1: a version other than the running VBA's makes Office ignore the (absent) cache.
_VBA_PROJECT_STREAM = struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0003)
_STDOLE = (
    "stdole",
    "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\\Windows\\System32\\stdole2.tlb#OLE Automation",
)
_WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
_WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
_HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"


@dataclass(frozen=True, slots=True)
class Module:
    """One module: its name and its source text (``\\n`` or ``\\r\\n`` line ends; stored with CRLF)."""

    name: str
    source: str
    document: bool = False

    def stored_source(self) -> bytes:
        text = self.source.replace("\r\n", "\n").replace("\n", "\r\n")
        return text.encode("ascii")


@dataclass(frozen=True, slots=True)
class Project:
    name: str
    project_id: str  # "{GUID}": fixed per project so that builds are reproducible
    modules: tuple[Module, ...]


def document_module(name: str, *, workbook: bool) -> Module:
    """The attribute block Excel itself writes for a workbook or worksheet document module (no code)."""
    base = _WORKBOOK_BASE if workbook else _WORKSHEET_BASE
    lines = [
        f'Attribute VB_Name = "{name}"',
        f'Attribute VB_Base = "{base}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = True",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = True",
    ]
    return Module(name, "\r\n".join(lines) + "\r\n", document=True)


def project_streams(project: Project) -> dict[str, bytes]:
    """Every stream of the project by its path in the compound file (``VBA/dir``, ``PROJECT`` …)."""
    names = [m.name for m in project.modules]
    if len({n.casefold() for n in names}) != len(names):
        raise ValueError(f"duplicate module names: {names}")
    for name in [project.name, *names]:
        if not name.isascii() or not name.replace("_", "a").isalnum() or len(name) > 31:
            raise ValueError(f"not a valid VBA identifier: {name!r}")
    streams = {
        "VBA/_VBA_PROJECT": _VBA_PROJECT_STREAM,
        "VBA/dir": compress(dir_stream(project)),
        "PROJECT": project_text(project),
        "PROJECTwm": project_wm(project),
    }
    for module in project.modules:
        streams[f"VBA/{module.name}"] = compress(module.stored_source())
    return streams


# -- the dir stream (MS-OVBA 2.3.4.2) ------------------------------------------------------------------


def _rec(record_id: int, data: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(data)) + data


def _u32(value: int) -> bytes:
    return struct.pack("<I", value)


def _u16(value: int) -> bytes:
    return struct.pack("<H", value)


def _mbcs(text: str) -> bytes:
    return text.encode("cp1252")


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def dir_stream(project: Project) -> bytes:
    """The decompressed ``dir`` stream: project information, references, modules, terminator."""
    out = bytearray()
    out += _rec(0x0001, _u32(0x00000001))  # PROJECTSYSKIND: Win32 (Office recompiles for its own bitness)
    out += _rec(0x0002, _u32(LCID))  # PROJECTLCID
    out += _rec(0x0014, _u32(LCID))  # PROJECTLCIDINVOKE
    out += _rec(0x0003, _u16(CODEPAGE))  # PROJECTCODEPAGE
    out += _rec(0x0004, _mbcs(project.name))  # PROJECTNAME
    out += _rec(0x0005, b"") + _rec(0x0040, b"")  # PROJECTDOCSTRING (+ unicode)
    out += _rec(0x0006, b"") + _rec(0x003D, b"")  # PROJECTHELPFILEPATH (+ second copy)
    out += _rec(0x0007, _u32(0))  # PROJECTHELPCONTEXT
    out += _rec(0x0008, _u32(0))  # PROJECTLIBFLAGS
    out += struct.pack("<HIIH", 0x0009, 4, 1, 0)  # PROJECTVERSION: reserved 4, major, minor
    out += _rec(0x000C, b"") + _rec(0x003C, b"")  # PROJECTCONSTANTS (+ unicode)
    name, libid = _STDOLE
    out += _rec(0x0016, _mbcs(name)) + _rec(0x003E, _utf16(name))  # REFERENCENAME
    registered = _u32(len(libid)) + _mbcs(libid) + _u32(0) + _u16(0)
    out += _rec(0x000D, registered)  # REFERENCEREGISTERED
    out += _rec(0x000F, _u16(len(project.modules)))  # PROJECTMODULES
    out += _rec(0x0013, _u16(0xFFFF))  # PROJECTCOOKIE
    for module in project.modules:
        out += _rec(0x0019, _mbcs(module.name))  # MODULENAME
        out += _rec(0x0047, _utf16(module.name))  # MODULENAMEUNICODE
        out += _rec(0x001A, _mbcs(module.name)) + _rec(0x0032, _utf16(module.name))  # MODULESTREAMNAME
        out += _rec(0x001C, b"") + _rec(0x0048, b"")  # MODULEDOCSTRING
        out += _rec(0x0031, _u32(0))  # MODULEOFFSET: the source starts at 0 (no p-code before it)
        out += _rec(0x001E, _u32(0))  # MODULEHELPCONTEXT
        out += _rec(0x002C, _u16(0xFFFF))  # MODULECOOKIE
        out += _rec(0x0022 if module.document else 0x0021, b"")  # MODULETYPE: document / procedural
        out += _rec(0x002B, b"")  # module terminator
    out += _rec(0x0010, b"")  # dir terminator
    return bytes(out)


# -- the PROJECT and PROJECTwm streams (MS-OVBA 2.3.1, 2.3.3) -------------------------------------------


def project_text(project: Project) -> bytes:
    """The ``PROJECT`` stream: module list, name, and the (unprotected, visible) protection fields."""
    key = project.project_id
    protection = encrypt(key, bytes(4), seed=0x08)  # protection state: none
    password = encrypt(key, bytes(1), seed=0x0A)  # password: none
    visibility = encrypt(key, bytes([0xFF]), seed=0x0C)  # visibility: visible
    lines = [f'ID="{key}"']
    for module in project.modules:
        lines.append(f"Document={module.name}/&H00000000" if module.document else f"Module={module.name}")
    lines += [
        f'Name="{project.name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{protection}"',
        f'DPB="{password}"',
        f'GC="{visibility}"',
        "",
        "[Host Extender Info]",
        _HOST_EXTENDER,
        "",
    ]
    return "\r\n".join(lines).encode("cp1252")


def project_wm(project: Project) -> bytes:
    """``PROJECTwm``: each module name in the code page and in UTF-16, for non-ANSI readers."""
    out = bytearray()
    for module in project.modules:
        out += _mbcs(module.name) + b"\x00" + _utf16(module.name) + b"\x00\x00"
    return bytes(out + b"\x00\x00")


# -- data encryption of the protection fields (MS-OVBA 2.4.3) ----------------------------------------


def encrypt(project_id: str, data: bytes, *, seed: int) -> str:
    """Encrypt a protection field the way VBA does; the seed is fixed for reproducible builds."""
    version = 2
    project_key = sum(project_id.encode("cp1252")) & 0xFF
    out = bytearray([seed, seed ^ version, seed ^ project_key])
    unencrypted_1, encrypted_1, encrypted_2 = project_key, seed ^ project_key, seed ^ version
    ignored = bytes([seed]) * ((seed & 6) // 2)
    for byte in ignored + _u32(len(data)) + data:
        encrypted = byte ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        out.append(encrypted)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, encrypted, byte
    return out.hex().upper()


def decrypt(hex_text: str) -> tuple[int, bytes]:
    """(seed, data) of an encrypted protection field — the inverse of :func:`encrypt`, for tests."""
    raw = bytes.fromhex(hex_text)
    seed, version_enc, key_enc = raw[0], raw[1], raw[2]
    if seed ^ version_enc != 2:
        raise ValueError("unknown encryption version")
    unencrypted_1, encrypted_1, encrypted_2 = seed ^ key_enc, key_enc, version_enc
    plain = bytearray()
    for encrypted in raw[3:]:
        byte = encrypted ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        plain.append(byte)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, encrypted, byte
    body = bytes(plain[(seed & 6) // 2 :])
    (length,) = struct.unpack_from("<I", body)
    if length != len(body) - 4:
        raise ValueError("length field does not match the data")
    return seed, body[4:]


def modules_from(documents: Sequence[tuple[str, bool]], standard: Sequence[tuple[str, str]]) -> tuple[Module, ...]:
    """Document modules (code name, is-workbook) first, then standard modules (name, source)."""
    docs = tuple(document_module(name, workbook=workbook) for name, workbook in documents)
    return docs + tuple(Module(name, source) for name, source in standard)
