import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class FailedJobNotFoundException extends DomainException {
  constructor(queue: string, id: string) {
    super(
      'jobs.job_not_found',
      HttpStatus.NOT_FOUND,
      'Failed job not found',
      `There is no failed job "${id}" in queue "${queue}" (it may have been retried or removed already).`,
    );
  }
}
