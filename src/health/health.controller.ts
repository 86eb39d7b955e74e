import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/decorators';
import { Lifecycle } from '../observability/lifecycle';
import { HealthService } from './health.service';

class HealthView {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) database!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis!: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Public()
  @Get('live')
  @ApiOkResponse({ description: 'Tiến trình đang chạy (liveness)' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOkResponse({ type: HealthView, description: 'Sẵn sàng nhận yêu cầu (readiness): cơ sở dữ liệu, Redis, không đang dừng' })
  @ApiServiceUnavailableResponse({ type: HealthView })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const view = await this.check(res);
    if (this.lifecycle.shuttingDown) {
      res.status(503);
      return { ...view, status: 'degraded' };
    }
    return view;
  }

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'Một thành phần không hoạt động' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const [database, redis] = await Promise.all([this.health.database(), this.health.redis()]);
    const ok = database === 'up' && redis === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', database, redis };
  }
}
