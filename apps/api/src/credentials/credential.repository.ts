import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type {
  BadgeImageInfo,
  BadgeImageType,
  CredentialCategory,
  CredentialDefinitionStatus,
  CredentialSortField,
  LocalizedText,
  SortDirection,
} from '@brevet/contracts';
import { In, IsNull, QueryFailedError } from 'typeorm';
import { CredentialDefinitionEntity, CredentialVersionEntity } from './credential.entity';

export interface CredentialPageQuery {
  page: number;
  pageSize: number;
  sort: { field: CredentialSortField; direction: SortDirection };
  q?: string;
  category?: CredentialCategory;
  status: CredentialDefinitionStatus | 'all';
}

/** A catalogue row: the definition with the texts of its current version (the draft before publishing). */
export interface CredentialSummaryRow {
  id: string;
  code: string;
  category: CredentialCategory;
  escoSkillUri: string | null;
  status: CredentialDefinitionStatus;
  title: LocalizedText;
  awardingBodyName: string;
  awardingBodyCountry: string;
  validityMonths: number | null;
  currentVersion: number | null;
  draftVersion: number | null;
  hasBadge: boolean;
  activeAwards: number;
  updatedAt: Date;
}

/** A definition with the version new awards get; `current` is null until it is first published. */
export interface DefinitionWithCurrent {
  definition: CredentialDefinitionEntity;
  current: CredentialVersionEntity | null;
}

const SORT_SQL: Record<CredentialSortField, string> = {
  code: 'd.code',
  title: `lower(v.title->>'en')`,
  category: 'd.category',
  updatedAt: 'd.updated_at',
};

export type NewVersion = Omit<
  CredentialVersionEntity,
  'id' | 'definition' | 'badgeImage' | 'createdAt' | 'updatedAt'
>;

/** Thrown when a write hits the unique index on `credential_definition.code`. */
export class DuplicateCredentialCodeError extends Error {}

