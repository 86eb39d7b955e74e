import { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notifications, e-mails (sent, kept or failed), and a wake-up signal for the outbox relay. */
export class Notifications1764200000000 implements MigrationInterface {
  name = 'Notifications1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- A relay claims rows for a short while; a relay that dies mid-way lets its claim lapse.
      ALTER TABLE outbox_events ADD COLUMN claimed_until timestamptz;

      CREATE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('duthao_outbox', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER outbox_events_wake_relay AFTER INSERT ON outbox_events
        FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify();

      -- event_key names what caused it (an outbox event, a reminder); one per recipient, so a
      -- redelivered job adds nothing.
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_key text NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        UNIQUE (event_key, user_id)
      );
      CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
      CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

      CREATE TABLE emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_key text NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        -- pending: to send; sent: accepted by the SMTP relay; kept: no SMTP configured; failed: gave up.
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'kept', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        UNIQUE (event_key, user_id)
      );
      CREATE INDEX emails_status_idx ON emails (status, created_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE emails;
      DROP TABLE notifications;
      DROP TRIGGER outbox_events_wake_relay ON outbox_events;
      DROP FUNCTION outbox_events_notify();
      ALTER TABLE outbox_events DROP COLUMN claimed_until;
    `);
  }
}
