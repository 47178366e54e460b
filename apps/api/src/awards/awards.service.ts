import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  AWARD_BATCH_MAX_ISSUES,
  AWARD_SORT_FIELDS,
  DEFAULT_PAGE_SIZE,
  parseSort,
  type Award,
  type AwardBatchItem,
  type AwardBatchResult,
  type AwardPage,
  type AwardPreview,
  type StaffCredentials,
} from '@brevet/contracts';
import { dayIn } from '@brevet/domain';
import { AuditLog } from '../audit/audit-log.service';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { ALL_BRANCHES, type AccessScope } from '../auth/actor';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/domain.exception';
import { StaffNotFoundException } from '../staff/staff.exceptions';
import { awardBatchRecord, awardLabel, batchCreatedAwards, singleAwardRecord } from './award-audit.util';
import { readAwardCsv } from './award-csv.util';
import type { AwardUpload } from './award-import-upload';
import { AwardIssuingService, type AwardCandidate } from './award-issuing.service';
import type {
  AwardListQueryDto,
  AwardPreviewQueryDto,
  BulkAwardDto,
  IssueAwardDto,
  RenewAwardDto,
  RevokeAwardDto,
} from './award.dto';
import {
  AwardAssessmentFailedException,
  AwardBatchRejectedException,
  AwardNotFoundException,
  AwardNotRenewableException,
  AwardNotRevocableException,
} from './award.exceptions';
import { mapAward, mapStaffCredentials } from './award.mapper';
import { AwardRepository } from './award.repository';

/** The result of issuing one award: `created` is false when the completion was already recorded. */
export interface IssuedAward {
  award: Award;
  created: boolean;
}

/**
 * Awards: issue (one, a roster, a CSV file), renew, revoke, list and show. Reads take the caller's scope (the
 * awarded person's current branch), applied in SQL; an award outside it is "not found". Issuing needs
 * AwardsWrite, which only company-wide roles hold; revoke and renew also look the award up within the scope.
 */
@Injectable()
export class AwardsService {
  constructor(
    private readonly awards: AwardRepository,
    private readonly issuing: AwardIssuingService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly webhookEvents: WebhookEvents,
  ) {}

