import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  DEFAULT_PAGE_SIZE,
  EXPORT_KIND_FILTERS,
  EXPORT_KIND_FORMATS,
  Permission,
  type CreateReportSubscriptionRequest,
  type ExportFilterName,
  type FieldError,
  type ReportSubscription,
  type ReportSubscriptionPage,
} from '@brevet/contracts';
import { isIanaTimeZone } from '@brevet/domain';
import { AccessService } from '../auth/access.service';
import type { Actor } from '../auth/actor';
import { ForbiddenException } from '../auth/auth.exceptions';
import { AuditLog } from '../audit/audit-log.service';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/domain.exception';
import { AppConfig } from '../config/app-config';
import { ExportNotReadyException } from '../exports/export.exceptions';
import { EXPORT_TEXT } from '../exports/export-text';
import { ExportsService } from '../exports/exports.service';
import { JobName } from '../jobs/job-names';
import { JobOutbox } from '../jobs/job-outbox.service';
import { Mailer } from '../mail/mailer.service';
import { renderReportMail } from './report-mail.template';
import { latestReportSlot, nextReportSlot, reportJobId } from './report-schedule.util';
import { ReportSubscriptionNotFoundException } from './report-subscriptions.exceptions';
import { cadenceOf, mapReportSubscription } from './report-subscriptions.mapper';
import { ReportSubscriptionsRepository } from './report-subscriptions.repository';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** The zone when neither the request nor the subscriber's branches give one. */
const FALLBACK_ZONE = 'Europe/Berlin';
/** Subscriptions handled per check (the next check takes the rest). */
const DUE_BATCH = 200;

/** What each kind needs on top of ReportsExport (as the exports module checks at run time). */
const KIND_PERMISSION = {
  'compliance-matrix': Permission.ComplianceRead,
  'compliance-people': Permission.ComplianceRead,
  awards: Permission.AwardsRead,
  'training-report': Permission.ComplianceRead,
} as const;

/**
 * Scheduled reports (docs/scheduled-reports.md): subscriptions, the check that claims due slots, and the run of
 * one slot (build the export with the subscriber's scope at that moment, then email it).
 */
@Injectable()
export class ReportSubscriptionsService {
  private readonly logger = new Logger(ReportSubscriptionsService.name);

