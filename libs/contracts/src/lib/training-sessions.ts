import type { LocalizedText } from './open-badges';
import type { Page } from './paging';
import { API_V1 } from './routes';

/**
 * On-site (instructor-led) training sessions: one session trains for one credential definition at one branch.
 * People enrol (themselves or through their manager) up to the capacity; beyond it they join a waiting list.
 * The instructor (or HR, or a manager in scope) records attendance and the result, and "issue certificates"
 * issues the credential to everyone who passed. See docs/training-sessions.md.
 *
 * - `scheduled`: open for enrolment until it starts; attendance can be recorded once it has started
 * - `cancelled`: called off; nothing more happens
 * - `completed`: certificates were issued
 */
export const TRAINING_SESSION_STATUSES = ['scheduled', 'cancelled', 'completed'] as const;
export type TrainingSessionStatus = (typeof TRAINING_SESSION_STATUSES)[number];

/** `enrolled` holds a seat; `waitlisted` waits in order; `cancelled` is kept as history. */
export const ENROLMENT_STATUSES = ['enrolled', 'waitlisted', 'cancelled'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const TRAINING_SESSION_SORT_FIELDS = ['startsAt', 'branch', 'credential'] as const;
export type TrainingSessionSortField = (typeof TRAINING_SESSION_SORT_FIELDS)[number];

export const TRAINING_SESSION_MAX_CAPACITY = 500;

/** What the caller may do with a session, from the same rules the API checks. */
export interface TrainingSessionAllowed {
  /** Edit, cancel, enrol staff (HR, or a manager of the branch). */
  manage: boolean;
  /** Record attendance and issue certificates (the instructor, HR, or a manager of the branch). */
  record: boolean;
  /** Enrol oneself (an employee of a branch in the same region, while it is open). */
  enrolSelf: boolean;
}

export interface TrainingSession {
  id: string;
  definitionId: string;
  definitionCode: string;
  definitionTitle: LocalizedText;
  branchId: string;
  branchName: string;
  /** IANA zone of the branch: times are shown in it. */
  timeZone: string;
  /** Address and room. */
  location: string;
  /** Instants, ISO 8601 in UTC. */
  startsAt: string;
  endsAt: string;
  instructor: { staffId: string; name: string };
  capacity: number;
  status: TrainingSessionStatus;
  enrolledCount: number;
  waitlistCount: number;
  certificatesIssuedAt: string | null;
  /** The caller's own enrolment, if any (not cancelled). */
  myEnrolment: { status: EnrolmentStatus; waitlistPosition: number | null } | null;
  allowed: TrainingSessionAllowed;
}

export type TrainingSessionPage = Page<TrainingSession>;

export interface SessionParticipant {
  enrolmentId: string;
  staffId: string;
  name: string;
  employeeNumber: string;
  branchName: string;
  status: EnrolmentStatus;
  /** 1-based place on the waiting list; null when enrolled. */
  waitlistPosition: number | null;
  attended: boolean | null;
  passed: boolean | null;
  /** The award issued from this session, once issued. */
  awardId: string | null;
  enrolledAt: string;
  enrolledBy: string | null;
}

/** A session with its participants and waiting list (for HR, managers in scope and the instructor). */
export interface TrainingSessionDetail extends TrainingSession {
  participants: SessionParticipant[];
  waitingList: SessionParticipant[];
}

export interface CreateTrainingSessionRequest {
  definitionId: string;
  branchId: string;
  location: string;
  startsAt: string;
  endsAt: string;
  instructorStaffId: string;
  capacity: number;
}

export type UpdateTrainingSessionRequest = Partial<Omit<CreateTrainingSessionRequest, 'branchId'>>;

export interface EnrolStaffRequest {
  staffIds: string[];
}

export interface EnrolResult {
  staffId: string;
  status: EnrolmentStatus;
  waitlistPosition: number | null;
}

export interface AttendanceRecord {
  staffId: string;
  attended: boolean;
  /** Only someone who attended can pass. */
  passed: boolean;
}

export interface RecordAttendanceRequest {
  records: AttendanceRecord[];
}

export interface IssueCertificatesResult {
  /** Awards issued by this call. */
  issued: number;
  /** People who passed and had their award from an earlier call. */
  alreadyIssued: number;
  session: TrainingSessionDetail;
}

/** The employee's view: sessions they may join, and their own enrolments and sessions they teach. */
export interface MyTrainingSessions {
  /** The caller's own staff record. */
  staffId: string;
  open: TrainingSession[];
  mine: TrainingSession[];
  teaching: TrainingSession[];
}

/** An instructor the caller may choose: staff in their scope. */
export interface SessionStaffOption {
  id: string;
  name: string;
  employeeNumber: string;
  branchName: string;
}

export interface TrainingSessionListQuery {
  branchId?: string;
  definitionId?: string;
  /** Days YYYY-MM-DD (UTC), inclusive. */
  from?: string;
  to?: string;
  status?: TrainingSessionStatus;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export const TrainingSessionErrorCode = {
  SessionNotFound: 'training_session.not_found',
  SessionNotOpen: 'training_session.not_open',
  SessionNotStarted: 'training_session.not_started',
  SessionCancelled: 'training_session.cancelled',
  SessionAlreadyEnrolled: 'training_session.already_enrolled',
  SessionNotEnrolled: 'training_session.not_enrolled',
  SessionStaffUnknown: 'training_session.staff_unknown',
  SessionCredentialUnknown: 'training_session.credential_unknown',
  SessionCapacityBelowEnrolled: 'training_session.capacity_below_enrolled',
  SessionNotYours: 'training_session.not_your_session',
  SessionAlreadyCompleted: 'training_session.completed',
} as const;
export type TrainingSessionErrorCode =
  (typeof TrainingSessionErrorCode)[keyof typeof TrainingSessionErrorCode];

const one = (id: string) => `${API_V1}/training-sessions/${encodeURIComponent(id)}`;
export const TrainingSessionRoutes = {
  list: `${API_V1}/training-sessions`,
  one,
  cancel: (id: string) => `${one(id)}/cancel`,
  enrolments: (id: string) => `${one(id)}/enrolments`,
  enrolment: (id: string, staffId: string) => `${one(id)}/enrolments/${encodeURIComponent(staffId)}`,
  attendance: (id: string) => `${one(id)}/attendance`,
  issueCertificates: (id: string) => `${one(id)}/issue-certificates`,
  ics: (id: string) => `${one(id)}/calendar.ics`,
  feed: `${API_V1}/training-sessions/calendar.ics`,
  people: `${API_V1}/training-sessions/people`,
  mine: `${API_V1}/me/training-sessions`,
  myFeed: `${API_V1}/me/training-sessions/calendar.ics`,
  enrolSelf: (id: string) => `${API_V1}/me/training-sessions/${encodeURIComponent(id)}/enrol`,
  cancelSelf: (id: string) => `${API_V1}/me/training-sessions/${encodeURIComponent(id)}/cancel`,
} as const;
