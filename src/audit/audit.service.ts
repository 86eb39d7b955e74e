import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { Page } from '../common/pagination/list-query.dto';
import { AuditLogRow } from './audit-log.entity';
import { AuditList, AuditVerifyView } from './audit.views';
import { AuditEntityType, ChainVerifier } from './domain/audit-chain';

const BATCH = 1000;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Newest first. */
  async list(page: Page, filter: { entityType?: AuditEntityType; entityId?: string }): Promise<AuditList> {
    const where: FindOptionsWhere<AuditLogRow> = {};
    if (filter.entityType) where.entityType = filter.entityType;
    if (filter.entityId) where.entityId = filter.entityId;
    const [rows, total] = await this.db.getRepository(AuditLogRow).findAndCount({ where, order: { seq: 'DESC' }, take: page.limit, skip: page.offset });
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        actorId: r.actorId,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        data: r.data,
      })),
      total,
    };
  }

  /** Re-computes the whole chain in one snapshot, batch by batch. */
  async verify(): Promise<AuditVerifyView> {
    return this.db.transaction('REPEATABLE READ', async (em) => {
      const verifier = new ChainVerifier();
      let after = 0;
      for (;;) {
        const rows = await em.getRepository(AuditLogRow).createQueryBuilder('a').where('a.seq > :after', { after }).orderBy('a.seq').take(BATCH).getMany();
        if (rows.length === 0) break;
        verifier.feed(rows.map((r) => ({ ...r, at: r.at.toISOString() })));
        after = rows[rows.length - 1].seq;
      }
      const [head] = await em.query('SELECT last_seq, last_hash FROM audit_head WHERE id = 1');
      return verifier.finish({ lastSeq: Number(head?.last_seq ?? -1), lastHash: head?.last_hash ?? '' });
    });
  }
}
