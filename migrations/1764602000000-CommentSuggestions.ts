import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A comment may carry a suggested wording ("đề nghị sửa X thành Y"), as a tracked change of an
 * agency's Word reply gives it: the text to delete and the text to insert, at its quote.
 */
export class CommentSuggestions1764602000000 implements MigrationInterface {
  name = 'CommentSuggestions1764602000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE comments ADD COLUMN suggestion jsonb
        CHECK (suggestion IS NULL OR (jsonb_typeof(suggestion -> 'delete') = 'string' AND jsonb_typeof(suggestion -> 'insert') = 'string'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE comments DROP COLUMN suggestion');
  }
}
