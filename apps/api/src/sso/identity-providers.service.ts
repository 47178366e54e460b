import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  IDENTITY_PROVIDER_SLUG_PATTERN,
  type CreateIdentityProviderRequest,
  type FieldError,
  type IdentityProvider,
  type IdentityProviderSummary,
  type LastAssertion,
  type MetadataSource,
  type ParsedIdpMetadata,
  type SsoAttributeMapping,
} from '@brevet/contracts';
import { AuditLog, type AuditRecord } from '../audit/audit-log.service';
import { SessionService } from '../auth/session.service';
import { Clock } from '../common/clock';
import {
  DomainException,
  ValidationFailedException,
  VersionConflictException,
} from '../common/domain.exception';
import { AppConfig } from '../config/app-config';
import { CertificateError, readCertificate } from './certificate.util';
import type { IdentityProviderEntity, StoredSpKeys } from './identity-provider.entity';
import { mapIdentityProvider, mapIdentityProviderSummary } from './identity-provider.mapper';
import { IdentityProviderRepository, type IdentityProviderChanges } from './identity-provider.repository';
import { MetadataFetcher } from './metadata-fetcher';
import type { MetadataUpload } from './metadata-upload';
import {
  isAcceptableIdpUrl,
  MetadataError,
  parseIdpMetadata,
  preferredNameIdFormat,
} from './saml-metadata.util';
import type { UpdateIdentityProviderDto } from './sso-admin.dto';
import {
  CertificateInvalidException,
  IdentityProviderNotFoundException,
  KeyRotationStepException,
  LastCertificateException,
  MetadataInvalidException,
  SlugTakenException,
} from './sso.exceptions';
import { SpKeyring } from './sp-keyring';
import { changedSettings, idpSettings, spKeyFingerprints } from './sso-audit.util';

const EMPTY_MAPPING: SsoAttributeMapping = {
  employeeNumber: null,
  email: null,
  givenName: null,
  familyName: null,
  displayName: null,
  branchCode: null,
  jobRole: null,
  groups: null,
};

/**
 * The HR admin's side of SSO: identity providers from metadata, their settings, attribute mapping and group
 * rules, their signing certificates (several during a rotation), Brevet's own keys for each (generate next →
 * promote → drop previous), and the last received assertion. Changes apply at the next request on every
 * process: SAML options are read from the database per request. Every change is one `sso.provider.changed`
 * audit entry (changed settings, certificate fingerprints; never keys or metadata XML), recorded last.
 */
@Injectable()
export class IdentityProvidersService {
  private readonly logger = new Logger(IdentityProvidersService.name);

