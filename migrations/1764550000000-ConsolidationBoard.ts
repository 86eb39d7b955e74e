import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consolidation board at scale: what its queries need to stay fast at thousands of comments a
 * round, and the secretariat's reusable disposition reasons.
 */
export class ConsolidationBoard1764550000000 implements MigrationInterface {
  name = 'ConsolidationBoard1764550000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Text as a search sees it: no diacritics (ệ → e, Đ → d), lower case, one space for any run
      -- of spaces and line breaks. Immutable, so a stored column and a query fold the same way.
      CREATE FUNCTION duthao_search_fold(input text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN btrim(regexp_replace(lower(translate(regexp_replace(normalize(input, NFD), '[\\u0300-\\u036f]', '', 'g'), 'Đđ', 'dd')), '\\s+', ' ', 'g'));

      ALTER TABLE comments ADD COLUMN search_text text
        GENERATED ALWAYS AS (duthao_search_fold(coalesce(quote, '') || ' ' || body)) STORED;

      -- The keys of a version's sections in order: the board sorts comments by them without
      -- reading the sections' text (a version may hold 5,000,000 characters).
      CREATE FUNCTION duthao_section_keys(sections jsonb) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN ARRAY(SELECT s.value ->> 'key' FROM jsonb_array_elements(sections) WITH ORDINALITY AS s(value, n) ORDER BY s.n);

      ALTER TABLE plan_versions ADD COLUMN section_keys text[]
        GENERATED ALWAYS AS (duthao_section_keys(sections)) STORED;

      -- Undecided comments (consultation-sql.ts: undecidedCommentSql): counted per round on every
      -- home, plan and board page, walked for "the next undecided", checked by the approval guard.
      CREATE INDEX comments_round_undecided_idx ON comments (round_id) WHERE status = 'submitted' AND decision IS NULL;

      -- "Lý do giải trình mẫu": texts a secretariat reuses, one list per organisation (the agency
      -- its users belong to; staff of no agency share one list).
      CREATE TABLE disposition_reasons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid REFERENCES agencies (id),
        text text NOT NULL,
        decision text CHECK (decision IN ('accepted', 'partially_accepted', 'explained', 'not_accepted')),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX disposition_reasons_text_key
        ON disposition_reasons (coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid), md5(text));
      CREATE INDEX disposition_reasons_list_idx ON disposition_reasons (organisation_id, created_at, id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE disposition_reasons;
      DROP INDEX comments_round_undecided_idx;
      ALTER TABLE plan_versions DROP COLUMN section_keys;
      DROP FUNCTION duthao_section_keys(jsonb);
      ALTER TABLE comments DROP COLUMN search_text;
      DROP FUNCTION duthao_search_fold(text);
    `);
  }
}
