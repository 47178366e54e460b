import type { CreateCredentialRequest, CredentialDetail, StaffDetail } from '@brevet/contracts';
import { crc32, deflateSync } from 'node:zlib';
import type { DataSource } from 'typeorm';
import { makeBranch, makeJobRole, makeRegion, staffBody } from './factories';
import { type SignedInAgent } from '../support/auth';

let sequence = 0;

/** A complete create request for a credential definition; override any field. */
export function credentialBody(overrides: Partial<CreateCredentialRequest> = {}): CreateCredentialRequest {
  sequence += 1;
  return {
    code: `CRED-${String(sequence).padStart(3, '0')}`,
    category: 'occupational_safety',
    escoSkillUri: null,
    title: { en: `Credential ${sequence}`, de: `Nachweis ${sequence}` },
    description: { en: 'What it is about.', de: 'Worum es geht.' },
    criteria: { en: 'Pass the test.', de: 'Test bestehen.' },
    learningOutcomes: { en: ['Can do the thing.'], de: ['Kann die Sache.'] },
    awardingBody: { name: 'Nordwind Akademie', country: 'DE' },
    workloadHours: 8,
    ects: null,
    eqfLevel: null,
    assessmentType: 'written_exam',
    participationForm: 'on_site',
    qualityAssurance: { en: 'Internal review', de: 'Interne Prüfung' },
    prerequisites: null,
    supervision: null,
    gradeScheme: null,
    stackability: null,
    validity: {
      validityMonths: 12,
      recertification: { window: { months: 2 }, expiryBasis: 'completion', fixedExpiry: null },
    },
    ...overrides,
  };
}

/** Creates a definition over HTTP and publishes it. */
export async function makePublishedCredential(
  http: SignedInAgent,
  overrides: Partial<CreateCredentialRequest> = {},
): Promise<CredentialDetail> {
  const created = (await http.post('/api/v1/credentials').send(credentialBody(overrides)).expect(201))
    .body as CredentialDetail;
  return (await http.post(`/api/v1/credentials/${created.id}/publish`).expect(200)).body as CredentialDetail;
}

/** A branch (Europe/Berlin unless overridden) with people created over HTTP. */
export async function makePeople(
  dataSource: DataSource,
  http: SignedInAgent,
  count: number,
  branchOverrides: Parameters<typeof makeBranch>[2] = {},
): Promise<{ branchId: string; people: StaffDetail[] }> {
  const region = await makeRegion(dataSource);
  const branch = await makeBranch(dataSource, region.id, branchOverrides);
  const role = await makeJobRole(dataSource, `ROLE-${++sequence}`);
  const people: StaffDetail[] = [];
  for (let i = 0; i < count; i++) {
    people.push(
      (
        await http
          .post('/api/v1/staff')
          .send(staffBody(branch.id, [role.id]))
          .expect(201)
      ).body as StaffDetail,
    );
  }
  return { branchId: branch.id, people };
}

/** A valid PNG of the given size (one grey pixel row repeated), with correct checksums. */
export function makePng(width: number, height: number, shade = 0x80): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width, shade)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
