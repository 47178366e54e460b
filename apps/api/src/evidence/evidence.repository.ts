import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type {
  CredentialCategory,
  CredentialDefinitionStatus,
  EvidenceMediaType,
  EvidenceSortField,
  EvidenceStatus,
  LocalizedText,
  SortDirection,
  StaffStatus,
} from '@brevet/contracts';
import { QueryFailedError } from 'typeorm';
import type { AccessScope } from '../auth/actor';
import { branchScopeSql } from '../database/scope.util';

/** Evidence with everything its response needs, in one row (never the file's bytes). */
export interface EvidenceRow {
  id: string;
  status: EvidenceStatus;
  staffId: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  branchId: string;
  branchCode: string;
  branchName: string;
  definitionId: string;
  definitionCode: string;
  category: CredentialCategory;
  title: LocalizedText;
  issuedOn: string;
  expiresOn: string | null;
  note: string | null;
  fileName: string;
  mediaType: EvidenceMediaType;
  fileSize: number;
  fileSha256: string;
  submittedByUserId: string | null;
  submittedByName: string;
  submittedAt: Date;
  decidedByUserId: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  awardId: string | null;
}

/**
 * Which evidence a caller may see, applied in SQL:
 * - `approver`: evidence about people whose current branch is in the scope (the approvals inbox);
 * - `own`: evidence about the person themself (`/me/evidence`);
 * - `viewer`: a single item for whoever may see it: the person it is about, whoever submitted it, and (with
 *   `approverScope`) approvers in whose scope the person is.
 */
export type EvidenceVisibility =
  | { kind: 'approver'; scope: AccessScope }
  | { kind: 'own'; staffId: string }
  | { kind: 'viewer'; userId: string; staffId: string | null; approverScope: AccessScope | null };

export interface EvidencePageQuery {
  page: number;
  pageSize: number;
  sort: { field: EvidenceSortField; direction: SortDirection };
  status?: EvidenceStatus;
  branchId?: string;
  definitionId?: string;
  staffId?: string;
  q?: string;
}

export interface NewEvidence {
  staffId: string;
  definitionId: string;
  issuedOn: string;
  expiresOn: string | null;
  note: string | null;
  fileName: string;
  mediaType: EvidenceMediaType;
  fileSize: number;
  fileSha256: string;
  submittedByUserId: string;
  submittedByName: string;
  submittedAt: Date;
}

export interface EvidenceDecision {
  status: Exclude<EvidenceStatus, 'pending'>;
  userId: string;
  name: string;
  at: Date;
  rejectReason?: string | null;
  awardId?: string | null;
}

/** A person as submitting evidence needs them. */
export interface EvidenceSubject {
  id: string;
  employeeNumber: string;
  status: StaffStatus;
  timezone: string;
}

export interface EvidenceDefinition {
  id: string;
  code: string;
  status: CredentialDefinitionStatus;
  /** Has a current (published) version. */
  published: boolean;
}

export interface EvidenceCredentialOptionRow {
  id: string;
  code: string;
  category: CredentialCategory;
  title: LocalizedText;
}

/** A second pending submission for the same person and credential (`uq_evidence_pending`). */
export class DuplicatePendingEvidenceError extends Error {}

const SORT_SQL: Record<EvidenceSortField, string> = {
  submittedAt: 'e.submitted_at',
  issuedOn: 'e.issued_on',
  staff: 's.family_name',
  credential: 'd.code',
};

const SELECT_EVIDENCE = `e.id, e.status, e.staff_id, s.employee_number, s.given_name, s.family_name, s.branch_id,
  b.code AS branch_code, b.name AS branch_name, e.definition_id, d.code AS definition_code, d.category,
  COALESCE(v.title, jsonb_build_object('en', d.code, 'de', d.code)) AS title,
  e.issued_on::text, e.expires_on::text, e.note, e.file_name, e.media_type, e.file_size, e.file_sha256,
  e.submitted_by_user_id, e.submitted_by_name, e.submitted_at, e.decided_by_user_id, e.decided_by_name,
  e.decided_at, e.reject_reason, e.award_id`;

const FROM_EVIDENCE = `evidence e
  JOIN staff s ON s.id = e.staff_id
  JOIN branch b ON b.id = s.branch_id
  JOIN credential_definition d ON d.id = e.definition_id
  LEFT JOIN credential_definition_version v ON v.id = d.current_version_id`;

type Param = (value: unknown) => string;

