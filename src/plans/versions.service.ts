import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { conflict, notFound } from '../common/errors/domain-error';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { contentHash } from './domain/content-hash';
import type { Section } from './domain/sections';
import { VersionDiffs } from './diff/version-diffs';
import { PlanAccess, planNotFound } from './plan-access';
import { assertMove } from './plan-moves';
import { setPlanStatus } from './plan-status';
import { PlanVersion } from './plan-version.entity';
import { DiffView, FrozenVersionView, VersionSummaryView, VersionView } from './plan.views';

export const versionNotFound = (n: number) => notFound({ vi: `dự thảo lần ${n}`, en: `version ${n}` });

/** At most this many versions, and this many characters of section text, are kept in memory. */
const FROZEN_CACHE_ENTRIES = 32;
const FROZEN_CACHE_CHARS = 8_000_000;

/** Work another module does in the freeze's transaction, once the new version's row is written. */
export type FrozenHook = (tx: Tx, planId: string, number: number) => Promise<void>;

@Injectable()
export class VersionsService {
  private readonly frozen = new Map<string, { sections: readonly Section[]; chars: number }>();
  private frozenChars = 0;
  private readonly frozenHooks: FrozenHook[] = [];

  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccess,
    private readonly diffs: VersionDiffs,
  ) {}

  /** Freezes the working draft into the next numbered version. */
  async freeze(actor: Actor, planId: string, note: string): Promise<FrozenVersionView> {
    return this.uow.run(actor, async (tx) => {
      const plan = await this.access.lock(tx.em, planId);
      const to = assertMove(plan.status, 'freeze_version');
      const hash = contentHash(plan.draft);
      if (plan.latestVersion > 0) {
        const latest = await tx.em.getRepository(PlanVersion).findOneByOrFail({ planId, number: plan.latestVersion });
        if (latest.contentHash === hash) {
          throw conflict('nothing_to_freeze', {
            vi: `Bản đang soạn chưa có thay đổi nào so với dự thảo lần ${plan.latestVersion}; không cần chốt dự thảo mới.`,
            en: `The working draft is the same as version ${plan.latestVersion}; there is nothing new to freeze.`,
          });
        }
      }
      const number = plan.latestVersion + 1;
      await tx.em.getRepository(PlanVersion).insert({ planId, number, note, sections: plan.draft, contentHash: hash, createdBy: actor.id, createdAt: tx.now });
      await tx.query('UPDATE plans SET latest_version = $2, updated_at = $3 WHERE id = $1', [planId, number, tx.now]);
      await this.diffs.storeAtFreeze(tx, planId, number, plan.draft);
      for (const hook of this.frozenHooks) await hook(tx, planId, number);
      tx.audit('version.frozen', 'plan', planId, { number, note, contentHash: hash, sections: plan.draft.length });
      await setPlanStatus(tx, plan, to, 'version.frozen', { number });
      return { number, contentHash: hash };
    });
  }

  /** Runs `hook` in every freeze's transaction (comments placed on the new version, say): a module that depends on plans hooks in here. */
  onFrozen(hook: FrozenHook): void {
    this.frozenHooks.push(hook);
  }

  async get(actor: Actor, planId: string, number: number): Promise<VersionView> {
    await this.readable(actor, planId);
    const version = await this.find(this.db.manager, planId, number);
    return { ...VersionSummaryView.of(version), sections: version.sections };
  }

  /**
   * The version as JSON text, its sections as PostgreSQL writes them: GET of a version as large as
   * a plan may be (5,000,000 characters) costs the HTTP thread no parsing and no writing of JSON.
   */
  async getJson(actor: Actor, planId: string, number: number): Promise<string> {
    await this.readable(actor, planId);
    const [version] = await this.db.query<{ number: number; note: string; contentHash: string; createdAt: Date; sections: string }[]>(
      'SELECT number, note, content_hash AS "contentHash", created_at AS "createdAt", sections::text AS sections FROM plan_versions WHERE plan_id = $1 AND number = $2',
      [planId, number],
    );
    if (!version) throw versionNotFound(number);
    return `${JSON.stringify(VersionSummaryView.of(version)).slice(0, -1)},"sections":${version.sections}}`;
  }

  /** For pages and documents; the API sends diffJson as it is. */
  async diff(actor: Actor, planId: string, to: number, from: number): Promise<DiffView> {
    return JSON.parse(await this.diffJson(actor, planId, to, from)) as DiffView;
  }

  /** The diff as JSON text: stored, or computed in a worker thread and stored (see VersionDiffs). */
  async diffJson(actor: Actor, planId: string, to: number, from: number): Promise<string> {
    await this.readable(actor, planId);
    return this.diffs.json(planId, from, to);
  }

  /** As PlanAccess.readable, without reading the plan's working draft (up to the plan's whole text). */
  async readable(actor: Actor, planId: string): Promise<void> {
    const [plan] = await this.db.query('SELECT 1 FROM plans WHERE id = $1', [planId]);
    if (!plan || !(await this.access.mayRead(actor, planId))) throw planNotFound();
  }

  async find(em: EntityManager, planId: string, number: number): Promise<PlanVersion> {
    const version = await em.getRepository(PlanVersion).findOneBy({ planId, number });
    if (!version) throw versionNotFound(number);
    return version;
  }

  /**
   * The sections of a version frozen earlier (a round's version, say), from memory after the first
   * read: a version never changes once frozen (the database refuses UPDATE and DELETE on it), so a
   * copy read once stays true in every process. Every comment checks its section against the
   * round's version; this spares it a query and the parsing of the whole version. The array is
   * shared: read it, never change it. Only for versions committed before the caller's transaction.
   */
  async frozenSections(em: EntityManager, planId: string, number: number): Promise<readonly Section[]> {
    const key = `${planId}/${number}`;
    const hit = this.frozen.get(key);
    if (hit) {
      this.frozen.delete(key); // most recently used last
      this.frozen.set(key, hit);
      return hit.sections;
    }
    const { sections } = await this.find(em, planId, number);
    const chars = sections.reduce((n, s) => n + s.key.length + s.heading.length + s.body.length, 0);
    if (chars <= FROZEN_CACHE_CHARS / 4) {
      this.frozen.set(key, { sections, chars });
      this.frozenChars += chars;
      for (const [oldest, entry] of this.frozen) {
        if (this.frozen.size <= FROZEN_CACHE_ENTRIES && this.frozenChars <= FROZEN_CACHE_CHARS) break;
        this.frozen.delete(oldest);
        this.frozenChars -= entry.chars;
      }
    }
    return sections;
  }
}
