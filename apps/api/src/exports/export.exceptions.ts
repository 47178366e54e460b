import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

/** Unknown, expired, or someone else's: the same answer, so nobody learns whether another's export exists. */
export class ExportNotFoundException extends DomainException {
  constructor() {
    super(
      'export.not_found',
      HttpStatus.NOT_FOUND,
      'Export not found',
      'This export does not exist or has expired.',
    );
  }
}

export class ExportNotReadyException extends DomainException {
  constructor(status: string) {
    super(
      'export.not_ready',
      HttpStatus.CONFLICT,
      'Export not ready',
      status === 'failed'
        ? 'This export failed, so there is no file to download. Start it again.'
        : 'This export is still being written. Download it when it is ready.',
    );
  }
}
