import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments follow the text across versions (docs/comment-anchors.md). A comment keeps where its
 * quote stood in its section's body (offsets in UTF-16 code units, as the app and a browser count)
 * and about 32 characters on each side; `comment_anchors` keeps where it stands in each later
 * version, computed once when that version is frozen.
 *
 * Existing comments are filled here when their quote stands verbatim in the body (the first
 * occurrence, as the API took it); a quote matched only up to Unicode form or spacing is left
 * without offsets and found again, by the same rules as at creation, when it is first placed.
 * PostgreSQL counts code points: the offsets equal UTF-16 units for text of the Basic
 * Multilingual Plane (all of Vietnamese); a body with a character beyond it is left to the app.
 */
/** Fills the anchor of comments that have none and whose quote stands verbatim in their section (safe to run again). */
export const FILL_EXISTING = `
      UPDATE comments c
         SET quote_start = f.pos - 1,
             quote_end = f.pos - 1 + length(c.quote),
             quote_before = substr(f.body, greatest(1, f.pos - 32), least(32, f.pos - 1)),
             quote_after = substr(f.body, f.pos + length(c.quote), 32),
             quote_occurrences = (length(f.body) - length(replace(f.body, c.quote, ''))) / length(c.quote)
        FROM (
          SELECT c2.id, s.value ->> 'body' AS body, strpos(s.value ->> 'body', c2.quote) AS pos
            FROM comments c2
            JOIN rounds r ON r.id = c2.round_id
            JOIN plan_versions v ON v.plan_id = r.plan_id AND v.number = r.version_number
            CROSS JOIN LATERAL jsonb_array_elements(v.sections) AS s(value)
           WHERE c2.quote IS NOT NULL AND c2.quote <> '' AND s.value ->> 'key' = c2.section_key
        ) f
       WHERE f.id = c.id AND c.quote_start IS NULL AND f.pos > 0 AND f.body !~ '[\\U00010000-\\U0010FFFF]';
`;

export class CommentAnchors1764600000000 implements MigrationInterface {
  name = 'CommentAnchors1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE comments
        ADD COLUMN quote_start integer,
        ADD COLUMN quote_end integer,
        ADD COLUMN quote_before text,
        ADD COLUMN quote_after text,
        ADD COLUMN quote_occurrences integer;

      ${FILL_EXISTING}

      CREATE TABLE comment_anchors (
        comment_id uuid NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
        version_number integer NOT NULL,
        algorithm text NOT NULL,
        -- The comment as it was placed: a draft edited since is placed again when next read.
        comment_updated_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('same', 'moved', 'changed', 'removed', 'whole_plan')),
        section_key text,
        heading text,
        start_offset integer,
        end_offset integer,
        text text,
        candidates jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (comment_id, version_number)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE comment_anchors;
      ALTER TABLE comments DROP COLUMN quote_start, DROP COLUMN quote_end, DROP COLUMN quote_before, DROP COLUMN quote_after, DROP COLUMN quote_occurrences;
    `);
  }
}
