import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  CREDENTIAL_SORT_FIELDS,
  DEFAULT_PAGE_SIZE,
  parseSort,
  type CredentialContent,
  type CredentialDetail,
  type CredentialPage,
  type CredentialValidityProblem,
  type FieldError,
} from '@brevet/contracts';
import { validitySettingsProblems } from '@brevet/domain';
import { AuditLog } from '../audit/audit-log.service';
import { Clock } from '../common/clock';
import { ValidationFailedException, VersionConflictException } from '../common/domain.exception';
import { checkBadgeImage } from './badge-image.util';
import type { CredentialVersionEntity } from './credential.entity';
import type { CreateCredentialDto, CredentialListQueryDto, UpdateCredentialDto } from './credential.dto';
import {
  BadgeInvalidException,
  BadgeNotFoundException,
  BadgeTooLargeException,
  CredentialCodeTakenException,
  CredentialNotFoundException,
  NothingToPublishException,
} from './credential.exceptions';
import { contentOf, mapCredentialDetail, mapCredentialSummary, versionColumns } from './credential.mapper';
import { CredentialRepository, DuplicateCredentialCodeError, type NewVersion } from './credential.repository';

/** Where each validity problem is reported, and in which words. */
const VALIDITY_PROBLEMS: Record<CredentialValidityProblem, FieldError> = {
  validity_months_invalid: {
    field: 'validity.validityMonths',
    message: 'must be 1–1200 whole months, or null for never',
  },
  window_invalid: {
    field: 'validity.recertification.window',
    message: 'months and days must be whole numbers ≥ 0',
  },
  window_too_long: {
    field: 'validity.recertification.window',
    message: 'must be shorter than the validity',
  },
  expiry_basis_invalid: {
    field: 'validity.recertification.expiryBasis',
    message: 'must be completion, expiry or fixed',
  },
  fixed_expiry_missing: {
    field: 'validity.recertification.fixedExpiry',
    message: 'is required for the fixed basis',
  },
  fixed_expiry_invalid: {
    field: 'validity.recertification.fixedExpiry',
    message: 'must be a real day of the year',
  },
  fixed_expiry_unexpected: {
    field: 'validity.recertification.fixedExpiry',
    message: 'must be null unless the basis is fixed',
  },
  fixed_validity_not_whole_years: {
    field: 'validity.validityMonths',
    message: 'must be whole years (12, 24, 36…) for the fixed basis',
  },
};

