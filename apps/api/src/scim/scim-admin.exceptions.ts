import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class ScimTokenNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'scim.token_not_found',
      HttpStatus.NOT_FOUND,
      'SCIM token not found',
      `There is no SCIM token with ID "${id}".`,
    );
  }
}
