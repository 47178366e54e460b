import type { CredentialValiditySettings } from './credentials';
// One definition of "a text in every UI language" for the whole API: the Open Badges contracts declare it.
import type { LocalizedText } from './open-badges';
import type { Page } from './paging';
import type { UiLanguage } from './people';

/**
 * The catalogue of credential definitions. A definition is the stable identity (code, category); its content
 * lives in numbered versions, and each version carries the standard elements of the Council Recommendation
 * on micro-credentials (16 June 2022, Annex I). See docs/catalogue-and-awards.md.
 */

/** A list of short texts in every UI language (e.g. learning outcomes); the lists may differ in length. */
export type LocalizedList = Record<UiLanguage, string[]>;

/**
 * - `draft`: never published; nothing can be awarded yet
 * - `published`: its current version can be awarded
 * - `archived`: no new awards; existing awards stay as they are. Publishing again restores it.
 */
export const CREDENTIAL_DEFINITION_STATUSES = ['draft', 'published', 'archived'] as const;
export type CredentialDefinitionStatus = (typeof CREDENTIAL_DEFINITION_STATUSES)[number];

/**
 * A version's place in its definition's history: `draft` (editable, at most one per definition), `current`
 * (the published version new awards get) or `retired` (published earlier; awards issued under it keep it).
 */
export const CREDENTIAL_VERSION_STATES = ['draft', 'current', 'retired'] as const;
export type CredentialVersionState = (typeof CREDENTIAL_VERSION_STATES)[number];

/** Skill areas of the catalogue. The admin UI names them; `names` is the default wording. */
export const CREDENTIAL_CATEGORIES = [
  { code: 'occupational_safety', names: { en: 'Occupational safety', de: 'Arbeitssicherheit' } },
  { code: 'first_aid', names: { en: 'First aid', de: 'Erste Hilfe' } },
  { code: 'fire_safety', names: { en: 'Fire safety', de: 'Brandschutz' } },
  { code: 'equipment', names: { en: 'Equipment and vehicles', de: 'Geräte und Fahrzeuge' } },
  { code: 'transport', names: { en: 'Transport and dangerous goods', de: 'Transport und Gefahrgut' } },
  { code: 'data_protection', names: { en: 'Data protection', de: 'Datenschutz' } },
  { code: 'food_safety', names: { en: 'Food safety', de: 'Lebensmittelsicherheit' } },
  { code: 'language', names: { en: 'Languages', de: 'Sprachen' } },
  { code: 'digital', names: { en: 'Digital skills', de: 'Digitale Kompetenzen' } },
  { code: 'leadership', names: { en: 'Leadership', de: 'Führung' } },
  { code: 'other', names: { en: 'Other', de: 'Sonstiges' } },
] as const satisfies ReadonlyArray<{ code: string; names: LocalizedText }>;
export type CredentialCategory = (typeof CREDENTIAL_CATEGORIES)[number]['code'];
export const CREDENTIAL_CATEGORY_CODES = CREDENTIAL_CATEGORIES.map((c) => c.code) as CredentialCategory[];

/** EU element "type of assessment". */
export const CREDENTIAL_ASSESSMENT_TYPES = [
  'written_exam',
  'practical_exam',
  'oral_exam',
  'online_test',
  'observation',
  'portfolio',
  'combined',
  'attendance_only',
] as const;
export type CredentialAssessmentType = (typeof CREDENTIAL_ASSESSMENT_TYPES)[number];

/** EU element "form of participation in the learning activity". */
export const CREDENTIAL_PARTICIPATION_FORMS = ['online', 'on_site', 'blended'] as const;
export type CredentialParticipationForm = (typeof CREDENTIAL_PARTICIPATION_FORMS)[number];

/** EU optional element "supervision and identity verification during assessment". */
export const SUPERVISION_MODES = [
  'unsupervised_no_identity_check',
  'supervised_no_identity_check',
  'supervised_online_identity_check',
  'supervised_on_site_identity_check',
] as const;
export type SupervisionMode = (typeof SUPERVISION_MODES)[number];

/** EU optional element "integration / stackability options". */
export interface Stackability {
  /** True when the credential counts towards a larger credential or qualification. */
  stackable: boolean;
  /** Towards what, and how; null for a stand-alone credential. */
  description: LocalizedText | null;
}

