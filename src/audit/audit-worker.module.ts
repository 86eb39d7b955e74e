import { Module } from '@nestjs/common';
import { AuditSealerLoop } from './audit-sealer-loop';
import { AuditModule } from './audit.module';

/** The sealer, with the other workers. */
@Module({
  imports: [AuditModule],
  providers: [AuditSealerLoop],
})
export class AuditWorkerModule {}
