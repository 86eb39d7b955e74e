/**
 * The API benchmark's baseline: a plain Node `http` server and a `pg` Pool (20 connections, like the
 * app's) doing, on the same database, only what the two measured endpoints cannot do without:
 *
 *   POST /comments/:roundId   the same INSERT of a draft comment (same table, same columns as the
 *                             app's TypeORM insert), answered 201 with the comment as JSON. Who writes
 *                             comes from the header `x-bench-actor: <userId> <agencyId>` (no auth).
 *   GET  /report/:roundId     the report's rows query (submitted comments joined to agencies, same
 *                             SQL and order), answered 200 `{roundId, rows}`.
 *
 * No framework, no validation, no authentication, no transaction, no audit, no logging: a floor.
 *
 * And, as a reference (not the baseline): POST /comments-rules/:roundId, the same INSERT with every
 * statement the app's rules make it run around it, in the same order, with the same locks and the
 * same audit append (the app's own appendAudit): the user read again (as the auth guard does), BEGIN,
 * the round's shared advisory lock, the round with the invitation row FOR UPDATE (one statement), the
 * INSERT that checks no response stands, the audit entry (a plain insert: no shared row since the
 * Merkle log), COMMIT. Still no framework, ORM, token, validation or log: what the rules cost by
 * themselves.
 * Run as its own process (`node dist-bench/bench/support/bare-server.js`, DATABASE_URL and PORT in the
 * environment) so that it, like the app, has an event loop of its own; it prints `listening <port>`.
 */
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { appendAudit } from '../../src/audit/audit-writer';
import { REPORT_ROWS_SQL as REPORT } from '../../src/consultation/report-rows';

const INSERT = `INSERT INTO comments (id, round_id, agency_id, author_id, section_key, quote, body, status, source, response_id, conference_id, opinion_no,
                      submitted_at, late, created_at, updated_at, decision, reason, addressed_in_version, decided_by, decided_at)
  VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, 'draft', 'agency', NULL, NULL, NULL, NULL, false, $7, $7, NULL, NULL, NULL, NULL, NULL)
  RETURNING id`;

/** The rules' INSERT, as the app writes it (CommentsService): only while the agency's response does not stand. */
const INSERT_UNLESS_RESPONDED = `INSERT INTO comments (round_id, agency_id, author_id, section_key, quote, body, status, source, late, created_at, updated_at)
  SELECT $1::uuid, $2::uuid, $3::uuid, $4::text, $5::text, $6::text, 'draft', 'agency', false, $7::timestamptz, $7::timestamptz
  WHERE NOT EXISTS (SELECT 1 FROM responses rs WHERE rs.round_id = $1::uuid AND rs.agency_id = $2::uuid AND rs.withdrawn_at IS NULL)
  RETURNING id`;

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, application_name: 'duthao-bare' });

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [, what, roundId] = /^\/(comments|comments-rules|report)\/([0-9a-f-]{36})$/.exec(req.url ?? '') ?? [];
  if (req.method === 'POST' && what === 'comments') {
    const [userId, agencyId] = String(req.headers['x-bench-actor'] ?? '').split(' ');
    const dto = JSON.parse(await readBody(req)) as { sectionKey?: string | null; quote?: string | null; body: string };
    const now = new Date();
    const sectionKey = dto.sectionKey ?? null;
    const quote = dto.quote ?? null;
    const { rows } = await pool.query(INSERT, [roundId, agencyId, userId, sectionKey, quote, dto.body, now]);
    const at = now.toISOString();
    send(res, 201, {
      id: rows[0].id,
      roundId,
      agencyId,
      sectionKey,
      quote,
      body: dto.body,
      status: 'draft',
      source: 'agency',
      conferenceId: null,
      opinionNo: null,
      submittedAt: null,
      late: false,
      createdAt: at,
      updatedAt: at,
      disposition: null,
    });
    return;
  }
  if (req.method === 'POST' && what === 'comments-rules') {
    const [userId] = String(req.headers['x-bench-actor'] ?? '').split(' ');
    const dto = JSON.parse(await readBody(req)) as { sectionKey?: string | null; quote?: string | null; body: string };
    const [user] = (await pool.query('SELECT id, email, full_name, role, agency_id FROM users WHERE id = $1 AND active', [userId])).rows;
    if (!user) return send(res, 401, { statusCode: 401 });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [`duthao:round:${roundId}`]);
      const [round] = (
        await client.query(
          `SELECT r.*, inv.found AS invited FROM rounds r
           LEFT JOIN LATERAL (SELECT true AS found FROM round_agencies ra WHERE ra.round_id = r.id AND ra.agency_id = $2 FOR UPDATE) inv ON true
           WHERE r.id = $1`,
          [roundId, user.agency_id],
        )
      ).rows;
      if (!round?.invited || round.status !== 'open') throw new Error('round');
      const now = new Date();
      const sectionKey = dto.sectionKey ?? null;
      const quote = dto.quote ?? null;
      const { rows } = await client.query(INSERT_UNLESS_RESPONDED, [roundId, user.agency_id, user.id, sectionKey, quote, dto.body, now]);
      if (rows.length === 0) throw new Error('responded');
      const contentSha256 = createHash('sha256')
        .update(JSON.stringify([sectionKey, quote, dto.body]))
        .digest('hex');
      const em = { query: async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows } as unknown as EntityManager;
      await appendAudit(
        em,
        [
          {
            action: 'comment.created',
            entityType: 'comment',
            entityId: rows[0].id,
            data: { roundId, agencyId: user.agency_id, sectionKey, hasQuote: quote !== null, bodyChars: dto.body.length, contentSha256 },
          },
        ],
        user.id,
        now,
      );
      await client.query('COMMIT');
      const at = now.toISOString();
      send(res, 201, {
        id: rows[0].id,
        roundId,
        agencyId: user.agency_id,
        sectionKey,
        quote,
        body: dto.body,
        status: 'draft',
        source: 'agency',
        conferenceId: null,
        opinionNo: null,
        submittedAt: null,
        late: false,
        createdAt: at,
        updatedAt: at,
        disposition: null,
      });
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    return;
  }
  if (req.method === 'GET' && what === 'report') {
    const { rows } = await pool.query(REPORT, [roundId]);
    send(res, 200, { roundId, rows });
    return;
  }
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
  send(res, 404, { statusCode: 404 });
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: Error) => {
    if (!res.headersSent) send(res, 500, { statusCode: 500, message: err.message });
    else res.destroy();
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});

process.on('SIGTERM', () => {
  server.close();
  server.closeIdleConnections();
  void pool.end().finally(() => process.exit(0));
});
