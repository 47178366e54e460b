import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  DEFAULT_PAGE_SIZE,
  EVIDENCE_SORT_FIELDS,
  Permission,
  parseSort,
  type Evidence,
  type EvidenceCredentialOption,
  type EvidencePage,
  type EvidenceStatus,
  type MyEvidencePage,
} from '@brevet/contracts';
import { dayIn } from '@brevet/domain';
import { createHash } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.service';
import { ALL_BRANCHES, type AccessScope, type Actor } from '../auth/actor';
import { awardLabel } from '../awards/award-audit.util';
import { AwardsService } from '../awards/awards.service';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/domain.exception';
import { SelfNotLinkedException } from '../self-service/self-service.exceptions';
import { checkEvidenceFile, sanitizeEvidenceFileName } from './evidence-file.util';
import type { EvidenceUpload } from './evidence-upload';
import type { EvidenceListQueryDto, RejectEvidenceDto } from './evidence.dto';
import {
  EvidenceAlreadyPendingException,
  EvidenceCredentialNotPublishedException,
  EvidenceCredentialUnknownException,
  EvidenceFileTypeException,
  EvidenceIssuedInFutureException,
  EvidenceNotFoundException,
  EvidenceNotPendingException,
  EvidenceStaffLeftException,
  EvidenceStaffUnknownException,
  OwnEvidenceException,
} from './evidence.exceptions';
import { mapEvidence, mapEvidenceCredentialOption } from './evidence.mapper';
import {
  DuplicatePendingEvidenceError,
  EvidenceRepository,
  type EvidenceRow,
  type EvidenceVisibility,
} from './evidence.repository';

/** A file to serve: the stored (sniffed) type and the cleaned name, never what the uploader declared. */
export interface EvidenceDownload {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/**
 * Evidence and approval (docs/catalogue-and-awards.md, "Evidence and approval"). Anyone with Self submits for
 * themselves, approvers for people in their scope. Approving issues the award through `AwardsService.issue`
 * in the same transaction, counting from the certificate's date. Who may see an item is decided in SQL
 * (`EvidenceVisibility`); an item the caller may not see answers 404 like an unknown one. Every change is
 * audited, last in its transaction.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly awards: AwardsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** The approvals inbox: evidence about people in the caller's scope; pending unless asked otherwise. */
  inbox(query: EvidenceListQueryDto, actor: Actor): Promise<EvidencePage> {
    return this.page(
      query,
      { kind: 'approver', scope: actor.scope },
      { status: 'pending', sort: 'submittedAt' },
      actor,
    );
  }

  /** The caller's own evidence (about them), every status unless asked otherwise, newest first. */
  async mine(query: EvidenceListQueryDto, actor: Actor): Promise<MyEvidencePage> {
    const staffId = this.ownStaffId(actor);
    const page = await this.page(
      query,
      { kind: 'own', staffId },
      { status: 'all', sort: '-submittedAt' },
      actor,
    );
    return { staffId, ...page };
  }

  async get(id: string, actor: Actor): Promise<Evidence> {
    const row = await this.evidence.findRow(id, viewer(actor));
    if (!row) throw new EvidenceNotFoundException(id);
    return mapEvidence(row, actor);
  }

  async download(id: string, actor: Actor): Promise<EvidenceDownload> {
    const row = await this.evidence.findRow(id, viewer(actor));
    const content = row ? await this.evidence.fileContent(id) : null;
    if (!row || !content) throw new EvidenceNotFoundException(id);
    return { fileName: row.fileName, mediaType: row.mediaType, content };
  }

  /** What one can submit evidence for: every published credential. */
  async credentialOptions(): Promise<EvidenceCredentialOption[]> {
    return (await this.evidence.credentialOptions()).map(mapEvidenceCredentialOption);
  }

  /** Evidence for oneself (`/me/evidence`): the person is the caller's own staff record. */
  submitOwn(upload: EvidenceUpload, actor: Actor): Promise<Evidence> {
    return this.submit(upload, { staffId: this.ownStaffId(actor), scope: ALL_BRANCHES, own: true }, actor);
  }

