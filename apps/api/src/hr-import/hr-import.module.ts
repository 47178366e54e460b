import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { ApplyHrImportJob } from './apply-hr-import.job';
import { HrImportController } from './hr-import.controller';
import { HrImportRepository } from './hr-import.repository';
import { HrImportService } from './hr-import.service';
import { ValidateHrImportJob } from './validate-hr-import.job';

/** HR CSV import: upload, dry run, apply. See docs/hr-import.md. */
@Module({
  imports: [StaffModule],
  controllers: [HrImportController],
  providers: [HrImportRepository, HrImportService, ValidateHrImportJob, ApplyHrImportJob],
  exports: [HrImportService],
})
export class HrImportModule {}
