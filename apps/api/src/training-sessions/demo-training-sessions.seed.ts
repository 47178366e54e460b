import { Injectable } from '@nestjs/common';
import { Permission, PERMISSIONS } from '@brevet/contracts';
import { addDays, dayIn, wallTimeToInstant } from '@brevet/domain';
import { ALL_BRANCHES, type Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { TrainingSessionRepository } from './training-session.repository';
import { TrainingSessionsService } from './training-sessions.service';

/** Days from today (in each branch's zone) of the demo first-aid sessions, one per branch in code order. */
const SCHEDULE: ReadonlyArray<{ offset: number; capacity: number; enrol: number }> = [
  { offset: -24, capacity: 12, enrol: 10 },
  { offset: -10, capacity: 12, enrol: 9 },
  { offset: -3, capacity: 10, enrol: 8 },
  { offset: 4, capacity: 6, enrol: 9 }, // full, three on the waiting list
  { offset: 9, capacity: 12, enrol: 7 },
  { offset: 16, capacity: 12, enrol: 5 },
  { offset: 23, capacity: 10, enrol: 3 },
  { offset: 37, capacity: 12, enrol: 0 },
];

/**
 * Demo data (docs/training-sessions.md): on-site first-aid sessions across the demo branches, relative to today.
 * Past sessions have attendance recorded (one absent, one failed) and their certificates issued through the same
 * service as the UI (so the awards are real awards); upcoming ones have enrolments, and one is full with a
 * waiting list. Enrolments are written without emails (nobody enrolled themselves). Runs inside the demo seed's
 * transaction.
 */
@Injectable()
export class DemoTrainingSessionsSeed {
  constructor(
    private readonly sessions: TrainingSessionRepository,
    private readonly service: TrainingSessionsService,
    private readonly clock: Clock,
  ) {}

  async seed(): Promise<number> {
    const definitionId = await this.sessions.definitionIdByCode('FIRST-AID');
    if (!definitionId) return 0;
    const now = this.clock.now();
    const actor = demoActor();
    const branches = await this.sessions.activeBranches();
    let count = 0;
    for (const [i, plan] of SCHEDULE.entries()) {
      const branch = branches[(i * 3) % branches.length];
      if (!branch) break;
      const day = addDays(dayIn(now, branch.timeZone), plan.offset);
      const people = await this.sessions.demoPeople(branch.id, definitionId, day);
      const [instructor, ...others] = people;
      if (!instructor) continue;
      const startsAt = wallTimeToInstant(`${day}T09:00`, branch.timeZone) as Date;
      const endsAt = wallTimeToInstant(`${day}T16:30`, branch.timeZone) as Date;
      const id = await this.sessions.insert({
        definitionId,
        branchId: branch.id,
        location: `${(branch.address ?? branch.code).replace(/\s*\n\s*/g, ', ')}; ${i % 2 === 0 ? 'Schulungsraum 1' : 'Pausenraum'}`,
        startsAt,
        endsAt,
        instructorStaffId: instructor.id,
        capacity: plan.capacity,
        createdByUserId: actor.userId,
        now,
      });
      const participants = others.filter((p) => !p.hasLaterAward).slice(0, plan.enrol);
      for (const [n, person] of participants.entries()) {
        await this.sessions.insertEnrolment({
          sessionId: id,
          staffId: person.id,
          status: n < plan.capacity ? 'enrolled' : 'waitlisted',
          position: await this.sessions.takePosition(id),
          byUserId: actor.userId,
          byName: actor.displayName,
          now: new Date(startsAt.getTime() - (30 - n) * 86_400_000),
        });
      }
      if (plan.offset < 0 && participants.length > 0) {
        const seated = participants.slice(0, plan.capacity);
        await this.sessions.recordAttendance(
          id,
          seated.map((p, n) => ({
            staffId: p.id,
            attended: n !== seated.length - 1, // the last one did not come
            passed: n !== seated.length - 1 && n !== 1, // and one did not pass
          })),
        );
        await this.service.issueCertificates(id, actor);
      }
      count += 1;
    }
    return count;
  }
}

/** Who the demo data acts as: HR, company-wide, named in the awards' issuer and the audit log. */
function demoActor(): Actor {
  return {
    userId: '00000000-0000-4000-8000-00000000d3e0',
    displayName: 'Demo data',
    email: null,
    staffId: null,
    language: null,
    roles: ['hr_admin'],
    grants: [],
    permissions: new Set<Permission>(PERMISSIONS),
    scope: ALL_BRANCHES,
    sessionId: 'demo-seed',
  };
}
