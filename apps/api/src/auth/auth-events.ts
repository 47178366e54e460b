import { Injectable, Logger } from '@nestjs/common';
import type { Permission } from '@brevet/contracts';
import { AuditLog } from '../audit/audit-log.service';
import type { Actor } from './actor';

/**
 * What sign-in and access control report. Each event is one audit entry (who, what, when, from where) and
 * a log line. Callers record failures outside any transaction that will roll back, so they are kept.
 */
@Injectable()
export class AuthEvents {
  private readonly logger = new Logger('Auth');

  constructor(private readonly audit: AuditLog) {}

  async accessDenied(actor: Actor, route: string, needed: readonly Permission[]): Promise<void> {
    this.logger.warn(`access denied: user ${actor.userId} on ${route}`);
    await this.audit.record({
      action: 'auth.access-denied',
      outcome: 'denied',
      target: { type: 'route', id: route },
      details: { needed },
    });
  }

  async loginSucceeded(userId: string, displayName: string, method: string): Promise<void> {
    await this.audit.record({
      action: 'auth.login.succeeded',
      actor: { userId, label: displayName },
      target: { type: 'user', id: userId, label: displayName },
      details: { method },
    });
  }

  /** `label` is what the person typed or the identity provider sent (encoded by the audit log). */
  async loginFailed(label: string, method: string, reason: string): Promise<void> {
    this.logger.warn(`sign-in failed via ${method}: ${reason}`);
    await this.audit.record({
      action: 'auth.login.failed',
      outcome: 'failure',
      actor: { userId: null, label },
      details: { method, reason },
    });
  }

  async accountLocked(userId: string, label: string, minutes: number): Promise<void> {
    await this.audit.record({
      action: 'auth.locked',
      outcome: 'failure',
      actor: { userId: null, label },
      target: { type: 'user', id: userId, label },
      details: { minutes },
    });
  }

  async loggedOut(actor: Actor): Promise<void> {
    await this.audit.record({ action: 'auth.logout', target: { type: 'user', id: actor.userId } });
  }

  async sessionsEnded(userId: string, count: number, reason: string): Promise<void> {
    if (count === 0) return;
    await this.audit.record({
      action: 'session.ended',
      target: { type: 'user', id: userId },
      details: { count, reason },
    });
  }

  /** A break-glass HR admin account was created (by the CLI). */
  async breakGlassAccountCreated(userId: string, email: string, via: string): Promise<void> {
    await this.audit.record({
      action: 'role.changed',
      actor: { userId: null, label: via },
      target: { type: 'user', id: userId, label: email },
      after: { roles: ['hr_admin'], passwordAccount: true },
      details: { event: 'break-glass account created' },
    });
  }

  async accountDisabled(userId: string, email: string, via: string): Promise<void> {
    await this.audit.record({
      action: 'role.changed',
      actor: { userId: null, label: via },
      target: { type: 'user', id: userId, label: email },
      before: { status: 'active' },
      after: { status: 'disabled' },
    });
  }
}
