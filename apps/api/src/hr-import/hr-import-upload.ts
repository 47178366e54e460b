import { HR_IMPORT_MAX_BYTES } from '@brevet/contracts';
import busboy from 'busboy';
import type { Request } from 'express';
import { ValidationFailedException } from '../common/domain.exception';
import { HrImportFileTooLargeException } from './hr-import.exceptions';

/** An uploaded file as the service sees it: a name, its bytes as they arrive, and the other form fields. */
export interface HrUpload {
  fileName: string;
  /** The bytes, streamed; throws {@link HrImportFileTooLargeException} past the size limit. */
  content: AsyncIterable<Buffer>;
  /** The other form fields, known once the whole request has been read. */
  fields: Promise<Record<string, string>>;
  /** Stops reading and discards the rest of the request (after a failure), so the response can go out. */
  discard(): void;
}

/**
 * Reads a `multipart/form-data` request with busboy, streaming: resolves as soon as the part named `file`
 * begins, and never holds more than a read buffer of it in memory. The HTTP adapter in front of
 * `HrImportService.upload`.
 */
export function readMultipartUpload(req: Request, maxBytes = HR_IMPORT_MAX_BYTES): Promise<HrUpload> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new ValidationFailedException([
        { field: 'file', message: 'send the file as multipart/form-data in a field named "file"' },
      ]),
    );
  }
  const length = Number(req.headers['content-length']);
  // The form around the file adds a little; anything clearly beyond the limit is refused before reading.
  if (Number.isFinite(length) && length > maxBytes + 64 * 1024) {
    return Promise.reject(new HrImportFileTooLargeException());
  }
  return new Promise<HrUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let settled = false;
    let resolveFields!: (f: Record<string, string>) => void;
    let rejectFields!: (e: Error) => void;
    const fieldsDone = new Promise<Record<string, string>>((res, rej) => {
      resolveFields = res;
      rejectFields = rej;
    });
    fieldsDone.catch(() => undefined); // observed by the service; avoids an unhandled rejection otherwise

    const parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 1024 },
    });
    const discard = () => {
      req.unpipe(parser);
      req.resume();
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || settled) {
        stream.resume();
        return;
      }
      settled = true;
      resolve({
        fileName: (info.filename ?? 'upload.csv').slice(-255) || 'upload.csv',
        content: (async function* () {
          for await (const chunk of stream) yield chunk as Buffer;
          if (stream.truncated) throw new HrImportFileTooLargeException();
        })(),
        fields: fieldsDone,
        discard,
      });
    });
    parser.on('close', () => {
      resolveFields(fields);
      if (!settled) {
        settled = true;
        reject(new ValidationFailedException([{ field: 'file', message: 'is required' }]));
      }
    });
    parser.on('error', (error: Error) => {
      const invalid = new ValidationFailedException([
        { field: 'file', message: `could not be read: ${error.message}` },
      ]);
      rejectFields(invalid);
      if (!settled) {
        settled = true;
        reject(invalid);
      }
      discard();
    });
    req.pipe(parser);
  });
}
