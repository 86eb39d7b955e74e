import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { Lifecycle } from './lifecycle';
import { loggingParams } from './logging';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { MetricsPort } from './metrics-port';
import { WriteRateLimit } from './write-rate-limit';

/** Logs, metrics, readiness and the write rate limit, for the API and the worker alike. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(config: AppConfig, opts: { http: boolean }): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(loggingParams(config))],
      controllers: opts.http ? [MetricsController] : [],
      // The worker (no HTTP) serves its metrics port itself (worker.ts).
      providers: [Metrics, Lifecycle, ...(opts.http ? [MetricsPort, { provide: APP_INTERCEPTOR, useClass: WriteRateLimit }] : [])],
      exports: [Metrics, Lifecycle],
    };
  }
}
