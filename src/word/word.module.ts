import { Module } from '@nestjs/common';
import { ConsultationModule } from '../consultation/consultation.module';
import { PlansModule } from '../plans/plans.module';
import { WordImportController } from './word-import.controller';
import { WordImportService } from './word-import.service';

/** Word files in: drafts and agencies' marked-up replies (the export is the documents module's). */
@Module({
  imports: [PlansModule, ConsultationModule],
  controllers: [WordImportController],
  providers: [WordImportService],
  exports: [WordImportService],
})
export class WordModule {}