/**
 * The catalogue. Content lives in versions: a draft is edited in place; editing a definition whose content is
 * published creates a new draft from the current version; publishing makes the draft current. Published
 * versions never change, so every award keeps the exact version it was issued under. Every write is one
 * `credential.changed` audit entry (changed fields only), recorded last in its transaction.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(query: CredentialListQueryDto): Promise<CredentialPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.credentials.findPage({
      page,
      pageSize,
      sort: parseSort(query.sort, CREDENTIAL_SORT_FIELDS, 'code'),
      q: query.q || undefined,
      category: query.category,
      status: query.status ?? 'all',
    });
    return { items: rows.map(mapCredentialSummary), total, page, pageSize };
  }

  async get(id: string): Promise<CredentialDetail> {
    const definition = await this.credentials.findById(id);
    if (!definition) throw new CredentialNotFoundException(id);
    const versions = await this.credentials.versionsOf(id);
    const activeAwards = await this.credentials.countActiveAwards(id);
    return mapCredentialDetail(definition, versions, activeAwards);
  }

  /** Creates the definition with its first version as a draft. */
  async create(request: CreateCredentialDto): Promise<CredentialDetail> {
    const content = withNullDefaults(request);
    assertValidity(content);
    const id = await this.txHost.withTransaction(async () => {
      if (await this.credentials.existsByCode(request.code))
        throw new CredentialCodeTakenException(request.code);
      const definition = await this.credentials
        .insertDefinition({
          code: request.code,
          category: request.category,
          escoSkillUri: request.escoSkillUri ?? null,
        })
        .catch((error: unknown) => {
          throw error instanceof DuplicateCredentialCodeError
            ? new CredentialCodeTakenException(request.code)
            : error;
        });
      await this.credentials.insertVersion({
        ...(versionColumns(content) as AllVersionColumns),
        definitionId: definition.id,
        version: 1,
        badgeImageId: null,
        publishedAt: null,
      });
      await this.audit.record({
        action: 'credential.changed',
        target: { type: 'credential', id: definition.id, label: definition.code },
        after: {
          code: definition.code,
          category: definition.category,
          status: definition.status,
          version: 1,
        },
        details: { event: 'created', title: content.title },
      });
      return definition.id;
    });
    return this.get(id);
  }

  /**
   * `category` and `escoSkillUri` change in place. Content changes go into the draft: the existing one, or a
   * new one copied from the current version.
   */
  async update(id: string, request: UpdateCredentialDto): Promise<CredentialDetail> {
    const { category, escoSkillUri, revision, ...content } = request;
    await this.txHost.withTransaction(async () => {
      const definition = await this.lockForChange(id, revision);
      const changes = versionColumns(content);
      const definitionChanges = {
        ...(category !== undefined ? { category } : {}),
        ...(escoSkillUri !== undefined ? { escoSkillUri } : {}),
      };
      const diff = changedValues(definition, definitionChanges);
      let draftVersion: number | null = null;
      if (Object.keys(changes).length > 0) {
        const draft = await this.draftOf(id, definition.currentVersionId);
        const sent = withoutUndefined(content);
        const merged = { ...contentOf(draft), ...sent };
        assertValidity(merged);
        await this.credentials.updateVersion(draft.id, changes);
        const contentDiff = changedValues(contentOf(draft), sent);
        Object.assign(diff.before, contentDiff.before);
        Object.assign(diff.after, contentDiff.after);
        draftVersion = draft.version;
      }
      await this.credentials.touchDefinition(id, definitionChanges);
      if (Object.keys(diff.after).length > 0) {
        await this.audit.record({
          action: 'credential.changed',
          target: { type: 'credential', id, label: definition.code },
          before: diff.before,
          after: diff.after,
          details: { event: 'updated', ...(draftVersion !== null ? { draftVersion } : {}) },
        });
      }
    });
    return this.get(id);
  }

  /** Makes the draft the current version. Publishing an archived definition without a draft restores it. */
  async publish(id: string): Promise<CredentialDetail> {
    await this.txHost.withTransaction(async () => {
      const definition = await this.lockForChange(id);
      const draft = await this.credentials.findDraft(id);
      if (draft) {
        await this.credentials.updateVersion(draft.id, { publishedAt: this.clock.now() });
        await this.credentials.touchDefinition(id, { status: 'published', currentVersionId: draft.id });
      } else if (definition.status === 'archived' && definition.currentVersionId) {
        await this.credentials.touchDefinition(id, { status: 'published' });
      } else {
        throw new NothingToPublishException(definition.code);
      }
      await this.audit.record({
        action: 'credential.changed',
        target: { type: 'credential', id, label: definition.code },
        before: { status: definition.status, currentVersionId: definition.currentVersionId },
        after: { status: 'published', currentVersionId: draft?.id ?? definition.currentVersionId },
        details: { event: 'published', ...(draft ? { version: draft.version } : {}) },
      });
    });
    return this.get(id);
  }

  /** No new awards from now on; existing awards keep their status and dates. */
  async archive(id: string): Promise<CredentialDetail> {
    await this.txHost.withTransaction(async () => {
      const definition = await this.lockForChange(id);
      if (definition.status === 'archived') return;
      await this.credentials.touchDefinition(id, { status: 'archived' });
      await this.audit.record({
        action: 'credential.changed',
        target: { type: 'credential', id, label: definition.code },
        before: { status: definition.status },
        after: { status: 'archived' },
        details: { event: 'archived' },
      });
    });
    return this.get(id);
  }

  /** Sets the badge of the draft (creating one from the current version when there is none). */
  async setBadge(id: string, content: Buffer, declaredType: string | undefined): Promise<CredentialDetail> {
    const check = checkBadgeImage(content, declaredType);
    if (!check.ok) {
      if (check.reason === 'too_large') throw new BadgeTooLargeException();
      throw new BadgeInvalidException(check.message);
    }
    await this.txHost.withTransaction(async () => {
      const definition = await this.lockForChange(id);
      const draft = await this.draftOf(id, definition.currentVersionId);
      const imageId = await this.credentials.saveBadgeImage(check.info, content);
      await this.credentials.updateVersion(draft.id, { badgeImageId: imageId });
      await this.credentials.touchDefinition(id, {});
      await this.audit.record({
        action: 'credential.changed',
        target: { type: 'credential', id, label: definition.code },
        before: { badgeImageId: draft.badgeImageId },
        after: { badgeImageId: imageId },
        details: {
          event: 'badge',
          draftVersion: draft.version,
          image: { sha256: check.info.sha256, size: check.info.size },
        },
      });
    });
    return this.get(id);
  }

  /** The badge of a version (by number), or of the current version (the draft before publishing). */
  async badge(
    id: string,
    version: number | undefined,
  ): Promise<{ mimeType: string; sha256: string; content: Buffer }> {
    const definition = await this.credentials.findById(id);
    if (!definition) throw new CredentialNotFoundException(id);
    let image;
    if (version !== undefined) {
      image = await this.credentials.badgeOfVersion(id, { number: version });
    } else {
      const shownId = definition.currentVersionId ?? (await this.credentials.findDraft(id))?.id;
      image = shownId ? await this.credentials.badgeOfVersion(id, { id: shownId }) : null;
    }
    if (!image) throw new BadgeNotFoundException(definition.code, version);
    return image;
  }

  private async lockForChange(id: string, revision?: number) {
    const definition = await this.credentials.findByIdForUpdate(id);
    if (!definition) throw new CredentialNotFoundException(id);
    if (revision !== undefined && revision !== definition.revision) {
      throw new VersionConflictException(`Credential "${definition.code}"`);
    }
    return definition;
  }

  /** The definition's draft; when it has none, a new one copied from the current version. */
  private async draftOf(
    definitionId: string,
    currentVersionId: string | null,
  ): Promise<CredentialVersionEntity> {
    const draft = await this.credentials.findDraft(definitionId);
    if (draft) return draft;
    // A definition always has a draft or a current version: it is created with a draft, and publishing
    // turns the draft into the current version.
    const current = (await this.credentials.findVersion(
      currentVersionId as string,
    )) as CredentialVersionEntity;
    return this.credentials.insertVersion({
      ...(versionColumns(contentOf(current)) as AllVersionColumns),
      definitionId,
      version: await this.credentials.nextVersionNumber(definitionId),
      badgeImageId: current.badgeImageId,
      publishedAt: null,
    });
  }
}

