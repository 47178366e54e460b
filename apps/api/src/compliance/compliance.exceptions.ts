import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class ComplianceRuleNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'not_found',
      HttpStatus.NOT_FOUND,
      'Rule not found',
      `There is no requirement rule with ID "${id}".`,
    );
  }
}

export class ComplianceExemptionNotFoundException extends DomainException {
  constructor(id: string) {
    super('not_found', HttpStatus.NOT_FOUND, 'Exemption not found', `There is no exemption with ID "${id}".`);
  }
}
