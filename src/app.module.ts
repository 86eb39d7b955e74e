import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR, RouterModule } from '@nestjs/core';
import { AgenciesModule } from './agencies/agencies.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor';
import { IdempotencyStore } from './common/idempotency/idempotency.store';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConferencesModule } from './conferences/conferences.module';
import { ConsultationModule } from './consultation/consultation.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObservabilityModule } from './observability/observability.module';
import { PlansModule } from './plans/plans.module';
import { JobsModule } from './queue/jobs.module';
import { QueueModule } from './queue/queue.module';
import { SigningModule } from './signing/signing.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';
import { WordModule } from './word/word.module';

/** The modules whose controllers answer under /api (the HTTP contract); pages are served at the root. */
const API_MODULES = [
  AuthModule,
  AgenciesModule,
  UsersModule,
  PlansModule,
  ConsultationModule,
  ApprovalsModule,
  ConferencesModule,
  AuditModule,
  HealthModule,
  NotificationsModule,
  DocumentsModule,
  SigningModule,
  WordModule,
];

@Module({})
export class AppModule {
  /** `config.databaseUrl` must already point at a server (see openDatabase). */
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.databaseUrl) throw new Error('AppModule needs a database URL; call openDatabase() first');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot(config, { http: true }),
        DatabaseModule.forRoot(config.databaseUrl),
        QueueModule.forRoot(config),
        ...API_MODULES,
        RouterModule.register([{ path: 'api', children: API_MODULES }]),
        DemoModule,
        WebModule,
        ...(config.workers ? [JobsModule] : []),
      ],
      providers: [IdempotencyStore, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
    };
  }
}
