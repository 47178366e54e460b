import { Module, type OnModuleInit } from '@nestjs/common';
import { SignInOptionsSource } from '../auth/sign-in-options.source';
import { IdentityProviderRepository } from './identity-provider.repository';
import { IdentityProvidersService } from './identity-providers.service';
import { MetadataFetcher } from './metadata-fetcher';
import { SamlStrategy } from './saml-strategy';
import { SamlController } from './saml.controller';
import { SamlService } from './saml.service';
import { SpKeyring } from './sp-keyring';
import { SsoAdminController } from './sso-admin.controller';
import { SsoSignInService } from './sso-sign-in.service';
import { loginPath } from './sso.routes';

/**
 * SAML 2.0 single sign-on: Brevet as service provider for any number of identity providers
 * (`/auth/saml/{slug}/…`), and their administration at `/api/v1/sso/identity-providers`. See docs/sso/.
 */
@Module({
  controllers: [SamlController, SsoAdminController],
  providers: [
    IdentityProviderRepository,
    SpKeyring,
    MetadataFetcher,
    SamlStrategy,
    SamlService,
    SsoSignInService,
    IdentityProvidersService,
  ],
  exports: [IdentityProvidersService],
})
export class SsoModule implements OnModuleInit {
  constructor(
    private readonly signInOptions: SignInOptionsSource,
    private readonly providers: IdentityProviderRepository,
  ) {}

  onModuleInit(): void {
    this.signInOptions.provideIdentityProviders(async () =>
      (await this.providers.enabledForSignIn()).map((p) => ({
        slug: p.slug,
        displayName: p.displayName,
        loginUrl: loginPath(p.slug),
      })),
    );
  }
}
