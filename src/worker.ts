import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/env.schema';
import { loadEnvFile } from './config/load-env-file';
import { openDatabase } from './database/open-database';
import { WorkerModule } from './worker.module';

/** Workers only: queue consumers and the outbox relay, no HTTP. Run as many as needed. */
async function bootstrap(): Promise<void> {
  loadEnvFile();
  const logger = new Logger('Worker');
  const base = AppConfig.fromEnv(process.env);
  const database = await openDatabase(base);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(base.with({ databaseUrl: database.url, workers: true })));
  await app.init();
  logger.log('duthao worker is running');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: letting running jobs finish, then stopping`);
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

bootstrap().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
