/**
 * A consolidation round at the size the issue names, for bench/consolidation.ts and for benchmarks
 * of the board's page: a 200-section version, 20 agencies that answered, 1,800 submitted comments,
 * undecided; and, beside it, closed rounds of 2,000 comments each, so that the comments table holds
 * what a province's year of plans would (the indexes must find one round among fifty).
 */
import { largePlanInput } from '../../test/pdf-support';
import { BENCH_ADMIN, BENCH_PASSWORD, BenchApp, http, must } from './bench-app';
import { AGENCY_NAMES } from './province-agencies';

export interface ConsolidationSeed {
  planId: string;
  roundId: string;
  /** The round's version's section keys, in order. */
  keys: string[];
  agencyIds: string[];
  /** The submitted comments of the round, in no particular order. */
  commentIds: string[];
  secretariatToken: string;
  leaderToken: string;
}

export interface SeedOptions {
  agencies?: number;
  comments?: number;
  /** Sections of the version (at most 500). */
  sections?: number;
  /** Other closed rounds of `commentsPerOtherRound` comments each, on the same plan. */
  otherRounds?: number;
  commentsPerOtherRound?: number;
}

const SENTENCES = [
  'Đề nghị bổ sung số liệu về hợp tác xã giải thể, ngừng hoạt động trong giai đoạn 2016-2020 và nguyên nhân.',
  'Cần làm rõ nguồn kinh phí thực hiện từng nhiệm vụ, phân định ngân sách tỉnh, ngân sách huyện và vốn xã hội hóa.',
  'Chỉ tiêu thành lập mới 30 hợp tác xã mỗi năm cần căn cứ vào kết quả khảo sát thực tế tại các địa phương.',
  'Đề nghị rà soát lại thẩm quyền ban hành cơ chế hỗ trợ cho phù hợp với Luật Hợp tác xã năm 2023.',
  'Nên bổ sung giải pháp chuyển đổi số, ứng dụng thương mại điện tử trong tiêu thụ sản phẩm của hợp tác xã.',
  'Thống nhất với dự thảo; đề nghị điều chỉnh câu chữ tại đoạn này cho rõ nghĩa, tránh hiểu nhầm khi áp dụng.',
];

/** A comment of 150–600 characters, like the ones agencies write. */
export function commentText(i: number): string {
  const n = 1 + (i % 5);
  return `Ý kiến số ${i}: ${Array.from({ length: n }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]).join(' ')}`;
}

/**
 * Seeds through the API what has rules (users, plan, version, round, closing) and writes straight
 * to the tables what is only volume (responses and comments, as a submitted response leaves them).
 */
