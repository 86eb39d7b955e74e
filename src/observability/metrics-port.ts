import { createServer, Server } from 'node:http';
import { once } from 'node:events';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics';

/**
 * /metrics of an API process on METRICS_PORT, a port of its own that the load balancer does not
 * publish: Prometheus scrapes each process there (through the balancer it would reach a random one).
 */
@Injectable()
export class MetricsPort implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsPort.name);
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort, metricsToken, nodeEnv } = this.config;
    if (metricsPort === null) {
      if (nodeEnv === 'production' && !metricsToken)
        this.logger.warn('Metrics are not served: set METRICS_PORT (a private port) or METRICS_TOKEN (for /metrics on the HTTP port)');
      return;
    }
    this.server = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      if (metricsToken && req.headers.authorization !== `Bearer ${metricsToken}`) return void res.writeHead(401).end();
      this.metrics.registry.metrics().then(
        (body) => res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    this.server.listen(metricsPort);
    await once(this.server, 'listening');
    this.logger.log(`Metrics on :${metricsPort}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
