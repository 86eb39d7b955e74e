import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions, so that a token can be ended before it expires (logout) by any API process.
 * Also forgets what the idempotency store kept before it stopped keeping secrets: login responses
 * held live access tokens, and every request fingerprint was an unsalted SHA-256 of its body (a
 * body with a password in it, for a login or a new user). Those fingerprints could never match
 * the keyed ones computed from now on anyway, so no stored answer stays useful.
 */
export class Sessions1764520000000 implements MigrationInterface {
  name = 'Sessions1764520000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user_idx ON sessions (user_id, expires_at);

      DELETE FROM idempotency_keys;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    // The idempotency rows are not brought back: they held secrets, and a key lives a day at most.
    await db.query('DROP TABLE sessions');
  }
}
