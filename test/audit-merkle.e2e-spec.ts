import { createPublicKey, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { exportAudit, EXPORT_FILES, readCheckpoints, verifyExport } from '../src/audit/audit-export';
import { AuditSealer, SEALER_LOCK } from '../src/audit/audit-sealer';
import { CheckpointKey } from '../src/audit/checkpoint-key';
import { Checkpoint, checkpointSignatureValid, checkpointText, entryLeafHash } from '../src/audit/domain/audit-entry';
import { verifyConsistency, verifyInclusion } from '../src/audit/domain/merkle-tree';
import { databaseUrl, runPrefix, withAdmin } from './setup/test-databases';
import { insertTestEntry as insertEntry, otherKey, sealNow } from './support/audit-log';
import { TestApp } from './support/test-app';
import { useWorld } from './support/use-world';
import { as, planWithVersion, World } from './support/world';

/** The audit log as a Merkle tree log: sealing under concurrency and crashes, the proofs, the offline verifier. */
describe('the verifiable audit log', () => {
  let t: TestApp;
  let w: World;
  useWorld(1, (app, world) => ((t = app), (w = world)));

  const sealer = () => t.app.get(AuditSealer);
  const pending = async () => Number((await t.db.query('SELECT count(*) AS n FROM audit_log WHERE seq IS NULL'))[0].n);
  const sealedSeqs = async () => (await t.db.query('SELECT seq FROM audit_log WHERE seq IS NOT NULL ORDER BY seq')).map((r: { seq: string }) => Number(r.seq));
  const contiguous = (seqs: number[]) => seqs.every((s, i) => s === i);

  it('a change writes its entry at once; the sealer gives it its index and signs a checkpoint', async () => {
    await sealNow(t);
    const { planId } = await planWithVersion(w);
    const listed = await as(t, w.admin.token).get(`/api/audit?entityType=plan&entityId=${planId}`);
    expect(listed.body.items.length).toBeGreaterThan(0);
    expect(listed.body.items.some((e: { seq: number | null }) => e.seq === null)).toBe(true);
    await sealNow(t);
    const sealed = await as(t, w.admin.token).get(`/api/audit?entityType=plan&entityId=${planId}`);
    expect(sealed.body.items.every((e: { seq: number | null }) => Number.isInteger(e.seq))).toBe(true);
    const latest = (await as(t, w.secretariat.token).get('/api/audit/checkpoints/latest').expect(200)).body as Checkpoint;
    expect(latest.algorithm).toBe('ed25519');
    expect(latest.treeSize).toBe((await sealedSeqs()).length);
    expect(checkpointSignatureValid(latest, createPublicKey(latest.publicKey))).toBe(true);
    expect(latest.publicKey).toBe(t.app.get(CheckpointKey).publicKeyPem);
  });

  it('proofs: every entry is in the tree of each checkpoint, and each checkpoint extends the ones before', async () => {
    await planWithVersion(w);
    await sealNow(t);
    const reader = as(t, w.leaders[0].token);
    const list = (await reader.get('/api/audit/checkpoints?limit=200').expect(200)).body;
    expect(list.total).toBeGreaterThan(1);
    const [latest, older] = [list.items[0] as Checkpoint, list.items[list.items.length - 1] as Checkpoint];
    for (let index = 0; index < latest.treeSize; index++) {
      const entry = (await reader.get(`/api/audit/entries/${index}`).expect(200)).body;
      expect(entry.index).toBe(index);
      expect(entryLeafHash(entry).toString('hex')).toBe(entry.leafHash);
      for (const c of [latest, older].filter((c) => index < c.treeSize)) {
        const proof = (await reader.get(`/api/audit/entries/${index}/proof?size=${c.treeSize}`).expect(200)).body;
        expect(proof).toMatchObject({ index, treeSize: c.treeSize, leafHash: entry.leafHash });
        const path = proof.path.map((h: string) => Buffer.from(h, 'hex'));
        expect(verifyInclusion(index, c.treeSize, Buffer.from(entry.leafHash, 'hex'), path, Buffer.from(c.rootHash, 'hex'))).toBe(true);
      }
    }
    for (const c of list.items as Checkpoint[]) {
      const proof = (await reader.get(`/api/audit/consistency?from=${c.treeSize}&to=${latest.treeSize}`).expect(200)).body;
      const path = proof.path.map((h: string) => Buffer.from(h, 'hex'));
      expect(verifyConsistency(c.treeSize, latest.treeSize, Buffer.from(c.rootHash, 'hex'), Buffer.from(latest.rootHash, 'hex'), path)).toBe(true);
    }
    // Without a size, the proof is in the latest checkpoint's tree.
    expect((await reader.get('/api/audit/entries/0/proof').expect(200)).body.treeSize).toBe(latest.treeSize);
  });

  it('proof requests outside the tree are a clear 400 or 404, and agencies are refused', async () => {
    await sealNow(t);
    const size = (await as(t, w.admin.token).get('/api/audit/checkpoints/latest')).body.treeSize;
    const admin = as(t, w.admin.token);
    expect((await admin.get(`/api/audit/entries/${size}`)).status).toBe(404);
    expect((await admin.get(`/api/audit/entries/0/proof?size=${size + 1}`)).status).toBe(400);
    expect((await admin.get(`/api/audit/entries/5/proof?size=5`)).status).toBe(400);
    expect((await admin.get(`/api/audit/entries/0/proof?size=0`)).status).toBe(400);
    expect((await admin.get(`/api/audit/consistency?from=3&to=2`)).status).toBe(400);
    expect((await admin.get(`/api/audit/consistency?from=1&to=${size + 1}`)).status).toBe(400);
    expect((await admin.get(`/api/audit/consistency?from=1`)).status).toBe(400);
    for (const bad of ['-1', 'abc', '1.5', '99999999999999999999']) expect((await admin.get(`/api/audit/entries/${bad}`)).status).toBe(400);
    const res = await admin.get('/api/audit/entries/abc');
    expect(res.body.message.join(' ')).toMatch(/index/);
    for (const path of [
      '/api/audit/checkpoints/latest',
      '/api/audit/checkpoints',
      '/api/audit/entries/0',
      '/api/audit/entries/0/proof',
      '/api/audit/consistency?from=0&to=1',
    ]) {
      expect((await as(t, w.agencies[0].user.token).get(path)).status).toBe(403);
      expect((await as(t, null).get(path)).status).toBe(401);
    }
  });

  it('50 concurrent transactions, some rolled back, sealed meanwhile: every committed entry exactly once, in an order consistent with commit', async () => {
    await sealNow(t);
    const before = (await sealedSeqs()).length;
    const committedAt = new Map<string, number>();
    const startedAt = new Map<string, number>();
    let stop = false;
    const sealing = (async () => {
      while (!stop) await sealer().sealAll();
    })();
    let clock = 0;
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const client = new Client({ connectionString: t.databaseUrl });
        await client.connect();
        try {
          await new Promise((r) => setTimeout(r, (i % 10) * 15));
          const tag = `tx${i}`;
          await client.query('BEGIN');
          startedAt.set(tag, ++clock);
          // A third take their transaction id first (a write before the entry): only pg_stat_activity shows them running.
          if (i % 3 === 0) {
            await client.query('SELECT pg_current_xact_id()');
            await new Promise((r) => setTimeout(r, (i * 13) % 40));
          }
          await insertEntry(client, tag);
          await new Promise((r) => setTimeout(r, (i * 37) % 60));
          if (i % 5 === 4) return void (await client.query('ROLLBACK'));
          await client.query('COMMIT');
          committedAt.set(tag, ++clock);
        } finally {
          await client.end();
        }
      }),
    );
    stop = true;
    await sealing;
    await sealNow(t);
    const rows: { seq: string; tag: string }[] = await t.db.query(`SELECT seq, data->>'tag' AS tag FROM audit_log WHERE action = 'test.entry' ORDER BY seq`);
    expect(rows.map((r) => r.tag).sort()).toEqual([...committedAt.keys()].sort());
    expect(contiguous(await sealedSeqs())).toBe(true);
    expect((await sealedSeqs()).length).toBe(before + 40);
    const seqOf = new Map(rows.map((r) => [r.tag, Number(r.seq)]));
    for (const [a, committed] of committedAt)
      for (const [b, started] of startedAt) if (committedAt.has(b) && committed < started) expect([a, b, seqOf.get(a)! < seqOf.get(b)!]).toEqual([a, b, true]);
    expect((await as(t, w.admin.token).get('/api/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('an entry of a transaction still running holds back the ones after it until it ends', async () => {
    await sealNow(t);
    const slow = new Client({ connectionString: t.databaseUrl });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await insertEntry(slow, 'slow');
      await insertEntry(t.db, 'fast');
      await sealer().sealAll();
      const [fast] = await t.db.query(`SELECT seq FROM audit_log WHERE data->>'tag' = 'fast'`);
      expect(fast.seq).toBeNull();
      await slow.query('COMMIT');
    } finally {
      await slow.end();
    }
    await sealNow(t);
    const rows = await t.db.query(`SELECT data->>'tag' AS tag FROM audit_log WHERE data->>'tag' IN ('slow', 'fast') ORDER BY seq`);
    expect(rows.map((r: { tag: string }) => r.tag)).toEqual(['slow', 'fast']);
  });

  const tagged = async (prefix: string): Promise<{ tag: string; seq: string | null }[]> =>
    t.db.query(`SELECT data->>'tag' AS tag, seq FROM audit_log WHERE data->>'tag' LIKE $1 ORDER BY id`, [`${prefix}%`]);

  it('a write held open in another database of the cluster does not hold back entries committed after it began', async () => {
    await sealNow(t);
    const name = `${runPrefix()}_other_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    const other = new Client({ connectionString: databaseUrl(name) });
    await other.connect();
    try {
      await other.query('CREATE TABLE scratch (n int)');
      await other.query('BEGIN');
      await other.query('INSERT INTO scratch VALUES (1)');
      const [{ xid }] = (await other.query('SELECT pg_current_xact_id()::text AS xid')).rows;
      for (let i = 0; i < 3; i++) await insertEntry(t.db, `beside${i}`);
      // The cluster-wide horizon waits for it: sealing up to pg_snapshot_xmin would take none of them.
      const [{ clusterWaits }] = await t.db.query(`SELECT pg_snapshot_xmin(pg_current_snapshot()) <= $1::xid8 AS "clusterWaits"`, [xid]);
      expect(clusterWaits).toBe(true);
      await sealer().sealAll();
      expect((await tagged('beside')).map((r) => r.seq === null)).toEqual([false, false, false]);
      await other.query('ROLLBACK');
    } finally {
      await other.end();
      await withAdmin((c) => c.query(`DROP DATABASE ${name}`));
    }
    expect(contiguous(await sealedSeqs())).toBe(true);
  });

  it('a write held open in this database holds back the entries committed after it began, which then seal in insertion order', async () => {
    await sealNow(t);
    await t.db.query('CREATE TABLE IF NOT EXISTS horizon_scratch (n int)');
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      // A write that has no audit entry yet: nothing in audit_log shows it runs.
      await holder.query('BEGIN');
      await holder.query('INSERT INTO horizon_scratch VALUES (1)');
      for (let i = 0; i < 3; i++) await insertEntry(t.db, `behind${i}`);
      await sealer().sealAll();
      expect((await tagged('behind')).map((r) => r.seq)).toEqual([null, null, null]);
      // Its own entry comes after theirs in insertion order, though its transaction is the oldest.
      await insertEntry(holder, 'behind-holder');
      await sealer().sealAll();
      expect((await tagged('behind')).map((r) => r.seq)).toEqual([null, null, null]);
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    await sealer().sealAll();
    const rows = await tagged('behind');
    expect(rows.map((r) => r.tag)).toEqual(['behind0', 'behind1', 'behind2', 'behind-holder']);
    const seqs = rows.map((r) => Number(r.seq));
    expect(seqs).toEqual([seqs[0], seqs[0] + 1, seqs[0] + 2, seqs[0] + 3]);
    expect(contiguous(await sealedSeqs())).toBe(true);
  });

  it("the horizon sees every role's transactions: a role with no privileges is shown another's backend_xid", async () => {
    const role = `duthao_probe_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOINHERIT`));
    const holder = new Client({ connectionString: t.databaseUrl });
    const url = new URL(t.databaseUrl);
    url.username = role;
    const probe = new Client({ connectionString: url.toString() });
    await Promise.all([holder.connect(), probe.connect()]);
    try {
      await holder.query('BEGIN');
      const [{ xid, pid }] = (await holder.query('SELECT pg_current_xact_id()::xid::text AS xid, pg_backend_pid() AS pid')).rows;
      const [seen] = (await probe.query('SELECT backend_xid::text AS xid, query FROM pg_stat_get_activity($1)', [pid])).rows;
      expect(seen).toEqual({ xid, query: '<insufficient privilege>' });
      await holder.query('ROLLBACK');
    } finally {
      await Promise.all([holder.end(), probe.end()]);
      await withAdmin((c) => c.query(`DROP ROLE ${role}`));
    }
  });

  it('a sealer that fails mid-batch leaves nothing half-done, and the next seal resumes without gap or duplicate', async () => {
    await sealNow(t);
    for (let i = 0; i < 7; i++) await insertEntry(t.db, `crash${i}`);
    const nodes = async () => Number((await t.db.query('SELECT count(*) AS n FROM audit_nodes'))[0].n);
    const nodesBefore = await nodes();
    await t.db.query(`CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the sealer dies here'; END $$;
      CREATE TRIGGER fail_once BEFORE INSERT ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION fail_once()`);
    await expect(sealer().sealBatch()).rejects.toThrow(/dies here/);
    await t.db.query('DROP TRIGGER fail_once ON audit_checkpoints; DROP FUNCTION fail_once()');
    expect(await pending()).toBe(7);
    expect(await nodes()).toBe(nodesBefore);

    // A backend terminated while it waits to write its checkpoint.
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN; LOCK TABLE audit_checkpoints IN EXCLUSIVE MODE');
      const batch = sealer().sealBatch();
      let pid: number | undefined;
      for (const until = Date.now() + 30_000; !pid && Date.now() < until;) {
        await new Promise((r) => setTimeout(r, 25));
        [{ pid } = { pid: undefined }] = await blocker
          .query(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO audit_checkpoints%'`,
          )
          .then((r) => r.rows);
      }
      expect(pid).toBeDefined();
      await blocker.query('SELECT pg_terminate_backend($1)', [pid]);
      await expect(batch).rejects.toThrow();
      await blocker.query('COMMIT');
    } finally {
      await blocker.end();
    }
    expect(await pending()).toBe(7);
    await sealNow(t);
    expect(await pending()).toBe(0);
    expect(contiguous(await sealedSeqs())).toBe(true);
    expect((await as(t, w.admin.token).get('/api/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('two sealers at once cannot both seal', async () => {
    await sealNow(t);
    for (let i = 0; i < 5; i++) await insertEntry(t.db, `two${i}`);
    const other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query(`BEGIN; SELECT pg_advisory_xact_lock(${SEALER_LOCK})`);
      expect(await sealer().sealBatch()).toMatchObject({ locked: false, sealed: 0 });
      expect(await pending()).toBe(5);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    for (let i = 0; i < 20; i++) await insertEntry(t.db, `many${i}`);
    const results = await Promise.all(Array.from({ length: 6 }, () => sealer().sealBatch()));
    expect(results.reduce((n, r) => n + r.sealed, 0)).toBe(25);
    expect(contiguous(await sealedSeqs())).toBe(true);
  });

  describe('verify-audit on an export', () => {
    let dir: string;
    let publicKey: string;
    let checkpointFile: string;
    const entriesFile = () => join(dir, EXPORT_FILES.entries);
    const lines = () => readFileSync(entriesFile(), 'utf8').trim().split('\n');
    const write = (l: string[]) => writeFileSync(entriesFile(), l.join('\n') + '\n');

    beforeEach(async () => {
      await sealNow(t);
      dir = mkdtempSync(join(tmpdir(), 'duthao-audit-'));
      publicKey = t.app.get(CheckpointKey).publicKeyPem;
      const written = await exportAudit(t.db, dir, publicKey);
      expect(written.entries).toBeGreaterThan(10);
      checkpointFile = join(dir, EXPORT_FILES.checkpoints);
    });

    it('checks every checkpoint of an intact export, and a single one saved from the API', async () => {
      expect(await verifyExport(dir, readCheckpoints(checkpointFile), publicKey)).toMatchObject({ ok: true, checked: lines().length });
      const latest = (await as(t, w.admin.token).get('/api/audit/checkpoints/latest')).body;
      const one = join(dir, 'latest.json');
      writeFileSync(one, JSON.stringify(latest, null, 2));
      expect(await verifyExport(dir, readCheckpoints(one), publicKey)).toMatchObject({ ok: true, checkpoints: 1 });
    });

    it('a changed, deleted or reordered entry is caught', async () => {
      const original = lines();
      const mid = Math.floor(original.length / 2);
      const changed = [...original];
      const e = JSON.parse(changed[mid]);
      changed[mid] = JSON.stringify({
        ...e,
        data: { ...e.data, tampered: true },
        leafHash: entryLeafHash({ ...e, data: { ...e.data, tampered: true } }).toString('hex'),
      });
      const deleted = original.filter((_, i) => i !== mid).map((l, i) => JSON.stringify({ ...JSON.parse(l), index: i, leafHash: undefined }));
      const swapped = [...original];
      [swapped[mid], swapped[mid + 1]] = [swapped[mid + 1], swapped[mid]];
      const renumbered = swapped.map((l, i) => JSON.stringify({ ...JSON.parse(l), index: i, leafHash: undefined }));
      for (const [what, content] of [
        ['changed', changed],
        ['deleted', deleted],
        ['reordered', renumbered],
      ] as const) {
        write([...content]);
        const res = await verifyExport(dir, readCheckpoints(checkpointFile), publicKey);
        expect({ what, ok: res.ok }).toEqual({ what, ok: false });
      }
    });

    it('a rewritten tree with checkpoints signed by another key is caught, and so is one checkpoint from another key', async () => {
      const key = otherKey();
      const forged = readCheckpoints(checkpointFile).map((c) => ({ ...c, signature: sign(null, checkpointText(c), key).toString('base64') }));
      writeFileSync(checkpointFile, forged.map((c) => JSON.stringify(c)).join('\n'));
      expect(await verifyExport(dir, readCheckpoints(checkpointFile), publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining('signature') });
      // The forger's own key would accept them: only the published key tells.
      const forgerKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
      expect(await verifyExport(dir, readCheckpoints(checkpointFile), forgerKey)).toMatchObject({ ok: true });
    });
  });
});
