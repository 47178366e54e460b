import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { issuerId, revocationListUrl } from './credential-builder.util';
import { signJws } from './jws.util';
import { REVOKED_INDEX_SOURCE, type RevokedIndexSource } from './open-badges.ports';
import { SigningKeysService } from './signing-keys.service';
import { buildStatusListCredential } from './status-list.util';

/** How long one process reuses a built list. A revocation shows everywhere within this time. */
export const REVOCATION_LIST_CACHE_MS = 5_000;

/**
 * The signed revocation list (a BitstringStatusListCredential as a VC-JWT), built from the revoked indices
 * and cached briefly. Call {@link invalidate} after revoking to make this process show it at once.
 */
@Injectable()
export class RevocationListService {
  private cached?: { jwt: string; builtAt: number };
  private building?: Promise<string>;
  private generation = 0;

  constructor(
    @Inject(REVOKED_INDEX_SOURCE) private readonly source: RevokedIndexSource,
    private readonly keys: SigningKeysService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get url(): string {
    return revocationListUrl(this.config.publicUrl);
  }

  /** The current signed list (compact JWS). */
  async signedList(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.builtAt < REVOCATION_LIST_CACHE_MS) return this.cached.jwt;
    this.building ??= this.build().finally(() => (this.building = undefined));
    return this.building;
  }

  /** Forgets the cached list, so that the next request rebuilds it. */
  invalidate(): void {
    this.cached = undefined;
    this.building = undefined;
    this.generation += 1;
  }

  private async build(): Promise<string> {
    const generation = this.generation;
    const now = this.clock.now();
    const credential = buildStatusListCredential({
      url: this.url,
      issuer: issuerId(this.config.publicUrl),
      revoked: await this.source.revokedIndices(),
      now,
    });
    const jwt = signJws(
      {
        ...credential,
        iss: credential.issuer,
        jti: credential.id,
        sub: credential.credentialSubject.id,
        nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
        exp: Math.floor(Date.parse(credential.validUntil) / 1000),
      },
      await this.keys.signingKey(),
    );
    // A list built while someone invalidated is not cached: it may predate the revocation.
    if (generation === this.generation) this.cached = { jwt, builtAt: now.getTime() };
    return jwt;
  }
}
