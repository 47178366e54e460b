import { EVIDENCE_MAX_BYTES } from '@brevet/contracts';
import busboy from 'busboy';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { ValidationFailedException } from '../common/domain.exception';
import { SubmitEvidenceFieldsDto } from './evidence.dto';
import { EvidenceFileTooLargeException } from './evidence.exceptions';

/** An uploaded evidence file as the client sent it: nothing here is trusted yet. */
export interface EvidenceUpload {
  /** The name the client gave (any path, any characters); cleaned before it is stored. */
  fileName: string;
  /** The MIME type the client declared for the part; only compared with what the content is. */
  declaredType: string;
  content: Buffer;
  fields: SubmitEvidenceFieldsDto;
}

const FIELD_NAMES = ['definitionId', 'issuedOn', 'expiresOn', 'note', 'staffId'];

/**
 * Reads a `multipart/form-data` upload: one part named `file` (at most `maxBytes`, held in memory: evidence
 * files are small) and the text fields of {@link SubmitEvidenceFieldsDto}. A declared length past the limit
 * is refused before anything is read; otherwise a file past the limit is drained and refused with 413. The
 * fields are checked like a JSON body (every problem at its field). `staffId` is refused where the route
 * decides whose evidence it is (`allowStaffId: false`). The HTTP adapter in front of `EvidenceService`.
 */
export async function readEvidenceUpload(
  req: Request,
  options: { allowStaffId: boolean; maxBytes?: number },
): Promise<EvidenceUpload> {
  const maxBytes = options.maxBytes ?? EVIDENCE_MAX_BYTES;
  const raw = await readMultipart(req, maxBytes);
  const unknown = Object.keys(raw.fields).filter(
    (name) => !FIELD_NAMES.includes(name) || (name === 'staffId' && !options.allowStaffId),
  );
  if (unknown.length > 0) {
    throw new ValidationFailedException(
      unknown.map((field) => ({
        field,
        message: field === 'staffId' ? 'is not allowed here: this evidence is your own' : 'is not allowed',
      })),
    );
  }
  const fields = plainToInstance(SubmitEvidenceFieldsDto, raw.fields);
  const errors = await validate(fields);
  if (errors.length > 0) {
    throw new ValidationFailedException(
      errors.map((e) => {
        // "issuedOn must be a date…" → "must be a date…", as a JSON body's errors read.
        const message = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
        return {
          field: e.property,
          message: message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
        };
      }),
    );
  }
  if (!raw.file) throw new ValidationFailedException([{ field: 'file', message: 'is required' }]);
  if (raw.file.content.length === 0) {
    throw new ValidationFailedException([{ field: 'file', message: 'is empty' }]);
  }
  return { ...raw.file, fields };
}

interface RawUpload {
  file: { fileName: string; declaredType: string; content: Buffer } | null;
  fields: Record<string, string>;
}

function readMultipart(req: Request, maxBytes: number): Promise<RawUpload> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new ValidationFailedException([
        { field: 'file', message: 'send the file as multipart/form-data in a field named "file"' },
      ]),
    );
  }
  const length = Number(req.headers['content-length']);
  // The form fields and part headers add a little to the file; anything far beyond the limit is refused unread.
  if (Number.isFinite(length) && length > maxBytes + 64 * 1024) {
    req.resume();
    return Promise.reject(new EvidenceFileTooLargeException());
  }
  return new Promise<RawUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: { fileName: string; declaredType: string; chunks: Buffer[]; truncated: boolean } | null = null;
    let failed = false;
    const parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 4 * 1024, parts: 12 },
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
        fileName: (info.filename ?? '').slice(-1024),
        declaredType: (info.mimeType ?? '').slice(0, 200),
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
      const done = file as typeof file;
      if (done?.truncated) return reject(new EvidenceFileTooLargeException());
      resolve({
        file: done
          ? { fileName: done.fileName, declaredType: done.declaredType, content: Buffer.concat(done.chunks) }
          : null,
        fields,
      });
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