  /** Evidence for a person in the approver's scope; anyone else is an unknown person. */
  submitFor(upload: EvidenceUpload, actor: Actor): Promise<Evidence> {
    const staffId = upload.fields.staffId;
    if (!staffId) throw new ValidationFailedException([{ field: 'staffId', message: 'is required' }]);
    return this.submit(upload, { staffId, scope: actor.scope, own: false }, actor);
  }

  /**
   * Approves pending evidence and issues the award from the certificate's date, in one transaction: the award
   * and the decision commit together or not at all. The row lock makes a second, concurrent approval wait and
   * then find the evidence decided (409), so one submission never yields two awards.
   */
  async approve(id: string, actor: Actor): Promise<Evidence> {
    await this.txHost.withTransaction(async () => {
      const row = await this.lockForDecision(id, actor);
      const issued = await this.awards.issue({
        staffId: row.staffId,
        definitionId: row.definitionId,
        completedOn: row.issuedOn,
        assessmentResult: null,
        evidenceId: row.id,
        issuer: actor.displayName,
      });
      await this.evidence.decide(id, {
        status: 'approved',
        userId: actor.userId,
        name: actor.displayName,
        at: this.clock.now(),
        awardId: issued.award.id,
      });
      await this.audit.record({
        action: 'evidence.approved',
        target: { type: 'evidence', id, label: awardLabel(row.definitionCode, row.employeeNumber) },
        before: { status: 'pending' },
        after: { status: 'approved', awardId: issued.award.id },
        details: {
          staffId: row.staffId,
          definitionId: row.definitionId,
          issuedOn: row.issuedOn,
          award: issued.created ? 'issued' : 'already recorded',
        },
      });
    });
    return this.get(id, actor);
  }

  /** Rejects pending evidence with a reason the person reads. */
  async reject(id: string, request: RejectEvidenceDto, actor: Actor): Promise<Evidence> {
    await this.txHost.withTransaction(async () => {
      const row = await this.lockForDecision(id, actor);
      await this.evidence.decide(id, {
        status: 'rejected',
        userId: actor.userId,
        name: actor.displayName,
        at: this.clock.now(),
        rejectReason: request.reason,
      });
      await this.audit.record({
        action: 'evidence.rejected',
        target: { type: 'evidence', id, label: awardLabel(row.definitionCode, row.employeeNumber) },
        before: { status: 'pending' },
        after: { status: 'rejected' },
        details: { reason: request.reason, staffId: row.staffId, definitionId: row.definitionId },
      });
    });
    return this.get(id, actor);
  }

  /** Whoever submitted pending evidence may take it back; for anyone else it does not exist. */
  async withdraw(id: string, actor: Actor): Promise<Evidence> {
    await this.txHost.withTransaction(async () => {
      const row = await this.evidence.lockRow(id, {
        kind: 'viewer',
        userId: actor.userId,
        staffId: null,
        approverScope: null,
      });
      if (!row) throw new EvidenceNotFoundException(id);
      if (row.status !== 'pending') throw new EvidenceNotPendingException(row.status);
      await this.evidence.decide(id, {
        status: 'withdrawn',
        userId: actor.userId,
        name: actor.displayName,
        at: this.clock.now(),
      });
      await this.audit.record({
        action: 'evidence.withdrawn',
        target: { type: 'evidence', id, label: awardLabel(row.definitionCode, row.employeeNumber) },
        before: { status: 'pending' },
        after: { status: 'withdrawn' },
        details: { staffId: row.staffId, definitionId: row.definitionId },
      });
    });
    return this.get(id, actor);
  }

