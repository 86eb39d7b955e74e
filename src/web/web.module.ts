import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { ConsultationModule } from '../consultation/consultation.module';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlansModule } from '../plans/plans.module';
import { SigningModule } from '../signing/signing.module';
import { UsersModule } from '../users/users.module';
import { WordModule } from '../word/word.module';
import { AdminPages } from './admin/admin.pages';
import { UserEditPages } from './admin/user-edit.pages';
import { AgencyChoices } from './agency-choices';
import { ApprovalPages } from './approvals/approvals.pages';
import { ConferencePages } from './conferences/conferences.pages';
import { ConsolidationPages } from './consolidation/consolidation.pages';
import { DirectivePages } from './directives/directives.pages';
import { DocumentPages } from './documents/documents.pages';
import { DraftPages } from './drafts/drafts.pages';
import { HomePages } from './home/home.pages';
import { NotificationPages } from './notifications/notifications.pages';
import { PageContexts } from './page-context';
import { PageRenderer } from './page-renderer';
import { PlanPages } from './plans/plans.pages';
import { ResponseLetterPages } from './rounds/response-letter.pages';
import { RoundTrackerPages } from './rounds/round-tracker.pages';
import { RoundPages } from './rounds/rounds.pages';
import { SessionPages } from './session/session.pages';
import { SigningPages } from './signing/signing.pages';
import { VersionPages } from './versions/versions.pages';
import { WebExceptionFilter } from './web-exception.filter';
import { UploadCsrfGuard, WebSessionGuard } from './web-session.guard';

/** The pages for people who will never call an API: server-rendered, Vietnamese first, the same services and DTOs. */
@Module({
  imports: [
    AuthModule,
    AgenciesModule,
    UsersModule,
    PlansModule,
    ConsultationModule,
    ApprovalsModule,
    ConferencesModule,
    DocumentsModule,
    NotificationsModule,
    AuditModule,
    SigningModule,
    WordModule,
  ],
  controllers: [
    SessionPages,
    HomePages,
    PlanPages,
    DraftPages,
    VersionPages,
    ResponseLetterPages,
    RoundPages,
    RoundTrackerPages,
    ConsolidationPages,
    ApprovalPages,
    ConferencePages,
    DirectivePages,
    DocumentPages,
    SigningPages,
    NotificationPages,
    UserEditPages,
    AdminPages,
  ],
  providers: [PageRenderer, PageContexts, AgencyChoices, WebSessionGuard, UploadCsrfGuard, WebExceptionFilter],
})
export class WebModule {}