export async function seedConsolidationRound(bench: BenchApp, opts: SeedOptions = {}): Promise<ConsolidationSeed> {
  const { agencies = 20, comments = 1800, sections = 200, otherRounds = 49, commentsPerOtherRound = 2000 } = opts;
  const { base, db } = bench;
  const admin = await bench.login(BENCH_ADMIN.email, BENCH_ADMIN.password);
  const tag = Date.now().toString(36);
  const person = async (role: string, email: string, fullName: string) => {
    await must(http(base, 'POST', '/api/users', admin, { email, fullName, password: BENCH_PASSWORD, role }), 201, role);
    return bench.login(email, BENCH_PASSWORD);
  };
  const secretariatToken = await person('secretariat', `bientap-${tag}@bench.vn`, 'Trần Thị Thu Hà');
  const leaderToken = await person('leader', `pct-${tag}@bench.vn`, 'Phạm Văn Thành');
  const agencyRows: { id: string }[] = await db.query(
    `INSERT INTO agencies (code, name) SELECT 'CB' || $3 || i, ($2::text[])[1 + (i - 1) % array_length($2::text[], 1)] || CASE WHEN i > array_length($2::text[], 1) THEN ' (' || i || ')' ELSE '' END
     FROM generate_series(1, $1::int) i ORDER BY i RETURNING id`,
    [agencies, AGENCY_NAMES, tag.toUpperCase()],
  );
  const agencyIds = agencyRows.map((a) => a.id);
  const users: { id: string; agency_id: string }[] = await db.query(
    `INSERT INTO users (email, full_name, password_hash, role, agency_id)
     SELECT 'cv-' || lower(a.code) || '@bench.vn', 'Chuyên viên ' || a.name, s.password_hash, 'agency', a.id
     FROM agencies a, (SELECT password_hash FROM users WHERE email = $2) s WHERE a.id = ANY($1::uuid[]) RETURNING id, agency_id`,
    [agencyIds, `bientap-${tag}@bench.vn`],
  );

  const input = largePlanInput(Math.ceil(sections / 1.35))
    .version.sections.slice(0, sections)
    .map(({ heading, body }) => ({ heading, body }));
  const plan = await must(
    http(base, 'POST', '/api/plans', secretariatToken, {
      title: 'Đề án Phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025 (đo hiệu năng)',
      kind: 'Đề án',
      sections: input,
    }),
    201,
    'plan',
  );
  await must(http(base, 'POST', `/api/plans/${plan.id}/versions`, secretariatToken, { note: 'Dự thảo lần 1' }), 201, 'version');
  const version = await must(http(base, 'GET', `/api/plans/${plan.id}/versions/1`, secretariatToken), 200, 'version 1');
  const keys: string[] = version.sections.map((s: { key: string }) => s.key);
  const round = await must(
    http(base, 'POST', `/api/plans/${plan.id}/rounds`, secretariatToken, {
      title: 'Lấy ý kiến các sở, ngành, địa phương',
      versionNumber: 1,
      deadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      agencyIds,
    }),
    201,
    'round',
  );
  const texts = Array.from({ length: 97 }, (_, i) => commentText(i));
  const fill = async (roundId: string, n: number, decided: boolean): Promise<string[]> => {
    await db.query(
      `INSERT INTO responses (round_id, agency_id, no_comments, reference, submitted_by, submitted_at, late)
       SELECT $1, u.agency_id, false, (100 + row_number() OVER ()) || '/CV-BENCH', u.id, now() - interval '2 days', false FROM users u WHERE u.id = ANY($2::uuid[])`,
      [roundId, users.map((u) => u.id)],
    );
    const rows: { id: string }[] = await db.query(
      `INSERT INTO comments (round_id, agency_id, author_id, section_key, quote, body, status, response_id, submitted_at, created_at, updated_at, decision, reason, decided_by, decided_at)
       SELECT $1, r.agency_id, r.submitted_by,
              CASE WHEN i % 25 = 0 THEN NULL ELSE ($3::text[])[1 + (i * 7) % array_length($3::text[], 1)] END,
              NULL, ($4::text[])[1 + i % array_length($4::text[], 1)],
              'submitted', r.id, r.submitted_at, r.submitted_at - interval '1 day' + (i || ' seconds')::interval, r.submitted_at,
              CASE WHEN $6 THEN (ARRAY['accepted','partially_accepted','explained','not_accepted'])[1 + i % 4] END,
              CASE WHEN $6 AND i % 4 <> 0 THEN 'Cơ quan chủ trì đã nghiên cứu; nội dung này đã được quy định tại Nghị quyết số 12/NQ-HĐND.' END,
              CASE WHEN $6 THEN r.submitted_by END, CASE WHEN $6 THEN now() END
       FROM generate_series(1, $2::int) i
       JOIN LATERAL (SELECT * FROM responses WHERE round_id = $1 ORDER BY agency_id OFFSET i % $5 LIMIT 1) r ON true
       RETURNING id`,
      [roundId, n, keys, texts, agencies, decided],
    );
    return rows.map((r) => r.id);
  };
  // The other rounds first, closed and decided, as earlier rounds of the same plan would be.
  const [{ opened_by }] = await db.query('SELECT opened_by FROM rounds WHERE id = $1', [round.id]);
  for (let i = 0; i < otherRounds; i++) {
    const [{ id }] = await db.query(
      `INSERT INTO rounds (plan_id, title, version_number, deadline, status, opened_by, opened_at, closed_by, closed_at)
       VALUES ($1, $2, 1, now() - interval '30 days', 'closed', $3, now() - interval '60 days', $3, now() - interval '29 days') RETURNING id`,
      [plan.id, `Đợt lấy ý kiến trước số ${i + 1}`, opened_by],
    );
    await db.query('INSERT INTO round_agencies (round_id, agency_id) SELECT $1, unnest($2::uuid[])', [id, agencyIds]);
    await fill(id, commentsPerOtherRound, true);
  }
  const commentIds = await fill(round.id, comments, false);
  await must(http(base, 'POST', `/api/rounds/${round.id}/close`, secretariatToken), 200, 'close');
  await db.query('ANALYZE');
  return { planId: plan.id, roundId: round.id, keys, agencyIds, commentIds, secretariatToken, leaderToken };
}
