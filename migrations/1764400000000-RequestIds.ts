import { MigrationInterface, QueryRunner } from 'typeorm';

/** The request id that caused an outbox event, carried into the jobs that follow from it. */
export class RequestIds1764400000000 implements MigrationInterface {
  name = 'RequestIds1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE outbox_events ADD COLUMN request_id text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE outbox_events DROP COLUMN request_id');
  }
}
