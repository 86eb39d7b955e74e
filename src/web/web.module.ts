import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { AuthModule } from '../auth/auth.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { ConsultationModule } from '../consultation/consultation.module';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlansModule } from '../plans/plans.module';
import { UsersModule } from '../users/users.module';
import { HomeService } from './home.service';
import { PageContexts } from './page-context';
import { AdminPages } from './pages/admin.pages';
import { ApprovalPages } from './pages/approval.pages';
import { ConferencePages } from './pages/conferences.pages';
import { ConsolidationPages } from './pages/consolidation.pages';
import { DirectivePages } from './pages/directives.pages';
import { DocumentPages } from './pages/documents.pages';
import { DraftPages } from './pages/draft.pages';
import { HomePages } from './pages/home.pages';
import { NotificationPages } from './pages/notifications.pages';
import { PlanPages } from './pages/plans.pages';
import { RoundPages } from './pages/rounds.pages';
import { SessionPages } from './pages/session.pages';
import { Views } from './views';
import { WebExceptionFilter } from './web-exception.filter';
import { WebSessionGuard } from './web-session.guard';

/** The pages for people who will never call an API: server-rendered, Vietnamese first, same services. */
@Module({
  imports: [AuthModule, AgenciesModule, UsersModule, PlansModule, ConsultationModule, ApprovalsModule, ConferencesModule, DocumentsModule, NotificationsModule],
  controllers: [
    SessionPages,
    HomePages,
    RoundPages,
    DirectivePages,
    NotificationPages,
    ApprovalPages,
    AdminPages,
    PlanPages,
    DraftPages,
    ConsolidationPages,
    ConferencePages,
    DocumentPages,
  ],
  providers: [Views, PageContexts, HomeService, WebSessionGuard, WebExceptionFilter],
})
export class WebModule {}
