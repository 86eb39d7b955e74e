import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { invalid, notFound } from '../common/errors/domain-error';
import { Page } from '../common/pagination/list-query.dto';
import { rowsOf } from '../database/rows';
import type { Subject } from './domain/messages';
import { NotificationList } from './dto/notifications.dto';

interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  subject_type: string | null;
  subject_id: string | null;
  items: { text: string; link: string }[] | null;
  created_at: Date;
  read_at: Date | null;
}

/** A person's in-app notifications: read them, mark them read. Nobody reads another's. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** `which`: true or 'unread' for the unread ones, 'read' for those read, false for all; `subject`: only those about it. */
  async list(actor: Actor, which: boolean | 'unread' | 'read', page: Page, subject?: Partial<Subject>): Promise<NotificationList> {
    const about = subjectOf(subject);
    const only = which === true || which === 'unread' ? 'read_at IS NULL' : which === 'read' ? 'read_at IS NOT NULL' : 'TRUE';
    const mine = `user_id = $1${about ? ' AND subject_type = $2 AND subject_id = $3' : ''}`;
    const args = about ? [actor.id, about.type, about.id] : [actor.id];
    const [counts] = await this.db.query(
      `SELECT count(*) FILTER (WHERE ${only})::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notifications WHERE ${mine}`,
      args,
    );
    const n = args.length;
    const rows: NotificationRow[] = await this.db.query(
      `SELECT id, kind, title, body, link, subject_type, subject_id, items, created_at, read_at FROM notifications
       WHERE ${mine} AND ${only} ORDER BY created_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...args, page.limit, page.offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        items: r.items ?? [],
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at?.toISOString() ?? null,
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

  /** Marks read every notice of this person about one subject; none about it at all is a 404. Returns how many were unread. */
  async markSubjectRead(actor: Actor, subject: Subject): Promise<number> {
    const updated = rowsOf(
      await this.db.query(
        `UPDATE notifications SET read_at = $4 WHERE user_id = $1 AND subject_type = $2 AND subject_id = $3 AND read_at IS NULL RETURNING id`,
        [actor.id, subject.type, subject.id, this.clock.now()],
      ),
    );
    if (updated.length > 0) return updated.length;
    const [any] = await this.db.query('SELECT 1 FROM notifications WHERE user_id = $1 AND subject_type = $2 AND subject_id = $3 LIMIT 1', [
      actor.id,
      subject.type,
      subject.id,
    ]);
    if (!any) throw notFound({ vi: 'thông báo về đối tượng này', en: 'notification about this subject' });
    return 0;
  }

  async markAllRead(actor: Actor): Promise<void> {
    await this.db.query('UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL', [actor.id, this.clock.now()]);
  }
}

/** Both halves of a subject or neither. */
function subjectOf(subject?: Partial<Subject>): Subject | null {
  if (!subject?.type && !subject?.id) return null;
  if (!subject.type || !subject.id) {
    throw invalid({ vi: 'subjectType và subjectId phải đi cùng nhau.', en: 'subjectType and subjectId go together.' });
  }
  return { type: subject.type, id: subject.id };
}
