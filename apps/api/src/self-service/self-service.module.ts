import { Module } from '@nestjs/common';
import { AwardsModule } from '../awards/awards.module';
import { StaffModule } from '../staff/staff.module';
import { SelfServiceController } from './self-service.controller';
import { SelfServiceService } from './self-service.service';

/** An employee's own pages under /api/v1/me (permission Self). */
@Module({
  imports: [StaffModule, AwardsModule],
  controllers: [SelfServiceController],
  providers: [SelfServiceService],
})
export class SelfServiceModule {}
