import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { conflict, notFound } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { contentHash } from './domain/content-hash';
import { diffSections } from './domain/section-diff';
import { PlanAccess } from './plan-access';
import { assertMove } from './plan-moves';
import { setPlanStatus } from './plan-status';
import { PlanVersion } from './plan-version.entity';
import { DiffView, FrozenVersionView, VersionSummaryView, VersionView } from './plan.views';

export const versionNotFound = (n: number) => notFound({ vi: `dự thảo lần ${n}`, en: `version ${n}` });

@Injectable()
export class VersionsService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccess,
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
          throw conflict({
            vi: `Bản đang soạn chưa có thay đổi nào so với dự thảo lần ${plan.latestVersion}; không cần chốt dự thảo mới.`,
            en: `The working draft is the same as version ${plan.latestVersion}; there is nothing new to freeze.`,
          });
        }
      }
      const number = plan.latestVersion + 1;
      await tx.em.getRepository(PlanVersion).insert({ planId, number, note, sections: plan.draft, contentHash: hash, createdBy: actor.id, createdAt: tx.now });
      await tx.query('UPDATE plans SET latest_version = $2, updated_at = $3 WHERE id = $1', [planId, number, tx.now]);
      tx.audit('version.frozen', 'plan', planId, { number, note, contentHash: hash, sections: plan.draft.length });
      await setPlanStatus(tx, plan, to, 'version.frozen', { number });
      return { number, contentHash: hash };
    });
  }

  async get(actor: Actor, planId: string, number: number): Promise<VersionView> {
    await this.access.readable(actor, planId);
    const version = await this.find(this.db.manager, planId, number);
    return { ...VersionSummaryView.of(version), sections: version.sections };
  }

  async diff(actor: Actor, planId: string, to: number, from: number): Promise<DiffView> {
    await this.access.readable(actor, planId);
    const [older, newer] = await Promise.all([this.find(this.db.manager, planId, from), this.find(this.db.manager, planId, to)]);
    return { from, to, sections: diffSections(older.sections, newer.sections) };
  }

  async find(em: EntityManager, planId: string, number: number): Promise<PlanVersion> {
    const version = await em.getRepository(PlanVersion).findOneBy({ planId, number });
    if (!version) throw versionNotFound(number);
    return version;
  }
}
