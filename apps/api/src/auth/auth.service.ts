import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Me, SignInOptions } from '@brevet/contracts';
import * as argon2 from 'argon2';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { StaffDeactivation } from '../staff/staff-deactivation';
import type { Actor } from './actor';
import {
  AccountLockedException,
  InvalidCredentialsException,
  PasswordLoginDisabledException,
} from './auth.exceptions';
import { AuthEvents } from './auth-events';
import { SignInOptionsSource } from './sign-in-options.source';
import type { SessionOrigin } from './session-store.port';
import { SessionService } from './session.service';
import { UserAccountRepository } from './user-account.repository';

/** Consecutive wrong passwords before an account locks, and for how long. */
export const LOCKOUT = { failures: 5, minutes: 15 } as const;

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

/** Sign-in, sign-out and "who am I"; SSO completes through {@link AuthService.completeSignIn}. */
@Injectable()
export class AuthService implements OnModuleInit, OnModuleDestroy {
  /** Verified against when the email is unknown, so both paths cost one argon2 verification. */
  private dummyHash?: Promise<string>;
  private unsubscribe?: () => void;

  constructor(
    private readonly users: UserAccountRepository,
    private readonly sessions: SessionService,
    private readonly events: AuthEvents,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly deactivation: StaffDeactivation,
    private readonly signInOptions: SignInOptionsSource,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.deactivation.subscribe(async ({ staffId, reason }) => {
      for (const userId of await this.users.userIdsOfStaff(staffId)) {
        const ended = await this.sessions.endAllForUser(userId);
        await this.events.sessionsEnded(userId, ended, reason);
      }
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async me(actor: Actor): Promise<Me> {
    const session = await this.sessions.recordById(actor.sessionId);
    return {
      userId: actor.userId,
      displayName: actor.displayName,
      email: actor.email,
      staffId: actor.staffId,
      language: actor.language,
      roles: [...actor.roles],
      grants: [...actor.grants],
      permissions: [...actor.permissions],
      scope: actor.scope.all ? { all: true } : { all: false, branchIds: [...actor.scope.branchIds] },
      signedInWith:
        session?.origin.kind === 'saml'
          ? { kind: 'saml', identityProvider: session.origin.identityProviderSlug }
          : { kind: 'password' },
      sessionExpiresAt: (session ? this.sessions.sessionExpiresAt(session) : this.clock.now()).toISOString(),
    };
  }

  options(): Promise<SignInOptions> {
    return this.signInOptions.options();
  }

  /** Break-glass sign-in. Wrong passwords count towards a lockout; every outcome is audited. */
  async passwordLogin(
    email: string,
    password: string,
    client: Client,
    previousToken?: string,
  ): Promise<{ token: string }> {
    if (!this.config.passwordLogin) throw new PasswordLoginDisabledException();
    const user = await this.users.findPasswordAccount(email.trim());
    const now = this.clock.now();
    if (!user || user.status !== 'active' || !user.passwordHash) {
      await argon2.verify(await this.dummy(), password).catch(() => false);
      await this.events.loginFailed(email, 'password', user ? 'account disabled' : 'unknown account');
      throw new InvalidCredentialsException();
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await this.events.loginFailed(email, 'password', 'account locked');
      throw new AccountLockedException(Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000));
    }
    if (!(await argon2.verify(user.passwordHash, password).catch(() => false))) {
      const failures = await this.users.recordFailedPassword(user.id);
      await this.events.loginFailed(email, 'password', `wrong password (${failures} in a row)`);
      if (failures >= LOCKOUT.failures) {
        await this.users.lockUntil(user.id, new Date(now.getTime() + LOCKOUT.minutes * 60_000));
        await this.events.accountLocked(user.id, email, LOCKOUT.minutes);
        throw new AccountLockedException(LOCKOUT.minutes);
      }
      throw new InvalidCredentialsException();
    }
    return this.completeSignIn(user.id, user.displayName, { kind: 'password' }, client, previousToken);
  }

  /** Ends any session the browser brought, then starts a new one with a new ID (no session fixation). */
  async completeSignIn(
    userId: string,
    displayName: string,
    origin: SessionOrigin,
    client: Client,
    previousToken?: string,
  ): Promise<{ token: string }> {
    if (previousToken) {
      const previous = await this.sessions.resolve(previousToken);
      if (previous) await this.sessions.end(previous.id);
    }
    const { token } = await this.sessions.start(userId, origin, client);
    await this.users.recordLogin(userId, this.clock.now());
    await this.events.loginSucceeded(userId, displayName, origin.kind);
    return { token };
  }

  async logout(actor: Actor): Promise<void> {
    await this.sessions.end(actor.sessionId);
    await this.events.loggedOut(actor);
  }

  static hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= AuthService.hashPassword('brevet-dummy-password-never-valid');
    return this.dummyHash;
  }
}
