import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class RegionNotFoundException extends DomainException {
  constructor(id: string, field = 'regionId') {
    super(
      'region.not_found',
      HttpStatus.BAD_REQUEST,
      'Unknown region',
      `There is no region with ID "${id}". Pick one of the regions listed at /api/v1/regions.`,
      [{ field, message: 'unknown region' }],
    );
  }
}

export class RegionCodeTakenException extends DomainException {
  constructor(code: string) {
    super(
      'region.code_taken',
      HttpStatus.CONFLICT,
      'Region code already in use',
      `Another region has the code "${code}".`,
      [{ field: 'code', message: 'already in use' }],
    );
  }
}

export class RegionCycleException extends DomainException {
  constructor() {
    super(
      'region.cycle',
      HttpStatus.BAD_REQUEST,
      'Impossible region tree',
      'A region cannot be placed inside itself or inside one of its own sub-regions.',
      [{ field: 'parentId', message: 'would put the region inside itself' }],
    );
  }
}
