import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidPipe } from '../../common/http/uuid.pipe';
import type { Text } from '../../common/errors/domain-error';
import { invalid } from '../../common/errors/domain-error';
import { NotificationSubjectDto, NotificationView } from '../../notifications/dto/notifications.dto';
import type { Subject } from '../../notifications/domain/messages';
import { NotificationsService } from '../../notifications/notifications.service';
import { FormBody, text } from '../form-adapter';
import { checkForm, problemText, submitAction } from '../form-pipeline';
import { Lang, langOf, SignedIn } from '../lang';
import { PageRenderer } from '../page-renderer';
import { pageOf, pagerOf } from '../paging';
import { safeNext } from '../session/session.pages';
import { WebController } from '../web-controller';

/** A same-site path from a stored link (notifications carry the public URL): never another site. */
export function sitePath(link: string): string | null {
  try {
    const url = new URL(link, 'http://site.invalid');
    const path = `${url.pathname}${url.search}${url.hash}`;
    return /^\/(?!\/)/.test(path) ? path : null;
  } catch {
    return null;
  }
}

const SUBJECT_WORDS: Record<Subject['type'], Text> = {
  round: { vi: 'đợt lấy ý kiến này', en: 'this round' },
  plan: { vi: 'kế hoạch này', en: 'this plan' },
  directive: { vi: 'nhiệm vụ này', en: 'this directive' },
  conference: { vi: 'hội nghị này', en: 'this conference' },
};

const shown = (n: NotificationView) => ({ ...n, path: sitePath(n.link), items: n.items.map((i) => ({ text: i.text, path: sitePath(i.link) })) });

/** The unread list, with "mark read" for a subject on the first notice of that subject on the page. */
function unreadShown(items: NotificationView[], lang: Lang) {
  const seen = new Set<string>();
  return items.map((n) => {
    const key = n.subjectType && n.subjectId ? `${n.subjectType} ${n.subjectId}` : null;
    const first = key !== null && !seen.has(key);
    if (key) seen.add(key);
    return { ...shown(n), subjectWords: first ? SUBJECT_WORDS[n.subjectType as Subject['type']]?.[lang] : null };
  });
}

/** A person's notifications: the unread ones first, each with the page it is about, then those read; both paged. */
@WebController('notifications')
export class NotificationPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly notifications: NotificationsService,
  ) {}

  @Get()
  async list(@Req() req: SignedIn, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const lang = langOf(req);
    const [unreadPage, readPage] = await Promise.all([
      pageOf({ offset: query.offset, limit: query.limit }, lang),
      pageOf({ offset: query.readOffset, limit: query.limit }, lang),
    ]);
    const [unread, read] = await Promise.all([this.notifications.list(req.user, 'unread', unreadPage), this.notifications.list(req.user, 'read', readPage)]);
    const keep = (name: string, page: { offset: number }) => (page.offset ? { [name]: String(page.offset) } : {});
    await this.pages.send(req, res, 'notifications/list', {
      title: { vi: 'Thông báo', en: 'Notifications' },
      unreadItems: unreadShown(unread.items, lang),
      unreadCount: unread.unread,
      unreadPager: pagerOf('/notifications', keep('readOffset', readPage), unreadPage, unread.total, unread.items.length),
      readItems: read.items.map(shown),
      // The read list pages with its own parameter, so that both lists keep their place.
      readPager: pagerOf('/notifications', keep('offset', unreadPage), readPage, read.total, read.items.length, 'readOffset'),
    });
  }

  /** Marks one read; with `open`, goes on to the page it is about. */
  @Post(':id/read')
  async read(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    await this.notifications.markRead(req.user, id);
    const next = text(body, 'open') ? sitePath(text(body, 'next')) : null;
    res.redirect(303, next ? safeNext(next) : '/notifications');
  }

  /** Marks read every notice about one round, plan, directive or conference. */
  @Post('read-subject')
  async readSubject(@Req() req: SignedIn, @Res() res: Response, @Body() body: FormBody): Promise<void> {
    const lang = langOf(req);
    await submitAction(req, res, {
      run: async () => {
        const { value, problem } = await checkForm(
          NotificationSubjectDto,
          { subjectType: text(body, 'subjectType'), subjectId: text(body, 'subjectId') },
          lang,
        );
        if (problem) throw invalid({ vi: problemText(problem, 'vi'), en: problemText(problem, 'en') });
        return this.notifications.markSubjectRead(req.user, { type: value.subjectType, id: value.subjectId });
      },
      done: (n) => ({ vi: `Đã đánh dấu đã đọc ${n} thông báo.`, en: `${n} notifications marked as read.` }),
      to: '/notifications',
    });
  }

  @Post('read-all')
  async readAll(@Req() req: SignedIn, @Res() res: Response): Promise<void> {
    await submitAction(req, res, {
      run: () => this.notifications.markAllRead(req.user),
      done: () => ({ vi: 'Đã đánh dấu tất cả thông báo là đã đọc.', en: 'All notifications marked as read.' }),
      to: '/notifications',
    });
  }
}
