import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class JobRoleNotFoundException extends DomainException {
  constructor(ids: string[], field = 'jobRoleIds') {
    super(
      'job_role.not_found',
      HttpStatus.BAD_REQUEST,
      'Unknown job role',
      `No active job role has the ID ${ids.map((id) => `"${id}"`).join(', ')}.`,
      [{ field, message: 'unknown or archived job role' }],
    );
  }
}

export class JobRoleCodeTakenException extends DomainException {
  constructor(code: string) {
    super(
      'job_role.code_taken',
      HttpStatus.CONFLICT,
      'Job role code already in use',
      `Another job role has the code "${code}".`,
      [{ field: 'code', message: 'already in use' }],
    );
  }
}