  constructor(
    private readonly repo: ReportSubscriptionsRepository,
    private readonly exportsService: ExportsService,
    private readonly access: AccessService,
    private readonly mailer: Mailer,
    private readonly outbox: JobOutbox,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** Managers see their own subscriptions; holders of ReportSubscriptionsAll (HR admins) everyone's. */
  private ownerFilter(actor: Actor): string | null {
    return actor.permissions.has(Permission.ReportSubscriptionsAll) ? null : actor.userId;
  }

  async list(actor: Actor, page = 1, pageSize = DEFAULT_PAGE_SIZE): Promise<ReportSubscriptionPage> {
    const { rows, total } = await this.repo.findPage(this.ownerFilter(actor), page, pageSize);
    return { items: rows.map(mapReportSubscription), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<ReportSubscription> {
    const row = await this.repo.findOne(id, this.ownerFilter(actor));
    if (!row) throw new ReportSubscriptionNotFoundException();
    return mapReportSubscription(row);
  }

  /** Subscribes the signed-in person (always to their own scope; nobody subscribes others). */
  async create(actor: Actor, request: CreateReportSubscriptionRequest): Promise<ReportSubscription> {
    if (!actor.permissions.has(KIND_PERMISSION[request.kind]))
      throw new ForbiddenException('Your role does not allow exporting these records.');
    const timeZone = request.timeZone ?? (await this.repo.defaultTimeZone(actor.userId)) ?? FALLBACK_ZONE;
    validate(request, timeZone);
    const now = this.clock.now();
    const fields = {
      every: request.every,
      weekday: request.every === 'weekly' ? (request.weekday ?? null) : null,
      dayOfMonth: request.every === 'monthly' ? (request.dayOfMonth ?? null) : null,
      time: request.time,
      timeZone,
    };
    const id = await this.txHost.withTransaction(async () => {
      const created = await this.repo.insert({
        userId: actor.userId,
        kind: request.kind,
        format: request.format,
        filters: request.filters ?? {},
        language: request.language ?? null,
        ...fields,
        paused: false,
        nextRunAt: nextReportSlot(cadenceOf(fields), now).at,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'report-subscription', id: created, label: request.kind },
        after: { kind: request.kind, format: request.format, filters: request.filters ?? {}, ...fields },
        details: { change: 'created' },
      });
      return created;
    });
    return this.get(actor, id);
  }

  /** Pauses or resumes. A resumed subscription continues with the next slot; paused slots are not sent late. */
  async setPaused(actor: Actor, id: string, paused: boolean): Promise<ReportSubscription> {
    await this.txHost.withTransaction(async () => {
      const row = await this.repo.findOne(id, this.ownerFilter(actor));
      if (!row) throw new ReportSubscriptionNotFoundException();
      const now = this.clock.now();
      await this.repo.update(id, {
        paused,
        nextRunAt: paused ? null : nextReportSlot(cadenceOf(row), now).at,
        updatedAt: now,
      });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.txHost.withTransaction(async () => {
      const row = await this.repo.findOne(id, this.ownerFilter(actor));
      if (!row) throw new ReportSubscriptionNotFoundException();
      await this.repo.delete(id);
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'report-subscription', id, label: row.kind },
        before: { kind: row.kind, format: row.format, subscriber: row.userId },
        details: { change: 'deleted' },
      });
    });
  }

  // ── the schedule ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * Claims the slot of every due subscription and requests its run. Each subscription in its own transaction:
   * the run row (primary key: subscription and slot) and the outbox job are written together, so of two
   * processes checking at once only one claims a slot, and a restart never claims it again. After downtime the
   * latest missed slot is claimed, once; the ones before it are skipped. Resolves with the number claimed.
   */
  async claimDue(): Promise<number> {
    const now = this.clock.now();
    let claimed = 0;
    for (const subscription of await this.repo.due(now, DUE_BATCH)) {
      const won = await this.txHost.withTransaction(async () => {
        const cadence = cadenceOf(subscription);
        const slot = latestReportSlot(cadence, now);
        const won = await this.repo.claimRun(subscription.id, slot.at, now);
        if (won)
          await this.outbox.enqueue(
            JobName.RunReportSubscription,
            { subscriptionId: subscription.id, slot: slot.at.toISOString() },
            { jobId: reportJobId(subscription.id, slot) },
          );
        await this.repo.update(subscription.id, { nextRunAt: nextReportSlot(cadence, now).at });
        return won;
      });
      if (won) claimed++;
    }
    if (claimed > 0) this.outbox.flushSoon();
    return claimed;
  }

  /**
   * One slot: builds the export as the subscriber (their roles and scope now), then emails it. Safe to run again:
   * a settled run is left alone, the export is recorded once, and the email's key (subscriber, subscription,
   * slot day) is claimed once, so a retry never mails twice.
   */
  async runSlot(subscriptionId: string, slotIso: string): Promise<void> {
    const slotAt = new Date(slotIso);
    const run = await this.repo.findRun(subscriptionId, slotAt);
    if (!run || run.status !== 'running') return;
    const subscription = await this.repo.findEntity(subscriptionId);
    if (!subscription) return this.settle(subscriptionId, slotAt, 'skipped', 'subscription deleted');
    const actor = await this.access.actorFor(subscription.userId, `scheduled-report:${subscriptionId}`);
    if (!actor) return this.settle(subscriptionId, slotAt, 'skipped', 'account disabled or person left');
    if (
      !actor.permissions.has(Permission.ReportsExport) ||
      !actor.permissions.has(KIND_PERMISSION[subscription.kind])
    )
      return this.settle(subscriptionId, slotAt, 'skipped', 'no longer allowed to export this report');
    if (!actor.email)
      return this.settle(subscriptionId, slotAt, 'skipped', 'the account has no email address');

    const language = subscription.language ?? actor.language ?? 'en';
    let exportId = run.exportId;
    if (!exportId) {
      exportId = await this.txHost.withTransaction(async () => {
        const id = await this.exportsService.recordForCaller(actor, {
          kind: subscription.kind,
          format: subscription.format,
          language,
          filters: subscription.filters,
        });
        await this.repo.updateRun(subscriptionId, slotAt, { exportId: id });
        return id;
      });
    }
    await this.exportsService.run(exportId); // throws on a transient failure: the job retries
    let file: Awaited<ReturnType<ExportsService['download']>>;
    try {
      file = await this.exportsService.download(actor, exportId);
    } catch (error) {
      if (error instanceof ExportNotReadyException)
        return this.settle(subscriptionId, slotAt, 'failed', 'the export failed');
      throw error;
    }
    const attach = file.size <= this.config.reports.attachmentMaxBytes;
    const content = attach ? await collect(file.content) : null;
    if (!attach) file.content.destroy();
    const day = latestReportSlot(cadenceOf(subscription), slotAt).day;
    const mail = renderReportMail({
      language,
      name: actor.displayName,
      reportTitle: EXPORT_TEXT[language].kinds[subscription.kind].title,
      format: subscription.format,
      day,
      delivery: attach
        ? { attached: true }
        : {
            attached: false,
            exportsUrl: `${this.config.publicUrl}/exports`,
            sizeMb: (file.size / 1024 / 1024).toFixed(1),
          },
      manageUrl: `${this.config.publicUrl}/exports/scheduled`,
    });
    await this.txHost.withTransaction(async () => {
      const messageId = await this.mailer.queue({
        recipient: { key: `user:${actor.userId}`, address: actor.email as string, name: actor.displayName },
        reason: 'report.scheduled',
        subjectKey: subscriptionId,
        reasonDate: day,
        template: 'report-scheduled',
        language,
        subject: mail.subject,
        text: mail.text,
        html: null,
        attachments: content
          ? [{ fileName: file.fileName, contentType: file.contentType, content }]
          : undefined,
      });
      await this.repo.updateRun(subscriptionId, slotAt, {
        status: 'sent',
        mailMessageId: messageId,
        detail: attach ? 'attached' : 'link',
        finishedAt: this.clock.now(),
      });
    });
    this.outbox.flushSoon();
  }

  private async settle(
    subscriptionId: string,
    slotAt: Date,
    status: 'skipped' | 'failed',
    detail: string,
  ): Promise<void> {
    this.logger.warn(`scheduled report ${subscriptionId} at ${slotAt.toISOString()}: ${status}, ${detail}`);
    await this.repo.updateRun(subscriptionId, slotAt, { status, detail, finishedAt: this.clock.now() });
  }
}

async function collect(stream: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function validate(request: CreateReportSubscriptionRequest, timeZone: string): void {
  const errors: FieldError[] = [];
  if (!EXPORT_KIND_FORMATS[request.kind].includes(request.format))
    errors.push({
      field: 'format',
      message: `must be one of ${EXPORT_KIND_FORMATS[request.kind].join(', ')}`,
    });
  if (!TIME.test(request.time)) errors.push({ field: 'time', message: 'must be HH:MM (00:00–23:59)' });
  if (!isIanaTimeZone(timeZone)) errors.push({ field: 'timeZone', message: 'must be an IANA time zone' });
  if (
    request.every === 'weekly' &&
    !(
      Number.isInteger(request.weekday) &&
      (request.weekday as number) >= 1 &&
      (request.weekday as number) <= 7
    )
  )
    errors.push({ field: 'weekday', message: 'must be 1 (Monday) … 7 (Sunday) for a weekly report' });
  if (
    request.every === 'monthly' &&
    !(
      Number.isInteger(request.dayOfMonth) &&
      (request.dayOfMonth as number) >= 1 &&
      (request.dayOfMonth as number) <= 31
    )
  )
    errors.push({ field: 'dayOfMonth', message: 'must be 1 … 31 for a monthly report' });
  const allowed: readonly ExportFilterName[] = EXPORT_KIND_FILTERS[request.kind];
  for (const [name, value] of Object.entries(request.filters ?? {}))
    if (value !== undefined && value !== null && !allowed.includes(name as ExportFilterName))
      errors.push({ field: `filters.${name}`, message: `is not a filter of ${request.kind}` });
    else if (
      value !== undefined &&
      value !== null &&
      request.kind === 'training-report' &&
      /^(from|to)$/.test(name)
    )
      // Fixed days would send the same months every time: a scheduled report covers the 12 months up to its day.
      errors.push({
        field: `filters.${name}`,
        message: 'a scheduled training report always covers the 12 months up to the day it is built',
      });
  if (errors.length > 0) throw new ValidationFailedException(errors);
}
