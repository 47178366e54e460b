import type { INestApplicationContext } from '@nestjs/common';
import { AuditService } from './audit.service';

/**
 * `node dist/apps/api/cli.js audit:verify`: walks the whole audit chain, records an `audit.verified` entry,
 * prints the result as one line of JSON and returns the exit code: 0 when the chain is intact, 1 when it is
 * broken (the JSON names the first broken sequence and why). For cron jobs and monitoring.
 */
export async function runAuditVerify(
  app: INestApplicationContext,
  write: (line: string) => void = (line) => process.stdout.write(line),
): Promise<number> {
  const result = await app.get(AuditService).verify('command');
  write(`${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
}
