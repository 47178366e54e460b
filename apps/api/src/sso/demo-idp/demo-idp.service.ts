import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { resolveKeyEncryptionSecret } from '../../open-badges/key-secret';
import {
  deriveKey,
  generateStoredKeyAsync,
  isStoredSigningKey,
  unsealPrivateKey,
  type StoredSigningKey,
} from '../../open-badges/signing-key.util';
import { SettingRepository } from '../../settings/setting.repository';
import {
  demoIdpPageHeaders,
  renderPeoplePage,
  renderPostPage,
  type DemoIdpPageLinks,
} from './demo-idp-page.util';
import { DEMO_IDP_PEOPLE, type DemoIdpPeople } from './demo-idp.people';
import { DemoIdpPersonUnknownException, DemoIdpRequestInvalidException } from './demo-idp.exceptions';
import { DemoIdpRepository } from './demo-idp.repository';
import { DEMO_IDP_BASE_PATH } from './demo-idp.routes';
import {
  buildIdpMetadata,
  buildSamlResponse,
  NAME_ID_FORMAT,
  parseAuthnRequest,
  samlId,
  SamlMessageError,
  selfSignedCertificate,
  signSamlResponse,
  type IdpKeyPair,
  type ParsedAuthnRequest,
} from './saml-idp.util';

/** The `app_setting` row with the demo identity provider's key (private part encrypted) and certificate. */
export const DEMO_IDP_KEY_SETTING = 'demo-idp.key-pair';

/** Injection token of {@link DemoIdpOptions}. */
export const DEMO_IDP_OPTIONS = Symbol('DEMO_IDP_OPTIONS');

export interface DemoIdpOptions {
  /**
   * The service provider this IdP answers. `acsUrl` pins where responses go (a request asking for another
   * ACS URL is refused); `entityId` pins the audience. Without it, the AuthnRequest's ACS URL is used when it
   * lies under PUBLIC_URL, and its Issuer is the audience.
   */
  sp?: { acsUrl: string; entityId?: string };
}

/** What the lead's seed needs to register the `demo` identity provider. */
export interface DemoIdpMetadata {
  entityId: string;
  ssoUrl: string;
  certificatePem: string;
  /** SAML metadata XML (also served at `/auth/demo-idp/metadata`). */
  xml: string;
}

export interface DemoIdpPage {
  html: string;
  headers: Record<string, string>;
}

interface StoredDemoIdpKey {
  /** Same record and encryption as an Open Badges signing key (RSA 3072, AES-256-GCM under a derived key). */
  key: StoredSigningKey;
  certificatePem: string;
}

const CERTIFICATE_DAYS = 3650;

/**
 * The demo identity provider (`DEMO_IDP`, never in production): a people picker that answers Brevet's
 * AuthnRequests with a real, signed SAML Response for the chosen demo person. Its key is created once and
 * kept in `app_setting`, the private key encrypted the way the Open Badges signing keys are.
 */
@Injectable()
export class DemoIdpService {
  private readonly logger = new Logger(DemoIdpService.name);
  private secret?: string;

  constructor(
    private readonly config: AppConfig,
    private readonly settings: SettingRepository,
    private readonly repository: DemoIdpRepository,
    @Inject(DEMO_IDP_PEOPLE) private readonly people: DemoIdpPeople,
    @Inject(DEMO_IDP_OPTIONS) private readonly options: DemoIdpOptions,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
    private readonly clock: Clock,
  ) {}

  get entityId(): string {
    return `${this.config.publicUrl}/${DEMO_IDP_BASE_PATH}`;
  }

  get ssoUrl(): string {
    return `${this.entityId}/sso`;
  }

  /** The key pair, created on first use; safe when several processes start at once. Returns the certificate. */
  async ensureKeyPair(): Promise<{ certificatePem: string }> {
    const stored = await this.storedKey();
    return { certificatePem: stored.certificatePem };
  }

  async metadata(): Promise<DemoIdpMetadata> {
    const { certificatePem } = await this.ensureKeyPair();
    return {
      entityId: this.entityId,
      ssoUrl: this.ssoUrl,
      certificatePem,
      xml: buildIdpMetadata({
        entityId: this.entityId,
        ssoUrl: this.ssoUrl,
        certificatesPem: [certificatePem],
      }),
    };
  }

  /** The people picker for an AuthnRequest (checked here, so a bad request fails before anyone is chosen). */
  async peoplePage(samlRequest: string, relayState?: string): Promise<DemoIdpPage> {
    this.target(this.parse(samlRequest));
    const people = await this.people.list();
    return {
      html: renderPeoplePage({ people, samlRequest, relayState, links: this.links() }),
      headers: demoIdpPageHeaders([origin(this.config.publicUrl)]),
    };
  }

