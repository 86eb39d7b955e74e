import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0), §2.1: leaf = SHA-256(0x00 ‖ data),
 * node = SHA-256(0x01 ‖ left ‖ right), the left subtree always the largest power of two. Hashes are
 * Buffers here and lowercase hex outside.
 *
 * Proofs are built from complete subtrees only: node (level, index) covers leaves
 * [index·2^level, (index+1)·2^level). Such a node never changes once the tree has grown past it, so the
 * sealer stores each one once and a proof reads O(log n) of them instead of recomputing the tree.
 */

export function leafHash(data: Buffer | string): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(data)
    .digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();
}

/** The hash of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT = createHash('sha256').digest();

/** Reads a stored complete subtree; the proof functions call it only for nodes that exist at that size. */
export type NodeReader = (level: number, index: number) => Buffer;

export interface NodeKey {
  level: number;
  index: number;
}

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

/** MTH(D[start:end]) where start is a multiple of the largest power of two ≤ end - start (always so in RFC 9162's recursions). */
function subtreeHash(start: number, end: number, read: NodeReader): Buffer {
  const size = end - start;
  if (isPowerOfTwo(size) && start % size === 0) return read(Math.log2(size), start / size);
  const k = split(size);
  return nodeHash(subtreeHash(start, start + k, read), subtreeHash(start + k, end, read));
}

export function rootAt(size: number, read: NodeReader): Buffer {
  return size === 0 ? EMPTY_ROOT : subtreeHash(0, size, read);
}

/** PATH(m, D[0:n]), RFC 9162 §2.1.3.1. */
export function inclusionProof(index: number, size: number, read: NodeReader): Buffer[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path = (m: number, start: number, end: number): Buffer[] => {
    if (end - start === 1) return [];
    const k = split(end - start);
    return m < k ? [...path(m, start, start + k), subtreeHash(start + k, end, read)] : [...path(m - k, start + k, end), subtreeHash(start, start + k, read)];
  };
  return path(index, 0, size);
}

/** PROOF(m, D[0:n]), RFC 9162 §2.1.4.1. */
export function consistencyProof(from: number, to: number, read: NodeReader): Buffer[] {
  if (!(from >= 0 && from <= to)) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  if (from === 0 || from === to) return [];
  const sub = (m: number, start: number, end: number, complete: boolean): Buffer[] => {
    const n = end - start;
    if (m === n) return complete ? [] : [subtreeHash(start, end, read)];
    const k = split(n);
    return m <= k
      ? [...sub(m, start, start + k, complete), subtreeHash(start + k, end, read)]
      : [...sub(m - k, start + k, end, false), subtreeHash(start, start + k, read)];
  };
  return sub(from, 0, to, true);
}

/** Which stored nodes a computation reads: run it once with this, fetch them, run it again. */
export function nodesNeeded(compute: (read: NodeReader) => unknown): NodeKey[] {
  const keys = new Map<string, NodeKey>();
  compute((level, index) => {
    keys.set(`${level}/${index}`, { level, index });
    return EMPTY_ROOT;
  });
  return [...keys.values()];
}

/** RFC 9162 §2.1.3.2. */
export function verifyInclusion(index: number, size: number, leaf: Buffer, path: Buffer[], root: Buffer): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2. */
export function verifyConsistency(from: number, to: number, fromRoot: Buffer, toRoot: Buffer, proof: Buffer[]): boolean {
  if (from > to) return false;
  if (from === to) return proof.length === 0 && fromRoot.equals(toRoot);
  if (from === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : proof;
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else sr = nodeHash(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(fromRoot) && sr.equals(toRoot);
}

/**
 * The tree grown leaf by leaf: the right-most complete subtree of each size (the "compact range"),
 * enough for the root at every size. Each append reports the complete nodes it made, for storage.
 */
export class TreeBuilder {
  /** Complete subtrees from the largest (left) to the smallest (right), with their levels. */
  private frontier: { level: number; hash: Buffer }[];

  constructor(
    public size = 0,
    frontier: { level: number; hash: Buffer }[] = [],
  ) {
    this.frontier = [...frontier];
  }

  /** The nodes a tree of `size` keeps in its frontier: one per set bit of size, largest first. */
  static frontierKeys(size: number): NodeKey[] {
    const keys: NodeKey[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (Math.floor(size / width) % 2 === 1) {
        keys.push({ level, index: start / width });
        start += width;
      }
    }
    return keys;
  }

  append(leaf: Buffer): (NodeKey & { hash: Buffer })[] {
    const made: (NodeKey & { hash: Buffer })[] = [{ level: 0, index: this.size, hash: leaf }];
    let node = { level: 0, hash: leaf };
    let index = this.size;
    while (this.frontier.length && this.frontier[this.frontier.length - 1].level === node.level) {
      const left = this.frontier.pop()!;
      node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
      index = Math.floor(index / 2);
      made.push({ level: node.level, index, hash: node.hash });
    }
    this.frontier.push(node);
    this.size++;
    return made;
  }

  root(): Buffer {
    if (this.frontier.length === 0) return EMPTY_ROOT;
    let hash = this.frontier[this.frontier.length - 1].hash;
    for (let i = this.frontier.length - 2; i >= 0; i--) hash = nodeHash(this.frontier[i].hash, hash);
    return hash;
  }
}
