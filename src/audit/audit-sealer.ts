import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { readNodes, writeNodes } from './audit-nodes';
import { CheckpointKey } from './checkpoint-key';
import { entryLeafHash } from './domain/audit-entry';
import { ENTRY_COLUMNS, entryOf, EntryRow } from './audit-rows';
import { NodeKey, TreeBuilder } from './domain/merkle-tree';
import { sealingHorizon } from './domain/xid-horizon';

/** pg_try_advisory_xact_lock key: "duthao audit sealer". One sealer at a time across all processes. */
export const SEALER_LOCK = 0x64_75_74_68_61_6f_5301n.toString();
const BATCH = 5000;

/**
 * Statement 1 of a batch: the snapshot's xmax and the ids of the transactions of THIS database that
 * hold one now. Statement 1b, after it: those of its prepared transactions. The horizon H is the
 * least of xmax and those ids (`sealingHorizon`); statement 2 (WAITING, a later snapshot: the batch
 * is READ COMMITTED) takes an entry as ready when `xid < H`.
 *
 * Every transaction T of this database with xid < H has ended before statement 2's snapshot, so
 * all it committed is visible to it and no entry of it can still come (PostgreSQL 15's source):
 * - T.xid < H ≤ xmax = latestCompletedXid + 1: T.xid ≤ an id that had completed when statement 1's
 *   snapshot was taken. Ids are handed out in order and a backend publishes its id in its PGPROC
 *   while it holds XidGenLock to take it, so T's id was published before that snapshot.
 * - The snapshot is taken before the statement runs, so the backends are read after it, by
 *   pg_stat_get_activity (pg_stat_activity's function without the view's joins: ~0.3 ms instead of
 *   ~0.9). datid and backend_xid are among the columns it shows every caller, whatever its role
 *   ("Values available to all callers", pgstatfuncs.c), backend_xid read from the PGPROC under
 *   SInvalWriteLock (sinvaladt.c). A backend's row goes only after its transaction has ended
 *   (ShutdownPostgres is a before_shmem_exit callback, the status hook an on_shmem_exit one).
 * - So if T still ran then, its backend_xid was read (H ≤ T.xid), or T had become a prepared
 *   transaction: PREPARE clears the backend's id only after marking it prepared (xact.c), so
 *   statement 1b, read later, lists it (H ≤ T.xid) unless it has ended by then.
 * Transactions of other databases cannot insert into this audit_log (a backend works in one
 * database; dblink or an FDW writes through a backend of this one), so unlike pg_snapshot_xmin, H
 * does not wait for them. The sealer's own backend is left out: it has no id yet and never inserts
 * an entry. A transaction reads the backends once and repeats that first read (backend_status.c):
 * statement 1 must be the first read of them in the batch's transaction.
 */
const RUNNING_HERE = `
SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax, array(
  SELECT a.backend_xid::text FROM pg_stat_get_activity(NULL) a
  WHERE a.datid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
) AS xids`;
const PREPARED_HERE = `SELECT array(SELECT transaction::text FROM pg_prepared_xacts WHERE database = current_database()) AS xids`;

/**
 * The waiting entries in insertion order, each marked ready when its transaction is below the
 * horizon: it and every transaction of this database older than it have ended. The sealer takes
 * the ready ones up to the first that is not: insertion order follows commit order wherever one
 * change waited for another (the entry is inserted last in its transaction), and a finished
 * transaction can still have an id above the horizon (an older one runs on), so skipping past it
 * could seal a later change before it.
 */
const WAITING = `
SELECT ${ENTRY_COLUMNS}, xid < $2::xid8 AS ready FROM audit_log
WHERE seq IS NULL
ORDER BY id LIMIT $1`;

export interface SealResult {
  /** false: another sealer holds the lock. */
  locked: boolean;
  sealed: number;
  treeSize: number;
}

/**
 * Integrates committed entries into the tree. A batch is one transaction under the advisory lock:
 * it numbers the entries after the last checkpoint, stores the new complete subtrees and signs a
 * checkpoint, so a sealer that dies mid-batch leaves nothing behind and the next one starts from
 * the same checkpoint: no gap, no entry twice.
 */
