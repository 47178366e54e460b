import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';

/** A staff member as the demo identity provider describes them. */
export interface DemoStaffRow {
  employeeNumber: string;
  givenName: string;
  familyName: string;
  email: string | null;
  branchCode: string;
  branchName: string;
  regionCode: string;
}

const STAFF_COLUMNS = `s.employee_number AS "employeeNumber", s.given_name AS "givenName",
  s.family_name AS "familyName", s.email, b.code AS "branchCode", b.name AS "branchName", r.code AS "regionCode"`;

/** The demo identity provider's reads of staff and branches, and its key-creation lock. The only SQL here. */
@Injectable()
export class DemoIdpRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Codes of active branches that have active staff, in code order. */
  async branchCodesWithStaff(): Promise<string[]> {
    const rows: Array<{ code: string }> = await this.txHost.tx.query(
      `SELECT b.code FROM branch b
       WHERE b.status = 'active'
         AND EXISTS (SELECT 1 FROM staff s WHERE s.branch_id = b.id AND s.status = 'active')
       ORDER BY b.code`,
    );
    return rows.map((r) => r.code);
  }

  /**
   * The first active person (by employee number) of the branch with this code: with no manager (the branch's
   * head, as the demo data has it) or with one (everyone else). Employee numbers in `except` are skipped.
   */
  async firstActiveStaff(
    branchCode: string,
    kind: 'head' | 'report',
    except: readonly string[] = [],
  ): Promise<DemoStaffRow | null> {
    const rows: DemoStaffRow[] = await this.txHost.tx.query(
      `SELECT ${STAFF_COLUMNS}
       FROM staff s JOIN branch b ON b.id = s.branch_id JOIN region r ON r.id = b.region_id
       WHERE b.code = $1 AND s.status = 'active'
         AND (s.manager_id IS NULL) = $2
         AND NOT (s.employee_number = ANY($3::varchar[]))
       ORDER BY length(s.employee_number), s.employee_number
       LIMIT 1`,
      [branchCode, kind === 'head', [...except]],
    );
    return rows[0] ?? null;
  }

  /** Inside a transaction: serializes the creation of the key pair across processes (released at commit). */
  async lockKeyPairCreation(): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtext('brevet.demo-idp.key-pair'))`);
  }
}
