import type {
  CreateExportRequest,
  CredentialDetail,
  ExportRun,
  TrainingSessionDetail,
} from '@brevet/contracts';
import * as ExcelJS from 'exceljs';
import { agentOf, arrangeAccessWorld, type AccessWorld } from '../../test/access/access-fixtures';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { csvLines, downloadExport, exportFile } from '../../test/support/export-files';

const EXPORTS = '/api/v1/exports';

/**
 * The `training-attendance` export on the real PostgreSQL, files read back: one row per on-site session and person
 * enrolled or waiting, the session's branch within the requester's scope inside the SQL. The world
 * (test/access/access-fixtures.ts): branch X (Hamburg) with Xaver and Emma, branch Y (München) with Yvonne; a
 * branch manager of X and an HR admin.
 */
describe('training-attendance export (real PostgreSQL; CSV and XLSX read back)', () => {
  let t: TestApp;
  let world: AccessWorld;
  let hr: SignedInAgent;
  let managerX: SignedInAgent;
  let firstAid: CredentialDetail;
  let day: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const exportAs = (agent: SignedInAgent, body: CreateExportRequest) => exportFile(t, agent, body);
  const download = async (agent: SignedInAgent, run: ExportRun) => (await downloadExport(agent, run)).file;

  beforeEach(async () => {
    await resetDatabase(t);
    const admin = await signInAsAdmin(t);
    world = await arrangeAccessWorld(t, admin);
    hr = await agentOf(t, world, 'hr_admin');
    managerX = await agentOf(t, world, 'branch_manager');
    firstAid = await makePublishedCredential(admin, { title: { en: 'First aid', de: 'Erste Hilfe' } });
    const schedule = async (branchId: string, instructorStaffId: string, capacity: number) => {
      const startsAt = new Date(Date.now() + 7 * 86_400_000);
      startsAt.setUTCHours(8, 0, 0, 0);
      return (
        await admin
          .post('/api/v1/training-sessions')
          .send({
            definitionId: firstAid.id,
            branchId,
            location: 'Training room',
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
            instructorStaffId,
            capacity,
          })
          .expect(201)
      ).body as TrainingSessionDetail;
    };
    // Hamburg: Xaver takes the one seat, Emma waits. München: Yvonne.
    const atX = await schedule(world.branches.x, world.staff.y, 1);
    await admin
      .post(`/api/v1/training-sessions/${atX.id}/enrolments`)
      .send({ staffIds: [world.staff.x, world.staff.own] })
      .expect(200);
    const atY = await schedule(world.branches.y, world.staff.x, 5);
    await admin
      .post(`/api/v1/training-sessions/${atY.id}/enrolments`)
      .send({ staffIds: [world.staff.y] })
      .expect(200);
    // Both held three days ago (10:00 in Hamburg and München); Xaver attended and passed.
    const held = new Date(Date.now() - 3 * 86_400_000);
    held.setUTCHours(9, 0, 0, 0);
    await t.dataSource.query(
      `UPDATE training_session SET starts_at = $1, ends_at = $1::timestamptz + interval '4 hours'`,
      [held.toISOString()],
    );
    await t.dataSource.query(
      `UPDATE training_session_enrolment SET attended = true, passed = true WHERE staff_id = $1`,
      [world.staff.x],
    );
    day = held.toISOString().slice(0, 10);
    await settleJobs(t);
  });

  it('an HR admin gets every session with each person, their enrolment and result', async () => {
    const run = await exportAs(hr, { kind: 'training-attendance', format: 'csv', language: 'en' });
    expect(run).toMatchObject({
      status: 'ready',
      rowsTotal: 3,
      file: { name: `training-attendance-${new Date().toISOString().slice(0, 10)}.csv` },
    });
    const lines = csvLines(await download(hr, run));
    expect(lines[0]).toBe(
      'Day,From,To,Branch code,Branch,Place,Credential code,Credential,Instructor,Session,Employee number,' +
        'Family name,Given name,Enrolment,Attended,Passed,Certificate issued',
    );
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => [r[0], r[1], r[2], r[4], r[7], r[13], r[14], r[15], r[16]])).toEqual(
      expect.arrayContaining([
        [day, '10:00', '14:00', 'Hamburg', 'First aid', 'Enrolled', 'Yes', 'Yes', 'No'],
        [day, '10:00', '14:00', 'Hamburg', 'First aid', 'Waiting list', '', '', 'No'],
        [day, '10:00', '14:00', 'München', 'First aid', 'Enrolled', '', '', 'No'],
      ]),
    );
  });

  it("a branch manager's file holds their branches' sessions only; asking for another branch gives nothing", async () => {
    const csv = await exportAs(managerX, {
      kind: 'training-attendance',
      format: 'csv',
      delimiter: ';',
      language: 'de',
    });
    expect(csv).toMatchObject({ status: 'ready', rowsTotal: 2 });
    const lines = csvLines(await download(managerX, csv));
    expect(lines[0].split(';').slice(13, 17)).toEqual([
      'Anmeldung',
      'Teilgenommen',
      'Bestanden',
      'Zertifikat ausgestellt',
    ]);
    expect(lines.join('\n')).not.toContain('München');
    expect(lines.slice(1).map((l) => l.split(';')[13])).toEqual(['Angemeldet', 'Warteliste']);

    const other = await exportAs(managerX, {
      kind: 'training-attendance',
      format: 'csv',
      filters: { branchId: world.branches.y },
    });
    expect(other).toMatchObject({ status: 'ready', rowsTotal: 0 });

    const xlsx = await exportAs(managerX, { kind: 'training-attendance', format: 'xlsx', language: 'en' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(managerX, xlsx)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Training attendance');
    expect(sheet.rowCount).toBe(3);
    const first = sheet.getRow(2);
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.Date);
    expect(first.getCell(5).value).toBe('Hamburg');
    expect(first.getCell(15).value).toBe('Yes');
  });

  it('leaves out sessions before the range and refuses a range that does not fit', async () => {
    const later = await exportAs(hr, {
      kind: 'training-attendance',
      format: 'csv',
      filters: { from: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10) },
    });
    expect(later).toMatchObject({ status: 'ready', rowsTotal: 0 });
    await hr
      .post(EXPORTS)
      .send({ kind: 'training-attendance', format: 'csv', filters: { from: '2026-13-01' } })
      .expect(400);
    await hr.post(EXPORTS).send({ kind: 'training-attendance', format: 'pdf' }).expect(400);
  });
});
