import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { runAuditVerify } from './audit/verify-audit.command';
import {
  AccountCommandError,
  BreakGlassAccountsService,
  generateBreakGlassPassword,
} from './auth/break-glass-accounts.service';
import { startRuntime } from './bootstrap/runtime';
import { dataSourceOptions } from './database/data-source-options';
import { JobOutbox } from './jobs/job-outbox.service';

/**
 * The admin command line: `node dist/apps/api/cli.js <command> [options]`, or `npm run cli -- <command>`.
 * It boots the same modules as the API, without HTTP, runs one command and exits. See docs/security.md.
 */
const USAGE = `Usage: node dist/apps/api/cli.js <command> [options]

Commands:
  create-admin --email <email> --name <name>
      Creates a break-glass HR admin who signs in with email and password. The password is read from
      BREVET_ADMIN_PASSWORD (at least 12 characters); without it, a strong one is generated and printed once.
  disable-user --email <email>
      Disables every account with this email and ends its sessions.
  audit:verify
      Checks the audit log's hash chain; prints the result as JSON; exit code 1 when the chain is broken.

The database and Redis are configured as for the API (DATABASE_URL, REDIS_URL, ...). In embedded mode
(no DATABASE_URL), stop Brevet first: the embedded database allows one process at a time.
`;

interface Command {
  name: 'create-admin' | 'disable-user' | 'audit:verify';
  options: Record<string, string>;
}

const COMMAND_OPTIONS: Record<Command['name'], readonly string[]> = {
  'create-admin': ['email', 'name'],
  'disable-user': ['email'],
  'audit:verify': [],
};

class UsageError extends Error {}

/** Parses `<command> --key value ...`; every option the command takes is required. */
function parse(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (!name || !(name in COMMAND_OPTIONS)) {
    throw new UsageError(name ? `Unknown command "${name}".` : 'No command given.');
  }
  const known = COMMAND_OPTIONS[name as Command['name']];
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(rest[i]);
    if (!match || !known.includes(match[1])) throw new UsageError(`Unknown option "${rest[i]}".`);
    const value = match[2] ?? rest[(i += 1)];
    if (value === undefined || value === '') throw new UsageError(`--${match[1]} needs a value.`);
    options[match[1]] = value;
  }
  const missing = known.filter((k) => options[k] === undefined);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((k) => `--${k}`).join(', ')}.`);
  return { name: name as Command['name'], options };
}

async function run(app: INestApplicationContext, command: Command): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  switch (command.name) {
    case 'create-admin': {
      // The one input a command reads from the environment: a password must not appear in the shell history.
      const given = process.env['BREVET_ADMIN_PASSWORD'];
      const password = given || generateBreakGlassPassword();
      const created = await app
        .get(BreakGlassAccountsService)
        .createAdmin({ email: command.options['email'], displayName: command.options['name'], password });
      out(`Created break-glass HR admin ${created.email} (user ${created.userId}).`);
      if (!given) out(`Password (shown only now; store it in your password safe): ${password}`);
      return 0;
    }
    case 'disable-user': {
      const result = await app.get(BreakGlassAccountsService).disable(command.options['email']);
      out(
        `Disabled ${result.accounts} account(s) with ${command.options['email']}; ended ${result.sessionsEnded} session(s).`,
      );
      return 0;
    }
    case 'audit:verify':
      return runAuditVerify(app);
  }
}

/** As the API does at start (`RUN_MIGRATIONS`), before any module touches the database. */
async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<number> {
  let command: Command;
  try {
    command = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  // Quiet unless asked: the command's own lines are what the person reads.
  const runtime = await startRuntime({ LOG_LEVEL: 'warn', ...process.env });
  let app: INestApplicationContext | undefined;
  try {
    if (runtime.config.runMigrations) await migrate(runtime.config.database.url as string);
    // The 'cli' role runs no jobs and no start-up work (signing keys, demo data).
    app = await NestFactory.createApplicationContext(AppModule.register(runtime.config, 'cli'), {
      bufferLogs: true,
    });
    app.useLogger(app.get(Logger));
    // Nor does it relay the job outbox: without Redis, the relayed jobs would sit in the in-process queue of
    // a process that is about to exit, and the API processes would never see them.
    await app.get(JobOutbox).beforeApplicationShutdown();
    const context = app;
    return await context.get(ClsService).run({ ifNested: 'override' }, () => run(context, command));
  } catch (error) {
    if (error instanceof AccountCommandError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await app?.close();
    await runtime.stop();
  }
}

if (process.argv[2] === '--help' || process.argv[2] === 'help') {
  process.stdout.write(USAGE);
  process.exit(0);
}
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Command failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
