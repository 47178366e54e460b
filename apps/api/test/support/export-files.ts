import type { CreateExportRequest, ExportRun } from '@brevet/contracts';
import type { Response } from 'supertest';
import type { SignedInAgent } from './auth';
import { settleJobs, type TestApp } from './test-app';

const EXPORTS = '/api/v1/exports';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A supertest parser that keeps the body as bytes (XLSX, PDF, CSV with its BOM). */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/**
 * The lines of an exported CSV, the header first: it must start with the UTF-8 BOM, end with CRLF and have no
 * line break inside a record.
 */
export function csvLines(file: Buffer): string[] {
  expect(file.subarray(0, 3).equals(BOM)).toBe(true);
  const text = file.subarray(3).toString('utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  return text.slice(0, -2).split('\r\n');
}

/** Asks for an export as `agent`, lets the job run, and returns the settled run. */
export async function exportFile(
  t: TestApp,
  agent: SignedInAgent,
  body: CreateExportRequest,
): Promise<ExportRun> {
  const queued = (await agent.post(EXPORTS).send(body).expect(202)).body as ExportRun;
  expect(queued).toMatchObject({ status: 'queued', kind: body.kind, format: body.format, file: null });
  await settleJobs(t);
  return (await agent.get(`${EXPORTS}/${queued.id}`).expect(200)).body as ExportRun;
}

/** The file of a ready export, as its owner downloads it. */
export async function downloadExport(
  agent: SignedInAgent,
  run: ExportRun,
): Promise<{ file: Buffer; headers: Record<string, string> }> {
  const res = await agent.get(`${EXPORTS}/${run.id}/file`).buffer(true).parse(binary).expect(200);
  return { file: res.body as Buffer, headers: res.headers as Record<string, string> };
}
