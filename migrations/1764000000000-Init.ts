import { MigrationInterface, QueryRunner } from 'typeorm';

/** The foundation: agencies and users, plans and versions, rounds and comments, approval, audit, idempotency, outbox. */
export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE app_settings (
        key text PRIMARY KEY,
        value text NOT NULL
      );

      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX agencies_code_key ON agencies (lower(code));

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        full_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'secretariat', 'leader', 'agency')),
        agency_id uuid REFERENCES agencies (id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'agency' OR agency_id IS NOT NULL)
      );
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));
      CREATE INDEX users_agency_idx ON users (agency_id);

      CREATE TABLE login_failures (
        key text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        failures integer NOT NULL
      );

      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        kind text,
        owner_agency_id uuid REFERENCES agencies (id),
        status text NOT NULL CHECK (status IN ('drafting', 'consultation', 'consolidating', 'awaiting_approval', 'approved')),
        draft jsonb NOT NULL,
        draft_revision integer NOT NULL DEFAULT 1,
        latest_version integer NOT NULL DEFAULT 0,
        approved_version integer,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE plan_versions (
        plan_id uuid NOT NULL REFERENCES plans (id),
        number integer NOT NULL CHECK (number > 0),
        note text NOT NULL,
        sections jsonb NOT NULL,
        content_hash text NOT NULL,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (plan_id, number)
      );

      -- A version never changes once frozen: not through the app, not through SQL.
      CREATE FUNCTION plan_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'plan versions are immutable (plan %, version %)', OLD.plan_id, OLD.number
          USING ERRCODE = 'integrity_constraint_violation';
      END $$;
      CREATE TRIGGER plan_versions_no_update BEFORE UPDATE OR DELETE ON plan_versions
        FOR EACH ROW EXECUTE FUNCTION plan_versions_immutable();

      CREATE TABLE rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id),
        title text NOT NULL,
        version_number integer NOT NULL,
        deadline timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        opened_by uuid NOT NULL REFERENCES users (id),
        opened_at timestamptz NOT NULL,
        closed_by uuid REFERENCES users (id),
        closed_at timestamptz,
        FOREIGN KEY (plan_id, version_number) REFERENCES plan_versions (plan_id, number)
      );
      CREATE INDEX rounds_plan_idx ON rounds (plan_id);
      CREATE UNIQUE INDEX rounds_one_open_per_plan ON rounds (plan_id) WHERE status = 'open';

      CREATE TABLE round_agencies (
        round_id uuid NOT NULL REFERENCES rounds (id),
        agency_id uuid NOT NULL REFERENCES agencies (id),
        PRIMARY KEY (round_id, agency_id)
      );
      CREATE INDEX round_agencies_agency_idx ON round_agencies (agency_id);

      CREATE TABLE responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        no_comments boolean NOT NULL,
        reference text,
        submitted_by uuid NOT NULL REFERENCES users (id),
        submitted_at timestamptz NOT NULL,
        late boolean NOT NULL,
        withdrawn_by uuid REFERENCES users (id),
        withdrawn_at timestamptz,
        FOREIGN KEY (round_id, agency_id) REFERENCES round_agencies (round_id, agency_id)
      );
      CREATE UNIQUE INDEX responses_one_active ON responses (round_id, agency_id) WHERE withdrawn_at IS NULL;

      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        author_id uuid NOT NULL REFERENCES users (id),
        section_key text,
        quote text,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'submitted')),
        source text NOT NULL DEFAULT 'agency' CHECK (source IN ('agency', 'conference')),
        response_id uuid REFERENCES responses (id),
        submitted_at timestamptz,
        late boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        decision text CHECK (decision IN ('accepted', 'partially_accepted', 'explained', 'not_accepted')),
        reason text,
        addressed_in_version integer,
        decided_by uuid REFERENCES users (id),
        decided_at timestamptz,
        -- Not tied to the invitation: an opinion carried from a conference may come from an agency not invited.
        FOREIGN KEY (round_id) REFERENCES rounds (id),
        FOREIGN KEY (agency_id) REFERENCES agencies (id),
        CHECK (status = 'submitted' OR decision IS NULL),
        CHECK (quote IS NULL OR section_key IS NOT NULL)
      );
      CREATE INDEX comments_round_agency_idx ON comments (round_id, agency_id);
      CREATE INDEX comments_round_status_idx ON comments (round_id, status);

      CREATE TABLE approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL,
        version_number integer NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'returned')),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        decided_at timestamptz,
        FOREIGN KEY (plan_id, version_number) REFERENCES plan_versions (plan_id, number)
      );
      CREATE INDEX approvals_plan_idx ON approvals (plan_id, created_at);
      CREATE UNIQUE INDEX approvals_one_pending_per_plan ON approvals (plan_id) WHERE status = 'pending';

      CREATE TABLE approval_steps (
        approval_id uuid NOT NULL REFERENCES approvals (id),
        position integer NOT NULL,
        approver_id uuid NOT NULL REFERENCES users (id),
        state text NOT NULL CHECK (state IN ('waiting', 'current', 'approved', 'returned')),
        note text,
        decided_at timestamptz,
        PRIMARY KEY (approval_id, position)
      );
      CREATE INDEX approval_steps_approver_idx ON approval_steps (approver_id, state);

      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid,
        data jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq);

      CREATE TABLE audit_head (
        id integer PRIMARY KEY CHECK (id = 1),
        last_seq bigint NOT NULL,
        last_hash text NOT NULL
      );
      INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64));

      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_progress', 'done')),
        response_status integer,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

      CREATE TABLE outbox_events (
        id bigserial PRIMARY KEY,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        relayed_at timestamptz
      );
      CREATE INDEX outbox_events_pending_idx ON outbox_events (id) WHERE relayed_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE outbox_events;
      DROP TABLE idempotency_keys;
      DROP TABLE audit_head;
      DROP TABLE audit_log;
      DROP TABLE approval_steps;
      DROP TABLE approvals;
      DROP TABLE comments;
      DROP TABLE responses;
      DROP TABLE round_agencies;
      DROP TABLE rounds;
      DROP TRIGGER plan_versions_no_update ON plan_versions;
      DROP FUNCTION plan_versions_immutable();
      DROP TABLE plan_versions;
      DROP TABLE plans;
      DROP TABLE login_failures;
      DROP TABLE users;
      DROP TABLE agencies;
      DROP TABLE app_settings;
    `);
  }
}
