import { Module } from '@nestjs/common';
import { SettingRepository } from './setting.repository';

/** Storage for company-wide settings; the features that own a setting expose its endpoints. */
@Module({
  providers: [SettingRepository],
  exports: [SettingRepository],
})
export class SettingsModule {}
