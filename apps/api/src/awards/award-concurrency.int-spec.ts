import type { Award, AwardBatchResult } from '@brevet/contracts';
import { makePeople, makePublishedCredential } from '../../test/support/credential-factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

/**
 * Issuing at the same time for the same person and credential. The test app's pool has several connections
 * on the machine's PostgreSQL, so these requests really run in parallel transactions.
 */
describe('issuing concurrently (real PostgreSQL)', () => {
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
    http = await signInAsAdmin(t);
  });

  const activeCount = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM award WHERE status = 'active'`))[0].n as number;

  it('records one award when the same completion arrives many times at once', async () => {
    const { people } = await makePeople(t.dataSource, http, 1);
    const credential = await makePublishedCredential(http);
    const send = () =>
      http.post('/api/v1/awards').send({
        staffId: people[0].id,
        definitionId: credential.id,
        completedOn: '2026-01-15',
        issuer: 'HR',
      });
    const responses = await Promise.all(Array.from({ length: 10 }, send));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => (r.body as Award).id)).size).toBe(1);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM award`);
    expect(n).toBe(1);
  });

  it('keeps exactly one active award, the newest, when different completions race', async () => {
    const { people } = await makePeople(t.dataSource, http, 1);
    const credential = await makePublishedCredential(http);
    const days = ['2026-01-10', '2026-03-05', '2026-02-01', '2026-04-20', '2026-01-25', '2026-03-30'];
    const responses = await Promise.all(
      days.map((completedOn) =>
        http
          .post('/api/v1/awards')
          .send({ staffId: people[0].id, definitionId: credential.id, completedOn, issuer: 'HR' }),
      ),
    );
    // Each either went in (renewing what was there) or was refused as older than what got in first.
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(await activeCount()).toBe(1);
    const [active] = await t.dataSource.query(`SELECT issued_on::text FROM award WHERE status = 'active'`);
    expect(active.issued_on).toBe('2026-04-20');
    // Every superseded award points at the one that replaced it.
    const dangling = await t.dataSource.query(
      `SELECT id FROM award WHERE status = 'superseded' AND superseded_by_id IS NULL`,
    );
    expect(dangling).toEqual([]);
  });

  it('lets overlapping rosters run at once without doubling anyone', async () => {
    const { people } = await makePeople(t.dataSource, http, 6);
    const credential = await makePublishedCredential(http);
    const roster = (staffIds: string[]) =>
      http
        .post('/api/v1/awards/bulk')
        .send({ definitionId: credential.id, completedOn: '2026-02-02', staffIds, issuer: 'Trainer' });
    const ids = people.map((p) => p.id);
    const [a, b, c] = await Promise.all([
      roster(ids.slice(0, 4)),
      roster(ids.slice(2)),
      roster([...ids].reverse()),
    ]);
    for (const res of [a, b, c]) expect(res.status).toBe(200);
    const results = [a, b, c].map((r) => r.body as AwardBatchResult);
    expect(results.reduce((sum, r) => sum + r.counts.issued, 0)).toBe(6);
    expect(await activeCount()).toBe(6);
  });

  it('has a unique index as the last line: two active awards for one pair cannot be stored', async () => {
    const { people } = await makePeople(t.dataSource, http, 1);
    const credential = await makePublishedCredential(http);
    const first = (
      await http
        .post('/api/v1/awards')
        .send({ staffId: people[0].id, definitionId: credential.id, completedOn: '2026-01-15', issuer: 'HR' })
        .expect(201)
    ).body as Award;
    await expect(
      t.dataSource.query(
        `INSERT INTO award (staff_id, definition_id, definition_version_id, issued_on, counts_from, renewal_timing, issuer)
         SELECT staff_id, definition_id, definition_version_id, '2026-02-01', 'completion', 'first_award', 'x'
           FROM award WHERE id = $1`,
        [first.id],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'uq_award_active' } });
  });
});
