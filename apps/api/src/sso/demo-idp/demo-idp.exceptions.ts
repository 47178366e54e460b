import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@brevet/contracts';
import { DomainException } from '../../common/domain.exception';

/** The SAMLRequest cannot be answered: undecodable, not an AuthnRequest, or for an SP this IdP does not serve. */
export class DemoIdpRequestInvalidException extends DomainException {
  constructor(detail: string) {
    super(ErrorCode.ValidationFailed, HttpStatus.BAD_REQUEST, 'The sign-in request is not valid', detail, [
      { field: 'SAMLRequest', message: detail },
    ]);
  }
}

/** The chosen person is not one the demo identity provider offers (any more). */
export class DemoIdpPersonUnknownException extends DomainException {
  constructor() {
    const detail = 'This person is not offered by the demo identity provider. Go back and choose again.';
    super(ErrorCode.ValidationFailed, HttpStatus.BAD_REQUEST, 'Unknown demo person', detail, [
      { field: 'person', message: detail },
    ]);
  }
}
