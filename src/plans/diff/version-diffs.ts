import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { notFound } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import type { Tx } from '../../database/unit-of-work';
import { DIFF_ALGORITHM, DiffOp } from '../domain/section-diff';
import type { Section } from '../domain/sections';
import { DiffPool } from './diff-pool';

const versionNotFound = (n: number) => notFound({ vi: `dự thảo lần ${n}`, en: `version ${n}` });

/** The contract's diff as JSON text: `{from, to, approximate, sections}`, around the stored sections. */
const diffJson = (from: number, to: number, approximate: boolean, sections: string) =>
  `{"from":${from},"to":${to},"approximate":${approximate},"sections":${sections}}`;

/**
 * Diffs between versions, computed once and kept: a version never changes, so neither does its diff.
 * The diff with the previous version is stored when a version is frozen; any other pair the first
 * time it is asked for. Computing happens in worker threads (DiffPool), never on the HTTP thread,
 * and the JSON goes from the database to the client as text, never parsed or written again here.
 */
@Injectable()
export class VersionDiffs implements OnApplicationShutdown {
  private readonly pool: DiffPool;
  /** Pairs being computed in this process: asked again meanwhile, they wait for the same work. */
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.pool = new DiffPool(config.diffThreads);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }

  /** At freeze, in its transaction: the new version's diff with the one before it. */
  async storeAtFreeze(tx: Tx, planId: string, number: number, sections: readonly Section[]): Promise<void> {
    if (number < 2) return;
    const [previous] = await tx.query<{ sections: string }>('SELECT sections::text AS sections FROM plan_versions WHERE plan_id = $1 AND number = $2', [
      planId,
      number - 1,
    ]);
    const result = await this.pool.run({ kind: 'sections', from: previous.sections, to: JSON.stringify(sections) });
    await this.insert(tx.query.bind(tx), planId, number - 1, number, result.approximate, result.json, tx.now);
  }

  /** The diff of two versions of a plan (whose access the caller has checked), as JSON text. */
  json(planId: string, from: number, to: number): Promise<string> {
    const key = `${planId}/${from}/${to}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.load(planId, from, to).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** Two texts (a section someone else saved, and what this person typed), off the HTTP thread. */
  async text(from: string, to: string): Promise<DiffOp[]> {
    return JSON.parse((await this.pool.run({ kind: 'text', from, to })).json.toString('utf8')) as DiffOp[];
  }

  /** Work of another module built on the diff, in the same threads (see DiffTask): its result as JSON in UTF-8. */
  async inThread(module: string, input: string): Promise<Buffer> {
    return (await this.pool.run({ kind: 'module', module, input })).json;
  }

  stats(): ReturnType<DiffPool['stats']> {
    return this.pool.stats();
  }

  private async load(planId: string, from: number, to: number): Promise<string> {
    // As text: the JSON is not parsed here (pg would parse a json column).
    const [stored] = await this.db.query<{ approximate: boolean; sections: string }[]>(
      'SELECT approximate, sections::text AS sections FROM plan_version_diffs WHERE plan_id = $1 AND from_number = $2 AND to_number = $3 AND algorithm = $4',
      [planId, from, to, DIFF_ALGORITHM],
    );
    if (stored) return diffJson(from, to, stored.approximate, stored.sections);
    const rows = await this.db.query<{ number: number; sections: string }[]>(
      'SELECT number, sections::text AS sections FROM plan_versions WHERE plan_id = $1 AND number = ANY($2::int[])',
      [planId, [from, to]],
    );
    const text = (n: number) => {
      const row = rows.find((r) => r.number === n);
      if (!row) throw versionNotFound(n);
      return row.sections;
    };
    const older = text(from);
    const newer = text(to);
    const result = await this.pool.run({ kind: 'sections', from: older, to: newer });
    await this.insert((sql, params) => this.db.query(sql, params), planId, from, to, result.approximate, result.json, this.clock.now());
    return diffJson(from, to, result.approximate, result.json.toString('utf8'));
  }

  private async insert(
    query: (sql: string, params: unknown[]) => Promise<unknown>,
    planId: string,
    from: number,
    to: number,
    approximate: boolean,
    json: Buffer,
    at: Date,
  ): Promise<void> {
    // Another process may have computed the same pair meanwhile: the same result, kept once. The
    // JSON goes as text: a Buffer parameter would be sent in binary format.
    await query(
      `INSERT INTO plan_version_diffs (plan_id, from_number, to_number, algorithm, approximate, sections, created_at)
       VALUES ($1, $2, $3, $4, $5, convert_from($6, 'UTF8')::json, $7) ON CONFLICT DO NOTHING`,
      [planId, from, to, DIFF_ALGORITHM, approximate, json, at],
    );
  }
}
