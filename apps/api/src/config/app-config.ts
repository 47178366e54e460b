import * as path from 'node:path';
import { envSchema } from './config.schema';

export class ConfigError extends Error {}

/**
 * Typed, validated configuration. The only place in the API that reads `process.env`.
 * Everything else receives an `AppConfig` through Nest's injector.
 */
export class AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly database: {
    /** `embedded` runs PGlite inside the process; `postgres` uses `url`. */
    mode: 'embedded' | 'postgres';
    url?: string;
    poolMax: number;
    connectRetries: number;
    /** Pause between connection attempts at boot (`DB_CONNECT_RETRY_DELAY_MS`). */
    connectRetryDelayMs: number;
  };
  readonly dataDir: string;
  readonly redis?: { url: string; prefix: string };
  readonly log: { level: string; pretty: boolean };
  /** Apply pending migrations at boot. Off by default in production, where deploys run `migrate` first. */
  readonly runMigrations: boolean;
  readonly seedDemo: boolean;
  /**
   * The built-in demo identity provider (`/auth/demo-idp`, `DEMO_IDP`): anyone may sign in as any demo person.
   * Default: on with demo data outside production; always off in production.
   */
  readonly demoIdp: boolean;
  readonly adminDistDir: string;
  /** Express `trust proxy`: which hops may set X-Forwarded-For (the client address in logs and audit). */
  readonly trustProxy: string;
  /** Open Badges: issuer name, signing algorithm for new keys, and the secret that encrypts private keys. */
  readonly openBadges: {
    issuerName: string;
    signingAlg: 'EdDSA' | 'RS256';
    /**
     * `KEY_ENCRYPTION_SECRET`. Required in production with `DATABASE_URL` (several processes on several hosts
     * must share it). Otherwise, when unset, a random one is generated once in `<DATA_DIR>/secret.key` (0600).
     */
    keyEncryptionSecret?: string;
  };

  /** Server-side sessions end after `idleMs` without a request, and `absoluteMs` after sign-in at the latest. */
  readonly sessions: { idleMs: number; absoluteMs: number };
  /** Break-glass sign-in with email and password for local admin accounts (`PASSWORD_LOGIN`). */
  readonly passwordLogin: boolean;
  /**
   * Outgoing mail. With `SMTP_HOST`, emails go out through that server; without it, they stay in the local
   * outbox that HR admins read in the admin UI. `from` is the sender either way.
   */
  readonly mail: {
    from: string;
    smtp?: {
      host: string;
      port: number;
      user?: string;
      password?: string;
      /** `implicit`: TLS from the first byte (port 465); `starttls`: upgrade required; `none`: plain text. */
      tls: 'starttls' | 'implicit' | 'none';
    };
  };
  /**
   * On SIGTERM an API process first reports "stopping" on `/api/ready` (503) and goes on serving for this long
   * (`SHUTDOWN_DELAY_SECONDS`, default 0), so a load balancer that checks readiness takes it out of rotation
   * before it stops listening; then it drains. 0 suits orchestrators that wait themselves (a `preStop` sleep).
   */
  readonly shutdownDelayMs: number;
  /** The worker's health listener (`/api/health`, `/api/ready`); null: none (the default). */
  readonly workerHealthPort: number | null;
  /**
   * Scheduled reports (docs/scheduled-reports.md): files up to `attachmentMaxBytes` (`REPORT_ATTACHMENT_MAX_MB`,
   * default 5) are attached to the email; larger ones are linked (signed-in download from the exports page).
   * Due reports are looked for every `checkIntervalMs` (`REPORT_CHECK_INTERVAL_MS`, default a minute).
   */
  readonly reports: { attachmentMaxBytes: number; checkIntervalMs: number };
  /**
   * Outgoing webhooks (docs/webhooks.md). `allowPrivateHosts` (`WEBHOOK_ALLOW_PRIVATE_HOSTS`, default off) lets
   * endpoints resolve to loopback, private and link-local addresses (on-prem receivers, tests); `caFile`
   * (`WEBHOOK_CA_FILE`) adds PEM certificates to the trusted roots. Attempt n waits `retryBaseMs · 2^(n-2)`
   * (capped at six hours); after `maxAttempts` the delivery is failed.
   */
  readonly webhooks: {
    allowPrivateHosts: boolean;
    caFile: string | null;
    timeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
  };
  /**
   * Background jobs (both adapters): attempts per job and the first backoff (doubling each attempt), jobs run
   * at once per queue in a worker, and how soon a job of a dead worker is noticed and run again (BullMQ's
   * stalled check; the job's lock lasts as long). See docs/jobs-and-faults.md.
   */
  readonly jobs: { attempts: number; backoffMs: number; concurrency: number; stalledIntervalMs: number };
  /** Prometheus `/metrics` (`METRICS_TOKEN`): served only when set, and only to `Authorization: Bearer <token>`. */
  readonly metrics: { token: string } | null;
  /**
   * OpenTelemetry tracing (docs/operations.md, "Tracing"): spans sent over OTLP/HTTP to `endpoint`; null: off
   * (the default). `serviceName` null: `brevet-api` or `brevet-worker` by process.
   */
  readonly tracing: { endpoint: string | null; serviceName: string | null };

  private constructor(source: Record<string, string | undefined>) {
    const parsed = envSchema.safeParse(source);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new ConfigError(
        `Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every setting.`,
      );
    }
    const e = parsed.data;
    if (e.NODE_ENV === 'production' && e.DEMO_IDP === true) {
      throw new ConfigError(
        'Invalid configuration:\n  - DEMO_IDP: must not be true in production (the demo identity provider lets ' +
          'anyone sign in as anyone)\nSee .env.example for every setting.',
      );
    }
    if (e.NODE_ENV === 'production' && e.DATABASE_URL && !e.KEY_ENCRYPTION_SECRET) {
      throw new ConfigError(
        'Invalid configuration:\n  - KEY_ENCRYPTION_SECRET: required in production with DATABASE_URL ' +
          '(it encrypts the credential signing keys; generate one with `openssl rand -base64 48`)\n' +
          'See .env.example for every setting.',
      );
    }
    const mailProblems = [
      e.SMTP_HOST && !e.SMTP_FROM ? '  - SMTP_FROM: required with SMTP_HOST' : null,
      e.SMTP_USER && !e.SMTP_PASSWORD ? '  - SMTP_PASSWORD: required with SMTP_USER' : null,
    ].filter((line) => line !== null);
    if (mailProblems.length > 0) {
      throw new ConfigError(
        `Invalid configuration:\n${mailProblems.join('\n')}\nSee .env.example for every setting.`,
      );
    }
    this.env = e.NODE_ENV;
    this.port = e.PORT;
    this.host = e.HOST ?? (e.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');
    this.publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
    this.database = {
      mode: e.DATABASE_URL ? 'postgres' : 'embedded',
      url: e.DATABASE_URL,
      poolMax: e.DATABASE_URL ? e.DB_POOL_MAX : 1,
      connectRetries: e.DB_CONNECT_RETRIES,
      connectRetryDelayMs: e.DB_CONNECT_RETRY_DELAY_MS,
    };
    this.dataDir = path.resolve(e.DATA_DIR);
    this.redis = e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined;
    this.log = { level: e.LOG_LEVEL, pretty: e.LOG_FORMAT === 'pretty' };
    // Embedded mode is one process on one machine: it always brings its own database up to date.
    this.runMigrations =
      e.RUN_MIGRATIONS ?? (e.NODE_ENV !== 'production' || this.database.mode === 'embedded');
    this.seedDemo = e.SEED_DEMO ?? this.database.mode === 'embedded';
    this.demoIdp = e.NODE_ENV !== 'production' && (e.DEMO_IDP ?? this.seedDemo);
    this.adminDistDir = path.resolve(e.ADMIN_DIST_DIR);
    this.trustProxy = e.TRUST_PROXY;
    this.sessions = { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_MAX_HOURS * 3_600_000 };
    this.passwordLogin = e.PASSWORD_LOGIN === 'enabled';
    this.mail = {
      from: e.SMTP_FROM ?? `Brevet <no-reply@${new URL(this.publicUrl).hostname}>`,
      smtp: e.SMTP_HOST
        ? {
            host: e.SMTP_HOST,
            port: e.SMTP_PORT,
            user: e.SMTP_USER,
            password: e.SMTP_PASSWORD,
            tls: e.SMTP_TLS,
          }
        : undefined,
    };
    this.shutdownDelayMs = e.SHUTDOWN_DELAY_SECONDS * 1000;
    this.workerHealthPort = e.WORKER_HEALTH_PORT ?? null;
    this.reports = {
      attachmentMaxBytes: e.REPORT_ATTACHMENT_MAX_MB * 1024 * 1024,
      checkIntervalMs: e.REPORT_CHECK_INTERVAL_MS,
    };
    this.webhooks = {
      allowPrivateHosts: e.WEBHOOK_ALLOW_PRIVATE_HOSTS ?? false,
      caFile: e.WEBHOOK_CA_FILE ? path.resolve(e.WEBHOOK_CA_FILE) : null,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
    };
    this.jobs = {
      attempts: e.JOB_ATTEMPTS,
      backoffMs: e.JOB_BACKOFF_MS,
      concurrency: e.JOB_CONCURRENCY,
      stalledIntervalMs: e.JOB_STALLED_INTERVAL_MS,
    };
    this.metrics = e.METRICS_TOKEN ? { token: e.METRICS_TOKEN } : null;
    this.tracing = {
      endpoint: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? null,
      serviceName: e.OTEL_SERVICE_NAME ?? null,
    };
    this.openBadges = {
      issuerName: e.ISSUER_NAME ?? 'Brevet issuer',
      signingAlg: e.OPEN_BADGES_SIGNING_ALG,
      keyEncryptionSecret: e.KEY_ENCRYPTION_SECRET,
    };
  }

  /** Validates `source` (by default the process environment); throws {@link ConfigError} with every problem. */
  static load(source: Record<string, string | undefined> = process.env): AppConfig {
    return new AppConfig(source);
  }

  /** A copy with the database pointed elsewhere, used once the embedded server has a port. */
  withDatabaseUrl(url: string): AppConfig {
    const copy = Object.create(AppConfig.prototype) as AppConfig;
    Object.assign(copy, this, { database: { ...this.database, url } });
    return copy;
  }
}