/** `versionColumns` of complete content sets every content column. */
type AllVersionColumns = Omit<NewVersion, 'definitionId' | 'version' | 'badgeImageId' | 'publishedAt'>;

/** Optional EU elements left out of a create request are "none". */
function withNullDefaults(request: CreateCredentialDto): CredentialContent {
  return {
    title: request.title,
    description: request.description,
    criteria: request.criteria,
    learningOutcomes: request.learningOutcomes,
    awardingBody: request.awardingBody,
    workloadHours: request.workloadHours,
    ects: request.ects ?? null,
    eqfLevel: request.eqfLevel ?? null,
    assessmentType: request.assessmentType,
    participationForm: request.participationForm,
    qualityAssurance: request.qualityAssurance,
    prerequisites: request.prerequisites ?? null,
    supervision: request.supervision ?? null,
    gradeScheme: request.gradeScheme ?? null,
    stackability: request.stackability ?? null,
    validity: request.validity,
  };
}

/** The keys of `next` whose values differ (as JSON) from `current`'s, with both values. */
function changedValues(
  current: object,
  next: object,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  const old = current as Record<string, unknown>;
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || canonical(value) === canonical(old[key])) continue;
    out.before[key] = old[key] ?? null;
    out.after[key] = value;
  }
  return out;
}

/** JSON with the keys of every object sorted, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The domain's validity rules, reported per field. */
function assertValidity(content: Pick<CredentialContent, 'validity'>): void {
  const problems = validitySettingsProblems(content.validity);
  if (problems.length > 0) throw new ValidationFailedException(problems.map((p) => VALIDITY_PROBLEMS[p]));
}
