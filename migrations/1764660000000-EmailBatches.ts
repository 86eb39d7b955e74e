import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The send batch of an e-mail row (issue 16): the rows of one delivery are numbered in batches of up to
 * 50 when they are written, and one `send-emails` job (its id from the event key and the number) sends
 * a batch. The number never changes, so adding a batch's job again is a no-op, as with one job per row.
 * Rows written before have batch 0 and their own `send-email` jobs.
 */
export class EmailBatches1764660000000 implements MigrationInterface {
  name = 'EmailBatches1764660000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE emails ADD COLUMN batch integer');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE emails DROP COLUMN batch');
  }
}
