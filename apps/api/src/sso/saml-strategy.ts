import { Injectable } from '@nestjs/common';
import type { Profile, SamlConfig } from '@node-saml/node-saml';
import { MultiSamlStrategy } from '@node-saml/passport-saml';
import type { Request } from 'express';

/**
 * What a SAML route resolved before the strategy runs: node-saml's options for this identity provider (loaded
 * from the database by the `{idp}` slug for this request), and what to do with a verified LogoutRequest.
 */
export interface SamlRequestContext {
  options: SamlConfig;
  /** Ends the sessions a LogoutRequest names; returns the "user" whose logout is confirmed. */
  onLogoutRequest?: (profile: Profile) => Promise<Record<string, unknown>>;
}

/** How one run of the strategy ended (the passport action the strategy called). */
export type StrategyOutcome =
  | { kind: 'success'; profile: Profile }
  | { kind: 'redirect'; url: string }
  | { kind: 'pass' }
  | { kind: 'fail' }
  | { kind: 'error'; error: Error };

/** passport-saml's own (Express 4) request type; ours is Express 5, the same object at run time. */
type StrategyRequest = Parameters<MultiSamlStrategy['authenticate']>[0];
export type AuthenticateOptions = Parameters<MultiSamlStrategy['authenticate']>[1];

type AugmentedStrategy = MultiSamlStrategy & {
  success(user: Record<string, unknown>): void;
  fail(): void;
  redirect(url: string): void;
  pass(): void;
  error(error: Error): void;
};

const contexts = new WeakMap<object, SamlRequestContext>();

/**
 * The one `MultiSamlStrategy` of the application. Its options come per request from
 * {@link SamlRequestContext}, set by the SAML service after loading the identity provider. `run` drives it
 * the way `passport.authenticate` does (the same action functions), but answers with a promise instead of
 * writing the response, so the service decides what the browser gets.
 */
@Injectable()
export class SamlStrategy {
  private readonly strategy = new MultiSamlStrategy(
    {
      passReqToCallback: true,
      getSamlOptions: (req, done) => {
        const context = contexts.get(req);
        if (!context) return done(new Error('SAML options requested outside a SAML route'));
        done(null, context.options);
      },
    },
    (req: StrategyRequest, profile: Profile | null, done) => {
      if (!profile) return done(null, undefined);
      done(null, { profile });
    },
    (req: StrategyRequest, profile: Profile | null, done) => {
      const handler = contexts.get(req)?.onLogoutRequest;
      if (!profile || !handler) return done(new Error('no logout handler'));
      handler(profile).then((user) => {
        // passport-saml answers Success only when the verified user equals `req.user`: the LogoutRequest
        // arrives without cookies, so the user it names (found server-side) is the one being logged out.
        (req as { user?: unknown }).user = user;
        done(null, user);
      }, done);
    },
  );

  /** Runs the strategy on `req` with `context`; resolves with the action it took. Never rejects. */
  run(
    req: Request,
    context: SamlRequestContext,
    options: Partial<AuthenticateOptions> = {},
  ): Promise<StrategyOutcome> {
    contexts.set(req, context);
    // Sessions are ours, not passport's: the LogoutRequest flow calls req.logout, which has nothing to do.
    Object.assign(req, { logout: (done: (err?: unknown) => void) => done() });
    return new Promise<StrategyOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: StrategyOutcome) => {
        if (settled) return;
        settled = true;
        contexts.delete(req);
        resolve(outcome);
      };
      const s = Object.create(this.strategy) as AugmentedStrategy;
      s.success = (user: Record<string, unknown>) =>
        settle({ kind: 'success', profile: user['profile'] as Profile });
      s.fail = () => settle({ kind: 'fail' });
      s.redirect = (url) => settle({ kind: 'redirect', url });
      s.pass = () => settle({ kind: 'pass' });
      s.error = (error) => settle({ kind: 'error', error });
      try {
        s.authenticate(req as unknown as StrategyRequest, { session: false, ...options });
      } catch (error) {
        settle({ kind: 'error', error: error as Error });
      }
    });
  }

  /** The SP-initiated LogoutRequest URL for `user` (NameID, format, session index), signed. */
  logoutUrl(
    req: Request,
    context: SamlRequestContext,
    user: { nameID: string; nameIDFormat: string; sessionIndex?: string },
  ): Promise<string> {
    contexts.set(req, context);
    Object.assign(req, { user });
    return new Promise<string>((resolve, reject) => {
      this.strategy.logout(req as unknown as Parameters<MultiSamlStrategy['logout']>[0], (error, url) => {
        contexts.delete(req);
        if (error || !url) reject(error ?? new Error('no logout URL'));
        else resolve(url);
      });
    });
  }
}
