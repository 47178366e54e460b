import type { CredentialInput, LocalizedText, UiLanguage } from '@brevet/contracts';
import { createHash, createHmac } from 'node:crypto';
import { dateTimeZ, endOfDayIn, startOfDayIn } from './zoned-day.util';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
export const OB_SCHEMA_VALIDATOR = '1EdTechJsonSchemaValidator2019';
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** Vocabulary of Brevet's extension for the EU micro-credential elements that OB 3.0 has no property for. */
export const EU_MICROCREDENTIAL_VOCAB = 'urn:brevet:vocab:eu-microcredential#';

/**
 * Inline JSON-LD term definitions for the extension (third `@context` entry), so that the credential is
 * self-contained: nothing has to be fetched from a Brevet server to expand it. See docs/open-badges.md.
 */
export const EU_MICROCREDENTIAL_CONTEXT = {
  emc: EU_MICROCREDENTIAL_VOCAB,
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  EuMicroCredentialElements: 'emc:EuMicroCredentialElements',
  euMicroCredential: 'emc:euMicroCredential',
  workloadHours: { '@id': 'emc:workloadHours', '@type': 'xsd:decimal' },
  ectsCredits: { '@id': 'emc:ectsCredits', '@type': 'xsd:decimal' },
  eqfLevel: { '@id': 'emc:eqfLevel', '@type': 'xsd:integer' },
  learningOutcomes: { '@id': 'emc:learningOutcomes', '@container': '@list' },
  assessmentType: 'emc:assessmentType',
  participationForm: 'emc:participationForm',
  qualityAssurance: 'emc:qualityAssurance',
  prerequisites: 'emc:prerequisites',
  supervision: 'emc:supervisionAndIdentityVerification',
  stackability: 'emc:stackability',
} as const;

export interface Alignment {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetDescription?: string;
  targetFramework?: string;
  targetType?: string;
}

export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress' | 'identifier';
  hashed: true;
  salt: string;
}

export interface EuMicroCredentialElements {
  type: ['EuMicroCredentialElements'];
  workloadHours?: number;
  ectsCredits?: number;
  eqfLevel?: number;
  learningOutcomes: string[];
  assessmentType: string;
  participationForm: string;
  qualityAssurance: string;
  prerequisites?: string;
  supervision?: string;
  stackability?: string;
}

export interface OpenBadgeCredential {
  '@context': [typeof VC_V2_CONTEXT, typeof OB_V3_CONTEXT, typeof EU_MICROCREDENTIAL_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  issuer: { id: string; type: ['Profile']; name: string; url: string };
  name: string;
  description: string;
  validFrom: string;
  validUntil?: string;
  awardedDate: string;
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    identifier: IdentityObject[];
    achievement: Record<string, unknown> & { id: string; name: string };
    result?: Array<{ type: ['Result']; resultDescription: string; value: string; status: 'Completed' }>;
  };
  credentialStatus: {
    id: string;
    type: 'BitstringStatusListEntry';
    statusPurpose: 'revocation';
    statusListIndex: string;
    statusListCredential: string;
  };
  credentialSchema: Array<{ id: string; type: string }>;
}

export interface BuildOptions {
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  issuerName: string;
  /** Secret for the per-award salt and subject pseudonym (derived from KEY_ENCRYPTION_SECRET). */
  pseudonymKey: Buffer;
}

export function issuerId(publicUrl: string): string {
  return `${publicUrl}/issuer`;
}

export function revocationListUrl(publicUrl: string): string {
  return `${publicUrl}/status/revocation/1`;
}

export function verifyPageUrl(publicUrl: string, awardId: string): string {
  return `${publicUrl}/verify/${encodeURIComponent(awardId)}`;
}

export function achievementId(publicUrl: string, code: string, version: number): string {
  return `${issuerId(publicUrl)}/achievements/${encodeURIComponent(code)}/v${version}`;
}

/** Text in `language`, falling back to English when the translation is empty. */
export function localized(text: LocalizedText | null | undefined, language: UiLanguage): string {
  if (!text) return '';
  return (text[language] ?? '').trim() || (text.en ?? '').trim();
}

