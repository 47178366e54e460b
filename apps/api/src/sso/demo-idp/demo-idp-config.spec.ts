import { AppConfig, ConfigError } from '../../config/app-config';
import { DemoIdpModule } from './demo-idp.module';

const SERVER = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/brevet' };
const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('DEMO_IDP', () => {
  it('defaults to on with demo data outside production, off otherwise', () => {
    expect(AppConfig.load({}).demoIdp).toBe(true);
    expect(AppConfig.load(SERVER).demoIdp).toBe(false);
    expect(AppConfig.load({ ...SERVER, SEED_DEMO: 'true' }).demoIdp).toBe(true);
    expect(AppConfig.load({ NODE_ENV: 'test', SEED_DEMO: 'false' }).demoIdp).toBe(false);
  });

  it('follows an explicit setting outside production', () => {
    expect(AppConfig.load({ DEMO_IDP: 'false' }).demoIdp).toBe(false);
    expect(AppConfig.load({ ...SERVER, DEMO_IDP: 'true' }).demoIdp).toBe(true);
    expect(AppConfig.load({ ...SERVER, DEMO_IDP: '' }).demoIdp).toBe(false);
    expect(() => AppConfig.load({ DEMO_IDP: 'maybe' })).toThrow(/DEMO_IDP:/);
  });

  it('is always off in production, and DEMO_IDP=true there refuses to start', () => {
    // Embedded production still seeds demo data by default, but never offers the demo identity provider.
    expect(AppConfig.load({ NODE_ENV: 'production' }).seedDemo).toBe(true);
    expect(AppConfig.load({ NODE_ENV: 'production' }).demoIdp).toBe(false);
    const production = {
      ...SERVER,
      NODE_ENV: 'production',
      KEY_ENCRYPTION_SECRET: SECRET,
      SEED_DEMO: 'true',
    };
    expect(AppConfig.load(production).demoIdp).toBe(false);
    expect(AppConfig.load({ ...production, DEMO_IDP: 'false' }).demoIdp).toBe(false);
    expect(() => AppConfig.load({ ...production, DEMO_IDP: 'true' })).toThrow(ConfigError);
    expect(() => AppConfig.load({ ...production, DEMO_IDP: 'yes' })).toThrow(
      /DEMO_IDP: must not be true in production/,
    );
  });

  it('registers no controller or provider when off', () => {
    const off = DemoIdpModule.register(AppConfig.load({ DEMO_IDP: 'false' }));
    expect(off).toEqual({ module: DemoIdpModule });
    const on = DemoIdpModule.register(AppConfig.load({ DEMO_IDP: 'true' }));
    expect(on.controllers).toHaveLength(1);
  });
});
