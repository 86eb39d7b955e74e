import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digests: the decisions on one person's comments in one round within a short window become one
 * notice and one e-mail. Every notice names its subject (a round, a plan, a directive), so that a
 * person can mark read everything about one subject, and may list what happened (items).
 */
export class NotificationDigests1764625000000 implements MigrationInterface {
  name = 'NotificationDigests1764625000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE notifications ADD COLUMN subject_type text, ADD COLUMN subject_id uuid, ADD COLUMN items jsonb;
      UPDATE notifications n SET subject_type = m.t, subject_id = m.id::uuid
      FROM (SELECT id AS nid,
                   CASE s[1] WHEN 'rounds' THEN 'round' WHEN 'plans' THEN 'plan' WHEN 'directives' THEN 'directive' END AS t,
                   s[2] AS id
            FROM notifications, regexp_match(link, '/(rounds|plans|directives)/([0-9a-f-]{36})') s) m
      WHERE n.id = m.nid;
      CREATE INDEX notifications_subject_idx ON notifications (user_id, subject_type, subject_id) WHERE read_at IS NULL;

      -- One open digest per (recipient, kind, subject); flushed when due_at has passed.
      CREATE TABLE digests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        kind text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        opened_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        flushed_at timestamptz
      );
      CREATE UNIQUE INDEX digests_one_open ON digests (user_id, kind, subject_type, subject_id) WHERE flushed_at IS NULL;
      CREATE INDEX digests_due_idx ON digests (due_at) WHERE flushed_at IS NULL;

      -- What a digest holds: one row per (event, recipient), so a redelivered event adds nothing,
      -- whichever digest took it first.
      CREATE TABLE digest_items (
        event_key text NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        digest_id uuid NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
        item_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (event_key, user_id)
      );
      CREATE INDEX digest_items_digest_idx ON digest_items (digest_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE digest_items;
      DROP TABLE digests;
      DROP INDEX notifications_subject_idx;
      ALTER TABLE notifications DROP COLUMN items, DROP COLUMN subject_id, DROP COLUMN subject_type;
    `);
  }
}
