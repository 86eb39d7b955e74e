import { MigrationInterface, QueryRunner } from 'typeorm';

/** Conferences on a plan, their minutes, the directives they assign, and opinions carried into rounds. */
export class Conferences1764100000000 implements MigrationInterface {
  name = 'Conferences1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE conferences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id),
        title text NOT NULL,
        held_at timestamptz NOT NULL,
        location text NOT NULL,
        chair text NOT NULL,
        secretary text NOT NULL,
        attendees jsonb NOT NULL,
        minutes jsonb,
        finalized_at timestamptz,
        finalized_by uuid REFERENCES users (id),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX conferences_plan_idx ON conferences (plan_id, held_at);

      CREATE TABLE directives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conferences (id),
        plan_id uuid NOT NULL REFERENCES plans (id),
        position integer NOT NULL,
        agency_id uuid NOT NULL REFERENCES agencies (id),
        task text NOT NULL,
        due_date date NOT NULL,
        target numeric,
        value numeric,
        -- Only open or done are stored; overdue is derived from the due date when read.
        status text NOT NULL CHECK (status IN ('open', 'done')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (conference_id, position)
      );
      CREATE INDEX directives_agency_idx ON directives (agency_id, status, due_date);
      CREATE INDEX directives_plan_idx ON directives (plan_id);

      CREATE TABLE directive_progress (
        id bigserial PRIMARY KEY,
        directive_id uuid NOT NULL REFERENCES directives (id),
        at timestamptz NOT NULL,
        by_user uuid NOT NULL REFERENCES users (id),
        note text,
        value numeric,
        status text
      );
      CREATE INDEX directive_progress_directive_idx ON directive_progress (directive_id, id);

      ALTER TABLE comments
        ADD COLUMN conference_id uuid REFERENCES conferences (id),
        ADD COLUMN opinion_no integer,
        ADD CHECK ((source = 'conference') = (conference_id IS NOT NULL AND opinion_no IS NOT NULL));
      -- One opinion is carried into a round at most once.
      CREATE UNIQUE INDEX comments_opinion_once ON comments (conference_id, opinion_no, round_id) WHERE conference_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX comments_opinion_once;
      ALTER TABLE comments DROP COLUMN opinion_no, DROP COLUMN conference_id;
      DROP TABLE directive_progress;
      DROP TABLE directives;
      DROP TABLE conferences;
    `);
  }
}
