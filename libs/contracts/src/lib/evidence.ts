import type { CredentialCategory } from './catalogue';
import type { LocalizedText } from './open-badges';
import type { Page } from './paging';
import { API_V1 } from './routes';

/**
 * Evidence: an external certificate (a PDF or a photo of it) that someone submits for a credential definition
 * of the catalogue. An approver in the person's branch scope approves it, which issues the award, or rejects
 * it with a reason. See docs/catalogue-and-awards.md, "Evidence and approval".
 *
 * - `pending`: waiting for an approver; only now can it be approved, rejected or withdrawn
 * - `approved`: the award was issued (`awardId`)
 * - `rejected`: with a reason the person reads
 * - `withdrawn`: taken back by whoever submitted it
 */
export const EVIDENCE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/** The file types accepted. The content decides (magic bytes); a contradicting name or type is refused. */
export const EVIDENCE_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/** File name extensions per accepted type (lower case, with the dot). */
export const EVIDENCE_EXTENSIONS: Readonly<Record<EvidenceMediaType, readonly string[]>> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
};

/** The largest file accepted: 10 MB. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_NOTE_MAX_LENGTH = 1000;
export const EVIDENCE_REASON_MAX_LENGTH = 1000;

export const EVIDENCE_SORT_FIELDS = ['submittedAt', 'issuedOn', 'staff', 'credential'] as const;
export type EvidenceSortField = (typeof EVIDENCE_SORT_FIELDS)[number];

export interface EvidencePerson {
  id: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  /** The person's current branch. */
  branchId: string;
  branchCode: string;
  branchName: string;
}

export interface EvidenceCredentialRef {
  /** The definition. */
  id: string;
  code: string;
  category: CredentialCategory;
  /** The title of the definition's current version (or latest, once archived). */
  title: LocalizedText;
}

export interface EvidenceFile {
  /** The cleaned file name (no path, no control characters), as the download offers it. */
  name: string;
  mediaType: EvidenceMediaType;
  size: number;
  /** SHA-256 of the content, hex. */
  sha256: string;
  /** Download link (signed-in; `Content-Disposition: attachment`). */
  url: string;
}

/** Who did something: a user account, with their name at the time. */
export interface EvidenceActor {
  userId: string | null;
  name: string;
}

export interface Evidence {
  id: string;
  status: EvidenceStatus;
  staff: EvidencePerson;
  credential: EvidenceCredentialRef;
  /** The completion day on the certificate; an approved award counts from it. */
  issuedOn: string;
  /** The expiry printed on the certificate, if any (for the approver; the award's expiry follows the catalogue). */
  expiresOn: string | null;
  /** From the person who submitted it. */
  note: string | null;
  file: EvidenceFile;
  submittedBy: EvidenceActor;
  submittedAt: string;
  /** Who approved, rejected or withdrew it, and when. */
  decidedBy: EvidenceActor | null;
  decidedAt: string | null;
  /** Why it was rejected: shown to the person. */
  rejectReason: string | null;
  /** The award an approval issued (or found already recorded for the same completion day). */
  awardId: string | null;
  /** What the caller may do with it now. */
  allowed: { approve: boolean; reject: boolean; withdraw: boolean };
}

export type EvidencePage = Page<Evidence>;

/** `GET /api/v1/me/evidence`: the signed-in person's own evidence (about them, whoever submitted it). */
export interface MyEvidencePage extends EvidencePage {
  staffId: string;
}

/** `GET /api/v1/evidence` (approvers, within their scope) and `GET /api/v1/me/evidence` (one's own). */
export interface EvidenceListQuery {
  page?: number;
  pageSize?: number;
  /** `submittedAt` (default: oldest first), `issuedOn`, `staff`, `credential`; `-` for descending. */
  sort?: string;
  /** Default on the approvals inbox: `pending`. `all` lists every status. */
  status?: EvidenceStatus | 'all';
  branchId?: string;
  definitionId?: string;
  staffId?: string;
  /** Name, employee number, credential code or title. */
  q?: string;
}

/**
 * The form fields that go with the `file` part of a `multipart/form-data` upload. `staffId` only on
 * `POST /api/v1/evidence` (for a person in the approver's scope); `/api/v1/me/evidence` is always for oneself.
 */
export interface SubmitEvidenceFields {
  definitionId: string;
  /** `YYYY-MM-DD`, not in the future. */
  issuedOn: string;
  /** `YYYY-MM-DD`, not before `issuedOn`. */
  expiresOn?: string;
  note?: string;
  staffId?: string;
}

export interface RejectEvidenceRequest {
  /** Shown to the person: say what is wrong and what to send instead. */
  reason: string;
}

/** A credential one can submit evidence for: every published definition. */
export interface EvidenceCredentialOption {
  id: string;
  code: string;
  category: CredentialCategory;
  title: LocalizedText;
}

export const EvidenceErrorCode = {
  EvidenceNotFound: 'evidence.not_found',
  EvidenceNotPending: 'evidence.not_pending',
  EvidenceOwn: 'evidence.own_evidence',
  EvidenceAlreadyPending: 'evidence.already_pending',
  EvidenceFileTooLarge: 'evidence.file_too_large',
  EvidenceFileType: 'evidence.file_type',
  EvidenceCredentialUnknown: 'evidence.credential_unknown',
  EvidenceCredentialNotPublished: 'evidence.credential_not_published',
  EvidenceStaffUnknown: 'evidence.staff_unknown',
  EvidenceStaffLeft: 'evidence.staff_left',
  EvidenceIssuedInFuture: 'evidence.issued_in_future',
} as const;
export type EvidenceErrorCode = (typeof EvidenceErrorCode)[keyof typeof EvidenceErrorCode];

export const EvidenceRoutes = {
  /** The caller's own submissions; POST submits one for oneself. */
  mine: `${API_V1}/me/evidence`,
  /** What one can submit evidence for. */
  mineCredentials: `${API_V1}/me/evidence/credentials`,
  /** The approvals inbox (scoped); POST submits for a person in scope. */
  inbox: `${API_V1}/evidence`,
  one: (id: string) => `${API_V1}/evidence/${encodeURIComponent(id)}`,
  file: (id: string) => `${API_V1}/evidence/${encodeURIComponent(id)}/file`,
  approve: (id: string) => `${API_V1}/evidence/${encodeURIComponent(id)}/approve`,
  reject: (id: string) => `${API_V1}/evidence/${encodeURIComponent(id)}/reject`,
  withdraw: (id: string) => `${API_V1}/evidence/${encodeURIComponent(id)}/withdraw`,
} as const;
