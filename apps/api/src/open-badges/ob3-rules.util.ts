// The OpenBadgeCredential data model rules of Open Badges 3.0 (1EdTech, Appendix B: B.1 Credential Data
// Models, B.7 Derived Types), written as checks. Each message names the property and the rule it breaks.
// Used by the verifier (a credential that breaks them is not accepted) and by the tests of the builder.
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './credential-builder.util';

const ACHIEVEMENT_TYPES = [
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
];
const IDENTIFIER_TYPES = [
  'name',
  'sourcedId',
  'systemId',
  'productId',
  'userName',
  'accountId',
  'emailAddress',
  'nationalIdentityNumber',
  'isbn',
  'issn',
  'lisSourcedId',
  'oneRosterSourcedId',
  'sisSourcedId',
  'ltiContextId',
  'ltiDeploymentId',
  'ltiToolId',
  'ltiPlatformId',
  'ltiUserId',
  'identifier',
];
const ALIGNMENT_TARGET_TYPES = [
  'ceasn:Competency',
  'ceterms:Credential',
  'CFItem',
  'CFRubric',
  'CFRubricCriterion',
  'CFRubricCriterionLevel',
  'CTDL',
];
const RESULT_TYPES = [
  'GradePointAverage',
  'LetterGrade',
  'Percent',
  'PerformanceLevel',
  'PredictedScore',
  'RawScore',
  'Result',
  'RubricCriterion',
  'RubricCriterionLevel',
  'RubricScore',
  'ScaledScore',
  'Status',
];
const RESULT_STATUSES = [
  'Completed',
  'Enrolled',
  'Failed',
  'InProgress',
  'OnHold',
  'Provisional',
  'Withdrew',
];

