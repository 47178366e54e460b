import type { Award, IssuedCredential, VerificationResult } from '@brevet/contracts';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makePeople, makePublishedCredential } from '../../test/support/credential-factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { RevocationListService } from '../open-badges/revocation-list.service';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

/** Awards wired into Open Badges: a real award becomes a signed credential, a PDF and a verification. */
describe('an award as an Open Badges credential (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let http: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
    await resetDatabase(t);
    http = await signInAsAdmin(t);
  });
  afterAll(() => t.close());

  it('issues, verifies, prints and — once revoked — reports the award as revoked', async () => {
    // Completed a month ago, so the award is valid today whatever day the suite runs.
    const completedOn = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const credential = await makePublishedCredential(http);
    const { people } = await makePeople(t.dataSource, http, 1);
    const award = (
      await http
        .post('/api/v1/awards')
        .send({
          staffId: people[0].id,
          definitionId: credential.id,
          completedOn,
          issuer: 'HR admin',
        })
        .expect(201)
    ).body as Award;

    const issued = (await http.get(`/api/v1/open-badges/credentials/${award.id}`).expect(200))
      .body as IssuedCredential;
    const verified = (await http.post('/api/v1/verify').send({ credential: issued.jwt }).expect(200))
      .body as VerificationResult;
    expect(verified).toMatchObject({ valid: true, status: 'valid' });

    const page = await http.get(`/verify/${award.id}`).set('Accept-Language', 'de').expect(200);
    expect(page.text).toContain(people[0].familyName);

    const pdf = await http
      .get(`/api/v1/open-badges/credentials/${award.id}/certificate.pdf`)
      .buffer(true)
      .expect(200);
    const file = path.join(os.tmpdir(), `brevet-${award.id}.pdf`);
    fs.writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    fs.rmSync(file);
    expect(text).toContain(people[0].familyName);
    expect(text).toContain(`/verify/${award.id}`);

    await http
      .post(`/api/v1/awards/${award.id}/revoke`)
      .send({ reason: 'Issued to the wrong person' })
      .expect(200);
    t.app.get(RevocationListService).invalidate();
    const revoked = (await http.post('/api/v1/verify').send({ credential: issued.jwt }).expect(200))
      .body as VerificationResult;
    expect(revoked).toMatchObject({ valid: false, status: 'revoked' });
  });

  it('answers 404 for an award that does not exist', async () => {
    await http.get('/api/v1/open-badges/credentials/5c0d3a46-0000-4000-8000-000000000000').expect(404);
    await http.get('/verify/5c0d3a46-0000-4000-8000-000000000000').expect(404);
  });
});
