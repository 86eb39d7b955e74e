import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics';

/** GET /metrics for Prometheus (a bearer token is asked for when METRICS_TOKEN is set). */
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
    if (this.config.metricsToken && authorization !== `Bearer ${this.config.metricsToken}`) {
      throw new DomainError('unauthenticated', { vi: 'Cần mã truy cập số liệu (METRICS_TOKEN).', en: 'The metrics token is required.' });
    }
    return this.metrics.registry.metrics();
  }
}
