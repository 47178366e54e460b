import type { DigestFrequency, ManagerDigestPreference } from '@brevet/contracts';
import type { ManagerRow } from './reminders.repository';

export function mapManagerDigest(row: ManagerRow, companyDefault: DigestFrequency): ManagerDigestPreference {
  return {
    userId: row.userId,
    displayName: row.displayName,
    email: row.email,
    roles: row.roles,
    frequency: row.frequency,
    effective: row.frequency ?? companyDefault,
  };
}
