import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import type { Actor } from '../common/auth/actor';
import { invalid } from '../common/errors/domain-error';
import { List, Page } from '../common/pagination/list-query.dto';
import { UnitOfWork } from '../database/unit-of-work';
import { PlanSizeProblem, planSizeProblem } from './domain/plan-limits';
import { assignKeys, KeyProblem, Section, SectionInput } from './domain/sections';
import { CreatePlanDto } from './dto/create-plan.dto';
import { PlanAccess } from './plan-access';
import { PlanVersion } from './plan-version.entity';
import { PlanList, PlanSummaryView, PlanView, VersionSummaryView } from './plan.views';
import { Plan } from './plan.entity';
import { vnNumberText } from '../common/vn-number';

export const newSectionKey = () => `s-${randomBytes(5).toString('hex')}`;

/**
 * The sections a plan is to hold, keys given to new ones; or a 400 naming each bad key, or the size
 * limit. Every path that writes a plan's sections (create, PUT draft, a page that adds or edits one
 * section) comes through here, so none can grow a plan past PLAN_LIMITS.totalChars.
 */
export function keyedSections(input: SectionInput[], known: ReadonlySet<string>): Section[] {
  const size = planSizeProblem(input);
  if (size) throw invalid(planTooLarge(size));
  const { sections, problems } = assignKeys(input, known, newSectionKey);
  if (problems.length) throw invalid(problems.map(keyProblemText));
  return sections;
}

function planTooLarge({ chars, max }: PlanSizeProblem) {
  return {
    vi: `sections: kế hoạch có tối đa ${vnNumberText(max)} ký tự (tiêu đề và nội dung của mọi mục); bản này có ${vnNumberText(chars)} ký tự`,
    en: `sections: a plan may hold at most ${vnNumberText(max, 'en')} characters (headings and bodies of all sections); this one has ${vnNumberText(chars, 'en')}`,
  };
}

function keyProblemText(p: KeyProblem) {
  return p.kind === 'duplicate'
    ? { vi: `sections[${p.index}].key: khóa "${p.key}" bị lặp`, en: `sections[${p.index}].key: "${p.key}" appears twice` }
    : {
        vi: `sections[${p.index}].key: kế hoạch không có mục với khóa "${p.key}"; mục mới thì bỏ trống key`,
        en: `sections[${p.index}].key: the plan has no section "${p.key}"; leave key out for a new section`,
      };
}

@Injectable()
export class PlansService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: PlanAccess,
    private readonly agencies: AgenciesService,
  ) {}

  async create(actor: Actor, dto: CreatePlanDto): Promise<PlanView> {
    if (dto.ownerAgencyId) await this.agencies.assertExist([dto.ownerAgencyId], 'ownerAgencyId');
    const sections = keyedSections(dto.sections, new Set());
    return this.uow.run(actor, async (tx) => {
      const plan = await tx.em.getRepository(Plan).save({
        title: dto.title,
        kind: dto.kind ?? null,
        ownerAgencyId: dto.ownerAgencyId ?? null,
        status: 'drafting',
        draft: sections,
        draftRevision: 1,
        latestVersion: 0,
        approvedVersion: null,
        createdBy: actor.id,
        createdAt: tx.now,
        updatedAt: tx.now,
      });
      tx.audit('plan.created', 'plan', plan.id, { title: plan.title, kind: plan.kind, ownerAgencyId: plan.ownerAgencyId, sections: sections.length });
      return { ...PlanSummaryView.of(plan), versions: [] };
    });
  }

  async list(actor: Actor, page: Page): Promise<PlanList> {
    const visible = this.access.visibleCondition(actor, 'p', 'agencyId');
    const [rows, total] = await this.db
      .getRepository(Plan)
      .createQueryBuilder('p')
      .select(['p.id', 'p.title', 'p.kind', 'p.status', 'p.ownerAgencyId', 'p.latestVersion', 'p.approvedVersion', 'p.createdAt', 'p.updatedAt'])
      .where(visible.sql, visible.params)
      .orderBy('p.updatedAt', 'DESC')
      .addOrderBy('p.id')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items: rows.map(PlanSummaryView.of), total } satisfies List<PlanSummaryView>;
  }

  async get(actor: Actor, planId: string): Promise<PlanView> {
    const plan = await this.access.readable(actor, planId);
    const versions = await this.db.getRepository(PlanVersion).find({
      where: { planId },
      select: { number: true, note: true, contentHash: true, createdAt: true },
      order: { number: 'ASC' },
    });
    return { ...PlanSummaryView.of(plan), versions: versions.map(VersionSummaryView.of) };
  }
}
