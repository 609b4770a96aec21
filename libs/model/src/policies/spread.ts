// Deterministic integer spreading (largest remainder, ties to the lower index), used when a
// policy names an area: the change is shared over its hospitals or bases in proportion to
// what each has, and the parts always add up to the total.

export function spreadInteger(total: number, weights: ArrayLike<number>): number[] {
  const n = weights.length;
  const out = new Array<number>(n).fill(0);
  if (n === 0 || total <= 0) return out;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.max(0, weights[i]);
  const w = sum > 0 ? Array.from(weights, (x) => Math.max(0, x)) : new Array<number>(n).fill(1);
  if (sum <= 0) sum = n;
  let given = 0;
  const remainders: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const exact = (total * w[i]) / sum;
    out[i] = Math.floor(exact);
    given += out[i];
    remainders.push([exact - out[i], i]);
  }
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; given < total; k++, given++) out[remainders[k % n][1]]++;
  return out;
}

/**
 * Shares a cut of `total` over parts that may give at most `available[i]` each, in proportion to
 * what each may give (largest remainder); the cut stops at what they may give together.
 */
export function spreadCut(total: number, available: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < available.length; i++) sum += Math.max(0, available[i]);
  return spreadInteger(Math.min(total, sum), available);
}
