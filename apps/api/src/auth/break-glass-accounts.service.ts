import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { randomBytes } from 'node:crypto';
import { AuthEvents } from './auth-events';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';
import { UserAccountRepository } from './user-account.repository';

/** The shortest password a break-glass account may have. */
export const MIN_BREAK_GLASS_PASSWORD_LENGTH = 12;

/** A command that cannot be carried out as asked; the message says why, for the person at the terminal. */
export class AccountCommandError extends Error {}

export interface NewBreakGlassAdmin {
  email: string;
  displayName: string;
  password: string;
}

/** 24 characters from 18 random bytes (144 bits), URL-safe so it survives copy and paste. */
export function generateBreakGlassPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Break-glass accounts, managed from the admin CLI (`node dist/apps/api/cli.js`): local HR admins who sign in
 * with email and password when SSO is down, and disabling any account at once. See docs/security.md.
 */
@Injectable()
export class BreakGlassAccountsService {
  constructor(
    private readonly users: UserAccountRepository,
    private readonly sessions: SessionService,
    private readonly events: AuthEvents,
  ) {}

  /** Creates a password account with a manual `hr_admin` grant. */
  @Transactional()
  async createAdmin(input: NewBreakGlassAdmin): Promise<{ userId: string; email: string }> {
    const email = input.email.trim().toLowerCase();
    const displayName = input.displayName.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320)
      throw new AccountCommandError(`"${input.email}" is not an email address.`);
    if (displayName.length === 0 || displayName.length > 200)
      throw new AccountCommandError('The name must have 1 to 200 characters.');
    if (input.password.length < MIN_BREAK_GLASS_PASSWORD_LENGTH)
      throw new AccountCommandError(
        `The password must have at least ${MIN_BREAK_GLASS_PASSWORD_LENGTH} characters.`,
      );
    if (input.password.length > 500) throw new AccountCommandError('The password is too long.');
    if (await this.users.findPasswordAccount(email))
      throw new AccountCommandError(`A password account for ${email} exists already.`);
    const user = await this.users.createPasswordAccount({
      email,
      displayName,
      passwordHash: await AuthService.hashPassword(input.password),
      staffId: null,
    });
    await this.users.replaceGrants(user.id, 'manual', [{ role: 'hr_admin', branchId: null, regionId: null }]);
    await this.events.breakGlassAccountCreated(user.id, email, 'cli');
    return { userId: user.id, email };
  }

  /**
   * Disables every account with this email (SSO or password) and ends their sessions on every process. A
   * disabled account cannot sign in, and the access check refuses its sessions even if ending one failed.
   */
  async disable(email: string): Promise<{ accounts: number; sessionsEnded: number }> {
    const userIds = await this.users.disableByEmail(email.trim());
    if (userIds.length === 0) throw new AccountCommandError(`There is no account with the email ${email}.`);
    let sessionsEnded = 0;
    for (const userId of userIds) {
      await this.events.accountDisabled(userId, email, 'cli');
      const ended = await this.sessions.endAllForUser(userId);
      await this.events.sessionsEnded(userId, ended, 'account disabled');
      sessionsEnded += ended;
    }
    return { accounts: userIds.length, sessionsEnded };
  }
}
