import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { invalid, notFound } from '../common/errors/domain-error';
import { Page } from '../common/pagination/list-query.dto';
import { withStoredNodes } from './audit-nodes';
import { CHECKPOINT_COLUMNS, checkpointOf, CheckpointRow, ENTRY_COLUMNS, entryOf, EntryRow } from './audit-rows';
import { CheckpointList, CheckpointView, ConsistencyProofView, InclusionProofView, SealedEntryView } from './audit.views';
import { Checkpoint } from './domain/audit-entry';
import { consistencyProof, inclusionProof } from './domain/merkle-tree';

const hex = (b: Buffer) => b.toString('hex');

/** What an outsider needs to check the log: the signed checkpoints, the entries, the proofs (RFC 9162). */
@Injectable()
export class AuditProofs {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async latest(): Promise<CheckpointView> {
    const [row] = (await this.db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1`)) as CheckpointRow[];
    if (!row) throw notFound({ vi: 'điểm kiểm tra nào của nhật ký (chưa có mục nào được niêm phong)', en: 'an audit checkpoint (nothing sealed yet)' });
    return checkpointOf(row);
  }

  /** The latest checkpoint, or null before the first seal (what a document prints). */
  async latestOrNull(): Promise<Checkpoint | null> {
    const [row] = (await this.db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1`)) as CheckpointRow[];
    return row ? checkpointOf(row) : null;
  }

  async checkpoints(page: Page): Promise<CheckpointList> {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY tree_size DESC LIMIT $1 OFFSET $2`, [page.limit, page.offset]) as Promise<
        CheckpointRow[]
      >,
      this.db.query(`SELECT count(*)::int AS total FROM audit_checkpoints`) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map(checkpointOf), total };
  }

  async entry(index: number): Promise<SealedEntryView> {
    const [row] = (await this.db.query(
      `SELECT a.${ENTRY_COLUMNS.split(', ').join(', a.')}, n.hash AS leaf FROM audit_log a JOIN audit_nodes n ON n.level = 0 AND n.idx = a.seq WHERE a.seq = $1`,
      [index],
    )) as (EntryRow & { leaf: Buffer })[];
    if (!row) throw notFound({ vi: `mục ${index} trong nhật ký đã niêm phong`, en: `sealed audit entry ${index}` });
    return { ...entryOf(row), leafHash: hex(row.leaf) };
  }

  /** The inclusion proof of entry `index` in the tree of `size` (default: the latest checkpoint's). */
  inclusion(index: number, size?: number): Promise<InclusionProofView> {
    return this.db.transaction('REPEATABLE READ', async (em) => {
      const treeSize = await this.checkSize(em, size ?? (await this.treeSize(em)), 'size');
      if (index >= treeSize)
        throw invalid({
          vi: `Mục ${index} không nằm trong cây có ${treeSize} mục (vị trí tính từ 0).`,
          en: `Entry ${index} is not in a tree of ${treeSize} entries (indexes start at 0).`,
        });
      const [leaf] = await em.query(`SELECT hash FROM audit_nodes WHERE level = 0 AND idx = $1`, [index]);
      const path = await withStoredNodes(em, (read) => inclusionProof(index, treeSize, read));
      return { index, treeSize, leafHash: hex(leaf.hash), path: path.map(hex) };
    });
  }

  consistency(from: number, to: number): Promise<ConsistencyProofView> {
    return this.db.transaction('REPEATABLE READ', async (em) => {
      await this.checkSize(em, to, 'to');
      if (from > to) throw invalid({ vi: `"from" (${from}) không được lớn hơn "to" (${to}).`, en: `"from" (${from}) must not exceed "to" (${to}).` });
      const path = await withStoredNodes(em, (read) => consistencyProof(from, to, read));
      return { from, to, path: path.map(hex) };
    });
  }

  private async treeSize(em: EntityManager): Promise<number> {
    const [row] = await em.query(`SELECT tree_size FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1`);
    return Number(row?.tree_size ?? 0);
  }

  private async checkSize(em: EntityManager, size: number, field: string): Promise<number> {
    const current = await this.treeSize(em);
    if (size > current)
      throw invalid(
        {
          vi: `"${field}" (${size}) vượt quá kích thước cây hiện tại (${current} mục).`,
          en: `"${field}" (${size}) is past the current tree size (${current}).`,
        },
        { field },
      );
    return size;
  }
}
