import type {
  Award,
  CreateExportRequest,
  CredentialDetail,
  ExportPage,
  ExportRun,
  ProblemDetails,
  StaffDetail,
} from '@brevet/contracts';
import * as ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { signInAs, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { makeBranch, makeRegion, staffBody } from '../../test/support/factories';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { binary, csvLines, downloadExport, exportFile } from '../../test/support/export-files';
import { Clock } from '../common/clock';
import { ExportCopyRepository } from './export-copy.repository';
import { ExportsService } from './exports.service';

/** "Now": 1 November 2026, 11:00 in Berlin. */
const NOW = new Date('2026-11-01T10:00:00Z');
const EXPORTS = '/api/v1/exports';
const FORMULA_NAME = '=HYPERLINK("http://evil.example","x")';

/** The text poppler's pdftotext extracts, in reading order. */
function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-export-pdf-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface World {
  north: string;
  south: string;
  ham: string;
  muc: string;
  gdpr: CredentialDetail;
  weiss: StaffDetail;
  obrien: StaffDetail;
  formula: StaffDetail;
  wrobel: StaffDetail;
}

describe('exports (real PostgreSQL; files read back with real readers)', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => NOW);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    w = await arrangeWorld(t, admin);
  });

  const exportAs = (agent: SignedInAgent, body: CreateExportRequest) => exportFile(t, agent, body);
  const download = downloadExport;

  describe('CSV', () => {
    it('writes the people behind the matrix: UTF-8 with BOM, RFC 4180 quoting, umlauts, CRLF, neutralised formulas', async () => {
      const run = await exportAs(admin, { kind: 'compliance-people', format: 'csv', language: 'en' });
      expect(run).toMatchObject({
        status: 'ready',
        rowsDone: 4,
        rowsTotal: 4,
        percent: 100,
        error: null,
        file: { name: 'compliance-people-2026-11-01.csv', contentType: 'text/csv; charset=utf-8' },
      });
      const { file, headers } = await download(admin, run);
      expect(headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(headers['content-disposition']).toBe('attachment; filename="compliance-people-2026-11-01.csv"');
      expect(Number(headers['content-length'])).toBe(file.length);
      expect(run.file?.size).toBe(file.length);
      const lines = csvLines(file);
      expect(lines[0]).toBe(
        'Employee number,Family name,Given name,Branch code,Branch,Credential code,Credential,Status,Due by,' +
          'Issued on,Valid until,Days left,Exempt until,Exemption reason',
      );
      const gdpr = `${w.gdpr.code},"Data protection, basics"`;
      expect(lines.slice(1)).toEqual([
        // A name that starts like a formula gets a leading quote (and RFC 4180 quotes, for its commas and quotes).
        `${w.formula.employeeNumber},"'=HYPERLINK(""http://evil.example"",""x"")",'@SUM(A1),HAM,Hamburg,${gdpr},Missing (overdue),2024-03-31,,,,,`,
        `${w.obrien.employeeNumber},"O'Brien, ""Jr""",Zoë,HAM,Hamburg,${gdpr},Expiring,2024-03-31,2025-12-01,2026-12-01,30,,`,
        `${w.weiss.employeeNumber},Weiß,Jürgen,HAM,Hamburg,${gdpr},Compliant,2024-03-31,2026-10-01,2027-10-01,334,,`,
        `${w.wrobel.employeeNumber},Wróbel,Łukasz,MUC,München,${gdpr},Expired,2024-03-31,2025-10-15,2026-10-15,-17,,`,
      ]);
    });

    it('reads the materialised aggregates caught up with a change committed just before it runs', async () => {
      const people = async () =>
        csvLines(
          (await download(admin, await exportAs(admin, { kind: 'compliance-people', format: 'csv' }))).file,
        );
      const matrix = async () =>
        csvLines(
          (await download(admin, await exportAs(admin, { kind: 'compliance-matrix', format: 'csv' }))).file,
        );
      expect((await people()).find((l) => l.startsWith(w.formula.employeeNumber))).toContain(
        'Missing (overdue)',
      );
      const hamburgBefore = (await matrix()).find((l) => l.includes('HAM'));
      await admin
        .post('/api/v1/awards')
        .send({
          staffId: w.formula.id,
          definitionId: w.gdpr.id,
          completedOn: '2026-10-20',
          issuer: 'HR admin',
        })
        .expect(201);
      expect((await people()).find((l) => l.startsWith(w.formula.employeeNumber))).toContain(
        ',Compliant,2024-03-31,2026-10-20,',
      );
      const hamburgAfter = (await matrix()).find((l) => l.includes('HAM'));
      expect(hamburgAfter).not.toEqual(hamburgBefore);
    });

    it('CSV by COPY writes the same bytes as the row-by-row writer, for awkward text in both languages', async () => {
      // Awkward text where a person can type it: an exemption reason with a line break, quotes, both
      // delimiters, and a start that looks like a formula; a credential title with spaces around it.
      await admin
        .post('/api/v1/compliance/exemptions')
        .send({
          staffId: w.wrobel.id,
          definitionId: w.gdpr.id,
          reason: '-1+1 "sick";\nback, in May',
          until: '2026-12-31',
        })
        .expect(201);
      await t.dataSource.query(
        `UPDATE credential_definition_version SET title = jsonb_build_object('en', '  Data protection, basics ', 'de', '')
          WHERE definition_id = $1`,
        [w.gdpr.id],
      );
      const copies = t.app.get(ExportCopyRepository);
      expect(copies.available()).toBe(true);
      const both = async (body: CreateExportRequest) => {
        const byCopy = (await download(admin, await exportAs(admin, body))).file;
        const spy = jest.spyOn(copies, 'available').mockReturnValue(false);
        try {
          const byRows = (await download(admin, await exportAs(admin, body))).file;
          return { byCopy, byRows };
        } finally {
          spy.mockRestore();
        }
      };
      for (const body of [
        { kind: 'compliance-people', format: 'csv', language: 'en' },
        { kind: 'compliance-people', format: 'csv', language: 'de', delimiter: ';' },
        { kind: 'compliance-people', format: 'csv', filters: { status: ['missing_overdue', 'exempt'] } },
      ] as CreateExportRequest[]) {
        const { byCopy, byRows } = await both(body);
        expect(byCopy.toString('utf8')).toEqual(byRows.toString('utf8'));
      }
      const en = (await both({ kind: 'compliance-people', format: 'csv' })).byCopy.toString('utf8');
      expect(en).toContain(
        `,Exempt,2024-03-31,2025-10-15,2026-10-15,-17,2026-12-31,"'-1+1 ""sick"";\nback, in May"\r\n`,
      );
      expect(en).toContain(',"Data protection, basics",');
      // No rows in view: a header only, both ways.
      const none = await both({
        kind: 'compliance-people',
        format: 'csv',
        filters: { status: ['expiring'], branchId: w.muc },
      });
      expect(none.byCopy.toString('utf8')).toEqual(none.byRows.toString('utf8'));
      expect(csvLines(none.byCopy)).toHaveLength(1);
    });

    it('with `;`: German headers and words, decimal commas, and text with `;` quoted', async () => {
      const run = await exportAs(admin, {
        kind: 'compliance-matrix',
        format: 'csv',
        delimiter: ';',
        language: 'de',
      });
      expect(run).toMatchObject({ status: 'ready', delimiter: ';', rowsTotal: 2, percent: 100 });
      const lines = csvLines((await download(admin, run)).file);
      expect(lines[0]).toBe(
        'Regionscode;Region;Standortcode;Standort;Nachweiscode;Nachweis;Gefordert;Erfüllt;Läuft bald ab;' +
          'Abgelaufen;Fehlt (überfällig);Fehlt (in Frist);Befreit;Quote (%)',
      );
      expect(lines.slice(1)).toEqual([
        `NORTH;Nord, Küste;HAM;Hamburg;${w.gdpr.code};Datenschutz, Grundlagen;3;1;1;0;1;0;0;66,7`,
        `SOUTH;"Süd; Alpen";MUC;München;${w.gdpr.code};Datenschutz, Grundlagen;1;0;0;1;0;0;0;0`,
      ]);
    });
  });

  describe('XLSX', () => {
    it('opens in a spreadsheet reader with real types, a frozen header and an auto-filter', async () => {
      const run = await exportAs(admin, { kind: 'compliance-people', format: 'xlsx', language: 'de' });
      expect(run.file).toMatchObject({
        name: 'compliance-personen-2026-11-01.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      const { file } = await download(admin, run);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file as unknown as ArrayBuffer);
      expect(book.worksheets).toHaveLength(1);
      const sheet = book.worksheets[0];
      expect(sheet.name).toBe('Compliance je Person');
      expect(sheet.rowCount).toBe(5);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
      expect(sheet.autoFilter).toBe('A1:N5');
      expect(sheet.getRow(1).getCell(1).value).toBe('Personalnummer');
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);

      const row = (r: number) => sheet.getRow(r);
      // The formula-like name is text with a leading quote, never a formula.
      expect(row(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
      expect(row(2).getCell(2).value).toBe(`'${FORMULA_NAME}`);
      expect(row(2).getCell(3).value).toBe("'@SUM(A1)");
      expect(row(2).getCell(8).value).toBe('Fehlt (überfällig)');
      expect(row(2).getCell(10).value).toBeNull();

      const weiss = row(4);
      expect(weiss.getCell(1).value).toBe(w.weiss.employeeNumber);
      expect(weiss.getCell(2).value).toBe('Weiß');
      expect(weiss.getCell(7).value).toBe('Datenschutz, Grundlagen');
      expect(weiss.getCell(8).value).toBe('Erfüllt');
      for (const [col, day] of [
        [9, '2024-03-31'],
        [10, '2026-10-01'],
        [11, '2027-10-01'],
      ] as const) {
        expect(weiss.getCell(col).type).toBe(ExcelJS.ValueType.Date);
        expect((weiss.getCell(col).value as Date).toISOString()).toBe(`${day}T00:00:00.000Z`);
        expect(weiss.getCell(col).numFmt).toBe('yyyy-mm-dd');
      }
      expect(weiss.getCell(12).type).toBe(ExcelJS.ValueType.Number);
      expect(weiss.getCell(12).value).toBe(334);
      expect(row(5).getCell(12).value).toBe(-17);
      expect(row(5).getCell(3).value).toBe('Łukasz');
    });

    it('writes counts as numbers and the rate as a percentage', async () => {
      const run = await exportAs(admin, { kind: 'compliance-matrix', format: 'xlsx', language: 'en' });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await download(admin, run)).file as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      const ham = sheet.getRow(2);
      expect(ham.getCell(4).value).toBe('Hamburg');
      expect([7, 8, 9, 10, 11, 12, 13].map((c) => ham.getCell(c).value)).toEqual([3, 1, 1, 0, 1, 0, 0]);
      expect(ham.getCell(14).type).toBe(ExcelJS.ValueType.Number);
      expect(ham.getCell(14).value).toBeCloseTo(0.6667, 4);
      expect(ham.getCell(14).numFmt).toBe('0.0%');
    });

    it('exports the audit log as of the request, its own entry last, with times as dates', async () => {
      const auditor = await signInAs(t, 'auditor', { displayName: 'Ada Auditor' });
      const run = await exportAs(auditor, {
        kind: 'audit',
        format: 'xlsx',
        language: 'en',
        filters: { sort: 'sequence' },
      });
      expect(run.status).toBe('ready');
      // Something recorded after the request is not in the file.
      await admin.post(EXPORTS).send({ kind: 'awards', format: 'csv' }).expect(202);
      await settleJobs(t);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await download(auditor, run)).file as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      const last = sheet.getRow(sheet.rowCount);
      expect(last.getCell(3).value).toBe('Ada Auditor');
      expect(last.getCell(5).value).toBe('export.created');
      expect(last.getCell(8).value).toBe(run.id);
      expect(last.getCell(1).type).toBe(ExcelJS.ValueType.Number);
      expect(last.getCell(2).type).toBe(ExcelJS.ValueType.Date);
      expect(Math.abs((last.getCell(2).value as Date).getTime() - NOW.getTime())).toBeLessThan(1000);
      expect(run.rowsTotal).toBe(sheet.rowCount - 1);
    });
  });

  describe('PDF summary report', () => {
    it('has the company, the area, the figures, the chart and the tables, read back with pdftotext', async () => {
      const run = await exportAs(admin, { kind: 'compliance-matrix', format: 'pdf', language: 'en' });
      expect(run).toMatchObject({
        status: 'ready',
        percent: 100,
        file: { name: 'compliance-matrix-2026-11-01.pdf', contentType: 'application/pdf' },
      });
      const { file } = await download(admin, run);
      expect(file.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(file);
      expect(text).toContain('Compliance report');
      expect(text).toContain(t.config.openBadges.issuerName);
      expect(text).toContain('All branches (2 branches)');
      expect(text).toContain('Requested by: Test HR admin');
      expect(text).toContain('Key figures');
      expect(text).toMatch(/Compliance rate\s+Requirements\s+Compliant/);
      expect(text).toMatch(/^\s*50%\s+4\s+1\s+1\s+1\s+1\s+0\s+0\s*$/m);
      expect(text).toContain('Compliance rate by branch, lowest first');
      expect(text).toMatch(/MUC München\s+0%/);
      expect(text).toMatch(/HAM Hamburg\s+66\.7%/);
      expect(text).toMatch(/HAM\s+Hamburg\s+3\s+1\s+1\s+0\s+1\s+0\s+0\s+66\.7%/);
      expect(text).toMatch(/MUC\s+München\s+1\s+0\s+0\s+1\s+0\s+0\s+0\s+0%/);
      expect(text).toMatch(
        new RegExp(`${w.gdpr.code}\\s+Data protection, basics\\s+4\\s+1\\s+1\\s+1\\s+1\\s+0\\s+0\\s+50%`),
      );
      expect(text).toContain('Page 1 of 1');
    });

    it('for one region, in German', async () => {
      const run = await exportAs(admin, {
        kind: 'compliance-matrix',
        format: 'pdf',
        language: 'de',
        filters: { regionId: w.south },
      });
      const text = pdfText((await download(admin, run)).file);
      expect(text).toContain('Compliance-Bericht');
      expect(text).toContain('Region: Süd; Alpen');
      expect(text).toContain('München');
      expect(text).not.toContain('Hamburg');
      expect(text).toContain('Seite 1 von 1');
    });
  });

  describe('scope', () => {
    let manager: SignedInAgent;
    beforeEach(async () => {
      manager = await signInAs(t, 'branch_manager', { branchIds: [w.ham] });
    });

    it("a branch manager's exports hold their branch only", async () => {
      const people = csvLines(
        (await download(manager, await exportAs(manager, { kind: 'compliance-people', format: 'csv' }))).file,
      );
      expect(people.slice(1).map((l) => l.split(',')[0])).toEqual([
        w.formula.employeeNumber,
        w.obrien.employeeNumber,
        w.weiss.employeeNumber,
      ]);
      const awards = csvLines(
        (await download(manager, await exportAs(manager, { kind: 'awards', format: 'csv' }))).file,
      );
      expect(awards).toHaveLength(3);
      expect(awards.slice(1).every((l) => l.includes(',HAM,Hamburg,'))).toBe(true);
      const matrix = csvLines(
        (await download(manager, await exportAs(manager, { kind: 'compliance-matrix', format: 'csv' }))).file,
      );
      expect(matrix).toHaveLength(2);
      expect(matrix[1]).toMatch(/^NORTH,"Nord, Küste",HAM,Hamburg,/);
      const pdf = pdfText(
        (await download(manager, await exportAs(manager, { kind: 'compliance-matrix', format: 'pdf' }))).file,
      );
      expect(pdf).toContain('Hamburg');
      expect(pdf).not.toContain('München');
    });

    it.each<[string, (w: World) => CreateExportRequest]>([
      ['branchId', (x) => ({ kind: 'compliance-people', format: 'csv', filters: { branchId: x.muc } })],
      ['regionId', (x) => ({ kind: 'compliance-people', format: 'csv', filters: { regionId: x.south } })],
      ['staffId', (x) => ({ kind: 'compliance-people', format: 'csv', filters: { staffId: x.wrobel.id } })],
      [
        'matrix branchId',
        (x) => ({ kind: 'compliance-matrix', format: 'xlsx', filters: { branchId: x.muc } }),
      ],
      ['awards branchId', (x) => ({ kind: 'awards', format: 'csv', filters: { branchId: x.muc } })],
      ['awards staffId', (x) => ({ kind: 'awards', format: 'csv', filters: { staffId: x.wrobel.id } })],
    ])(
      'a tampered filter (%s) pointing at another branch gives an empty file, never more',
      async (_name, body) => {
        const run = await exportAs(manager, body(w));
        expect(run).toMatchObject({ status: 'ready', rowsTotal: 0, rowsDone: 0, percent: 100 });
        const { file } = await download(manager, run);
        if (run.format === 'csv') expect(csvLines(file)).toHaveLength(1);
        else {
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(file as unknown as ArrayBuffer);
          expect(book.worksheets[0].rowCount).toBe(1);
        }
      },
    );

    it('is the scope of the moment of asking: a grant taken away later does not change the file', async () => {
      const regional = await signInAs(t, 'regional_manager', { regionIds: [w.north] });
      const queued = (
        await regional.post(EXPORTS).send({ kind: 'compliance-people', format: 'csv' }).expect(202)
      ).body as ExportRun;
      await t.dataSource.query(`UPDATE user_role_grant SET region_id = $1 WHERE user_id = $2`, [
        w.south,
        regional.userId,
      ]);
      await settleJobs(t);
      const lines = csvLines((await download(regional, queued)).file);
      expect(lines.slice(1).every((l) => l.includes(',HAM,Hamburg,'))).toBe(true);
      expect(lines).toHaveLength(4);
    });

    it('needs the permission to read the kind: a branch manager cannot export the audit log', async () => {
      const res = await manager.post(EXPORTS).send({ kind: 'audit', format: 'csv' }).expect(403);
      expect((res.body as ProblemDetails).code).toBe('auth.forbidden');
      const list = (await manager.get(EXPORTS).expect(200)).body as ExportPage;
      expect(list.total).toBe(0);
    });
  });

  describe('ownership', () => {
    it("nobody else can see, download or delete someone's export: 404, as for an unknown one", async () => {
      const run = await exportAs(admin, { kind: 'compliance-people', format: 'csv' });
      const otherAdmin = await signInAs(t, 'hr_admin');
      const manager = await signInAs(t, 'branch_manager', { branchIds: [w.ham] });
      for (const other of [otherAdmin, manager]) {
        const res = await other.get(`${EXPORTS}/${run.id}/file`).expect(404);
        expect((res.body as ProblemDetails).code).toBe('export.not_found');
        await other.get(`${EXPORTS}/${run.id}`).expect(404);
        await other.delete(`${EXPORTS}/${run.id}`).expect(404);
        expect(((await other.get(EXPORTS).expect(200)).body as ExportPage).items).toEqual([]);
      }
      await admin.get(`${EXPORTS}/${run.id}/file`).expect(200);
      const mine = (await admin.get(EXPORTS).expect(200)).body as ExportPage;
      expect(mine.items.map((r) => r.id)).toEqual([run.id]);
      await admin.delete(`${EXPORTS}/${run.id}`).expect(204);
      await admin.get(`${EXPORTS}/${run.id}/file`).expect(404);
    });
  });

  describe('the job', () => {
    it('counts rows, reaches 100 %, and records the request in the audit log', async () => {
      const run = await exportAs(admin, {
        kind: 'awards',
        format: 'xlsx',
        filters: { status: ['valid', 'expiring'] },
      });
      expect(run).toMatchObject({ status: 'ready', rowsTotal: 2, rowsDone: 2, percent: 100 });
      expect(run.finishedAt).not.toBeNull();
      expect(new Date(run.expiresAt ?? 0).getTime()).toBe(NOW.getTime() + 7 * 24 * 3600 * 1000);
      const [entry] = (await t.dataSource.query(
        `SELECT actor_user_id, target_type, target_id, details FROM audit_entry WHERE action = 'export.created'`,
      )) as Array<{
        actor_user_id: string;
        target_type: string;
        target_id: string;
        details: Record<string, unknown>;
      }>;
      expect(entry).toMatchObject({
        actor_user_id: admin.userId,
        target_type: 'export',
        target_id: run.id,
        details: { kind: 'awards', format: 'xlsx', filters: { status: ['valid', 'expiring'] }, scope: 'all' },
      });
    });

    it('a file not ready answers 409; a failed export says why', async () => {
      const run = await exportAs(admin, { kind: 'awards', format: 'csv' });
      await t.dataSource.query(`UPDATE export_run SET status = 'running' WHERE id = $1`, [run.id]);
      const running = await admin.get(`${EXPORTS}/${run.id}/file`).expect(409);
      expect((running.body as ProblemDetails).code).toBe('export.not_ready');
      await t.dataSource.query(
        `UPDATE export_run SET status = 'failed', error_code = 'export.failed' WHERE id = $1`,
        [run.id],
      );
      await admin.get(`${EXPORTS}/${run.id}/file`).expect(409);
      const failed = (await admin.get(`${EXPORTS}/${run.id}`).expect(200)).body as ExportRun;
      expect(failed).toMatchObject({ status: 'failed', file: null, error: { code: 'export.failed' } });
      expect(failed.error?.message).toMatch(/try again/i);
    });

    it('leaves a settled export alone when its job runs again', async () => {
      const run = await exportAs(admin, { kind: 'awards', format: 'csv' });
      const before = (await download(admin, run)).file;
      await t.app.get(ExportsService).run(run.id);
      const after = (await admin.get(`${EXPORTS}/${run.id}`).expect(200)).body as ExportRun;
      expect(after).toEqual(run);
      expect((await download(admin, run)).file.equals(before)).toBe(true);
    });

    it('refuses formats, delimiters and filters that do not fit the kind', async () => {
      const bad = async (body: Record<string, unknown>, field: string) => {
        const res = await admin.post(EXPORTS).send(body).expect(400);
        expect((res.body as ProblemDetails).errors?.map((e) => e.field)).toContain(field);
      };
      await bad({ kind: 'compliance-people', format: 'pdf' }, 'format');
      await bad({ kind: 'awards', format: 'xlsx', delimiter: ';' }, 'delimiter');
      await bad({ kind: 'awards', format: 'csv', filters: { regionId: w.north } }, 'filters.regionId');
      await bad(
        { kind: 'awards', format: 'csv', filters: { status: ['missing_overdue'] } },
        'filters.status',
      );
      await bad({ kind: 'audit', format: 'csv', filters: { branchId: w.ham } }, 'filters.branchId');
      await bad({ kind: 'awards', format: 'csv', filters: { scope: { all: true } } }, 'filters.scope');
      await bad({ kind: 'awards', format: 'csv', scope: { all: true } }, 'scope');
      expect(((await admin.get(EXPORTS).expect(200)).body as ExportPage).total).toBe(0);
    });

    it('deletes files past their retention', async () => {
      const run = await exportAs(admin, { kind: 'awards', format: 'csv' });
      await t.dataSource.query(`UPDATE export_run SET expires_at = $1 WHERE id = $2`, [
        new Date(NOW.getTime() - 1000),
        run.id,
      ]);
      await admin.get(`${EXPORTS}/${run.id}`).expect(404);
      await exportAs(admin, { kind: 'awards', format: 'csv' });
      const left = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM export_file_chunk WHERE export_id = $1`,
        [run.id],
      )) as Array<{ n: number }>;
      expect(left[0].n).toBe(0);
      expect(
        ((await t.dataSource.query(`SELECT id FROM export_run WHERE id = $1`, [run.id])) as unknown[]).length,
      ).toBe(0);
    });
  });
});

describe('exports on a one-connection pool (as on embedded PGlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_MAX: '1' });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => NOW);
  });
  afterAll(() => t.close());

  it('streams a few thousand rows in batches through the one session, with the same bytes as CSV', async () => {
    await resetDatabase(t);
    const admin = await signInAsAdmin(t);
    const world = await arrangeWorld(t, admin);
    // 2,500 more people at Munich, none with the credential: 2,504 requirement rows, three cursor batches.
    await t.dataSource.query(
      `WITH s AS (
         INSERT INTO staff (employee_number, given_name, family_name, email, preferred_language, branch_id, hire_date, status, version)
         SELECT 'X' || lpad(g::text, 5, '0'), 'Bulk', 'Person ' || lpad(g::text, 5, '0'), NULL, 'de', $1, '2024-03-01', 'active', 1
           FROM generate_series(1, 2500) g
         RETURNING id)
       INSERT INTO staff_branch_period (staff_id, branch_id, valid_from) SELECT id, $1, '2024-03-01' FROM s`,
      [world.muc],
    );
    const queued = (await admin.post(EXPORTS).send({ kind: 'compliance-people', format: 'csv' }).expect(202))
      .body as ExportRun;
    await settleJobs(t);
    const run = (await admin.get(`${EXPORTS}/${queued.id}`).expect(200)).body as ExportRun;
    expect(run).toMatchObject({ status: 'ready', rowsTotal: 2504, rowsDone: 2504, percent: 100 });
    const res = await admin.get(`${EXPORTS}/${run.id}/file`).buffer(true).parse(binary).expect(200);
    const lines = csvLines(res.body as Buffer);
    expect(lines).toHaveLength(2505);
    expect(lines.filter((l) => l.includes(',Bulk,MUC,'))).toHaveLength(2500);
    expect(new Set(lines).size).toBe(2505);
  });
});

/**
 * North (Hamburg) with three people: compliant, expiring, and one whose name starts like a formula; South
 * (Munich) with one whose award expired. One company-wide rule for data protection.
 */
async function arrangeWorld(t: TestApp, admin: SignedInAgent): Promise<World> {
  const db = t.dataSource;
  const north = await makeRegion(db, { code: 'NORTH', name: 'Nord, Küste' });
  const south = await makeRegion(db, { code: 'SOUTH', name: 'Süd; Alpen' });
  const ham = (await makeBranch(db, north.id, { code: 'HAM', name: 'Hamburg' })).id;
  const muc = (await makeBranch(db, south.id, { code: 'MUC', name: 'München' })).id;
  const gdpr = await makePublishedCredential(admin, {
    title: { en: 'Data protection, basics', de: 'Datenschutz, Grundlagen' },
    validity: {
      validityMonths: 12,
      recertification: { window: { months: 2 }, expiryBasis: 'completion', fixedExpiry: null },
    },
  });
  await admin
    .post('/api/v1/compliance/rules')
    .send({
      definitionId: gdpr.id,
      jobRoleId: null,
      area: 'company',
      dueDays: 30,
      warningDays: 60,
      effectiveFrom: '2020-01-01',
    })
    .expect(201);
  const hire = async (branchId: string, givenName: string, familyName: string) =>
    (
      await admin
        .post('/api/v1/staff')
        .send(staffBody(branchId, [], { givenName, familyName }))
        .expect(201)
    ).body as StaffDetail;
  const issue = async (staffId: string, completedOn: string) =>
    (
      await admin
        .post('/api/v1/awards')
        .send({ staffId, definitionId: gdpr.id, completedOn, issuer: 'HR admin' })
        .expect(201)
    ).body as Award;
  const weiss = await hire(ham, 'Jürgen', 'Weiß');
  const obrien = await hire(ham, 'Zoë', `O'Brien, "Jr"`);
  const formula = await hire(ham, '@SUM(A1)', FORMULA_NAME);
  const wrobel = await hire(muc, 'Łukasz', 'Wróbel');
  await issue(weiss.id, '2026-10-01'); // valid until 2027-10-01: compliant
  await issue(obrien.id, '2025-12-01'); // valid until 2026-12-01: expiring, 30 days left
  await issue(wrobel.id, '2025-10-15'); // valid until 2026-10-15: expired
  return { north: north.id, south: south.id, ham, muc, gdpr, weiss, obrien, formula, wrobel };
}
