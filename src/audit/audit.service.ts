import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page } from '../common/pagination/list-query.dto';
import { CHECKPOINT_COLUMNS, checkpointOf, CheckpointRow, ENTRY_COLUMNS, entryOf, EntryRow } from './audit-rows';
import { AuditList, AuditVerifyView } from './audit.views';
import { CheckpointKey } from './checkpoint-key';
import { AuditEntityType, LogVerifier } from './domain/audit-entry';

const BATCH = 2000;

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly key: CheckpointKey,
  ) {}

  /** Newest first; entries not yet sealed are listed too, with seq null. */
  async list(page: Page, filter: { entityType?: AuditEntityType; entityId?: string }): Promise<AuditList> {
    const params: unknown[] = [filter.entityType ?? null, filter.entityId ?? null];
    const where = `($1::text IS NULL OR entity_type = $1) AND ($2::uuid IS NULL OR entity_id = $2)`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE ${where} ORDER BY seq DESC NULLS FIRST, id DESC LIMIT $3 OFFSET $4`, [
        ...params,
        page.limit,
        page.offset,
      ]) as Promise<EntryRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM audit_log WHERE ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return {
      items: rows.map((r) => {
        const { index, ...entry } = entryOf(r);
        return { seq: r.seq === null ? null : index, ...entry };
      }),
      total,
    };
  }

  /**
   * In one snapshot: recomputes every sealed entry's leaf and the tree, checks the stored leaves and
   * inner nodes (the proofs are built from them) and every stored checkpoint, signature included,
   * against this installation's key.
   */
  async verify(): Promise<AuditVerifyView> {
    return this.db.transaction('REPEATABLE READ', async (em) => {
      const checkpoints = ((await em.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints`)) as CheckpointRow[]).map(checkpointOf);
      const verifier = new LogVerifier(checkpoints, this.key.publicKeyPem);
      let after = -1;
      let nodesWrong: number | null = null;
      for (;;) {
        const rows: (EntryRow & { leaf: Buffer | null })[] = await em.query(
          `SELECT a.${ENTRY_COLUMNS.split(', ').join(', a.')}, n.hash AS leaf FROM audit_log a LEFT JOIN audit_nodes n ON n.level = 0 AND n.idx = a.seq
           WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`,
          [after, BATCH],
        );
        if (!rows.length) break;
        const made = verifier.feed(rows.map((r) => ({ ...entryOf(r), leafHash: r.leaf?.toString('hex') ?? '' })));
        const inner = made.filter((n) => n.level > 0);
        const stored: { level: number; idx: string; hash: Buffer }[] = await em.query(
          `SELECT k.level, k.idx, n.hash FROM unnest($1::smallint[], $2::bigint[]) WITH ORDINALITY AS k(level, idx, o) LEFT JOIN audit_nodes n USING (level, idx) ORDER BY k.o`,
          [inner.map((n) => n.level), inner.map((n) => n.index)],
        );
        const wrong = stored.findIndex((s, i) => !s.hash || !s.hash.equals(inner[i].hash));
        if (wrong >= 0 && nodesWrong === null) nodesWrong = inner[wrong].index * 2 ** inner[wrong].level;
        after = Number(rows[rows.length - 1].seq);
      }
      const result = verifier.finish();
      if (result.ok && nodesWrong !== null)
        return { ...result, ok: false, brokenAt: nodesWrong, reason: `the stored tree is not the one the entries give (from entry ${nodesWrong})` };
      return result;
    });
  }
}