@Injectable()
export class AuditSealer {
  private readonly logger = new Logger(AuditSealer.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly key: CheckpointKey,
    private readonly clock: Clock,
  ) {}

  /** READ COMMITTED whatever the server's default: statement 2 needs a snapshot of its own, later than statement 1's. */
  sealBatch(limit = BATCH): Promise<SealResult> {
    return this.db.transaction('READ COMMITTED', (em) => this.sealIn(em, limit));
  }

  /** Whether any committed entry waits for its place: one statement on the pending index, where a batch takes eight. */
  async anyWaiting(): Promise<boolean> {
    const [{ waiting }] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM audit_log WHERE seq IS NULL) AS waiting`);
    return waiting === true;
  }

  /** Seals batch after batch until nothing sealable is left (or another sealer is at it). */
  async sealAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.sealBatch();
      total += r.sealed;
      if (!r.locked || r.sealed === 0) return total;
    }
  }

  /** For tests and the CLI: waits until every committed entry is sealed (a transaction still running in this database holds back the ones after it). */
  async sealEverything(timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.sealAll();
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL`);
      if (n === 0) return;
      if (Date.now() > until) throw new Error(`${n} audit entries are still not sealed`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Statements 1 and 1b (see RUNNING_HERE): the horizon for this batch. */
  private async horizon(em: EntityManager): Promise<bigint> {
    const [running]: { xmax: string; xids: string[] }[] = await em.query(RUNNING_HERE);
    const [prepared]: { xids: string[] }[] = await em.query(PREPARED_HERE);
    return sealingHorizon(BigInt(running.xmax), [...running.xids, ...prepared.xids].map(BigInt));
  }

  private async sealIn(em: EntityManager, limit: number): Promise<SealResult> {
    const [{ locked }] = await em.query(`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK}) AS locked`);
    if (!locked) return { locked: false, sealed: 0, treeSize: -1 };
    // Before this transaction has an id of its own.
    const horizon = await this.horizon(em);
    const waiting: (EntryRow & { ready: boolean })[] = await em.query(WAITING, [limit, horizon.toString()]);
    const firstNotReady = waiting.findIndex((r) => !r.ready);
    const rows = firstNotReady < 0 ? waiting : waiting.slice(0, firstNotReady);
    const [last] = await em.query(`SELECT tree_size FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1`);
    const size = Number(last?.tree_size ?? 0);
    if (!rows.length) return { locked: true, sealed: 0, treeSize: size };

    const keys = TreeBuilder.frontierKeys(size);
    const stored = await readNodes(em, keys);
    const tree = new TreeBuilder(
      size,
      keys.map((k: NodeKey) => {
        const hash = stored.get(`${k.level}/${k.index}`);
        if (!hash) throw new Error(`audit tree node ${k.level}/${k.index} is missing: the tree does not match its last checkpoint`);
        return { level: k.level, hash };
      }),
    );
    const made: (NodeKey & { hash: Buffer })[] = [];
    for (const r of rows) made.push(...tree.append(entryLeafHash(entryOf(r, tree.size))));
    await em.query(`UPDATE audit_log a SET seq = s.seq FROM unnest($1::bigint[], $2::bigint[]) AS s(id, seq) WHERE a.id = s.id AND a.seq IS NULL`, [
      rows.map((r) => r.id),
      rows.map((_, i) => size + i),
    ]);
    await writeNodes(em, made);
    const checkpoint = { treeSize: tree.size, rootHash: tree.root().toString('hex'), at: this.clock.now().toISOString() };
    await em.query(`INSERT INTO audit_checkpoints (tree_size, root_hash, at, algorithm, public_key, signature) VALUES ($1, $2, $3, $4, $5, $6)`, [
      checkpoint.treeSize,
      checkpoint.rootHash,
      checkpoint.at,
      this.key.algorithm,
      this.key.publicKeyPem,
      this.key.sign(checkpoint),
    ]);
    this.logger.debug(`Sealed ${rows.length} audit entries; tree size ${tree.size}`);
    return { locked: true, sealed: rows.length, treeSize: tree.size };
  }
}
