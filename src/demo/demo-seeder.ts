import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { ConferencesService } from '../conferences/conferences.service';
import { OpinionsService } from '../conferences/opinions.service';
import { CommentsService } from '../consultation/comments.service';
import { DispositionsService } from '../consultation/dispositions.service';
import { ResponsesService } from '../consultation/responses.service';
import { RoundsService } from '../consultation/rounds.service';
import { DraftService } from '../plans/draft.service';
import { PlansService } from '../plans/plans.service';
import { VersionsService } from '../plans/versions.service';
import { UsersService } from '../users/users.service';
import {
  DEMO_AGENCIES,
  DEMO_CARRIED_OPINIONS,
  DEMO_COMMENTS,
  DEMO_CONFERENCE,
  DEMO_DISPOSITIONS,
  DEMO_PASSWORD,
  DEMO_PLAN_TITLE,
  DEMO_SECTIONS,
  DEMO_USERS,
  DemoAgencyCode,
} from './demo-data';
import {
  DEMO_FOLLOW_UP_COMMENTS,
  DEMO_FOLLOW_UP_INVITED,
  DEMO_FOLLOW_UP_REFERENCES,
  DEMO_FOLLOW_UP_TITLE,
  DEMO_FOLLOW_UP_V1,
  DEMO_FOLLOW_UP_V2,
} from './demo-follow-up';

const DAY = 86_400_000;

