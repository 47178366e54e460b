import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { UiLanguage } from '@brevet/contracts';
import { StaffEntity } from '../staff/staff.entity';

/** The few writes a person may make to their own staff record. */
@Injectable()
export class SelfServiceRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Sets the person's language; answers whether their record exists. Bumps `version` like any other change. */
  async setPreferredLanguage(staffId: string, language: UiLanguage): Promise<boolean> {
    const result = await this.txHost.tx
      .createQueryBuilder()
      .update(StaffEntity)
      .set({ preferredLanguage: language, version: () => 'version + 1' })
      .where('id = :staffId', { staffId })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
