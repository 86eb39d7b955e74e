import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { notFound } from '../common/errors/domain-error';
import { Page } from '../common/pagination/list-query.dto';
import { rowsOf } from '../database/rows';
import { NotificationList } from './dto/notifications.dto';

/** A person's in-app notifications: read them, mark them read. Nobody reads another's. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** `which`: true or 'unread' for the unread ones, 'read' for those read, false for all. */
  async list(actor: Actor, which: boolean | 'unread' | 'read', page: Page): Promise<NotificationList> {
    const only = which === true || which === 'unread' ? 'read_at IS NULL' : which === 'read' ? 'read_at IS NOT NULL' : 'TRUE';
    const where = `user_id = $1 AND ${only}`;
    const [counts] = await this.db.query(
      `SELECT count(*) FILTER (WHERE ${only})::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
       FROM notifications WHERE user_id = $1`,
      [actor.id],
    );
    const rows: { id: string; kind: string; title: string; body: string; link: string; created_at: Date; read_at: Date | null }[] = await this.db.query(
      `SELECT id, kind, title, body, link, created_at, read_at FROM notifications WHERE ${where} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [actor.id, page.limit, page.offset],
    );
    return {
      items: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        createdAt: n.created_at.toISOString(),
        readAt: n.read_at?.toISOString() ?? null,
      })),
      total: counts.total,
      unread: counts.unread,
    };
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    const updated = rowsOf(
      await this.db.query('UPDATE notifications SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING id', [
        id,
        actor.id,
        this.clock.now(),
      ]),
    );
    if (updated.length === 0) throw notFound({ vi: 'thông báo', en: 'notification' });
  }

  async markAllRead(actor: Actor): Promise<void> {
    await this.db.query('UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL', [actor.id, this.clock.now()]);
  }
}
