import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPENAPI_FILE, openApiText } from '../src/common/http/openapi-document';
import { runNode } from './support/processes';
import { startTestApp, TestApp } from './support/test-app';

/** Every route of the contract (docs/api.md), as METHOD path. The live OpenAPI document must hold them all. */
const CONTRACT = [
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  'POST /api/agencies',
  'GET /api/agencies',
  'POST /api/users',
  'GET /api/users',
  'POST /api/plans',
  'GET /api/plans',
  'GET /api/plans/{id}',
  'GET /api/plans/{id}/draft',
  'PUT /api/plans/{id}/draft',
  'POST /api/plans/{id}/versions',
  'GET /api/plans/{id}/versions/{n}',
  'GET /api/plans/{id}/versions/{n}/diff',
  'POST /api/plans/{id}/rounds',
  'GET /api/rounds/{id}',
  'POST /api/rounds/{id}/comments',
  'GET /api/comments/{id}',
  'PATCH /api/comments/{id}',
  'DELETE /api/comments/{id}',
  'POST /api/rounds/{id}/responses',
  'GET /api/rounds/{id}/comments',
  'POST /api/rounds/{id}/close',
  'POST /api/rounds/{id}/remind',
  'PUT /api/comments/{id}/disposition',
  'GET /api/rounds/{id}/report',
  'POST /api/plans/{id}/approval',
  'GET /api/plans/{id}/approval',
  'POST /api/plans/{id}/approval/decision',
  'GET /api/audit',
  'GET /api/audit/verify',
  'GET /api/audit/checkpoints/latest',
  'GET /api/audit/checkpoints',
  'GET /api/audit/entries/{index}',
  'GET /api/audit/entries/{index}/proof',
  'GET /api/audit/consistency',
  'GET /api/health',
];

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: {
    paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    components: { schemas: Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('serves the UI', async () => {
    const res = await t.http.get('/api/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });

  it('documents every route of the contract with a response', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented).toEqual(expect.arrayContaining(CONTRACT));
    for (const route of CONTRACT) {
      const [method, path] = route.split(' ');
      expect(Object.keys(doc.paths[path][method.toLowerCase()].responses).length).toBeGreaterThan(0);
    }
  });

  it('is the document committed as docs/openapi.json', () => {
    const stale = 'docs/openapi.json differs from the document the app serves at /api/docs-json: run `npm run openapi` and commit the file';
    if (!existsSync(OPENAPI_FILE)) throw new Error(`docs/openapi.json is missing: run \`npm run openapi\` and commit the file`);
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    const served = openApiText(doc);
    if (committed === served) return;
    const routes = (text: string) => {
      const paths = (JSON.parse(text) as typeof doc).paths;
      return new Set(Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    };
    const [before, after] = [routes(committed), routes(served)];
    const added = [...after].filter((r) => !before.has(r));
    const removed = [...before].filter((r) => !after.has(r));
    const firstLine = committed.split('\n').findIndex((line, i) => line !== served.split('\n')[i]);
    throw new Error(
      `${stale}.\n` +
        (added.length ? `Routes served but not in the file: ${added.join(', ')}\n` : '') +
        (removed.length ? `Routes in the file but no longer served: ${removed.join(', ')}\n` : '') +
        `First difference at line ${firstLine + 1}.`,
    );
  });

  it('is what `npm run openapi` writes (node dist/cli.js write-openapi)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duthao-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      const cli = runNode('cli.js', { DATABASE_URL: t.databaseUrl, REDIS_URL: t.config.redisUrl, QUEUE_PREFIX: t.config.queuePrefix, LOG_LEVEL: 'warn' }, [
        'write-openapi',
        file,
      ]);
      expect({ code: await cli.exited, output: cli.output() }).toEqual({ code: 0, output: expect.stringContaining(`Wrote ${file}`) });
      expect(readFileSync(file, 'utf8')).toBe(openApiText(doc));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('documents the sign-in: the device cookie, 429 with Retry-After, the ignored Idempotency-Key; logout 204 and 401', () => {
    const loginOp = doc.paths['/api/auth/login'].post as unknown as { description: string; responses: Record<string, { headers?: Record<string, unknown> }> };
    expect(loginOp.description).toContain('duthao_device');
    expect(loginOp.description).toContain('Idempotency-Key');
    expect(Object.keys(loginOp.responses['200'].headers ?? {})).toContain('Set-Cookie');
    expect(Object.keys(loginOp.responses['429'].headers ?? {})).toContain('Retry-After');
    expect(Object.keys(loginOp.responses)).toEqual(expect.arrayContaining(['200', '401', '429']));
    expect(Object.keys(doc.paths['/api/auth/logout'].post.responses)).toEqual(expect.arrayContaining(['204', '401']));
  });

  it('describes request bodies from the validated DTOs, with their limits', () => {
    const plan = doc.components.schemas.CreatePlanDto as { properties: Record<string, { maxLength?: number; maxItems?: number }>; required: string[] };
    expect(plan.required).toEqual(expect.arrayContaining(['title', 'sections']));
    expect(plan.properties.title.maxLength).toBe(500);
    expect(plan.properties.sections.maxItems).toBe(500);
    const section = doc.components.schemas.SectionInputDto as { properties: Record<string, { maxLength?: number }> };
    expect(section.properties.body.maxLength).toBe(200_000);
    const comment = doc.components.schemas.CreateCommentDto as { properties: Record<string, { maxLength?: number }> };
    expect(comment.properties.body.maxLength).toBe(20_000);
  });
});
