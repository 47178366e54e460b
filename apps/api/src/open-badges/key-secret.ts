import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The secret that encrypts signing keys: `KEY_ENCRYPTION_SECRET` when set (required in production with a
 * database server, see AppConfig). Otherwise one generated at first start and kept in
 * `<dataDir>/secret.key` (mode 0600), created exclusively so that two processes starting together agree.
 */
export function resolveKeyEncryptionSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    new Logger('OpenBadges').warn(
      `generated ${file} to encrypt credential signing keys; back it up with the database, or set KEY_ENCRYPTION_SECRET`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (fewer than 32 characters)`);
  return secret;
}
