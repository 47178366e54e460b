import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { isStoredSigningKey, type StoredSigningKey } from './signing-key.util';

/** The `app_setting` row that holds every signing key (public JWK, encrypted private key, dates). */
export const SIGNING_KEYS_SETTING = 'open-badges.keys';

/** Reads and writes the signing keys. The only code with SQL for them. */
@Injectable()
export class SigningKeyRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async read(): Promise<StoredSigningKey[]> {
    const rows: Array<{ value: unknown }> = await this.txHost.tx.query(
      'SELECT value FROM app_setting WHERE key = $1',
      [SIGNING_KEYS_SETTING],
    );
    return parse(rows[0]?.value);
  }

  /**
   * Inside a transaction: makes sure the row exists, then locks it (`SELECT … FOR UPDATE`) so that a second
   * process doing the same waits for this transaction and then sees its result.
   */
  async readForUpdate(): Promise<StoredSigningKey[]> {
    await this.txHost.tx.query(
      `INSERT INTO app_setting (key, value, updated_at) VALUES ($1, '[]'::jsonb, now()) ON CONFLICT (key) DO NOTHING`,
      [SIGNING_KEYS_SETTING],
    );
    const rows: Array<{ value: unknown }> = await this.txHost.tx.query(
      'SELECT value FROM app_setting WHERE key = $1 FOR UPDATE',
      [SIGNING_KEYS_SETTING],
    );
    return parse(rows[0]?.value);
  }

  async save(keys: StoredSigningKey[]): Promise<void> {
    await this.txHost.tx.query(
      'UPDATE app_setting SET value = $2::jsonb, updated_at = now() WHERE key = $1',
      [SIGNING_KEYS_SETTING, JSON.stringify(keys)],
    );
  }
}

function parse(value: unknown): StoredSigningKey[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isStoredSigningKey))
    throw new Error(`app_setting '${SIGNING_KEYS_SETTING}' is not a list of signing keys`);
  return value;
}
