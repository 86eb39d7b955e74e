import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditEntityType } from './domain/audit-entry';

export interface LastChange {
  byName: string | null;
  at: string;
}

/** Who last did something to an entity, from the audit log (e.g. who saved the draft in between). */
@Injectable()
export class LastChanges {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(entityType: AuditEntityType, entityId: string, action: string): Promise<LastChange | null> {
    const [row]: { full_name: string | null; at: Date }[] = await this.db.query(
      `SELECT u.full_name, a.at FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
       WHERE a.entity_type = $1 AND a.entity_id = $2 AND a.action = $3 ORDER BY a.id DESC LIMIT 1`,
      [entityType, entityId, action],
    );
    return row ? { byName: row.full_name, at: row.at.toISOString() } : null;
  }
}