/**
 * OB 3.0 IdentityHash: `sha256$` + lowercase hex SHA-256 of the UTF-8 identifier with the salt appended.
 * E-mail addresses are trimmed and lower-cased first so that a verifier can recompute the hash.
 */
export function identityHash(identifier: string, salt: string): string {
  return `sha256$${createHash('sha256').update(`${identifier}${salt}`, 'utf8').digest('hex')}`;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A UUID-shaped value (version 8, RFC 9562 custom) from an HMAC, stable for the same key and name. */
function hmacUuid(key: Buffer, name: string): string {
  const bytes = createHmac('sha256', key).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The per-award salt: unpredictable without the installation secret, identical each time it is rebuilt. */
export function awardSalt(key: Buffer, awardId: string): string {
  return createHmac('sha256', key).update(`salt:${awardId}`).digest('base64url').slice(0, 22);
}

function alignments(input: CredentialInput['achievement']): Alignment[] {
  const out: Alignment[] = [];
  if (input.eqfLevel !== null) {
    out.push({
      type: ['Alignment'],
      targetName: `EQF level ${input.eqfLevel}`,
      targetUrl: `http://data.europa.eu/snb/eqf/${input.eqfLevel}`,
      targetCode: String(input.eqfLevel),
      targetFramework: 'European Qualifications Framework',
      targetType: 'ext:EQFLevel',
    });
  }
  for (const uri of input.escoSkillUris) {
    out.push({
      type: ['Alignment'],
      targetName: `ESCO ${uri.includes('/occupation/') ? 'occupation' : 'skill'} ${uri.split('/').pop()}`,
      targetUrl: uri,
      targetFramework: 'ESCO (European Skills, Competences, Qualifications and Occupations)',
      targetType: 'ceasn:Competency',
    });
  }
  return out;
}

function euElements(input: CredentialInput['achievement'], language: UiLanguage): EuMicroCredentialElements {
  const prerequisites = localized(input.prerequisites, language);
  return {
    type: ['EuMicroCredentialElements'],
    ...(input.workloadHours !== null ? { workloadHours: input.workloadHours } : {}),
    ...(input.creditsAvailable !== null ? { ectsCredits: input.creditsAvailable } : {}),
    ...(input.eqfLevel !== null ? { eqfLevel: input.eqfLevel } : {}),
    learningOutcomes: input.learningOutcomes.map((o) => localized(o, language)).filter((o) => o !== ''),
    assessmentType: input.assessmentType,
    participationForm: input.participationForm,
    qualityAssurance: input.qualityAssurance,
    ...(prerequisites ? { prerequisites } : {}),
    ...(input.supervision ? { supervision: input.supervision } : {}),
    ...(input.stackability ? { stackability: input.stackability } : {}),
  };
}

/**
 * The unsigned OpenBadgeCredential for one award (OB 3.0 on the VC 2.0 data model), in the recipient's
 * language. Pure: the same input and options always give the same credential.
 */
export function buildOpenBadgeCredential(input: CredentialInput, options: BuildOptions): OpenBadgeCredential {
  const { publicUrl } = options;
  const language = input.recipient.language;
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const a = input.achievement;
  const issuer = issuerId(publicUrl);
  const achId = achievementId(publicUrl, a.code, a.version);
  const salt = awardSalt(options.pseudonymKey, input.awardId);
  const email = input.recipient.email ? normaliseEmail(input.recipient.email) : null;
  const identifier: IdentityObject = email
    ? {
        type: 'IdentityObject',
        identityHash: identityHash(email, salt),
        identityType: 'emailAddress',
        hashed: true,
        salt,
      }
    : {
        type: 'IdentityObject',
        identityHash: identityHash(input.recipient.employeeNumber.trim(), salt),
        identityType: 'identifier',
        hashed: true,
        salt,
      };
  const title = localized(a.titles, language);
  const validFrom = dateTimeZ(startOfDayIn(input.issuedOn, timeZone));
  const statusList = revocationListUrl(publicUrl);
  const gradeId = `${achId}#grade`;
  const scoreId = `${achId}#score`;
  // OB 3.0 results: each Result points at a ResultDescription of the achievement. A grade is `ext:Grade`; a
  // course score is `Percent` from 0 to 100 with the pass mark as `requiredValue`.
  const grade = input.result?.grade ?? null;
  const score = input.result?.score ?? null;
  const passMark = input.result?.passMark ?? null;
  const resultDescriptions: Array<Record<string, unknown>> = [];
  const results: Array<{ type: ['Result']; resultDescription: string; value: string; status: 'Completed' }> =
    [];
  if (grade) {
    resultDescriptions.push({
      id: gradeId,
      type: ['ResultDescription'],
      name: language === 'de' ? 'Note' : 'Grade',
      resultType: 'ext:Grade',
    });
    results.push({ type: ['Result'], resultDescription: gradeId, value: grade, status: 'Completed' });
  }
  if (score !== null) {
    resultDescriptions.push({
      id: scoreId,
      type: ['ResultDescription'],
      name: language === 'de' ? 'Ergebnis der Prüfung' : 'Assessment score',
      resultType: 'Percent',
      valueMin: '0',
      valueMax: '100',
      ...(passMark !== null ? { requiredValue: String(passMark) } : {}),
    });
    results.push({ type: ['Result'], resultDescription: scoreId, value: String(score), status: 'Completed' });
  }
  const achievement = {
    id: achId,
    type: ['Achievement'],
    achievementType: a.achievementType,
    name: title,
    description: localized(a.descriptions, language) || title,
    criteria: { narrative: localized(a.criteria, language) || title },
    humanCode: a.code,
    version: String(a.version),
    inLanguage: a.inLanguage,
    ...(a.creditsAvailable !== null ? { creditsAvailable: a.creditsAvailable } : {}),
    creator: {
      id: `${issuer}#awarding-body`,
      type: ['Profile'],
      name: a.awardingBody.name,
      ...(a.awardingBody.url ? { url: a.awardingBody.url } : {}),
      address: { type: ['Address'], addressCountryCode: a.awardingBody.country },
    },
    ...(alignments(a).length > 0 ? { alignment: alignments(a) } : {}),
    ...(resultDescriptions.length > 0 ? { resultDescription: resultDescriptions } : {}),
    euMicroCredential: euElements(a, language),
  };
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, EU_MICROCREDENTIAL_CONTEXT],
    id: `urn:uuid:${input.awardId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: options.issuerName, url: publicUrl },
    name: title,
    description: achievement.description,
    validFrom,
    ...(input.validUntil ? { validUntil: dateTimeZ(endOfDayIn(input.validUntil, timeZone)) } : {}),
    awardedDate: validFrom,
    credentialSubject: {
      // A pairwise pseudonym: it identifies the subject for JWT `sub` without revealing who they are.
      id: `urn:uuid:${hmacUuid(options.pseudonymKey, `subject:${input.awardId}`)}`,
      type: ['AchievementSubject'],
      identifier: [identifier],
      achievement,
      ...(results.length > 0 ? { result: results } : {}),
    },
    credentialStatus: {
      id: `${statusList}#${input.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(input.statusListIndex),
      statusListCredential: statusList,
    },
    credentialSchema: [{ id: OB_CREDENTIAL_SCHEMA, type: OB_SCHEMA_VALIDATOR }],
  };
}

const seconds = (dateTime: string) => Math.floor(Date.parse(dateTime) / 1000);

/**
 * The JWT payload of OB 3.0 §8.2.4: the credential itself plus the registered claims derived from it
 * (`iss` = issuer.id, `jti` = id, `sub` = credentialSubject.id, `nbf` = validFrom, `exp` = validUntil).
 */
export function jwtPayloadFor(credential: {
  id: string;
  issuer: { id: string } | string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: { id?: string };
}): Record<string, unknown> {
  return {
    ...credential,
    iss: typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id,
    jti: credential.id,
    sub: credential.credentialSubject.id,
    nbf: seconds(credential.validFrom),
    ...(credential.validUntil ? { exp: seconds(credential.validUntil) } : {}),
  };
}
