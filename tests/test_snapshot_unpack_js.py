"""The browser's unpacker (javascripts/calculator-snapshot.js) reverses the build's packer.

Run in Node, the same JavaScript the worker imports, on a stand-in snapshot
and on the snapshot the build ships: both must come back byte for byte as
Pyodide made them (``sitebuild.snapshot_pack.unpack``, which the build checks
against the original).
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild import snapshot_pack
from tests.sitebuild.test_snapshot_pack import OVERLAPPING, SEGMENTS, snapshot, wasm

ROOT = Path(__file__).resolve().parents[1]
UNPACKER = ROOT / "docs" / "javascripts" / "calculator-snapshot.js"
# Whole (chunk 0), or pushed in chunks of CHUNK bytes as a download arrives,
# with the WebAssembly's memory mixed in after MIX chunks (-1: at the end).
HARNESS = """
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [module, packedPath, wasmPath, out, chunk, mixAfter] = process.argv.slice(2);
const { SnapshotUnpacker, unpackSnapshot } = await import(pathToFileURL(module).href);
const packed = new Uint8Array(readFileSync(packedPath));
const wasm = new Uint8Array(readFileSync(wasmPath));
const size = Number(chunk);
if (!size) {
  writeFileSync(out, unpackSnapshot(packed, wasm));
} else {
  const unpacker = new SnapshotUnpacker();
  for (let at = 0, count = 0; at < packed.length; at += size, count++) {
    if (count === Number(mixAfter)) unpacker.mix(wasm);
    unpacker.push(packed.slice(at, at + size));
  }
  writeFileSync(out, unpacker.finish(wasm));
}
"""


def unpack_in_node(tmp_path: Path, packed: bytes, binary: bytes,
                   chunk: int = 0, mix_after: int = -1) -> bytes:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: run 'bash scripts/setup.sh'")
    (tmp_path / "harness.mjs").write_text(HARNESS, encoding="utf-8")
    (tmp_path / "packed.bin").write_bytes(packed)
    (tmp_path / "image.wasm").write_bytes(binary)
    process = subprocess.run(
        [node, str(tmp_path / "harness.mjs"), str(UNPACKER), str(tmp_path / "packed.bin"),
         str(tmp_path / "image.wasm"), str(tmp_path / "out.bin"), str(chunk), str(mix_after)],
        capture_output=True, text=True, timeout=120, check=False)
    assert process.returncode == 0, process.stderr[-2000:]
    return (tmp_path / "out.bin").read_bytes()


def test_a_stand_in_snapshot_comes_back(tmp_path: Path) -> None:
    heap = bytearray(6 * snapshot_pack.PAGE + 321)
    for offset, data in SEGMENTS:
        heap[offset:offset + len(data)] = data
    heap[1500] ^= 0xFF
    heap[5 * snapshot_pack.PAGE] = 7
    made = snapshot(bytes(heap))
    binary = wasm(SEGMENTS, passive=b"passive")
    assert unpack_in_node(tmp_path, snapshot_pack.pack(made, binary), binary) == made


def stand_in() -> tuple[bytes, bytes]:
    """A stand-in snapshot (its heap 2 bytes off alignment) and the wasm it is packed against."""
    heap = bytearray(6 * snapshot_pack.PAGE + 321)
    for offset, data in SEGMENTS:
        heap[offset:offset + len(data)] = data
    heap[1500] ^= 0xFF
    heap[5 * snapshot_pack.PAGE] = 7
    return snapshot(bytes(heap)), wasm(SEGMENTS, passive=b"passive")


@pytest.mark.parametrize(("chunk", "mix_after"), [
    (1, -1),  # a byte at a time, the wasm's memory mixed in at the end
    (7, 3),  # mixed in once the header and bitmap (21 bytes) are whole, before any page
    (5000, 2),  # mixed in halfway, the next chunk across pages
    (4096, -1),
])
def test_a_snapshot_pushed_in_chunks_comes_back(tmp_path: Path, chunk: int,
                                                mix_after: int) -> None:
    made, binary = stand_in()
    packed = snapshot_pack.pack(made, binary)
    assert unpack_in_node(tmp_path, packed, binary, chunk, mix_after) == made


def test_overlapping_segments_come_back_as_the_packer_laid_them_out(tmp_path: Path) -> None:
    heap = bytearray(3 * snapshot_pack.PAGE)
    for offset, data in OVERLAPPING:
        heap[offset:offset + len(data)] = data
    heap[5400] = 0x33  # the program changed a byte where the segments overlap
    made = snapshot(bytes(heap))
    binary = wasm(OVERLAPPING)
    packed = snapshot_pack.pack(made, binary)
    assert unpack_in_node(tmp_path, packed, binary) == made
    assert unpack_in_node(tmp_path, packed, binary, 700, 2) == made


def test_the_memory_cannot_be_mixed_in_before_the_header(tmp_path: Path) -> None:
    made, binary = stand_in()
    packed = snapshot_pack.pack(made, binary)
    with pytest.raises(AssertionError, match="no header yet"):
        unpack_in_node(tmp_path, packed, binary, 7, 2)


def test_a_snapshot_cut_short_or_run_long_is_refused(tmp_path: Path) -> None:
    made, binary = stand_in()
    packed = snapshot_pack.pack(made, binary)
    with pytest.raises(AssertionError, match="cut short"):
        unpack_in_node(tmp_path, packed[:-1], binary, 1000)
    with pytest.raises(AssertionError, match="runs past its pages"):
        unpack_in_node(tmp_path, packed + b"\0", binary, 1000)


def test_the_shipped_snapshot_comes_back(tmp_path: Path, built_site: Path) -> None:
    shipped = next(built_site.glob("assets/pyodide/*/calculator-snapshot-*.bin.gz"))
    binary = (shipped.parent / "pyodide.asm.wasm").read_bytes()
    packed = gzip.decompress(shipped.read_bytes())
    expected = snapshot_pack.unpack(packed, binary)
    assert unpack_in_node(tmp_path, packed, binary) == expected
