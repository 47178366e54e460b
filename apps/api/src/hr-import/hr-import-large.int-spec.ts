import type { HrImportDetail, ProblemDetails } from '@brevet/contracts';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ENGLISH_HEADER, seedOrg, snapshotStaff } from '../../test/fixtures/hr-import/hr-import.fixtures';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

/** Writes a valid HR file of at least `bytes` to `file`, streaming, and returns its number of person rows. */
async function writeLargeFile(file: string, bytes: number): Promise<number> {
  const out = fs.createWriteStream(file);
  let written = 0;
  let rows = 0;
  const write = async (text: string) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(ENGLISH_HEADER.join(';') + '\r\n');
  const branches = ['DE-BER-01', 'DE-HAM-01', 'DE-MUC-01'];
  while (written < bytes) {
    let batch = '';
    for (let i = 0; i < 1_000; i++, rows++) {
      const n = 5_000_000 + rows;
      batch +=
        `${n};Jürgen-Maximilian;Müller-Lüdenscheidt-${rows % 977};jm.mueller.${n}@example.com;de;` +
        `${branches[rows % 3]};WAREHOUSE|FORKLIFT;${rows % 50 === 0 ? '' : 5_000_000 + rows - (rows % 50)};` +
        `${String(1 + (rows % 28)).padStart(2, '0')}.0${1 + (rows % 9)}.2019;aktiv\r\n`;
    }
    await write(batch);
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

// A garbage collector to call, so that samples measure what is live rather than what is not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Peak memory while `work` runs, in MB above what was in use before: live memory (JavaScript heap plus
 * buffers, after a forced garbage collection, every second) and the resident set size (which also counts
 * memory the allocator keeps after it was freed, so it is only loosely bounded).
 */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ value: T; heapMb: number; rssMb: number }> {
  gc();
  const before = process.memoryUsage();
  const live = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
  let heap = live(before);
  let rss = before.rss;
  const timer = setInterval(() => {
    gc();
    const now = process.memoryUsage();
    heap = Math.max(heap, live(now));
    rss = Math.max(rss, now.rss);
  }, 1_000);
  try {
    const value = await work();
    return { value, heapMb: (heap - live(before)) / 2 ** 20, rssMb: (rss - before.rss) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

describe('HR import: large files (real PostgreSQL)', () => {
  let t: TestApp;
  let api: SignedInAgent;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-hr-import-'));

  beforeAll(async () => {
    t = await createTestApp();
    api = await signInAsAdmin(t);
  });
  beforeEach(async () => {
    await resetDatabase(t);
    api = await signInAsAdmin(t);
    await seedOrg(t.dataSource);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('validates a 50 MB file streaming, without the process memory growing with the file', async () => {
    const file = path.join(dir, 'personal-50mb.csv');
    const rows = await writeLargeFile(file, 50 * 1024 * 1024);
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    const before = await snapshotStaff(t.dataSource);

    const seen: Array<{ status: string; progress: number | null }> = [];
    const watch = async (id: string) => {
      let done = false;
      const settled = settleJobs(t).finally(() => {
        done = true;
      });
      while (!done) {
        const now = (await api.get(`/api/v1/hr-imports/${id}`).expect(200)).body as HrImportDetail;
        seen.push({ status: now.status, progress: now.progress });
        await new Promise((r) => setTimeout(r, 250));
      }
      await settled;
    };
    const {
      value: detail,
      heapMb,
      rssMb,
    } = await peakGrowth(async () => {
      const res = await api.post('/api/v1/hr-imports').attach('file', file).field('fullExport', 'false');
      expect(res.status).toBe(201);
      const id = (res.body as HrImportDetail).id;
      await watch(id);
      return (await api.get(`/api/v1/hr-imports/${id}`).expect(200)).body as HrImportDetail;
    });
    // The progress bar moves while the file is read.
    expect(
      seen.some((s) => s.status === 'validating' && (s.progress ?? 0) > 0 && (s.progress ?? 1) < 1),
    ).toBe(true);

    expect(detail).toMatchObject({
      status: 'validated',
      fileSize: size,
      encoding: 'utf-8',
      delimiter: ';',
      totalRows: rows,
      errorCount: 0,
      preview: { rows, created: rows, updated: 0, unchanged: 0 },
    });
    // Holding the file would take 50 MB as bytes and 100 MB as a JavaScript string, before parsing it into
    // ~400,000 arrays. Streaming keeps a chunk and a batch of rows; the bound is generous to stay unflaky.
    process.stdout.write(
      `50 MB file: ${rows} rows; peak growth: live ${heapMb.toFixed(0)} MB, rss ${rssMb.toFixed(0)} MB\n`,
    );
    expect(heapMb).toBeLessThan(50);
    expect(rssMb).toBeLessThan(400);
    expect(await snapshotStaff(t.dataSource)).toEqual(before);
    await api.delete(`/api/v1/hr-imports/${detail.id}`).expect(204);
  }, 240_000);

  it('answers 413 for a file over 100 MB, before reading it when the size is declared', async () => {
    const file = path.join(dir, 'too-big.csv');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 100 * 1024 * 1024 + 1); // sparse: no disk space needed
    const res = await api.post('/api/v1/hr-imports').attach('file', file).expect(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((res.body as ProblemDetails).code).toBe('hr_import.file_too_large');
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM hr_import`);
    expect(count[0].n).toBe(0);
  }, 120_000);

  it('answers 413 while streaming when the size is not declared (chunked upload), and keeps nothing', async () => {
    const server = t.app.getHttpServer() as http.Server;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : await listen(server);
    const boundary = 'brevet-test-boundary';
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/hr-imports',
          headers: {
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'transfer-encoding': 'chunked',
            cookie: `brevet_session=${api.token}`,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const block = Buffer.alloc(1024 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        if (sent === 0)
          req.write(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n`,
          );
        while (sent < 101) {
          sent += 1;
          if (!req.write(block)) return void req.once('drain', pump);
        }
        req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    expect(status).toBe(413);
    await settleJobs(t);
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM hr_import`);
    expect(count[0].n).toBe(0);
    const chunks = await t.dataSource.query(`SELECT count(*)::int AS n FROM hr_import_chunk`);
    expect(chunks[0].n).toBe(0);
  }, 120_000);
});

async function listen(server: http.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}
