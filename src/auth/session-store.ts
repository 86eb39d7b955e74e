import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';

/**
 * Sign-in sessions in PostgreSQL, so that ending one (logout) takes effect at once in every API
 * process. A token names its session; the token's own `exp` is its expiry, and a session row only
 * outlives it until the user's next login tidies it away.
 *
 * Not through the unit of work: a session is who holds a key, not a change to the plans' record,
 * and a login must not wait for the audit log's lock.
 */
@Injectable()
export class SessionStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async start(userId: string, ttlSeconds: number): Promise<string> {
    const id = randomUUID();
    await this.db.query(`DELETE FROM sessions WHERE user_id = $1 AND expires_at < now()`, [userId]);
    await this.db.query(`INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, now(), now() + make_interval(secs => $3))`, [
      id,
      userId,
      ttlSeconds,
    ]);
    return id;
  }

  async end(id: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id = $1', [id]);
  }

  /**
   * The actor of a live session, in the one query every authenticated request makes. `users.active`
   * is the one switch that disables an account: a disabled user's sessions stop here at once.
   */
  async actor(sessionId: string, userId: string): Promise<Actor | null> {
    const [row] = await this.db.query(
      `SELECT u.id, u.role, u.agency_id AS "agencyId", u.email, u.full_name AS "fullName"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND u.active`,
      [sessionId, userId],
    );
    return row ?? null;
  }
}
