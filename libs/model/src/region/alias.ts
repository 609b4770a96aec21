// Walker/Vose alias tables stored flat in typed arrays, many tables in one buffer, sampled
// from a single uniform. The model samples from per-patient hashed uniforms (see
// demand/keyed-draws.ts), which the engine's AliasTable (it takes a stream) cannot do.

/** Builds one alias table for `weights` into prob/alias at `offset` (entries offset..offset+n-1). */
export function buildAlias(
  weights: ArrayLike<number>,
  prob: Float64Array,
  alias: Int32Array,
  offset: number,
): void {
  const n = weights.length;
  if (n === 0) return;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  if (!(total > 0)) {
    // No weight anywhere: sample uniformly so callers never see an undefined index.
    for (let i = 0; i < n; i++) {
      prob[offset + i] = 1;
      alias[offset + i] = i;
    }
    return;
  }
  const scaled = new Float64Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i] * n) / total;
    if (scaled[i] < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns];
    const l = large[--nl];
    prob[offset + s] = scaled[s];
    alias[offset + s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    if (scaled[l] < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  // Leftovers are 1 up to rounding.
  while (nl > 0) {
    const l = large[--nl];
    prob[offset + l] = 1;
    alias[offset + l] = l;
  }
  while (ns > 0) {
    const s = small[--ns];
    prob[offset + s] = 1;
    alias[offset + s] = s;
  }
}

/** Samples an index 0..n-1 of the table at `offset` from one uniform u in [0, 1). */
export function sampleAlias(
  prob: Float64Array,
  alias: Int32Array,
  offset: number,
  n: number,
  u: number,
): number {
  const x = u * n;
  let i = x | 0;
  if (i >= n) i = n - 1;
  return x - i < prob[offset + i] ? i : alias[offset + i];
}

/** A single alias table (for small one-off categorical draws). */
export class FlatAlias {
  readonly size: number;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  constructor(weights: ArrayLike<number>) {
    this.size = weights.length;
    this.prob = new Float64Array(this.size);
    this.alias = new Int32Array(this.size);
    buildAlias(weights, this.prob, this.alias, 0);
  }
  sample(u: number): number {
    return sampleAlias(this.prob, this.alias, 0, this.size, u);
  }
}