@Injectable()
export class CredentialRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get definitions() {
    return this.txHost.tx.getRepository(CredentialDefinitionEntity);
  }

  private get versions() {
    return this.txHost.tx.getRepository(CredentialVersionEntity);
  }

  /** One catalogue page, filtered, searched and sorted in PostgreSQL. */
  async findPage(query: CredentialPageQuery): Promise<{ rows: CredentialSummaryRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.status !== 'all') where.push(`d.status = ${param(query.status)}`);
    if (query.category) where.push(`d.category = ${param(query.category)}`);
    if (query.q) {
      const p = param(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(d.code ILIKE ${p} OR v.title->>'en' ILIKE ${p} OR v.title->>'de' ILIKE ${p}
                   OR v.awarding_body_name ILIKE ${p})`);
    }
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT ${SELECT_SUMMARY}, count(*) OVER () AS total
         FROM ${FROM_SUMMARY}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${SORT_SQL[query.sort.field]} ${direction}, d.code
        LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0]['total']) : 0;
    if (rows.length === 0 && query.page > 1) {
      total = (await this.findPage({ ...query, page: 1, pageSize: 1 })).total;
    }
    return { rows: rows.map(toSummaryRow), total };
  }

  findById(id: string): Promise<CredentialDefinitionEntity | null> {
    return this.definitions.findOneBy({ id });
  }

  /** Locks the definition for the rest of the transaction: edits, publishing and archiving queue up. */
  findByIdForUpdate(id: string): Promise<CredentialDefinitionEntity | null> {
    return this.definitions
      .createQueryBuilder('d')
      .where('d.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  existsByCode(code: string): Promise<boolean> {
    return this.definitions.existsBy({ code });
  }

  /**
   * Definitions by ID or code with their current version, share-locked when `lock` is set so that they cannot
   * be archived or republished while awards are being issued against them.
   */
  async findWithCurrent(
    by: { ids: readonly string[] } | { codes: readonly string[] },
    lock = false,
  ): Promise<DefinitionWithCurrent[]> {
    const ids = 'ids' in by ? [...new Set(by.ids)] : null;
    const codes = 'codes' in by ? [...new Set(by.codes)] : null;
    if ((ids ?? codes ?? []).length === 0) return [];
    const qb = this.definitions.createQueryBuilder('d');
    if (ids) qb.where('d.id IN (:...ids)', { ids });
    else qb.where('d.code IN (:...codes)', { codes });
    if (lock) qb.orderBy('d.id').setLock('pessimistic_read');
    const definitions = await qb.getMany();
    const currentIds = definitions.map((d) => d.currentVersionId).filter((id): id is string => id !== null);
    const versions = currentIds.length > 0 ? await this.versions.findBy({ id: In(currentIds) }) : [];
    const byId = new Map(versions.map((v) => [v.id, v]));
    return definitions.map((definition) => ({
      definition,
      current: definition.currentVersionId ? (byId.get(definition.currentVersionId) ?? null) : null,
    }));
  }

  /** Every version of a definition, newest first, with badge info (not the bytes). */
  versionsOf(definitionId: string): Promise<CredentialVersionEntity[]> {
    return this.versions.find({
      where: { definitionId },
      relations: { badgeImage: true },
      order: { version: 'DESC' },
    });
  }

  findVersion(id: string): Promise<CredentialVersionEntity | null> {
    return this.versions.findOneBy({ id });
  }

  findDraft(definitionId: string): Promise<CredentialVersionEntity | null> {
    return this.versions.findOneBy({ definitionId, publishedAt: IsNull() });
  }

  async nextVersionNumber(definitionId: string): Promise<number> {
    const rows: Array<{ next: number }> = await this.txHost.tx.query(
      `SELECT COALESCE(max(version), 0) + 1 AS next FROM credential_definition_version WHERE definition_id = $1`,
      [definitionId],
    );
    return Number(rows[0].next);
  }

  async countActiveAwards(definitionId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.txHost.tx.query(
      `SELECT count(*)::int AS n FROM award WHERE definition_id = $1 AND status = 'active'`,
      [definitionId],
    );
    return rows[0].n;
  }

  async insertDefinition(
    definition: Pick<CredentialDefinitionEntity, 'code' | 'category' | 'escoSkillUri'> &
      Partial<Pick<CredentialDefinitionEntity, 'status'>>,
  ): Promise<CredentialDefinitionEntity> {
    try {
      return await this.definitions.save(
        this.definitions.create({ status: 'draft', currentVersionId: null, ...definition }),
      );
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'uq_credential_definition_code'
      ) {
        throw new DuplicateCredentialCodeError();
      }
      throw error;
    }
  }

  /**
   * Changes a definition's own fields and bumps its revision (also when nothing else changed, so that a
   * change to its draft or badge counts as a change of the definition).
   */
  async touchDefinition(
    id: string,
    changes: Partial<
      Pick<CredentialDefinitionEntity, 'category' | 'escoSkillUri' | 'status' | 'currentVersionId'>
    >,
  ): Promise<void> {
    // The update builder adds `revision + 1` and `updated_at = now()` by itself.
    await this.definitions.update({ id }, { ...changes, id });
  }

  insertVersion(version: NewVersion): Promise<CredentialVersionEntity> {
    return this.versions.save(this.versions.create(version));
  }

  async updateVersion(id: string, changes: Partial<CredentialVersionEntity>): Promise<void> {
    await this.versions.update({ id }, changes);
  }

  /** Stores the image once per content and returns its ID (an identical upload reuses the stored one). */
  async saveBadgeImage(info: BadgeImageInfo, content: Buffer): Promise<string> {
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `INSERT INTO credential_badge_image (sha256, mime_type, size, width, height, content)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256
       RETURNING id`,
      [info.sha256, info.mimeType, info.size, info.width, info.height, content],
    );
    return rows[0].id;
  }

  /** The badge bytes of one version of a definition. */
  async badgeOfVersion(
    definitionId: string,
    version: { id: string } | { number: number },
  ): Promise<{ mimeType: BadgeImageType; sha256: string; content: Buffer } | null> {
    const rows: Array<{ mime_type: BadgeImageType; sha256: string; content: Buffer }> =
      await this.txHost.tx.query(
        `SELECT i.mime_type, i.sha256, i.content
           FROM credential_definition_version v JOIN credential_badge_image i ON i.id = v.badge_image_id
          WHERE v.definition_id = $1 AND ${'id' in version ? 'v.id = $2' : 'v.version = $2'}`,
        [definitionId, 'id' in version ? version.id : version.number],
      );
    return rows.length > 0
      ? { mimeType: rows[0].mime_type, sha256: rows[0].sha256, content: rows[0].content }
      : null;
  }
}

const FROM_SUMMARY = `credential_definition d
  LEFT JOIN credential_definition_version dv ON dv.definition_id = d.id AND dv.published_at IS NULL
  LEFT JOIN credential_definition_version cv ON cv.id = d.current_version_id
  JOIN credential_definition_version v ON v.id = COALESCE(d.current_version_id, dv.id)`;

const SELECT_SUMMARY = `d.id, d.code, d.category, d.esco_skill_uri, d.status, d.updated_at,
  v.title, v.awarding_body_name, v.awarding_body_country, v.validity_months, v.badge_image_id IS NOT NULL AS has_badge,
  cv.version AS current_version, dv.version AS draft_version,
  (SELECT count(*) FROM award a WHERE a.definition_id = d.id AND a.status = 'active')::int AS active_awards`;

function toSummaryRow(r: Record<string, unknown>): CredentialSummaryRow {
  return {
    id: r['id'] as string,
    code: r['code'] as string,
    category: r['category'] as CredentialCategory,
    escoSkillUri: (r['esco_skill_uri'] as string | null) ?? null,
    status: r['status'] as CredentialDefinitionStatus,
    title: r['title'] as LocalizedText,
    awardingBodyName: r['awarding_body_name'] as string,
    awardingBodyCountry: r['awarding_body_country'] as string,
    validityMonths: (r['validity_months'] as number | null) ?? null,
    currentVersion: (r['current_version'] as number | null) ?? null,
    draftVersion: (r['draft_version'] as number | null) ?? null,
    hasBadge: r['has_badge'] === true,
    activeAwards: Number(r['active_awards']),
    updatedAt: r['updated_at'] as Date,
  };
}
