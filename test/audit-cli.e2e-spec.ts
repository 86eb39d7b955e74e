import { createPublicKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_FILES } from '../src/audit/audit-export';
import { Checkpoint, checkpointText, entryLeafHash } from '../src/audit/domain/audit-entry';
import { vnNumberText } from '../src/common/vn-number';
import { otherKey, sealNow } from './support/audit-log';
import { runNode } from './support/processes';
import { TestApp } from './support/test-app';
import { useWorld } from './support/use-world';
import { as, comment, openRound, planWithVersion, World } from './support/world';

/**
 * The audit log from the outside, as an operator and an auditor run it (docs/operations.md, "Audit
 * log"): the built CLI exports the log of a database the app wrote, and verify-audit checks the
 * export on its own, with no database and no settings, trusting only the published key.
 */
describe('export-audit and verify-audit, the built CLI', () => {
  let t: TestApp;
  let w: World;
  useWorld(2, (app, world) => ((t = app), (w = world)));

  let work: string;
  let exported: string;
  let published: string;
  let pristine: string[];
  const entriesFile = () => join(exported, EXPORT_FILES.entries);
  const checkpointsFile = () => join(exported, EXPORT_FILES.checkpoints);
  const writeEntries = (lines: string[]) => writeFileSync(entriesFile(), lines.join('\n') + '\n');

  /** node dist/cli.js verify-audit with nothing in its environment but PATH: no database, no settings. */
  async function verify(checkpointFile = checkpointsFile(), publicKey = published) {
    const cli = runNode('cli.js', {}, ['verify-audit', '--log', exported, '--checkpoint', checkpointFile, '--public-key', publicKey]);
    const code = await cli.exited;
    const lines = cli.output().trim().split('\n');
    return {
      code,
      lines,
      result: JSON.parse(lines[lines.length - 1]) as { ok: boolean; checked: number; checkpoints: number; brokenAt?: number; reason?: string },
    };
  }

  beforeAll(async () => {
    // Real entries, made through the app: users and agencies (the world), a plan, a version, a round, a comment.
    const { planId } = await planWithVersion(w);
    const roundId = await openRound(w, planId);
    await comment(w, w.agencies[0], roundId, { body: 'Đề nghị bổ sung số liệu về hợp tác xã giải thể.' });
    await sealNow(t);
    work = mkdtempSync(join(tmpdir(), 'duthao-audit-cli-'));
    exported = join(work, 'export');
    // The key as the operator publishes it: from the API, not from the export.
    const latest = (await as(t, w.admin.token).get('/api/audit/checkpoints/latest').expect(200)).body as Checkpoint;
    published = join(work, 'published.pem');
    writeFileSync(published, latest.publicKey);

    const cli = runNode(
      'cli.js',
      {
        NODE_ENV: 'test',
        DATABASE_URL: t.databaseUrl,
        REDIS_URL: t.config.redisUrl,
        QUEUE_PREFIX: t.config.queuePrefix,
        JWT_SECRET: t.config.jwtSecret!,
        LOG_LEVEL: 'warn',
      },
      ['export-audit', '--out', exported],
    );
    const code = await cli.exited;
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE seq IS NOT NULL`);
    const [{ c }] = await t.db.query(`SELECT count(*)::int AS c FROM audit_checkpoints`);
    expect({ code, output: cli.output() }).toEqual({
      code: 0,
      output: expect.stringContaining(
        `Đã ghi ${vnNumberText(n)} mục và ${vnNumberText(c)} điểm kiểm tra vào ${exported}\nWrote ${vnNumberText(n, 'en')} entries and ${vnNumberText(c, 'en')} checkpoints to ${exported}`,
      ),
    });
    pristine = readFileSync(entriesFile(), 'utf8').trim().split('\n');
    expect(pristine.length).toBe(n);
    expect(pristine.length).toBeGreaterThan(10);
    expect(readFileSync(join(exported, EXPORT_FILES.publicKey), 'utf8')).toBe(latest.publicKey);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  afterEach(() => writeEntries(pristine));

  it('an intact export: exit 0, a Vietnamese sentence then the English one, then the result as JSON', async () => {
    const { code, lines, result } = await verify();
    const checkpoints = readFileSync(checkpointsFile(), 'utf8').trim().split('\n').length;
    expect({ code, result }).toEqual({ code: 0, result: { ok: true, checked: pristine.length, checkpoints } });
    expect(lines.slice(0, 2)).toEqual([
      `Nhật ký kiểm tra khớp: đã tính lại ${vnNumberText(pristine.length)} mục; ${vnNumberText(checkpoints)} điểm kiểm tra đúng chữ ký của khóa được tin cậy và đúng gốc.`,
      `The audit log verifies: ${vnNumberText(pristine.length, 'en')} entries recomputed; ${vnNumberText(checkpoints, 'en')} checkpoints signed by the trusted key, with matching roots.`,
    ]);
  });

  it('the latest checkpoint as GET /api/audit/checkpoints/latest gives it, saved to a file: exit 0', async () => {
    const latest = (await as(t, w.leaders[0].token).get('/api/audit/checkpoints/latest').expect(200)).body;
    const file = join(work, 'latest.json');
    writeFileSync(file, JSON.stringify(latest, null, 2));
    const { code, result } = await verify(file);
    expect({ code, result }).toEqual({ code: 0, result: { ok: true, checked: pristine.length, checkpoints: 1 } });
  });

  const mid = () => Math.floor(pristine.length / 2);
  const parsed = () => pristine.map((l) => JSON.parse(l));
  /** Entries renumbered from 0 and without the leaf hashes the server claimed: a tampering that hides its tracks. */
  const renumbered = (entries: object[]) => entries.map((e, index) => JSON.stringify({ ...e, index, leafHash: undefined }));

  const tamperings: [string, () => string[], RegExp][] = [
    [
      'an entry changed (its leaf hash recomputed to match)',
      () =>
        parsed().map((e, i) => {
          if (i !== mid()) return JSON.stringify(e);
          const changed = { ...e, data: { ...e.data, body: 'Nội dung đã bị sửa' } };
          return JSON.stringify({ ...changed, leafHash: entryLeafHash(changed).toString('hex') });
        }),
      /các mục cho ra một gốc khác/,
    ],
    [
      'an entry changed (its claimed leaf hash kept)',
      () => parsed().map((e, i) => JSON.stringify(i === mid() ? { ...e, actorId: null } : e)),
      /không khớp với mã băm lá/,
    ],
    ['an entry deleted (the rest renumbered)', () => renumbered(parsed().filter((_, i) => i !== mid())), /gốc khác|vượt quá mục cuối cùng/],
    ['an entry deleted (the gap left)', () => pristine.filter((_, i) => i !== mid()), /bị thiếu hoặc sai thứ tự/],
    [
      'two entries swapped (renumbered)',
      () => {
        const e = parsed();
        [e[mid()], e[mid() + 1]] = [e[mid() + 1], e[mid()]];
        return renumbered(e);
      },
      /các mục cho ra một gốc khác/,
    ],
    [
      'two entries swapped (as they were)',
      () => {
        const l = [...pristine];
        [l[mid()], l[mid() + 1]] = [l[mid() + 1], l[mid()]];
        return l;
      },
      /bị thiếu hoặc sai thứ tự/,
    ],
  ];

  it.each(tamperings)('%s: exit 1, and it says so in Vietnamese, then in English', async (_what, tamper, why) => {
    writeEntries(tamper());
    const { code, lines, result } = await verify();
    expect({ code, ok: result.ok }).toEqual({ code: 1, ok: false });
    expect(lines[0]).toMatch(/^Nhật ký kiểm tra KHÔNG khớp: /);
    expect(lines[0]).toMatch(why);
    expect(lines[1]).toMatch(/^The audit log does NOT verify: /);
    expect(result.brokenAt).toBeGreaterThanOrEqual(0);
    expect(result.brokenAt).toBeLessThanOrEqual(pristine.length);
  });

  it('checkpoints signed with another key: exit 1, even when the roots are right', async () => {
    const key = otherKey();
    const forged = readFileSync(checkpointsFile(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Checkpoint)
      .map((c) => ({ ...c, signature: sign(null, checkpointText(c), key).toString('base64') }));
    const file = join(work, 'forged.jsonl');
    writeFileSync(file, forged.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const { code, lines, result } = await verify(file);
    expect({ code, ok: result.ok }).toEqual({ code: 1, ok: false });
    expect(lines[0]).toMatch(/^Nhật ký kiểm tra KHÔNG khớp: điểm kiểm tra \d+: chữ ký không phải của khóa được tin cậy\.$/);
    expect(lines[1]).toMatch(/^The audit log does NOT verify: checkpoint \d+: the signature is not the trusted key's\.$/);
    // Only one of them forged, the latest, the one an auditor is most likely to hold.
    const genuine = readFileSync(checkpointsFile(), 'utf8').trim().split('\n');
    const one = join(work, 'one-forged.jsonl');
    writeFileSync(one, [...genuine.slice(0, -1), JSON.stringify(forged[forged.length - 1])].join('\n') + '\n');
    expect((await verify(one)).code).toBe(1);
  });

  it('an empty checkpoint file: exit 1, nothing was checked', async () => {
    const file = join(work, 'empty.jsonl');
    writeFileSync(file, '');
    const cli = runNode('cli.js', {}, ['verify-audit', '--log', exported, '--checkpoint', file, '--public-key', published]);
    expect({ code: await cli.exited, output: cli.output() }).toEqual({
      code: 1,
      output: `Tệp ${file} không có điểm kiểm tra nào: không có gì để đối chiếu.\n${file} holds no checkpoint: nothing to check against.\n`,
    });
  });

  it('the genuine checkpoints checked against another key than the published one: exit 1', async () => {
    const pem = join(work, 'other.pem');
    writeFileSync(pem, createPublicKey(otherKey()).export({ type: 'spki', format: 'pem' }).toString());
    const { code, lines } = await verify(checkpointsFile(), pem);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/chữ ký không phải của khóa được tin cậy/);
  });
});
