import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The signed official letter (công văn, PDF) an agency attaches to its response, beside the letter's
 * number it already records: one per response, kept in the database like the signed copies.
 */
export class ResponseLetters1764630000000 implements MigrationInterface {
  name = 'ResponseLetters1764630000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE response_letters (
        response_id uuid PRIMARY KEY REFERENCES responses (id),
        file_name text NOT NULL,
        bytes integer NOT NULL,
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users (id),
        uploaded_at timestamptz NOT NULL
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE response_letters');
  }
}
