import { deflateSync, crc32 } from 'node:zlib';
import { checkBadgeImage } from './badge-image.util';

function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc((width + 1) * height))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('checkBadgeImage', () => {
  it('accepts a well-formed PNG and reports its size and hash', () => {
    const bytes = png(300, 200);
    const result = checkBadgeImage(bytes, 'image/png');
    expect(result).toMatchObject({
      ok: true,
      info: { mimeType: 'image/png', width: 300, height: 200, size: bytes.length },
    });
    expect(result.ok && result.info.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['SVG by content', Buffer.from('<?xml version="1.0"?><svg/>'), undefined, 'svg'],
    ['SVG by type', Buffer.from('hello'), 'image/svg+xml', 'svg'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg', 'not_png'],
    ['a truncated PNG', png(32, 32).subarray(0, 40), 'image/png', 'corrupt'],
    [
      'a PNG without IHDR first',
      Buffer.concat([png(32, 32).subarray(0, 8), png(32, 32).subarray(33)]),
      'image/png',
      'corrupt',
    ],
    ['a 4000-pixel PNG', png(4000, 16), 'image/png', 'dimensions'],
    ['an empty body', Buffer.alloc(0), undefined, 'not_png'],
  ])('refuses %s', (_, bytes, type, reason) => {
    expect(checkBadgeImage(bytes, type)).toMatchObject({ ok: false, reason });
  });

  it('refuses a wrong checksum and anything over 512 KB', () => {
    const bytes = png(32, 32);
    bytes[20] ^= 0x01; // inside IHDR: the width changes, the CRC no longer matches
    expect(checkBadgeImage(bytes, 'image/png')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(checkBadgeImage(Buffer.alloc(512 * 1024 + 1), 'image/png')).toMatchObject({
      ok: false,
      reason: 'too_large',
    });
  });
});
