import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The approved plan as a signed PDF: the organisation's certificate (when the operator gives none),
 * the signed document of each approval, and the copies leaders sign with their own token.
 */
export class Signing1764605000000 implements MigrationInterface {
  name = 'Signing1764605000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- One row at most: two processes starting at once both insert, one wins.
      CREATE TABLE signing_keys (
        id text PRIMARY KEY CHECK (id = 'organisation'),
        -- PKCS#12 (AES-256, PBKDF2) whose passphrase is derived from the server secret: the key is never stored in clear.
        p12 bytea NOT NULL,
        certificate_pem text NOT NULL,
        certificate_sha256 text NOT NULL,
        created_at timestamptz NOT NULL
      );

      ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
      ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('plan', 'report', 'minutes', 'comparison', 'approved'));
      -- For a signed document: {signer, certificateSha256, signedAt, official}.
      ALTER TABLE documents ADD COLUMN signature jsonb;

      -- The signed PDF of an approval (a document of kind 'approved').
      CREATE TABLE approved_documents (
        approval_id uuid PRIMARY KEY REFERENCES approvals (id),
        plan_id uuid NOT NULL REFERENCES plans (id),
        version_number integer NOT NULL,
        document_id uuid NOT NULL UNIQUE REFERENCES documents (id),
        created_at timestamptz NOT NULL
      );

      -- A copy of the approved PDF signed outside duthao (a leader's own token), checked and kept.
      CREATE TABLE signed_copies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        approval_id uuid NOT NULL REFERENCES approvals (id),
        plan_id uuid NOT NULL REFERENCES plans (id),
        sha256 text NOT NULL,
        bytes integer NOT NULL,
        pages integer NOT NULL,
        -- [{signer, signedAt, certificateSha256, trusted}], outermost signature last.
        signatures jsonb NOT NULL,
        content bytea NOT NULL,
        filed_by uuid NOT NULL REFERENCES users (id),
        filed_at timestamptz NOT NULL,
        UNIQUE (approval_id, sha256)
      );
      CREATE INDEX signed_copies_plan_idx ON signed_copies (plan_id, filed_at);
      -- "Is this file one of ours?" (POST /api/documents/verify).
      CREATE INDEX documents_sha256_idx ON documents (sha256);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX documents_sha256_idx;
      DROP TABLE signed_copies;
      DROP TABLE approved_documents;
      DELETE FROM document_files WHERE document_id IN (SELECT id FROM documents WHERE kind = 'approved');
      DELETE FROM documents WHERE kind = 'approved';
      ALTER TABLE documents DROP COLUMN signature;
      ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
      ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('plan', 'report', 'minutes', 'comparison'));
      DROP TABLE signing_keys;
    `);
  }
}
