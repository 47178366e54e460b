import type {
  CredentialContent,
  CredentialDetail,
  CredentialSummary,
  CredentialValiditySettings,
  CredentialVersion,
  CredentialVersionState,
} from '@brevet/contracts';
import type { CredentialDefinitionEntity, CredentialVersionEntity } from './credential.entity';
import type { CredentialSummaryRow } from './credential.repository';

/** The validity settings of a version, in the shape the domain rules take. */
export function validityOf(
  version: Pick<
    CredentialVersionEntity,
    | 'validityMonths'
    | 'recertWindowMonths'
    | 'recertWindowDays'
    | 'expiryBasis'
    | 'fixedExpiryMonth'
    | 'fixedExpiryDay'
  >,
): CredentialValiditySettings {
  return {
    validityMonths: version.validityMonths,
    recertification: {
      window: { months: version.recertWindowMonths, days: version.recertWindowDays },
      expiryBasis: version.expiryBasis,
      fixedExpiry:
        version.fixedExpiryMonth !== null && version.fixedExpiryDay !== null
          ? { month: version.fixedExpiryMonth, day: version.fixedExpiryDay }
          : null,
    },
  };
}

export function contentOf(version: CredentialVersionEntity): CredentialContent {
  return {
    title: version.title,
    description: version.description,
    criteria: version.criteria,
    learningOutcomes: version.learningOutcomes,
    awardingBody: { name: version.awardingBodyName, country: version.awardingBodyCountry },
    workloadHours: version.workloadHours,
    ects: version.ects,
    eqfLevel: version.eqfLevel,
    assessmentType: version.assessmentType,
    participationForm: version.participationForm,
    qualityAssurance: version.qualityAssurance,
    prerequisites: version.prerequisites,
    supervision: version.supervision,
    gradeScheme: version.gradeScheme,
    stackability: version.stackability,
    validity: validityOf(version),
  };
}

/** The version columns for some content; only the fields present in `content` are set. */
export function versionColumns(content: Partial<CredentialContent>): Partial<CredentialVersionEntity> {
  const columns: Partial<CredentialVersionEntity> = {};
  const copy = <K extends keyof CredentialContent & keyof CredentialVersionEntity>(key: K) => {
    if (content[key] !== undefined) Object.assign(columns, { [key]: content[key] });
  };
  copy('title');
  copy('description');
  copy('criteria');
  copy('learningOutcomes');
  copy('workloadHours');
  copy('ects');
  copy('eqfLevel');
  copy('assessmentType');
  copy('participationForm');
  copy('qualityAssurance');
  copy('prerequisites');
  copy('supervision');
  copy('gradeScheme');
  copy('stackability');
  if (content.awardingBody) {
    columns.awardingBodyName = content.awardingBody.name;
    columns.awardingBodyCountry = content.awardingBody.country;
  }
  if (content.validity) {
    const { validityMonths, recertification } = content.validity;
    columns.validityMonths = validityMonths;
    columns.recertWindowMonths = recertification.window.months ?? 0;
    columns.recertWindowDays = recertification.window.days ?? 0;
    columns.expiryBasis = recertification.expiryBasis;
    columns.fixedExpiryMonth = recertification.fixedExpiry?.month ?? null;
    columns.fixedExpiryDay = recertification.fixedExpiry?.day ?? null;
  }
  return columns;
}

function stateOf(version: CredentialVersionEntity, currentVersionId: string | null): CredentialVersionState {
  if (version.publishedAt === null) return 'draft';
  return version.id === currentVersionId ? 'current' : 'retired';
}

export function mapVersion(
  version: CredentialVersionEntity,
  currentVersionId: string | null,
): CredentialVersion {
  const badge = version.badgeImage ?? null;
  return {
    id: version.id,
    version: version.version,
    state: stateOf(version, currentVersionId),
    publishedAt: version.publishedAt?.toISOString() ?? null,
    badge: badge
      ? {
          mimeType: badge.mimeType,
          size: badge.size,
          width: badge.width,
          height: badge.height,
          sha256: badge.sha256,
        }
      : null,
    createdAt: version.createdAt.toISOString(),
    ...contentOf(version),
  };
}

export function mapCredentialSummary(row: CredentialSummaryRow): CredentialSummary {
  return {
    id: row.id,
    code: row.code,
    category: row.category,
    escoSkillUri: row.escoSkillUri,
    status: row.status,
    title: row.title,
    awardingBody: { name: row.awardingBodyName, country: row.awardingBodyCountry },
    validityMonths: row.validityMonths,
    currentVersion: row.currentVersion,
    draftVersion: row.draftVersion,
    hasBadge: row.hasBadge,
    activeAwards: row.activeAwards,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** `versions` newest first, each with its badge info loaded. */
export function mapCredentialDetail(
  definition: CredentialDefinitionEntity,
  versions: CredentialVersionEntity[],
  activeAwards: number,
): CredentialDetail {
  const mapped = versions.map((v) => mapVersion(v, definition.currentVersionId));
  const current = mapped.find((v) => v.state === 'current') ?? null;
  const draft = mapped.find((v) => v.state === 'draft') ?? null;
  const shown = current ?? draft ?? mapped[0];
  return {
    id: definition.id,
    code: definition.code,
    category: definition.category,
    escoSkillUri: definition.escoSkillUri,
    status: definition.status,
    title: shown.title,
    awardingBody: shown.awardingBody,
    validityMonths: shown.validity.validityMonths,
    currentVersion: current?.version ?? null,
    draftVersion: draft?.version ?? null,
    hasBadge: shown.badge !== null,
    activeAwards,
    updatedAt: definition.updatedAt.toISOString(),
    revision: definition.revision,
    current,
    draft,
    versions: mapped,
    createdAt: definition.createdAt.toISOString(),
  };
}
