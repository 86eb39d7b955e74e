import 'reflect-metadata';
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
import { stopGracefully } from './observability/shutdown';

/** HTTP (API and pages); with WORKERS=on (the default) the queue consumers run here too. */
async function bootstrap(): Promise<void> {
  loadEnvFile();
  const base = AppConfig.fromEnv(process.env);
  const database = await openDatabase(base);
  const config = base.with({ databaseUrl: database.url });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureApp(app, config);
  if (config.seedDemo) await app.get(DemoSeeder).seed();
  await app.listen(config.port);
  logger.log(`duthao is listening on ${config.publicUrl} (API docs: ${config.publicUrl}/api/docs)`, 'Main');
  stopGracefully(app, logger, config.shutdownTimeoutMs, () => database.stop());
}

bootstrap().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
