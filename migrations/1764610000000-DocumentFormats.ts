import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A document is a PDF or a Word file (.docx) of the same input: the format is part of what names
 * it, so the unique key on the input hash takes the format in. Documents made so far are PDFs.
 */
export class DocumentFormats1764610000000 implements MigrationInterface {
  name = 'DocumentFormats1764610000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE documents ADD COLUMN format text NOT NULL DEFAULT 'pdf' CHECK (format IN ('pdf', 'docx'));
      ALTER TABLE documents DROP CONSTRAINT documents_input_hash_key;
      ALTER TABLE documents ADD CONSTRAINT documents_input_hash_format_key UNIQUE (input_hash, format);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM document_files WHERE document_id IN (SELECT id FROM documents WHERE format <> 'pdf');
      DELETE FROM documents WHERE format <> 'pdf';
      ALTER TABLE documents DROP CONSTRAINT documents_input_hash_format_key;
      ALTER TABLE documents ADD CONSTRAINT documents_input_hash_key UNIQUE (input_hash);
      ALTER TABLE documents DROP COLUMN format;
    `);
  }
}
