import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class StaffNotFoundException extends DomainException {
  constructor(id: string) {
    super('staff.not_found', HttpStatus.NOT_FOUND, 'Person not found', `There is no person with ID "${id}".`);
  }
}

export class EmployeeNumberTakenException extends DomainException {
  constructor(employeeNumber: string) {
    super(
      'staff.employee_number_taken',
      HttpStatus.CONFLICT,
      'Employee number already in use',
      `Another person already has the employee number "${employeeNumber}". Employee numbers are never reused.`,
      [{ field: 'employeeNumber', message: 'already in use' }],
    );
  }
}

export class ManagerNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'staff.manager_not_found',
      HttpStatus.BAD_REQUEST,
      'Unknown manager',
      `There is no person with ID "${id}".`,
      [{ field: 'managerId', message: 'unknown person' }],
    );
  }
}

export class ManagerCycleException extends DomainException {
  constructor() {
    super(
      'staff.manager_cycle',
      HttpStatus.BAD_REQUEST,
      'Impossible reporting line',
      'A person cannot report to themselves or to someone who reports to them.',
      [{ field: 'managerId', message: 'would create a reporting cycle' }],
    );
  }
}

export class BranchNotActiveException extends DomainException {
  constructor(id: string) {
    super(
      'branch.not_active',
      HttpStatus.BAD_REQUEST,
      'Branch not available',
      `Branch "${id}" does not exist or is archived.`,
      [{ field: 'branchId', message: 'unknown or archived branch' }],
    );
  }
}

export class EffectiveDateException extends DomainException {
  constructor(detail: string) {
    super('validation_failed', HttpStatus.BAD_REQUEST, 'The request is not valid', detail, [
      { field: 'effectiveFrom', message: detail },
    ]);
  }
}
