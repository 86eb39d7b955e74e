import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rendered documents (PDF): the request, its frozen input, its state, and the bytes. */
export class Documents1764300000000 implements MigrationInterface {
  name = 'Documents1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('plan', 'report', 'minutes', 'comparison')),
        -- What it is of (planId, versionNumber, roundId, conferenceId, from, to): for access checks.
        subject jsonb NOT NULL,
        plan_id uuid NOT NULL REFERENCES plans (id),
        -- sha256 of the template version and the model: the same input is one document.
        input_hash text NOT NULL UNIQUE,
        model jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'rendering', 'done', 'failed')),
        pages integer,
        bytes integer,
        sha256 text,
        error text,
        requested_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        rendered_at timestamptz
      );
      CREATE INDEX documents_plan_idx ON documents (plan_id, created_at);

      -- The bytes, apart from the metadata, behind the storage interface (object storage can replace it).
      CREATE TABLE document_files (
        document_id uuid PRIMARY KEY REFERENCES documents (id),
        content bytea NOT NULL
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE document_files; DROP TABLE documents;');
  }
}
