import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json';

export const AUDIT_ENTITY_TYPES = [
  'plan',
  'round',
  'comment',
  'approval',
  'conference',
  'directive',
  'document',
  'user',
  'agency',
  'disposition_reason',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** The hash of the chain before its first row. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: AuditEntityType;
  entityId: string | null;
  data: Record<string, unknown>;
}

/** The text of an entry that is hashed: canonical JSON of exactly these fields. */
function entryText(entry: AuditEntry): string {
  return canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    data: entry.data,
  });
}

/** Each row's hash covers its content and the previous row's hash: change or remove one and every later link breaks. */
export function chainHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(entryText(entry)).digest('hex');
}

/**
 * The text chainHash hashes, up to the sequence number: canonical JSON sorts the keys and "seq" comes
 * last, so for any seq the text is `prefix + seq + "}"`. With it the database can number and hash a
 * row in the very statement that takes the head of the chain (appendAudit), over the same bytes:
 * sha256(prevHash + "\n" + prefix + seq + "}") = chainHash(prevHash, entry).
 */
export function chainContentPrefix(entry: Omit<AuditEntry, 'seq'>): string {
  const text = entryText({ ...entry, seq: 0 });
  if (!text.endsWith(',"seq":0}')) throw new Error('the audit entry does not end with its sequence number');
  return text.slice(0, -2);
}

export interface StoredAuditRow extends AuditEntry {
  prevHash: string;
  hash: string;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The first row (by sequence number) where the chain breaks. */
  brokenAt?: number;
  reason?: string;
}

/**
 * Walks rows in sequence order, carrying the state between batches. Sequence numbers have no gaps,
 * so a deleted row shows as a missing number even when its neighbours were re-linked.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private failure: { seq: number; reason: string } | null = null;

  feed(rows: StoredAuditRow[]): void {
    for (const row of rows) {
      if (this.failure) return;
      this.count++;
      if (row.seq !== this.expectedSeq) return this.fail(this.expectedSeq, `row ${this.expectedSeq} is missing`);
      if (row.prevHash !== this.prevHash) return this.fail(row.seq, 'link to the previous row is broken');
      if (chainHash(this.prevHash, row) !== row.hash) return this.fail(row.seq, 'row content does not match its hash');
      this.prevHash = row.hash;
      this.expectedSeq++;
    }
  }

  /** The head records the last sequence number and hash, so removing the newest rows is caught too. */
  finish(head: { lastSeq: number; lastHash: string }): ChainCheck {
    if (!this.failure && (head.lastSeq !== this.expectedSeq - 1 || head.lastHash !== this.prevHash)) {
      this.fail(this.expectedSeq, 'the newest rows are missing or changed');
    }
    return this.failure ? { ok: false, checked: this.count, brokenAt: this.failure.seq, reason: this.failure.reason } : { ok: true, checked: this.count };
  }

  private fail(seq: number, reason: string): void {
    this.failure = { seq, reason };
  }
}
