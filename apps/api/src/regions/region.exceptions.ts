import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class RegionNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'region.not_found',
      HttpStatus.BAD_REQUEST,
      'Unknown region',
      `There is no region with ID "${id}". Pick one of the regions listed at /api/v1/regions.`,
      [{ field: 'regionId', message: 'unknown region' }],
    );
  }
}
