import { Module } from '@nestjs/common';
import { AwardsModule } from '../awards/awards.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { StaffModule } from '../staff/staff.module';
import { SelfServiceController } from './self-service.controller';
import { SelfServiceRepository } from './self-service.repository';
import { SelfServiceService } from './self-service.service';

/** An employee's own pages under /api/v1/me (permission Self). */
@Module({
  imports: [StaffModule, AwardsModule, ComplianceModule],
  controllers: [SelfServiceController],
  providers: [SelfServiceService, SelfServiceRepository],
})
export class SelfServiceModule {}
