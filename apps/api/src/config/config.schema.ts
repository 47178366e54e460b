import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The environment Brevet reads. `.env.example` documents each variable. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.preprocess(emptyAsUndefined, z.string().optional()),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// connection URL')
      .optional(),
  ),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_CONNECT_RETRIES: z.coerce.number().int().min(0).max(100).default(10),
  DB_CONNECT_RETRY_DELAY_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i, 'letters, digits, _ and - only')
    .default('brevet'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  RUN_MIGRATIONS: z.preprocess(emptyAsUndefined, booleanString.optional()),
  SEED_DEMO: z.preprocess(emptyAsUndefined, booleanString.optional()),
  DEMO_IDP: z.preprocess(emptyAsUndefined, booleanString.optional()),
  ADMIN_DIST_DIR: z.string().default('dist/apps/admin/browser'),
  TRUST_PROXY: z
    .string()
    .regex(/^[\w.:/, -]+$/, 'a list such as "loopback", "10.0.0.0/8" or "uniquelocal, 10.1.2.3"')
    .default('loopback'),
  KEY_ENCRYPTION_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be at least 32 characters, e.g. `openssl rand -base64 48`').optional(),
  ),
  ISSUER_NAME: z.preprocess(emptyAsUndefined, z.string().max(200).optional()),
  OPEN_BADGES_SIGNING_ALG: z.enum(['EdDSA', 'RS256']).default('EdDSA'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  PASSWORD_LOGIN: z.enum(['enabled', 'disabled']).default('enabled'),
  SMTP_HOST: z.preprocess(emptyAsUndefined, z.string().max(253).optional()),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_USER: z.preprocess(emptyAsUndefined, z.string().max(320).optional()),
  SMTP_PASSWORD: z.preprocess(emptyAsUndefined, z.string().max(1000).optional()),
  SMTP_FROM: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .max(320)
      .regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, 'an address such as "Brevet <brevet@example.com>"')
      .optional(),
  ),
  SMTP_TLS: z.enum(['starttls', 'implicit', 'none']).default('starttls'),
  REPORT_ATTACHMENT_MAX_MB: z.coerce.number().int().min(0).max(25).default(5),
  REPORT_CHECK_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  WEBHOOK_ALLOW_PRIVATE_HOSTS: z.preprocess(emptyAsUndefined, booleanString.optional()),
  WEBHOOK_CA_FILE: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(12),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().int().min(0).max(60).default(0),
  WORKER_HEALTH_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).optional()),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(25).default(5),
  JOB_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(1_000),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  JOB_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(24, 'must be at least 24 characters, e.g. `openssl rand -hex 24`').optional(),
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.preprocess(emptyAsUndefined, z.url().optional()),
  OTEL_SERVICE_NAME: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .max(100)
      .regex(/^[\w.-]+$/)
      .optional(),
  ),
});

export type Env = z.infer<typeof envSchema>;
