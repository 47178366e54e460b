import { Injectable, Logger } from '@nestjs/common';
import type { Profile } from '@node-saml/node-saml';
import type { Request } from 'express';
import { AuthEvents } from '../auth/auth-events';
import { AuthService } from '../auth/auth.service';
import { readCookie, SESSION_COOKIE } from '../auth/session-cookie';
import { SessionService } from '../auth/session.service';
import { UserAccountRepository } from '../auth/user-account.repository';
import { Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import { AppConfig } from '../config/app-config';
import { SharedState } from '../shared-state/shared-state.port';
import type { IdentityProviderEntity } from './identity-provider.entity';
import { IdentityProviderRepository } from './identity-provider.repository';
import { buildSpMetadata } from './saml-metadata.util';
import { ACCEPTED_CLOCK_SKEW_MS, pickDecryptionKey, samlOptionsFor } from './saml-options.util';
import { SamlRequestCache } from './saml-request-cache';
import { SamlStrategy, type SamlRequestContext } from './saml-strategy';
import {
  assertRedirectSignaturePresent,
  checkVerifiedResponse,
  childElements,
  decodePostMessage,
  decodeRedirectMessage,
  parseSamlXml,
  readAttributes,
  rootElement,
  safeReturnPath,
  SAML_NS,
  SamlCheckFailed,
  SamlMessageRefused,
  verifiedResponseXml,
} from './saml-xml.util';
import { slots, SpKeyring, type SpKeyMaterial } from './sp-keyring';
import { attributesForDisplay, encodeUnsafe } from './sso-mapping.util';
import {
  IdentityProviderNotFoundException,
  SamlLogoutRejectedException,
  SamlMessageInvalidException,
  SamlResponseRejectedException,
} from './sso.exceptions';
import { SsoSignInService } from './sso-sign-in.service';
import { serviceProviderUrls, SIGN_IN_PAGE } from './sso.routes';

/** Shortest life of a replay-guard entry, even for an assertion that expires sooner. */
const MIN_REPLAY_GUARD_MS = 60_000;

export interface AcsResult {
  token: string;
  location: string;
}

interface Client {
  ip: string | null;
  userAgent: string | null;
}

const clientOf = (req: Request): Client => ({
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent'] ?? null,
});

/** A rejected sign-in: why (for the audit log), and what was verified before it failed. */
class Rejection extends Error {
  constructor(
    readonly reason: string,
    readonly seen: { nameId: string | null; attributes: Array<{ name: string; values: string[] }> } = {
      nameId: null,
      attributes: [],
    },
  ) {
    super(reason);
  }
}

/**
 * The service provider side of SAML 2.0: sign-in start, assertion consumer service, metadata and single
 * logout. node-saml (through the one `MultiSamlStrategy`) verifies signatures, audience, time and
 * InResponseTo; the checks it leaves out run here on the XML it verified (saml-xml.util.ts).
 */
@Injectable()
export class SamlService {
  private readonly logger = new Logger(SamlService.name);

  constructor(
    private readonly providers: IdentityProviderRepository,
    private readonly keyring: SpKeyring,
    private readonly strategy: SamlStrategy,
    private readonly state: SharedState,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly signIn: SsoSignInService,
    private readonly sessions: SessionService,
    private readonly users: UserAccountRepository,
    private readonly auth: AuthService,
    private readonly events: AuthEvents,
  ) {}

  /** Where to send the browser: the identity provider, with a signed AuthnRequest (HTTP-Redirect). */
  async login(req: Request, slug: string, returnTo: unknown): Promise<string> {
    const idp = await this.idp(slug, { enabled: true });
    const outcome = await this.strategy.run(req, this.context(idp, { inResponseTo: 'always' }), {
      additionalParams: { RelayState: safeReturnPath(returnTo) ?? '/' },
    });
    if (outcome.kind !== 'redirect') throw outcome.kind === 'error' ? outcome.error : new Error(outcome.kind);
    return outcome.url;
  }

  /**
   * The assertion consumer service. Every rejection is audited, recorded as the last assertion and answered
   * 401 (400/413 for a message refused before parsing); nothing of the user is created before all checks pass.
   */
  async acs(req: Request, slug: string): Promise<AcsResult> {
    const idp = await this.idp(slug, { enabled: true });
    const body = (req.body ?? {}) as Record<string, unknown>;
    let xml: string;
    try {
      xml = decodePostMessage(body['SAMLResponse']);
      const root = rootElement(xml);
      if (root.localName !== 'Response' || root.namespace !== SAML_NS.protocol)
        throw new SamlMessageRefused(400, 'the message is not a SAML Response');
    } catch (error) {
      if (!(error instanceof SamlMessageRefused)) throw error;
      await this.rejected(idp, new Rejection(error.reason));
      throw new SamlMessageInvalidException(error.status, error.reason);
    }
    try {
      const { userId, displayName, origin } = await this.verifyAndProvision(req, idp, xml);
      const { token } = await this.auth.completeSignIn(
        userId,
        displayName,
        origin,
        clientOf(req),
        readCookie(req, SESSION_COOKIE),
      );
      return { token, location: safeReturnPath(body['RelayState']) ?? '/' };
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      await this.rejected(idp, error);
      throw new SamlResponseRejectedException();
    }
  }

  private async verifyAndProvision(req: Request, idp: IdentityProviderEntity, xml: string) {
    const keys = this.keyring.material(idp);
    const decryptionKeyPem = await pickDecryptionKey(xml, keys.decryptionKeysPem);
    const outcome = await this.strategy.run(
      req,
      this.context(idp, { inResponseTo: 'always', decryptionKeyPem, keys }),
    );
    // Shared state (Redis) unavailable: 503, nothing decided; not the identity provider's fault.
    if (outcome.kind === 'error' && outcome.error instanceof DomainException) throw outcome.error;
    if (outcome.kind !== 'success')
      throw new Rejection(
        outcome.kind === 'error' ? safeReason(outcome.error.message) : `strategy ${outcome.kind}`,
      );
    const assertionXml = outcome.profile.getAssertionXml?.();
    if (!assertionXml) throw new Rejection('no verified assertion');
    const seen = describe(assertionXml);
    const responseXml = verifiedResponseXml(xml, idp.signingCertificates);
    if (!responseXml) throw new Rejection('the Response signature does not verify', seen);
    const urls = serviceProviderUrls(this.config.publicUrl, idp.slug);
    let checked;
    try {
      checked = checkVerifiedResponse(responseXml, assertionXml, {
        acsUrl: urls.acsUrl,
        idpEntityId: idp.entityId,
        requireEncrypted: idp.wantEncryptedAssertions,
      });
    } catch (error) {
      if (error instanceof SamlCheckFailed) throw new Rejection(error.reason, seen);
      throw error;
    }

    // Replay guard, shared by every process: the first to claim the assertion ID wins, until it expires.
    const now = this.clock.now();
    const expires = checked.notOnOrAfter?.getTime() ?? now.getTime() + 5 * 60_000;
    const ttl = Math.max(MIN_REPLAY_GUARD_MS, expires - now.getTime() + ACCEPTED_CLOCK_SKEW_MS);
    const claimed = await this.state.setIfAbsent(
      `saml:assertion:${idp.id}:${checked.assertionId}`,
      now.toISOString(),
      ttl,
    );
    if (!claimed) throw new Rejection('the assertion was already used (replay)', seen);

    const result = await this.signIn.provision(idp, checked, now);
    if (!result.ok) throw new Rejection(result.reason, seen);
    return {
      userId: result.userId,
      displayName: result.displayName,
      origin: {
        kind: 'saml' as const,
        identityProviderId: idp.id,
        identityProviderSlug: idp.slug,
        nameId: checked.nameId,
        sessionIndex: checked.sessionIndex,
      },
    };
  }

  private async rejected(idp: IdentityProviderEntity, rejection: Rejection): Promise<void> {
    const label = rejection.seen.nameId ? `${idp.slug}: ${encodeUnsafe(rejection.seen.nameId)}` : idp.slug;
    await this.events.loginFailed(label, 'saml', rejection.reason);
    await this.signIn.record(idp.id, {
      receivedAt: this.clock.now().toISOString(),
      outcome: 'rejected',
      nameId: rejection.seen.nameId === null ? null : encodeUnsafe(rejection.seen.nameId),
      attributes: attributesForDisplay(rejection.seen.attributes),
      error: rejection.reason,
      notes: [],
    });
  }

  /** Brevet's SP metadata for this identity provider (served even while it is switched off). */
  async metadata(slug: string): Promise<string> {
    const idp = await this.idp(slug, { enabled: false });
    const urls = serviceProviderUrls(this.config.publicUrl, idp.slug);
    const sets = slots(idp.spKeys);
    return buildSpMetadata({
      entityId: urls.entityId,
      acsUrl: urls.acsUrl,
      sloUrl: urls.sloUrl,
      nameIdFormat: idp.nameIdFormat,
      signingCertificatesPem: sets.map((s) => s.signing.certificatePem),
      encryptionCertificatesPem: sets.map((s) => s.encryption.certificatePem),
    });
  }

  /**
   * The single logout endpoint. A LogoutRequest (IdP-initiated, HTTP-Redirect or HTTP-POST) must be signed;
   * it ends that user's sessions on every process and is answered with a signed LogoutResponse. A
   * LogoutResponse (the end of an SP-initiated logout) sends the browser to the sign-in page.
   */
  async singleLogout(req: Request, slug: string): Promise<string> {
    const idp = await this.idp(slug, { enabled: false });
    const source = (req.method === 'GET' ? req.query : (req.body ?? {})) as Record<string, unknown>;
    const kind = source['SAMLRequest'] !== undefined ? 'LogoutRequest' : 'LogoutResponse';
    const param = kind === 'LogoutRequest' ? 'SAMLRequest' : 'SAMLResponse';
    let xml: string;
    try {
      xml =
        req.method === 'GET'
          ? decodeRedirectMessage(source[param], param)
          : decodePostMessage(source[param], param);
      const root = rootElement(xml);
      if (root.localName !== kind || root.namespace !== SAML_NS.protocol)
        throw new SamlMessageRefused(400, `${param} is not a ${kind}`);
    } catch (error) {
      if (error instanceof SamlMessageRefused) {
        this.logger.warn(`single logout via ${idp.slug} refused: ${error.reason}`);
        throw new SamlMessageInvalidException(error.status, error.reason);
      }
      throw error;
    }
    try {
      if (kind === 'LogoutRequest' && req.method === 'GET') assertRedirectSignaturePresent(source);
    } catch (error) {
      if (!(error instanceof SamlCheckFailed)) throw error;
      return this.logoutRejected(idp, error.reason);
    }

    const context = this.context(idp, { inResponseTo: 'ifPresent' });
    context.onLogoutRequest = (profile) => this.endSessionsOf(idp, profile, xml);
    const outcome = await this.strategy.run(req, context);
    if (kind === 'LogoutRequest' && outcome.kind === 'redirect')
      return idp.sloUrl ? outcome.url : SIGN_IN_PAGE;
    if (kind === 'LogoutResponse' && outcome.kind === 'pass') return SIGN_IN_PAGE;
    return this.logoutRejected(
      idp,
      outcome.kind === 'error' ? safeReason(outcome.error.message) : `unexpected ${outcome.kind}`,
    );
  }

  private async logoutRejected(idp: IdentityProviderEntity, reason: string): Promise<never> {
    this.logger.warn(`single logout via ${idp.slug} refused: ${reason}`);
    throw new SamlLogoutRejectedException();
  }

  /** A verified LogoutRequest: end the sessions of that NameID (and SessionIndexes) from this identity provider. */
  private async endSessionsOf(
    idp: IdentityProviderEntity,
    profile: Profile,
    xml: string,
  ): Promise<Record<string, unknown>> {
    const nameId = profile.nameID;
    // Every SessionIndex of the (signed) request; node-saml's profile keeps only the first.
    const root = parseSamlXml(xml).documentElement as Element;
    const sessionIndexes = childElements(root, 'SessionIndex', SAML_NS.protocol).map(
      (e) => e.textContent ?? '',
    );
    const user = await this.users.findBySsoKey(idp.id, nameId);
    if (user) {
      const ended = await this.sessions.endSamlSessions(user.id, idp.id, nameId, sessionIndexes);
      await this.events.sessionsEnded(user.id, ended, `single logout from identity provider ${idp.slug}`);
    }
    return { identityProviderId: idp.id, nameID: nameId };
  }

  /**
   * SP-initiated logout: ends the local session, then (when the session came from this identity provider and
   * it has a logout URL) sends a signed LogoutRequest. Returns where to send the browser.
   */
  async logout(req: Request, slug: string): Promise<string> {
    const idp = await this.idp(slug, { enabled: false });
    const token = readCookie(req, SESSION_COOKIE);
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) return SIGN_IN_PAGE;
    await this.sessions.end(session.id);
    await this.events.sessionsEnded(session.record.userId, 1, 'signed out');
    const origin = session.record.origin;
    if (origin.kind !== 'saml' || origin.identityProviderId !== idp.id || !idp.sloUrl) return SIGN_IN_PAGE;
    return this.strategy.logoutUrl(req, this.context(idp, { inResponseTo: 'ifPresent' }), {
      nameID: origin.nameId,
      nameIDFormat: idp.nameIdFormat,
      ...(origin.sessionIndex ? { sessionIndex: origin.sessionIndex } : {}),
    });
  }

  private async idp(slug: string, options: { enabled: boolean }): Promise<IdentityProviderEntity> {
    const idp = /^[a-z0-9][a-z0-9-]{1,40}$/.test(slug) ? await this.providers.findBySlug(slug) : null;
    if (!idp || (options.enabled && !idp.enabled)) throw new IdentityProviderNotFoundException();
    return idp;
  }

  /** node-saml's options for this request, from the identity provider row just loaded. */
  private context(
    idp: IdentityProviderEntity,
    options: { inResponseTo: 'always' | 'ifPresent'; decryptionKeyPem?: string; keys?: SpKeyMaterial },
  ): SamlRequestContext {
    const keys = options.keys ?? this.keyring.material(idp);
    return {
      options: samlOptionsFor({
        idp,
        urls: serviceProviderUrls(this.config.publicUrl, idp.slug),
        keys,
        decryptionKeyPem: options.decryptionKeyPem ?? keys.decryptionKeysPem[0],
        cache: new SamlRequestCache(this.state, idp.id, this.clock),
        inResponseTo: options.inResponseTo,
      }),
    };
  }
}

/** node-saml's error message, bounded and inert (it may quote values from the message). */
function safeReason(message: string): string {
  return encodeUnsafe(message.split('\n')[0].slice(0, 200));
}

/** The NameID and attributes of a verified assertion, for the record of a rejection. */
function describe(assertionXml: string): Rejection['seen'] {
  try {
    const assertion = parseSamlXml(assertionXml).documentElement as Element;
    const subject = childElements(assertion, 'Subject', SAML_NS.assertion)[0];
    const nameId = subject ? childElements(subject, 'NameID', SAML_NS.assertion)[0] : undefined;
    return { nameId: nameId?.textContent ?? null, attributes: readAttributes(assertion) };
  } catch {
    return { nameId: null, attributes: [] };
  }
}
