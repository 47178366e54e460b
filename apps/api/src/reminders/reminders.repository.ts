import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { DigestFrequency, StaffStatus, UiLanguage } from '@brevet/contracts';
import { ReminderDigestPreferenceEntity } from './reminder-preference.entity';

/** Who an employee reminder goes to. */
export interface EmployeeRecipient {
  staffId: string;
  email: string | null;
  givenName: string;
  familyName: string;
  language: UiLanguage;
  status: StaffStatus;
}

/** A branch or regional manager who may receive a digest. */
export interface ManagerRow {
  userId: string;
  displayName: string;
  email: string | null;
  /** The linked person's language; null when the account is not linked to a staff record. */
  language: UiLanguage | null;
  roles: Array<'branch_manager' | 'regional_manager'>;
  frequency: DigestFrequency | null;
}

const MANAGER_ROLES = `('branch_manager', 'regional_manager')`;

/**
 * The reminders' own questions (the due items themselves come from the compliance engine): who the people
 * are and how to write to them, which accounts manage branches, and their digest preferences.
 */
@Injectable()
export class RemindersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async employees(staffIds: readonly string[]): Promise<Map<string, EmployeeRecipient>> {
    if (staffIds.length === 0) return new Map();
    const rows: EmployeeRecipient[] = await this.txHost.tx.query(
      `SELECT s.id AS "staffId", s.email, s.given_name AS "givenName", s.family_name AS "familyName",
              s.preferred_language AS language, s.status
         FROM staff s WHERE s.id = ANY($1::uuid[])`,
      [[...new Set(staffIds)]],
    );
    return new Map(rows.map((r) => [r.staffId, r]));
  }

  /**
   * Active accounts with a branch or regional manager grant, whose linked person (if any) has not left.
   * `userId` narrows to one; `q` searches name and email; paged when `page` is given.
   */
  async managers(
    options: { userId?: string; q?: string; page?: number; pageSize?: number } = {},
  ): Promise<{ rows: ManagerRow[]; total: number }> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [
      `u.status = 'active'`,
      `(s.id IS NULL OR s.status <> 'left')`,
      `EXISTS (SELECT 1 FROM user_role_grant g WHERE g.user_id = u.id AND g.role IN ${MANAGER_ROLES})`,
    ];
    if (options.userId) where.push(`u.id = ${param(options.userId)}::uuid`);
    if (options.q) {
      const like = param(`%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.display_name ILIKE ${like} OR u.email ILIKE ${like})`);
    }
    const paging =
      options.page !== undefined && options.pageSize !== undefined
        ? `LIMIT ${param(options.pageSize)} OFFSET ${param((options.page - 1) * options.pageSize)}`
        : '';
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT u.id, u.display_name, COALESCE(u.email, s.email) AS email, s.preferred_language AS language,
              (SELECT array_agg(DISTINCT g.role ORDER BY g.role) FROM user_role_grant g
                WHERE g.user_id = u.id AND g.role IN ${MANAGER_ROLES}) AS roles,
              p.frequency, count(*) OVER () AS total
         FROM user_account u
         LEFT JOIN staff s ON s.id = u.staff_id
         LEFT JOIN reminder_digest_preference p ON p.user_id = u.id
        WHERE ${where.join(' AND ')}
        ORDER BY lower(u.display_name), u.id
        ${paging}`,
      params,
    );
    return {
      rows: rows.map((r) => ({
        userId: r['id'] as string,
        displayName: r['display_name'] as string,
        email: (r['email'] as string | null) ?? null,
        language: (r['language'] as UiLanguage | null) ?? null,
        roles: parseRoles(r['roles']),
        frequency: (r['frequency'] as DigestFrequency | null) ?? null,
      })),
      total: rows.length > 0 ? Number(rows[0]['total']) : 0,
    };
  }

  /** Sets (or with null, removes) a manager's own digest frequency. */
  async setFrequency(userId: string, frequency: DigestFrequency | null): Promise<void> {
    const repo = this.txHost.tx.getRepository(ReminderDigestPreferenceEntity);
    if (frequency === null) await repo.delete({ userId });
    else await repo.upsert({ userId, frequency }, ['userId']);
  }
}

/** `array_agg` of varchar arrives as a JS array or, depending on the driver's parsers, as `{a,b}`. */
function parseRoles(value: unknown): ManagerRow['roles'] {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value
          .replace(/^\{|\}$/g, '')
          .split(',')
          .filter(Boolean)
      : [];
  return list.filter(
    (r): r is 'branch_manager' | 'regional_manager' => r === 'branch_manager' || r === 'regional_manager',
  );
}
