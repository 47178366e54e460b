import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

/** The signed-in account has no staff record (yet), so there are no "own" pages to show. */
export class SelfNotLinkedException extends DomainException {
  constructor() {
    super(
      'self.not_linked',
      HttpStatus.NOT_FOUND,
      'No staff record linked',
      'Your account is not linked to a staff record yet, so there is nothing to show here. Please ask HR to link it.',
    );
  }
}
