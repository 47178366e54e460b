import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { BADGE_IMAGE_MAX_BYTES, type BadgeImageInfo } from '@brevet/contracts';

/**
 * Checks an uploaded badge image. Only PNG is accepted: its structure is walked chunk by chunk (signature,
 * IHDR first, CRCs, IEND last), so whatever is stored is a well-formed PNG and nothing else. SVG is refused
 * on purpose: it is a document that can carry scripts and external references, and sanitising it safely needs
 * an XML parser with an allow-list that Brevet does not have (see docs/catalogue-and-awards.md).
 */

export const BADGE_MIN_SIDE = 16;
export const BADGE_MAX_SIDE = 2048;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type BadgeImageCheck =
  | { ok: true; info: BadgeImageInfo }
  | { ok: false; reason: 'too_large' | 'not_png' | 'svg' | 'corrupt' | 'dimensions'; message: string };

/** What the bytes look like; `declaredType` is the request's Content-Type, used only for a better message. */
export function checkBadgeImage(bytes: Buffer, declaredType: string | undefined): BadgeImageCheck {
  if (bytes.length > BADGE_IMAGE_MAX_BYTES) {
    return {
      ok: false,
      reason: 'too_large',
      message: `The image is larger than ${BADGE_IMAGE_MAX_BYTES / 1024} KB.`,
    };
  }
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    const head = bytes.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
    if ((declaredType ?? '').includes('svg') || head.startsWith('<svg') || head.startsWith('<?xml')) {
      return {
        ok: false,
        reason: 'svg',
        message: 'SVG badges are not accepted, because SVG can carry scripts. Export the badge as PNG.',
      };
    }
    return { ok: false, reason: 'not_png', message: 'The image must be a PNG file.' };
  }
  let offset = 8;
  let width = 0;
  let height = 0;
  let first = true;
  for (;;) {
    if (offset + 12 > bytes.length) return corrupt('it ends in the middle of a chunk');
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) return corrupt('a chunk is damaged');
    const crc = bytes.readUInt32BE(end - 4);
    if (crc32(bytes.subarray(offset + 4, end - 4)) !== crc)
      return corrupt(`the ${type} chunk's checksum is wrong`);
    if (first) {
      if (type !== 'IHDR' || length !== 13) return corrupt('it does not start with an image header');
      width = bytes.readUInt32BE(offset + 8);
      height = bytes.readUInt32BE(offset + 12);
      first = false;
    }
    offset = end;
    if (type === 'IEND') break;
  }
  if (
    width < BADGE_MIN_SIDE ||
    height < BADGE_MIN_SIDE ||
    width > BADGE_MAX_SIDE ||
    height > BADGE_MAX_SIDE
  ) {
    return {
      ok: false,
      reason: 'dimensions',
      message: `The image is ${width}×${height} pixels; badges must be ${BADGE_MIN_SIDE}–${BADGE_MAX_SIDE} pixels on each side.`,
    };
  }
  return {
    ok: true,
    info: {
      mimeType: 'image/png',
      size: bytes.length,
      width,
      height,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
  };
}

function corrupt(why: string): BadgeImageCheck {
  return { ok: false, reason: 'corrupt', message: `The PNG file is damaged: ${why}.` };
}
