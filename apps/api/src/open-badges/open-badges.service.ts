import { Inject, Injectable } from '@nestjs/common';
import type { CredentialInput, IssuedCredential, UiLanguage, VerificationResult } from '@brevet/contracts';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { renderCertificatePdf } from '../certificates-pdf/certificate-pdf';
import { linkedInAddToProfileUrl } from './certificate-text.util';
import {
  buildOpenBadgeCredential,
  issuerId,
  jwtPayloadFor,
  localized,
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
  verifyPageUrl,
} from './credential-builder.util';
import { checkStatusListEntry, verifyOpenBadgeJwt } from './credential-verifier.util';
import { signJws } from './jws.util';
import { CredentialNotFoundException, SigningKeyNotFoundException } from './open-badges.exceptions';
import type { Actor } from '../auth/actor';
import {
  credentialViewerOf,
  PUBLIC_CREDENTIAL_SOURCE,
  type PublicCredentialSource,
} from './open-badges.ports';
import { RevocationListService } from './revocation-list.service';
import { SigningKeysService } from './signing-keys.service';
import type { PublicJwk } from './signing-key.util';

/**
 * Issues awards as signed OpenBadgeCredentials (VC-JWT), verifies credentials, and renders certificates.
 * The awards module calls `issue(input)` / `verify(jwt)`; the public pages go through `PublicCredentialSource`.
 */
@Injectable()
export class OpenBadgesService {
  constructor(
    private readonly config: AppConfig,
    private readonly keys: SigningKeysService,
    private readonly revocation: RevocationListService,
    private readonly clock: Clock,
    @Inject(PUBLIC_CREDENTIAL_SOURCE) private readonly awards: PublicCredentialSource,
  ) {}

  get issuerName(): string {
    return this.config.openBadges.issuerName;
  }

  /** The issuer Profile (JSON-LD) published at `/issuer`, with its keys. */
  async issuerProfile(): Promise<Record<string, unknown>> {
    const id = issuerId(this.config.publicUrl);
    const keys = await this.keys.publicKeys();
    return {
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
      id,
      type: ['Profile'],
      name: this.issuerName,
      url: this.config.publicUrl,
      // Informative: where verifiers find the keys that sign VC-JWTs (`kid` dereferences to one JWK).
      verificationMethod: keys.map((k) => ({
        id: k.kid,
        type: 'JsonWebKey',
        controller: id,
        publicKeyJwk: k,
      })),
      jwksUri: `${id}/jwks`,
    };
  }

  async jwks(): Promise<{ keys: PublicJwk[] }> {
    return { keys: await this.keys.publicKeys() };
  }

  async publicKey(id: string): Promise<PublicJwk> {
    const kid = this.keys.kid(id);
    const key = (await this.keys.publicKeys()).find((k) => k.kid === kid);
    if (!key) throw new SigningKeyNotFoundException();
    return key;
  }

  /** Signs the credential for `input` with the active key. */
  async issue(input: CredentialInput): Promise<IssuedCredential> {
    const credential = buildOpenBadgeCredential(input, {
      publicUrl: this.config.publicUrl,
      issuerName: this.issuerName,
      pseudonymKey: this.keys.pseudonymKey(),
    });
    const jwt = signJws(jwtPayloadFor(credential), await this.keys.signingKey());
    const verifyUrl = verifyPageUrl(this.config.publicUrl, input.awardId);
    return {
      awardId: input.awardId,
      jwt,
      credential: credential as unknown as Record<string, unknown>,
      verifyUrl,
      linkedInUrl: linkedInAddToProfileUrl({
        name: localized(input.achievement.titles, input.recipient.language),
        organizationName: this.issuerName,
        issuedOn: input.issuedOn,
        validUntil: input.validUntil,
        certUrl: verifyUrl,
        certId: input.awardId,
      }),
    };
  }

  /** The award as a signed credential, for a person who may see it (in their scope, or their own). */
  async issueForAward(awardId: string, who: Actor): Promise<IssuedCredential> {
    return this.issue(await this.find(awardId, who));
  }

  /** Verifies a VC-JWT (or an EnvelopedVerifiableCredential): signature, claims, dates, revocation. */
  async verify(credential: unknown): Promise<VerificationResult> {
    const keys = await this.keys.publicKeys();
    const now = this.clock.now();
    return verifyOpenBadgeJwt(credential, {
      keys,
      issuerId: issuerId(this.config.publicUrl),
      now,
      statusCheck: async (entry) => {
        // Only our own list: fetching URLs named inside a presented credential would let anyone make
        // this server send requests (SSRF).
        if (entry.statusListCredential !== this.revocation.url)
          return { outcome: 'unknown', reason: 'the status list is not published by this issuer' };
        return checkStatusListEntry(entry, await this.revocation.signedList(), keys, now);
      },
    });
  }

  /**
   * The award as the verification page shows it, with a fresh verification of its credential. The public page
   * asks as `'anyone'`; the JSON API as the signed-in person.
   */
  async verifyAward(
    awardId: string,
    who: Actor | 'anyone',
  ): Promise<{ input: CredentialInput; result: VerificationResult }> {
    const input = await this.find(awardId, who);
    const issued = await this.issue(input);
    return { input, result: await this.verify(issued.jwt) };
  }

  async certificatePdf(awardId: string, who: Actor, language?: UiLanguage): Promise<Buffer> {
    const input = await this.find(awardId, who);
    return renderCertificatePdf({
      input,
      language: language ?? input.recipient.language,
      issuerName: this.issuerName,
      verifyUrl: verifyPageUrl(this.config.publicUrl, awardId),
      createdAt: this.clock.now(),
    });
  }

  /** The award for the public verification page (anyone with the link). */
  async findOrNull(awardId: string): Promise<CredentialInput | null> {
    return this.awards.findForVerification(awardId, 'anyone');
  }

  /** Not found when there is no such award or `who` may not see it: the same answer either way. */
  private async find(awardId: string, who: Actor | 'anyone'): Promise<CredentialInput> {
    const viewer = who === 'anyone' ? 'anyone' : credentialViewerOf(who);
    const input = await this.awards.findForVerification(awardId, viewer);
    if (!input) throw new CredentialNotFoundException();
    return input;
  }
}
