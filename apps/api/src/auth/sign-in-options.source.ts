import { Injectable } from '@nestjs/common';
import type { SignInOptions } from '@brevet/contracts';
import { AppConfig } from '../config/app-config';

type IdentityProviderList = SignInOptions['identityProviders'];

/**
 * What the sign-in page offers. The SSO module contributes its enabled identity providers, the demo
 * identity provider its picker; password sign-in follows `PASSWORD_LOGIN`.
 */
@Injectable()
export class SignInOptionsSource {
  private identityProviders: () => Promise<IdentityProviderList> = () => Promise.resolve([]);
  private demo: SignInOptions['demoIdentityProvider'] = null;

  constructor(private readonly config: AppConfig) {}

  provideIdentityProviders(list: () => Promise<IdentityProviderList>): void {
    this.identityProviders = list;
  }

  provideDemo(demo: NonNullable<SignInOptions['demoIdentityProvider']>): void {
    this.demo = demo;
  }

  async options(): Promise<SignInOptions> {
    return {
      // The demo identity provider is an ordinary one underneath; the page shows it on its own.
      identityProviders: (await this.identityProviders()).filter((p) => p.loginUrl !== this.demo?.loginUrl),
      passwordLogin: this.config.passwordLogin,
      demoIdentityProvider: this.demo,
    };
  }
}
