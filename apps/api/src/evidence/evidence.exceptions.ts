import { HttpStatus } from '@nestjs/common';
import { EVIDENCE_MAX_BYTES, type EvidenceStatus } from '@brevet/contracts';
import { DomainException } from '../common/domain.exception';

const MAX_MB = EVIDENCE_MAX_BYTES / 1024 / 1024;

/** Unknown, or not the caller's to see (outside their scope): the same answer, so nothing leaks. */
export class EvidenceNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'evidence.not_found',
      HttpStatus.NOT_FOUND,
      'Evidence not found',
      `There is no evidence with ID "${id}".`,
    );
  }
}

export class EvidenceNotPendingException extends DomainException {
  constructor(status: EvidenceStatus) {
    super(
      'evidence.not_pending',
      HttpStatus.CONFLICT,
      'Already decided',
      `This evidence is ${status} already; only pending evidence can be approved, rejected or withdrawn.`,
    );
  }
}

/** Four eyes: nobody decides on evidence about themselves or evidence they submitted. */
export class OwnEvidenceException extends DomainException {
  constructor(why: 'person' | 'submitter') {
    super(
      'evidence.own_evidence',
      HttpStatus.FORBIDDEN,
      'Someone else must decide',
      why === 'person'
        ? 'This evidence is about you. Another approver must approve or reject it.'
        : 'You submitted this evidence. Another approver must approve or reject it; you can withdraw it.',
    );
  }
}

export class EvidenceAlreadyPendingException extends DomainException {
  constructor() {
    super(
      'evidence.already_pending',
      HttpStatus.CONFLICT,
      'Already waiting for approval',
      'Evidence for this certificate is already waiting for approval. Withdraw it first to send another file.',
      [{ field: 'definitionId', message: 'already has pending evidence' }],
    );
  }
}

export class EvidenceFileTooLargeException extends DomainException {
  constructor() {
    super(
      'evidence.file_too_large',
      HttpStatus.PAYLOAD_TOO_LARGE,
      'File too large',
      `The file is larger than ${MAX_MB} MB. Scan it at a lower resolution or send a photo instead.`,
      [{ field: 'file', message: `must be at most ${MAX_MB} MB` }],
    );
  }
}

export class EvidenceFileTypeException extends DomainException {
  constructor(reason: 'unsupported' | 'declared_type' | 'extension') {
    const detail = {
      unsupported: 'The file is not a PDF, PNG or JPEG.',
      declared_type: 'The file claims to be of another type than its content is.',
      extension: "The file name's extension does not match the content of the file.",
    }[reason];
    super(
      'evidence.file_type',
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'File type not accepted',
      `${detail} Send a PDF, PNG or JPEG file.`,
      [{ field: 'file', message: 'must be a PDF, PNG or JPEG file' }],
    );
  }
}

export class EvidenceCredentialUnknownException extends DomainException {
  constructor(id: string) {
    super(
      'evidence.credential_unknown',
      HttpStatus.BAD_REQUEST,
      'Unknown credential',
      `There is no credential definition with ID "${id}".`,
      [{ field: 'definitionId', message: 'unknown credential' }],
    );
  }
}

export class EvidenceCredentialNotPublishedException extends DomainException {
  constructor(code: string) {
    super(
      'evidence.credential_not_published',
      HttpStatus.CONFLICT,
      'Credential cannot be awarded',
      `"${code}" is not published, so no evidence can be submitted for it.`,
      [{ field: 'definitionId', message: 'credential is not published' }],
    );
  }
}

/** An unknown person, or one outside the submitter's scope: the same answer. */
export class EvidenceStaffUnknownException extends DomainException {
  constructor(id: string) {
    super(
      'evidence.staff_unknown',
      HttpStatus.BAD_REQUEST,
      'Unknown person',
      `There is no person with ID "${id}".`,
      [{ field: 'staffId', message: 'unknown person' }],
    );
  }
}

export class EvidenceStaffLeftException extends DomainException {
  constructor(employeeNumber: string) {
    super(
      'evidence.staff_left',
      HttpStatus.CONFLICT,
      'Person has left',
      `Person ${employeeNumber} has left the company; no evidence can be submitted for them.`,
      [{ field: 'staffId', message: 'has left the company' }],
    );
  }
}

export class EvidenceIssuedInFutureException extends DomainException {
  constructor(issuedOn: string, today: string) {
    super(
      'evidence.issued_in_future',
      HttpStatus.BAD_REQUEST,
      'Date in the future',
      `The certificate's date ${issuedOn} is after today (${today} where the person works).`,
      [{ field: 'issuedOn', message: 'must not be in the future' }],
    );
  }
}
