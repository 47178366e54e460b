import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class CredentialNotFoundException extends DomainException {
  constructor() {
    super('not_found', HttpStatus.NOT_FOUND, 'Credential not found', 'There is no award with that ID.');
  }
}

export class SigningKeyNotFoundException extends DomainException {
  constructor() {
    super('not_found', HttpStatus.NOT_FOUND, 'Key not found', 'The issuer has no key with that ID.');
  }
}
