"""MS-OVBA compression: our compressor's output is read back by our decompressor and by oletools'."""

from __future__ import annotations

import os
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from addin.excel.compression import CHUNK, compress, copy_token_split, decompress


def _both_readers(data: bytes) -> None:
    packed = compress(data)
    assert decompress(packed) == data
    assert bytes(decompress_stream(bytearray(packed))) == data


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"A",
        b"Attribute VB_Name = \"SsjRibbon\"\r\n" * 400,  # many chunks of repetitive source text
        b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",  # a copy overlapping its own output
        bytes(range(256)) * 40,
        b"x" * CHUNK,
        b"x" * (CHUNK + 1),
    ],
)
def test_round_trip_through_both_readers(data: bytes) -> None:
    _both_readers(data)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=9000) | st.text(alphabet="ab \r\n=\"", max_size=9000).map(str.encode))
def test_any_input_round_trips(data: bytes) -> None:
    _both_readers(data)


def test_source_text_compresses_and_a_chunk_header_is_well_formed() -> None:
    text = (b"Public Sub Foo()\r\n    MsgBox \"hello\"\r\nEnd Sub\r\n") * 100
    packed = compress(text)
    assert len(packed) < len(text) / 5
    assert packed[0] == 0x01
    (header,) = struct.unpack_from("<H", packed, 1)
    assert header >> 12 == 0b1011  # compressed flag + signature 0b011


def test_incompressible_full_chunk_is_stored_raw() -> None:
    noise = os.urandom(CHUNK)
    packed = compress(noise)
    (header,) = struct.unpack_from("<H", packed, 1)
    assert header == 0x3FFF  # not compressed, size 4098 − 3
    assert packed[3:] == noise


@pytest.mark.parametrize(
    ("position", "bits", "max_length"),
    [(1, 4, 4098), (16, 4, 4098), (17, 5, 2050), (32, 5, 2050), (33, 6, 1026), (4096, 12, 18)],
)
def test_copy_token_bit_split_follows_the_position_in_the_chunk(position: int, bits: int, max_length: int) -> None:
    assert copy_token_split(position) == (bits, max_length)


def test_decompress_rejects_a_stream_without_the_signature_byte() -> None:
    with pytest.raises(ValueError, match="signature"):
        decompress(b"\x00\x01\x02")
