import { Module } from '@nestjs/common';
import { AwardsModule } from '../awards/awards.module';
import { EvidenceController, MyEvidenceController } from './evidence.controller';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';

/** Evidence and approval: external certificates submitted for a credential, approved into awards. */
@Module({
  imports: [AwardsModule],
  controllers: [EvidenceController, MyEvidenceController],
  providers: [EvidenceRepository, EvidenceService],
})
export class EvidenceModule {}
