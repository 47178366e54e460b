import type { Award, CredentialDetail, CredentialPage, ProblemDetails } from '@brevet/contracts';
import {
  credentialBody,
  makePeople,
  makePng,
  makePublishedCredential,
} from '../../test/support/credential-factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

describe('credential catalogue over HTTP (real PostgreSQL)', () => {
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

  const get = async (id: string) =>
    (await http.get(`/api/v1/credentials/${id}`).expect(200)).body as CredentialDetail;

  it('creates a draft with every EU element, publishes it, and versions later edits', async () => {
    const body = credentialBody({
      code: ' forklift-safety ',
      category: 'equipment',
      escoSkillUri: 'http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da',
      ects: 1.5,
      eqfLevel: 3,
      supervision: 'supervised_on_site_identity_check',
      prerequisites: { en: 'Aged 18 or over', de: 'Mindestens 18 Jahre alt' },
      gradeScheme: { en: 'Pass/fail', de: 'Bestanden/nicht bestanden' },
      stackability: {
        stackable: true,
        description: { en: 'Counts towards the warehouse certificate', de: 'Zählt zum Lagerzertifikat' },
      },
    });
    const created = (await http.post('/api/v1/credentials').send(body).expect(201)).body as CredentialDetail;
    expect(created).toMatchObject({
      code: 'FORKLIFT-SAFETY',
      status: 'draft',
      currentVersion: null,
      draftVersion: 1,
      current: null,
      revision: 1,
      activeAwards: 0,
      hasBadge: false,
    });
    expect(created.draft).toMatchObject({
      version: 1,
      state: 'draft',
      publishedAt: null,
      ects: 1.5,
      eqfLevel: 3,
      workloadHours: 8,
      awardingBody: { name: 'Nordwind Akademie', country: 'DE' },
      supervision: 'supervised_on_site_identity_check',
      stackability: body.stackability,
      validity: {
        validityMonths: 12,
        recertification: { window: { months: 2, days: 0 }, expiryBasis: 'completion', fixedExpiry: null },
      },
    });

    // Editing a draft changes it in place.
    await http
      .patch(`/api/v1/credentials/${created.id}`)
      .send({ workloadHours: 20, title: { en: 'Forklift safety', de: 'Staplerschein' } })
      .expect(200);
    let detail = await get(created.id);
    expect(detail.versions.map((v) => v.version)).toEqual([1]);
    expect(detail.draft).toMatchObject({ workloadHours: 20, title: { de: 'Staplerschein' } });

    const published = (await http.post(`/api/v1/credentials/${created.id}/publish`).expect(200))
      .body as CredentialDetail;
    expect(published).toMatchObject({
      status: 'published',
      currentVersion: 1,
      draftVersion: null,
      draft: null,
    });
    expect(published.current?.state).toBe('current');
    expect(published.current?.publishedAt).toEqual(expect.any(String));

    // Editing published content creates version 2 as a draft; version 1 stays current and unchanged.
    const edited = (
      await http
        .patch(`/api/v1/credentials/${created.id}`)
        .send({ workloadHours: 24, category: 'occupational_safety' })
        .expect(200)
    ).body as CredentialDetail;
    expect(edited).toMatchObject({ category: 'occupational_safety', currentVersion: 1, draftVersion: 2 });
    expect(edited.current?.workloadHours).toBe(20);
    expect(edited.draft).toMatchObject({ version: 2, workloadHours: 24, title: { de: 'Staplerschein' } });

    // A second edit goes into the same draft.
    await http.patch(`/api/v1/credentials/${created.id}`).send({ ects: null }).expect(200);
    detail = await get(created.id);
    expect(detail.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'draft'],
      [1, 'current'],
    ]);
    expect(detail.draft).toMatchObject({ workloadHours: 24, ects: null });

    // Only a category change: no new draft is needed, the revision still moves on.
    const before = detail.revision;
    await http.patch(`/api/v1/credentials/${created.id}`).send({ escoSkillUri: null }).expect(200);
    detail = await get(created.id);
    expect(detail.escoSkillUri).toBeNull();
    expect(detail.revision).toBe(before + 1);

    await http.post(`/api/v1/credentials/${created.id}/publish`).expect(200);
    detail = await get(created.id);
    expect(detail.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'current'],
      [1, 'retired'],
    ]);
    expect(detail.current?.workloadHours).toBe(24);
  });

  it('keeps awards on the version they were issued under', async () => {
    const { people } = await makePeople(t.dataSource, http, 2);
    const credential = await makePublishedCredential(http, { title: { en: 'First aid', de: 'Erste Hilfe' } });
    const first = (
      await http
        .post('/api/v1/awards')
        .send({ staffId: people[0].id, definitionId: credential.id, completedOn: '2026-01-10', issuer: 'HR' })
        .expect(201)
    ).body as Award;
    expect(first.credential).toMatchObject({ version: 1, title: { en: 'First aid' } });

    await http
      .patch(`/api/v1/credentials/${credential.id}`)
      .send({ title: { en: 'First aid at work', de: 'Betriebliche Erste Hilfe' } })
      .expect(200);
    // Until the draft is published, new awards still get version 1.
    const second = (
      await http
        .post('/api/v1/awards')
        .send({ staffId: people[1].id, definitionId: credential.id, completedOn: '2026-01-11', issuer: 'HR' })
        .expect(201)
    ).body as Award;
    expect(second.credential.version).toBe(1);

    await http.post(`/api/v1/credentials/${credential.id}/publish`).expect(200);
    const renewed = (
      await http
        .post('/api/v1/awards')
        .send({ staffId: people[0].id, definitionId: credential.id, completedOn: '2026-02-01', issuer: 'HR' })
        .expect(201)
    ).body as Award;
    expect(renewed.credential).toMatchObject({ version: 2, title: { en: 'First aid at work' } });

    const old = (await http.get(`/api/v1/awards/${first.id}`).expect(200)).body as Award;
    expect(old).toMatchObject({ recordStatus: 'superseded', supersededById: renewed.id });
    expect(old.credential).toMatchObject({ version: 1, title: { en: 'First aid' } });
    expect(
      ((await http.get(`/api/v1/awards/${second.id}`).expect(200)).body as Award).credential.version,
    ).toBe(1);
  });

  it('refuses invalid definitions field by field, including the domain validity rules', async () => {
    const missing = await http
      .post('/api/v1/credentials')
      .send({ code: 'X1', category: 'first_aid' })
      .expect(400);
    const fields = (missing.body as ProblemDetails).errors?.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'title',
        'description',
        'criteria',
        'learningOutcomes',
        'awardingBody',
        'workloadHours',
        'assessmentType',
        'participationForm',
        'qualityAssurance',
        'validity',
      ]),
    );
    expect(fields).not.toContain('ects');

    const nested = await http
      .post('/api/v1/credentials')
      .send(
        credentialBody({
          eqfLevel: 9,
          participationForm: 'onsite' as never,
          awardingBody: { name: 'X', country: 'Germany' },
          learningOutcomes: { en: [], de: ['x'] },
          escoSkillUri: 'https://example.com/skill',
        }),
      )
      .expect(400);
    expect((nested.body as ProblemDetails).errors?.map((e) => e.field).sort()).toEqual(
      ['awardingBody.country', 'eqfLevel', 'escoSkillUri', 'learningOutcomes.en', 'participationForm'].sort(),
    );

    const fixed = await http
      .post('/api/v1/credentials')
      .send(
        credentialBody({
          validity: {
            validityMonths: 18,
            recertification: { window: { months: 20 }, expiryBasis: 'fixed', fixedExpiry: null },
          },
        }),
      )
      .expect(400);
    expect((fixed.body as ProblemDetails).errors).toEqual([
      { field: 'validity.recertification.window', message: 'must be shorter than the validity' },
      { field: 'validity.recertification.fixedExpiry', message: 'is required for the fixed basis' },
      { field: 'validity.validityMonths', message: 'must be whole years (12, 24, 36…) for the fixed basis' },
    ]);

    const ok = (
      await http
        .post('/api/v1/credentials')
        .send(credentialBody({ code: 'DUP' }))
        .expect(201)
    ).body as CredentialDetail;
    const dup = await http
      .post('/api/v1/credentials')
      .send(credentialBody({ code: 'dup' }))
      .expect(409);
    expect((dup.body as ProblemDetails).code).toBe('credential.code_taken');

    // PATCH: null clears optional elements and is refused for required ones; validity is checked merged.
    const nullTitle = await http.patch(`/api/v1/credentials/${ok.id}`).send({ title: null }).expect(400);
    expect((nullTitle.body as ProblemDetails).errors?.map((e) => e.field)).toEqual(['title']);
    const longWindow = await http
      .patch(`/api/v1/credentials/${ok.id}`)
      .send({
        validity: {
          validityMonths: 1,
          recertification: { window: { months: 2 }, expiryBasis: 'completion', fixedExpiry: null },
        },
      })
      .expect(400);
    expect((longWindow.body as ProblemDetails).errors?.[0].field).toBe('validity.recertification.window');
    const unknown = await http.patch(`/api/v1/credentials/${ok.id}`).send({ code: 'NEW' }).expect(400);
    expect((unknown.body as ProblemDetails).detail).toContain('code');
  });

  it('answers 404 for unknown definitions and 409 for stale revisions and empty publishes', async () => {
    const missing = await http.get('/api/v1/credentials/00000000-0000-4000-8000-000000000000').expect(404);
    expect((missing.body as ProblemDetails).code).toBe('credential.not_found');
    await http.get('/api/v1/credentials/not-a-uuid').expect(404);
    await http.post('/api/v1/credentials/00000000-0000-4000-8000-000000000000/publish').expect(404);

    const credential = await makePublishedCredential(http);
    const stale = await http
      .patch(`/api/v1/credentials/${credential.id}`)
      .send({ workloadHours: 3, revision: credential.revision - 1 })
      .expect(409);
    expect((stale.body as ProblemDetails).code).toBe('version_conflict');
    await http
      .patch(`/api/v1/credentials/${credential.id}`)
      .send({ workloadHours: 3, revision: credential.revision })
      .expect(200);
    await http.post(`/api/v1/credentials/${credential.id}/publish`).expect(200);
    const nothing = await http.post(`/api/v1/credentials/${credential.id}/publish`).expect(409);
    expect((nothing.body as ProblemDetails).code).toBe('credential.nothing_to_publish');
  });

  it('archives a definition so it cannot be awarded, and restores it by publishing', async () => {
    const { people } = await makePeople(t.dataSource, http, 1);
    const credential = await makePublishedCredential(http);
    const archived = (await http.post(`/api/v1/credentials/${credential.id}/archive`).expect(200))
      .body as CredentialDetail;
    expect(archived.status).toBe('archived');
    const refused = await http
      .post('/api/v1/awards')
      .send({ staffId: people[0].id, definitionId: credential.id, completedOn: '2026-01-10', issuer: 'HR' })
      .expect(409);
    expect((refused.body as ProblemDetails).code).toBe('award.credential_not_published');

    expect(
      ((await http.post(`/api/v1/credentials/${credential.id}/publish`).expect(200)).body as CredentialDetail)
        .status,
    ).toBe('published');
    await http
      .post('/api/v1/awards')
      .send({ staffId: people[0].id, definitionId: credential.id, completedOn: '2026-01-10', issuer: 'HR' })
      .expect(201);

    const draftOnly = (await http.post('/api/v1/credentials').send(credentialBody()).expect(201))
      .body as CredentialDetail;
    const notYet = await http
      .post('/api/v1/awards')
      .send({ staffId: people[0].id, definitionId: draftOnly.id, completedOn: '2026-01-10', issuer: 'HR' })
      .expect(409);
    expect((notYet.body as ProblemDetails).detail).toContain('not been published');
  });

  it('lists the catalogue paged, searched in both languages and filtered', async () => {
    await makePublishedCredential(http, {
      code: 'FIRST-AID',
      category: 'first_aid',
      title: { en: 'First aid', de: 'Erste Hilfe' },
    });
    await makePublishedCredential(http, {
      code: 'FORKLIFT',
      category: 'equipment',
      title: { en: 'Forklift', de: 'Stapler' },
    });
    await http
      .post('/api/v1/credentials')
      .send(
        credentialBody({
          code: 'GDPR',
          category: 'data_protection',
          title: { en: 'GDPR basics', de: 'Datenschutz' },
        }),
      )
      .expect(201);

    const all = (await http.get('/api/v1/credentials?pageSize=2').expect(200)).body as CredentialPage;
    expect(all.total).toBe(3);
    expect(all.items.map((c) => c.code)).toEqual(['FIRST-AID', 'FORKLIFT']);
    const second = (await http.get('/api/v1/credentials?pageSize=2&page=2').expect(200))
      .body as CredentialPage;
    expect(second.items.map((c) => c.code)).toEqual(['GDPR']);

    const search = (await http.get('/api/v1/credentials?q=stapler').expect(200)).body as CredentialPage;
    expect(search.items.map((c) => c.code)).toEqual(['FORKLIFT']);
    const drafts = (await http.get('/api/v1/credentials?status=draft').expect(200)).body as CredentialPage;
    expect(drafts.items).toMatchObject([
      { code: 'GDPR', currentVersion: null, draftVersion: 1, title: { de: 'Datenschutz' } },
    ]);
    const firstAid = (await http.get('/api/v1/credentials?category=first_aid').expect(200))
      .body as CredentialPage;
    expect(firstAid.items.map((c) => c.code)).toEqual(['FIRST-AID']);
    const byTitle = (await http.get('/api/v1/credentials?sort=-title').expect(200)).body as CredentialPage;
    expect(byTitle.items.map((c) => c.code)).toEqual(['GDPR', 'FORKLIFT', 'FIRST-AID']);
    await http.get('/api/v1/credentials?category=astrology').expect(400);
  });

  describe('badge image', () => {
    it('stores a checked PNG on the draft, serves it per version, and keeps one copy per content', async () => {
      const credential = await makePublishedCredential(http);
      await http.get(`/api/v1/credentials/${credential.id}/badge`).expect(404);

      const png = makePng(64, 64);
      const withBadge = (
        await http
          .put(`/api/v1/credentials/${credential.id}/badge`)
          .set('Content-Type', 'image/png')
          .send(png)
          .expect(200)
      ).body as CredentialDetail;
      // The published version 1 is immutable: the badge went into a new draft, version 2.
      expect(withBadge.current?.badge).toBeNull();
      expect(withBadge.draft).toMatchObject({
        version: 2,
        badge: { mimeType: 'image/png', width: 64, height: 64, size: png.length },
      });
      await http.get(`/api/v1/credentials/${credential.id}/badge`).expect(404);
      const draftBadge = await http.get(`/api/v1/credentials/${credential.id}/badge?version=2`).expect(200);
      expect(draftBadge.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(draftBadge.body as Buffer, png)).toBe(0);

      await http.post(`/api/v1/credentials/${credential.id}/publish`).expect(200);
      const current = await http.get(`/api/v1/credentials/${credential.id}/badge`).expect(200);
      expect(current.headers['etag']).toBe(`"${withBadge.draft?.badge?.sha256}"`);
      expect(current.headers['x-content-type-options']).toBe('nosniff');

      // The same image on another definition is stored once.
      const other = await makePublishedCredential(http);
      await http
        .put(`/api/v1/credentials/${other.id}/badge`)
        .set('Content-Type', 'image/png')
        .send(png)
        .expect(200);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM credential_badge_image`);
      expect(n).toBe(1);
    });

    it('refuses SVG, other files, damaged PNGs, odd sizes and files over 512 KB', async () => {
      const credential = await makePublishedCredential(http);
      const url = `/api/v1/credentials/${credential.id}/badge`;
      const svg = await http
        .put(url)
        .set('Content-Type', 'image/svg+xml')
        .send(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))
        .expect(415);
      expect((svg.body as ProblemDetails).code).toBe('credential.badge_invalid');
      expect((svg.body as ProblemDetails).detail).toContain('SVG');

      await http
        .put(url)
        .set('Content-Type', 'image/jpeg')
        .send(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))
        .expect(415);
      const damaged = makePng(32, 32);
      damaged[damaged.length - 20] ^= 0xff;
      const bad = await http.put(url).set('Content-Type', 'image/png').send(damaged).expect(415);
      expect((bad.body as ProblemDetails).detail).toContain('damaged');
      const tiny = await http.put(url).set('Content-Type', 'image/png').send(makePng(8, 8)).expect(415);
      expect((tiny.body as ProblemDetails).detail).toContain('8×8');
      await http.put(url).set('Content-Type', 'application/json').send({ png: 'no' }).expect(415);

      const big = await http
        .put(url)
        .set('Content-Type', 'image/png')
        .send(Buffer.alloc(512 * 1024 + 1))
        .expect(413);
      expect((big.body as ProblemDetails).code).toBe('credential.badge_too_large');

      // Nothing was stored, and no draft was created by the refused uploads.
      expect((await get(credential.id)).draft).toBeNull();
    });
  });
});
