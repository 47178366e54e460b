import { createHash } from 'node:crypto';
import {
  buildOpenBadgeCredential,
  EU_MICROCREDENTIAL_CONTEXT,
  identityHash,
  jwtPayloadFor,
  OB_CREDENTIAL_SCHEMA,
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
} from './credential-builder.util';
import { openBadgeCredentialProblems } from './ob3-rules.util';
import { credentialInput } from './testing/credential-input.fixture';
import { endOfDayIn, startOfDayIn } from './zoned-day.util';

const options = {
  publicUrl: 'https://brevet.example',
  issuerName: 'Nordwind Logistik',
  pseudonymKey: Buffer.alloc(32, 7),
};
const build = (overrides = {}) => buildOpenBadgeCredential(credentialInput(overrides), options);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('OpenBadgeCredential builder', () => {
  it('conforms to the OB 3.0 data model rules (required fields, types, value formats)', () => {
    expect(openBadgeCredentialProblems(build())).toEqual([]);
    expect(openBadgeCredentialProblems(build({ validUntil: null, result: null }))).toEqual([]);
    const minimal = credentialInput();
    minimal.recipient.email = null;
    minimal.achievement = {
      ...minimal.achievement,
      creditsAvailable: null,
      workloadHours: null,
      eqfLevel: null,
      escoSkillUris: [],
      prerequisites: null,
      supervision: null,
      stackability: null,
      achievementType: 'Certification',
    };
    expect(openBadgeCredentialProblems(buildOpenBadgeCredential(minimal, options))).toEqual([]);
  });

  it('has the VC 2.0 / OB 3.0 skeleton: contexts in order, types, ids, issuer profile, schema', () => {
    const vc = build();
    expect(vc['@context']).toEqual([VC_V2_CONTEXT, OB_V3_CONTEXT, EU_MICROCREDENTIAL_CONTEXT]);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.id).toBe('urn:uuid:2f1c7d2e-5b8a-4c3d-9e10-4a2b6c8d0e11');
    expect(vc.issuer).toEqual({
      id: 'https://brevet.example/issuer',
      type: ['Profile'],
      name: 'Nordwind Logistik',
      url: 'https://brevet.example',
    });
    expect(vc.credentialSchema).toEqual([
      { id: OB_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' },
    ]);
    expect(vc.name).toBe('Gabelstaplerführung, Klasse B');
  });

  it('is valid from the start of the issue day to the end of the last valid day in the branch zone', () => {
    const vc = build();
    expect(vc.validFrom).toBe('2026-03-11T23:00:00Z'); // CET, UTC+1
    expect(vc.validUntil).toBe('2028-03-31T21:59:59Z'); // CEST, UTC+2
    expect(vc.awardedDate).toBe(vc.validFrom);
    expect(build({ validUntil: null }).validUntil).toBeUndefined();
    expect(build({ timeZone: 'America/New_York' }).validFrom).toBe('2026-03-12T04:00:00Z');
  });

  it('finds day boundaries across DST changes', () => {
    expect(startOfDayIn('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(endOfDayIn('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T21:59:59.000Z');
    expect(endOfDayIn('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-25T22:59:59.000Z');
    expect(startOfDayIn('2026-06-01', 'UTC').toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  it('identifies the subject by a salted SHA-256 of the normalised e-mail, never in plain text', () => {
    const vc = build();
    const [identifier] = vc.credentialSubject.identifier;
    expect(identifier).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    const expected = createHash('sha256')
      .update(`łukasz.wróbel@nordwind.example${identifier.salt}`, 'utf8')
      .digest('hex');
    expect(identifier.identityHash).toBe(`sha256$${expected}`);
    expect(JSON.stringify(vc).toLowerCase()).not.toContain('wróbel');
    expect(JSON.stringify(vc)).not.toContain('E100234');
    // Stable for the same award, different for another one.
    expect(build().credentialSubject).toEqual(vc.credentialSubject);
    expect(
      build({ awardId: '00000000-0000-4000-8000-000000000001' }).credentialSubject.identifier[0].salt,
    ).not.toBe(identifier.salt);
    expect(vc.credentialSubject.id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('hashes like the spec example (IdentityHash: a@example.com salted with Kosher)', () => {
    expect(identityHash('a@example.com', 'Kosher')).toBe(
      'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
    );
  });

  it('falls back to the hashed employee number when there is no e-mail address', () => {
    const input = credentialInput();
    input.recipient.email = null;
    const [identifier] = buildOpenBadgeCredential(input, options).credentialSubject.identifier;
    expect(identifier.identityType).toBe('identifier');
    expect(identifier.identityHash).toBe(identityHash('E100234', identifier.salt));
  });

  it('describes the achievement natively where OB 3.0 can: type, criteria, credits, language, EQF/ESCO alignments, creator', () => {
    const a = build().credentialSubject.achievement;
    expect(a).toMatchObject({
      id: 'https://brevet.example/issuer/achievements/FORKLIFT-B/v3',
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      name: 'Gabelstaplerführung, Klasse B',
      criteria: { narrative: 'Theorieprüfung und praktische Prüfung vor Ort bestanden.' },
      creditsAvailable: 1.5,
      inLanguage: 'de',
      humanCode: 'FORKLIFT-B',
      version: '3',
      creator: {
        type: ['Profile'],
        name: 'Nordwind Logistik GmbH',
        address: { type: ['Address'], addressCountryCode: 'DE' },
      },
    });
    expect(a['alignment']).toEqual([
      expect.objectContaining({
        targetUrl: 'http://data.europa.eu/snb/eqf/3',
        targetCode: '3',
        targetType: 'ext:EQFLevel',
      }),
      expect.objectContaining({
        targetUrl: 'http://data.europa.eu/esco/skill/b6d0d3b5-0d6c-4a0e-8a4f-6f1d1d6f1f1f',
        targetType: 'ceasn:Competency',
      }),
    ]);
  });

  it('puts the EU elements OB 3.0 has no property for into the documented extension', () => {
    const vc = build();
    expect(vc.credentialSubject.achievement['euMicroCredential']).toEqual({
      type: ['EuMicroCredentialElements'],
      workloadHours: 40,
      ectsCredits: 1.5,
      eqfLevel: 3,
      learningOutcomes: ['Prüft den Stapler vor der Benutzung', 'Bewegt Lasten sicher'],
      assessmentType: 'practical',
      participationForm: 'onsite',
      qualityAssurance: 'Internal QA under DGUV Grundsatz 308-001',
      prerequisites: 'Mindestens 18 Jahre alt',
      supervision: 'Supervised on site, photo ID checked',
      stackability: 'Stand-alone; counts towards the warehouse operator programme',
    });
    // Every extension term used is defined in the inline context.
    for (const term of Object.keys(vc.credentialSubject.achievement['euMicroCredential'] as object))
      if (term !== 'type') expect(EU_MICROCREDENTIAL_CONTEXT).toHaveProperty(term);
  });

  it('asserts the grade as an OB Result linked to a ResultDescription of the achievement', () => {
    const vc = build();
    expect(vc.credentialSubject.result).toEqual([
      {
        type: ['Result'],
        resultDescription: 'https://brevet.example/issuer/achievements/FORKLIFT-B/v3#grade',
        value: 'bestanden',
        status: 'Completed',
      },
    ]);
  });

  it('points credentialStatus at the revocation list (Bitstring Status List entry)', () => {
    expect(build().credentialStatus).toEqual({
      id: 'https://brevet.example/status/revocation/1#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://brevet.example/status/revocation/1',
    });
  });

  it('writes texts in English for English speakers, falling back to English for missing German', () => {
    const input = credentialInput();
    input.recipient.language = 'en';
    expect(buildOpenBadgeCredential(input, options).name).toBe('Forklift operation, category B');
    const de = credentialInput();
    de.achievement.descriptions = { en: 'Only English', de: ' ' };
    expect(buildOpenBadgeCredential(de, options).credentialSubject.achievement['description']).toBe(
      'Only English',
    );
  });

  it('derives the JWT claims of OB 3.0 §8.2 from the credential', () => {
    const vc = build();
    const payload = jwtPayloadFor(vc);
    expect(payload).toMatchObject({
      iss: 'https://brevet.example/issuer',
      jti: vc.id,
      sub: vc.credentialSubject.id,
      nbf: Date.parse(vc.validFrom) / 1000,
      exp: Date.parse(vc.validUntil as string) / 1000,
    });
    expect(jwtPayloadFor(build({ validUntil: null }))).not.toHaveProperty('exp');
  });
});

/** A credential as loose JSON, so that a test can break any part of it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately untyped test data
type LooseJson = Record<string, any>;

describe('OB 3.0 data model rules', () => {
  const broken = (mutate: (vc: LooseJson) => void): string[] => {
    const vc = clone(build()) as unknown as LooseJson;
    mutate(vc);
    return openBadgeCredentialProblems(vc);
  };

  it.each<[string, (vc: LooseJson) => void, RegExp]>([
    ['contexts out of order', (vc) => vc['@context'].reverse(), /^@context/],
    ['the OB context missing', (vc) => vc['@context'].splice(1, 1), /^@context/],
    ['no OpenBadgeCredential type', (vc) => (vc.type = ['VerifiableCredential']), /^type/],
    ['no id', (vc) => delete vc.id, /^id: required/],
    ['an id that is not a URI', (vc) => (vc.id = 'award 12'), /^id: required, a URI/],
    ['an issuer without id', (vc) => delete vc.issuer.id, /^issuer\.id/],
    ['an issuer that is not a Profile', (vc) => (vc.issuer.type = ['Organization']), /^issuer\.type/],
    ['no validFrom', (vc) => delete vc.validFrom, /^validFrom/],
    ['a validFrom without zone', (vc) => (vc.validFrom = '2026-03-12T00:00:00'), /^validFrom/],
    ['a date-only validUntil', (vc) => (vc.validUntil = '2028-03-31'), /^validUntil: must be a DateTimeZ/],
    [
      'validUntil before validFrom',
      (vc) => (vc.validUntil = '2020-01-01T00:00:00Z'),
      /^validUntil: must not be before/,
    ],
    ['no credentialSubject', (vc) => delete vc.credentialSubject, /^credentialSubject: required/],
    [
      'a subject without AchievementSubject type',
      (vc) => (vc.credentialSubject.type = ['Person']),
      /credentialSubject\.type/,
    ],
    [
      'neither subject id nor identifier',
      (vc) => {
        delete vc.credentialSubject.id;
        vc.credentialSubject.identifier = [];
      },
      /either id or an identifier/,
    ],
    [
      'an unhashed-looking hash',
      (vc) => (vc.credentialSubject.identifier[0].identityHash = 'sha256$xyz'),
      /identityHash/,
    ],
    [
      'hashed not boolean',
      (vc) => (vc.credentialSubject.identifier[0].hashed = 'yes'),
      /hashed: required Boolean/,
    ],
    [
      'an unknown identityType',
      (vc) => (vc.credentialSubject.identifier[0].identityType = 'email'),
      /identityType/,
    ],
    ['no achievement', (vc) => delete vc.credentialSubject.achievement, /achievement: required/],
    [
      'an achievement without criteria',
      (vc) => delete vc.credentialSubject.achievement.criteria,
      /criteria: required/,
    ],
    [
      'an achievement without description',
      (vc) => delete vc.credentialSubject.achievement.description,
      /description: required/,
    ],
    [
      'an unknown achievementType',
      (vc) => (vc.credentialSubject.achievement.achievementType = 'Nanodegree'),
      /achievementType/,
    ],
    [
      'credits as text',
      (vc) => (vc.credentialSubject.achievement.creditsAvailable = '1.5'),
      /creditsAvailable/,
    ],
    ['a bad language code', (vc) => (vc.credentialSubject.achievement.inLanguage = 'German'), /inLanguage/],
    [
      'an alignment without targetUrl',
      (vc) => delete vc.credentialSubject.achievement.alignment[0].targetUrl,
      /targetUrl/,
    ],
    [
      'an unknown alignment targetType',
      (vc) => (vc.credentialSubject.achievement.alignment[0].targetType = 'EQF'),
      /targetType/,
    ],
    [
      'a result for an unknown description',
      (vc) => (vc.credentialSubject.result[0].resultDescription = 'urn:x'),
      /resultDescription/,
    ],
    ['a numeric status list index', (vc) => (vc.credentialStatus.statusListIndex = 94567), /statusListIndex/],
    [
      'a status entry id equal to the list',
      (vc) => (vc.credentialStatus.id = vc.credentialStatus.statusListCredential),
      /must not be the URL/,
    ],
    ['a schema without type', (vc) => delete vc.credentialSchema[0].type, /credentialSchema\[0\]/],
  ])('reports %s', (_label, mutate, message) => {
    const problems = broken(mutate);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('accepts extension terms with the ext: prefix and additional properties', () => {
    expect(
      broken((vc) => {
        vc.credentialSubject.achievement.achievementType = 'ext:InternalLicence';
        vc.somethingElse = { free: true };
      }),
    ).toEqual([]);
  });
});
