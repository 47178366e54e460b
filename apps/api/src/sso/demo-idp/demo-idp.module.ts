import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { SettingsModule } from '../../settings/settings.module';
import { SsoModule } from '../sso.module';
import { DemoIdpRegistration } from './demo-idp-registration.service';
import { DemoIdpController } from './demo-idp.controller';
import { DEMO_IDP_PEOPLE, type DemoIdpPeople } from './demo-idp.people';
import { DemoIdpRepository } from './demo-idp.repository';
import { DEMO_IDP_OPTIONS, DemoIdpService, type DemoIdpOptions } from './demo-idp.service';
import { StaffDemoIdpPeople } from './staff-demo-idp-people';

/**
 * The demo identity provider for trying SSO with `npm start` (see DemoIdpService). `register()` gives an empty
 * module when `config.demoIdp` is off (always in production), so none of its routes exist.
 */
@Module({})
export class DemoIdpModule {
  static register(
    config: AppConfig,
    options: DemoIdpOptions & {
      /** Where the people come from. Default: {@link StaffDemoIdpPeople} (the demo company's staff). */
      people?: Type<DemoIdpPeople>;
      /** Modules the `people` class needs. */
      imports?: ModuleMetadata['imports'];
    } = {},
  ): DynamicModule {
    if (!config.demoIdp) return { module: DemoIdpModule };
    const { people, imports = [], ...serviceOptions } = options;
    return {
      module: DemoIdpModule,
      imports: [SettingsModule, SsoModule, ...imports],
      controllers: [DemoIdpController],
      providers: [
        DemoIdpRepository,
        DemoIdpService,
        DemoIdpRegistration,
        { provide: DEMO_IDP_OPTIONS, useValue: serviceOptions },
        { provide: DEMO_IDP_PEOPLE, useClass: people ?? StaffDemoIdpPeople },
      ],
      exports: [DemoIdpService, DemoIdpRegistration],
    };
  }
}
