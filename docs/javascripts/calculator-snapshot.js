// The engine snapshot's shipping form, reversed (sitebuild/snapshot_pack.py
// makes it and documents the layout). Imported by calculator-worker.js for a
// snapshot start only; plain functions of bytes, so the tests run them in
// Node against the build's packer.
//
// The build ships the snapshot XORed with the WebAssembly's initial memory (its
// active data segments) and without its zero pages: 5.6 MB instead of 7.1 MB
// sent, 14 MB instead of 30 MB to inflate. This reverses it, with the wasm the
// start has downloaded anyway. Anything unexpected throws: the start then
// falls back to a normal boot.

const PACK_MAGIC = 0x53504f54; // "TOPS", little-endian
const PACK_VERSION = 1;
const WASM_DATA_SECTION = 11;

function uleb(bytes, at) {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return [value, at];
  }
}

function sleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
    if (byte < 0x80) {
      if (shift < 32 && byte & 0x40) value |= -1 << shift;
      return [value >>> 0, at];
    }
  }
}

// XORs the wasm's active data segments into `out` at `heapOffset` + their offsets.
function xorDataSegments(out, heapOffset, wasm) {
  if (wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new Error("the WebAssembly is not one");
  }
  let at = 8;
  while (at < wasm.length) {
    const section = wasm[at];
    let size;
    [size, at] = uleb(wasm, at + 1);
    if (section === WASM_DATA_SECTION) {
      let [count, pos] = uleb(wasm, at);
      for (; count > 0; count--) {
        let kind;
        let length;
        [kind, pos] = uleb(wasm, pos);
        if (kind === 1) {
          [length, pos] = uleb(wasm, pos);
          pos += length;
          continue;
        }
        if (kind === 2) [, pos] = uleb(wasm, pos);
        if (wasm[pos] !== 0x41) throw new Error("a data segment at no constant offset");
        let offset;
        [offset, pos] = sleb(wasm, pos + 1);
        [length, pos] = uleb(wasm, pos + 1); // past the expression's end (0x0b)
        const base = heapOffset + offset;
        const end = Math.min(length, out.length - base);
        for (let k = 0; k < end; k++) out[base + k] ^= wasm[pos + k];
        pos += length;
      }
    }
    at += size;
  }
}

export function unpackSnapshot(packed, wasm) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (packed.length < 20 || view.getUint32(0, true) !== PACK_MAGIC
    || view.getUint32(4, true) !== PACK_VERSION) {
    throw new Error("the snapshot is not in the packed form this worker reads");
  }
  const size = view.getUint32(8, true);
  const heapOffset = view.getUint32(12, true);
  const page = view.getUint32(16, true);
  const pages = Math.ceil(size / page);
  const bitmap = 20;
  let at = bitmap + Math.ceil(pages / 8);
  const out = new Uint8Array(size);
  for (let index = 0; index < pages; index++) {
    if (packed[bitmap + (index >> 3)] >> (index & 7) & 1) {
      const start = index * page;
      const length = Math.min(page, size - start);
      if (at + length > packed.length) throw new Error("the packed snapshot is cut short");
      out.set(packed.subarray(at, at + length), start);
      at += length;
    }
  }
  xorDataSegments(out, heapOffset, wasm);
  return out;
}
