"""The snapshot's shipping form: a difference from the wasm's initial memory, no zero pages."""

from __future__ import annotations

import struct

import pytest

from sitebuild import snapshot_pack
from sitebuild.snapshot_pack import PAGE, PackError


def _uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _sleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        out.append(byte | (0 if done else 0x80))
        if done:
            return bytes(out)


def wasm(segments: list[tuple[int, bytes]], passive: bytes = b"") -> bytes:
    """A WebAssembly binary with only a data section: active segments and one passive."""
    body = bytearray(_uleb(len(segments) + (1 if passive else 0)))
    for offset, data in segments:
        body += b"\x00\x41" + _sleb(offset) + b"\x0b" + _uleb(len(data)) + data
    if passive:
        body += b"\x01" + _uleb(len(passive)) + passive
    custom = b"\x00" + _uleb(5) + b"\x04name"  # a section the parser must step over
    return b"\0asm\x01\0\0\0" + custom + b"\x0b" + _uleb(len(body)) + bytes(body)


def snapshot(heap: bytes, header: bytes = b"{}") -> bytes:
    """A stand-in Pyodide snapshot: magic, the heap's offset, a JSON header, the heap."""
    offset = 16 + len(header)
    return struct.pack("<4I", 0x706E7300, offset, len(header), 0) + header + heap


SEGMENTS = [(1024, bytes(range(1, 200)) * 30), (20_000, b"static data" * 100)]


def test_the_heap_comes_back_byte_for_byte() -> None:
    heap = bytearray(4 * PAGE + 123)
    for offset, data in SEGMENTS:
        heap[offset:offset + len(data)] = data
    heap[5000] ^= 0x5A  # the program changed a byte of its static data
    heap[3 * PAGE + 7] = 9  # and wrote something where the image has nothing
    made = snapshot(bytes(heap))
    binary = wasm(SEGMENTS, passive=b"not in the image")
    assert snapshot_pack.unpack(snapshot_pack.pack(made, binary), binary) == made


def test_bytes_equal_to_the_wasm_image_and_zero_pages_are_not_shipped() -> None:
    heap = bytearray(16 * PAGE)
    for offset, data in SEGMENTS:
        heap[offset:offset + len(data)] = data
    heap[10 * PAGE + 1] = 1  # the one page of the heap's own
    binary = wasm(SEGMENTS)
    packed = snapshot_pack.pack(snapshot(bytes(heap)), binary)
    # The header page (Pyodide's header, the image XORed away) and page 10.
    assert len(packed) <= 20 + 3 + 2 * PAGE
    assert snapshot_pack.unpack(packed, binary) == snapshot(bytes(heap))


def test_a_different_wasm_does_not_restore_the_snapshot() -> None:
    heap = bytearray(8 * PAGE)
    for offset, data in SEGMENTS:
        heap[offset:offset + len(data)] = data
    made = snapshot(bytes(heap))
    packed = snapshot_pack.pack(made, wasm(SEGMENTS))
    assert snapshot_pack.unpack(packed, wasm(SEGMENTS[:1])) != made


@pytest.mark.parametrize(("binary", "message"), [
    (b"not wasm", "not a WebAssembly binary"),
    (b"\0asm\x01\0\0\0\x0b\x07\x01\x00\x23\x00\x0b\x00\x00", "opcode 0x23"),
    (b"\0asm\x01\0\0\0\x0b\x06\x01\x02\x01\x41\x00\x0b", "for memory 1"),
])
def test_a_wasm_whose_image_cannot_be_rebuilt_is_refused(binary: bytes, message: str) -> None:
    with pytest.raises(PackError, match=message):
        snapshot_pack.pack(snapshot(bytes(PAGE)), binary)


def test_a_packed_file_of_another_kind_is_refused() -> None:
    with pytest.raises(PackError, match="not a packed snapshot"):
        snapshot_pack.unpack(b"XXXX" + bytes(16), wasm([]))


OVERLAPPING = [(5000, b"\x11" * 600), (5300, b"\x22" * 600)]  # the second over the first's end


def test_overlapping_segments_count_once_as_instantiation_writes_them() -> None:
    """Where segments overlap, the later one is the initial memory, as when the
    module is instantiated: an untouched heap packs to nothing but zeros there."""
    heap = bytearray(3 * PAGE)
    for offset, data in OVERLAPPING:
        heap[offset:offset + len(data)] = data
    made = snapshot(bytes(heap))
    binary = wasm(OVERLAPPING)
    packed = snapshot_pack.pack(made, binary)
    assert snapshot_pack.unpack(packed, binary) == made
    bitmap = packed[20]
    assert bitmap == 0b001, f"{bitmap:08b}"  # only the header's page: the heap is as instantiated
