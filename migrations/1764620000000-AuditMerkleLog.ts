import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log as a Merkle tree log (RFC 9162). A change inserts its entries and touches no shared
 * row: the entry gets an insertion id and the id of its transaction; the sealer later gives it its
 * index (`seq`) in the tree. The head row and the hash chain go: the rows already there become
 * entries waiting to be sealed, which the first seal does in their old order.
 */
export class AuditMerkleLog1764620000000 implements MigrationInterface {
  name = 'AuditMerkleLog1764620000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE audit_head;
      ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
      DROP INDEX audit_log_entity_idx;
      ALTER TABLE audit_log ADD COLUMN id bigint;
      UPDATE audit_log SET id = seq, seq = NULL;
      ALTER TABLE audit_log ALTER COLUMN seq DROP NOT NULL;
      CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
      SELECT setval('audit_log_id_seq', coalesce((SELECT max(id) FROM audit_log), 0) + 1, false);
      ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq'), ALTER COLUMN id SET NOT NULL, ADD PRIMARY KEY (id);
      -- The inserting transaction: the sealer takes only entries of transactions older than every one still running.
      ALTER TABLE audit_log ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
      ALTER TABLE audit_log DROP COLUMN prev_hash, DROP COLUMN hash;
      -- seq is the entry's index in the tree (from 0), set once by the sealer.
      CREATE UNIQUE INDEX audit_log_seq_key ON audit_log (seq);
      CREATE INDEX audit_log_pending_idx ON audit_log (id) WHERE seq IS NULL;
      CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id);

      -- Every complete subtree: node (level, idx) covers leaves [idx·2^level, (idx+1)·2^level). Level 0 holds the leaves.
      CREATE TABLE audit_nodes (
        level smallint NOT NULL,
        idx bigint NOT NULL,
        hash bytea NOT NULL,
        PRIMARY KEY (level, idx)
      );

      -- One after each sealed batch: {treeSize, rootHash, at} signed.
      CREATE TABLE audit_checkpoints (
        tree_size bigint PRIMARY KEY,
        root_hash text NOT NULL,
        at timestamptz NOT NULL,
        algorithm text NOT NULL CHECK (algorithm IN ('ed25519', 'ecdsa-p256-sha256')),
        public_key text NOT NULL,
        signature text NOT NULL
      );

      -- The checkpoints' key sits beside the organisation's: p12 holds its encrypted PKCS#8, certificate_pem its SPKI public key.
      ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_id_check;
      ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_id_check CHECK (id IN ('organisation', 'audit'));
    `);
  }

  /** Back to the chain's schema; the chain's hashes cannot be remade in SQL, so /api/audit/verify of the old code reports it broken. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM signing_keys WHERE id = 'audit';
      ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_id_check;
      ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_id_check CHECK (id = 'organisation');
      DROP TABLE audit_checkpoints;
      DROP TABLE audit_nodes;
      DROP INDEX audit_log_entity_idx;
      DROP INDEX audit_log_pending_idx;
      DROP INDEX audit_log_seq_key;
      ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
      UPDATE audit_log a SET seq = o.n FROM (SELECT id, row_number() OVER (ORDER BY seq NULLS LAST, id) AS n FROM audit_log) o WHERE o.id = a.id;
      ALTER TABLE audit_log DROP COLUMN id, DROP COLUMN xid;
      ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL, ADD PRIMARY KEY (seq);
      ALTER TABLE audit_log ADD COLUMN prev_hash text NOT NULL DEFAULT '', ADD COLUMN hash text NOT NULL DEFAULT '';
      ALTER TABLE audit_log ALTER COLUMN prev_hash DROP DEFAULT, ALTER COLUMN hash DROP DEFAULT;
      CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq);
      CREATE TABLE audit_head (id integer PRIMARY KEY CHECK (id = 1), last_seq bigint NOT NULL, last_hash text NOT NULL);
      INSERT INTO audit_head (id, last_seq, last_hash) SELECT 1, coalesce(max(seq), 0), repeat('0', 64) FROM audit_log;
    `);
  }
}
