// First, before the modules below load (seconds on a busy machine): a stop signal is handled from now on.
import { Shutdown } from './observability/shutdown';
const shutdown = Shutdown.catchSignals();

import 'reflect-metadata';
import { createServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/env.schema';
import { loadEnvFile } from './config/load-env-file';
import { openDatabase } from './database/open-database';
import { HttpDrain } from './observability/http-drain';
import { Lifecycle } from './observability/lifecycle';
import { Metrics } from './observability/metrics';
import { WorkerModule } from './worker.module';

/** Workers only: queue consumers, the outbox relay, the PDF browser; no HTTP. Run as many as needed. */
async function bootstrap(): Promise<void> {
  loadEnvFile();
  const base = AppConfig.fromEnv(process.env);
  shutdown.configure(base.shutdownTimeoutMs);
  const database = await openDatabase(base);
  shutdown.add('the database', () => database.stop(), { onDeadline: () => database.abandon() });
  if (shutdown.requested) return shutdown.stop();

  const config = base.with({ databaseUrl: database.url, workers: true });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  shutdown.configure(config.shutdownTimeoutMs, logger);
  // Running jobs finish, then the browser and the pools close.
  shutdown.add('the workers', async () => {
    app.get(Lifecycle).beginShutdown();
    await app.close();
  });
  if (shutdown.requested) return shutdown.stop();
  await app.init();
  if (shutdown.requested) return shutdown.stop();

  // Prometheus can scrape a worker too (job durations, render times), on its own port.
  if (config.metricsPort) {
    const metrics = serveMetrics(app.get(Metrics), config.metricsPort, config.metricsToken);
    shutdown.add('the metrics server', () => metrics.drain());
  }
  logger.log(`duthao worker is running${config.metricsPort ? ` (metrics on :${config.metricsPort}/metrics)` : ''}`, 'Worker');
  await shutdown.running();
}

function serveMetrics(metrics: Metrics, port: number, token: string | null): HttpDrain {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    if (token && req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
    void metrics.registry.metrics().then((body) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(body));
  });
  const drain = new HttpDrain(server);
  server.listen(port);
  return drain;
}

bootstrap().catch((err) => shutdown.fail(err instanceof ConfigError ? err.message : err));
