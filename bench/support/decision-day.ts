import type { BenchApp } from './bench-app';
import { BENCH_PASSWORD, http, must, until } from './bench-app';

/**
 * A day of decisions on one agency's comments, as the secretariat works through the consolidation
 * board: `decisions` decisions in `sittings` sittings, one every `gapS` seconds within a sitting,
 * sittings `breakS` apart. Time runs `scale` times faster than the day (the app's
 * NOTIFY_DIGEST_SECONDS is the real window divided by `scale`), so a day takes a minute or two.
 * Returns how many e-mails and in-app notices of decisions reached the agency's people.
 */
export interface DecisionDay {
  decisions: number;
  sittings: number;
  gapS: number;
  breakS: number;
  scale: number;
}

export interface DecisionDayResult {
  people: number;
  /** E-mails received by the agency's people, all together and per person. */
  emails: number;
  emailsPerPerson: number;
  notices: number;
  /** How long the day took, in real seconds (a day's pace is kept unless the app falls behind it). */
  wallS: number;
}

export async function decisionDay(
  bench: BenchApp,
  secretary: string,
  agencyId: string,
  received: (addresses: string[]) => number,
  day: DecisionDay,
): Promise<DecisionDayResult> {
  const { base, db, login } = bench;
  const people: { id: string; email: string }[] = await db.query(`SELECT id, email FROM users WHERE agency_id = $1 AND active ORDER BY email`, [agencyId]);
  const agent = await login(people[0].email, BENCH_PASSWORD);
  const plan = await must(
    http(base, 'POST', '/api/plans', secretary, { title: 'Đề án một ngày quyết định', kind: 'Đề án', sections: [{ heading: 'Phần I', body: 'Nội dung.' }] }),
    201,
    'plan',
  );
  await must(http(base, 'POST', `/api/plans/${plan.id}/versions`, secretary, { note: 'Dự thảo lần 1' }), 201, 'version');
  const round = await must(
    http(base, 'POST', `/api/plans/${plan.id}/rounds`, secretary, {
      title: 'Lấy ý kiến',
      versionNumber: 1,
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      agencyIds: [agencyId],
    }),
    201,
    'round',
  );
  const comments: string[] = [];
  for (let i = 0; i < day.decisions; i++) {
    comments.push(
      (await must(http(base, 'POST', `/api/rounds/${round.id}/comments`, agent, { body: `Ý kiến số ${i + 1} về mục tiêu của Đề án.` }), 201, 'comment')).id,
    );
  }
  await must(http(base, 'POST', `/api/rounds/${round.id}/responses`, agent, { reference: '01/BENCH' }), 201, 'response');
  await must(http(base, 'POST', `/api/rounds/${round.id}/close`, secretary), 200, 'close');
  const quiet = async () => {
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM outbox_events WHERE relayed_at IS NULL)::int AS unrelayed, (SELECT count(*) FROM emails WHERE status = 'pending')::int AS pending,
              (SELECT count(*) FROM digests WHERE flushed_at IS NULL)::int AS open`,
    );
    return row.unrelayed + row.pending + row.open === 0;
  };
  await until(quiet, 60_000, 'the round to settle');
  const addresses = people.map((p) => p.email);
  const mails0 = received(addresses);
  const [{ n: notices0 }] = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = ANY($1::uuid[])`, [people.map((p) => p.id)]);

  const decisions = ['accepted', 'accepted', 'partially_accepted', 'explained', 'not_accepted'];
  const perSitting = Math.ceil(day.decisions / day.sittings);
  const t0 = Date.now();
  for (const [i, id] of comments.entries()) {
    const sitting = Math.floor(i / perSitting);
    const at = ((sitting * (perSitting * day.gapS + day.breakS) + (i % perSitting) * day.gapS) * 1000) / day.scale;
    const wait = t0 + at - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const decision = decisions[i % decisions.length];
    await must(
      http(base, 'PUT', `/api/comments/${id}/disposition`, secretary, {
        decision,
        reason: decision === 'accepted' ? undefined : 'Theo ý kiến của tổ biên tập.',
      }),
      200,
      'decision',
    );
  }
  await until(quiet, 120_000, 'the digests of the day to go out', 100);
  const wallS = (Date.now() - t0) / 1000;
  const emails = received(addresses) - mails0;
  const [{ n: notices1 }] = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = ANY($1::uuid[])`, [people.map((p) => p.id)]);
  return { people: people.length, emails, emailsPerPerson: emails / people.length, notices: notices1 - notices0, wallS };
}
