import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class MailMessageNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'mail.message_not_found',
      HttpStatus.NOT_FOUND,
      'Email not found',
      `There is no email with ID "${id}".`,
    );
  }
}
