import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AppSettingEntity } from './setting.entity';

/** Company-wide settings, one JSON value per key. Each feature validates its own value. */
@Injectable()
export class SettingRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** The stored value, or undefined when the key was never saved. */
  async get(key: string): Promise<unknown> {
    const row = await this.txHost.tx.getRepository(AppSettingEntity).findOneBy({ key });
    return row?.value;
  }

  async put(key: string, value: unknown): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO app_setting (key, value, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }
}
