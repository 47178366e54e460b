import { Module, type DynamicModule, type ModuleMetadata, type Provider, type Type } from '@nestjs/common';
import { OpenBadgesPublicController } from './open-badges-public.controller';
import { OpenBadgesController } from './open-badges.controller';
import {
  NoPublicCredentials,
  NoRevokedIndices,
  PUBLIC_CREDENTIAL_SOURCE,
  REVOKED_INDEX_SOURCE,
  type PublicCredentialSource,
  type RevokedIndexSource,
} from './open-badges.ports';
import { OpenBadgesService } from './open-badges.service';
import { RevocationListService } from './revocation-list.service';
import { SigningKeyRepository } from './signing-key.repository';
import { SigningKeysService } from './signing-keys.service';

const core = [SigningKeyRepository, SigningKeysService, RevocationListService, OpenBadgesService];
const exported = [SigningKeysService, RevocationListService, OpenBadgesService];

/**
 * Open Badges 3.0: signed credentials, issuer keys, the revocation list, verification and PDF certificates.
 * `register()` knows no awards (nothing revoked, no award pages); the awards module plugs its data in with
 * {@link OpenBadgesModule.withSources}. See docs/open-badges.md.
 */
@Module({})
export class OpenBadgesModule {
  static register(): DynamicModule {
    return OpenBadgesModule.build(
      [],
      [
        { provide: REVOKED_INDEX_SOURCE, useClass: NoRevokedIndices },
        { provide: PUBLIC_CREDENTIAL_SOURCE, useClass: NoPublicCredentials },
      ],
    );
  }

  /** The module with the awards module's implementations of the two ports (exported by `imports`). */
  static withSources(options: {
    imports?: ModuleMetadata['imports'];
    revokedIndexSource: Type<RevokedIndexSource>;
    publicCredentialSource: Type<PublicCredentialSource>;
  }): DynamicModule {
    return OpenBadgesModule.build(options.imports ?? [], [
      { provide: REVOKED_INDEX_SOURCE, useExisting: options.revokedIndexSource },
      { provide: PUBLIC_CREDENTIAL_SOURCE, useExisting: options.publicCredentialSource },
    ]);
  }

  private static build(imports: NonNullable<ModuleMetadata['imports']>, ports: Provider[]): DynamicModule {
    return {
      module: OpenBadgesModule,
      imports,
      controllers: [OpenBadgesController, OpenBadgesPublicController],
      providers: [...core, ...ports],
      exports: exported,
    };
  }
}
