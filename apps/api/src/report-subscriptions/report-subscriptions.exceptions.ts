import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class ReportSubscriptionNotFoundException extends DomainException {
  constructor() {
    super(
      'report-subscription.not_found',
      HttpStatus.NOT_FOUND,
      'Scheduled report not found',
      'There is no such scheduled report, or it is not yours.',
    );
  }
}
