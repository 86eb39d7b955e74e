import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { appendAudit, AuditRecord } from '../audit/audit-writer';
import type { AuditEntityType } from '../audit/domain/audit-entry';
import { appendOutbox, OutboxEvent } from './outbox-writer';
import { rowsOf } from './rows';

/** One transaction's work: its entity manager, who acts, when, and what it will record. */
export class Tx {
  readonly audits: AuditRecord[] = [];
  readonly events: OutboxEvent[] = [];

  constructor(
    readonly em: EntityManager,
    readonly actor: Actor | null,
    readonly now: Date,
  ) {}

  /** Writes a row of the audit log when the transaction commits (and only then). */
  audit(action: string, entityType: AuditEntityType, entityId: string | null, data: Record<string, unknown> = {}): void {
    this.audits.push({ action, entityType, entityId, data });
  }

  /** Records an event for the notification relay, in this same transaction (the outbox). */
  emit(event: OutboxEvent): void {
    this.events.push(event);
  }

  /** The rows a statement returns (for UPDATE/DELETE … RETURNING too, which TypeORM wraps as [rows, count]). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return rowsOf<T>(await this.em.query(sql, params));
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }
}

// Deadlock and serialization failure: the whole transaction is safe to run again.
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Every change goes through here: one transaction in which the change, its audit rows and its
 * outbox events are written together, or not at all.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async run<T>(actor: Actor | null, work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (em) => {
          const tx = new Tx(em, actor, this.clock.now());
          const result = await work(tx);
          await appendOutbox(em, tx.events, tx.now);
          await appendAudit(em, tx.audits, actor?.id ?? null, tx.now);
          return result;
        });
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw err;
        this.logger.warn(`Retrying a transaction after ${code} (attempt ${attempt})`);
      }
    }
  }
}
