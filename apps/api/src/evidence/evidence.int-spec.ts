import {
  EVIDENCE_MAX_BYTES,
  type AuditPage,
  type Award,
  type Evidence,
  type EvidencePage,
  type EvidenceCredentialOption,
  type MyCredentials,
  type MyEvidencePage,
  type ProblemDetails,
} from '@brevet/contracts';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { agentOf, arrangeAccessWorld, monthAgo, type AccessWorld } from '../../test/access/access-fixtures';
import { agentFor, createTestUser, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { credentialBody, makePng } from '../../test/support/credential-factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';

/** A small but well-formed PDF (header, one object, trailer, end marker). */
function makePdf(text = 'Certificate'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Title (${text}) >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

interface Upload {
  definitionId: string;
  issuedOn?: string;
  expiresOn?: string;
  note?: string;
  staffId?: string;
  file?: Buffer;
  fileName?: string;
  contentType?: string;
}

/** Sends a multipart upload the way a browser's form does. */
function upload(agent: SignedInAgent, path: string, u: Upload) {
  const req = agent
    .post(path)
    .field('definitionId', u.definitionId)
    .field('issuedOn', u.issuedOn ?? daysAgo(10));
  if (u.expiresOn) req.field('expiresOn', u.expiresOn);
  if (u.note) req.field('note', u.note);
  if (u.staffId) req.field('staffId', u.staffId);
  return req.attach('file', u.file ?? makePdf(), {
    filename: u.fileName ?? 'certificate.pdf',
    contentType: u.contentType ?? 'application/pdf',
  });
}

/**
 * Evidence and approval on the real PostgreSQL: who may submit, see, download, approve, reject and withdraw,
 * the file checks, and what an approval issues. The world (test/access/access-fixtures.ts): branch X (region
 * North) with Xaver and the employee Emma, branch Y (South) with Yvonne; a branch manager of X, a regional
 * manager of North, an auditor and an HR admin.
 */
describe('evidence and approval (real PostgreSQL)', () => {
  let t: TestApp;
  let world: AccessWorld;
  let admin: SignedInAgent;
  let employee: SignedInAgent;
  let managerX: SignedInAgent;
  let regional: SignedInAgent;
  let credentialId: string;
  let secondCredentialId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    world = await arrangeAccessWorld(t, admin);
    employee = await agentOf(t, world, 'employee');
    managerX = await agentOf(t, world, 'branch_manager');
    regional = await agentOf(t, world, 'regional_manager');
    // Credentials nobody holds yet, so that approving issues a first award.
    const create = async () => {
      const created = (await admin.post('/api/v1/credentials').send(credentialBody()).expect(201)).body as {
        id: string;
      };
      await admin.post(`/api/v1/credentials/${created.id}/publish`).expect(200);
      return created.id;
    };
    credentialId = await create();
    secondCredentialId = await create();
  });

  const evidenceCount = async () =>
    ((await t.dataSource.query(`SELECT count(*)::int AS n FROM evidence`)) as Array<{ n: number }>)[0].n;
  const awardsOf = async (staffId: string, definitionId: string) =>
    (await t.dataSource.query(
      `SELECT id, issued_on::text, evidence_id, status FROM award WHERE staff_id = $1 AND definition_id = $2`,
      [staffId, definitionId],
    )) as Array<{ id: string; issued_on: string; evidence_id: string | null; status: string }>;

  /** Evidence about Yvonne in branch Y, submitted by the HR admin. */
  const evidenceInY = async () =>
    (
      await upload(admin, '/api/v1/evidence', { definitionId: credentialId, staffId: world.staff.y }).expect(
        201,
      )
    ).body as Evidence;

  it('lets an employee submit a certificate for themself, see it and download it as an attachment', async () => {
    const pdf = makePdf('Erste Hilfe');
    const res = await upload(employee, '/api/v1/me/evidence', {
      definitionId: credentialId,
      issuedOn: daysAgo(20),
      expiresOn: daysAgo(-700),
      note: 'Course at the Red Cross',
      file: pdf,
      fileName: 'C:\\Users\\emma\\Erste Hilfe\u202e.pdf',
    }).expect(201);
    const evidence = res.body as Evidence;
    expect(evidence).toMatchObject({
      status: 'pending',
      staff: { id: world.staff.own, branchId: world.branches.x },
      credential: { id: credentialId },
      issuedOn: daysAgo(20),
      expiresOn: daysAgo(-700),
      note: 'Course at the Red Cross',
      file: {
        name: 'Erste Hilfe.pdf',
        mediaType: 'application/pdf',
        size: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        url: `/api/v1/evidence/${evidence.id}/file`,
      },
      submittedBy: { userId: world.users.employee },
      decidedBy: null,
      awardId: null,
      allowed: { approve: false, reject: false, withdraw: true },
    });

    const mine = (await employee.get('/api/v1/me/evidence').expect(200)).body as MyEvidencePage;
    expect(mine.staffId).toBe(world.staff.own);
    expect(mine.items.map((e) => e.id)).toEqual([evidence.id]);
    await employee.get(`/api/v1/evidence/${evidence.id}`).expect(200);

    const file = await employee
      .get(evidence.file.url)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Erste Hilfe.pdf"; filename*=UTF-8''Erste%20Hilfe.pdf`,
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(file.headers['cache-control']).toBe('private, no-store');
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
  });

  it('offers every published credential to employees, who have no catalogue access', async () => {
    const options = (await employee.get('/api/v1/me/evidence/credentials').expect(200))
      .body as EvidenceCredentialOption[];
    expect(options.map((o) => o.id)).toEqual(
      expect.arrayContaining([world.credentialId, credentialId, secondCredentialId]),
    );
    const draft = (await admin.post('/api/v1/credentials').send(credentialBody()).expect(201)).body as {
      id: string;
    };
    const again = (await employee.get('/api/v1/me/evidence/credentials').expect(200))
      .body as EvidenceCredentialOption[];
    expect(again.map((o) => o.id)).not.toContain(draft.id);
    // …and nothing can be submitted for a draft.
    const res = await upload(employee, '/api/v1/me/evidence', { definitionId: draft.id }).expect(409);
    expect((res.body as ProblemDetails).code).toBe('evidence.credential_not_published');
  });

  it("approving issues the award from the certificate's date, in the person's own list, audited", async () => {
    const submitted = (
      await upload(employee, '/api/v1/me/evidence', {
        definitionId: credentialId,
        issuedOn: daysAgo(40),
      }).expect(201)
    ).body as Evidence;
    const inbox = (await managerX.get('/api/v1/evidence').expect(200)).body as EvidencePage;
    const item = inbox.items.find((e) => e.id === submitted.id);
    expect(item?.allowed).toEqual({ approve: true, reject: true, withdraw: false });

    const approved = (await managerX.post(`/api/v1/evidence/${submitted.id}/approve`).expect(200))
      .body as Evidence;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { userId: world.users.branch_manager } });
    expect(approved.awardId).not.toBeNull();
    const award = (await admin.get(`/api/v1/awards/${approved.awardId}`).expect(200)).body as Award;
    expect(award).toMatchObject({
      staff: { id: world.staff.own },
      credential: { id: credentialId },
      issuedOn: daysAgo(40),
      evidenceId: submitted.id,
      recordStatus: 'active',
    });
    const mine = (await employee.get('/api/v1/me/credentials').expect(200)).body as MyCredentials;
    expect(mine.items.map((i) => i.awardId)).toContain(approved.awardId);
    // The inbox lists pending evidence: the approved one is gone from it, but findable.
    const after = (await managerX.get('/api/v1/evidence').expect(200)).body as EvidencePage;
    expect(after.items.map((e) => e.id)).not.toContain(submitted.id);
    const all = (await managerX.get('/api/v1/evidence?status=approved').expect(200)).body as EvidencePage;
    expect(all.items.map((e) => e.id)).toEqual([submitted.id]);

    const audit = (await admin.get(`/api/v1/audit?targetId=${submitted.id}&sort=sequence`).expect(200))
      .body as AuditPage;
    expect(audit.items.map((e) => [e.action, e.actor.userId])).toEqual([
      ['evidence.submitted', world.users.employee],
      ['evidence.approved', world.users.branch_manager],
    ]);
    const issued = (await admin.get(`/api/v1/audit?targetId=${approved.awardId}`).expect(200))
      .body as AuditPage;
    expect(issued.items.map((e) => e.action)).toEqual(['award.issued']);
  });

  it('rejects with a reason the employee reads, and a decided item cannot be decided again', async () => {
    const submitted = (
      await upload(employee, '/api/v1/me/evidence', { definitionId: credentialId }).expect(201)
    ).body as Evidence;
    await managerX.post(`/api/v1/evidence/${submitted.id}/reject`).send({ reason: '  ' }).expect(400);
    const rejected = (
      await managerX
        .post(`/api/v1/evidence/${submitted.id}/reject`)
        .send({ reason: 'The scan is cut off. Please send all pages.' })
        .expect(200)
    ).body as Evidence;
    expect(rejected).toMatchObject({
      status: 'rejected',
      rejectReason: 'The scan is cut off. Please send all pages.',
    });
    const mine = (await employee.get('/api/v1/me/evidence').expect(200)).body as MyEvidencePage;
    expect(mine.items[0]).toMatchObject({
      id: submitted.id,
      status: 'rejected',
      rejectReason: rejected.rejectReason,
    });

    for (const action of ['approve', 'reject']) {
      const res = await regional
        .post(`/api/v1/evidence/${submitted.id}/${action}`)
        .send({ reason: 'again' })
        .expect(409);
      expect((res.body as ProblemDetails).code).toBe('evidence.not_pending');
    }
    expect(await awardsOf(world.staff.own, credentialId)).toEqual([]);
    const audit = (await admin.get(`/api/v1/audit?targetId=${submitted.id}&sort=sequence`).expect(200))
      .body as AuditPage;
    expect(audit.items.map((e) => [e.action, e.actor.userId, e.details])).toEqual([
      ['evidence.submitted', world.users.employee, { for: 'self' }],
      [
        'evidence.rejected',
        world.users.branch_manager,
        expect.objectContaining({ reason: 'The scan is cut off. Please send all pages.' }),
      ],
    ]);
    // Rejected: a new file can be sent.
    await upload(employee, '/api/v1/me/evidence', { definitionId: credentialId }).expect(201);
  });

  it('lets the submitter withdraw pending evidence, and nobody else', async () => {
    const submitted = (
      await upload(employee, '/api/v1/me/evidence', { definitionId: credentialId }).expect(201)
    ).body as Evidence;
    // A second file for the same certificate while one waits is refused.
    const twice = await upload(employee, '/api/v1/me/evidence', { definitionId: credentialId }).expect(409);
    expect((twice.body as ProblemDetails).code).toBe('evidence.already_pending');
    // The manager may see it, but did not submit it: for withdrawing, it does not exist.
    await managerX.post(`/api/v1/evidence/${submitted.id}/withdraw`).expect(404);
    const withdrawn = (await employee.post(`/api/v1/evidence/${submitted.id}/withdraw`).expect(200))
      .body as Evidence;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', decidedBy: { userId: world.users.employee } });
    await employee.post(`/api/v1/evidence/${submitted.id}/withdraw`).expect(409);
    await managerX.post(`/api/v1/evidence/${submitted.id}/approve`).expect(409);
    const audit = (await admin.get(`/api/v1/audit?targetId=${submitted.id}&sort=sequence`).expect(200))
      .body as AuditPage;
    expect(audit.items.map((e) => e.action)).toEqual(['evidence.submitted', 'evidence.withdrawn']);
  });

  describe('scope: a manager of branch X and branch Y', () => {
    it("cannot list, see, download, approve or reject Y's evidence: 404 like an unknown ID", async () => {
      const inY = await evidenceInY();
      const inX = (
        await upload(admin, '/api/v1/evidence', {
          definitionId: credentialId,
          staffId: world.staff.x,
        }).expect(201)
      ).body as Evidence;

      for (const agent of [managerX, regional]) {
        const inbox = (await agent.get('/api/v1/evidence?status=all').expect(200)).body as EvidencePage;
        expect(inbox.items.map((e) => e.id)).toEqual([inX.id]);
        const filtered = (await agent.get(`/api/v1/evidence?branchId=${world.branches.y}`).expect(200))
          .body as EvidencePage;
        expect(filtered).toMatchObject({ total: 0, items: [] });
        const unknown = '00000000-0000-4000-8000-000000000000';
        for (const [method, path] of [
          ['get', ''],
          ['get', '/file'],
          ['post', '/approve'],
          ['post', '/reject'],
          ['post', '/withdraw'],
        ] as const) {
          const y = await agent[method](`/api/v1/evidence/${inY.id}${path}`)
            .send({ reason: 'no' })
            .expect(404);
          const none = await agent[method](`/api/v1/evidence/${unknown}${path}`)
            .send({ reason: 'no' })
            .expect(404);
          expect((y.body as ProblemDetails).code).toBe('evidence.not_found');
          expect((none.body as ProblemDetails).code).toBe('evidence.not_found');
        }
      }
      // Y's evidence is untouched, and an HR admin (company-wide) sees it.
      const fromAdmin = (await admin.get(`/api/v1/evidence/${inY.id}`).expect(200)).body as Evidence;
      expect(fromAdmin.status).toBe('pending');
    });

    it('cannot submit for a person outside the scope: an unknown person', async () => {
      const res = await upload(managerX, '/api/v1/evidence', {
        definitionId: credentialId,
        staffId: world.staff.y,
      }).expect(400);
      expect(res.body as ProblemDetails).toMatchObject({
        code: 'evidence.staff_unknown',
        errors: [{ field: 'staffId', message: 'unknown person' }],
      });
      expect(await evidenceCount()).toBe(0);
    });

    it('an employee sees only evidence about themself, and cannot approve (403 from the guard)', async () => {
      const inX = (
        await upload(admin, '/api/v1/evidence', {
          definitionId: credentialId,
          staffId: world.staff.x,
        }).expect(201)
      ).body as Evidence;
      await employee.get(`/api/v1/evidence/${inX.id}`).expect(404);
      await employee.get(`/api/v1/evidence/${inX.id}/file`).expect(404);
      const approve = await employee.post(`/api/v1/evidence/${inX.id}/approve`).expect(403);
      expect((approve.body as ProblemDetails).code).toBe('auth.forbidden');
      await employee.post(`/api/v1/evidence/${inX.id}/reject`).send({ reason: 'no' }).expect(403);
      await employee.get('/api/v1/evidence').expect(403);
      // /me/evidence is always one's own: naming someone else is refused, not silently ignored.
      const other = await upload(employee, '/api/v1/me/evidence', {
        definitionId: credentialId,
        staffId: world.staff.x,
      }).expect(400);
      expect((other.body as ProblemDetails).errors).toEqual([
        { field: 'staffId', message: 'is not allowed here: this evidence is your own' },
      ]);
      expect(await awardsOf(world.staff.x, credentialId)).toEqual([]);
    });
  });

  describe('four eyes', () => {
    it('refuses approving or rejecting evidence about oneself', async () => {
      // A branch manager of X who is also staff in X (Xaver).
      const xaverUser = await createTestUser(t, 'branch_manager', {
        branchIds: [world.branches.x],
        staffId: world.staff.x,
      });
      const xaver = await agentFor(t, xaverUser);
      const own = (await upload(xaver, '/api/v1/me/evidence', { definitionId: credentialId }).expect(201))
        .body as Evidence;
      expect(own.allowed).toEqual({ approve: false, reject: false, withdraw: true });
      // Even when someone else submitted it about them.
      const byAdmin = (
        await upload(admin, '/api/v1/evidence', {
          definitionId: secondCredentialId,
          staffId: world.staff.x,
        }).expect(201)
      ).body as Evidence;
      for (const id of [own.id, byAdmin.id]) {
        const approve = await xaver.post(`/api/v1/evidence/${id}/approve`).expect(403);
        expect(approve.body as ProblemDetails).toMatchObject({ code: 'evidence.own_evidence' });
        await xaver.post(`/api/v1/evidence/${id}/reject`).send({ reason: 'mine' }).expect(403);
      }
      expect(await awardsOf(world.staff.x, credentialId)).toEqual([]);
      // Another approver in scope may.
      await managerX.post(`/api/v1/evidence/${own.id}/approve`).expect(200);
      expect(await awardsOf(world.staff.x, credentialId)).toHaveLength(1);
    });

    it('refuses approving evidence one submitted for someone else', async () => {
      const forXaver = (
        await upload(managerX, '/api/v1/evidence', {
          definitionId: credentialId,
          staffId: world.staff.x,
        }).expect(201)
      ).body as Evidence;
      expect(forXaver.allowed).toEqual({ approve: false, reject: false, withdraw: true });
      const res = await managerX.post(`/api/v1/evidence/${forXaver.id}/approve`).expect(403);
      expect((res.body as ProblemDetails).code).toBe('evidence.own_evidence');
      // Xaver (the person) sees it, though he did not submit it.
      const xaver = await agentFor(t, await createTestUser(t, 'employee', { staffId: world.staff.x }));
      const his = (await xaver.get('/api/v1/me/evidence').expect(200)).body as MyEvidencePage;
      expect(his.items.map((e) => e.id)).toEqual([forXaver.id]);
      await xaver.get(forXaver.file.url).expect(200);
      await regional.post(`/api/v1/evidence/${forXaver.id}/approve`).expect(200);
    });
  });

  describe('files', () => {
    it.each([
      [
        'HTML named .pdf, declared as PDF',
        Buffer.from('<html><script>alert(1)</script></html>'),
        'x.pdf',
        'application/pdf',
      ],
      [
        'an SVG declared as PNG',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        'x.png',
        'image/png',
      ],
      ['a PNG declared as PDF', makePng(32, 32), 'x.pdf', 'application/pdf'],
      ['a PDF named .html', makePdf(), 'x.html', 'application/pdf'],
      ['a PDF declared as HTML', makePdf(), 'x.pdf', 'text/html'],
      ['a cut-off PDF', makePdf().subarray(0, 40), 'x.pdf', 'application/pdf'],
    ])('refuses %s (415), storing nothing', async (_what, file, fileName, contentType) => {
      const res = await upload(employee, '/api/v1/me/evidence', {
        definitionId: credentialId,
        file,
        fileName,
        contentType,
      }).expect(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body as ProblemDetails).toMatchObject({
        code: 'evidence.file_type',
        errors: [{ field: 'file', message: 'must be a PDF, PNG or JPEG file' }],
      });
      expect(await evidenceCount()).toBe(0);
    });

    it('accepts a PNG and a JPEG by their content, served with the checked type', async () => {
      const png = (
        await upload(employee, '/api/v1/me/evidence', {
          definitionId: credentialId,
          file: makePng(40, 20),
          fileName: 'photo',
          contentType: 'application/octet-stream',
        }).expect(201)
      ).body as Evidence;
      expect(png.file).toMatchObject({ name: 'photo.png', mediaType: 'image/png' });
      const served = await employee.get(png.file.url).expect(200);
      expect(served.headers['content-type']).toBe('image/png');
      const jpeg = Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        Buffer.alloc(64, 1),
        Buffer.from([0xff, 0xd9]),
      ]);
      const photo = (
        await upload(employee, '/api/v1/me/evidence', {
          definitionId: secondCredentialId,
          file: jpeg,
          fileName: 'IMG_2041.JPG',
          contentType: 'image/jpeg',
        }).expect(201)
      ).body as Evidence;
      expect(photo.file).toMatchObject({ name: 'IMG_2041.jpg', mediaType: 'image/jpeg', size: jpeg.length });
    });

    it.each([
      ['just over the limit (read and cut off)', EVIDENCE_MAX_BYTES + 1],
      ['far over the limit (refused by its declared length)', EVIDENCE_MAX_BYTES + 2 * 1024 * 1024],
    ])('answers 413 problem+json for a file %s', async (_what, size) => {
      const big = Buffer.alloc(size, 0x20);
      makePdf().copy(big);
      const res = await upload(employee, '/api/v1/me/evidence', { definitionId: credentialId, file: big });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body as ProblemDetails).code).toBe('evidence.file_too_large');
      expect(await evidenceCount()).toBe(0);
    });

    it('checks the fields: required, dates, not in the future, expiry after issue', async () => {
      const missing = await employee
        .post('/api/v1/me/evidence')
        .attach('file', makePdf(), { filename: 'a.pdf', contentType: 'application/pdf' })
        .expect(400);
      expect((missing.body as ProblemDetails).errors?.map((e) => e.field).sort()).toEqual([
        'definitionId',
        'issuedOn',
      ]);
      expect((missing.body as ProblemDetails).errors).toContainEqual({
        field: 'issuedOn',
        message: 'must be a date written YYYY-MM-DD',
      });
      const future = await upload(employee, '/api/v1/me/evidence', {
        definitionId: credentialId,
        issuedOn: daysAgo(-3),
      }).expect(400);
      expect((future.body as ProblemDetails).code).toBe('evidence.issued_in_future');
      const backwards = await upload(employee, '/api/v1/me/evidence', {
        definitionId: credentialId,
        issuedOn: daysAgo(10),
        expiresOn: daysAgo(20),
      }).expect(400);
      expect((backwards.body as ProblemDetails).errors).toEqual([
        { field: 'expiresOn', message: 'must not be before issuedOn' },
      ]);
      const noFile = await employee
        .post('/api/v1/me/evidence')
        .field('definitionId', credentialId)
        .field('issuedOn', daysAgo(3))
        .expect(400);
      expect((noFile.body as ProblemDetails).errors).toEqual([{ field: 'file', message: 'is required' }]);
      await employee.post('/api/v1/me/evidence').send({ definitionId: credentialId }).expect(400);
      expect(await evidenceCount()).toBe(0);
    });
  });

  it('approving twice at the same time issues one award (concurrency)', async () => {
    const submitted = (
      await upload(employee, '/api/v1/me/evidence', { definitionId: credentialId }).expect(201)
    ).body as Evidence;
    const other = await agentOf(t, world, 'branch_manager');
    const responses = await Promise.all([
      managerX.post(`/api/v1/evidence/${submitted.id}/approve`),
      other.post(`/api/v1/evidence/${submitted.id}/approve`),
      regional.post(`/api/v1/evidence/${submitted.id}/approve`),
      admin.post(`/api/v1/evidence/${submitted.id}/approve`),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const awards = await awardsOf(world.staff.own, credentialId);
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({ evidence_id: submitted.id, status: 'active' });
    const approvals = (
      await admin.get(`/api/v1/audit?targetId=${submitted.id}&action=evidence.approved`).expect(200)
    ).body as AuditPage;
    expect(approvals.total).toBe(1);
  });

  it('links to the award already recorded for the same completion day instead of issuing another', async () => {
    await admin
      .post('/api/v1/awards')
      .send({ staffId: world.staff.own, definitionId: credentialId, completedOn: monthAgo(), issuer: 'HR' })
      .expect(201);
    const [existing] = await awardsOf(world.staff.own, credentialId);
    const submitted = (
      await upload(employee, '/api/v1/me/evidence', {
        definitionId: credentialId,
        issuedOn: monthAgo(),
      }).expect(201)
    ).body as Evidence;
    const approved = (await managerX.post(`/api/v1/evidence/${submitted.id}/approve`).expect(200))
      .body as Evidence;
    expect(approved.awardId).toBe(existing.id);
    expect(await awardsOf(world.staff.own, credentialId)).toHaveLength(1);
  });

  it('rolls the approval back when the award cannot be issued', async () => {
    await admin
      .post('/api/v1/awards')
      .send({ staffId: world.staff.own, definitionId: credentialId, completedOn: daysAgo(5), issuer: 'HR' })
      .expect(201);
    // Older than the award the person holds: awards refuse it, so the evidence stays pending.
    const older = (
      await upload(employee, '/api/v1/me/evidence', {
        definitionId: credentialId,
        issuedOn: daysAgo(60),
      }).expect(201)
    ).body as Evidence;
    const res = await managerX.post(`/api/v1/evidence/${older.id}/approve`).expect(409);
    expect((res.body as ProblemDetails).code).toBe('award.newer_award_exists');
    const still = (await managerX.get(`/api/v1/evidence/${older.id}`).expect(200)).body as Evidence;
    expect(still).toMatchObject({ status: 'pending', awardId: null });
    expect(await awardsOf(world.staff.own, credentialId)).toHaveLength(1);
  });

  it('is for signed-in people only', async () => {
    const anonymous = request(t.app.getHttpServer());
    await anonymous.get('/api/v1/me/evidence').expect(401);
    await anonymous.get('/api/v1/evidence').expect(401);
  });
});