  async list(query: AwardListQueryDto, scope: AccessScope): Promise<AwardPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const now = this.clock.now();
    const { rows, total } = await this.awards.findPage(
      {
        page,
        pageSize,
        sort: query.sort
          ? parseSort(query.sort, AWARD_SORT_FIELDS, 'issuedOn')
          : { field: 'issuedOn', direction: 'desc' },
        staffId: query.staffId,
        definitionId: query.definitionId,
        branchId: query.branchId,
        status: query.status,
        expiringWithinDays: query.expiringWithinDays,
        now,
      },
      scope,
    );
    return { items: rows.map((row) => mapAward(row, now)), total, page, pageSize };
  }

  async get(id: string, scope: AccessScope): Promise<Award> {
    const row = await this.awards.findRow(id, scope);
    if (!row) throw new AwardNotFoundException(id);
    return mapAward(row, this.clock.now());
  }

  /**
   * Issues one award; `validUntil` follows the domain rules from the person's current award, which the new
   * one supersedes. Recording a completion that is already recorded returns the existing award.
   */
  async issue(request: IssueAwardDto): Promise<IssuedAward> {
    const item = await this.txHost.withTransaction(async () => {
      const issued = await this.issueOne({ id: request.staffId }, { id: request.definitionId }, request);
      if (issued.outcome !== 'unchanged')
        await this.audit.record(singleAwardRecord('award.issued', issued, request.issuer));
      return issued;
    });
    return this.issuedAward(item);
  }

  /** Renews an active award: issues the same credential to the same person from a new completion. */
  async renew(id: string, request: RenewAwardDto, scope: AccessScope): Promise<IssuedAward> {
    const item = await this.txHost.withTransaction(async () => {
      const award = await this.awards.findRow(id, scope);
      if (!award) throw new AwardNotFoundException(id);
      if (award.status !== 'active') throw new AwardNotRenewableException(award.status);
      const renewed = await this.issueOne({ id: award.staffId }, { id: award.definitionId }, request);
      if (renewed.outcome !== 'unchanged')
        await this.audit.record(singleAwardRecord('award.renewed', renewed, request.issuer, award));
      return renewed;
    });
    return this.issuedAward(item);
  }

  /** Revokes an active award, with a reason. Earlier (superseded) awards are not reinstated. */
  async revoke(id: string, request: RevokeAwardDto, scope: AccessScope): Promise<Award> {
    await this.txHost.withTransaction(async () => {
      const award = await this.awards.findByIdForUpdate(id);
      const row = award ? await this.awards.findRow(id, scope) : null;
      if (!award || !row) throw new AwardNotFoundException(id);
      if (award.status !== 'active') throw new AwardNotRevocableException(award.status);
      const revokedBy = request.revokedBy ?? null;
      await this.awards.revoke(id, this.clock.now(), revokedBy, request.reason);
      await this.webhookEvents.credentialRevoked(id);
      await this.audit.record({
        action: 'award.revoked',
        target: { type: 'award', id, label: awardLabel(row.definitionCode, row.employeeNumber) },
        before: { status: 'active' },
        after: { status: 'revoked', revokedBy },
        details: { reason: request.reason },
      });
    });
    return this.get(id, scope);
  }

  /** What issuing would do, and why: the same planning as issuing, nothing saved. */
  async preview(query: AwardPreviewQueryDto): Promise<AwardPreview> {
    const { problems, planned } = await this.issuing.run(
      [this.candidate({ id: query.staffId }, { id: query.definitionId }, { completedOn: query.completedOn })],
      { source: 'single', issuer: 'preview', dryRun: true, allowRevokedDay: true },
    );
    if (problems.length > 0) throw problems[0].exception();
    const plan = planned[0];
    const previousId = plan.outcome === 'renew' ? plan.relatedAwardId : null;
    const previous = previousId ? await this.get(previousId, ALL_BRANCHES) : null;
    return {
      staffId: query.staffId,
      definitionId: query.definitionId,
      versionId: plan.version.id,
      version: plan.version.number,
      completedOn: query.completedOn,
      outcome: plan.outcome,
      previous: previous
        ? {
            id: previous.id,
            issuedOn: previous.issuedOn,
            validUntil: previous.validUntil,
            status: previous.status,
          }
        : null,
      renewal: plan.renewal,
    };
  }

  /** A roster: one credential, one completion day, many people; all or nothing. */
  async bulk(request: BulkAwardDto): Promise<AwardBatchResult> {
    if (request.assessmentResult?.passed === false) throw new AwardAssessmentFailedException();
    const candidates = request.staffIds.map((staffId, index) => ({
      ...this.candidate({ id: staffId }, { id: request.definitionId }, request),
      index,
    }));
    const result = await this.txHost.withTransaction(async () => {
      const { result: planned } = await this.issuing.run(candidates, {
        source: 'bulk',
        issuer: request.issuer,
        dryRun: request.dryRun ?? false,
        allowRevokedDay: false,
      });
      if (batchCreatedAwards(planned))
        await this.audit.record(awardBatchRecord('bulk', planned, request.issuer));
      return planned;
    });
    if (!result.dryRun && result.errorCount > 0)
      throw new AwardBatchRejectedException(result.issues, result.errorCount);
    return result;
  }

  /**
   * A CSV file (`employee_number, credential_code, completed_on, score`): read and checked completely first,
   * then applied in one transaction, or not at all. Synchronous: files are limited to 5,000 rows.
   */
  async importFile(upload: AwardUpload): Promise<AwardBatchResult> {
    const issuer = (upload.fields['issuer'] ?? '').trim();
    if (issuer.length < 1 || issuer.length > 200) {
      throw new ValidationFailedException([{ field: 'issuer', message: 'is required (1–200 characters)' }]);
    }
    const dryRun = ['true', '1', 'yes'].includes((upload.fields['dryRun'] ?? '').toLowerCase());
    const file = readAwardCsv(upload.content);
    const fileErrors = file.issues.filter((i) => i.severity === 'error').length;
    const candidates: AwardCandidate[] = file.rows.map((r) => ({
      index: null,
      row: r.row,
      staff: { employeeNumber: r.employeeNumber },
      definition: { code: r.credentialCode },
      completedOn: r.completedOn,
      assessmentResult: r.score === null ? null : { score: r.score, passed: true },
      evidenceId: null,
      columns: {
        staff: file.columns.employee_number,
        credential: file.columns.credential_code,
        completedOn: file.columns.completed_on,
      },
    }));
    // Rows with broken cells are already reported; the others are still checked, so one upload lists every
    // problem. A file with any error is planned only.
    const merged = await this.txHost.withTransaction(async () => {
      const { result } = await this.issuing.run(candidates, {
        source: 'import',
        issuer,
        dryRun: dryRun || fileErrors > 0,
        allowRevokedDay: false,
      });
      const issues = [...file.issues, ...result.issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      const errorCount = fileErrors + result.errorCount;
      const outcome: AwardBatchResult = {
        ...result,
        dryRun,
        applied: result.applied,
        counts: { ...result.counts, items: file.dataRows },
        errorCount,
        warningCount: issues.length - errorCount,
        issues: issues.slice(0, AWARD_BATCH_MAX_ISSUES),
        file: { name: upload.fileName, encoding: file.encoding, delimiter: file.delimiter },
      };
      if (batchCreatedAwards(outcome)) await this.audit.record(awardBatchRecord('import', outcome, issuer));
      return outcome;
    });
    if (!dryRun && merged.errorCount > 0)
      throw new AwardBatchRejectedException(merged.issues, merged.errorCount);
    return merged;
  }

  /** A person's certificates: per credential the award that counts today (or the latest) and its history. */
  async staffCredentials(staffId: string, scope: AccessScope): Promise<StaffCredentials> {
    const person = await this.awards.findStaff(staffId, scope);
    if (!person) throw new StaffNotFoundException(staffId);
    const rows = await this.awards.rowsOfStaff(staffId, scope);
    const now = this.clock.now();
    return { staffId, today: dayIn(now, person.timezone), items: mapStaffCredentials(rows, now) };
  }

  /** Issues one award (inside the caller's transaction) and returns what the engine did for it. */
  private async issueOne(
    staff: { id: string },
    definition: { id: string },
    request: IssueAwardDto | RenewAwardDto,
  ): Promise<AwardBatchItem & { awardId: string }> {
    if (request.assessmentResult?.passed === false) throw new AwardAssessmentFailedException();
    const { problems, result } = await this.issuing.run([this.candidate(staff, definition, request)], {
      source: 'single',
      issuer: request.issuer,
      dryRun: false,
      allowRevokedDay: true,
    });
    if (problems.length > 0) throw problems[0].exception();
    // Not a dry run: every planned item has its award's ID.
    return result.items[0] as AwardBatchItem & { awardId: string };
  }

  private async issuedAward(item: AwardBatchItem & { awardId: string }): Promise<IssuedAward> {
    return { award: await this.get(item.awardId, ALL_BRANCHES), created: item.outcome !== 'unchanged' };
  }

  private candidate(
    staff: { id: string },
    definition: { id: string },
    request: Partial<Pick<IssueAwardDto, 'assessmentResult' | 'evidenceId'>> & { completedOn: string },
  ): AwardCandidate {
    return {
      index: null,
      row: null,
      staff,
      definition,
      completedOn: request.completedOn,
      assessmentResult: request.assessmentResult ?? null,
      evidenceId: request.evidenceId ?? null,
    };
  }
}
