import { HttpStatus } from '@nestjs/common';
import { HR_IMPORT_MAX_BYTES, type HrImportStatus } from '@brevet/contracts';
import { DomainException } from '../common/domain.exception';

export class HrImportNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'hr_import.not_found',
      HttpStatus.NOT_FOUND,
      'Import not found',
      `There is no HR import with ID "${id}".`,
    );
  }
}

const WHY_NOT: Record<HrImportStatus, string> = {
  receiving: 'its file is still being uploaded',
  uploaded: 'it has not been validated yet',
  validating: 'it is still being validated',
  validated: 'it has errors',
  invalid: 'the file has errors; fix them and upload it again',
  applying: 'it is already being applied',
  applied: 'it has already been applied',
  failed: 'it failed; upload the file again',
};

export class HrImportNotApplicableException extends DomainException {
  constructor(status: HrImportStatus) {
    super(
      'hr_import.not_applicable',
      HttpStatus.CONFLICT,
      'Import cannot be applied',
      `Only a validated import without errors can be applied, and this one cannot: ${WHY_NOT[status]}.`,
    );
  }
}

export class HrImportBusyException extends DomainException {
  constructor(status: HrImportStatus) {
    super(
      'hr_import.busy',
      HttpStatus.CONFLICT,
      'Import cannot be deleted',
      status === 'applied'
        ? 'An applied import is the record of what changed; it is kept.'
        : 'The import is being applied right now.',
    );
  }
}

export class HrImportFileTooLargeException extends DomainException {
  constructor() {
    super(
      'hr_import.file_too_large',
      HttpStatus.PAYLOAD_TOO_LARGE,
      'File too large',
      `The file is larger than ${HR_IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it, or export only the columns the import needs.`,
      [{ field: 'file', message: `must be at most ${HR_IMPORT_MAX_BYTES / 1024 / 1024} MB` }],
    );
  }
}

/**
 * The organisation changed between validation and apply in a way that makes the file wrong now (a branch
 * or role archived, staged rows lost). The apply stops before changing anything; the import is `failed`.
 */
export class HrImportStaleException extends DomainException {
  constructor(detail: string) {
    super('hr_import.stale', HttpStatus.CONFLICT, 'Import no longer valid', detail);
  }
}
