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
from tests.sitebuild.test_snapshot_pack import SEGMENTS, snapshot, wasm

ROOT = Path(__file__).resolve().parents[1]
UNPACKER = ROOT / "docs" / "javascripts" / "calculator-snapshot.js"
HARNESS = """
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [module, packed, wasm, out] = process.argv.slice(2);
const { unpackSnapshot } = await import(pathToFileURL(module).href);
writeFileSync(out, unpackSnapshot(new Uint8Array(readFileSync(packed)),
                                  new Uint8Array(readFileSync(wasm))));
"""


def unpack_in_node(tmp_path: Path, packed: bytes, binary: bytes) -> bytes:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed: run 'bash scripts/setup.sh'")
    (tmp_path / "harness.mjs").write_text(HARNESS, encoding="utf-8")
    (tmp_path / "packed.bin").write_bytes(packed)
    (tmp_path / "image.wasm").write_bytes(binary)
    process = subprocess.run(
        [node, str(tmp_path / "harness.mjs"), str(UNPACKER), str(tmp_path / "packed.bin"),
         str(tmp_path / "image.wasm"), str(tmp_path / "out.bin")],
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


def test_the_shipped_snapshot_comes_back(tmp_path: Path, built_site: Path) -> None:
    shipped = next(built_site.glob("assets/pyodide/*/calculator-snapshot-*.bin.gz"))
    binary = (shipped.parent / "pyodide.asm.wasm").read_bytes()
    packed = gzip.decompress(shipped.read_bytes())
    expected = snapshot_pack.unpack(packed, binary)
    assert unpack_in_node(tmp_path, packed, binary) == expected
