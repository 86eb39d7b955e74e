import { Get, Header, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../../common/auth/actor';
import { HomeService } from '../home.service';
import { PageContexts } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';

@WebController()
export class HomePages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly home: HomeService,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async index(@Req() req: Request & { user: Actor }, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ctx = await this.contexts.build(req, res, 'Việc cần làm');
    return this.views.render(`home-${req.user.role}`, { ...ctx, ...(await this.home.todo(req.user)) });
  }
}
