import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class BranchNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'branch.not_found',
      HttpStatus.NOT_FOUND,
      'Branch not found',
      `There is no branch with ID "${id}".`,
    );
  }
}

export class BranchCodeTakenException extends DomainException {
  constructor(code: string) {
    super(
      'branch.code_taken',
      HttpStatus.CONFLICT,
      'Branch code already in use',
      `Another branch already has the code "${code}". Branch codes are unique, archived branches included.`,
      [{ field: 'code', message: 'already in use' }],
    );
  }
}
