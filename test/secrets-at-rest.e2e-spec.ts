import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource, MigrationInterface } from 'typeorm';
import { canonicalJson } from '../src/common/canonical-json';
import { dataSourceOptions, migrate } from '../src/database/data-source';
import { databaseUrl, runPrefix, withAdmin } from './setup/test-databases';
import { ROOT } from './support/processes';
import { TestApp } from './support/test-app';
import { useWorld } from './support/use-world';
import { as, PASSWORD, World } from './support/world';

/**
 * What the database keeps must not hand out a session or a password: the idempotency store never
 * keeps a login's answer (a live token), and a request's fingerprint is keyed with a server secret,
 * never a plain hash of a body that holds a password.
 */

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The fingerprint as it used to be computed: an unsalted SHA-256 of the request. */
const plainFingerprint = (url: string, body: unknown) =>
  createHash('sha256')
    .update(canonicalJson({ method: 'POST', url, body }))
    .digest('hex');

/** Every row of every table of the database, as text. */
async function everything(db: DataSource): Promise<string> {
  const tables: { name: string }[] = await db.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows: { row: string }[] = await db.query(`SELECT t::text AS row FROM "${name}" t`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

describe('secrets at rest', () => {
  let t: TestApp;
  let w: World;

  useWorld(1, (app, world) => ((t = app), (w = world)));

  it('after logins with an Idempotency-Key, no token and no password-derived hash is in the database', async () => {
    const body = { email: w.secretariat.email, password: PASSWORD };
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await t.http.post('/api/auth/login').set('Idempotency-Key', 'dang-nhap-1').send(body);
      expect(res.status).toBe(200);
      // Never a replay: a retried login signs in again, with a token of its own.
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      tokens.push(res.body.accessToken);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
    for (const token of tokens) expect((await as(t, token).get('/api/me')).status).toBe(200);
    // A failed login with a key is not kept either.
    expect(
      (
        await t.http
          .post('/api/auth/login')
          .set('Idempotency-Key', 'dang-nhap-2')
          .send({ ...body, password: 'mat-khau-sai-1' })
      ).status,
    ).toBe(401);

    // The sign-in page, sent an Idempotency-Key by a client that adds one to every POST.
    const browser = request.agent(t.url);
    const page = await browser.get('/login');
    const form = { _csrf: csrfOf(page.text), email: w.leaders[0].email, password: PASSWORD, next: '/' };
    const signedIn = await browser.post('/login').set('Idempotency-Key', 'trang-dang-nhap').type('form').send(form);
    expect(signedIn.status).toBe(303);
    const pageToken = ([] as string[])
      .concat(signedIn.headers['set-cookie'] ?? [])
      .map((c) => /^duthao_token=([^;]+)/.exec(c)?.[1])
      .find(Boolean)!;
    expect(pageToken).toBeTruthy();

    const keys: { key: string }[] = await t.db.query(`SELECT key FROM idempotency_keys WHERE key IN ('dang-nhap-1', 'dang-nhap-2', 'trang-dang-nhap')`);
    expect(keys).toEqual([]);
    const stored = await everything(t.db);
    for (const token of [...tokens, pageToken]) {
      expect(stored.includes(token)).toBe(false);
      expect(stored.includes(token.split('.')[2])).toBe(false);
    }
    expect(stored.includes(PASSWORD)).toBe(false);
    expect(stored.includes('mat-khau-sai-1')).toBe(false);
    for (const b of [body, { ...body, password: 'mat-khau-sai-1' }]) expect(stored.includes(plainFingerprint('/api/auth/login', b))).toBe(false);
    expect(stored.includes(plainFingerprint('/login', form))).toBe(false);
  });

  it('keeps the answer to a body with a password, keyed by a fingerprint no one can test guesses against', async () => {
    const body = { email: `nguoi-moi-${randomBytes(3).toString('hex')}@test.vn`, fullName: 'Người mới', password: 'mat-khau-rieng-cua-ban', role: 'leader' };
    const first = await as(t, w.admin.token).post('/api/users', body).set('Idempotency-Key', 'tao-nguoi-dung-1');
    expect(first.status).toBe(201);
    // The store still does its work: the same key and body replay, another body is 422.
    const again = await as(t, w.admin.token).post('/api/users', body).set('Idempotency-Key', 'tao-nguoi-dung-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(
      (
        await as(t, w.admin.token)
          .post('/api/users', { ...body, password: 'mat-khau-khac-han' })
          .set('Idempotency-Key', 'tao-nguoi-dung-1')
      ).status,
    ).toBe(422);

    const [row] = await t.db.query(`SELECT request_hash, response_body FROM idempotency_keys WHERE key = 'tao-nguoi-dung-1'`);
    expect(row.request_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.request_hash).not.toBe(plainFingerprint('/api/users', body));
    expect(row.response_body).not.toContain('mat-khau');
    const stored = await everything(t.db);
    expect(stored.includes(plainFingerprint('/api/users', body))).toBe(false);
    expect(stored.includes('mat-khau-rieng-cua-ban')).toBe(false);
  });
});

describe('the Sessions migration', () => {
  const MIGRATION = '1764520000000';
  const DIR = join(ROOT, 'migrations');
  const load = (files: string[]) => files.map((f) => Object.values(require(join(DIR, f)) as Record<string, new () => MigrationInterface>)[0]);
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  let url: string;

  beforeAll(async () => {
    const name = `${runPrefix()}_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    url = databaseUrl(name);
  });

  it('forgets every stored login answer and plain fingerprint, and goes down again', async () => {
    const before = new DataSource({ ...dataSourceOptions(url), migrations: load(files.filter((f) => f < MIGRATION)) });
    await before.initialize();
    try {
      await migrate(before);
      await before.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash, state, response_status, response_body) VALUES
           ('anonymous', 'k1', $1, 'done', 200, '{"accessToken":"eyJ.live.token","tokenType":"Bearer"}'),
           ('00000000-0000-4000-8000-000000000000', 'k2', $2, 'done', 201, '{"id":"x","email":"a@b.vn"}')`,
        [plainFingerprint('/api/auth/login', { email: 'a@b.vn', password: 'p' }), plainFingerprint('/api/users', { password: 'p' })],
      );
    } finally {
      await before.destroy();
    }

    const upTo = new DataSource({ ...dataSourceOptions(url), migrations: load(files.filter((f) => f <= `${MIGRATION}~`)) });
    await upTo.initialize();
    try {
      expect(await migrate(upTo)).toEqual([`Sessions${MIGRATION}`]);
      expect(await upTo.query('SELECT key FROM idempotency_keys')).toEqual([]);
      expect(await upTo.query(`SELECT to_regclass('sessions') IS NOT NULL AS present`)).toEqual([{ present: true }]);
      await upTo.undoLastMigration();
      expect(await upTo.query(`SELECT to_regclass('sessions') IS NOT NULL AS present`)).toEqual([{ present: false }]);
    } finally {
      await upTo.destroy();
    }
  });
});