  /** A signed Response (assertion and response signed) for `personKey`, in a form that posts itself to the ACS. */
  async answer(samlRequest: string, personKey: string, relayState?: string): Promise<DemoIdpPage> {
    const request = this.parse(samlRequest);
    const { acsUrl, audience } = this.target(request);
    const person = (await this.people.list()).find((p) => p.key === personKey);
    if (!person) throw new DemoIdpPersonUnknownException();
    const keys = await this.signingKeys();
    const xml = signSamlResponse(
      buildSamlResponse({
        issuer: this.entityId,
        destination: acsUrl,
        inResponseTo: request.id,
        audience,
        nameId: person.nameId,
        nameIdFormat: person.nameIdFormat ?? NAME_ID_FORMAT.persistent,
        sessionIndex: samlId(),
        attributes: person.attributes,
        now: this.clock.now(),
      }),
      keys,
    );
    this.logger.log(`demo sign-in as ${person.key} for ${audience}`);
    return {
      html: renderPostPage({
        acsUrl,
        samlResponse: Buffer.from(xml, 'utf8').toString('base64'),
        relayState,
        personLabel: person.label,
        links: this.links(),
      }),
      headers: demoIdpPageHeaders([origin(this.config.publicUrl), origin(acsUrl)]),
    };
  }

  private links(): DemoIdpPageLinks {
    return {
      stylesheet: `${this.entityId}/demo-idp.css`,
      sso: this.ssoUrl,
      autosubmit: `${this.entityId}/autosubmit.js`,
    };
  }

  private parse(samlRequest: string): ParsedAuthnRequest {
    try {
      return parseAuthnRequest(samlRequest);
    } catch (error) {
      if (error instanceof SamlMessageError) throw new DemoIdpRequestInvalidException(error.message);
      throw error;
    }
  }

  /** Where the response goes and for whom, as a registered IdP would check it. */
  private target(request: ParsedAuthnRequest): { acsUrl: string; audience: string } {
    if (request.destination !== null && request.destination !== this.ssoUrl)
      throw new DemoIdpRequestInvalidException(`the AuthnRequest is addressed to ${request.destination}`);
    const sp = this.options.sp;
    let acsUrl: string;
    if (sp) {
      if (request.acsUrl !== null && request.acsUrl !== sp.acsUrl)
        throw new DemoIdpRequestInvalidException(
          'the AuthnRequest asks for an unknown AssertionConsumerServiceURL',
        );
      acsUrl = sp.acsUrl;
    } else {
      if (request.acsUrl === null || !isUnder(request.acsUrl, this.config.publicUrl))
        throw new DemoIdpRequestInvalidException(
          'the AuthnRequest needs an AssertionConsumerServiceURL of this Brevet installation',
        );
      acsUrl = request.acsUrl;
    }
    if (sp?.entityId !== undefined) {
      if (request.issuer !== null && request.issuer !== sp.entityId)
        throw new DemoIdpRequestInvalidException('the AuthnRequest comes from an unknown service provider');
      return { acsUrl, audience: sp.entityId };
    }
    if (request.issuer === null) throw new DemoIdpRequestInvalidException('the AuthnRequest has no Issuer');
    return { acsUrl, audience: request.issuer };
  }

  private async signingKeys(): Promise<IdpKeyPair> {
    const stored = await this.storedKey();
    const privateKey = unsealPrivateKey(stored.key, this.kek());
    return {
      privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      certificatePem: stored.certificatePem,
    };
  }

  private async storedKey(): Promise<StoredDemoIdpKey> {
    return this.cls.run({ ifNested: 'reuse' }, async () => {
      const existing = parseStored(await this.settings.get(DEMO_IDP_KEY_SETTING));
      if (existing) return existing;
      return this.txHost.withTransaction(async () => {
        await this.repository.lockKeyPairCreation();
        const raced = parseStored(await this.settings.get(DEMO_IDP_KEY_SETTING));
        if (raced) return raced;
        const kek = this.kek();
        const key = await generateStoredKeyAsync('RS256', kek, this.clock.now());
        const privateKeyPem = unsealPrivateKey(key, kek).export({ format: 'pem', type: 'pkcs8' }).toString();
        const certificatePem = selfSignedCertificate(privateKeyPem, {
          commonName: 'Brevet demo identity provider',
          days: CERTIFICATE_DAYS,
          now: this.clock.now(),
        });
        const created: StoredDemoIdpKey = { key, certificatePem };
        await this.settings.put(DEMO_IDP_KEY_SETTING, created);
        this.logger.log('created the demo identity provider key pair');
        return created;
      });
    });
  }

  /** Encrypts the private key like the Open Badges keys do, under a key derived for this purpose only. */
  private kek(): Buffer {
    this.secret ??= resolveKeyEncryptionSecret(
      this.config.openBadges.keyEncryptionSecret,
      this.config.dataDir,
    );
    return deriveKey(this.secret, 'demo-idp-key-encryption/v1');
  }
}

function parseStored(value: unknown): StoredDemoIdpKey | null {
  if (value === undefined || value === null) return null;
  const v = value as Partial<StoredDemoIdpKey>;
  if (!isStoredSigningKey(v.key) || typeof v.certificatePem !== 'string')
    throw new Error(`app_setting '${DEMO_IDP_KEY_SETTING}' is not a demo identity provider key pair`);
  return { key: v.key, certificatePem: v.certificatePem };
}

function origin(url: string): string {
  return new URL(url).origin;
}

/** True when `url` is `base` or below it (same origin, path under base's path). */
export function isUnder(url: string, base: string): boolean {
  let u: URL;
  let b: URL;
  try {
    u = new URL(url);
    b = new URL(base);
  } catch {
    return false;
  }
  const basePath = b.pathname.replace(/\/$/, '');
  return u.origin === b.origin && (u.pathname === basePath || u.pathname.startsWith(`${basePath}/`));
}
