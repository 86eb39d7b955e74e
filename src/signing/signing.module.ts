import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { PlansModule } from '../plans/plans.module';
import { ApprovedService } from './approved.service';
import { PdfChecks } from './pdf-checks';
import { SignedCopiesService } from './signed-copies.service';
import { SigningController } from './signing.controller';
import { SigningKeysModule } from './signing-keys.module';
import { VerifyService } from './verify.service';

/** Approved and signed: the signed PDF of an approved plan, checking any PDF, leaders' signed copies. */
@Module({
  imports: [PlansModule, DocumentsModule, SigningKeysModule],
  controllers: [SigningController],
  providers: [ApprovedService, SignedCopiesService, VerifyService, PdfChecks],
  exports: [ApprovedService, SignedCopiesService, VerifyService],
})
export class SigningModule {}
