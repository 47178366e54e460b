import type { HrImportDetail, HrImportIssue, ProblemDetails } from '@brevet/contracts';
import {
  applyImport,
  csv,
  ENGLISH_HEADER,
  GERMAN_HEADER,
  person,
  seedOrg,
  snapshotStaff,
  staffByNumber,
  uploadAndValidate,
} from '../../test/fixtures/hr-import/hr-import.fixtures';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

/** The files people actually send: German Excel, BOMs, line breaks in cells, and every kind of mistake. */
describe('HR import: reading files and reporting problems (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    await seedOrg(t.dataSource);
    // Someone already in Brevet, so that "nothing changed" has something to protect.
    await applyImport(t, http, (await uploadAndValidate(t, http, csv([ENGLISH_HEADER, person('900')]))).id);
  });

  const upload = (content: string | Buffer, options?: { fullExport?: boolean }) =>
    uploadAndValidate(t, http, content, options);
  const issuesOf = (detail: HrImportDetail) =>
    detail.issues.map((i: HrImportIssue) => ({ row: i.row, column: i.column, code: i.code }));

  /** Uploads a bad file and proves the import is invalid, cannot be applied, and changed nothing. */
  async function rejected(
    content: string | Buffer,
    options?: { fullExport?: boolean },
  ): Promise<HrImportDetail> {
    const before = await snapshotStaff(t.dataSource);
    const detail = await upload(content, options);
    expect(detail).toMatchObject({ status: 'invalid', canApply: false, preview: null });
    expect(detail.errorCount).toBeGreaterThan(0);
    const res = await http.post(`/api/v1/hr-imports/${detail.id}/apply`).expect(409);
    expect((res.body as ProblemDetails).code).toBe('hr_import.not_applicable');
    await settleJobs(t);
    expect(await snapshotStaff(t.dataSource)).toEqual(before);
    const staged = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM hr_import_row WHERE import_id = $1`,
      [detail.id],
    );
    expect(staged[0].n).toBe(0);
    return detail;
  }

  it('reads a semicolon file from German Excel in Windows-1252, umlauts and all', async () => {
    const text = csv(
      [
        GERMAN_HEADER,
        [
          '1001',
          'Jürgen',
          'Größe-Weiß',
          'j.groesse@example.com',
          'Deutsch',
          'DE-BER-01',
          'WAREHOUSE',
          '',
          '01.03.2024',
          'aktiv',
        ],
        ['1002', 'Ödön', 'Äßler', '', 'de', 'DE-HAM-01', 'FORKLIFT', '1001', '15.08.2019', 'beurlaubt'],
      ],
      ';',
    );
    const bytes = Buffer.from(text, 'latin1');
    expect(bytes.includes(Buffer.from('ü', 'utf8'))).toBe(false); // really single-byte
    const detail = await upload(bytes);
    expect(detail).toMatchObject({
      status: 'validated',
      encoding: 'windows-1252',
      delimiter: ';',
      issues: [],
      preview: { created: 2, rows: 2 },
      columns: { employee_number: 'Personalnummer', branch_code: 'Standort', hire_date: 'Eintrittsdatum' },
    });
    await applyImport(t, http, detail.id);
    expect(await staffByNumber(t.dataSource, '1001')).toMatchObject({
      given_name: 'Jürgen',
      family_name: 'Größe-Weiß',
      hire_date: '2024-03-01',
    });
    expect(await staffByNumber(t.dataSource, '1002')).toMatchObject({
      given_name: 'Ödön',
      family_name: 'Äßler',
      email: null,
      status: 'on_leave',
      manager_number: '1001',
    });
  });

  it('reads UTF-8 with a byte-order mark (Excel\'s "CSV UTF-8")', async () => {
    const text = csv([ENGLISH_HEADER, person('1001', { family_name: 'Ñúñez-Łukasz 😀' })]);
    const detail = await upload(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    expect(detail).toMatchObject({ status: 'validated', encoding: 'utf-8-bom', issues: [] });
    expect(detail.columns?.employee_number).toBe('employee_number');
    await applyImport(t, http, detail.id);
    expect((await staffByNumber(t.dataSource, '1001')).family_name).toBe('Ñúñez-Łukasz 😀');
  });

  it('reads tab-separated files too', async () => {
    const detail = await upload(csv([ENGLISH_HEADER, person('1001')], '\t'));
    expect(detail).toMatchObject({ status: 'validated', delimiter: '\t', preview: { created: 1 } });
  });

  it('keeps line breaks and delimiters inside quoted cells, and counts rows as a spreadsheet does', async () => {
    const text = csv([
      [...ENGLISH_HEADER, 'Bemerkung'],
      [
        ...person('1001', { family_name: 'Müller, Sohn' }),
        'first line\r\nsecond line\r\nthird, "quoted" line',
      ],
      [...person('1002', { hire_date: 'gestern' }), ''],
    ]);
    expect(text.split('\r\n').length).toBeGreaterThan(5);
    const detail = await rejected(text);
    expect(issuesOf(detail)).toEqual([
      { row: 1, column: 'Bemerkung', code: 'header.unknown_column' },
      { row: 3, column: 'hire_date', code: 'row.invalid_date' },
    ]);
    const fixed = text.replace('gestern', '2024-01-01');
    const ok = await upload(fixed);
    expect(ok).toMatchObject({ status: 'validated', warningCount: 1, preview: { created: 2 } });
    await applyImport(t, http, ok.id);
    expect((await staffByNumber(t.dataSource, '1001')).family_name).toBe('Müller, Sohn');
  });

  it('reports unknown and archived branch and role codes by row and column', async () => {
    const detail = await rejected(
      csv([
        ENGLISH_HEADER,
        person('1001', { branch_code: 'DE-XXX-99' }),
        person('1002', { job_role_codes: 'WAREHOUSE|ASTRONAUT' }),
        person('1003', { branch_code: 'DE-OLD-01', job_role_codes: 'RETIRED' }),
        person('1004'),
      ]),
    );
    expect(issuesOf(detail)).toEqual([
      { row: 2, column: 'branch_code', code: 'row.unknown_branch' },
      { row: 3, column: 'job_role_codes', code: 'row.unknown_role' },
      { row: 4, column: 'branch_code', code: 'row.archived_branch' },
      { row: 4, column: 'job_role_codes', code: 'row.unknown_role' },
    ]);
    expect(detail.issues[0].message).toBe(
      'Branch code "DE-XXX-99" is unknown. Check the code in Brevet\'s list of branches.',
    );
    expect(detail.issues[1].message).toContain('"ASTRONAUT"');
  });

  it('reports both rows of a duplicate employee number', async () => {
    const detail = await rejected(
      csv([ENGLISH_HEADER, person('1001'), person('1002'), person('1001', { given_name: 'Other' })]),
    );
    expect(detail.issues).toEqual([
      expect.objectContaining({ row: 2, column: 'employee_number', code: 'row.duplicate_employee_number' }),
      expect.objectContaining({ row: 4, column: 'employee_number', code: 'row.duplicate_employee_number' }),
    ]);
    expect(detail.issues[0].message).toBe(
      'Employee number "1001" appears 2 times in this file (rows 2, 4). Each person must appear once.',
    );
  });

  it('reports a missing required column once, naming it and listing the columns found', async () => {
    const header = GERMAN_HEADER.filter((h) => h !== 'Eintrittsdatum');
    const detail = await rejected(
      csv([header, ['1001', 'A', 'B', '', '', 'DE-BER-01', 'WAREHOUSE', '', '']], ';'),
    );
    expect(detail.issues).toHaveLength(1);
    expect(detail.issues[0]).toMatchObject({ row: 1, column: null, code: 'header.missing_column' });
    expect(detail.issues[0].message).toBe(
      'Required column "hire_date" (German: "Eintrittsdatum") is missing. The header row has: ' +
        '"Personalnummer", "Vorname", "Nachname", "E-Mail", "Sprache", "Standort", "Rollen", "Vorgesetzter", "Status".',
    );
  });

  it('reports malformed dates, emails, languages, statuses and employee numbers', async () => {
    const detail = await rejected(
      csv([
        ENGLISH_HEADER,
        person('1001', { hire_date: '31.02.2024' }),
        person('1002', { email: 'anna.at.example.com' }),
        person('1003', { hire_date: '2024/03/01', email: 'x@' }),
        person('1004', { preferred_language: 'klingon', status: 'fired' }),
        person('10 05', { email: '' }),
        person('1006', { given_name: '' }),
      ]),
    );
    expect(issuesOf(detail)).toEqual([
      { row: 2, column: 'hire_date', code: 'row.invalid_date' },
      { row: 3, column: 'email', code: 'row.invalid_email' },
      { row: 4, column: 'email', code: 'row.invalid_email' },
      { row: 4, column: 'hire_date', code: 'row.invalid_date' },
      { row: 5, column: 'preferred_language', code: 'row.invalid_language' },
      { row: 5, column: 'status', code: 'row.invalid_status' },
      { row: 6, column: 'employee_number', code: 'row.invalid_employee_number' },
      { row: 7, column: 'given_name', code: 'row.required' },
    ]);
    expect(detail.issues[0].message).toBe('Date "31.02.2024" does not exist in the calendar.');
  });

  it('reports managers that exist nowhere and reporting lines that loop', async () => {
    const detail = await rejected(
      csv([
        ENGLISH_HEADER,
        person('1001', { manager_employee_number: '4711' }),
        person('1002', { manager_employee_number: '1003' }),
        person('1003', { manager_employee_number: '1002' }),
        person('1004', { manager_employee_number: '900' }),
        person('1005', { manager_employee_number: '1005' }),
      ]),
    );
    expect(issuesOf(detail)).toEqual([
      { row: 2, column: 'manager_employee_number', code: 'row.unknown_manager' },
      { row: 3, column: 'manager_employee_number', code: 'row.manager_cycle' },
      { row: 4, column: 'manager_employee_number', code: 'row.manager_cycle' },
      { row: 6, column: 'manager_employee_number', code: 'row.self_manager' },
    ]);
  });

  it('stops at a quote that is never closed, naming the row where it opens', async () => {
    const text = csv([ENGLISH_HEADER, person('1001'), person('1002')]) + '1003,"Anna,Open\r\n1004,x,y\r\n';
    const detail = await rejected(text);
    expect(issuesOf(detail)).toEqual([{ row: 4, column: null, code: 'csv.syntax' }]);
  });

  it('reports a row with more cells than the header', async () => {
    const detail = await rejected(csv([ENGLISH_HEADER, person('1001'), [...person('1002'), 'extra']]));
    expect(issuesOf(detail)).toEqual([{ row: 3, column: null, code: 'row.field_count' }]);
  });

  it.each([
    ['an empty file', '', 'file.empty', 'The file is empty.'],
    [
      'a header without people',
      csv([ENGLISH_HEADER]),
      'file.empty',
      'The file has a header row but no people.',
    ],
  ])('refuses %s', async (_label, content, code, message) => {
    const detail = await rejected(content, { fullExport: true });
    expect(detail.issues).toEqual([expect.objectContaining({ row: 0, code, message })]);
  });

  it('explains what to do with a UTF-16 ("Unicode text") file', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(csv([ENGLISH_HEADER, person('1')]), 'utf16le'),
    ]);
    const detail = await rejected(utf16);
    expect(detail).toMatchObject({ encoding: 'utf-16' });
    expect(detail.issues[0]).toMatchObject({ row: 0, code: 'file.encoding' });
    expect(detail.issues[0].message).toContain('CSV UTF-8');
  });

  it('stores at most 10,000 issues, counts them all, and says how many are not listed', async () => {
    const rows = Array.from({ length: 10_050 }, (_, i) =>
      person(String(20_000 + i), { branch_code: 'NOPE' }),
    );
    const detail = await rejected(csv([ENGLISH_HEADER, ...rows]));
    expect(detail).toMatchObject({ errorCount: 10_050 });
    const last = await http.get(`/api/v1/hr-imports/${detail.id}/issues?page=1&pageSize=1`).expect(200);
    expect(last.body).toMatchObject({ total: 10_000, items: [{ row: 0, code: 'file.too_many_issues' }] });
    expect(last.body.items[0].message).toBe(
      '51 further problems are not listed. Fix the ones shown and upload the file again.',
    );
  });

  it('answers 400 for a request without a file or with a bad fullExport flag, and stores nothing', async () => {
    const none = await http.post('/api/v1/hr-imports').field('fullExport', 'true').expect(400);
    expect((none.body as ProblemDetails).errors).toEqual([{ field: 'file', message: 'is required' }]);
    const json = await http.post('/api/v1/hr-imports').send({ file: 'x' }).expect(400);
    expect((json.body as ProblemDetails).code).toBe('validation_failed');
    const flag = await http
      .post('/api/v1/hr-imports')
      .attach('file', Buffer.from(csv([ENGLISH_HEADER, person('1')])), 'x.csv')
      .field('fullExport', 'maybe')
      .expect(400);
    expect((flag.body as ProblemDetails).errors).toEqual([
      { field: 'fullExport', message: 'must be true or false' },
    ]);
    const count = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM hr_import WHERE file_name <> 'staff.csv'`,
    );
    expect(count[0].n).toBe(0);
  });
});
