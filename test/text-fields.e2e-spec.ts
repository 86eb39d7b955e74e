import { randomUUID } from 'node:crypto';
import { getMetadataStorage } from 'class-validator';
import { AppModule } from '../src/app.module';
import { startTestApp, TestApp } from './support/test-app';
import { buildWorld, snapshot, World } from './support/world';

/**
 * The bad-input corpus grown by field, not by hand: every string field of every request body,
 * query and path of the live OpenAPI document (so a new DTO field is in it the day it is added),
 * sent a lone surrogate, NUL, other C0 and C1 controls and DEL. Each must be a 400 whose message
 * names that field (for free text: the text rule it broke), and nothing may change.
 */

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
}

interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

type OpenApi = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** The bad text, as it goes into raw JSON (escapes, so a lone surrogate survives) and into a URL. */
const BAD: { name: string; json: string; url: string; rule: 'unicode' | 'control' }[] = [
  { name: 'lone high surrogate', json: '\\ud800', url: '%ED%A0%80', rule: 'unicode' },
  { name: 'lone low surrogate', json: '\\udfff', url: '%ED%BF%BF', rule: 'unicode' },
  { name: 'NUL', json: '\\u0000', url: '%00', rule: 'control' },
  { name: 'BEL (C0)', json: '\\u0007', url: '%07', rule: 'control' },
  { name: 'ESC (C0)', json: '\\u001b', url: '%1B', rule: 'control' },
  { name: 'lone CR (C0)', json: '\\r', url: '%0D', rule: 'control' },
  { name: 'DEL', json: '\\u007f', url: '%7F', rule: 'control' },
  { name: 'NEL (C1)', json: '\\u0085', url: '%C2%85', rule: 'control' },
  { name: 'APC (C1)', json: '\\u009f', url: '%C2%9F', rule: 'control' },
];

const RULE_TEXT = { unicode: 'chứa ký tự Unicode không hợp lệ', control: 'chứa ký tự điều khiển' };

/** A placeholder of the schema's type, so that the body has the shape its DTO expects. */
function sample(s: Schema, doc: OpenApi): unknown {
  if (s.$ref) return sample(doc.components.schemas[s.$ref.split('/').pop()!], doc);
  if (s.allOf?.length) return sample(s.allOf[0], doc);
  if (s.enum?.length) return s.enum[0];
  if (s.type === 'array') return s.items ? [sample(s.items, doc)] : [];
  if (s.type === 'object' || s.properties) return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, doc)]));
  if (s.type === 'integer' || s.type === 'number') return Math.max(1, s.minimum ?? 1);
  if (s.type === 'boolean') return true;
  if (s.format === 'uuid') return randomUUID();
  if (s.format === 'date') return '2031-06-30';
  if (s.format === 'date-time') return '2031-06-30T17:00:00+07:00';
  if (s.format === 'email') return 'nguoi.dung@test.vn';
  return 'Nội dung';
}

interface Field {
  /** As a message names it: `sections[0].heading`, `conclusions`. */
  path: string;
  /** Where in the sample body the bad text goes. */
  at: (string | number)[];
  schema: Schema;
}

/** Every string (or list of strings) in a body schema, nested objects and lists of them included. */
function stringFields(s: Schema, doc: OpenApi, path = '', at: (string | number)[] = [], seen = new Set<string>()): Field[] {
  if (s.$ref) {
    const name = s.$ref.split('/').pop()!;
    if (seen.has(name)) return [];
    return stringFields(doc.components.schemas[name], doc, path, at, new Set([...seen, name]));
  }
  if (s.allOf?.length) return stringFields(s.allOf[0], doc, path, at, seen);
  if (s.type === 'array' && s.items) {
    const items = s.items.$ref ? doc.components.schemas[s.items.$ref.split('/').pop()!] : s.items;
    if (items.type === 'string') return [{ path, at: [...at, 0], schema: items }];
    return stringFields(s.items, doc, `${path}[0]`, [...at, 0], seen);
  }
  if (s.type === 'string') return [{ path, at, schema: s }];
  const out: Field[] = [];
  for (const [key, child] of Object.entries(s.properties ?? {})) out.push(...stringFields(child, doc, path ? `${path}.${key}` : key, [...at, key], seen));
  return out;
}

/** The sample body as JSON text with the bad text put into one string (escapes kept raw). */
function bodyWith(base: unknown, at: (string | number)[], bad: string): string {
  const marker = `@@${randomUUID()}@@`;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[at[at.length - 1]] = marker;
  return JSON.stringify(copy).replace(marker, `Văn bản${bad}x`);
}

interface Case {
  label: string;
  method: string;
  url: (ids: string) => string;
  body?: string;
  /** A multipart route (a Word upload): these text fields, beside a small file so that the upload is taken. */
  form?: Record<string, string>;
  field: string;
  /** The text rule the message must name (free text only). */
  rule?: 'unicode' | 'control';
}

const isFreeText = (s: Schema) => s.type === 'string' && !s.enum && !['uuid', 'date', 'date-time'].includes(s.format ?? '');

