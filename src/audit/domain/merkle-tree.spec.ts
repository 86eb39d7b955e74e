import { createHash } from 'node:crypto';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  nodeHash,
  nodesNeeded,
  NodeReader,
  rootAt,
  TreeBuilder,
  verifyConsistency,
  verifyInclusion,
} from './merkle-tree';

// The reference algorithms of RFC 9162 §2.1, straight from the text, over the leaf data.
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return createHash('sha256').digest();
  if (d.length === 1) return leafHash(d[0]);
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}
function refPath(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k ? [...refPath(m, d.slice(0, k)), mth(d.slice(k))] : [...refPath(m - k, d.slice(k)), mth(d.slice(0, k))];
}
function refSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [mth(d)];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m <= k ? [...refSubproof(m, d.slice(0, k), b), mth(d.slice(k))] : [...refSubproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}
const refProof = (m: number, d: Buffer[]) => (m === 0 || m === d.length ? [] : refSubproof(m, d, true));

/** The eight leaves of the Certificate Transparency test vectors (certificate-transparency-go, trillian). */
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Grows a tree with the builder, keeping every node it reports as the sealer stores them. */
function grow(leaves: Buffer[]): { read: NodeReader; roots: Buffer[] } {
  const nodes = new Map<string, Buffer>();
  const tree = new TreeBuilder();
  const roots: Buffer[] = [];
  for (const leaf of leaves) {
    for (const n of tree.append(leafHash(leaf))) {
      expect(nodes.has(`${n.level}/${n.index}`)).toBe(false);
      nodes.set(`${n.level}/${n.index}`, n.hash);
    }
    roots.push(tree.root());
  }
  const read: NodeReader = (level, index) => {
    const hash = nodes.get(`${level}/${index}`);
    if (!hash) throw new Error(`node ${level}/${index} is not stored`);
    return hash;
  };
  return { read, roots };
}

const leaves = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`mục nhật ký ${i}`));

describe('Merkle tree (RFC 9162)', () => {
  it('gives the Certificate Transparency test vectors', () => {
    const { read, roots } = grow(CT_LEAVES);
    expect(roots.map((r) => r.toString('hex'))).toEqual(CT_ROOTS);
    for (let n = 1; n <= 8; n++) expect(rootAt(n, read).toString('hex')).toBe(CT_ROOTS[n - 1]);
    expect(rootAt(0, read)).toEqual(EMPTY_ROOT);
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('roots and inclusion proofs for every leaf of every size 1..40 match the RFC and verify', () => {
    const data = leaves(40);
    const { read, roots } = grow(data);
    for (let n = 1; n <= 40; n++) {
      const d = data.slice(0, n);
      const root = mth(d);
      expect(roots[n - 1]).toEqual(root);
      expect(rootAt(n, read)).toEqual(root);
      for (let m = 0; m < n; m++) {
        const path = inclusionProof(m, n, read);
        expect(path).toEqual(refPath(m, d));
        expect(verifyInclusion(m, n, leafHash(d[m]), path, root)).toBe(true);
        expect(verifyInclusion(m, n, leafHash(Buffer.from('khác')), path, root)).toBe(false);
        if (path.length) expect(verifyInclusion(m, n, leafHash(d[m]), path.slice(1), root)).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, leafHash(d[m]), path, root)).toBe(false);
      }
    }
  });

  it('consistency proofs for every pair m <= n <= 40 match the RFC and verify', () => {
    const data = leaves(40);
    const { read } = grow(data);
    for (let n = 1; n <= 40; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(m, n, read);
        expect(proof).toEqual(refProof(m, data.slice(0, n)));
        const [a, b] = [mth(data.slice(0, m)), mth(data.slice(0, n))];
        expect(verifyConsistency(m, n, a, b, proof)).toBe(true);
        if (m > 0 && m < n) {
          expect(verifyConsistency(m, n, leafHash(Buffer.from('x')), b, proof)).toBe(false);
          expect(verifyConsistency(m, n, a, leafHash(Buffer.from('x')), proof)).toBe(false);
          expect(verifyConsistency(m, n, a, b, proof.slice(0, -1))).toBe(false);
        }
      }
    }
  });

  it('a builder resumed from the stored frontier goes on as if it had never stopped', () => {
    const data = leaves(37);
    const { read, roots } = grow(data);
    for (let s = 0; s <= 36; s++) {
      const frontier = TreeBuilder.frontierKeys(s).map((k) => ({ level: k.level, hash: read(k.level, k.index) }));
      const resumed = new TreeBuilder(s, frontier);
      for (let i = s; i < 37; i++) {
        resumed.append(leafHash(data[i]));
        expect(resumed.root()).toEqual(roots[i]);
      }
    }
  });

  it('a proof reads O(log n) stored nodes, never the whole tree', () => {
    const n = 1_000_003;
    expect(nodesNeeded((read) => inclusionProof(123_456, n, read)).length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)));
    expect(nodesNeeded((read) => consistencyProof(999_999, n, read)).length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)));
    expect(nodesNeeded((read) => rootAt(n, read)).length).toBe(TreeBuilder.frontierKeys(n).length);
  });

  it('refuses proofs outside the tree', () => {
    const { read } = grow(leaves(4));
    expect(() => inclusionProof(4, 4, read)).toThrow(RangeError);
    expect(() => consistencyProof(5, 4, read)).toThrow(RangeError);
  });
});
