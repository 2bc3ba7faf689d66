"""The engine snapshot's shipping form: a difference from what the browser already has.

Why: Pyodide's memory snapshot is the whole 30 MiB heap. Two parts of it cost
bytes and decompression for nothing. The first 3.5 MiB are mostly the
WebAssembly's own data segments, which every visitor downloads anyway with
``pyodide.asm.wasm``. And about half the pages are zeros. So the build ships
the snapshot XORed with the wasm's initial memory image (its active data
segments at their offsets: equal bytes become zeros) and then keeps only the
pages that are not all zeros, listed in a bitmap. Gzipped, 7.1 MB become 5.6
MB, and the browser inflates 14 MB instead of 30.

Layout, before gzip (little-endian ``u32`` fields)::

    b"TOPS" | version (1) | size | heap offset | page size | bitmap | stored pages

``size`` is the snapshot's length, ``heap offset`` where its memory image
starts (Pyodide's own header comes first), the bitmap has one bit per page
(bit ``i % 8`` of byte ``i // 8``), and the stored pages follow in order (the
last page may be short). The worker (``calculator-worker.js``,
``unpackSnapshot``) reverses it with the wasm it has downloaded; the build
checks that :func:`unpack` restores the snapshot byte for byte.
"""

from __future__ import annotations

import struct

MAGIC = b"TOPS"
VERSION = 1
PAGE = 4096
_HEADER = struct.Struct("<4sIIII")
_DATA_SECTION = 11


class PackError(ValueError):
    """A wasm or packed snapshot this module cannot read."""


def _leb(data: bytes, at: int, signed: bool = False) -> tuple[int, int]:
    """The LEB128 number at ``at`` (unsigned unless ``signed``) and the offset after it."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            if signed and byte & 0x40:
                value -= 1 << shift
            return value, at


def data_segments(wasm: bytes) -> list[tuple[int, bytes]]:
    """The active data segments of memory 0 as ``(offset, bytes)``: the initial image.

    Every segment must sit at a constant offset (``i32.const``); anything else
    raises :class:`PackError`, as the worker could not rebuild the image either.
    """
    if wasm[:4] != b"\0asm":
        raise PackError("not a WebAssembly binary")
    at = 8
    segments: list[tuple[int, bytes]] = []
    while at < len(wasm):
        section = wasm[at]
        size, at = _leb(wasm, at + 1)
        end = at + size
        if section == _DATA_SECTION:
            count, pos = _leb(wasm, at)
            for _ in range(count):
                kind, pos = _leb(wasm, pos)
                if kind == 1:  # passive: not part of the initial image
                    length, pos = _leb(wasm, pos)
                    pos += length
                    continue
                if kind == 2:
                    memory, pos = _leb(wasm, pos)
                    if memory != 0:
                        raise PackError(f"a data segment for memory {memory}")
                elif kind != 0:
                    raise PackError(f"data segment kind {kind}")
                if wasm[pos] != 0x41:  # i32.const
                    raise PackError(f"a data segment offset of opcode {wasm[pos]:#x}")
                offset, pos = _leb(wasm, pos + 1, signed=True)
                if wasm[pos] != 0x0B:
                    raise PackError("a data segment offset that is not one constant")
                length, pos = _leb(wasm, pos + 1)
                segments.append((offset, wasm[pos:pos + length]))
                pos += length
        at = end
    return segments


def _xor_image(snapshot: bytearray, heap_offset: int, wasm: bytes) -> None:
    """XOR the wasm's initial memory image into ``snapshot``'s heap, in place (its own inverse).

    The image is laid out first, later segments over earlier ones as
    instantiation writes them, so overlapping segments count once: the same
    image the worker's unpacker (``calculator-snapshot.js``) lays out.
    """
    segments = [(heap_offset + offset, chunk) for offset, chunk in data_segments(wasm)]
    low = min((start for start, chunk in segments if chunk), default=0)
    high = min(max((start + len(chunk) for start, chunk in segments), default=0), len(snapshot))
    if high <= low:
        return
    image = bytearray(high - low)
    for start, chunk in segments:
        piece = chunk[:max(0, high - start)]
        image[start - low:start - low + len(piece)] = piece
    mixed = int.from_bytes(snapshot[low:high], "little") ^ int.from_bytes(image, "little")
    snapshot[low:high] = mixed.to_bytes(high - low, "little")


def pack(snapshot: bytes, wasm: bytes) -> bytes:
    """The shipping form of a Pyodide memory snapshot (see the module's docstring)."""
    if len(snapshot) < 8:
        raise PackError("not a Pyodide snapshot")
    heap_offset = struct.unpack_from("<I", snapshot, 4)[0]
    mixed = bytearray(snapshot)
    _xor_image(mixed, heap_offset, wasm)
    pages = (len(mixed) + PAGE - 1) // PAGE
    bitmap = bytearray((pages + 7) // 8)
    stored = []
    for index in range(pages):
        page = bytes(mixed[index * PAGE:(index + 1) * PAGE])
        if page.count(0) != len(page):
            bitmap[index // 8] |= 1 << (index % 8)
            stored.append(page)
    header = _HEADER.pack(MAGIC, VERSION, len(snapshot), heap_offset, PAGE)
    return header + bytes(bitmap) + b"".join(stored)


def unpack(packed: bytes, wasm: bytes) -> bytes:
    """:func:`pack` reversed: the snapshot as Pyodide made it."""
    magic, version, size, heap_offset, page_size = _HEADER.unpack_from(packed)
    if magic != MAGIC or version != VERSION:
        raise PackError("not a packed snapshot of this version")
    pages = (size + page_size - 1) // page_size
    bitmap = packed[_HEADER.size:_HEADER.size + (pages + 7) // 8]
    at = _HEADER.size + len(bitmap)
    out = bytearray(size)
    for index in range(pages):
        if bitmap[index // 8] >> (index % 8) & 1:
            start = index * page_size
            length = min(page_size, size - start)
            out[start:start + length] = packed[at:at + length]
            at += length
    _xor_image(out, heap_offset, wasm)
    return bytes(out)
