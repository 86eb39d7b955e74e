import { EntityManager } from 'typeorm';

/** A fact the notification relay turns into messages (who hears it is decided when it is delivered). */
export interface OutboxEvent {
  type: string;
  payload: Record<string, unknown>;
}

export async function appendOutbox(em: EntityManager, events: OutboxEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  const values = events.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}::jsonb, $${i * 3 + 3})`);
  const params = events.flatMap((e) => [e.type, JSON.stringify(e.payload), at.toISOString()]);
  await em.query(`INSERT INTO outbox_events (type, payload, created_at) VALUES ${values.join(', ')}`, params);
}
