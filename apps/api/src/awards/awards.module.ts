import { Module } from '@nestjs/common';
import { AwardCredentialSource } from './award-credential.source';
import { CredentialsModule } from '../credentials/credentials.module';
import { AwardIssuingService } from './award-issuing.service';
import { AwardRepository } from './award.repository';
import { AwardsController } from './awards.controller';
import { AwardsService } from './awards.service';
import { StaffCredentialsController } from './staff-credentials.controller';

@Module({
  imports: [CredentialsModule],
  controllers: [AwardsController, StaffCredentialsController],
  providers: [AwardRepository, AwardIssuingService, AwardsService, AwardCredentialSource],
  exports: [AwardRepository, AwardsService, AwardCredentialSource],
})
export class AwardsModule {}
