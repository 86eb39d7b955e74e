import 'reflect-metadata';
import { createServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/env.schema';
import { loadEnvFile } from './config/load-env-file';
import { openDatabase } from './database/open-database';
import { Metrics } from './observability/metrics';
import { stopGracefully } from './observability/shutdown';
import { WorkerModule } from './worker.module';

/** Workers only: queue consumers, the outbox relay, the PDF browser; no HTTP. Run as many as needed. */
async function bootstrap(): Promise<void> {
  loadEnvFile();
  const base = AppConfig.fromEnv(process.env);
  const database = await openDatabase(base);
  const config = base.with({ databaseUrl: database.url, workers: true });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  await app.init();
  // Prometheus can scrape a worker too (job durations, render times), on its own port.
  const metrics = config.metricsPort ? serveMetrics(app.get(Metrics), config.metricsPort, config.metricsToken) : null;
  logger.log(`duthao worker is running${config.metricsPort ? ` (metrics on :${config.metricsPort}/metrics)` : ''}`, 'Worker');
  stopGracefully(app, logger, config.shutdownTimeoutMs, async () => {
    metrics?.close();
    await database.stop();
  });
}

function serveMetrics(metrics: Metrics, port: number, token: string | null) {
  return createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    if (token && req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
    void metrics.registry.metrics().then((body) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(body));
  }).listen(port);
}

bootstrap().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
