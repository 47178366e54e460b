import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

/** Not an account with a branch or regional manager grant (or unknown): the same answer. */
export class ReminderManagerNotFoundException extends DomainException {
  constructor(userId: string) {
    super(
      'reminders.manager_not_found',
      HttpStatus.NOT_FOUND,
      'Manager not found',
      `There is no branch or regional manager with user ID "${userId}".`,
    );
  }
}
