import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogRow } from './audit-log.entity';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { LastChanges } from './last-change.query';

@Module({
  imports: [TypeOrmModule.forFeature([AuditLogRow])],
  controllers: [AuditController],
  providers: [AuditService, LastChanges],
  exports: [AuditService, LastChanges],
})
export class AuditModule {}
