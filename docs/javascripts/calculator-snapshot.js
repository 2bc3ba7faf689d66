// The engine snapshot's shipping form, reversed (sitebuild/snapshot_pack.py
// makes it and documents the layout). Imported by calculator-worker.js for a
// snapshot start only; plain functions of bytes, so the tests run them in
// Node against the build's packer.
//
// The build ships the snapshot XORed with the WebAssembly's initial memory (its
// active data segments) and without its zero pages: 4.6 MB sent gzipped and
// 12 MB to inflate, for a 30 MB image. This reverses it, with the wasm the
// start has downloaded anyway. Anything unexpected throws: the start then
// falls back to a normal boot. The worker unpacks as the bytes arrive
// (SnapshotUnpacker), and Pyodide instantiates meanwhile: it needs only the
// image's size before it restores it (calculator-worker.js, bootFromSnapshot).

const PACK_MAGIC = 0x53504f54; // "TOPS", little-endian
const PACK_VERSION = 1;
const WASM_DATA_SECTION = 11;

// The wasm's active data segments of memory 0 as [offset, bytes], in order.
// One cursor and no arrays per number: this runs once per start, before the
// engine has warmed up, over 14,580 segments (13 ms the other way).
function dataSegments(wasm) {
  if (wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new Error("the WebAssembly is not one");
  }
  let at = 8;
  const uleb = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = wasm[at++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if (byte < 0x80) return value;
    }
  };
  const sleb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
      if (byte < 0x80) {
        if (shift < 32 && byte & 0x40) value |= -1 << shift;
        return value >>> 0;
      }
    }
  };
  const segments = [];
  while (at < wasm.length) {
    const section = wasm[at++];
    const size = uleb();
    const end = at + size;
    if (section === WASM_DATA_SECTION) {
      for (let count = uleb(); count > 0; count--) {
        const kind = uleb();
        if (kind === 1) {
          at += uleb();
          continue;
        }
        if (kind === 2) uleb(); // memory 0
        if (wasm[at++] !== 0x41) throw new Error("a data segment at no constant offset");
        const offset = sleb();
        at += 1; // the expression's end (0x0b)
        const length = uleb();
        segments.push([offset, wasm.subarray(at, at + length)]);
        at += length;
      }
    }
    at = end;
  }
  return segments;
}

// XORs the wasm's initial memory (its data segments) into `out` at `heapOffset`,
// and returns where the XORed range ends. The 14,580 segments (3.2 MB) are
// laid out as one image first, then XORed four bytes at a time: byte by byte,
// segment by segment, it took 30 ms on a first run, which is what a visitor gets.
function xorDataSegments(out, heapOffset, wasm) {
  const segments = dataSegments(wasm);
  let low = Infinity;
  let high = 0;
  for (const [offset, bytes] of segments) {
    low = Math.min(low, heapOffset + offset);
    high = Math.max(high, heapOffset + offset + bytes.length);
  }
  high = Math.min(high, out.length);
  if (high <= low) return 0;
  const first = low - ((out.byteOffset + low) & 3); // aligned in `out`'s buffer
  const words = Math.ceil((high - first) / 4);
  const image = new Uint8Array(words * 4);
  for (const [offset, bytes] of segments) {
    const start = heapOffset + offset - first;
    const room = image.length - start;
    if (room > 0) image.set(room < bytes.length ? bytes.subarray(0, room) : bytes, start);
  }
  const whole = Math.floor((out.length - first) / 4);
  const into = new Int32Array(out.buffer, out.byteOffset + first, Math.min(words, whole));
  const from = new Int32Array(image.buffer, 0, into.length);
  for (let k = 0; k < into.length; k++) into[k] ^= from[k];
  for (let k = into.length * 4; k < image.length && first + k < out.length; k++) {
    out[first + k] ^= image[k];
  }
  return high;
}

const HEADER_BYTES = 20;

// Unpacks as the bytes arrive, so that unpacking overlaps the reading:
// push() every chunk in order; `image` (the snapshot at its full size, zeros
// where nothing has arrived yet) exists once the header has arrived; mix()
// XORs the WebAssembly's initial memory in as soon as its bytes are there
// (pages that arrive later are XORed in as they come); finish() checks that
// every page came and returns the image. Anything unexpected throws.
export class SnapshotUnpacker {
  constructor() {
    this.image = null;
    this.waiting = new Uint8Array(0); // header and bitmap bytes until both are whole
    this.heapOffset = 0;
    this.pageSize = 0;
    this.stored = []; // where each stored page starts in the image, in order
    this.next = 0; // the stored page being filled
    this.filled = 0; // bytes of it filled so far
    this.mixedEnd = -1; // below this, the image holds the wasm's memory already
  }

  push(chunk) {
    if (!this.image) {
      const joined = new Uint8Array(this.waiting.length + chunk.length);
      joined.set(this.waiting);
      joined.set(chunk, this.waiting.length);
      const used = this.readHeader(joined);
      if (!used) {
        this.waiting = joined;
        return;
      }
      this.waiting = null;
      chunk = joined.subarray(used);
    }
    this.store(chunk);
  }

  // The header and bitmap, if `bytes` holds them whole: how many bytes they took.
  readHeader(bytes) {
    if (bytes.length < HEADER_BYTES) return 0;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== PACK_MAGIC || view.getUint32(4, true) !== PACK_VERSION) {
      throw new Error("the snapshot is not in the packed form this worker reads");
    }
    const size = view.getUint32(8, true);
    const page = view.getUint32(16, true);
    if (!page) throw new Error("the packed snapshot has no page size");
    const pages = Math.ceil(size / page);
    const used = HEADER_BYTES + Math.ceil(pages / 8);
    if (bytes.length < used) return 0;
    for (let index = 0; index < pages; index++) {
      if (bytes[HEADER_BYTES + (index >> 3)] >> (index & 7) & 1) this.stored.push(index * page);
    }
    this.heapOffset = view.getUint32(12, true);
    this.pageSize = page;
    this.image = new Uint8Array(size);
    return used;
  }

  store(chunk) {
    const { image, pageSize, stored } = this;
    for (let at = 0; at < chunk.length;) {
      if (this.next >= stored.length) throw new Error("the packed snapshot runs past its pages");
      const start = stored[this.next];
      const length = Math.min(pageSize, image.length - start);
      const take = Math.min(length - this.filled, chunk.length - at);
      const into = start + this.filled;
      if (into < this.mixedEnd) {
        for (let k = 0; k < take; k++) image[into + k] ^= chunk[at + k];
      } else {
        image.set(chunk.subarray(at, at + take), into);
      }
      at += take;
      this.filled += take;
      if (this.filled === length) {
        this.next += 1;
        this.filled = 0;
      }
    }
  }

  mix(wasm) {
    if (!this.image) throw new Error("the packed snapshot has no header yet");
    if (this.mixedEnd < 0) this.mixedEnd = xorDataSegments(this.image, this.heapOffset, wasm);
  }

  finish(wasm) {
    if (!this.image || this.next < this.stored.length) {
      throw new Error("the packed snapshot is cut short");
    }
    this.mix(wasm);
    return this.image;
  }
}

// The whole packed snapshot at once.
export function unpackSnapshot(packed, wasm) {
  const unpacker = new SnapshotUnpacker();
  unpacker.push(packed);
  return unpacker.finish(wasm);
}
