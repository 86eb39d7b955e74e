// First, before the modules below load (seconds on a busy machine): a stop signal is handled from now on.
import { Shutdown } from './observability/shutdown';
const shutdown = Shutdown.catchSignals();

import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/env.schema';
import { loadEnvFile } from './config/load-env-file';
import { openDatabase } from './database/open-database';
import { DemoSeeder } from './demo/demo-seeder';
import { HttpDrain } from './observability/http-drain';
import { Lifecycle } from './observability/lifecycle';

/** HTTP (API and pages); with WORKERS=on (the default) the queue consumers run here too. */
async function bootstrap(): Promise<void> {
  loadEnvFile();
  const base = AppConfig.fromEnv(process.env);
  shutdown.configure(base.shutdownTimeoutMs);
  const database = await openDatabase(base);
  shutdown.add('the database', () => database.stop(), { onDeadline: () => database.abandon() });
  if (shutdown.requested) return shutdown.stop();

  const config = base.with({ databaseUrl: database.url });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  shutdown.configure(config.shutdownTimeoutMs, logger);
  const http = new HttpDrain(app.getHttpServer() as Server);
  // Readiness turns 503, the HTTP server answers what is in flight and closes, then the jobs
  // running here finish and the pools close (app.close()).
  shutdown.add('the application', async () => {
    app.get(Lifecycle).beginShutdown();
    await http.drain();
    await app.close();
  });
  if (shutdown.requested) return shutdown.stop();

  configureApp(app, config);
  if (config.seedDemo) await app.get(DemoSeeder).seed();
  if (shutdown.requested) return shutdown.stop();
  await app.listen(config.port);
  logger.log(`duthao is listening on ${config.publicUrl} (API docs: ${config.publicUrl}/api/docs)`, 'Main');
  await shutdown.running();
}

bootstrap().catch((err) => shutdown.fail(err instanceof ConfigError ? err.message : err));