/** DateTimeZ: an ISO 8601 date-time with the time zone designator (`Z` or `±hh:mm`). */
const DATE_TIME_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** IdentityHash: `sha256$` + 64 hex digits or `md5$` + 32, upper or lower case. */
const IDENTITY_HASH = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/;
/** An absolute URI (scheme, colon, non-empty rest). */
const URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/;
/** BCP 47 language tag (structure only). */
const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/;
const COUNTRY = /^[A-Z]{2}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const isUri = (v: unknown) => typeof v === 'string' && URI.test(v);
const isUrl = (v: unknown) => {
  if (typeof v !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};
const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== '';
/** An extensible enumeration: one of the terms, or an extension term with the `ext:` prefix. */
const inVocabulary = (v: unknown, terms: string[]) =>
  typeof v === 'string' && (terms.includes(v) || /^ext:[A-Za-z0-9._-]+$/.test(v));
const typeIncludes = (v: unknown, iri: string) => asArray(v).includes(iri);

class Problems {
  readonly list: string[] = [];
  check(ok: boolean, message: string): void {
    if (!ok) this.list.push(message);
  }
}

function checkProfile(p: Problems, value: unknown, path: string, allowRef: boolean): void {
  if (allowRef && typeof value === 'string') {
    p.check(isUri(value), `${path}: a ProfileRef string must be a URI`);
    return;
  }
  if (!isObj(value)) return p.check(false, `${path}: must be a Profile object${allowRef ? ' or a URI' : ''}`);
  p.check(isUri(value['id']), `${path}.id: required, a URI`);
  p.check(typeIncludes(value['type'], 'Profile'), `${path}.type: must include 'Profile'`);
  if (value['name'] !== undefined)
    p.check(typeof value['name'] === 'string', `${path}.name: must be a String`);
  if (value['url'] !== undefined) p.check(isUri(value['url']), `${path}.url: must be a URI`);
  if (value['address'] !== undefined) {
    const address = value['address'];
    if (!isObj(address)) p.check(false, `${path}.address: must be an Address`);
    else {
      p.check(typeIncludes(address['type'], 'Address'), `${path}.address.type: must include 'Address'`);
      if (address['addressCountryCode'] !== undefined)
        p.check(
          typeof address['addressCountryCode'] === 'string' && COUNTRY.test(address['addressCountryCode']),
          `${path}.address.addressCountryCode: must be an ISO 3166-1 alpha-2 code`,
        );
    }
  }
}

function checkAlignment(p: Problems, value: unknown, path: string): void {
  if (!isObj(value)) return p.check(false, `${path}: must be an Alignment`);
  p.check(typeIncludes(value['type'], 'Alignment'), `${path}.type: must include 'Alignment'`);
  p.check(nonEmpty(value['targetName']), `${path}.targetName: required String`);
  p.check(isUrl(value['targetUrl']), `${path}.targetUrl: required, a URL`);
  if (value['targetType'] !== undefined)
    p.check(
      inVocabulary(value['targetType'], ALIGNMENT_TARGET_TYPES),
      `${path}.targetType: must be an AlignmentTargetType or an ext: term`,
    );
}

function checkAchievement(p: Problems, value: unknown, path: string): string[] {
  if (!isObj(value)) {
    p.check(false, `${path}: required, an Achievement`);
    return [];
  }
  p.check(isUri(value['id']), `${path}.id: required, a URI`);
  p.check(typeIncludes(value['type'], 'Achievement'), `${path}.type: must include 'Achievement'`);
  p.check(nonEmpty(value['name']), `${path}.name: required String`);
  p.check(nonEmpty(value['description']), `${path}.description: required String`);
  const criteria = value['criteria'];
  p.check(
    isObj(criteria) && (isUri(criteria['id']) || nonEmpty(criteria['narrative'])),
    `${path}.criteria: required, with an id (URI) or a narrative`,
  );
  if (value['achievementType'] !== undefined)
    p.check(
      inVocabulary(value['achievementType'], ACHIEVEMENT_TYPES),
      `${path}.achievementType: must be an AchievementType or an ext: term`,
    );
  if (value['creditsAvailable'] !== undefined)
    p.check(
      typeof value['creditsAvailable'] === 'number' && Number.isFinite(value['creditsAvailable']),
      `${path}.creditsAvailable: must be a Float`,
    );
  if (value['inLanguage'] !== undefined)
    p.check(
      typeof value['inLanguage'] === 'string' && LANGUAGE.test(value['inLanguage']),
      `${path}.inLanguage: must be a BCP 47 language code`,
    );
  for (const key of ['humanCode', 'version', 'fieldOfStudy', 'specialization'])
    if (value[key] !== undefined) p.check(typeof value[key] === 'string', `${path}.${key}: must be a String`);
  asArray(value['alignment']).forEach((a, i) => checkAlignment(p, a, `${path}.alignment[${i}]`));
  if (value['creator'] !== undefined) checkProfile(p, value['creator'], `${path}.creator`, false);
  const resultDescriptionIds: string[] = [];
  asArray(value['resultDescription']).forEach((rd, i) => {
    const at = `${path}.resultDescription[${i}]`;
    if (!isObj(rd)) return p.check(false, `${at}: must be a ResultDescription`);
    p.check(isUri(rd['id']), `${at}.id: required, a URI`);
    p.check(typeIncludes(rd['type'], 'ResultDescription'), `${at}.type: must include 'ResultDescription'`);
    p.check(nonEmpty(rd['name']), `${at}.name: required String`);
    p.check(
      inVocabulary(rd['resultType'], RESULT_TYPES),
      `${at}.resultType: required ResultType or ext: term`,
    );
    if (typeof rd['id'] === 'string') resultDescriptionIds.push(rd['id']);
  });
  return resultDescriptionIds;
}

function checkSubject(p: Problems, value: unknown): void {
  const path = 'credentialSubject';
  if (!isObj(value)) return p.check(false, `${path}: required, an AchievementSubject`);
  p.check(
    typeIncludes(value['type'], 'AchievementSubject'),
    `${path}.type: must include 'AchievementSubject'`,
  );
  if (value['id'] !== undefined) p.check(isUri(value['id']), `${path}.id: must be a URI`);
  const identifiers = asArray(value['identifier']);
  p.check(
    value['id'] !== undefined || identifiers.length > 0,
    `${path}: either id or an identifier is required`,
  );
  identifiers.forEach((idObj, i) => {
    const at = `${path}.identifier[${i}]`;
    if (!isObj(idObj)) return p.check(false, `${at}: must be an IdentityObject`);
    p.check(idObj['type'] === 'IdentityObject', `${at}.type: must be 'IdentityObject'`);
    p.check(typeof idObj['hashed'] === 'boolean', `${at}.hashed: required Boolean`);
    p.check(nonEmpty(idObj['identityHash']), `${at}.identityHash: required`);
    if (idObj['hashed'] === true)
      p.check(
        typeof idObj['identityHash'] === 'string' && IDENTITY_HASH.test(idObj['identityHash']),
        `${at}.identityHash: a hashed value must be 'sha256$<hex>' or 'md5$<hex>'`,
      );
    p.check(
      inVocabulary(idObj['identityType'], IDENTIFIER_TYPES),
      `${at}.identityType: required IdentifierTypeEnum or ext: term`,
    );
    if (idObj['salt'] !== undefined)
      p.check(typeof idObj['salt'] === 'string', `${at}.salt: must be a String`);
  });
  const descriptions = checkAchievement(p, value['achievement'], `${path}.achievement`);
  asArray(value['result']).forEach((r, i) => {
    const at = `${path}.result[${i}]`;
    if (!isObj(r)) return p.check(false, `${at}: must be a Result`);
    p.check(typeIncludes(r['type'], 'Result'), `${at}.type: must include 'Result'`);
    if (r['resultDescription'] !== undefined)
      p.check(
        descriptions.includes(r['resultDescription'] as string),
        `${at}.resultDescription: must be the id of a resultDescription of the achievement`,
      );
    if (r['status'] !== undefined)
      p.check(RESULT_STATUSES.includes(r['status'] as string), `${at}.status: must be a ResultStatusType`);
    if (r['value'] !== undefined) p.check(typeof r['value'] === 'string', `${at}.value: must be a String`);
  });
}

function checkStatus(p: Problems, value: unknown): void {
  const path = 'credentialStatus';
  if (!isObj(value)) return p.check(false, `${path}: must be a CredentialStatus`);
  if (value['id'] !== undefined) p.check(isUri(value['id']), `${path}.id: must be a URI`);
  p.check(nonEmpty(value['type']), `${path}.type: required`);
  if (value['type'] === 'BitstringStatusListEntry') {
    // W3C Bitstring Status List v1.0, §2.1.
    p.check(nonEmpty(value['statusPurpose']), `${path}.statusPurpose: required String`);
    p.check(
      typeof value['statusListIndex'] === 'string' && /^(0|[1-9]\d*)$/.test(value['statusListIndex']),
      `${path}.statusListIndex: required, an integer ≥ 0 written in base 10 as a string`,
    );
    p.check(isUrl(value['statusListCredential']), `${path}.statusListCredential: required, a URL`);
    p.check(
      value['id'] === undefined || value['id'] !== value['statusListCredential'],
      `${path}.id: must not be the URL of the status list`,
    );
  }
}

/**
 * Every way `vc` breaks the OB 3.0 OpenBadgeCredential (AchievementCredential) data model; empty when it
 * conforms. Unknown extra properties are allowed ("This class can be extended with additional properties").
 */
export function openBadgeCredentialProblems(vc: unknown): string[] {
  const p = new Problems();
  if (!isObj(vc)) return ['credential: must be a JSON object'];
  const context = vc['@context'];
  p.check(
    Array.isArray(context) && context[0] === VC_V2_CONTEXT && context[1] === OB_V3_CONTEXT,
    `@context: must be an ordered set starting with '${VC_V2_CONTEXT}', '${OB_V3_CONTEXT}'`,
  );
  if (Array.isArray(context))
    context.forEach((c, i) => p.check(isUri(c) || isObj(c), `@context[${i}]: must be a URI or a map`));
  p.check(isUri(vc['id']), 'id: required, a URI');
  p.check(
    typeIncludes(vc['type'], 'VerifiableCredential') &&
      (typeIncludes(vc['type'], 'OpenBadgeCredential') || typeIncludes(vc['type'], 'AchievementCredential')),
    "type: must include 'VerifiableCredential' and 'OpenBadgeCredential' (or 'AchievementCredential')",
  );
  if (vc['name'] !== undefined) p.check(typeof vc['name'] === 'string', 'name: must be a String');
  if (vc['description'] !== undefined)
    p.check(typeof vc['description'] === 'string', 'description: must be a String');
  checkProfile(p, vc['issuer'], 'issuer', true);
  const validFrom = vc['validFrom'];
  p.check(typeof validFrom === 'string' && DATE_TIME_Z.test(validFrom), 'validFrom: required, a DateTimeZ');
  const validUntil = vc['validUntil'];
  if (validUntil !== undefined) {
    p.check(
      typeof validUntil === 'string' && DATE_TIME_Z.test(validUntil),
      'validUntil: must be a DateTimeZ',
    );
    p.check(
      typeof validFrom !== 'string' ||
        typeof validUntil !== 'string' ||
        Date.parse(validFrom) <= Date.parse(validUntil),
      'validUntil: must not be before validFrom',
    );
  }
  if (vc['awardedDate'] !== undefined)
    p.check(
      typeof vc['awardedDate'] === 'string' && DATE_TIME_Z.test(vc['awardedDate']),
      'awardedDate: must be a DateTimeZ',
    );
  checkSubject(p, vc['credentialSubject']);
  if (vc['credentialStatus'] !== undefined) checkStatus(p, vc['credentialStatus']);
  const schemas = asArray(vc['credentialSchema']);
  schemas.forEach((s, i) =>
    p.check(
      isObj(s) && isUri(s['id']) && nonEmpty(s['type']),
      `credentialSchema[${i}]: needs an id (URI) and a type`,
    ),
  );
  return p.list;
}
