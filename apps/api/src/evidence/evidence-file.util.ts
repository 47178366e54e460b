import { EVIDENCE_EXTENSIONS, type EvidenceMediaType } from '@brevet/contracts';

/**
 * Checks on an uploaded evidence file, pure. The content decides what a file is: its first bytes must be
 * those of a PDF, PNG or JPEG. The type the browser declared and the name's extension are only allowed to
 * agree with that; a file that says it is one thing and is another is refused, and nothing the client
 * declared is ever served back.
 */

const PDF_HEADER = Buffer.from('%PDF-', 'latin1');
const PDF_EOF = Buffer.from('%%EOF', 'latin1');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_IEND = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/**
 * The type of `content` by its magic bytes, or null when it is none of the accepted ones:
 * - PDF: starts with `%PDF-1.` or `%PDF-2.` and has `%%EOF` within its last 1,024 bytes (so a cut-off
 *   upload is refused, as PDF readers would fail on it);
 * - PNG: the 8-byte signature, an `IHDR` chunk first and the `IEND` chunk last;
 * - JPEG: the start-of-image marker followed by another marker (`FF D8 FF`). Cameras may append data
 *   after the end-of-image marker, so the end is not checked.
 */
export function sniffEvidenceType(content: Buffer): EvidenceMediaType | null {
  if (
    content.length >= 16 &&
    content.subarray(0, 5).equals(PDF_HEADER) &&
    /^[12]\.\d$/.test(content.subarray(5, 8).toString('latin1')) &&
    content.subarray(Math.max(0, content.length - 1024)).includes(PDF_EOF)
  ) {
    return 'application/pdf';
  }
  if (
    content.length >= 8 + 25 + 12 &&
    content.subarray(0, 8).equals(PNG_SIGNATURE) &&
    content.subarray(12, 16).toString('latin1') === 'IHDR' &&
    content.subarray(content.length - 8).equals(PNG_IEND)
  ) {
    return 'image/png';
  }
  if (content.length >= 4 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) {
    return 'image/jpeg';
  }
  return null;
}

/** Declared types that name an accepted type under another spelling. */
const DECLARED_ALIASES: Record<string, EvidenceMediaType> = {
  'application/pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
};

/** Declared types that say nothing about the content (some browsers send them for any file). */
const UNSPECIFIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export type EvidenceTypeCheck =
  | { ok: true; mediaType: EvidenceMediaType }
  | { ok: false; reason: 'unsupported' | 'declared_type' | 'extension' };

/**
 * Whether an upload may be stored: its content must be an accepted type, and the declared MIME type (unless
 * unspecific) and the file name's extension (if it has one) must name that same type.
 */
export function checkEvidenceFile(
  content: Buffer,
  declaredType: string,
  fileName: string,
): EvidenceTypeCheck {
  const mediaType = sniffEvidenceType(content);
  if (!mediaType) return { ok: false, reason: 'unsupported' };
  const declared = declaredType.split(';')[0].trim().toLowerCase();
  if (!UNSPECIFIC.has(declared) && DECLARED_ALIASES[declared] !== mediaType) {
    return { ok: false, reason: 'declared_type' };
  }
  const extension = extensionOf(baseName(fileName));
  if (extension && !EVIDENCE_EXTENSIONS[mediaType].includes(extension)) {
    return { ok: false, reason: 'extension' };
  }
  return { ok: true, mediaType };
}

/** The last path segment, whichever separator the sender's system uses. */
function baseName(name: string): string {
  const parts = name.split(/[/\\]/);
  return parts[parts.length - 1] ?? '';
}

/** `.pdf` from `Zertifikat.PDF`; null without an extension (a leading dot alone is not one). */
function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return null;
  return name.slice(dot).toLowerCase();
}

const MAX_STEM_LENGTH = 100;

/**
 * A file name safe to store, show and offer for download: the last path segment only, Unicode normalised,
 * without control and invisible formatting characters (such as the right-to-left override that makes
 * `gpj.exe` look like `exe.jpg`), without characters that are reserved in file names on common systems, at
 * most 100 characters before the extension, and ending in an extension of the recognised type.
 */
export function sanitizeEvidenceFileName(original: string, mediaType: EvidenceMediaType): string {
  const cleaned = baseName(original)
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/[<>:"/\\|?*;%]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const extension = extensionOf(cleaned);
  const allowed = EVIDENCE_EXTENSIONS[mediaType];
  const keep = extension !== null && allowed.includes(extension);
  const stem = (keep ? cleaned.slice(0, -extension.length) : cleaned).replace(/[.\s]+$/, '');
  const shortStem = [...stem].slice(0, MAX_STEM_LENGTH).join('').trim() || 'certificate';
  return `${shortStem}${keep ? extension : allowed[0]}`;
}

/**
 * `Content-Disposition: attachment` with the name twice (RFC 6266): `filename` as plain ASCII for old clients,
 * `filename*` in UTF-8, percent-encoded (RFC 8187). The name is expected to be sanitised already; quotes and
 * backslashes are replaced all the same, so the header cannot be broken out of.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
