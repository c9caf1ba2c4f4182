import { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/**
 * Small real files made on the spot, for tests of the blob store: no fixtures from elsewhere.
 * Each opens in an ordinary viewer.
 */

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A `width`×`height` PNG, grey, 8-bit greyscale. */
export function pngBytes(width = 2, height = 2): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // depth 8, greyscale, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter type 0 for each row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * An 8×8 mid-grey baseline JPEG: one quantisation table, one Huffman code each for "no DC
 * change" and "end of block", and a scan of those two codes.
 */
export function jpegBytes(): Buffer {
  const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const oneCode = (tableClass: number) => [tableClass, 1, ...new Array<number>(15).fill(0), 0x00];
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...segment(0xc4, oneCode(0x00)),
    ...segment(0xc4, oneCode(0x10)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f, // DC "0", AC end of block "0", padded with ones
    0xff, 0xd9,
  ]);
}

/** A one-page PDF with `text` on it. */
export async function pdfBytes(text = 'Hello from the blob store'): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The start of a Windows program: enough for anything that reads magic numbers. */
export function exeBytes(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  return b;
}

/**
 * A JPEG-looking stream of `bytes` bytes made as it is read, so the test itself holds none of
 * it: a JPEG start, then filler. `bytesRead()` says how much of it was taken.
 */
export function streamOfJpeg(bytes: number, chunkSize = 64 * 1024): Readable & { bytesRead(): number } {
  const head = jpegBytes().subarray(0, -2);
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= bytes) return void this.push(null);
      const size = Math.min(chunkSize, bytes - sent);
      const chunk = sent === 0 ? Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x5a)]).subarray(0, size) : Buffer.alloc(size, 0x5a);
      sent += size;
      this.push(chunk);
    },
  });
  return Object.assign(stream, { bytesRead: () => sent });
}

/** A stream that gives `first` and then fails, as a dropped connection does. */
export function streamThatBreaks(first: Buffer): Readable {
  let step = 0;
  return new Readable({
    read() {
      if (step++ === 0) this.push(first);
      else this.destroy(new Error('socket hang up'));
    },
  });
}
