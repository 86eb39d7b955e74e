import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { ConsultationModule } from '../consultation/consultation.module';
import { PlansModule } from '../plans/plans.module';
import { DocumentInputs } from './document-inputs';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DocumentStorage, PostgresDocumentStorage } from './storage/document-storage';

/** The HTTP side of documents: request, follow, download. Rendering runs in workers. */
@Module({
  imports: [PlansModule, ConsultationModule, ApprovalsModule, ConferencesModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentInputs, { provide: DocumentStorage, useClass: PostgresDocumentStorage }],
  exports: [DocumentsService, DocumentInputs, DocumentStorage],
})
export class DocumentsModule {}
