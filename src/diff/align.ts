/**
 * Sequence alignment for the children of one group (records, record units and
 * subgroups). Three passes, like a person reading two printouts side by side:
 *
 * 1. Keyed elements (a PG19 by entity role, a line by its line number) pair
 *    with the element of the same kind and key, the n-th with the n-th. Order
 *    does not matter: a reordered line is the same line.
 * 2. A longest common subsequence over the whole sequence finds the anchors:
 *    keyed pairs from pass 1 and unkeyed elements with identical content.
 * 3. Between two anchors, what is left pairs up by kind in order (a PG05 whose
 *    text changed is one changed record, not a removal and an addition).
 *    Keyed elements take part only when `positional` (a tariff whose HTS
 *    number changed stays the same tariff).
 *
 * The result lists every element once, in A's order, with B's additions where
 * B has them (after any removals at that place).
 */

export interface Alignable {
  /** Only elements of the same kind pair (`PG05`, `entity`, `group:line`). */
  kind: string;
  /** Identity within the kind; undefined for elements compared by content. */
  key?: string;
  /** Content for unkeyed elements: equal signatures are the same element. */
  signature: string;
  /** A keyed element left unpaired may pair by position (pass 3). */
  positional?: boolean;
}

export interface Pair<T> {
  a?: T;
  b?: T;
}

/** Above this many cells the LCS table is skipped and the middle is one gap (pass 3 still pairs by kind). */
const LCS_CELLS = 4_000_000;

export function align<T extends Alignable>(as: readonly T[], bs: readonly T[]): Pair<T>[] {
  const partnerOfA = new Int32Array(as.length).fill(-1);
  const partnerOfB = new Int32Array(bs.length).fill(-1);
  const link = (i: number, j: number) => {
    partnerOfA[i] = j;
    partnerOfB[j] = i;
  };

  // Pass 1: keys, the n-th occurrence with the n-th.
  const byKey = new Map<string, number[]>();
  as.forEach((x, i) => {
    if (x.key === undefined) return;
    const k = `${x.kind}\0${x.key}`;
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  bs.forEach((y, j) => {
    if (y.key === undefined) return;
    const i = byKey.get(`${y.kind}\0${y.key}`)?.shift();
    if (i !== undefined) link(i, j);
  });

  // Pass 2: anchors.
  const same = (i: number, j: number) => {
    const x = as[i]!, y = bs[j]!;
    if (x.key !== undefined || y.key !== undefined) return partnerOfA[i] === j;
    return x.kind === y.kind && x.signature === y.signature;
  };
  const anchors = lcs(as.length, bs.length, same);
  for (const [i, j] of anchors) link(i, j);

  // Pass 3: leftovers between anchors, paired by kind in order (keyed with keyed, unkeyed with unkeyed).
  const bucket = (x: T) => (x.key === undefined ? x.kind : `${x.kind}\0key`);
  const free = (x: T, partner: number) => partner === -1 && (x.key === undefined || !!x.positional);
  let i0 = 0, j0 = 0;
  for (const [ai, bj] of [...anchors, [as.length, bs.length] as const]) {
    const waiting = new Map<string, number[]>();
    for (let j = j0; j < bj; j++) {
      if (!free(bs[j]!, partnerOfB[j]!)) continue;
      const list = waiting.get(bucket(bs[j]!));
      if (list) list.push(j);
      else waiting.set(bucket(bs[j]!), [j]);
    }
    for (let i = i0; i < ai; i++) {
      if (!free(as[i]!, partnerOfA[i]!)) continue;
      const j = waiting.get(bucket(as[i]!))?.shift();
      if (j !== undefined) link(i, j);
    }
    i0 = ai + 1;
    j0 = bj + 1;
  }

  return order(as, bs, partnerOfA, partnerOfB);
}

/**
 * Pairs in A's order; an element only in B goes just before the A element its
 * B successor is paired with, so removals come before additions as in diff(1).
 */
function order<T>(as: readonly T[], bs: readonly T[], partnerOfA: Int32Array, partnerOfB: Int32Array): Pair<T>[] {
  const rows: { major: number; minor: number; pair: Pair<T> }[] = [];
  as.forEach((a, i) => {
    const j = partnerOfA[i]!;
    rows.push({ major: i, minor: 0, pair: j === -1 ? { a } : { a, b: bs[j]! } });
  });
  let before = as.length;
  for (let j = bs.length - 1; j >= 0; j--) {
    const i = partnerOfB[j]!;
    if (i !== -1) before = i;
    else rows.push({ major: before - 0.5, minor: j, pair: { b: bs[j]! } });
  }
  rows.sort((x, y) => x.major - y.major || x.minor - y.minor);
  return rows.map((r) => r.pair);
}

/**
 * Longest common subsequence as increasing index pairs. Equal prefixes and
 * suffixes are taken first (the common case: few changes), then a dynamic
 * programming table over the middle when it is small enough.
 */
function lcs(n: number, m: number, same: (i: number, j: number) => boolean): [number, number][] {
  const head: [number, number][] = [];
  let lo = 0;
  while (lo < n && lo < m && same(lo, lo)) head.push([lo, lo++]);
  let hiA = n, hiB = m;
  const tail: [number, number][] = [];
  while (hiA > lo && hiB > lo && same(hiA - 1, hiB - 1)) tail.unshift([--hiA, --hiB]);
  const rows = hiA - lo, cols = hiB - lo;
  if (rows === 0 || cols === 0 || rows * cols > LCS_CELLS) return [...head, ...tail];

  // table[r][c]: LCS length of A[lo+r..hiA) and B[lo+c..hiB).
  const w = cols + 1;
  const table = new Int32Array((rows + 1) * w);
  for (let r = rows - 1; r >= 0; r--) {
    for (let c = cols - 1; c >= 0; c--) {
      table[r * w + c] = same(lo + r, lo + c) ? table[(r + 1) * w + c + 1]! + 1 : Math.max(table[(r + 1) * w + c]!, table[r * w + c + 1]!);
    }
  }
  const middle: [number, number][] = [];
  let r = 0, c = 0;
  while (r < rows && c < cols) {
    if (same(lo + r, lo + c)) {
      middle.push([lo + r++, lo + c++]);
    } else if (table[(r + 1) * w + c]! >= table[r * w + c + 1]!) r++;
    else c++;
  }
  return [...head, ...middle, ...tail];
}
