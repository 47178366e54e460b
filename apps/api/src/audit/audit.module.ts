import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/**
 * The audit log (docs/audit-log.md). Global, so any module can inject `AuditLog` and record an entry without
 * importing this module.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditLog, AuditService],
  exports: [AuditLog, AuditService],
})
export class AuditModule {}
