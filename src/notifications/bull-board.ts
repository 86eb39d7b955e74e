import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Express, NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { toErrorBody } from '../common/errors/error-body';
import { forbidden } from '../common/errors/domain-error';
import { langFrom } from '../common/http/lang';
import { QUEUES } from '../queue/queues';

export const BULL_BOARD_PATH = '/admin/queues';

/** Bull Board at /admin/queues, for administrators only (bearer token or the app's session cookie). */
export function mountBullBoard(app: INestApplication): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BULL_BOARD_PATH);
  const queues = Object.values(QUEUES).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name))));
  createBullBoard({ queues, serverAdapter: adapter, options: { uiConfig: { boardTitle: 'duthao – hàng đợi' } } });
  keepPageInside(adapter.getRouter() as Express);
  const auth = app.get(AuthService);
  const adminOnly = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const token = header ?? (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
      const actor = await auth.actorFromToken(token ?? '');
      if (actor.role !== 'admin') throw forbidden({ vi: 'Chỉ quản trị viên xem được hàng đợi.', en: 'Only administrators may see the queues.' });
      next();
    } catch (err) {
      const body = toErrorBody(err, langFrom(req.headers['accept-language']));
      res.status(body.statusCode).json(body);
    }
  };
  app.use(BULL_BOARD_PATH, adminOnly, adapter.getRouter());
}

type RenderEngine = (path: string, options: object, callback: (err: Error | null, html?: string) => void) => void;

/** A `<link>` to another origin (absolute or protocol-relative), such as the board's Google Fonts stylesheet. */
const OUTSIDE_LINK = /<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\/[^>]*>/gi;

/**
 * The board's page asks Google for its fonts. No page of ours reaches outside the deployment: a
 * provincial network may not, and every such request tells a third party who is at work. The
 * board's stylesheet falls back to the system's fonts, so the link is simply dropped from the page
 * it renders (and the Content-Security-Policy in app.setup.ts refuses any other origin anyway).
 */
export function withoutOutsideLinks(html: string): string {
  return html.replace(OUTSIDE_LINK, '');
}

function keepPageInside(router: Express): void {
  const engines = (router as unknown as { engines: Record<string, RenderEngine | undefined> }).engines;
  const render = engines['.ejs'];
  if (!render) throw new Error('Bull Board renders no EJS view any more: check that its page still loads nothing from outside');
  router.engine('ejs', (path, options, callback) =>
    render(path, options, (err, html) => (err ? callback(err) : callback(null, withoutOutsideLinks(html ?? '')))),
  );
}
