import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  DEFAULT_PAGE_SIZE,
  Permission,
  TRAINING_SESSION_SORT_FIELDS,
  parseSort,
  type EnrolResult,
  type IssueCertificatesResult,
  type MyTrainingSessions,
  type SessionStaffOption,
  type TrainingSessionAllowed,
  type TrainingSessionDetail,
  type TrainingSessionPage,
} from '@brevet/contracts';
import { isOpenForEnrolment, mayRecordAttendance, promotionsFor, seatFor, sessionDay } from '@brevet/domain';
import { AuditLog } from '../audit/audit-log.service';
import { ALL_BRANCHES, scopeIncludes, type AccessScope, type Actor } from '../auth/actor';
import { AwardsService } from '../awards/awards.service';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/domain.exception';
import { SelfNotLinkedException } from '../self-service/self-service.exceptions';
import type {
  CreateTrainingSessionDto,
  RecordAttendanceDto,
  TrainingSessionListQueryDto,
  UpdateTrainingSessionDto,
} from './training-session.dto';
import {
  AlreadyEnrolledException,
  CapacityBelowEnrolledException,
  NotEnrolledException,
  SessionCredentialUnknownException,
  SessionStaffUnknownException,
  TrainingSessionCancelledException,
  TrainingSessionCompletedException,
  TrainingSessionNotFoundException,
  TrainingSessionNotOpenException,
  TrainingSessionNotStartedException,
} from './training-session.exceptions';
import {
  mapSessionStaffOption,
  mapTrainingSession,
  mapTrainingSessionDetail,
} from './training-session.mapper';
import {
  DuplicateEnrolmentError,
  TrainingSessionRepository,
  type SessionRow,
  type SessionVisibility,
} from './training-session.repository';
import { SessionMails } from './session-mails.service';

const FEED_LIMIT = 500;
/** The employee's lists and feeds look back this far (recent sessions stay visible with their result). */
const RECENT_MS = 30 * 86_400_000;

/**
 * On-site training sessions (docs/training-sessions.md). HR and managers schedule sessions at branches of their
 * scope and enrol their staff; employees enrol themselves in sessions of their region. Every enrolment,
 * cancellation, attendance record and certificate run locks the session row first (`FOR UPDATE`), so seats are
 * counted and handed out one at a time: the capacity holds under any number of parallel requests, and a second
 * "issue certificates" finds the awards of the first. Who sees what is decided in SQL (`SessionVisibility`).
 */
@Injectable()
export class TrainingSessionsService {
  constructor(
    private readonly sessions: TrainingSessionRepository,
    private readonly awards: AwardsService,
    private readonly mails: SessionMails,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Sessions of the caller's branches (HR: all), filtered, sorted and paged in SQL. */
  async list(query: TrainingSessionListQueryDto, actor: Actor): Promise<TrainingSessionPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const sort = parseSort(query.sort || 'startsAt', TRAINING_SESSION_SORT_FIELDS, 'startsAt');
    const { rows, total } = await this.sessions.findPage(
      { ...query, page, pageSize, sort },
      { kind: 'scope', scope: actor.scope },
      actor.staffId,
    );
    const region = await this.regionOf(actor);
    return {
      items: rows.map((r) => mapTrainingSession(r, this.allowed(r, actor, region))),
      total,
      page,
      pageSize,
    };
  }

  /** One session; participants and the waiting list only for those who may manage or record it. */
  async get(id: string, actor: Actor): Promise<TrainingSessionDetail> {
    const region = await this.regionOf(actor);
    const row = await this.sessions.findOne(id, this.viewer(actor, region), actor.staffId);
    if (!row) throw new TrainingSessionNotFoundException(id);
    return this.detail(row, actor, region);
  }

