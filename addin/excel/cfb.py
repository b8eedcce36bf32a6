"""A writer of compound files (MS-CFB, version 3): the container ``vbaProject.bin`` is stored in.

A compound file is a small FAT file system in 512-byte sectors: a header, the FAT (which chains the
sectors of every stream), a directory of 128-byte entries (storages and streams, each storage's children
kept as a binary search tree), and streams shorter than 4096 bytes packed in 64-byte *mini sectors* of
the *mini stream* with their own mini FAT. The writer is deterministic: no clock, no random bytes, so the
same sources always give the same file. Readers used to check it: ``olefile`` and ``olevba`` (oletools),
and LibreOffice.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
FREESECT, ENDOFCHAIN, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
_HEADER_DIFAT = 109
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_BLACK = 1


@dataclass(slots=True)
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN
    size: int = 0


def sort_key(name: str) -> tuple[int, list[int]]:
    """MS-CFB 2.6.4 order: shorter names first, then code unit by code unit, upper-cased."""
    units = name.encode("utf-16-le")
    upper = [ord(c.upper()) if len(c.upper()) == 1 else ord(c) for c in name]
    return len(units), upper


def build(streams: Mapping[str, bytes]) -> bytes:
    """A compound file holding ``streams`` keyed by path (``"VBA/dir"``); storages are implied."""
    root = _Entry("Root Entry", _ROOT)
    for path, data in streams.items():
        parts = path.split("/")
        node = root
        for part in parts[:-1]:
            node = _child(node, part, _STORAGE)
        leaf = _child(node, parts[-1], _STREAM)
        leaf.data = bytes(data)
    entries = _number(root)
    for entry in entries:
        entry.child = _tree(entry.children)
    return _layout(root, entries)


def _child(parent: _Entry, name: str, kind: int) -> _Entry:
    if not name or len(name) > 31 or any(c in name for c in "/\\:!"):
        raise ValueError(f"invalid compound file entry name: {name!r}")
    for existing in parent.children:
        if existing.name.upper() == name.upper():
            if existing.kind != kind:
                raise ValueError(f"{name!r} is both a storage and a stream")
            if kind == _STREAM:
                raise ValueError(f"duplicate stream {name!r}")
            return existing
    entry = _Entry(name, kind)
    parent.children.append(entry)
    return entry


def _number(root: _Entry) -> list[_Entry]:
    order = [root]
    i = 0
    while i < len(order):
        order[i].children.sort(key=lambda e: sort_key(e.name))
        order.extend(order[i].children)
        i += 1
    for sid, entry in enumerate(order):
        entry.sid = sid
    return order


def _tree(siblings: list[_Entry]) -> int:
    """Link sorted siblings as a balanced search tree; returns the root's id. All nodes are black, which
    satisfies the red-black constraints readers rely on (root black, no two reds in a row)."""
    if not siblings:
        return NOSTREAM
    mid = len(siblings) // 2
    node = siblings[mid]
    node.left = _tree(siblings[:mid])
    node.right = _tree(siblings[mid + 1 :])
    return node.sid


def _chain(fat: list[int], start: int, count: int) -> None:
    for i in range(count):
        fat[start + i] = start + i + 1 if i < count - 1 else ENDOFCHAIN


def _sectors(size: int, unit: int) -> int:
    return -(-size // unit)


def _layout(root: _Entry, entries: list[_Entry]) -> bytes:
    streams = [e for e in entries if e.kind == _STREAM]
    small = [e for e in streams if len(e.data) < MINI_CUTOFF]
    large = [e for e in streams if len(e.data) >= MINI_CUTOFF]

    mini = bytearray()
    minifat: list[int] = []
    for entry in small:
        entry.size = len(entry.data)
        if not entry.data:
            entry.start = ENDOFCHAIN
            continue
        count = _sectors(len(entry.data), MINI_SECTOR)
        entry.start = len(minifat)
        minifat.extend([0] * count)
        _chain(minifat, entry.start, count)
        mini += entry.data.ljust(count * MINI_SECTOR, b"\x00")

    n_dir = _sectors(len(entries) * 128, SECTOR)
    n_minifat = _sectors(len(minifat) * 4, SECTOR)
    n_mini = _sectors(len(mini), SECTOR)
    n_large = sum(_sectors(len(e.data), SECTOR) for e in large)
    payload = n_dir + n_minifat + n_mini + n_large
    n_fat = 1
    while n_fat * (SECTOR // 4) < payload + n_fat:
        n_fat += 1
    if n_fat > _HEADER_DIFAT:
        raise ValueError("compound file too large for a header-only DIFAT (over ~7 MB)")

    fat = [FREESECT] * (n_fat * SECTOR // 4)
    for i in range(n_fat):
        fat[i] = FATSECT
    next_free = n_fat
    dir_start = next_free
    _chain(fat, dir_start, n_dir)
    next_free += n_dir
    minifat_start = next_free if n_minifat else ENDOFCHAIN
    _chain(fat, next_free, n_minifat)
    next_free += n_minifat
    root.start = next_free if n_mini else ENDOFCHAIN
    root.size = len(mini)
    _chain(fat, next_free, n_mini)
    next_free += n_mini
    body = bytearray()
    for entry in large:
        count = _sectors(len(entry.data), SECTOR)
        entry.start, entry.size = next_free, len(entry.data)
        _chain(fat, next_free, count)
        next_free += count
        body += entry.data.ljust(count * SECTOR, b"\x00")

    directory = bytearray(b"".join(_dir_entry(e) for e in entries).ljust(n_dir * SECTOR, b"\x00"))
    # Unused directory slots: empty name, siblings and child NOSTREAM (MS-CFB 2.6.3).
    unused = len(entries)
    while unused < n_dir * (SECTOR // 128):
        struct.pack_into("<III", directory, unused * 128 + 68, NOSTREAM, NOSTREAM, NOSTREAM)
        unused += 1

    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat) if minifat else b""
    minifat_bytes = minifat_bytes.ljust(n_minifat * SECTOR, b"\xff")
    out = bytearray(_header(n_fat, dir_start, minifat_start, n_minifat))
    out += struct.pack(f"<{len(fat)}I", *fat)
    out += directory
    out += minifat_bytes
    out += bytes(mini).ljust(n_mini * SECTOR, b"\x00")
    out += body
    return bytes(out)


def _dir_entry(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\x00\x00"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        entry.kind,
        _BLACK,
        entry.left,
        entry.right,
        entry.child,
        bytes(16),  # CLSID
        0,  # state bits
        0,  # creation time
        0,  # modified time
        entry.start if entry.kind != _STORAGE else 0,
        entry.size if entry.kind != _STORAGE else 0,
    )


def _header(n_fat: int, dir_start: int, minifat_start: int, n_minifat: int) -> bytes:
    head = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        _MAGIC,
        bytes(16),
        0x003E,  # minor version
        0x0003,  # major version 3: 512-byte sectors
        0xFFFE,  # byte order: little-endian
        9,  # sector shift: 2^9 = 512
        6,  # mini sector shift: 2^6 = 64
        bytes(6),
        0,  # number of directory sectors (must be 0 in version 3)
        n_fat,
        dir_start,
        0,  # transaction signature
        MINI_CUTOFF,
        minifat_start,
        n_minifat,
        ENDOFCHAIN,  # first DIFAT sector: none
        0,  # number of DIFAT sectors
    )
    difat = list(range(n_fat)) + [FREESECT] * (_HEADER_DIFAT - n_fat)
    return head + struct.pack(f"<{_HEADER_DIFAT}I", *difat)
