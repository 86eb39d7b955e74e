import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { conflict, invalid, notFound } from '../common/errors/domain-error';
import { List, Page } from '../common/pagination/list-query.dto';
import { UnitOfWork } from '../database/unit-of-work';
import { Agency } from './agency.entity';
import { AgencyView } from './agency.view';
import { CreateAgencyDto } from './dto/create-agency.dto';

const codeTaken = (code: string) => conflict('agency_code_taken', { vi: `Mã đơn vị "${code}" đã được dùng.`, en: `Agency code "${code}" is taken.` });

@Injectable()
export class AgenciesService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async create(actor: Actor | null, dto: CreateAgencyDto): Promise<AgencyView> {
    return this.uow
      .run(actor, async (tx) => {
        const taken = await tx.one('SELECT id FROM agencies WHERE lower(code) = lower($1)', [dto.code]);
        if (taken) throw codeTaken(dto.code);
        const agency = await tx.em.getRepository(Agency).save({ code: dto.code, name: dto.name, createdAt: tx.now });
        tx.audit('agency.created', 'agency', agency.id, { code: agency.code, name: agency.name });
        return AgencyView.of(agency);
      })
      .catch((err) => {
        // Two admins creating the same code at once: the unique index decides.
        if ((err as { code?: string }).code === '23505') throw codeTaken(dto.code);
        throw err;
      });
  }

  async list(page: Page): Promise<List<AgencyView>> {
    const [rows, total] = await this.db.getRepository(Agency).findAndCount({ order: { name: 'ASC', id: 'ASC' }, take: page.limit, skip: page.offset });
    return { items: rows.map(AgencyView.of), total };
  }

  async get(id: string): Promise<AgencyView> {
    const agency = await this.db.getRepository(Agency).findOneBy({ id });
    if (!agency) throw notFound({ vi: 'đơn vị', en: 'agency' });
    return AgencyView.of(agency);
  }

  /** Refuses ids that name no agency, listing them (a 400 about the caller's input). */
  async assertExist(ids: readonly string[], field: string): Promise<Agency[]> {
    const unique = [...new Set(ids)];
    const found = unique.length ? await this.db.getRepository(Agency).findBy({ id: In(unique) }) : [];
    const missing = unique.filter((id) => !found.some((a) => a.id === id));
    if (missing.length) {
      throw invalid({ vi: `${field}: không có đơn vị với mã định danh ${missing.join(', ')}`, en: `${field}: no agency with id ${missing.join(', ')}` });
    }
    return found;
  }
}
