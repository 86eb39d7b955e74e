import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Diffs between versions, computed once: versions never change, so neither do their diffs (the
 * algorithm and its limits are part of the key). And how many times readers have put a failed
 * document back in the queue, so that one that always fails is not rendered again without end.
 */
export class StoredDiffs1764530000000 implements MigrationInterface {
  name = 'StoredDiffs1764530000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plan_version_diffs (
        plan_id uuid NOT NULL,
        from_number integer NOT NULL,
        to_number integer NOT NULL,
        algorithm text NOT NULL,
        approximate boolean NOT NULL,
        -- json, not jsonb: sent to clients as stored, keys in their order, never parsed by PostgreSQL's reader.
        sections json NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (plan_id, from_number, to_number, algorithm),
        FOREIGN KEY (plan_id, from_number) REFERENCES plan_versions (plan_id, number),
        FOREIGN KEY (plan_id, to_number) REFERENCES plan_versions (plan_id, number)
      );
      ALTER TABLE documents ADD COLUMN requeues integer NOT NULL DEFAULT 0;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE documents DROP COLUMN requeues; DROP TABLE plan_version_diffs;');
  }
}
