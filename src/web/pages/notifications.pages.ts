import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../../common/auth/actor';
import { UuidPipe } from '../../common/http/uuid.pipe';
import type { NotificationView } from '../../notifications/dto/notifications.dto';
import { NotificationsService } from '../../notifications/notifications.service';
import { field } from '../forms';
import { PageContexts, setFlash } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';
import { langOf, say, sendHtml, sitePath } from './a-form-errors';
import { safeNext } from './session.pages';

type Req_ = Request & { user: Actor };
const PAGE = 50;

const shown = (n: NotificationView) => ({ ...n, path: sitePath(n.link) });

/** A person's notifications: unread first, each with the page it is about. */
@WebController('notifications')
export class NotificationPages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly notifications: NotificationsService,
  ) {}

  @Get()
  async list(@Req() req: Req_, @Res() res: Response, @Query('offset') offsetText?: string): Promise<void> {
    const offset = typeof offsetText === 'string' && /^\d{1,9}$/.test(offsetText) ? Number(offsetText) : 0;
    const [unread, recent] = await Promise.all([
      offset === 0 ? this.notifications.list(req.user, true, { limit: 200, offset: 0 }) : Promise.resolve(null),
      this.notifications.list(req.user, false, { limit: PAGE, offset }),
    ]);
    const ctx = await this.contexts.build(req, res, langOf(req) === 'en' ? 'Notifications' : 'Thông báo');
    sendHtml(
      res,
      this.views.render('a-notifications', {
        ...ctx,
        unreadItems: (unread?.items ?? []).map(shown),
        unreadCount: recent.unread,
        readItems: recent.items.filter((n) => n.readAt !== null).map(shown),
        total: recent.total,
        prev: offset > 0 ? `/notifications?offset=${Math.max(0, offset - PAGE)}` : null,
        next: offset + PAGE < recent.total ? `/notifications?offset=${offset + PAGE}` : null,
      }),
    );
  }

  /** Marks one read; with `open`, goes on to the page it is about. */
  @Post(':id/read')
  async read(@Req() req: Req_, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    await this.notifications.markRead(req.user, id);
    const next = field(body, 'open') ? sitePath(field(body, 'next')) : null;
    res.redirect(303, next ? safeNext(next) : '/notifications');
  }

  @Post('read-all')
  async readAll(@Req() req: Req_, @Res() res: Response): Promise<void> {
    await this.notifications.markAllRead(req.user);
    setFlash(res, 'ok', say(req, 'Đã đánh dấu tất cả thông báo là đã đọc.', 'All notifications marked as read.'));
    res.redirect(303, '/notifications');
  }
}
