import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/env.schema';
import { loadEnvFile } from './config/load-env-file';
import { openDatabase } from './database/open-database';
import { DemoSeeder } from './demo/demo-seeder';

async function bootstrap(): Promise<void> {
  loadEnvFile();
  const logger = new Logger('Main');
  const base = AppConfig.fromEnv(process.env);
  const database = await openDatabase(base);
  const config = base.with({ databaseUrl: database.url });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false });
  configureApp(app, config);
  if (config.seedDemo) await app.get(DemoSeeder).seed();
  await app.listen(config.port);
  logger.log(`duthao is listening on ${config.publicUrl} (API docs: ${config.publicUrl}/api/docs)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing requests and shutting down`);
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

bootstrap().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
