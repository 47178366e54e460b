import type { JobRole, ProblemDetails } from '@brevet/contracts';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

describe('job roles over HTTP (real PostgreSQL)', () => {
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

  it('creates a role named in both languages, renames it, archives it, and refuses duplicates', async () => {
    const role = (
      await http
        .post('/api/v1/job-roles')
        .send({ code: ' forklift ', names: { en: 'Forklift driver', de: 'Staplerfahrer/in' } })
        .expect(201)
    ).body as JobRole;
    expect(role).toMatchObject({ code: 'FORKLIFT', status: 'active' });

    const renamed = (
      await http
        .patch(`/api/v1/job-roles/${role.id}`)
        .send({ names: { de: 'Gabelstaplerfahrer/in' } })
        .expect(200)
    ).body as JobRole;
    expect(renamed.names).toEqual({ en: 'Forklift driver', de: 'Gabelstaplerfahrer/in' });

    const duplicate = await http
      .post('/api/v1/job-roles')
      .send({ code: 'FORKLIFT', names: { en: 'x', de: 'y' } })
      .expect(409);
    expect((duplicate.body as ProblemDetails).code).toBe('job_role.code_taken');

    const missingGerman = await http
      .post('/api/v1/job-roles')
      .send({ code: 'DRIVER', names: { en: 'Driver' } })
      .expect(400);
    expect((missingGerman.body as ProblemDetails).errors?.map((e) => e.field)).toEqual(['names.de']);

    await http.patch(`/api/v1/job-roles/${role.id}`).send({ status: 'archived' }).expect(200);
    expect(
      ((await http.get('/api/v1/job-roles').expect(200)).body as JobRole[]).map((r) => r.status),
    ).toEqual(['archived']);
  });
});