function casesOf(doc: OpenApi): Case[] {
  const cases: Case[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    if (!template.startsWith('/api/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const path = (override?: { name: string; value: string }) => (ids: string) =>
        template.replace(/\{(\w+)\}/g, (_, name: string) => {
          if (override?.name === name) return override.value;
          const schema = params.find((p) => p.name === name)?.schema ?? {};
          return schema.enum ? String(schema.enum[0]) : schema.type === 'integer' ? '1' : ids;
        });
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      const formSchema = op.requestBody?.content['multipart/form-data']?.schema;
      const base = bodySchema ? sample(bodySchema, doc) : undefined;
      const baseJson = base === undefined ? undefined : JSON.stringify(base);
      const route = `${method.toUpperCase()} ${template}`;
      const form = formSchema ? {} : undefined;
      for (const bad of BAD) {
        // A multipart field is bytes decoded as UTF-8: a lone surrogate cannot be sent in one, controls can.
        for (const f of formSchema && bad.rule === 'control' ? stringFields(formSchema, doc).filter((x) => x.schema.format !== 'binary') : []) {
          const value = `Văn bản${JSON.parse(`"${bad.json}"`) as string}x`;
          cases.push({
            label: `${route} form ${f.path}: ${bad.name}`,
            method,
            url: path(),
            form: { [f.path]: value },
            field: f.path,
            rule: isFreeText(f.schema) ? bad.rule : undefined,
          });
        }
        for (const f of bodySchema ? stringFields(bodySchema, doc) : []) {
          cases.push({
            label: `${route} body ${f.path}: ${bad.name}`,
            method,
            url: path(),
            body: bodyWith(base, f.at, bad.json),
            field: f.path,
            rule: isFreeText(f.schema) ? bad.rule : undefined,
          });
        }
        for (const p of params.filter((x) => x.in === 'query' && x.schema?.type === 'string')) {
          cases.push({
            label: `${route} query ${p.name}: ${bad.name}`,
            method,
            url: (ids) => `${path()(ids)}?${p.name}=V%C4%83n${bad.url}x`,
            body: baseJson,
            field: p.name,
            rule: bad.rule === 'unicode' ? 'unicode' : undefined,
          });
        }
        for (const p of params.filter((x) => x.in === 'path' && x.schema?.type === 'string')) {
          // A lone surrogate has no UTF-8 form: the address itself is refused, before any route has named the parameter.
          const field = bad.rule === 'unicode' ? 'path' : p.name;
          cases.push({
            label: `${route} path ${p.name}: ${bad.name}`,
            method,
            url: path({ name: p.name, value: `V%C4%83n${bad.url}x` }),
            body: baseJson,
            form,
            field,
          });
        }
      }
    }
  }
  return cases;
}

describe('every string field refuses malformed Unicode and control characters', () => {
  let t: TestApp;
  let w: World;
  let doc: OpenApi;
  let tokens: string[];

  beforeAll(async () => {
    // Every case is a write by the same few people: the per-person write limit is not what is tested here.
    t = await startTestApp({ writeRateLimit: 1_000_000 });
    w = await buildWorld(t, 1);
    tokens = [w.admin.token, w.secretariat.token, w.leaders[0].token, w.agencies[0].user.token];
    doc = (await t.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('covers every request DTO that has a string field (class-validator metadata against the OpenAPI document)', () => {
    void AppModule; // the DTOs are registered by loading the app's modules
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, { propertyName: string; name?: string }[]> };
    const inDocument = new Set(Object.keys(doc.components.schemas));
    // A DTO read from the query or the path is expanded into parameters, not a schema.
    const asParameters = new Set(Object.values(doc.paths).flatMap((m) => Object.values(m).flatMap((op) => (op.parameters ?? []).map((p) => p.name))));
    const withText: string[] = [];
    const missing: string[] = [];
    for (const [target, metas] of storage.validationMetadatas) {
      if (!metas.some((m) => m.name === 'isString')) continue;
      withText.push(target.name);
      if (!inDocument.has(target.name) && !metas.every((m) => asParameters.has(m.propertyName))) missing.push(target.name);
    }
    expect(withText.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('refuses each bad text in each string field of each endpoint with a 400 naming it, and changes nothing', async () => {
    const cases = casesOf(doc);
    const fields = new Set(cases.map((c) => c.label.replace(/: [^:]+$/, '')));
    // Far more than the hand-written corpus: today 115 fields (body, query, path) × 9 bad texts.
    expect(fields.size).toBeGreaterThan(100);
    const before = await snapshot(t);
    const failures: string[] = [];
    const check = async (c: Case) => {
      let res: { status: number; body: { message?: unknown }; text: string } | undefined;
      for (const token of tokens) {
        let req = (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)
          [c.method](c.url(randomUUID()))
          .set('Authorization', `Bearer ${token}`)
          .set('If-Match', '"draft-1"');
        if (c.form) {
          for (const [k, v] of Object.entries(c.form)) req = req.field(k, v);
          req = req.attach('file', Buffer.from('PK'), {
            filename: 'du-thao.docx',
            contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          });
        } else if (c.body !== undefined) req = req.set('Content-Type', 'application/json').send(c.body);
        res = await req;
        if (res.status !== 403) break;
      }
      const messages = [res!.body?.message].flat().filter((m): m is string => typeof m === 'string');
      // Vietnamese names the field, with its key beside the name: "Tiêu đề mục (sections[0].heading): …".
      const named = messages.filter((m) => m.includes(` (${c.field}): `) && !m.startsWith(`${c.field}: `));
      const ok = res!.status === 400 && named.length > 0 && (!c.rule || named.some((m) => m.includes(RULE_TEXT[c.rule!])));
      if (!ok) failures.push(`${c.label} → ${res!.status} ${res!.text.slice(0, 200)}`);
    };
    // A few at a time: the cases are independent, and each is refused before any write.
    for (let i = 0; i < cases.length; i += 8) await Promise.all(cases.slice(i, i + 8).map(check));
    expect(failures).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  }, 600_000);
});
