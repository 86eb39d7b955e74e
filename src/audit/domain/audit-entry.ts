import { createPublicKey, KeyObject, verify as verifySignature } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json';
import type { Text } from '../../common/errors/domain-error';
import { vnNumberText } from '../../common/vn-number';
import { leafHash, NodeKey, TreeBuilder } from './merkle-tree';

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

/** An entry of the log once sealed: `index` is its leaf's position in the tree, from 0. */
export interface AuditEntry {
  index: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
}

/** The leaf: SHA-256(0x00 ‖ canonical JSON (RFC 8785) of exactly these fields). */
export function entryLeafHash(entry: AuditEntry): Buffer {
  const { index, at, actorId, action, entityType, entityId, data } = entry;
  return leafHash(Buffer.from(canonicalJson({ index, at, actorId, action, entityType, entityId, data }), 'utf8'));
}

export type CheckpointAlgorithm = 'ed25519' | 'ecdsa-p256-sha256';

export interface Checkpoint {
  treeSize: number;
  rootHash: string;
  at: string;
  algorithm: CheckpointAlgorithm;
  /** SPKI PEM */
  publicKey: string;
  /** base64 */
  signature: string;
}

/** The line every issued document ends with: the checkpoint it was issued under. */
export function checkpointLine(c: Pick<Checkpoint, 'treeSize' | 'rootHash'>): string {
  return `Nhật ký kiểm tra: ${c.treeSize} · ${c.rootHash.slice(0, 16)}`;
}

/** The bytes a checkpoint's signature covers. */
export function checkpointText(c: Pick<Checkpoint, 'treeSize' | 'rootHash' | 'at'>): Buffer {
  return Buffer.from(`duthao-audit\n${c.treeSize}\n${c.rootHash}\n${c.at}\n`, 'utf8');
}

export function checkpointSignatureValid(c: Checkpoint, key: KeyObject): boolean {
  try {
    const digest = c.algorithm === 'ed25519' ? null : 'sha256';
    return verifySignature(digest, checkpointText(c), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export interface LogCheck {
  ok: boolean;
  /** Entries whose leaf was recomputed. */
  checked: number;
  checkpoints: number;
  /** The first entry (index) or checkpoint (tree size) found wrong. */
  brokenAt?: number;
  reason?: string;
}

/**
 * Recomputes the tree from the entries, fed in index order in batches, and checks each checkpoint
 * against it: the signature with the key the checker trusts (not the one the checkpoint names) and
 * the root at that size. A changed, removed or reordered entry gives other roots than the signed ones.
 */
export class LogVerifier {
  private readonly tree = new TreeBuilder();
  private readonly pending: Checkpoint[];
  private readonly trusted: KeyObject;
  private checkedCheckpoints = 0;
  private failure: { at: number; reason: Text } | null = null;

  constructor(checkpoints: Checkpoint[], trustedPublicKey: string | KeyObject) {
    this.trusted = typeof trustedPublicKey === 'string' ? createPublicKey(trustedPublicKey) : trustedPublicKey;
    this.pending = [...checkpoints].sort((a, b) => a.treeSize - b.treeSize);
    const forged = this.pending.find((c) => !checkpointSignatureValid(c, this.trusted));
    if (forged)
      this.fail(forged.treeSize, {
        vi: `điểm kiểm tra ${forged.treeSize}: chữ ký không phải của khóa được tin cậy`,
        en: `checkpoint ${forged.treeSize}: the signature is not the trusted key's`,
      });
    this.checkReached();
  }

  /**
   * Entries and, for each, the leaf hash the log claims (optional): a stored leaf that differs is
   * reported too. Returns the complete subtrees the entries made, for a check of the stored ones.
   */
  feed(entries: (AuditEntry & { leafHash?: string })[]): (NodeKey & { hash: Buffer })[] {
    const made: (NodeKey & { hash: Buffer })[] = [];
    for (const entry of entries) {
      if (this.failure) break;
      if (entry.index !== this.tree.size) {
        this.fail(this.tree.size, { vi: `mục ${this.tree.size} bị thiếu hoặc sai thứ tự`, en: `entry ${this.tree.size} is missing or out of order` });
        break;
      }
      const leaf = entryLeafHash(entry);
      if (entry.leafHash !== undefined && entry.leafHash !== leaf.toString('hex')) {
        this.fail(entry.index, { vi: `mục ${entry.index} không khớp với mã băm lá của nó`, en: `entry ${entry.index} does not match its leaf hash` });
        break;
      }
      made.push(...this.tree.append(leaf));
      this.checkReached();
    }
    return made;
  }

  finish(): LogCheck {
    if (!this.failure && this.pending.length)
      this.fail(this.pending[0].treeSize, {
        vi: `điểm kiểm tra ${this.pending[0].treeSize} vượt quá mục cuối cùng (${this.tree.size})`,
        en: `checkpoint ${this.pending[0].treeSize} is past the last entry (${this.tree.size})`,
      });
    const base = { checked: this.tree.size, checkpoints: this.checkedCheckpoints };
    return this.failure ? { ok: false, ...base, brokenAt: this.failure.at, reason: this.failure.reason.en } : { ok: true, ...base };
  }

  /** The outcome for a person (after finish): what was checked, or the first thing found wrong. */
  summary(): Text {
    if (this.failure) return { vi: `Nhật ký kiểm tra KHÔNG khớp: ${this.failure.reason.vi}.`, en: `The audit log does NOT verify: ${this.failure.reason.en}.` };
    const [entries, checkpoints] = [this.tree.size, this.checkedCheckpoints];
    return {
      vi: `Nhật ký kiểm tra khớp: đã tính lại ${vnNumberText(entries)} mục; ${vnNumberText(checkpoints)} điểm kiểm tra đúng chữ ký của khóa được tin cậy và đúng gốc.`,
      en: `The audit log verifies: ${vnNumberText(entries, 'en')} entries recomputed; ${vnNumberText(checkpoints, 'en')} checkpoints signed by the trusted key, with matching roots.`,
    };
  }

  private checkReached(): void {
    while (!this.failure && this.pending.length && this.pending[0].treeSize === this.tree.size) {
      const c = this.pending.shift()!;
      if (this.tree.root().toString('hex') !== c.rootHash)
        return this.fail(c.treeSize, {
          vi: `điểm kiểm tra ${c.treeSize}: các mục cho ra một gốc khác`,
          en: `checkpoint ${c.treeSize}: the entries give another root`,
        });
      this.checkedCheckpoints++;
    }
  }

  private fail(at: number, reason: Text): void {
    this.failure ??= { at, reason };
  }
}
