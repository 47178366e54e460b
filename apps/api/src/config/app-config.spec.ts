import { AppConfig, ConfigError } from './app-config';

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
    });
    expect(config.database).toMatchObject({ mode: 'postgres', poolMax: 10 });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'brevet' });
    expect(config.seedDemo).toBe(false);
    expect(config.host).toBe('0.0.0.0');
  });

  it('migrates at boot outside production, and always in embedded mode', () => {
    const server = { DATABASE_URL: 'postgres://u@h/db' };
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
});
