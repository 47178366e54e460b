import type { Request } from 'express';
import { BADGE_IMAGE_MAX_BYTES } from '@brevet/contracts';
import { BadgeTooLargeException } from './credential.exceptions';

/**
 * Reads a badge sent as the raw request body (`Content-Type: image/png`). A declared length past the limit
 * is refused before reading; otherwise bytes past the limit are discarded as they arrive (the stream is
 * drained, not destroyed, so the error response still reaches the client). The HTTP adapter in front of
 * `CredentialsService.setBadge`; the JSON body parser leaves image bodies alone.
 */
export function readBadgeUpload(
  req: Request,
  maxBytes = BADGE_IMAGE_MAX_BYTES,
): Promise<{ content: Buffer; contentType: string | undefined }> {
  const contentType = req.headers['content-type'];
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > maxBytes) {
    req.resume();
    return Promise.reject(new BadgeTooLargeException());
  }
  // Another content type (e.g. JSON) was already read by a body parser: there are no image bytes.
  if (req.readableEnded) return Promise.resolve({ content: Buffer.alloc(0), contentType });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBytes) reject(new BadgeTooLargeException());
      else resolve({ content: Buffer.concat(chunks), contentType });
    });
    req.on('error', reject);
  });
}
