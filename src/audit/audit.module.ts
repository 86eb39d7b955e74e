import { Module } from '@nestjs/common';
import { KeysModule } from '../auth/keys.module';
import { AuditProofs } from './audit-proofs.service';
import { AuditSealer } from './audit-sealer';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { CheckpointKey } from './checkpoint-key';
import { LastChanges } from './last-change.query';

@Module({
  imports: [KeysModule],
  controllers: [AuditController],
  providers: [AuditService, AuditProofs, AuditSealer, CheckpointKey, LastChanges],
  exports: [AuditService, AuditProofs, AuditSealer, CheckpointKey, LastChanges],
})
export class AuditModule {}