export interface AwardingBody {
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

/** Everything a version says about the credential. Versions are immutable once published. */
export interface CredentialContent {
  title: LocalizedText;
  description: LocalizedText;
  /** What a person must do to earn it (the Open Badges "criteria" narrative). */
  criteria: LocalizedText;
  learningOutcomes: LocalizedList;
  awardingBody: AwardingBody;
  /** Notional workload in hours (one decimal). */
  workloadHours: number;
  /** ECTS credits where given (one decimal); null otherwise. */
  ects: number | null;
  /** EQF level 1–8 where applicable; null otherwise. */
  eqfLevel: number | null;
  assessmentType: CredentialAssessmentType;
  participationForm: CredentialParticipationForm;
  /** The type of quality assurance behind the credential, e.g. an accreditation or a standard. */
  qualityAssurance: LocalizedText;
  prerequisites: LocalizedText | null;
  supervision: SupervisionMode | null;
  /** How results are graded, e.g. "pass/fail" or "0–100 %, pass from 70 %"; null when there are no grades. */
  gradeScheme: LocalizedText | null;
  stackability: Stackability | null;
  /** How long awards stay valid and how renewals count; see docs/credentials-rules.md. */
  validity: CredentialValiditySettings;
}

export const BADGE_IMAGE_TYPES = ['image/png'] as const;
export type BadgeImageType = (typeof BADGE_IMAGE_TYPES)[number];
/** The largest badge image accepted, in bytes. */
export const BADGE_IMAGE_MAX_BYTES = 512 * 1024;

export interface BadgeImageInfo {
  mimeType: BadgeImageType;
  size: number;
  width: number;
  height: number;
  /** SHA-256 of the bytes, hex; also the image's ETag. */
  sha256: string;
}

export interface CredentialVersion extends CredentialContent {
  id: string;
  /** 1, 2, 3… per definition. */
  version: number;
  state: CredentialVersionState;
  publishedAt: string | null;
  badge: BadgeImageInfo | null;
  createdAt: string;
}

export const CREDENTIAL_SORT_FIELDS = ['code', 'title', 'category', 'updatedAt'] as const;
export type CredentialSortField = (typeof CREDENTIAL_SORT_FIELDS)[number];

/** A definition as the catalogue lists it; texts come from the current version (the draft before publishing). */
export interface CredentialSummary {
  id: string;
  code: string;
  category: CredentialCategory;
  escoSkillUri: string | null;
  status: CredentialDefinitionStatus;
  title: LocalizedText;
  awardingBody: AwardingBody;
  validityMonths: number | null;
  /** Version number of the current published version; null until first published. */
  currentVersion: number | null;
  /** Version number of the pending draft; null when there is none. */
  draftVersion: number | null;
  hasBadge: boolean;
  /** Awards recorded as active (not revoked or superseded), whatever their dates. */
  activeAwards: number;
  updatedAt: string;
}

export interface CredentialDetail extends CredentialSummary {
  /** Optimistic-locking counter; send it back on edit to detect concurrent changes. */
  revision: number;
  current: CredentialVersion | null;
  draft: CredentialVersion | null;
  /** Every version, newest first (includes `current` and `draft`). */
  versions: CredentialVersion[];
  createdAt: string;
}

export type CredentialPage = Page<CredentialSummary>;

export interface CredentialListQuery {
  page?: number;
  pageSize?: number;
  /** `code`, `title`, `category` or `updatedAt`; prefix `-` for descending. */
  sort?: string;
  /** Searches code, titles (both languages) and awarding body. */
  q?: string;
  category?: CredentialCategory;
  status?: CredentialDefinitionStatus | 'all';
}

export interface CreateCredentialRequest extends CredentialContent {
  /** Upper-case letters, digits, `_` and `-`; the key CSV imports use. Never changes. */
  code: string;
  category: CredentialCategory;
  escoSkillUri?: string | null;
}

/**
 * Changes a definition. `category` and `escoSkillUri` change in place. Any content field goes into the draft
 * version: the existing draft is edited, or a new draft is created from the current version. Each field given
 * replaces the old value whole (nested objects are not merged).
 */
export interface UpdateCredentialRequest extends Partial<CredentialContent> {
  category?: CredentialCategory;
  escoSkillUri?: string | null;
  revision?: number;
}

export const CredentialRoutes = {
  list: '/api/v1/credentials',
  one: (id: string) => `/api/v1/credentials/${encodeURIComponent(id)}`,
  publish: (id: string) => `/api/v1/credentials/${encodeURIComponent(id)}/publish`,
  archive: (id: string) => `/api/v1/credentials/${encodeURIComponent(id)}/archive`,
  badge: (id: string, version?: number) =>
    `/api/v1/credentials/${encodeURIComponent(id)}/badge${version === undefined ? '' : `?version=${version}`}`,
} as const;