  constructor(
    private readonly providers: IdentityProviderRepository,
    private readonly keyring: SpKeyring,
    private readonly fetcher: MetadataFetcher,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<IdentityProviderSummary[]> {
    return (await this.providers.findAll()).map(mapIdentityProviderSummary);
  }

  async get(id: string): Promise<IdentityProvider> {
    return this.map(await this.found(id));
  }

  /** What the metadata holds, without saving anything ("check the extracted values before you save"). */
  async previewMetadata(source: MetadataSource): Promise<ParsedIdpMetadata> {
    return this.parse(await this.metadataXml(source), source.metadataXml === undefined);
  }

  /** A new identity provider from its metadata, with fresh keys of Brevet's own. Off until switched on. */
  async create(body: CreateIdentityProviderRequest): Promise<IdentityProvider> {
    const parsed = this.parse(await this.metadataXml(body), body.metadataXml === undefined);
    if (await this.providers.findBySlug(body.slug)) throw new SlugTakenException(body.slug);
    const spKeys: StoredSpKeys = {
      current: await this.keyring.generateKeySet(body.slug),
      next: null,
      previous: null,
    };
    const created = await this.txHost.withTransaction(async () => {
      const inserted = await this.providers.insert({
        slug: body.slug,
        displayName: body.displayName,
        enabled: body.enabled ?? false,
        entityId: parsed.entityId,
        ssoUrl: parsed.ssoUrl,
        sloUrl: parsed.sloUrl,
        signingCertificates: parsed.signingCertificates.map((c) => c.pem),
        wantEncryptedAssertions: false,
        nameIdFormat: preferredNameIdFormat(parsed.nameIdFormats),
        attributeMapping: { ...EMPTY_MAPPING },
        linkStaffBy: 'employeeNumber',
        groupRoleRules: [],
        spKeys,
      });
      if (!inserted) throw new SlugTakenException(body.slug);
      await this.audit.record(
        providerRecord(inserted, 'created', {
          after: { ...idpSettings(inserted), spKeys: spKeyFingerprints(inserted.spKeys) },
        }),
      );
      return inserted;
    });
    this.logger.log(`identity provider ${created.slug} added (${created.entityId})`);
    return this.map(created);
  }

  /** {@link create} for an uploaded metadata file; the form fields are checked like the JSON body. */
  async createFromUpload(upload: MetadataUpload): Promise<IdentityProvider> {
    const slug = (upload.fields['slug'] ?? '').trim();
    const displayName = (upload.fields['displayName'] ?? '').trim();
    const enabled = upload.fields['enabled'];
    const errors: FieldError[] = [];
    if (!IDENTITY_PROVIDER_SLUG_PATTERN.test(slug))
      errors.push({ field: 'slug', message: 'must be 2–41 lowercase letters, digits or dashes' });
    if (displayName.length < 1 || displayName.length > 100)
      errors.push({ field: 'displayName', message: 'must be 1–100 characters' });
    if (enabled !== undefined && enabled !== 'true' && enabled !== 'false')
      errors.push({ field: 'enabled', message: 'must be true or false' });
    if (errors.length > 0) throw new ValidationFailedException(errors);
    return this.create({ slug, displayName, enabled: enabled === 'true', metadataXml: upload.xml });
  }

  async update(id: string, body: UpdateIdentityProviderDto): Promise<IdentityProvider> {
    const current = await this.found(id);
    const { version, ...fields } = body;
    for (const field of ['ssoUrl', 'sloUrl'] as const) {
      const value = fields[field];
      if (typeof value === 'string' && !isAcceptableIdpUrl(value))
        throw new ValidationFailedException([{ field, message: 'must be an https:// URL' }]);
    }
    const changes: IdentityProviderChanges = {};
    if (fields.displayName !== undefined) changes.displayName = fields.displayName;
    if (fields.enabled !== undefined) changes.enabled = fields.enabled;
    if (fields.entityId !== undefined) changes.entityId = fields.entityId;
    if (fields.ssoUrl !== undefined) changes.ssoUrl = fields.ssoUrl;
    if (fields.sloUrl !== undefined) changes.sloUrl = fields.sloUrl;
    if (fields.wantEncryptedAssertions !== undefined)
      changes.wantEncryptedAssertions = fields.wantEncryptedAssertions;
    if (fields.nameIdFormat !== undefined) changes.nameIdFormat = fields.nameIdFormat;
    if (fields.attributeMapping !== undefined)
      changes.attributeMapping = { ...EMPTY_MAPPING, ...fields.attributeMapping };
    if (fields.linkStaffBy !== undefined) changes.linkStaffBy = fields.linkStaffBy;
    if (fields.groupRoleRules !== undefined)
      changes.groupRoleRules = fields.groupRoleRules.map((r) => ({
        group: r.group,
        role: r.role,
        ...(r.regionCodes?.length ? { regionCodes: [...new Set(r.regionCodes)] } : {}),
        ...(r.branchCodes?.length ? { branchCodes: [...new Set(r.branchCodes)] } : {}),
        ...(r.branchFromAttribute ? { branchFromAttribute: true } : {}),
      }));
    await this.txHost.withTransaction(async () => {
      const replaced = await this.lockedFound(id);
      if (!(await this.providers.updateIfVersion(id, version, changes)))
        throw new VersionConflictException(`Identity provider "${current.slug}"`);
      const diff = changedSettings(idpSettings(replaced), idpSettings({ ...replaced, ...changes }));
      if (Object.keys(diff.after).length > 0)
        await this.audit.record(providerRecord(replaced, 'updated', diff));
    });
    return this.get(id);
  }

  @Transactional()
  async addSigningCertificate(id: string, pem: string): Promise<IdentityProvider> {
    let info;
    try {
      info = readCertificate(pem);
    } catch (error) {
      if (error instanceof CertificateError) throw new CertificateInvalidException(error.message);
      throw error;
    }
    if (new Date(info.notAfter) <= this.clock.now())
      throw new CertificateInvalidException('this certificate has expired');
    const idp = await this.lockedFound(id);
    const known = idp.signingCertificates.some((c) => readCertificate(c).fingerprint === info.fingerprint);
    if (!known) {
      const signingCertificates = [...idp.signingCertificates, info.pem];
      await this.providers.update(id, { signingCertificates });
      await this.audit.record(
        providerRecord(idp, 'signing certificate added', {
          ...changedSettings(idpSettings(idp), idpSettings({ ...idp, signingCertificates })),
          details: { fingerprint: info.fingerprint, subject: info.subject, notAfter: info.notAfter },
        }),
      );
    }
    return this.get(id);
  }

  @Transactional()
  async removeSigningCertificate(id: string, fingerprint: string): Promise<IdentityProvider> {
    const idp = await this.lockedFound(id);
    const wanted = fingerprint.toUpperCase();
    const remaining = idp.signingCertificates.filter((c) => readCertificate(c).fingerprint !== wanted);
    if (remaining.length === idp.signingCertificates.length)
      throw new DomainException(
        'not_found',
        HttpStatus.NOT_FOUND,
        'Certificate not found',
        'This identity provider has no signing certificate with that fingerprint.',
      );
    if (remaining.length === 0) throw new LastCertificateException();
    await this.providers.update(id, { signingCertificates: remaining });
    await this.audit.record(
      providerRecord(idp, 'signing certificate removed', {
        ...changedSettings(idpSettings(idp), idpSettings({ ...idp, signingCertificates: remaining })),
        details: { fingerprint: wanted },
      }),
    );
    return this.get(id);
  }

  /** Rotation step 1: a next key set, listed in the metadata beside the current one and accepted for decryption. */
  async generateNextKeys(id: string): Promise<IdentityProvider> {
    const idp = await this.found(id);
    if (idp.spKeys.next)
      throw new KeyRotationStepException('A next key already exists: promote it or keep using it.');
    if (idp.spKeys.previous)
      throw new KeyRotationStepException(
        'The previous key is still kept: remove it before starting a new rotation.',
      );
    const next = await this.keyring.generateKeySet(idp.slug); // seconds of work: outside the transaction
    return this.changeKeys(id, 'service provider keys: next generated', (keys) => {
      if (keys.next || keys.previous)
        throw new KeyRotationStepException('The keys were changed meanwhile: reload.');
      return { ...keys, next };
    });
  }

  /** Rotation step 2: the next key becomes current (signing now uses it); the old one stays for decryption. */
  async promoteNextKeys(id: string): Promise<IdentityProvider> {
    return this.changeKeys(id, 'service provider keys: next promoted', (keys) => {
      if (!keys.next)
        throw new KeyRotationStepException('There is no next key to promote: generate one first.');
      return { current: keys.next, next: null, previous: keys.current };
    });
  }

  /** Rotation step 3: the old key is gone from the metadata and no longer decrypts anything. */
  async dropPreviousKeys(id: string): Promise<IdentityProvider> {
    return this.changeKeys(id, 'service provider keys: previous dropped', (keys) => {
      if (!keys.previous) throw new KeyRotationStepException('There is no previous key to remove.');
      return { ...keys, previous: null };
    });
  }

  async lastAssertion(id: string): Promise<LastAssertion> {
    const idp = await this.found(id);
    if (!idp.lastAssertion)
      throw new DomainException(
        'not_found',
        HttpStatus.NOT_FOUND,
        'Nothing received yet',
        'No sign-in has reached Brevet through this identity provider yet.',
      );
    return idp.lastAssertion;
  }

  /** Deletes the identity provider and every account that signed in through it, ending their sessions. */
  @Transactional()
  async delete(id: string): Promise<void> {
    const idp = await this.lockedFound(id);
    const userIds = await this.providers.userIdsOf(id);
    for (const userId of userIds) await this.sessions.endAllForUser(userId);
    await this.providers.deleteUsersOf(id);
    await this.providers.delete(id);
    this.logger.log(`identity provider ${idp.slug} deleted`);
    await this.audit.record(
      providerRecord(idp, 'deleted', {
        before: idpSettings(idp),
        details: { accountsDeleted: userIds.length },
      }),
    );
  }

  @Transactional()
  private async changeKeys(
    id: string,
    event: string,
    change: (keys: StoredSpKeys) => StoredSpKeys,
  ): Promise<IdentityProvider> {
    const idp = await this.lockedFound(id);
    const spKeys = change(idp.spKeys);
    await this.providers.update(id, { spKeys });
    this.logger.log(`identity provider ${idp.slug}: service provider keys changed`);
    await this.audit.record(
      providerRecord(idp, event, {
        before: { spKeys: spKeyFingerprints(idp.spKeys) },
        after: { spKeys: spKeyFingerprints(spKeys) },
      }),
    );
    return this.get(id);
  }

  private async metadataXml(source: MetadataSource): Promise<string> {
    const hasXml = typeof source.metadataXml === 'string' && source.metadataXml.trim() !== '';
    const hasUrl = typeof source.metadataUrl === 'string' && source.metadataUrl !== '';
    if (hasXml === hasUrl)
      throw new ValidationFailedException([
        { field: 'metadataXml', message: 'give either the metadata XML or the metadata URL' },
      ]);
    return hasXml ? (source.metadataXml as string) : this.fetcher.fetch(source.metadataUrl as string);
  }

  private parse(xml: string, fromUrl: boolean): ParsedIdpMetadata {
    try {
      return parseIdpMetadata(xml, this.clock.now());
    } catch (error) {
      if (error instanceof MetadataError)
        throw new MetadataInvalidException(error.message, fromUrl ? 'metadataUrl' : 'metadataXml');
      throw error;
    }
  }

  private async found(id: string): Promise<IdentityProviderEntity> {
    const idp = await this.providers.findById(id);
    if (!idp) throw new IdentityProviderNotFoundException();
    return idp;
  }

  private async lockedFound(id: string): Promise<IdentityProviderEntity> {
    const idp = await this.providers.findByIdForUpdate(id);
    if (!idp) throw new IdentityProviderNotFoundException();
    return idp;
  }

  private map(idp: IdentityProviderEntity): IdentityProvider {
    return mapIdentityProvider(idp, this.config.publicUrl);
  }
}

/** `sso.provider.changed` for one identity provider. */
function providerRecord(
  idp: { id: string; slug: string },
  event: string,
  change: { before?: unknown; after?: unknown; details?: Record<string, unknown> },
): AuditRecord {
  return {
    action: 'sso.provider.changed',
    target: { type: 'identity-provider', id: idp.id, label: idp.slug },
    before: change.before,
    after: change.after,
    details: { event, ...change.details },
  };
}
