import { AWARD_IMPORT_MAX_BYTES } from '@brevet/contracts';
import busboy from 'busboy';
import type { Request } from 'express';
import { ValidationFailedException } from '../common/domain.exception';
import { AwardImportTooLargeException } from './award.exceptions';

/** An uploaded award file, read whole (it is small), with the other form fields. */
export interface AwardUpload {
  fileName: string;
  content: Buffer;
  fields: Record<string, string>;
}

/**
 * Reads a `multipart/form-data` request with a `file` part (and fields such as `issuer`, `dryRun`). Award
 * files are small (at most 5,000 rows), so the file is held in memory, up to `maxBytes`; past that the rest
 * of the request is drained and the upload refused. The HTTP adapter in front of `AwardImportService`.
 */
export function readAwardUpload(req: Request, maxBytes = AWARD_IMPORT_MAX_BYTES): Promise<AwardUpload> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new ValidationFailedException([
        { field: 'file', message: 'send the file as multipart/form-data in a field named "file"' },
      ]),
    );
  }
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > maxBytes + 64 * 1024) {
    req.resume();
    return Promise.reject(new AwardImportTooLargeException());
  }
  return new Promise<AwardUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: { name: string; chunks: Buffer[]; truncated: boolean } | null = null;
    let failed = false;
    const parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 1024 },
    });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const current = {
        name: (info.filename ?? 'awards.csv').slice(-255) || 'awards.csv',
        chunks: [] as Buffer[],
        truncated: false,
      };
      file = current;
      stream.on('data', (chunk: Buffer) => current.chunks.push(chunk));
      stream.on('limit', () => {
        current.truncated = true;
      });
    });
    parser.on('close', () => {
      if (failed) return;
      if (!file) return reject(new ValidationFailedException([{ field: 'file', message: 'is required' }]));
      if (file.truncated) return reject(new AwardImportTooLargeException());
      resolve({ fileName: file.name, content: Buffer.concat(file.chunks), fields });
    });
    parser.on('error', (error: Error) => {
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(
        new ValidationFailedException([{ field: 'file', message: `could not be read: ${error.message}` }]),
      );
    });
    req.pipe(parser);
  });
}
