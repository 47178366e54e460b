import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Role, RoleGrant, UiLanguage } from '@brevet/contracts';
import { UserAccountEntity, UserRoleGrantEntity } from './user-account.entity';

export interface UserWithStaff {
  id: string;
  displayName: string;
  email: string | null;
  status: 'active' | 'disabled';
  staffId: string | null;
  /** The linked person's status; a person who has left cannot sign in. */
  staffStatus: 'active' | 'on_leave' | 'left' | null;
  staffLanguage: UiLanguage | null;
}

export interface NewSsoUser {
  identityProviderId: string;
  nameId: string;
  email: string | null;
  displayName: string;
  staffId: string | null;
}

/** Sign-in accounts, their role grants, and the branches those grants reach. */
@Injectable()
export class UserAccountRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get users() {
    return this.txHost.tx.getRepository(UserAccountEntity);
  }

  async findWithStaff(userId: string): Promise<UserWithStaff | null> {
    const rows: UserWithStaff[] = await this.txHost.tx.query(
      `SELECT u.id, u.display_name AS "displayName", u.email, u.status, u.staff_id AS "staffId",
              s.status AS "staffStatus", s.preferred_language AS "staffLanguage"
         FROM user_account u
         LEFT JOIN staff s ON s.id = u.staff_id
        WHERE u.id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  findById(userId: string): Promise<UserAccountEntity | null> {
    return this.users.findOneBy({ id: userId });
  }

  /** A break-glass account by email (case-insensitive); SSO accounts never sign in with a password. */
  findPasswordAccount(email: string): Promise<UserAccountEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .andWhere('u.password_hash IS NOT NULL')
      .andWhere('u.identity_provider_id IS NULL')
      .getOne();
  }

  findBySsoKey(identityProviderId: string, nameId: string): Promise<UserAccountEntity | null> {
    return this.users.findOneBy({ identityProviderId, nameId });
  }

  async grants(userId: string): Promise<RoleGrant[]> {
    const rows = await this.txHost.tx
      .getRepository(UserRoleGrantEntity)
      .find({ where: { userId }, order: { role: 'ASC' } });
    return rows.map((g) => ({ role: g.role, branchId: g.branchId, regionId: g.regionId, source: g.source }));
  }

  /** The branches that branch grants name, plus every branch in the granted regions and the regions below. */
  async branchesReachedBy(branchIds: readonly string[], regionIds: readonly string[]): Promise<string[]> {
    if (branchIds.length === 0 && regionIds.length === 0) return [];
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `WITH RECURSIVE reached(id) AS (
         SELECT id FROM region WHERE id = ANY($2::uuid[])
         UNION
         SELECT r.id FROM region r JOIN reached p ON r.parent_id = p.id
       )
       SELECT b.id FROM branch b
        WHERE b.id = ANY($1::uuid[]) OR b.region_id IN (SELECT id FROM reached)
        ORDER BY b.id`,
      [branchIds, regionIds],
    );
    return rows.map((r) => r.id);
  }

  async createPasswordAccount(input: {
    email: string;
    displayName: string;
    passwordHash: string;
    staffId: string | null;
  }): Promise<UserAccountEntity> {
    return this.users.save(
      this.users.create({
        identityProviderId: null,
        nameId: null,
        email: input.email.toLowerCase(),
        displayName: input.displayName,
        passwordHash: input.passwordHash,
        staffId: input.staffId,
        status: 'active',
      }),
    );
  }

  /**
   * Creates or updates the account of (identity provider, NameID). Two processes racing on a first sign-in
   * both end with the same row.
   */
  async upsertSsoUser(input: NewSsoUser, now: Date): Promise<UserAccountEntity> {
    await this.txHost.tx.query(
      `INSERT INTO user_account (identity_provider_id, name_id, email, display_name, staff_id, status,
                                 last_login_at)
       VALUES ($1, $2, $3, $4, $5, 'active', $6)
       ON CONFLICT (identity_provider_id, name_id) WHERE identity_provider_id IS NOT NULL
       DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name,
                     staff_id = EXCLUDED.staff_id, last_login_at = EXCLUDED.last_login_at`,
      [input.identityProviderId, input.nameId, input.email, input.displayName, input.staffId, now],
    );
    const user = await this.findBySsoKey(input.identityProviderId, input.nameId);
    if (!user) throw new Error('SSO user vanished right after upsert');
    return user;
  }

  /** Replaces the user's grants of one source (`sso` at each sign-in; `manual` from the users page). */
  async replaceGrants(
    userId: string,
    source: RoleGrant['source'],
    grants: readonly Omit<RoleGrant, 'source'>[],
  ) {
    const repo = this.txHost.tx.getRepository(UserRoleGrantEntity);
    await repo.delete({ userId, source });
    if (grants.length === 0) return;
    await repo.insert(
      grants.map((g) => ({
        userId,
        source,
        role: g.role as Role,
        branchId: g.branchId,
        regionId: g.regionId,
      })),
    );
  }

  async recordLogin(userId: string, now: Date): Promise<void> {
    await this.users.update({ id: userId }, { lastLoginAt: now, failedLogins: 0, lockedUntil: null });
  }

  /** Counts a failed password; returns the new count. */
  async recordFailedPassword(userId: string): Promise<number> {
    // TypeORM answers an UPDATE with [rows, rowCount]: the statement is wrapped so it answers with rows.
    const rows: Array<{ failed_logins: number }> = await this.txHost.tx.query(
      `WITH counted AS (
         UPDATE user_account SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins
       ) SELECT failed_logins FROM counted`,
      [userId],
    );
    return rows[0]?.failed_logins ?? 0;
  }

  async lockUntil(userId: string, until: Date): Promise<void> {
    await this.users.update({ id: userId }, { lockedUntil: until, failedLogins: 0 });
  }

  /** Disables every account with this email (case-insensitive); returns their IDs. */
  async disableByEmail(email: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `WITH disabled AS (
         UPDATE user_account SET status = 'disabled' WHERE lower(email) = lower($1) RETURNING id
       ) SELECT id FROM disabled ORDER BY id`,
      [email],
    );
    return rows.map((r) => r.id);
  }

  async userIdsOfStaff(staffId: string): Promise<string[]> {
    const rows = await this.users.find({ select: { id: true }, where: { staffId } });
    return rows.map((r) => r.id);
  }

  /** The staff record an SSO user links to, by employee number or by email, per the provider's mapping. */
  async findStaffId(by: 'employeeNumber' | 'email', value: string): Promise<string | null> {
    const rows: Array<{ id: string }> =
      by === 'employeeNumber'
        ? await this.txHost.tx.query(`SELECT id FROM staff WHERE employee_number = $1`, [value])
        : await this.txHost.tx.query(
            `SELECT id FROM staff WHERE lower(email) = lower($1) ORDER BY (status = 'left'), hire_date DESC LIMIT 2`,
            [value],
          );
    // An email shared by two people links to neither: we never guess whose data to show.
    return rows.length === 1 ? rows[0].id : null;
  }
}
