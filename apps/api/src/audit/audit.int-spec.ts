import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { permissionsFor, type AuditEntry } from '@brevet/contracts';
import { ClsService } from 'nestjs-cls';
import type { Readable } from 'node:stream';
import { resetDatabase, type TestApp, createTestApp } from '../../test/support/test-app';
import type { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { RequestContext } from '../common/request-context';
import { auditEntryHash, GENESIS_HASH, type AuditChainFields } from './audit-chain.util';
import { AuditLog, type AuditRecord } from './audit-log.service';
import { AuditService } from './audit.service';
import { runAuditVerify } from './verify-audit.command';

/** The audit log against the machine's real PostgreSQL: chain, locking, triggers, search and export. */
describe('audit log (real PostgreSQL)', () => {
  let t: TestApp;
  let log: AuditLog;
  let audit: AuditService;

  beforeAll(async () => {
    t = await createTestApp();
    log = t.app.get(AuditLog);
    audit = t.app.get(AuditService);
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t));
  afterEach(() => jest.restoreAllMocks());

  const count = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry`))[0].n as number;

  const issued = (n: number, extra: Partial<AuditRecord> = {}): AuditRecord => ({
    action: 'award.issued',
    target: { type: 'award', id: `award-${n}`, label: `Forklift B for E${100000 + n}` },
    after: { status: 'active', n },
    ...extra,
  });

  /** Changes one stored entry behind the trigger's back, as someone with the table owner's rights could. */
  async function tamper(sql: string, params: unknown[] = []): Promise<void> {
    await t.dataSource.transaction(async (m) => {
      await m.query(`ALTER TABLE audit_entry DISABLE TRIGGER tr_audit_entry_append_only`);
      await m.query(sql, params);
      await m.query(`ALTER TABLE audit_entry ENABLE TRIGGER tr_audit_entry_append_only`);
    });
  }

  /** Writes a valid chain of `n` entries in one statement (fast), for tests that need thousands. */
  async function writeChain(n: number): Promise<void> {
    const rows: Array<Record<string, unknown>> = [];
    let prevHash = GENESIS_HASH;
    for (let i = 1; i <= n; i += 1) {
      const fields: AuditChainFields = {
        sequence: String(i),
        occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
        actorUserId: null,
        actorLabel: 'system',
        action: i % 2 ? 'award.issued' : 'award.revoked',
        outcome: 'success',
        targetType: 'award',
        targetId: `a-${i}`,
        targetLabel: `Award ${i}`,
        ip: null,
        userAgent: null,
        requestId: null,
        before: null,
        after: { n: i },
        details: null,
        prevHash,
      };
      const hash = auditEntryHash(fields);
      rows.push({ ...fields, occurredAt: fields.occurredAt.toISOString(), hash });
      prevHash = hash;
    }
    await t.dataSource.query(
      `INSERT INTO audit_entry (sequence, occurred_at, actor_user_id, actor_label, action, outcome, target_type,
         target_id, target_label, ip, user_agent, request_id, before, after, details, prev_hash, hash)
       SELECT x.sequence, x."occurredAt", x."actorUserId", x."actorLabel", x.action, x.outcome, x."targetType",
              x."targetId", x."targetLabel", x.ip, x."userAgent", x."requestId", x.before, x.after, x.details,
              x."prevHash", x.hash
         FROM jsonb_to_recordset($1::jsonb) AS x(sequence bigint, "occurredAt" timestamptz, "actorUserId" uuid,
              "actorLabel" text, action text, outcome text, "targetType" text, "targetId" text, "targetLabel" text,
              ip text, "userAgent" text, "requestId" text, before jsonb, after jsonb, details jsonb,
              "prevHash" text, hash text)`,
      [JSON.stringify(rows)],
    );
  }

  async function text(stream: Readable): Promise<string> {
    let out = '';
    for await (const chunk of stream) out += String(chunk);
    return out;
  }

  describe('recording', () => {
    it('starts the chain at sequence 1 with 64 zeros as the previous hash, and links each entry to the last', async () => {
      const first = await log.record(issued(1));
      const second = await log.record(issued(2));
      expect(first).toMatchObject({ sequence: 1, prevHash: GENESIS_HASH, outcome: 'success' });
      expect(second).toMatchObject({ sequence: 2, prevHash: first.hash });
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await audit.checkChain()).toEqual({
        ok: true,
        entriesChecked: 2,
        headSequence: 2,
        headHash: second.hash,
      });
    });

    it('keeps one gap-free, valid chain when 200 entries are recorded at once over a pool of 5', async () => {
      const entries = await Promise.all(Array.from({ length: 200 }, (_, i) => log.record(issued(i))));
      expect(entries.map((e) => e.sequence).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
      const stored: Array<{ sequence: string }> = await t.dataSource.query(
        `SELECT sequence FROM audit_entry ORDER BY sequence`,
      );
      expect(stored.map((r) => Number(r.sequence))).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(await audit.checkChain()).toMatchObject({ ok: true, entriesChecked: 200, headSequence: 200 });
    });

    it('stores CR, LF and other control characters encoded, in labels and in JSON at every depth', async () => {
      await log.record({
        action: 'auth.login.succeeded',
        actor: { userId: null, label: 'Eve\r\n2026-11-28 auth.login.succeeded admin' },
        target: { type: 'user', id: 'id\n1', label: 'Anna\tMuster\u2028' },
        details: { 'attr\n': ['line1\nline2', { deep: '\u001b[31m' }], n: 1.5, big: 1e21, ok: true },
        request: { ip: '203.0.113.7', userAgent: 'curl/8\r\nX-Injected: 1', requestId: 'req-1' },
      });
      const [row] = await t.dataSource.query(
        `SELECT actor_label, target_id, target_label, user_agent, details FROM audit_entry`,
      );
      expect(row).toEqual({
        actor_label: 'Eve\\r\\n2026-11-28 auth.login.succeeded admin',
        target_id: 'id\\n1',
        target_label: 'Anna\\tMuster\\u2028',
        user_agent: 'curl/8\\r\\nX-Injected: 1',
        details: { 'attr\\n': ['line1\\nline2', { deep: '\\x1b[31m' }], n: 1.5, big: 1e21, ok: true },
      });
      const [{ raw }] = await t.dataSource.query(
        `SELECT count(*)::int AS raw FROM audit_entry
          WHERE actor_label ~ '[\\r\\n\\t]' OR target_label ~ '[\\r\\n\\t]' OR details::text ~ '[\\r\\n]'`,
      );
      expect(raw).toBe(0);
      // What was hashed is exactly what jsonb and the text columns give back.
      expect(await audit.checkChain()).toMatchObject({ ok: true, entriesChecked: 1 });
    });

    it('survives the jsonb round trip for awkward JSON (key order, numbers, unicode, nesting)', async () => {
      await log.record({
        action: 'settings.changed',
        before: { z: 1, a: [1, 2, { y: null, b: 'ü' }], ключ: '値', emoji: '👍', '': 'empty key' },
        after: { small: 1e-7, negative: -0.1, int: 9007199254740991, list: [], obj: {}, s: '\\' },
        details: ['top-level array', 3, false, null],
      });
      await log.record({ action: 'settings.changed', details: 'just text' });
      expect(await audit.checkChain()).toMatchObject({ ok: true, entriesChecked: 2 });
    });

    it('takes actor, ip, user agent and request ID from the request context, unless overridden', async () => {
      const actor: Actor = {
        userId: '6F1C2A9E-1B7D-4D3E-9A51-0C4E8B2F7A10',
        displayName: 'Anna Muster',
        email: 'anna@example.com',
        staffId: null,
        language: null,
        roles: ['hr_admin'],
        grants: [],
        permissions: new Set(permissionsFor(['hr_admin'])),
        scope: { all: true },
        sessionId: 's1',
      };
      const context = t.app.get(RequestContext);
      const [fromContext, overridden] = await t.app.get(ClsService).run(async () => {
        context.setActor(actor);
        context.setRequest({ ip: '198.51.100.4', userAgent: 'Firefox', requestId: 'req-42' });
        return [
          await log.record(issued(1)),
          await log.record({ ...issued(2), actor: { label: 'scim' }, request: { requestId: 'job-7' } }),
        ];
      });
      const system = await log.record(issued(3));
      expect(fromContext).toMatchObject({
        actor: { userId: '6f1c2a9e-1b7d-4d3e-9a51-0c4e8b2f7a10', label: 'Anna Muster' },
        ip: '198.51.100.4',
        userAgent: 'Firefox',
        requestId: 'req-42',
      });
      expect(overridden).toMatchObject({
        actor: { userId: null, label: 'scim' },
        ip: '198.51.100.4',
        requestId: 'job-7',
      });
      expect(system).toMatchObject({ actor: { userId: null, label: 'system' }, ip: null, requestId: null });
    });

    it('refuses an actor user ID that is not a UUID, and records nothing', async () => {
      await expect(log.record({ ...issued(1), actor: { userId: 'admin', label: 'x' } })).rejects.toThrow(
        /not a UUID/,
      );
      expect(await count()).toBe(0);
    });
  });

  describe('transactions', () => {
    const txHost = () => t.app.get<TransactionHost<TransactionalAdapterTypeOrm>>(TransactionHost);

    it('leaves no entry when the caller’s transaction rolls back, and no gap after it', async () => {
      await expect(
        txHost().withTransaction(async () => {
          await log.record(issued(1));
          throw new Error('the audited change failed');
        }),
      ).rejects.toThrow('the audited change failed');
      expect(await count()).toBe(0);
      expect(await log.record(issued(2))).toMatchObject({ sequence: 1, prevHash: GENESIS_HASH });
    });

    it('commits the entry together with the caller’s change', async () => {
      await txHost().withTransaction(async () => {
        await log.record(issued(1));
        await log.record(issued(2));
        // Both are visible inside the transaction, not outside it yet.
        expect((await txHost().tx.query(`SELECT count(*)::int AS n FROM audit_entry`))[0].n).toBe(2);
      });
      expect(await count()).toBe(2);
      expect(await audit.checkChain()).toMatchObject({ ok: true, entriesChecked: 2 });
    });

    it('serialises writers in separate transactions: the second waits for the first to commit', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = txHost().withTransaction(async () => {
        await log.record(issued(1));
        await held;
      });
      // Give the first transaction time to take the lock, then start a second writer.
      await new Promise((r) => setTimeout(r, 100));
      let secondDone = false;
      const second = log.record(issued(2)).then((e) => {
        secondDone = true;
        return e;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(secondDone).toBe(false);
      release();
      await first;
      expect(await second).toMatchObject({ sequence: 2 });
    });
  });

  describe('append-only in the database', () => {
    beforeEach(async () => {
      for (let i = 1; i <= 3; i += 1) await log.record(issued(i));
    });

    it.each([
      ['UPDATE', `UPDATE audit_entry SET actor_label = 'rewritten' WHERE sequence = 2`],
      ['UPDATE of nothing', `UPDATE audit_entry SET actor_label = 'x' WHERE false`],
      ['DELETE', `DELETE FROM audit_entry WHERE sequence = 3`],
      ['DELETE of everything', `DELETE FROM audit_entry`],
      ['TRUNCATE', `TRUNCATE audit_entry`],
    ])('refuses %s, whoever sends it', async (_name, sql) => {
      await expect(t.dataSource.query(sql)).rejects.toThrow(/audit_entry is append-only/);
      expect(await count()).toBe(3);
      expect(await audit.checkChain()).toMatchObject({ ok: true, entriesChecked: 3 });
    });

    it('allows TRUNCATE only where brevet.allow_audit_truncate is on (the test reset), transaction-locally', async () => {
      await t.dataSource.transaction(async (m) => {
        await m.query(`SELECT set_config('brevet.allow_audit_truncate', 'off', true)`);
        await expect(m.query(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only/);
      });
      await t.dataSource.transaction(async (m) => {
        await m.query(`SELECT set_config('brevet.allow_audit_truncate', 'on', true)`);
        await m.query(`TRUNCATE audit_entry`);
      });
      expect(await count()).toBe(0);
    });
  });

  describe('verification', () => {
    it('reports exactly the sequence of a row changed behind the trigger’s back', async () => {
      for (let i = 1; i <= 10; i += 1) await log.record(issued(i));
      await tamper(`UPDATE audit_entry SET target_label = 'quietly changed' WHERE sequence = 7`);
      expect(await audit.checkChain()).toEqual({
        ok: false,
        entriesChecked: 7,
        firstBrokenSequence: 7,
        reason: 'hash-mismatch',
      });
    });

    it('reports a change inside the JSON, and a deleted row as a gap', async () => {
      for (let i = 1; i <= 6; i += 1) await log.record(issued(i));
      await tamper(
        `UPDATE audit_entry SET after = jsonb_set(after, '{status}', '"revoked"') WHERE sequence = 5`,
      );
      expect(await audit.checkChain()).toMatchObject({
        ok: false,
        firstBrokenSequence: 5,
        reason: 'hash-mismatch',
      });
      await tamper(`DELETE FROM audit_entry WHERE sequence IN (3, 5)`);
      expect(await audit.checkChain()).toMatchObject({
        ok: false,
        firstBrokenSequence: 4,
        reason: 'sequence-gap',
      });
    });

    it('reports a row rewritten with a recomputed hash at the next entry', async () => {
      for (let i = 1; i <= 5; i += 1) await log.record(issued(i));
      const [row] = await t.dataSource.query(
        `SELECT sequence::text, occurred_at, actor_user_id, actor_label, action, outcome, target_type, target_id,
                target_label, ip, user_agent, request_id, before, after, details, prev_hash FROM audit_entry
          WHERE sequence = 2`,
      );
      const forged: AuditChainFields = {
        sequence: row.sequence,
        occurredAt: row.occurred_at,
        actorUserId: row.actor_user_id,
        actorLabel: 'Someone innocent',
        action: row.action,
        outcome: row.outcome,
        targetType: row.target_type,
        targetId: row.target_id,
        targetLabel: row.target_label,
        ip: row.ip,
        userAgent: row.user_agent,
        requestId: row.request_id,
        before: row.before,
        after: row.after,
        details: row.details,
        prevHash: row.prev_hash,
      };
      await tamper(`UPDATE audit_entry SET actor_label = $1, hash = $2 WHERE sequence = 2`, [
        forged.actorLabel,
        auditEntryHash(forged),
      ]);
      expect(await audit.checkChain()).toMatchObject({
        ok: false,
        firstBrokenSequence: 3,
        reason: 'prev-hash-mismatch',
      });
    });

    it('pages through long chains (batches of 5,000) and finds a break in a later batch', async () => {
      await writeChain(10_003);
      expect(await audit.checkChain()).toMatchObject({
        ok: true,
        entriesChecked: 10_003,
        headSequence: 10_003,
      });
      await tamper(`UPDATE audit_entry SET target_label = 'x' WHERE sequence = 5001`);
      expect(await audit.checkChain()).toEqual({
        ok: false,
        entriesChecked: 5001,
        firstBrokenSequence: 5001,
        reason: 'hash-mismatch',
      });
    });

    it('records each verification as an audit.verified entry, with its result', async () => {
      await log.record(issued(1));
      expect(await audit.verify('api')).toMatchObject({ ok: true, entriesChecked: 1, headSequence: 1 });
      await tamper(`UPDATE audit_entry SET target_label = 'x' WHERE sequence = 1`);
      expect(await audit.verify('api')).toMatchObject({ ok: false, firstBrokenSequence: 1 });
      const rows = await t.dataSource.query(
        `SELECT sequence::int, outcome, details FROM audit_entry WHERE action = 'audit.verified' ORDER BY sequence`,
      );
      expect(rows).toEqual([
        {
          sequence: 2,
          outcome: 'success',
          details: expect.objectContaining({ via: 'api', ok: true, entriesChecked: 1 }),
        },
        {
          sequence: 3,
          outcome: 'failure',
          details: expect.objectContaining({ ok: false, firstBrokenSequence: 1, reason: 'hash-mismatch' }),
        },
      ]);
    });

    it('runAuditVerify prints one line of JSON and exits 0 when intact, 1 when broken', async () => {
      await log.record(issued(1));
      const lines: string[] = [];
      expect(await runAuditVerify(t.app, (l) => lines.push(l))).toBe(0);
      await tamper(`UPDATE audit_entry SET outcome = 'failure' WHERE sequence = 1`);
      expect(await runAuditVerify(t.app, (l) => lines.push(l))).toBe(1);
      expect(lines).toHaveLength(2);
      expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
      expect(JSON.parse(lines[0])).toMatchObject({ ok: true, entriesChecked: 1 });
      expect(JSON.parse(lines[1])).toEqual({
        ok: false,
        entriesChecked: 1,
        firstBrokenSequence: 1,
        reason: 'hash-mismatch',
      });
      const [{ via }] = await t.dataSource.query(
        `SELECT details->>'via' AS via FROM audit_entry WHERE action = 'audit.verified' LIMIT 1`,
      );
      expect(via).toBe('command');
    });
  });

  describe('search', () => {
    const anna = '0b7c1f1e-8f4e-4a55-9d43-2d0a6c7b9e01';
    const ben = '9e2d4c3b-1a0f-4e8d-8c7b-6a5f4e3d2c10';
    let clockNow: Date;

    beforeEach(async () => {
      clockNow = new Date('2026-11-01T08:00:00.000Z');
      jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => clockNow);
      const at = async (iso: string, entry: AuditRecord) => {
        clockNow = new Date(iso);
        return log.record(entry);
      };
      const annaActs = { userId: anna, label: 'Anna Muster' };
      const benActs = { userId: ben, label: 'Ben Brandt' };
      await at('2026-11-01T08:00:00Z', { ...issued(1), actor: annaActs });
      await at('2026-11-02T09:00:00Z', { ...issued(2), actor: benActs });
      await at('2026-11-03T10:00:00Z', {
        action: 'award.revoked',
        actor: annaActs,
        target: { type: 'award', id: 'award-1', label: 'Forklift B for E100001' },
      });
      await at('2026-11-04T11:00:00Z', {
        action: 'auth.login.failed',
        outcome: 'failure',
        actor: { userId: null, label: 'unknown@example.com' },
      });
      await at('2026-11-05T12:00:00Z', {
        action: 'auth.access-denied',
        outcome: 'denied',
        actor: benActs,
        target: { type: 'route', id: 'GET /api/v1/audit', label: '100%_match\nsecond line' },
      });
      for (let i = 0; i < 7; i += 1) {
        await at(`2026-11-06T0${i}:00:00Z`, { action: 'staff.changed', actor: { label: 'scim' } });
      }
    });

    const sequences = (entries: AuditEntry[]) => entries.map((e) => e.sequence);

    it('pages newest first by default, and oldest first on request', async () => {
      const first = await audit.search({ pageSize: 5 });
      expect(first).toMatchObject({ total: 12, page: 1, pageSize: 5 });
      expect(sequences(first.items)).toEqual([12, 11, 10, 9, 8]);
      const third = await audit.search({ pageSize: 5, page: 3 });
      expect(sequences(third.items)).toEqual([2, 1]);
      const beyond = await audit.search({ pageSize: 5, page: 4 });
      expect(beyond).toMatchObject({ items: [], total: 12 });
      const oldest = await audit.search({ pageSize: 3, sort: 'sequence' });
      expect(sequences(oldest.items)).toEqual([1, 2, 3]);
    });

    it('filters by one or several actions, actor, target, outcome and time', async () => {
      expect(sequences((await audit.search({ action: ['award.revoked'] })).items)).toEqual([3]);
      expect(sequences((await audit.search({ action: ['award.issued', 'award.revoked'] })).items)).toEqual([
        3, 2, 1,
      ]);
      expect(sequences((await audit.search({ actorUserId: anna })).items)).toEqual([3, 1]);
      expect(sequences((await audit.search({ actorUserId: ben.toUpperCase() })).items)).toEqual([5, 2]);
      expect(sequences((await audit.search({ targetType: 'award', targetId: 'award-1' })).items)).toEqual([
        3, 1,
      ]);
      expect(sequences((await audit.search({ outcome: 'denied' })).items)).toEqual([5]);
      expect(sequences((await audit.search({ outcome: 'failure' })).items)).toEqual([4]);
      expect(
        sequences((await audit.search({ from: '2026-11-02', to: '2026-11-04T11:00:00Z' })).items),
      ).toEqual([3, 2]);
      expect(sequences((await audit.search({ from: '2026-11-04T11:00:00' })).items)).toHaveLength(9);
      expect(
        sequences(
          (await audit.search({ action: ['staff.changed'], from: '2026-11-06T03:00:00Z', pageSize: 2 }))
            .items,
        ),
      ).toEqual([12, 11]);
    });

    it('finds free text in actor and target labels, case-insensitively, with % and _ taken literally', async () => {
      expect(sequences((await audit.search({ q: 'forklift b for e100001' })).items)).toEqual([3, 1]);
      expect(sequences((await audit.search({ q: 'brandt' })).items)).toEqual([5, 2]);
      expect(sequences((await audit.search({ q: '100%_' })).items)).toEqual([5]);
      expect((await audit.search({ q: '%' })).total).toBe(1);
      // Stored text is encoded, and so is the search text: a line break matches the stored escape.
      expect(sequences((await audit.search({ q: 'match\nsecond' })).items)).toEqual([5]);
      expect((await audit.search({ q: 'nobody' })).total).toBe(0);
    });

    it('returns entries as the contract describes them', async () => {
      const [entry] = (await audit.search({ action: ['auth.access-denied'] })).items;
      expect(entry).toEqual({
        sequence: 5,
        occurredAt: '2026-11-05T12:00:00.000Z',
        actor: { userId: ben, label: 'Ben Brandt' },
        action: 'auth.access-denied',
        outcome: 'denied',
        target: { type: 'route', id: 'GET /api/v1/audit', label: '100%_match\\nsecond line' },
        ip: null,
        userAgent: null,
        requestId: null,
        before: null,
        after: null,
        details: null,
        prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });
  });

  describe('CSV export', () => {
    it('writes UTF-8 with BOM, RFC 4180 quoting, neutralised formulas, one line per entry', async () => {
      await log.record({
        action: 'award.issued',
        actor: { label: '=HYPERLINK("http://evil.example","click")' },
        target: { type: 'award', id: 'a-1', label: 'Muster, Anna "Anni"' },
      });
      await log.record({
        action: 'auth.login.failed',
        outcome: 'failure',
        actor: { label: '+cmd|calc' },
        target: { type: 'user', id: '-1', label: '@SUM(A1)\r\nforged line' },
        details: { reason: 'bad password', tab: '\tlead' },
      });
      const { fileName, content } = await audit.exportCsv({ sort: 'sequence' });
      expect(fileName).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await text(content);
      expect(csv.startsWith('\uFEFFsequence,occurred_at,actor_user_id,actor,action,outcome,')).toBe(true);
      const lines = csv.slice(1).split('\r\n');
      // Header, two entries, the export's own entry, and the empty string after the last CRLF.
      expect(lines).toHaveLength(5);
      expect(lines[4]).toBe('');
      expect(csv).not.toMatch(/[^\r]\n/);
      expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",award.issued,success,`);
      expect(lines[1]).toContain(`,award,a-1,"Muster, Anna ""Anni""",`);
      expect(lines[2]).toContain(
        `,'+cmd|calc,auth.login.failed,failure,user,'-1,'@SUM(A1)\\r\\nforged line,`,
      );
      expect(lines[2]).toContain(`"{""reason"":""bad password"",""tab"":""\\\\tlead""}"`);
      expect(lines[3]).toMatch(/^3,.*,system,export\.created,success,audit,,Audit log,/);
    });

    it('applies the filters, holds the log as of the export, and records the export with its filters', async () => {
      for (let i = 1; i <= 4; i += 1) await log.record(issued(i));
      await log.record({ action: 'award.revoked', target: { type: 'award', id: 'award-1' } });
      const { content } = await audit.exportCsv({ action: ['award.issued'], targetId: 'award-2' });
      // Recorded after the export began: not in the file.
      await log.record(issued(2));
      const lines = (await text(content)).split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^2,/);
      const [recorded] = await t.dataSource.query(
        `SELECT sequence::int, details FROM audit_entry WHERE action = 'export.created'`,
      );
      expect(recorded).toEqual({
        sequence: 6,
        details: {
          format: 'csv',
          filters: { action: ['award.issued'], targetId: 'award-2' },
          sort: 'newest first',
        },
      });
    });

    it('streams long logs batch by batch (keyset pages of 5,000), newest first', async () => {
      await writeChain(5_002);
      const csv = await text((await audit.exportCsv({})).content);
      const lines = csv.split('\r\n').filter(Boolean);
      // Header, the export's own entry (5,003), then every entry from 5,002 down to 1.
      expect(lines).toHaveLength(1 + 5_003);
      const seqs = lines.slice(1).map((l) => Number(l.split(',')[0]));
      expect(seqs[0]).toBe(5_003);
      expect(seqs[seqs.length - 1]).toBe(1);
      expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1] - 1)).toBe(true);
    });
  });
});
