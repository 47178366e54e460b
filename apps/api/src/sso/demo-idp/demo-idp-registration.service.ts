import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { SsoGroupRoleRule } from '@brevet/contracts';
import { DEMO_BRANCHES, DEMO_REGIONS } from '../../seed/demo-data';
import { SignInOptionsSource } from '../../auth/sign-in-options.source';
import { IdentityProvidersService } from '../identity-providers.service';
import { SlugTakenException } from '../sso.exceptions';
import { DEMO_IDP_GROUPS } from './demo-idp.people';
import { DemoIdpService } from './demo-idp.service';

/** The slug of the demo identity provider: its URLs are `/auth/saml/demo/…`. */
export const DEMO_IDP_SLUG = 'demo';

/**
 * Registers the demo identity provider as an ordinary `identity_provider` row (slug `demo`), configured the
 * way an admin would configure a real one: employee number as the staff link, the demo attribute names, and
 * group rules for HR admins, every demo region's managers and every demo branch's managers. Idempotent.
 */
@Injectable()
export class DemoIdpRegistration implements OnModuleInit {
  private readonly logger = new Logger(DemoIdpRegistration.name);

  constructor(
    private readonly demoIdp: DemoIdpService,
    private readonly providers: IdentityProvidersService,
    private readonly signInOptions: SignInOptionsSource,
  ) {}

  /** The sign-in page offers it as "try the demo", apart from the company's own identity providers. */
  onModuleInit(): void {
    this.signInOptions.provideDemo({ loginUrl: `/auth/saml/${DEMO_IDP_SLUG}/login` });
  }

  async ensureRegistered(): Promise<void> {
    const metadata = await this.demoIdp.metadata();
    try {
      const created = await this.providers.create({
        slug: DEMO_IDP_SLUG,
        displayName: 'Nordwind demo sign-in',
        enabled: true,
        metadataXml: metadata.xml,
      });
      await this.providers.update(created.id, {
        version: created.version,
        linkStaffBy: 'employeeNumber',
        attributeMapping: {
          employeeNumber: 'employeeNumber',
          email: 'email',
          givenName: 'givenName',
          familyName: 'sn',
          displayName: null,
          branchCode: 'branchCode',
          jobRole: null,
          groups: 'groups',
        },
        groupRoleRules: demoGroupRules(),
      });
      this.logger.log('registered the demo identity provider (/auth/saml/demo/login)');
    } catch (error) {
      if (!(error instanceof SlugTakenException)) throw error;
      await this.followAddress(metadata);
    }
  }

  /**
   * The demo identity provider lives at this process's address, which can change between starts (another
   * `PORT` or `PUBLIC_URL`, a copied data directory): point the registration at where it is now, or the demo
   * sign-in would send people to the old address.
   */
  private async followAddress(metadata: { entityId: string; ssoUrl: string }): Promise<void> {
    const summary = (await this.providers.list()).find((p) => p.slug === DEMO_IDP_SLUG);
    if (!summary) return;
    const current = await this.providers.get(summary.id);
    if (current.entityId === metadata.entityId && current.ssoUrl === metadata.ssoUrl) return;
    await this.providers.update(current.id, {
      version: current.version,
      entityId: metadata.entityId,
      ssoUrl: metadata.ssoUrl,
    });
    this.logger.log(`the demo identity provider moved to ${metadata.ssoUrl}`);
  }
}

export function demoGroupRules(): SsoGroupRoleRule[] {
  return [
    { group: DEMO_IDP_GROUPS.hrAdmins, role: 'hr_admin' },
    ...DEMO_REGIONS.map((r) => ({
      group: DEMO_IDP_GROUPS.regionalManagers(r.code),
      role: 'regional_manager' as const,
      regionCodes: [r.code],
    })),
    ...DEMO_BRANCHES.map((b) => ({
      group: DEMO_IDP_GROUPS.branchManagers(b.code),
      role: 'branch_manager' as const,
      branchCodes: [b.code],
    })),
  ];
}
