import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/auth/decorators';
import { DomainError, notFound } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics';

/**
 * GET /metrics for Prometheus on the HTTP port: with METRICS_TOKEN set, only with that bearer token;
 * in production without it, not at all (404): the HTTP port is the one the load balancer publishes,
 * and the process's numbers and routes are no one else's business. Metrics are then served only on
 * METRICS_PORT (metrics-port.ts). In development, without a token, it stays open.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    if (!this.config.metricsToken && this.config.nodeEnv === 'production') throw notFound({ vi: 'trang này', en: 'this page' });
    if (this.config.metricsToken && !sameSecret(authorization ?? '', `Bearer ${this.config.metricsToken}`)) {
      throw new DomainError('unauthenticated', { vi: 'Cần mã truy cập số liệu (METRICS_TOKEN).', en: 'The metrics token is required.' });
    }
    return this.metrics.registry.metrics();
  }
}

/** Compares in constant time, so the answer's timing says nothing about how much of the token was right. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
