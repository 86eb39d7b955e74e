import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { rowsOf } from '../database/rows';
import { jobId, QUEUES } from '../queue/queues';
import { Deliveries } from './deliveries';
import { DIGEST_KINDS, DigestKind, isDigestKind } from './digest-kinds';
import type { Message, Subject } from './domain/messages';
import { Recipient, user } from './recipients';

interface DigestRow {
  id: string;
  due_at: Date;
}

/**
 * The events for one recipient and one subject within NOTIFY_DIGEST_SECONDS of the first become
 * one notice and one e-mail. Exactly once: an event joins a digest as a row keyed by (event,
 * recipient), so a redelivered dispatch adds nothing; a digest is closed in the one transaction
 * that writes its notice and e-mail rows (the Deliveries pattern, keyed by the digest), so a
 * redelivered flush sends nothing twice. Its flush is a delayed job, and the outbox relay's sweep
 * enqueues any digest past due again, in case Redis lost the job.
 */
@Injectable()
export class Digests {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
    private readonly deliveries: Deliveries,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Puts one event's item (a decided comment, a response, a directive) into each recipient's open digest of this kind and subject. */
  async add(eventKey: string, recipients: Recipient[], kind: DigestKind, subject: Subject, itemId: string): Promise<void> {
    const now = this.clock.now();
    const due = new Date(now.getTime() + this.config.notifyDigestSeconds * 1000);
    // Locks in one order (by user), so two events never wait on each other in a circle.
    const people = [...new Set(recipients.map((r) => r.id))].sort();
    const open = await this.db.transaction(async (em) => {
      const out: DigestRow[] = [];
      for (const userId of people) {
        await lock(em, userId, kind, subject);
        const [seen]: { digest_id: string }[] = await em.query('SELECT digest_id FROM digest_items WHERE event_key = $1 AND user_id = $2', [eventKey, userId]);
        if (seen) {
          out.push(...(await em.query('SELECT id, due_at FROM digests WHERE id = $1 AND flushed_at IS NULL', [seen.digest_id])));
          continue;
        }
        const [digest]: DigestRow[] = await em.query(
          `INSERT INTO digests (user_id, kind, subject_type, subject_id, opened_at, due_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (user_id, kind, subject_type, subject_id) WHERE flushed_at IS NULL DO UPDATE SET kind = EXCLUDED.kind
           RETURNING id, due_at`,
          [userId, kind, subject.type, subject.id, now, due],
        );
        await em.query('INSERT INTO digest_items (event_key, user_id, digest_id, item_id, created_at) VALUES ($1, $2, $3, $4, $5)', [
          eventKey,
          userId,
          digest.id,
          itemId,
          now,
        ]);
        out.push(digest);
      }
      return out;
    });
    await this.schedule(open);
  }

  /** Closes a digest: its notice and e-mail, once, however often this runs. */
  async flush(digestId: string): Promise<void> {
    const key = `digest-${digestId}`;
    const found = await this.db.transaction(async (em) => {
      const [d]: { user_id: string; kind: string; subject_type: Subject['type']; subject_id: string }[] = await em.query(
        'SELECT user_id, kind, subject_type, subject_id FROM digests WHERE id = $1',
        [digestId],
      );
      if (!d) return false;
      await lock(em, d.user_id, d.kind, { type: d.subject_type, id: d.subject_id });
      const closed = rowsOf(
        await em.query('UPDATE digests SET flushed_at = $2 WHERE id = $1 AND flushed_at IS NULL RETURNING id', [digestId, this.clock.now()]),
      );
      // Already closed by an earlier run: its rows are written; only its e-mail may still wait for a job.
      if (closed.length === 0) return true;
      const message = await this.compose(em, digestId, d.kind, d.subject_id);
      if (message) await this.deliveries.write(em, key, await user(em, d.user_id), () => message);
      return true;
    });
    if (found) await this.deliveries.sendPending(key);
  }

  /** Every open digest already due gets its flush job again (a no-op while that job exists). */
  async sweep(): Promise<void> {
    const due: DigestRow[] = await this.db.query('SELECT id, due_at FROM digests WHERE flushed_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT 1000', [
      this.clock.now(),
    ]);
    await this.schedule(due);
  }

  private async schedule(digests: DigestRow[]): Promise<void> {
    if (digests.length === 0) return;
    const now = this.clock.now().getTime();
    const unique = [...new Map(digests.map((d) => [d.id, d])).values()];
    await this.queue.addBulk(
      unique.map((d) => ({
        name: 'flush-digest',
        data: { digestId: d.id },
        opts: { jobId: jobId.digest(d.id), delay: Math.max(0, new Date(d.due_at).getTime() - now) },
      })),
    );
  }

  /** The digest's one message, worded by its kind (digest-kinds.ts). */
  private compose(em: EntityManager, digestId: string, kind: string, subjectId: string): Promise<Message | null> {
    if (!isDigestKind(kind)) throw new Error(`no digest message for "${kind}"`);
    return DIGEST_KINDS[kind](em, digestId, subjectId);
  }
}

/** One digest key at a time: adding to a digest and closing it never cross. */
function lock(em: EntityManager, userId: string, kind: string, subject: Subject): Promise<unknown> {
  return em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`digest ${userId} ${kind} ${subject.type} ${subject.id}`]);
}