/**
 * Loads the seed conference through the same services as the API (so it is validated and
 * audited like any other work). Only into a database with no plans; a second run does nothing.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    private readonly plans: PlansService,
    private readonly drafts: DraftService,
    private readonly versions: VersionsService,
    private readonly rounds: RoundsService,
    private readonly comments: CommentsService,
    private readonly responses: ResponsesService,
    private readonly dispositions: DispositionsService,
    private readonly conferences: ConferencesService,
    private readonly opinions: OpinionsService,
  ) {}

  /** Returns false when nothing was loaded (already there, or other plans exist). */
  async seed(): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      // Several processes started with SEED_DEMO=true: one seeds, the others find it done.
      await runner.query(`SELECT pg_advisory_lock(hashtext('duthao:demo-seed'))`);
      const plans: { title: string }[] = await runner.query('SELECT title FROM plans');
      if (plans.some((p) => p.title === DEMO_PLAN_TITLE)) {
        this.logger.log('Demo data is already loaded');
        return false;
      }
      if (plans.length > 0) {
        this.logger.warn(`Not loading demo data: the database already holds ${plans.length} other plan(s)`);
        return false;
      }
      await this.load();
      this.logger.log(`Demo data loaded; every demo account's password is "${DEMO_PASSWORD}"`);
      return true;
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('duthao:demo-seed'))`).catch(() => undefined);
      await runner.release();
    }
  }

  private async load(): Promise<void> {
    const agencyIds = await this.ensureAgencies();
    const actors = await this.ensureUsers(agencyIds);
    const secretariat = actors.get('bientap@skhdt.quangninh.gov.vn')!;
    const agencyActor = (code: DemoAgencyCode) => [...actors.values()].find((a) => a.role === 'agency' && a.agencyId === agencyIds.get(code))!;

    const plan = await this.plans.create(secretariat, {
      title: DEMO_PLAN_TITLE,
      kind: 'Đề án',
      ownerAgencyId: agencyIds.get('SKHDT'),
      sections: DEMO_SECTIONS,
    });
    await this.versions.freeze(secretariat, plan.id, 'Dự thảo lần 1 gửi lấy ý kiến các sở, ngành, địa phương');
    const { sections } = await this.versions.get(secretariat, plan.id, 1);
    const invited: DemoAgencyCode[] = ['LMHTX', 'SNNPTNT', 'STC', 'SCT', 'SLDTBXH', 'NHNN', 'UBND-DAMHA'];
    const round = await this.rounds.open(secretariat, plan.id, {
      title: 'Lấy ý kiến các sở, ngành, địa phương về dự thảo Đề án lần 1',
      versionNumber: 1,
      deadline: new Date(this.clock.now().getTime() + 10 * DAY).toISOString(),
      agencyIds: invited.map((code) => agencyIds.get(code)!),
    });

    const commentIds: string[] = [];
    for (const c of DEMO_COMMENTS) {
      const comment = await this.comments.create(agencyActor(c.agency), round.id, {
        sectionKey: c.section === null ? null : sections[c.section].key,
        quote: c.quote,
        body: c.body,
      });
      commentIds.push(comment.id);
    }
    const references: Partial<Record<DemoAgencyCode, string>> = {
      LMHTX: '215/LMHTX-KHTH',
      SNNPTNT: '1876/SNNPTNT-PTNT',
      STC: '2043/STC-QLNS',
      SCT: '1120/SCT-QLTM',
    };
    for (const code of ['LMHTX', 'SNNPTNT', 'STC'] as const) {
      await this.responses.submit(agencyActor(code), round.id, { reference: references[code] });
    }
    await this.responses.submit(agencyActor('SCT'), round.id, { noComments: true, reference: references.SCT });
    for (const d of DEMO_DISPOSITIONS) {
      await this.dispositions.record(secretariat, commentIds[d.comment], { decision: d.decision, reason: d.reason });
    }
    await this.loadConference(secretariat, plan.id, round.id, agencyIds);
    await this.loadFollowUp(secretariat, agencyIds.get('SKHDT')!, agencyActor);
  }

  /** The 2023 plan: draft 1 commented on and decided, draft 2 taking the comments in, out for comment again. */
  private async loadFollowUp(secretariat: Actor, ownerAgencyId: string, agencyActor: (code: DemoAgencyCode) => Actor): Promise<void> {
    const deadline = () => new Date(this.clock.now().getTime() + 10 * DAY).toISOString();
    const plan = await this.plans.create(secretariat, { title: DEMO_FOLLOW_UP_TITLE, kind: 'Kế hoạch', ownerAgencyId, sections: DEMO_FOLLOW_UP_V1 });
    await this.versions.freeze(secretariat, plan.id, 'Dự thảo lần 1 gửi lấy ý kiến');
    const agencyIds = (codes: DemoAgencyCode[]) => codes.map((code) => agencyActor(code).agencyId!);
    const first = await this.rounds.open(secretariat, plan.id, {
      title: 'Lấy ý kiến về dự thảo Kế hoạch năm 2023 lần 1',
      versionNumber: 1,
      deadline: deadline(),
      agencyIds: agencyIds(DEMO_FOLLOW_UP_INVITED),
    });
    const draft = await this.drafts.get(secretariat, plan.id);
    const commentIds: string[] = [];
    for (const c of DEMO_FOLLOW_UP_COMMENTS) {
      const sectionKey = c.section === null ? null : draft.sections[c.section].key;
      commentIds.push((await this.comments.create(agencyActor(c.agency), first.id, { sectionKey, quote: c.quote, body: c.body })).id);
    }
    for (const code of DEMO_FOLLOW_UP_INVITED) {
      await this.responses.submit(agencyActor(code), first.id, { reference: DEMO_FOLLOW_UP_REFERENCES[code] });
    }
    await this.rounds.close(secretariat, first.id);
    const sections = DEMO_FOLLOW_UP_V2.map((s) => ({ ...(s.from === null ? {} : { key: draft.sections[s.from].key }), heading: s.heading, body: s.body }));
    await this.drafts.put(secretariat, plan.id, `"draft-${draft.revision}"`, { sections });
    await this.versions.freeze(secretariat, plan.id, 'Dự thảo lần 2 tiếp thu ý kiến các sở, ngành');
    for (const [i, c] of DEMO_FOLLOW_UP_COMMENTS.entries()) {
      await this.dispositions.record(secretariat, commentIds[i], { decision: c.decision, reason: c.reason, ...(c.addressed ? { addressedInVersion: 2 } : {}) });
    }
    await this.rounds.open(secretariat, plan.id, {
      title: 'Lấy ý kiến về dự thảo Kế hoạch năm 2023 lần 2',
      versionNumber: 2,
      deadline: deadline(),
      agencyIds: agencyIds([...DEMO_FOLLOW_UP_INVITED, 'SCT']),
    });
  }

  /**
   * The conference of 8 June 2022: minutes written and finalised (their directives become tasks of
   * the assignee agencies), then some opinions carried into the open round as comments.
   */
  private async loadConference(secretariat: Actor, planId: string, roundId: string, agencyIds: Map<DemoAgencyCode, string>): Promise<void> {
    const id = (code: DemoAgencyCode | null) => (code === null ? null : agencyIds.get(code)!);
    const c = DEMO_CONFERENCE;
    const conference = await this.conferences.create(secretariat, planId, {
      title: c.title,
      heldAt: c.heldAt,
      location: c.location,
      chair: c.chair,
      secretary: c.secretary,
      attendees: c.attendees.map((a) => ({ name: a.name, position: a.position, agencyId: id(a.agency) })),
    });
    await this.conferences.putMinutes(secretariat, conference.id, {
      summary: c.summary,
      opinions: c.opinions.map((o) => ({ speaker: o.speaker, agencyId: id(o.agency), content: o.content })),
      conclusions: c.conclusions,
      directives: c.directives.map((d) => ({ agencyId: id(d.agency)!, task: d.task, dueDate: d.dueDate, target: d.target })),
      endedAt: c.endedAt,
    });
    await this.conferences.finalize(secretariat, conference.id);
    for (const carried of DEMO_CARRIED_OPINIONS) {
      const comment = await this.opinions.carry(secretariat, conference.id, carried.no, roundId);
      if (carried.decision) await this.dispositions.record(secretariat, comment.id, { decision: carried.decision, reason: carried.reason ?? null });
    }
  }

  private async ensureAgencies(): Promise<Map<DemoAgencyCode, string>> {
    const ids = new Map<DemoAgencyCode, string>();
    for (const a of DEMO_AGENCIES) {
      const [existing] = await this.db.query('SELECT id FROM agencies WHERE lower(code) = lower($1)', [a.code]);
      ids.set(a.code, existing?.id ?? (await this.agencies.create(null, { code: a.code, name: a.name })).id);
    }
    return ids;
  }

  private async ensureUsers(agencyIds: Map<DemoAgencyCode, string>): Promise<Map<string, Actor>> {
    const actors = new Map<string, Actor>();
    for (const u of DEMO_USERS) {
      const agencyId = u.agency ? agencyIds.get(u.agency)! : null;
      const [existing] = await this.db.query('SELECT id, role, agency_id, email, full_name FROM users WHERE lower(email) = lower($1)', [u.email]);
      const user = existing
        ? { id: existing.id, role: existing.role, agencyId: existing.agency_id, email: existing.email, fullName: existing.full_name }
        : await this.users.create(null, { email: u.email, fullName: u.fullName, password: DEMO_PASSWORD, role: u.role, agencyId });
      actors.set(u.email, { id: user.id, role: user.role, agencyId: user.agencyId, email: user.email, fullName: user.fullName });
    }
    return actors;
  }
}
