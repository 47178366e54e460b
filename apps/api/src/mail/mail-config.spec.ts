import { AppConfig, ConfigError } from '../config/app-config';

const base = { NODE_ENV: 'test', PUBLIC_URL: 'https://brevet.example.com' };

describe('mail settings in the typed configuration', () => {
  it('keeps mail in the outbox without SMTP_HOST, with a sender on the public host', () => {
    const config = AppConfig.load(base);
    expect(config.mail).toEqual({ from: 'Brevet <no-reply@brevet.example.com>', smtp: undefined });
  });

  it('reads the SMTP server, with STARTTLS on port 587 by default', () => {
    const config = AppConfig.load({
      ...base,
      SMTP_HOST: 'smtp.example.com',
      SMTP_FROM: 'Brevet <brevet@example.com>',
      SMTP_USER: 'brevet',
      SMTP_PASSWORD: 's3cret',
    });
    expect(config.mail).toEqual({
      from: 'Brevet <brevet@example.com>',
      smtp: { host: 'smtp.example.com', port: 587, user: 'brevet', password: 's3cret', tls: 'starttls' },
    });
    expect(
      AppConfig.load({
        ...base,
        SMTP_HOST: 'relay',
        SMTP_PORT: '25',
        SMTP_TLS: 'none',
        SMTP_FROM: 'a@b.example',
      }).mail.smtp,
    ).toEqual({ host: 'relay', port: 25, user: undefined, password: undefined, tls: 'none' });
  });

  it.each([
    [{ SMTP_HOST: 'smtp.example.com' }, 'SMTP_FROM: required with SMTP_HOST'],
    [{ SMTP_HOST: 'h', SMTP_FROM: 'a@b.example', SMTP_USER: 'u' }, 'SMTP_PASSWORD: required with SMTP_USER'],
    [{ SMTP_TLS: 'ssl' }, 'SMTP_TLS'],
    [{ SMTP_PORT: '70000' }, 'SMTP_PORT'],
    [{ SMTP_FROM: 'Brevet\r\nBcc: x@evil.test <a@b.example>' }, 'SMTP_FROM'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => AppConfig.load({ ...base, ...env })).toThrow(ConfigError);
    expect(() => AppConfig.load({ ...base, ...env })).toThrow(message);
  });

  it('never echoes the password in its message', () => {
    expect(() =>
      AppConfig.load({ ...base, SMTP_HOST: 'h', SMTP_PASSWORD: 'top-secret-value', SMTP_PORT: 'x' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('top-secret-value') }));
  });
});