function visibilitySql(visibility: EvidenceVisibility, param: Param): string {
  switch (visibility.kind) {
    case 'approver':
      return branchScopeSql(visibility.scope, 's.branch_id', param) ?? 'TRUE';
    case 'own':
      return `e.staff_id = ${param(visibility.staffId)}`;
    case 'viewer': {
      const either = [`e.submitted_by_user_id = ${param(visibility.userId)}`];
      if (visibility.staffId) either.push(`e.staff_id = ${param(visibility.staffId)}`);
      if (visibility.approverScope)
        either.push(branchScopeSql(visibility.approverScope, 's.branch_id', param) ?? 'TRUE');
      return `(${either.join(' OR ')})`;
    }
  }
}

function params(initial: unknown[] = []): { values: unknown[]; param: Param } {
  const values = [...initial];
  return {
    values,
    param: (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

@Injectable()
export class EvidenceRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** One page of evidence the caller may see; filters, search, sorting and paging in PostgreSQL. */
  async findPage(
    query: EvidencePageQuery,
    visibility: EvidenceVisibility,
  ): Promise<{ rows: EvidenceRow[]; total: number }> {
    const { values, param } = params();
    const where = [visibilitySql(visibility, param)];
    if (query.status) where.push(`e.status = ${param(query.status)}`);
    if (query.branchId) where.push(`s.branch_id = ${param(query.branchId)}`);
    if (query.definitionId) where.push(`e.definition_id = ${param(query.definitionId)}`);
    if (query.staffId) where.push(`e.staff_id = ${param(query.staffId)}`);
    if (query.q) {
      const like = param(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`((s.given_name || ' ' || s.family_name) ILIKE ${like} OR (s.family_name || ' ' || s.given_name) ILIKE ${like}
        OR s.employee_number ILIKE ${like} OR d.code ILIKE ${like}
        OR v.title->>'en' ILIKE ${like} OR v.title->>'de' ILIKE ${like})`);
    }
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT ${SELECT_EVIDENCE}, count(*) OVER () AS total
         FROM ${FROM_EVIDENCE}
        WHERE ${where.join(' AND ')}
        ORDER BY ${SORT_SQL[query.sort.field]} ${direction}, e.submitted_at ${direction}, e.id
        LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      values,
    );
    let total = rows.length > 0 ? Number(rows[0]['total']) : 0;
    if (rows.length === 0 && query.page > 1) {
      total = (await this.findPage({ ...query, page: 1, pageSize: 1 }, visibility)).total;
    }
    return { rows: rows.map(toEvidenceRow), total };
  }

  /** The evidence, or null when unknown or not visible to the caller. */
  async findRow(id: string, visibility: EvidenceVisibility): Promise<EvidenceRow | null> {
    return this.one(id, visibility, false);
  }

  /**
   * The evidence, row-locked until the transaction ends (a concurrent decision waits here, then sees the
   * first one's outcome), or null when unknown or not visible to the caller.
   */
  async lockRow(id: string, visibility: EvidenceVisibility): Promise<EvidenceRow | null> {
    return this.one(id, visibility, true);
  }

  private async one(id: string, visibility: EvidenceVisibility, lock: boolean): Promise<EvidenceRow | null> {
    const { values, param } = params([id]);
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT ${SELECT_EVIDENCE} FROM ${FROM_EVIDENCE}
        WHERE e.id = $1 AND ${visibilitySql(visibility, param)}
        ${lock ? 'FOR UPDATE OF e' : ''}`,
      values,
    );
    return rows.length > 0 ? toEvidenceRow(rows[0]) : null;
  }

  /** The file's bytes (the caller has checked that the evidence is visible). */
  async fileContent(id: string): Promise<Buffer | null> {
    const rows: Array<{ content: Buffer }> = await this.txHost.tx.query(
      `SELECT content FROM evidence_file WHERE evidence_id = $1`,
      [id],
    );
    return rows[0]?.content ?? null;
  }

  /** Stores a pending submission and its file; refuses a second pending one for the same pair. */
  async insert(evidence: NewEvidence, content: Buffer): Promise<string> {
    try {
      const rows: Array<{ id: string }> = await this.txHost.tx.query(
        `INSERT INTO evidence (staff_id, definition_id, status, issued_on, expires_on, note, file_name, media_type,
                               file_size, file_sha256, submitted_by_user_id, submitted_by_name, submitted_at)
         VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING id`,
        [
          evidence.staffId,
          evidence.definitionId,
          evidence.issuedOn,
          evidence.expiresOn,
          evidence.note,
          evidence.fileName,
          evidence.mediaType,
          evidence.fileSize,
          evidence.fileSha256,
          evidence.submittedByUserId,
          evidence.submittedByName,
          evidence.submittedAt.toISOString(),
        ],
      );
      const id = rows[0].id;
      await this.txHost.tx.query(`INSERT INTO evidence_file (evidence_id, content) VALUES ($1, $2)`, [
        id,
        content,
      ]);
      return id;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_evidence_pending')) throw new DuplicatePendingEvidenceError();
      throw error;
    }
  }

  /** Records a decision on a pending submission (approved, rejected or withdrawn). */
  async decide(id: string, decision: EvidenceDecision): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE evidence
          SET status = $2, decided_by_user_id = $3, decided_by_name = $4, decided_at = $5,
              reject_reason = $6, award_id = $7
        WHERE id = $1 AND status = 'pending'`,
      [
        id,
        decision.status,
        decision.userId,
        decision.name,
        decision.at.toISOString(),
        decision.rejectReason ?? null,
        decision.awardId ?? null,
      ],
    );
  }

  /** A person within the scope, with their branch's time zone; null when unknown or outside it. */
  async findSubject(staffId: string, scope: AccessScope): Promise<EvidenceSubject | null> {
    const { values, param } = params([staffId]);
    const where = ['s.id = $1', branchScopeSql(scope, 's.branch_id', param) ?? 'TRUE'];
    const rows: Array<Record<string, string>> = await this.txHost.tx.query(
      `SELECT s.id, s.employee_number, s.status, b.timezone FROM staff s JOIN branch b ON b.id = s.branch_id
        WHERE ${where.join(' AND ')}`,
      values,
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      id: r['id'],
      employeeNumber: r['employee_number'],
      status: r['status'] as StaffStatus,
      timezone: r['timezone'],
    };
  }

  async findDefinition(id: string): Promise<EvidenceDefinition | null> {
    const rows: Array<{ id: string; code: string; status: CredentialDefinitionStatus; published: boolean }> =
      await this.txHost.tx.query(
        `SELECT id, code, status, current_version_id IS NOT NULL AS published FROM credential_definition WHERE id = $1`,
        [id],
      );
    return rows[0] ?? null;
  }

  /** Every published definition with its current title, by code. */
  async credentialOptions(): Promise<EvidenceCredentialOptionRow[]> {
    return this.txHost.tx.query(
      `SELECT d.id, d.code, d.category, v.title
         FROM credential_definition d JOIN credential_definition_version v ON v.id = d.current_version_id
        WHERE d.status = 'published'
        ORDER BY d.code`,
    );
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

function toEvidenceRow(r: Record<string, unknown>): EvidenceRow {
  return {
    id: r['id'] as string,
    status: r['status'] as EvidenceStatus,
    staffId: r['staff_id'] as string,
    employeeNumber: r['employee_number'] as string,
    givenName: r['given_name'] as string,
    familyName: r['family_name'] as string,
    branchId: r['branch_id'] as string,
    branchCode: r['branch_code'] as string,
    branchName: r['branch_name'] as string,
    definitionId: r['definition_id'] as string,
    definitionCode: r['definition_code'] as string,
    category: r['category'] as CredentialCategory,
    title: r['title'] as LocalizedText,
    issuedOn: r['issued_on'] as string,
    expiresOn: (r['expires_on'] as string | null) ?? null,
    note: (r['note'] as string | null) ?? null,
    fileName: r['file_name'] as string,
    mediaType: r['media_type'] as EvidenceMediaType,
    fileSize: Number(r['file_size']),
    fileSha256: r['file_sha256'] as string,
    submittedByUserId: (r['submitted_by_user_id'] as string | null) ?? null,
    submittedByName: r['submitted_by_name'] as string,
    submittedAt: new Date(r['submitted_at'] as string | Date),
    decidedByUserId: (r['decided_by_user_id'] as string | null) ?? null,
    decidedByName: (r['decided_by_name'] as string | null) ?? null,
    decidedAt: r['decided_at'] ? new Date(r['decided_at'] as string | Date) : null,
    rejectReason: (r['reject_reason'] as string | null) ?? null,
    awardId: (r['award_id'] as string | null) ?? null,
  };
}
