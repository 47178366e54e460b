import type { HrImportPage, ProblemDetails } from '@brevet/contracts';
import { dayIn } from '@brevet/domain';
import {
  applyImport,
  csv,
  ENGLISH_HEADER,
  historyOf,
  person,
  seedOrg,
  snapshotStaff,
  staffByNumber,
  uploadAndValidate,
} from '../../test/fixtures/hr-import/hr-import.fixtures';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

describe('HR import: dry run and apply (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;
  const today = () => dayIn(new Date(), 'Europe/Berlin');

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    await seedOrg(t.dataSource);
  });

  const upload = (content: string | Buffer, options?: { fullExport?: boolean; fileName?: string }) =>
    uploadAndValidate(t, http, content, options);
  const apply = (id: string) => applyImport(t, http, id);

  /** Boss 1000 and two reports; 1002's manager comes later in the file than 1002 itself. */
  const baseFile = () =>
    csv([
      ENGLISH_HEADER,
      person('1002', { manager_employee_number: '1000', job_role_codes: 'FORKLIFT|WAREHOUSE' }),
      person('1000', { given_name: 'Bea', branch_code: 'de-ham-01' }),
      person('1001', { manager_employee_number: '1000', hire_date: '01.02.2021', preferred_language: 'en' }),
    ]);

  it('predicts in the dry run what apply then does, and the dry run changes nothing', async () => {
    const before = await snapshotStaff(t.dataSource);
    const validated = await upload(baseFile());
    expect(validated).toMatchObject({
      status: 'validated',
      canApply: true,
      errorCount: 0,
      totalRows: 3,
      processedRows: 3,
      progress: 1,
      delimiter: ',',
      encoding: 'utf-8',
      preview: { rows: 3, created: 3, updated: 0, unchanged: 0, deactivated: 0, skipped: 0 },
      result: null,
    });
    expect(await snapshotStaff(t.dataSource)).toEqual(before);

    const applied = await apply(validated.id);
    expect(applied).toMatchObject({ status: 'applied', canApply: false, result: validated.preview });
    expect(applied.appliedAt).not.toBeNull();
    expect(await staffByNumber(t.dataSource, '1002')).toMatchObject({
      given_name: 'Anna',
      family_name: 'Person 1002',
      email: 'p1002@example.com',
      branch_code: 'DE-BER-01',
      manager_number: '1000',
      hire_date: '2020-01-15',
      status: 'active',
      version: 1,
    });
    expect(await staffByNumber(t.dataSource, '1001')).toMatchObject({
      preferred_language: 'en',
      hire_date: '2021-02-01',
      manager_number: '1000',
    });
    expect(await historyOf(t.dataSource, '1002')).toEqual({
      branches: [['DE-BER-01', '2020-01-15', 'open']],
      roles: [
        ['FORKLIFT', '2020-01-15', 'open'],
        ['WAREHOUSE', '2020-01-15', 'open'],
      ],
    });
    expect(await historyOf(t.dataSource, '1000')).toEqual({
      branches: [['DE-HAM-01', '2020-01-15', 'open']],
      roles: [['WAREHOUSE', '2020-01-15', 'open']],
    });
  });

  it('finds nothing to do when the same file comes again, and bumps no version', async () => {
    await apply((await upload(baseFile())).id);
    const before = await snapshotStaff(t.dataSource);
    const again = await upload(baseFile());
    expect(again.preview).toEqual({
      rows: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
      deactivated: 0,
      skipped: 0,
    });
    const applied = await apply(again.id);
    expect(applied.result).toEqual(again.preview);
    expect(await snapshotStaff(t.dataSource)).toEqual(before);
  });

  it('updates what changed, with history: a new branch closes the old period and opens a new one', async () => {
    await apply((await upload(baseFile())).id);
    const changed = csv([
      ENGLISH_HEADER,
      person('1002', {
        manager_employee_number: '1000',
        job_role_codes: 'FORKLIFT|WAREHOUSE',
        branch_code: 'DE-MUC-01',
      }),
      person('1000', { given_name: 'Beate', branch_code: 'DE-HAM-01' }),
      person('1001', {
        manager_employee_number: '1000',
        hire_date: '2021-02-01',
        preferred_language: 'en',
        job_role_codes: 'DRIVER|FORKLIFT',
      }),
    ]);
    const validated = await upload(changed);
    expect(validated.preview).toEqual({
      rows: 3,
      created: 0,
      updated: 3,
      unchanged: 0,
      deactivated: 0,
      skipped: 0,
    });
    const applied = await apply(validated.id);
    expect(applied.result).toEqual(validated.preview);

    expect(await historyOf(t.dataSource, '1002')).toEqual({
      branches: [
        ['DE-BER-01', '2020-01-15', today()],
        ['DE-MUC-01', today(), 'open'],
      ],
      roles: [
        ['FORKLIFT', '2020-01-15', 'open'],
        ['WAREHOUSE', '2020-01-15', 'open'],
      ],
    });
    expect(await historyOf(t.dataSource, '1001')).toEqual({
      branches: [['DE-BER-01', '2021-02-01', 'open']],
      roles: [
        ['WAREHOUSE', '2021-02-01', today()],
        ['DRIVER', today(), 'open'],
        ['FORKLIFT', today(), 'open'],
      ],
    });
    expect(await staffByNumber(t.dataSource, '1000')).toMatchObject({ given_name: 'Beate', version: 2 });
    expect(await staffByNumber(t.dataSource, '1002')).toMatchObject({ branch_code: 'DE-MUC-01', version: 2 });
  });

  it('marks people missing from a full export as left, closing their periods; a partial file leaves them', async () => {
    await apply((await upload(baseFile())).id);
    const withoutBoss = csv([
      ENGLISH_HEADER,
      person('1002', { manager_employee_number: '1000', job_role_codes: 'FORKLIFT|WAREHOUSE' }),
      person('1001', { manager_employee_number: '1000', hire_date: '01.02.2021', preferred_language: 'en' }),
    ]);
    const partial = await upload(withoutBoss, { fullExport: false });
    expect(partial.preview).toMatchObject({ unchanged: 2, deactivated: 0 });

    const full = await upload(withoutBoss, { fullExport: true });
    expect(full).toMatchObject({ fullExport: true, preview: { rows: 2, unchanged: 2, deactivated: 1 } });
    const applied = await apply(full.id);
    expect(applied.result).toEqual(full.preview);
    expect(await staffByNumber(t.dataSource, '1000')).toMatchObject({
      status: 'left',
      left_on: today(),
      version: 2,
    });
    expect(await historyOf(t.dataSource, '1000')).toEqual({
      branches: [['DE-HAM-01', '2020-01-15', today()]],
      roles: [['WAREHOUSE', '2020-01-15', today()]],
    });
    expect((await staffByNumber(t.dataSource, '1001')).version).toBe(1);
  });

  it('handles status changes: leaving, returning, and rows for unknown leavers are skipped', async () => {
    await apply((await upload(baseFile())).id);
    const file = csv([
      ENGLISH_HEADER,
      person('1002', {
        manager_employee_number: '1000',
        job_role_codes: 'FORKLIFT|WAREHOUSE',
        status: 'ausgetreten',
      }),
      person('1000', { given_name: 'Bea', branch_code: 'DE-HAM-01', status: 'beurlaubt' }),
      person('1001', { manager_employee_number: '1000', hire_date: '01.02.2021', preferred_language: 'en' }),
      person('1009', { status: 'left' }),
    ]);
    const validated = await upload(file);
    expect(validated).toMatchObject({
      status: 'validated',
      warningCount: 1,
      preview: { rows: 4, created: 0, updated: 2, unchanged: 1, skipped: 1 },
    });
    expect(validated.issues).toEqual([
      expect.objectContaining({
        row: 5,
        column: 'status',
        severity: 'warning',
        code: 'row.left_unknown_person',
      }),
    ]);
    await apply(validated.id);
    expect(await staffByNumber(t.dataSource, '1002')).toMatchObject({ status: 'left', left_on: today() });
    expect(await staffByNumber(t.dataSource, '1000')).toMatchObject({ status: 'on_leave', left_on: null });
    expect(await staffByNumber(t.dataSource, '1009')).toBeUndefined();

    const back = await upload(baseFile());
    expect(back.preview).toMatchObject({ updated: 2, unchanged: 1 });
    await apply(back.id);
    expect(await staffByNumber(t.dataSource, '1002')).toMatchObject({ status: 'active', left_on: null });
    expect(await historyOf(t.dataSource, '1002')).toEqual({
      branches: [
        ['DE-BER-01', '2020-01-15', today()],
        ['DE-BER-01', today(), 'open'],
      ],
      roles: [
        ['FORKLIFT', '2020-01-15', today()],
        ['WAREHOUSE', '2020-01-15', today()],
        ['FORKLIFT', today(), 'open'],
        ['WAREHOUSE', today(), 'open'],
      ],
    });
  });

  it('leaves attributes alone whose optional column is not in the file', async () => {
    await apply((await upload(baseFile())).id);
    const minimal = csv([
      ['employee_number', 'given_name', 'family_name', 'branch_code', 'job_role_codes', 'hire_date'],
      ['1002', 'Anna', 'Person 1002', 'DE-BER-01', 'FORKLIFT|WAREHOUSE', '2020-01-15'],
      ['1001', 'Anna', 'Person 1001', 'DE-BER-01', 'WAREHOUSE', '2021-02-01'],
    ]);
    const validated = await upload(minimal);
    expect(validated.columns).toEqual({
      employee_number: 'employee_number',
      given_name: 'given_name',
      family_name: 'family_name',
      branch_code: 'branch_code',
      job_role_codes: 'job_role_codes',
      hire_date: 'hire_date',
    });
    expect(validated.preview).toMatchObject({ rows: 2, unchanged: 2, updated: 0 });
  });

  it('refuses to apply while the file has errors, and changes nothing', async () => {
    await apply((await upload(baseFile())).id);
    const before = await snapshotStaff(t.dataSource);
    const bad = await upload(
      csv([ENGLISH_HEADER, person('1000', { given_name: 'New' }), person('1003', { branch_code: 'NOPE' })]),
    );
    expect(bad).toMatchObject({ status: 'invalid', canApply: false, errorCount: 1, preview: null });
    const res = await http.post(`/api/v1/hr-imports/${bad.id}/apply`).expect(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((res.body as ProblemDetails).code).toBe('hr_import.not_applicable');
    await settleJobs(t);
    expect(await snapshotStaff(t.dataSource)).toEqual(before);
    await http.post(`/api/v1/hr-imports/${(await upload(baseFile())).id}/apply`).expect(202);
  });

  it('fails cleanly when a branch is archived between dry run and apply, changing nothing', async () => {
    await apply((await upload(baseFile())).id);
    const before = await snapshotStaff(t.dataSource);
    const validated = await upload(
      csv([ENGLISH_HEADER, person('1000', { branch_code: 'DE-MUC-01' }), person('1005')]),
    );
    expect(validated.status).toBe('validated');
    await t.dataSource.query(`UPDATE branch SET status = 'archived' WHERE code = 'DE-MUC-01'`);
    const failed = await apply(validated.id);
    expect(failed).toMatchObject({ status: 'failed', result: null });
    expect(failed.failure).toContain('branch DE-MUC-01 was archived');
    expect(await snapshotStaff(t.dataSource)).toEqual(before);
    await http.post(`/api/v1/hr-imports/${validated.id}/apply`).expect(409);
  });

  it('lists imports newest first, pages issues, and deletes an import that is not applied', async () => {
    const first = await upload(baseFile(), { fileName: 'first.csv' });
    const second = await upload(
      csv([ENGLISH_HEADER, person('1', { hire_date: 'x' }), person('2', { email: 'y' })]),
      {
        fileName: 'second.csv',
      },
    );
    const list = (await http.get('/api/v1/hr-imports?pageSize=10').expect(200)).body as HrImportPage;
    expect(list.items.map((i) => i.fileName)).toEqual(['second.csv', 'first.csv']);
    expect(list.total).toBe(2);
    const issues = (await http.get(`/api/v1/hr-imports/${second.id}/issues?pageSize=1&page=2`).expect(200))
      .body;
    expect(issues).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ row: 3, column: 'email' }] });

    await http.delete(`/api/v1/hr-imports/${second.id}`).expect(204);
    await http.get(`/api/v1/hr-imports/${second.id}`).expect(404);
    await apply(first.id);
    const refused = await http.delete(`/api/v1/hr-imports/${first.id}`).expect(409);
    expect((refused.body as ProblemDetails).code).toBe('hr_import.busy');
    const unknown = await http.get('/api/v1/hr-imports/5c0d3a46-0000-4000-8000-000000000000').expect(404);
    expect((unknown.body as ProblemDetails).code).toBe('hr_import.not_found');
  });

  it('keeps no uploaded bytes after validation and no staged rows after apply', async () => {
    const validated = await upload(baseFile());
    const count = async (table: string) =>
      Number(
        (
          await t.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE import_id = $1`, [validated.id])
        )[0].n,
      );
    expect(await count('hr_import_chunk')).toBe(0);
    expect(await count('hr_import_row')).toBe(3);
    await apply(validated.id);
    expect(await count('hr_import_row')).toBe(0);
  });

  it('brings the compliance aggregates up to date in the background after an apply, before anyone reads them', async () => {
    const marks = async () =>
      Number((await t.dataSource.query(`SELECT count(*) AS n FROM compliance_dirty`))[0].n as string);
    await apply((await upload(baseFile())).id);
    await settleJobs(t); // the catch-up is relayed after the apply job's commit
    expect(await marks()).toBe(0);
    // Without the job, the people the import wrote stay marked until the first compliance read.
    await t.dataSource.query(`UPDATE staff SET hire_date = hire_date - 1 WHERE employee_number = '1001'`);
    expect(await marks()).toBeGreaterThan(0);
  });

  it("serves the result as CSV for Excel: BOM, the file's delimiter, counts and every issue", async () => {
    const bad = await upload(
      csv(
        [
          [...ENGLISH_HEADER, '=SUM(A1)'],
          [...person('1', { branch_code: 'X-1' }), ''],
          [...person('2', { email: 'no' }), ''],
        ],
        ';',
      ),
    );
    const res = await http
      .get(`/api/v1/hr-imports/${bad.id}/result.csv`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="staff-result.csv"');
    const text = (res.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFFImport;staff.csv\r\n')).toBe(true);
    expect(text).toContain('Status;invalid\r\nFull export;no\r\nRows;2\r\nErrors;2\r\nWarnings;1\r\n');
    const [, issues] = text.split('\r\nRow;Column;Severity;Code;Message\r\n');
    expect(issues.split('\r\n')).toEqual([
      `1;'=SUM(A1);warning;header.unknown_column;"Column ""=SUM(A1)"" is not used by the import and was ignored."`,
      `2;branch_code;error;row.unknown_branch;"Branch code ""X-1"" is unknown. Check the code in Brevet's list of branches."`,
      `3;email;error;row.invalid_email;"""no"" is not an email address."`,
      '',
    ]);
  });
});
