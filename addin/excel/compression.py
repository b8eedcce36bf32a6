"""MS-OVBA §2.4.1 compression: the LZ77 variant in which every VBA module source and the ``dir`` stream
are stored inside ``vbaProject.bin``.

A *CompressedContainer* is the signature byte ``0x01`` followed by chunks; each chunk holds up to 4096
decompressed bytes behind a 2-byte header (size − 3 in bits 0–11, ``0b011`` in bits 12–14, bit 15 set when
the chunk is compressed). Inside a compressed chunk, a flag byte announces up to eight tokens: a literal
byte (flag bit 0) or a 2-byte *CopyToken* (flag bit 1) whose split between offset and length bits depends
on how far into the chunk the decompressor is. :func:`decompress` is the exact inverse and is used by the
tests; ``olevba`` (oletools) is the independent reader.
"""

from __future__ import annotations

import struct

CHUNK = 4096
_SIGNATURE = 0x01
_MIN_MATCH = 3
_MAX_CANDIDATES = 64  # positions tried per 3-byte prefix: plenty for source text, bounded for bad input


def copy_token_split(position: int) -> tuple[int, int]:
    """(bit count of the offset, maximum length) for a CopyToken at ``position`` bytes into the chunk."""
    bit_count = max((position - 1).bit_length(), 4)
    return bit_count, (0xFFFF >> bit_count) + _MIN_MATCH


def compress(data: bytes) -> bytes:
    """Compress ``data`` into a CompressedContainer (an empty input gives the bare signature byte)."""
    out = bytearray([_SIGNATURE])
    for start in range(0, len(data), CHUNK):
        out += _compress_chunk(data[start : start + CHUNK])
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    body = bytearray()
    heads: dict[bytes, list[int]] = {}
    pos = 0
    end = len(chunk)
    while pos < end:
        flag_at = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if pos >= end:
                break
            offset, length = _longest_match(chunk, pos, heads)
            if length >= _MIN_MATCH:
                bit_count, _ = copy_token_split(pos)
                token = ((offset - 1) << (16 - bit_count)) | (length - _MIN_MATCH)
                body += struct.pack("<H", token)
                flags |= 1 << bit
                for p in range(pos, pos + length):
                    _remember(chunk, p, heads)
                pos += length
            else:
                body.append(chunk[pos])
                _remember(chunk, pos, heads)
                pos += 1
        body[flag_at] = flags
    if len(body) <= CHUNK:
        header = 0xB000 | (len(body) + 2 - 3)  # compressed flag, signature 0b011, size − 3
        return struct.pack("<H", header) + bytes(body)
    if len(chunk) == CHUNK:  # incompressible: a raw chunk, always exactly 4096 bytes
        return struct.pack("<H", 0x3000 | (CHUNK + 2 - 3)) + chunk
    raise ValueError("a final chunk that does not compress cannot be stored (MS-OVBA 2.4.1.3.7)")


def _remember(chunk: bytes, pos: int, heads: dict[bytes, list[int]]) -> None:
    key = chunk[pos : pos + _MIN_MATCH]
    if len(key) == _MIN_MATCH:
        heads.setdefault(key, []).append(pos)


def _longest_match(chunk: bytes, pos: int, heads: dict[bytes, list[int]]) -> tuple[int, int]:
    """The longest earlier copy of the bytes at ``pos`` (within this chunk), as (offset, length)."""
    candidates = heads.get(chunk[pos : pos + _MIN_MATCH])
    if not candidates:
        return 0, 0
    _, max_length = copy_token_split(pos)
    limit = min(max_length, len(chunk) - pos)
    best_offset = best_length = 0
    for start in reversed(candidates[-_MAX_CANDIDATES:]):
        length = _MIN_MATCH
        while length < limit and chunk[start + length] == chunk[pos + length]:
            length += 1
        if length > best_length:
            best_offset, best_length = pos - start, length
            if length == limit:
                break
    return best_offset, best_length


def decompress(container: bytes) -> bytes:
    """Decompress a CompressedContainer; raises ``ValueError`` on a malformed one."""
    if not container or container[0] != _SIGNATURE:
        raise ValueError("not a CompressedContainer (signature byte 0x01 missing)")
    out = bytearray()
    pos = 1
    while pos < len(container):
        if pos + 2 > len(container):
            raise ValueError("truncated chunk header")
        (header,) = struct.unpack_from("<H", container, pos)
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b111 != 0b011:
            raise ValueError(f"bad chunk signature at byte {pos}")
        body = container[pos + 2 : pos + size]
        pos += size
        if not header & 0x8000:
            out += body
            continue
        chunk_start = len(out)
        i = 0
        while i < len(body):
            flags = body[i]
            i += 1
            for bit in range(8):
                if i >= len(body):
                    break
                if not flags & (1 << bit):
                    out.append(body[i])
                    i += 1
                    continue
                (token,) = struct.unpack_from("<H", body, i)
                i += 2
                bit_count, _ = copy_token_split(len(out) - chunk_start)
                length = (token & (0xFFFF >> bit_count)) + _MIN_MATCH
                offset = (token >> (16 - bit_count)) + 1
                if offset > len(out) - chunk_start:
                    raise ValueError("copy token reaches before the start of its chunk")
                for _ in range(length):  # byte by byte: a copy may overlap its own output
                    out.append(out[-offset])
    return bytes(out)
