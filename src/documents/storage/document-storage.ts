import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Where rendered PDFs live. PostgreSQL today; object storage can implement the same two calls. */
export abstract class DocumentStorage {
  abstract put(documentId: string, content: Buffer): Promise<void>;
  abstract get(documentId: string): Promise<Buffer | null>;
}

@Injectable()
export class PostgresDocumentStorage extends DocumentStorage {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async put(documentId: string, content: Buffer): Promise<void> {
    // A redelivered job writes the same bytes again: keep one row.
    await this.db.query(
      'INSERT INTO document_files (document_id, content) VALUES ($1, $2) ON CONFLICT (document_id) DO UPDATE SET content = EXCLUDED.content',
      [documentId, content],
    );
  }

  async get(documentId: string): Promise<Buffer | null> {
    const [row] = await this.db.query('SELECT content FROM document_files WHERE document_id = $1', [documentId]);
    return row?.content ?? null;
  }
}