  async create(dto: CreateTrainingSessionDto, actor: Actor): Promise<TrainingSessionDetail> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    checkTimes(startsAt, endsAt);
    const id = await this.txHost.withTransaction(async () => {
      const branch = await this.sessions.findBranch(dto.branchId, actor.scope);
      if (!branch || branch.status !== 'active')
        throw new ValidationFailedException([
          { field: 'branchId', message: 'is not an active branch of yours' },
        ]);
      await this.checkDefinition(dto.definitionId);
      await this.checkInstructor(dto.instructorStaffId, actor.scope);
      const created = await this.sessions.insert({
        ...dto,
        startsAt,
        endsAt,
        createdByUserId: actor.userId,
        now: this.clock.now(),
      });
      await this.record('created', created, dto.location, { after: { ...dto } });
      return created;
    });
    return this.get(id, actor);
  }

  /** Changes a scheduled session; a larger capacity moves people up from the waiting list. */
  async update(id: string, dto: UpdateTrainingSessionDto, actor: Actor): Promise<TrainingSessionDetail> {
    await this.txHost.withTransaction(async () => {
      const row = await this.lockManaged(id, actor);
      if (row.status === 'cancelled') throw new TrainingSessionCancelledException();
      if (row.status === 'completed') throw new TrainingSessionCompletedException();
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : row.startsAt;
      const endsAt = dto.endsAt ? new Date(dto.endsAt) : row.endsAt;
      if (dto.startsAt || dto.endsAt) checkTimes(startsAt, endsAt);
      if (dto.definitionId && dto.definitionId !== row.definitionId)
        await this.checkDefinition(dto.definitionId);
      if (dto.instructorStaffId && dto.instructorStaffId !== row.instructorStaffId)
        await this.checkInstructor(dto.instructorStaffId, actor.scope);
      if (dto.capacity !== undefined && dto.capacity < row.enrolledCount)
        throw new CapacityBelowEnrolledException(row.enrolledCount);
      await this.sessions.update(
        id,
        {
          definitionId: dto.definitionId,
          location: dto.location,
          startsAt: dto.startsAt ? startsAt : undefined,
          endsAt: dto.endsAt ? endsAt : undefined,
          instructorStaffId: dto.instructorStaffId,
          capacity: dto.capacity,
        },
        this.clock.now(),
      );
      if (dto.capacity !== undefined && dto.capacity > row.capacity) await this.promote(id, dto.capacity);
      if (
        startsAt.getTime() !== row.startsAt.getTime() ||
        endsAt.getTime() !== row.endsAt.getTime() ||
        (dto.location !== undefined && dto.location !== row.location) ||
        (dto.instructorStaffId !== undefined && dto.instructorStaffId !== row.instructorStaffId)
      ) {
        // Date, times, place or instructor changed: everyone enrolled or waiting is told, with the calendar file.
        const changed = await this.sessions.findOne(id, { kind: 'scope', scope: ALL_BRANCHES }, null);
        if (changed) await this.mails.queueChange(changed, 'changed');
      }
      await this.record('updated', id, row.location, {
        before: {
          location: row.location,
          startsAt: row.startsAt.toISOString(),
          endsAt: row.endsAt.toISOString(),
          capacity: row.capacity,
          instructorStaffId: row.instructorStaffId,
          definitionId: row.definitionId,
        },
        after: { ...dto },
      });
    });
    this.mails.flush();
    return this.get(id, actor);
  }

  async cancel(id: string, actor: Actor): Promise<TrainingSessionDetail> {
    await this.txHost.withTransaction(async () => {
      const row = await this.lockManaged(id, actor);
      if (row.status === 'cancelled') return;
      if (row.status === 'completed') throw new TrainingSessionCompletedException();
      await this.sessions.update(id, { status: 'cancelled' }, this.clock.now());
      // Everyone enrolled or waiting is told, with a calendar file that removes the entry.
      const cancelled = await this.sessions.findOne(id, { kind: 'scope', scope: ALL_BRANCHES }, null);
      const notified = cancelled ? await this.mails.queueChange(cancelled, 'cancelled') : 0;
      await this.record('cancelled', id, row.location, {
        before: { status: row.status },
        after: { status: 'cancelled' },
        details: { notified },
      });
    });
    this.mails.flush();
    return this.get(id, actor);
  }

  /** A manager (or HR) enrols people of their scope: seats while there are some, then the waiting list. */
  async enrolStaff(id: string, staffIds: readonly string[], actor: Actor): Promise<EnrolResult[]> {
    const results = await this.txHost.withTransaction(async () => {
      const row = await this.lockManaged(id, actor);
      this.checkOpen(row);
      const people = await this.sessions.findPeople(staffIds, actor.scope);
      const found = new Map(people.map((p) => [p.id, p]));
      staffIds.forEach((staffId, i) => {
        const person = found.get(staffId);
        if (!person || person.status === 'left')
          throw new SessionStaffUnknownException(`staffIds.${i}`, staffId);
      });
      const placed: EnrolResult[] = [];
      for (const staffId of staffIds) placed.push(await this.place(row, staffId, actor));
      await this.record('enrolled', id, row.location, {
        details: { staffIds: [...staffIds], by: 'manager' },
      });
      return placed;
    });
    this.mails.flush();
    return results;
  }

  /** A manager (or HR) takes someone of their scope off the session; the first waiting moves up. */
  async cancelEnrolment(id: string, staffId: string, actor: Actor): Promise<TrainingSessionDetail> {
    await this.txHost.withTransaction(async () => {
      const row = await this.lockManaged(id, actor);
      this.checkOpen(row);
      const [person] = await this.sessions.findPeople([staffId], actor.scope);
      if (!person) throw new NotEnrolledException();
      await this.withdraw(row, staffId);
      await this.record('enrolment-cancelled', id, row.location, { details: { staffId, by: 'manager' } });
    });
    this.mails.flush();
    return this.get(id, actor);
  }

  /** The employee enrols themself in a session of their region. */
  async enrolSelf(id: string, actor: Actor): Promise<TrainingSessionDetail> {
    const staffId = ownStaffId(actor);
    const region = await this.regionOf(actor);
    await this.txHost.withTransaction(async () => {
      const row = region
        ? await this.sessions.findOne(
            id,
            { kind: 'viewer', scope: null, staffId: null, regionId: region },
            staffId,
            true,
          )
        : null;
      if (!row) throw new TrainingSessionNotFoundException(id);
      this.checkOpen(row);
      await this.place(row, staffId, actor);
      await this.record('enrolled', id, row.location, { details: { staffIds: [staffId], by: 'self' } });
    });
    this.mails.flush();
    return this.get(id, actor);
  }

  /** The employee cancels their own enrolment (or place on the waiting list). */
  async cancelSelf(id: string, actor: Actor): Promise<TrainingSessionDetail> {
    const staffId = ownStaffId(actor);
    await this.txHost.withTransaction(async () => {
      const row = await this.sessions.findOne(
        id,
        { kind: 'viewer', scope: null, staffId, regionId: null },
        staffId,
        true,
      );
      if (!row) throw new TrainingSessionNotFoundException(id);
      this.checkOpen(row);
      await this.withdraw(row, staffId);
      await this.record('enrolment-cancelled', id, row.location, { details: { staffId, by: 'self' } });
    });
    this.mails.flush();
    return this.get(id, actor);
  }

  /** Attendance and result per participant: by the instructor, or HR / a manager of the branch. */
  async recordAttendance(id: string, dto: RecordAttendanceDto, actor: Actor): Promise<TrainingSessionDetail> {
    await this.txHost.withTransaction(async () => {
      const row = await this.lockRecorder(id, actor);
      if (row.status === 'completed') throw new TrainingSessionCompletedException();
      if (row.status === 'cancelled') throw new TrainingSessionCancelledException();
      if (!mayRecordAttendance(row, this.clock.now())) throw new TrainingSessionNotStartedException();
      const participants = await this.sessions.participants(id);
      const enrolled = new Set(participants.filter((p) => p.status === 'enrolled').map((p) => p.staffId));
      const errors = dto.records.flatMap((r, i) => [
        ...(enrolled.has(r.staffId)
          ? []
          : [{ field: `records.${i}.staffId`, message: 'is not enrolled in this session' }]),
        ...(r.passed && !r.attended
          ? [{ field: `records.${i}.passed`, message: 'only someone who attended can pass' }]
          : []),
      ]);
      const seen = new Set<string>();
      dto.records.forEach((r, i) => {
        if (seen.has(r.staffId)) errors.push({ field: `records.${i}.staffId`, message: 'is listed twice' });
        seen.add(r.staffId);
      });
      if (errors.length > 0) throw new ValidationFailedException(errors);
      await this.sessions.recordAttendance(id, dto.records);
      await this.record('attendance-recorded', id, row.location, {
        details: { records: dto.records.map((r) => ({ ...r })) },
      });
    });
    return this.get(id, actor);
  }

  /**
   * Issues the credential to everyone who passed and has no award from this session yet, through the awards
   * service (same planner, checks and audit), in one transaction with the session locked: a second click waits,
   * then finds the awards and issues nothing. Completes the session.
   */
  async issueCertificates(id: string, actor: Actor): Promise<IssueCertificatesResult> {
    const counts = await this.txHost.withTransaction(async () => {
      const row = await this.lockRecorder(id, actor);
      if (row.status === 'cancelled') throw new TrainingSessionCancelledException();
      if (!mayRecordAttendance(row, this.clock.now())) throw new TrainingSessionNotStartedException();
      const completedOn = sessionDay(row.startsAt, row.timeZone);
      let issued = 0;
      let alreadyIssued = 0;
      for (const participant of await this.sessions.passed(id)) {
        if (participant.awardId) {
          alreadyIssued += 1;
          continue;
        }
        const award = await this.awards.issue({
          staffId: participant.staffId,
          definitionId: row.definitionId,
          completedOn,
          assessmentResult: { passed: true },
          evidenceId: null,
          issuer: actor.displayName,
        });
        await this.sessions.setAward(participant.id, award.award.id);
        issued += 1;
      }
      if (row.status !== 'completed' || issued > 0) {
        await this.sessions.update(
          id,
          { status: 'completed', certificatesIssuedAt: row.certificatesIssuedAt ?? this.clock.now() },
          this.clock.now(),
        );
        await this.record('certificates-issued', id, row.location, {
          details: { issued, alreadyIssued, completedOn },
        });
      }
      return { issued, alreadyIssued };
    });
    return { ...counts, session: await this.get(id, actor) };
  }

  /** The employee's page: sessions of their region they may join, their enrolments, sessions they teach. */
  async mine(actor: Actor): Promise<MyTrainingSessions> {
    const staffId = ownStaffId(actor);
    const region = await this.regionOf(actor);
    const now = this.clock.now();
    const since = new Date(now.getTime() - RECENT_MS);
    const map = (rows: SessionRow[]) =>
      rows.map((r) => mapTrainingSession(r, this.allowed(r, actor, region)));
    const open = region
      ? await this.sessions.findList({ kind: 'joinable', regionId: region, now }, staffId, { limit: 100 })
      : [];
    const mine = await this.sessions.findList(
      { kind: 'viewer', scope: null, staffId, regionId: null },
      staffId,
      { since, mineOnly: true, limit: 100 },
    );
    const teaching = await this.sessions.findList(
      { kind: 'viewer', scope: null, staffId, regionId: null },
      staffId,
      { since, teachingOnly: true, limit: 100 },
    );
    return {
      staffId,
      open: map(open.filter((r) => r.myStatus === null)),
      mine: map(mine),
      teaching: map(teaching),
    };
  }

  /** Sessions for a calendar feed: the branch's (within scope), or the caller's own and those they teach. */
  async feed(kind: 'scope' | 'mine', actor: Actor, branchId?: string): Promise<SessionRow[]> {
    const since = new Date(this.clock.now().getTime() - RECENT_MS);
    if (kind === 'scope')
      return this.sessions.findList({ kind: 'scope', scope: actor.scope }, actor.staffId, {
        since,
        branchId,
        limit: FEED_LIMIT,
      });
    const staffId = ownStaffId(actor);
    const own = { kind: 'viewer', scope: null, staffId, regionId: null } as const;
    const rows = [
      ...(await this.sessions.findList(own, staffId, { since, mineOnly: true, limit: FEED_LIMIT })),
      ...(await this.sessions.findList(own, staffId, { since, teachingOnly: true, limit: FEED_LIMIT })),
    ];
    return [...new Map(rows.map((r) => [r.id, r])).values()].sort((a, b) => +a.startsAt - +b.startsAt);
  }

  /** One session for its calendar file: whoever may see it. */
  async forCalendar(id: string, actor: Actor): Promise<SessionRow> {
    const row = await this.sessions.findOne(
      id,
      this.viewer(actor, await this.regionOf(actor)),
      actor.staffId,
    );
    if (!row) throw new TrainingSessionNotFoundException(id);
    return row;
  }

  /** Active people in the caller's scope: instructors to choose and staff to enrol. */
  async people(q: string | undefined, actor: Actor): Promise<SessionStaffOption[]> {
    return (await this.sessions.searchPeople(actor.scope, q, 50)).map(mapSessionStaffOption);
  }

  // --- rules -------------------------------------------------------------------------------------------

  /** Seats one person (or puts them on the waiting list) in a locked, open session, and queues the email. */
  private async place(row: SessionRow, staffId: string, actor: Actor): Promise<EnrolResult> {
    const enrolled = await this.sessions.countEnrolled(row.id);
    const status = seatFor(row.capacity, enrolled);
    const position = await this.sessions.takePosition(row.id);
    let enrolmentId: string;
    try {
      enrolmentId = await this.sessions.insertEnrolment({
        sessionId: row.id,
        staffId,
        status,
        position,
        byUserId: actor.userId,
        byName: actor.displayName,
        now: this.clock.now(),
      });
    } catch (error) {
      if (error instanceof DuplicateEnrolmentError) throw new AlreadyEnrolledException(staffId);
      throw error;
    }
    const waitlistPosition =
      status === 'waitlisted' ? (await this.sessions.waitingList(row.id)).length : null;
    await this.mails.queue(row, staffId, enrolmentId, status, waitlistPosition);
    return { staffId, status, waitlistPosition };
  }

  /** Cancels a live enrolment of a locked session; a freed seat goes to the first on the waiting list. */
  private async withdraw(row: SessionRow, staffId: string): Promise<void> {
    const enrolment = await this.sessions.liveEnrolment(row.id, staffId);
    if (!enrolment) throw new NotEnrolledException();
    await this.sessions.cancelEnrolment(enrolment.id, this.clock.now());
    if (enrolment.status === 'enrolled') await this.promote(row.id, row.capacity);
  }

  /** Moves people up from the waiting list into free seats, in order, and tells them. */
  private async promote(sessionId: string, capacity: number): Promise<void> {
    const enrolled = await this.sessions.countEnrolled(sessionId);
    const waiting = await this.sessions.waitingList(sessionId);
    const ids = promotionsFor(capacity, enrolled, waiting);
    if (ids.length === 0) return;
    await this.sessions.promote(ids, this.clock.now());
    const row = await this.sessions.findOne(sessionId, { kind: 'scope', scope: { all: true } }, null);
    if (!row) return;
    for (const w of waiting.filter((x) => ids.includes(x.id)))
      await this.mails.queue(row, w.staffId, w.id, 'promoted', null);
  }

  private checkOpen(row: SessionRow): void {
    if (row.status === 'cancelled') throw new TrainingSessionCancelledException();
    if (!isOpenForEnrolment(row, this.clock.now())) throw new TrainingSessionNotOpenException();
  }

  private async checkDefinition(definitionId: string): Promise<void> {
    const definition = await this.sessions.findDefinition(definitionId);
    if (!definition || definition.status !== 'published' || !definition.published)
      throw new SessionCredentialUnknownException(definitionId);
  }

  /** The instructor is an active person in the scheduler's scope (HR: anyone). */
  private async checkInstructor(staffId: string, scope: AccessScope): Promise<void> {
    const [person] = await this.sessions.findPeople([staffId], scope);
    if (!person || person.status === 'left')
      throw new SessionStaffUnknownException('instructorStaffId', staffId);
  }

  private async lockManaged(id: string, actor: Actor): Promise<SessionRow> {
    const row = actor.permissions.has(Permission.TrainingSessionsManage)
      ? await this.sessions.findOne(id, { kind: 'scope', scope: actor.scope }, actor.staffId, true)
      : null;
    if (!row) throw new TrainingSessionNotFoundException(id);
    return row;
  }

  private async lockRecorder(id: string, actor: Actor): Promise<SessionRow> {
    const row = await this.sessions.findOne(
      id,
      { kind: 'recorder', scope: this.managerScope(actor), staffId: actor.staffId },
      actor.staffId,
      true,
    );
    if (!row) throw new TrainingSessionNotFoundException(id);
    return row;
  }

  private managerScope(actor: Actor): AccessScope | null {
    return actor.permissions.has(Permission.TrainingSessionsManage) ? actor.scope : null;
  }

  private viewer(actor: Actor, regionId: string | null): SessionVisibility {
    return { kind: 'viewer', scope: this.managerScope(actor), staffId: actor.staffId, regionId };
  }

  private allowed(row: SessionRow, actor: Actor, regionId: string | null): TrainingSessionAllowed {
    const managerScope = this.managerScope(actor);
    const manage = managerScope !== null && scopeIncludes(managerScope, row.branchId);
    const now = this.clock.now();
    return {
      manage,
      record: manage || (actor.staffId !== null && row.instructorStaffId === actor.staffId),
      enrolSelf:
        actor.staffId !== null &&
        regionId !== null &&
        row.regionId === regionId &&
        row.myStatus === null &&
        isOpenForEnrolment(row, now),
    };
  }

  private async detail(row: SessionRow, actor: Actor, region: string | null): Promise<TrainingSessionDetail> {
    const allowed = this.allowed(row, actor, region);
    const participants = allowed.manage || allowed.record ? await this.sessions.participants(row.id) : null;
    return mapTrainingSessionDetail(row, allowed, participants);
  }

  private async regionOf(actor: Actor): Promise<string | null> {
    return actor.staffId ? this.sessions.regionOf(actor.staffId) : null;
  }

  private record(
    event: string,
    id: string,
    label: string,
    change: {
      before?: Record<string, unknown>;
      after?: Record<string, unknown>;
      details?: Record<string, unknown>;
    },
  ) {
    return this.audit.record({
      action: 'training-session.changed',
      target: { type: 'training-session', id, label },
      before: change.before,
      after: change.after,
      details: { event, ...change.details },
    });
  }
}

function checkTimes(startsAt: Date, endsAt: Date): void {
  if (!(endsAt.getTime() > startsAt.getTime()))
    throw new ValidationFailedException([{ field: 'endsAt', message: 'must be after startsAt' }]);
  if (endsAt.getTime() - startsAt.getTime() > 7 * 86_400_000)
    throw new ValidationFailedException([{ field: 'endsAt', message: 'a session lasts at most 7 days' }]);
}

function ownStaffId(actor: Actor): string {
  if (!actor.staffId) throw new SelfNotLinkedException();
  return actor.staffId;
}
