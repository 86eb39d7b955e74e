import { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { CHECKPOINT_COLUMNS, checkpointOf, CheckpointRow, ENTRY_COLUMNS, entryOf, EntryRow } from './audit-rows';
import type { Text } from '../common/errors/domain-error';
import { AuditEntry, Checkpoint, LogCheck, LogVerifier } from './domain/audit-entry';

/**
 * The log as an outsider takes it away: entries.jsonl (sealed entries in index order, each with the
 * leaf hash the server claims), checkpoints.jsonl (every signed checkpoint, oldest first) and
 * public-key.pem (the key the server says it signs with; an auditor compares it with the published one).
 */
export const EXPORT_FILES = { entries: 'entries.jsonl', checkpoints: 'checkpoints.jsonl', publicKey: 'public-key.pem' };

export async function exportAudit(db: DataSource, dir: string, publicKeyPem: string): Promise<{ entries: number; checkpoints: number }> {
  mkdirSync(dir, { recursive: true });
  return db.transaction('REPEATABLE READ', async (em) => {
    const out = createWriteStream(join(dir, EXPORT_FILES.entries));
    let after = -1;
    let entries = 0;
    for (;;) {
      const rows: (EntryRow & { leaf: Buffer })[] = await em.query(
        `SELECT a.${ENTRY_COLUMNS.split(', ').join(', a.')}, n.hash AS leaf FROM audit_log a JOIN audit_nodes n ON n.level = 0 AND n.idx = a.seq
         WHERE a.seq > $1 ORDER BY a.seq LIMIT 5000`,
        [after],
      );
      if (!rows.length) break;
      const text = rows.map((r) => JSON.stringify({ ...entryOf(r), leafHash: r.leaf.toString('hex') })).join('\n') + '\n';
      if (!out.write(text)) await once(out, 'drain');
      entries += rows.length;
      after = Number(rows[rows.length - 1].seq);
    }
    out.end();
    await once(out, 'finish');
    const checkpoints = ((await em.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY tree_size`)) as CheckpointRow[]).map(checkpointOf);
    writeFileSync(join(dir, EXPORT_FILES.checkpoints), checkpoints.map((c) => JSON.stringify(c) + '\n').join(''));
    writeFileSync(join(dir, EXPORT_FILES.publicKey), publicKeyPem);
    return { entries, checkpoints: checkpoints.length };
  });
}

/** A checkpoint file: one JSON object (as GET /api/audit/checkpoints/latest gives it) or JSON lines of them. */
export function readCheckpoints(file: string): Checkpoint[] {
  const text = readFileSync(file, 'utf8').trim();
  if (!text) return [];
  if (text.startsWith('{') && !text.includes('\n')) return [JSON.parse(text) as Checkpoint];
  try {
    const whole = JSON.parse(text) as Checkpoint | Checkpoint[];
    return Array.isArray(whole) ? whole : [whole];
  } catch {
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Checkpoint);
  }
}

/**
 * What `verify-audit` does, trusting nothing but the public key it is given: recomputes every leaf
 * and the tree from the exported entries and checks each checkpoint's signature and root; `summary`
 * says the outcome to a person.
 */
export async function verifyExport(dir: string, checkpoints: Checkpoint[], publicKeyPem: string): Promise<LogCheck & { summary: Text }> {
  const verifier = new LogVerifier(checkpoints, publicKeyPem);
  const lines = createInterface({ input: createReadStream(join(dir, EXPORT_FILES.entries)), crlfDelay: Infinity });
  let batch: (AuditEntry & { leafHash?: string })[] = [];
  for await (const line of lines) {
    if (!line.trim()) continue;
    batch.push(JSON.parse(line));
    if (batch.length === 1000) {
      verifier.feed(batch);
      batch = [];
    }
  }
  verifier.feed(batch);
  return { ...verifier.finish(), summary: verifier.summary() };
}
