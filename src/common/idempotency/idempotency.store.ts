import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type Claim = { kind: 'claimed' } | { kind: 'replay'; status: number; body: string } | { kind: 'mismatch' } | { kind: 'in_progress' };

// A key is remembered for a day; a claim whose request died is given up after a minute.
const KEY_TTL = '24 hours';
const STALE_CLAIM = '60 seconds';

/** Idempotency keys in PostgreSQL: shared by every API process, and one INSERT decides who runs. */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async claim(scope: string, key: string, requestHash: string, waitMs = 10_000): Promise<Claim> {
    const claimed = await this.db.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at) VALUES ($1, $2, $3, 'in_progress', now())
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL, response_body = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - interval '${KEY_TTL}'
            OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.created_at < now() - interval '${STALE_CLAIM}')
       RETURNING key`,
      [scope, key, requestHash],
    );
    if (claimed.length) return { kind: 'claimed' };
    const deadline = Date.now() + waitMs;
    for (;;) {
      const [row] = await this.db.query('SELECT request_hash, state, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2', [
        scope,
        key,
      ]);
      if (!row) return this.claim(scope, key, requestHash, Math.max(0, deadline - Date.now()));
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state === 'done') return { kind: 'replay', status: row.response_status, body: row.response_body };
      // The same request is running elsewhere: wait for its answer rather than run it twice.
      if (Date.now() >= deadline) return { kind: 'in_progress' };
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async complete(scope: string, key: string, status: number, body: string): Promise<void> {
    await this.db.query(`UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2`, [
      scope,
      key,
      status,
      body,
    ]);
  }

  /** Forgets a claim whose request failed on our side, so that the client may retry with the same key. */
  async release(scope: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'in_progress'`, [scope, key]);
  }
}
