import { SSO_METADATA_MAX_BYTES } from '@brevet/contracts';
import busboy from 'busboy';
import type { Request } from 'express';
import { ValidationFailedException } from '../common/domain.exception';
import { MetadataInvalidException } from './sso.exceptions';

/** An uploaded metadata file (read whole: at most 1 MB) and the form's text fields. */
export interface MetadataUpload {
  xml: string;
  fields: Record<string, string>;
}

/**
 * Reads `multipart/form-data` with a `file` part (the metadata XML) and fields `slug`, `displayName`,
 * `enabled`. Past {@link SSO_METADATA_MAX_BYTES} the rest is drained and the upload refused.
 */
export function readMetadataUpload(req: Request): Promise<MetadataUpload> {
  if (!req.is('multipart/form-data'))
    return Promise.reject(
      new ValidationFailedException([
        { field: 'file', message: 'send the metadata as multipart/form-data in a field named "file"' },
      ]),
    );
  return new Promise<MetadataUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: { chunks: Buffer[]; truncated: boolean } | null = null;
    let failed = false;
    const parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { files: 1, fileSize: SSO_METADATA_MAX_BYTES, fields: 10, fieldSize: 1024 },
    });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const current = { chunks: [] as Buffer[], truncated: false };
      file = current;
      stream.on('data', (chunk: Buffer) => current.chunks.push(chunk));
      stream.on('limit', () => {
        current.truncated = true;
      });
    });
    parser.on('close', () => {
      if (failed) return;
      if (!file) return reject(new ValidationFailedException([{ field: 'file', message: 'is required' }]));
      if (file.truncated)
        return reject(new MetadataInvalidException('the metadata file is larger than 1 MB', 'file'));
      resolve({ xml: Buffer.concat(file.chunks).toString('utf8'), fields });
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
