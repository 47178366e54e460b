import type {
  Award,
  AwardBatchResult,
  CredentialDetail,
  ProblemDetails,
  StaffDetail,
} from '@brevet/contracts';
import { credentialBody, makePeople, makePublishedCredential } from '../../test/support/credential-factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

const NOW = new Date('2026-11-01T10:00:00Z');

/** Rosters and CSV imports: everything is checked first; a batch with any error changes nothing. */
describe('awarding in bulk (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;
  let people: StaffDetail[];
  let forklift: CredentialDetail;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => NOW);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    people = (await makePeople(t.dataSource, http, 5)).people;
    forklift = await makePublishedCredential(http, { code: 'FORKLIFT' });
    // Renewed on the expiry basis: for the history file below.
    await makePublishedCredential(http, {
      code: 'FIRST-AID',
      validity: {
        validityMonths: 24,
        recertification: { window: { months: 3 }, expiryBasis: 'expiry', fixedExpiry: null },
      },
    });
  });

  /** Every award row, to prove that a refused batch changed nothing. */
  const snapshot = () =>
    t.dataSource.query(`SELECT id, status, superseded_by_id FROM award ORDER BY id`) as Promise<unknown[]>;

  describe('a roster', () => {
    const roster = (staffIds: string[], extra: object = {}) =>
      http.post('/api/v1/awards/bulk').send({
        definitionId: forklift.id,
        completedOn: '2026-10-20',
        staffIds,
        issuer: 'Trainer Meyer',
        ...extra,
      });

    it('issues to everyone at once, renewing current awards, and is harmless to send again', async () => {
      const old = (
        await http
          .post('/api/v1/awards')
          .send({ staffId: people[0].id, definitionId: forklift.id, completedOn: '2025-11-01', issuer: 'HR' })
          .expect(201)
      ).body as Award;
      const result = (
        await roster(
          people.map((p) => p.id),
          { assessmentResult: { passed: true } },
        ).expect(200)
      ).body as AwardBatchResult;
      expect(result).toMatchObject({
        dryRun: false,
        applied: true,
        errorCount: 0,
        counts: { items: 5, issued: 4, renewed: 1, unchanged: 0 },
        file: null,
      });
      expect(result.items[0]).toMatchObject({
        index: 0,
        staffId: people[0].id,
        outcome: 'renew',
        supersedesId: old.id,
        validUntil: '2027-10-20',
        countsFrom: 'completion',
      });
      const awards = await t.dataSource.query(
        `SELECT status, source, issuer, count(*)::int AS n FROM award GROUP BY 1, 2, 3 ORDER BY 1, 2`,
      );
      expect(awards).toEqual([
        { status: 'active', source: 'bulk', issuer: 'Trainer Meyer', n: 5 },
        { status: 'superseded', source: 'single', issuer: 'HR', n: 1 },
      ]);

      const again = (await roster(people.map((p) => p.id)).expect(200)).body as AwardBatchResult;
      expect(again.counts).toEqual({ items: 5, issued: 0, renewed: 0, unchanged: 5 });
      expect(again.items.map((i) => i.awardId)).toEqual(result.items.map((i) => i.awardId));
    });

    it('issues nothing when any person cannot get it, and names each position', async () => {
      await http
        .patch(`/api/v1/staff/${people[2].id}`)
        .send({ status: 'left', effectiveFrom: '2026-09-01' })
        .expect(200);
      const before = await snapshot();
      const unknown = '00000000-0000-4000-8000-000000000000';
      const res = await roster([people[0].id, people[1].id, people[2].id, unknown, people[1].id]).expect(422);
      expect(res.body as ProblemDetails).toMatchObject({
        code: 'award.batch_rejected',
        errors: [
          { field: 'staffIds.2', message: expect.stringContaining('has left') },
          { field: 'staffIds.3', message: expect.stringContaining(unknown) },
          { field: 'staffIds.4', message: expect.stringContaining('positions 1 and 4') },
        ],
      });
      expect(await snapshot()).toEqual(before);

      // The dry run shows the same problems with their codes, and the plan for everyone else.
      const dry = (await roster([people[0].id, people[2].id, unknown], { dryRun: true }).expect(200))
        .body as AwardBatchResult;
      expect(dry).toMatchObject({
        dryRun: true,
        applied: false,
        errorCount: 2,
        counts: { items: 3, issued: 1 },
      });
      expect(dry.issues.map((i) => [i.index, i.code])).toEqual([
        [1, 'row.staff_left'],
        [2, 'row.unknown_staff'],
      ]);
      expect(dry.items).toMatchObject([
        { index: 0, outcome: 'issue', validUntil: '2027-10-20', awardId: null },
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an unpublished credential, a future day and a failed assessment as a whole', async () => {
      const draft = (await http.post('/api/v1/credentials').send(credentialBody()).expect(201))
        .body as CredentialDetail;
      const unpublished = await roster([people[0].id], { definitionId: draft.id }).expect(422);
      expect((unpublished.body as ProblemDetails).errors?.[0].message).toContain('not been published');
      const future = await roster([people[0].id], { completedOn: '2026-12-01' }).expect(422);
      expect((future.body as ProblemDetails).errors?.[0].message).toContain('future');
      await roster([people[0].id], { assessmentResult: { passed: false } }).expect(400);
      await roster([]).expect(400);
      await roster(['nope']).expect(400);
      expect(await snapshot()).toEqual([]);
    });
  });

  describe('a CSV file', () => {
    const upload = (content: string | Buffer, fields: Record<string, string> = { issuer: 'LMS export' }) => {
      let req = http.post('/api/v1/awards/import');
      for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
      return req.attach(
        'file',
        Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
        'awards.csv',
      );
    };
    const number = (i: number) => people[i].employeeNumber;

    it('imports a German Excel file (semicolons, Windows-1252, DD.MM.YYYY, decimal commas)', async () => {
      const text = [
        'Personalnummer;Nachweis;Abschlussdatum;Ergebnis;Bemerkung',
        `${number(0)};forklift;15.10.2026;87,5;gut gemacht`,
        `${number(1)};FIRST-AID;01.03.2025;;Übung`,
        `${number(1)};FORKLIFT;2026-10-01;100;`,
        ';;;;',
      ].join('\r\n');
      const res = await upload(Buffer.from(text, 'latin1')).expect(200);
      const result = res.body as AwardBatchResult;
      expect(result).toMatchObject({
        applied: true,
        errorCount: 0,
        warningCount: 1,
        counts: { items: 3, issued: 3, renewed: 0, unchanged: 0 },
        file: { name: 'awards.csv', encoding: 'windows-1252', delimiter: ';' },
      });
      expect(result.issues).toEqual([
        expect.objectContaining({
          row: 1,
          column: 'Bemerkung',
          severity: 'warning',
          code: 'header.unknown_column',
        }),
      ]);
      const rows = await t.dataSource.query(
        `SELECT s.employee_number, d.code, a.issued_on::text, a.valid_until::text, a.assessment_result, a.source
           FROM award a JOIN staff s ON s.id = a.staff_id JOIN credential_definition d ON d.id = a.definition_id
          ORDER BY 1, 2`,
      );
      expect(rows).toEqual([
        {
          employee_number: number(0),
          code: 'FORKLIFT',
          issued_on: '2026-10-15',
          valid_until: '2027-10-15',
          assessment_result: { score: 87.5, passed: true },
          source: 'import',
        },
        {
          employee_number: number(1),
          code: 'FIRST-AID',
          issued_on: '2025-03-01',
          valid_until: '2027-03-01',
          assessment_result: null,
          source: 'import',
        },
        {
          employee_number: number(1),
          code: 'FORKLIFT',
          issued_on: '2026-10-01',
          valid_until: '2027-10-01',
          assessment_result: { score: 100, passed: true },
          source: 'import',
        },
      ]);

      // The same file again changes nothing.
      const again = (await upload(Buffer.from(text, 'latin1')).expect(200)).body as AwardBatchResult;
      expect(again.counts).toEqual({ items: 3, issued: 0, renewed: 0, unchanged: 3 });
    });

    it('records a history in one file: older completions are superseded by newer ones, oldest first', async () => {
      const csv = [
        'employee_number,credential_code,completed_on',
        `${number(0)},FIRST-AID,2026-08-20`,
        `${number(0)},FIRST-AID,2022-09-01`,
        `${number(0)},FIRST-AID,2024-08-01`,
      ].join('\n');
      const result = (await upload(csv).expect(200)).body as AwardBatchResult;
      expect(result.items.map((i) => [i.row, i.outcome, i.timing, i.countsFrom, i.validUntil])).toEqual([
        [2, 'renew', 'inside_window', 'previous_expiry', '2028-09-01'],
        [3, 'issue', 'first_award', 'completion', '2024-09-01'],
        [4, 'renew', 'inside_window', 'previous_expiry', '2026-09-01'],
      ]);
      const chain = await t.dataSource.query(
        `SELECT a.issued_on::text, a.status, n.issued_on::text AS superseded_by, r.issued_on::text AS renewal_of
           FROM award a LEFT JOIN award n ON n.id = a.superseded_by_id LEFT JOIN award r ON r.id = a.renewal_of_id
          ORDER BY a.issued_on`,
      );
      expect(chain).toEqual([
        { issued_on: '2022-09-01', status: 'superseded', superseded_by: '2024-08-01', renewal_of: null },
        {
          issued_on: '2024-08-01',
          status: 'superseded',
          superseded_by: '2026-08-20',
          renewal_of: '2022-09-01',
        },
        { issued_on: '2026-08-20', status: 'active', superseded_by: null, renewal_of: '2024-08-01' },
      ]);
      const indices = await t.dataSource.query(
        `SELECT count(DISTINCT status_list_index)::int AS n FROM award`,
      );
      expect(indices[0].n).toBe(3);
    });

    it('reports every problem by row and column, and imports nothing', async () => {
      await http
        .post('/api/v1/awards')
        .send({ staffId: people[3].id, definitionId: forklift.id, completedOn: '2026-09-01', issuer: 'HR' })
        .expect(201);
      const before = await snapshot();
      const csv = [
        'employee_number;credential_code;completed_on;score',
        `${number(0)};FORKLIFT;2026-10-01;80`, // fine on its own
        `999999;FORKLIFT;2026-10-01;`, // unknown person
        `${number(1)};FORKLIFT-X;2026-10-01;`, // unknown credential
        `${number(2)};FORKLIFT;31.02.2026;`, // no such day
        `${number(2)};FIRST-AID;2026-10-01;120`, // score out of range
        `${number(0)};forklift;2026-10-01;`, // the same as row 2
        `${number(3)};FORKLIFT;2026-08-01;`, // older than the award they hold
        `${number(4)};FORKLIFT;2026-11-15;`, // in the future
        `${number(4)};;2026-10-01;`, // code missing
      ].join('\n');
      const res = await upload(csv).expect(422);
      const problem = res.body as ProblemDetails;
      expect(problem.code).toBe('award.batch_rejected');
      expect(problem.errors?.map((e) => e.field)).toEqual([
        'rows.3.employee_number',
        'rows.4.credential_code',
        'rows.5.completed_on',
        'rows.6.score',
        'rows.7',
        'rows.8.completed_on',
        'rows.9.completed_on',
        'rows.10.credential_code',
      ]);
      expect(problem.errors?.[0].message).toContain('Employee number "999999" is unknown');
      expect(problem.errors?.[4].message).toContain('Row 2 already records');
      expect(await snapshot()).toEqual(before);

      const dry = (await upload(csv, { issuer: 'LMS', dryRun: 'true' }).expect(200)).body as AwardBatchResult;
      expect(dry.issues.map((i) => [i.row, i.code])).toEqual([
        [3, 'row.unknown_staff'],
        [4, 'row.unknown_credential'],
        [5, 'row.invalid_date'],
        [6, 'row.invalid_score'],
        [7, 'row.duplicate'],
        [8, 'row.newer_award_exists'],
        [9, 'row.completed_in_future'],
        [10, 'row.required'],
      ]);
      expect(dry).toMatchObject({ applied: false, errorCount: 8, counts: { items: 9, issued: 1 } });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses files it cannot use, with a reason', async () => {
      const missing = (
        await upload('employee_number;completed_on\n1;2026-01-01', { issuer: 'x', dryRun: 'true' }).expect(
          200,
        )
      ).body as AwardBatchResult;
      expect(missing.issues).toMatchObject([
        { row: 1, code: 'header.missing_column', message: expect.stringContaining('Nachweis') },
      ]);
      const empty = (await upload('', { issuer: 'x', dryRun: 'true' }).expect(200)).body as AwardBatchResult;
      expect(empty.issues.map((i) => i.code)).toEqual(['file.empty']);
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('employee_number', 'utf16le')]);
      expect(
        ((await upload(utf16, { issuer: 'x', dryRun: 'true' }).expect(200)).body as AwardBatchResult)
          .issues[0].code,
      ).toBe('file.encoding');
      await upload('employee_number;credential_code;completed_on\n', {}).expect(400);
      await http.post('/api/v1/awards/import').send({ file: 'x' }).expect(400);
      const big = await upload(Buffer.alloc(2 * 1024 * 1024 + 10, 0x41)).expect(413);
      expect((big.body as ProblemDetails).code).toBe('award.import_too_large');
      expect(await snapshot()).toEqual([]);
    });
  });
});
