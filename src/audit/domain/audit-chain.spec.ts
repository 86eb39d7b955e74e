import { createHash } from 'node:crypto';
import { AuditEntry, chainContentPrefix, chainHash, ChainVerifier, GENESIS_HASH, StoredAuditRow } from './audit-chain';

function chain(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry: AuditEntry = {
      seq,
      at: new Date(Date.UTC(2022, 5, 8, 8, seq)).toISOString(),
      actorId: 'u1',
      action: 'plan.created',
      entityType: 'plan',
      entityId: `p${seq}`,
      data: { title: `Đề án ${seq}`, n: seq },
    };
    const hash = chainHash(prev, entry);
    rows.push({ ...entry, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const verify = (rows: StoredAuditRow[], head = { lastSeq: rows.length, lastHash: rows[rows.length - 1]?.hash ?? GENESIS_HASH }) => {
  const v = new ChainVerifier();
  v.feed(rows);
  return v.finish(head);
};

describe('audit chain', () => {
  it('verifies an intact chain, fed in batches', () => {
    const rows = chain(5);
    const v = new ChainVerifier();
    v.feed(rows.slice(0, 2));
    v.feed(rows.slice(2));
    expect(v.finish({ lastSeq: 5, lastHash: rows[4].hash })).toEqual({ ok: true, checked: 5 });
    expect(verify([], { lastSeq: 0, lastHash: GENESIS_HASH })).toEqual({ ok: true, checked: 0 });
  });

  it('does not depend on the order of keys in data', () => {
    const [row] = chain(1);
    expect(chainHash(GENESIS_HASH, { ...row, data: { n: 1, title: 'Đề án 1' } })).toBe(row.hash);
  });

  it('catches a changed row', () => {
    const rows = chain(4);
    rows[1] = { ...rows[1], data: { ...rows[1].data, title: 'sửa' } };
    expect(verify(rows)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('catches a changed row whose hash was recomputed, at the next link', () => {
    const rows = chain(4);
    rows[1] = { ...rows[1], action: 'plan.deleted' };
    rows[1].hash = chainHash(rows[1].prevHash, rows[1]);
    expect(verify(rows)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('catches a deleted row in the middle, even re-linked', () => {
    const rows = chain(4);
    const gone = [rows[0], ...rows.slice(2)];
    expect(verify(gone)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining('missing') });
  });

  it('the prefix the database completes with the sequence number hashes to chainHash', () => {
    const entries: AuditEntry[] = [
      ...chain(3),
      { seq: 9_007_199_254_740_991, at: '2022-06-08T01:02:03.004Z', actorId: null, action: 'x', entityType: 'comment', entityId: null, data: {} },
      {
        seq: 42,
        at: '2022-06-08T01:02:03.004Z',
        actorId: 'u',
        action: 'a"\\\n',
        entityType: 'round',
        entityId: 'r',
        data: { z: [1, { b: 2, a: 1 }], q: 'Đề án "HTX" 😀 \u2028', seq: 7 },
      },
    ];
    for (const entry of entries) {
      const prefix = chainContentPrefix(entry);
      const sql = createHash('sha256').update(`${GENESIS_HASH}\n${prefix}${entry.seq}}`, 'utf8').digest('hex');
      expect(sql).toBe(chainHash(GENESIS_HASH, entry));
    }
  });

  it('catches deleted newest rows through the head', () => {
    const rows = chain(4);
    expect(verify(rows.slice(0, 3), { lastSeq: 4, lastHash: rows[3].hash })).toMatchObject({ ok: false });
  });
});
