import type {
  SessionParticipant,
  SessionStaffOption,
  TrainingSession,
  TrainingSessionAllowed,
  TrainingSessionDetail,
} from '@brevet/contracts';
import type { ParticipantRow, SessionPersonRow, SessionRow } from './training-session.repository';

export function mapTrainingSession(row: SessionRow, allowed: TrainingSessionAllowed): TrainingSession {
  return {
    id: row.id,
    definitionId: row.definitionId,
    definitionCode: row.definitionCode,
    definitionTitle: { en: row.title.en ?? row.definitionCode, de: row.title.de ?? row.definitionCode },
    branchId: row.branchId,
    branchName: row.branchName,
    timeZone: row.timeZone,
    location: row.location,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    instructor: { staffId: row.instructorStaffId, name: row.instructorName },
    capacity: row.capacity,
    status: row.status,
    enrolledCount: row.enrolledCount,
    waitlistCount: row.waitlistCount,
    certificatesIssuedAt: row.certificatesIssuedAt?.toISOString() ?? null,
    myEnrolment: row.myStatus ? { status: row.myStatus, waitlistPosition: row.myWaitlistPosition } : null,
    allowed,
  };
}

export function mapParticipant(row: ParticipantRow): SessionParticipant {
  return {
    enrolmentId: row.enrolmentId,
    staffId: row.staffId,
    name: `${row.givenName} ${row.familyName}`,
    employeeNumber: row.employeeNumber,
    branchName: row.branchName,
    status: row.status,
    waitlistPosition: row.waitlistPosition,
    attended: row.attended,
    passed: row.passed,
    awardId: row.awardId,
    enrolledAt: row.createdAt.toISOString(),
    enrolledBy: row.enrolledByName,
  };
}

/** Participants are shown only to those who may manage or record the session. */
export function mapTrainingSessionDetail(
  row: SessionRow,
  allowed: TrainingSessionAllowed,
  participants: ParticipantRow[] | null,
): TrainingSessionDetail {
  const mapped = (participants ?? []).map(mapParticipant);
  return {
    ...mapTrainingSession(row, allowed),
    participants: mapped.filter((p) => p.status === 'enrolled'),
    waitingList: mapped.filter((p) => p.status === 'waitlisted'),
  };
}

export function mapSessionStaffOption(row: SessionPersonRow): SessionStaffOption {
  return {
    id: row.id,
    name: `${row.givenName} ${row.familyName}`,
    employeeNumber: row.employeeNumber,
    branchName: row.branchName,
  };
}
