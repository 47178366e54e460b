import { crc32, deflateSync } from 'node:zlib';

const SIZE = 128;

/**
 * A simple round badge for the demo catalogue: a disc in the credential's colour with a white ring, on a
 * transparent background, as an RGBA PNG. Generated, so that the demo needs no image files.
 */
export function demoBadgePng([r, g, b]: readonly [number, number, number]): Buffer {
  const row = SIZE * 4 + 1;
  const raw = Buffer.alloc(row * SIZE);
  const centre = (SIZE - 1) / 2;
  for (let y = 0; y < SIZE; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const d = Math.hypot(x - centre, y - centre);
      const i = y * row + 1 + x * 4;
      if (d > 62) continue; // transparent
      const ring = d > 50 && d < 55;
      raw[i] = ring ? 255 : r;
      raw[i + 1] = ring ? 255 : g;
      raw[i + 2] = ring ? 255 : b;
      raw[i + 3] = 255;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(data.length + 12);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), data.length + 8);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