  /** `subject.own`: the caller's own record (any branch); otherwise a person within `subject.scope`. */
  private async submit(
    upload: EvidenceUpload,
    subject: { staffId: string; scope: AccessScope; own: boolean },
    actor: Actor,
  ): Promise<Evidence> {
    const { fields } = upload;
    if (fields.expiresOn && fields.expiresOn < fields.issuedOn) {
      throw new ValidationFailedException([{ field: 'expiresOn', message: 'must not be before issuedOn' }]);
    }
    const type = checkEvidenceFile(upload.content, upload.declaredType, upload.fileName);
    if (!type.ok) throw new EvidenceFileTypeException(type.reason);
    const fileName = sanitizeEvidenceFileName(upload.fileName, type.mediaType);
    const sha256 = createHash('sha256').update(upload.content).digest('hex');

    const id = await this.txHost.withTransaction(async () => {
      const person = await this.evidence.findSubject(subject.staffId, subject.scope);
      if (!person) {
        if (subject.own) throw new SelfNotLinkedException();
        throw new EvidenceStaffUnknownException(subject.staffId);
      }
      if (person.status === 'left') throw new EvidenceStaffLeftException(person.employeeNumber);
      const definition = await this.evidence.findDefinition(fields.definitionId);
      if (!definition) throw new EvidenceCredentialUnknownException(fields.definitionId);
      if (definition.status !== 'published' || !definition.published) {
        throw new EvidenceCredentialNotPublishedException(definition.code);
      }
      const today = dayIn(this.clock.now(), person.timezone);
      if (fields.issuedOn > today) throw new EvidenceIssuedInFutureException(fields.issuedOn, today);

      let created: string;
      try {
        created = await this.evidence.insert(
          {
            staffId: person.id,
            definitionId: definition.id,
            issuedOn: fields.issuedOn,
            expiresOn: fields.expiresOn ?? null,
            note: fields.note ?? null,
            fileName,
            mediaType: type.mediaType,
            fileSize: upload.content.length,
            fileSha256: sha256,
            submittedByUserId: actor.userId,
            submittedByName: actor.displayName,
            submittedAt: this.clock.now(),
          },
          upload.content,
        );
      } catch (error) {
        if (error instanceof DuplicatePendingEvidenceError) throw new EvidenceAlreadyPendingException();
        throw error;
      }
      await this.audit.record({
        action: 'evidence.submitted',
        target: { type: 'evidence', id: created, label: awardLabel(definition.code, person.employeeNumber) },
        after: {
          status: 'pending',
          staffId: person.id,
          definitionId: definition.id,
          issuedOn: fields.issuedOn,
          expiresOn: fields.expiresOn ?? null,
          file: { name: fileName, mediaType: type.mediaType, size: upload.content.length, sha256 },
        },
        details: { for: subject.own ? 'self' : 'someone in scope' },
      });
      return created;
    });
    return this.get(id, actor);
  }

  /**
   * The evidence locked for a decision by an approver: it must be about someone in their scope (else 404, as
   * if unknown), about someone else and submitted by someone else (four eyes, 403), and still pending (409).
   */
  private async lockForDecision(id: string, actor: Actor): Promise<EvidenceRow> {
    const row = await this.evidence.lockRow(id, { kind: 'approver', scope: actor.scope });
    if (!row) throw new EvidenceNotFoundException(id);
    if (actor.staffId !== null && row.staffId === actor.staffId) throw new OwnEvidenceException('person');
    if (row.submittedByUserId === actor.userId) throw new OwnEvidenceException('submitter');
    if (row.status !== 'pending') throw new EvidenceNotPendingException(row.status);
    return row;
  }

  private async page(
    query: EvidenceListQueryDto,
    visibility: EvidenceVisibility,
    defaults: { status: EvidenceStatus | 'all'; sort: string },
    actor: Actor,
  ): Promise<EvidencePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const status = query.status ?? defaults.status;
    const { rows, total } = await this.evidence.findPage(
      {
        page,
        pageSize,
        sort: parseSort(query.sort || defaults.sort, EVIDENCE_SORT_FIELDS, 'submittedAt'),
        status: status === 'all' ? undefined : status,
        branchId: query.branchId,
        definitionId: query.definitionId,
        staffId: query.staffId,
        q: query.q || undefined,
      },
      visibility,
    );
    return { items: rows.map((row) => mapEvidence(row, actor)), total, page, pageSize };
  }

  private ownStaffId(actor: Actor): string {
    if (!actor.staffId) throw new SelfNotLinkedException();
    return actor.staffId;
  }
}

/** Who may see one item: the person, the submitter, and approvers in whose scope the person is. */
function viewer(actor: Actor): EvidenceVisibility {
  return {
    kind: 'viewer',
    userId: actor.userId,
    staffId: actor.staffId,
    approverScope: actor.permissions.has(Permission.EvidenceApprove) ? actor.scope : null,
  };
}
