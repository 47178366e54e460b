import { AppConfig, ConfigError } from './app-config';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('AppConfig', () => {
  it('defaults to embedded mode with demo data and no Redis', () => {
    const config = AppConfig.load({});
    expect(config.database.mode).toBe('embedded');
    expect(config.database.poolMax).toBe(1);
    expect(config.redis).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
  });

  it('uses PostgreSQL and Redis when their URLs are set, without demo data unless asked', () => {
    const config = AppConfig.load({
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/brevet',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NODE_ENV: 'production',
      KEY_ENCRYPTION_SECRET: SECRET,
    });
    expect(config.database).toMatchObject({ mode: 'postgres', poolMax: 10 });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'brevet' });
    expect(config.seedDemo).toBe(false);
    expect(config.host).toBe('0.0.0.0');
  });

  it('migrates at boot outside production, and always in embedded mode', () => {
    const server = { DATABASE_URL: 'postgres://u@h/db', KEY_ENCRYPTION_SECRET: SECRET };
    expect(AppConfig.load(server).runMigrations).toBe(true);
    expect(AppConfig.load({ ...server, NODE_ENV: 'production' }).runMigrations).toBe(false);
    expect(AppConfig.load({ ...server, NODE_ENV: 'production', RUN_MIGRATIONS: 'true' }).runMigrations).toBe(
      true,
    );
    expect(AppConfig.load({ NODE_ENV: 'production' }).runMigrations).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(AppConfig.load({ DATABASE_URL: '', REDIS_URL: '' }).database.mode).toBe('embedded');
  });

  it('fails with one line per invalid variable and never echoes the value', () => {
    const secret = 'mysql://admin:hunter2@db/brevet';
    let message = '';
    try {
      AppConfig.load({ DATABASE_URL: secret, PORT: 'eighty', SEED_DEMO: 'maybe' });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// connection URL');
    expect(message).toContain('PORT:');
    expect(message).toContain('SEED_DEMO:');
    expect(message).not.toContain('hunter2');
  });

  it('requires KEY_ENCRYPTION_SECRET in production with a database server, not in embedded mode', () => {
    const server = { DATABASE_URL: 'postgres://u@h/db', NODE_ENV: 'production' };
    expect(() => AppConfig.load(server)).toThrow(/KEY_ENCRYPTION_SECRET: required in production/);
    expect(AppConfig.load({ ...server, KEY_ENCRYPTION_SECRET: SECRET }).openBadges.keyEncryptionSecret).toBe(
      SECRET,
    );
    expect(AppConfig.load({ NODE_ENV: 'production' }).openBadges.keyEncryptionSecret).toBeUndefined();
    expect(
      AppConfig.load({ DATABASE_URL: 'postgres://u@h/db' }).openBadges.keyEncryptionSecret,
    ).toBeUndefined();
  });

  it('rejects a short KEY_ENCRYPTION_SECRET without echoing it, and defaults the issuer settings', () => {
    expect(() => AppConfig.load({ KEY_ENCRYPTION_SECRET: 'short-secret' })).toThrow(/KEY_ENCRYPTION_SECRET:/);
    try {
      AppConfig.load({ KEY_ENCRYPTION_SECRET: 'short-secret' });
    } catch (e) {
      expect((e as Error).message).not.toContain('short-secret');
    }
    expect(AppConfig.load({}).openBadges).toEqual({
      issuerName: 'Brevet issuer',
      signingAlg: 'EdDSA',
      keyEncryptionSecret: undefined,
    });
    expect(
      AppConfig.load({ ISSUER_NAME: 'Nordwind Logistik', OPEN_BADGES_SIGNING_ALG: 'RS256' }).openBadges,
    ).toMatchObject({ issuerName: 'Nordwind Logistik', signingAlg: 'RS256' });
  });
});
