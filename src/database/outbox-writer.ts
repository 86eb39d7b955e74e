import { EntityManager } from 'typeorm';
import { currentRequestId } from '../observability/request-context';
import type { OutboxEvent } from '../queue/outbox-events';

export type { OutboxEvent };

export async function appendOutbox(em: EntityManager, events: OutboxEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  const requestId = currentRequestId() ?? null;
  const values = events.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}::jsonb, $${i * 4 + 3}, $${i * 4 + 4})`);
  const params = events.flatMap((e) => [e.type, JSON.stringify(e.payload), at.toISOString(), requestId]);
  await em.query(`INSERT INTO outbox_events (type, payload, created_at, request_id) VALUES ${values.join(', ')}`, params);
}
