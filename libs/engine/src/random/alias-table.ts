import type { RandomStream } from './random-stream';

/**
 * Categorical draws in O(1) by Walker's alias method, built with Vose's stable O(n) pairing.
 * One uniform per draw: its integer part picks a column, its fraction decides column or alias.
 */
export class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  /** `weights` are non-negative, finite, with a positive sum; they need not sum to 1. */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new RangeError('AliasTable: needs at least one weight');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0 && w < Infinity))
        throw new RangeError(`AliasTable: weight ${i} is ${w}; weights must be finite and >= 0`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError('AliasTable: weights sum to 0');
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
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
      this.probability[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) small[ns++] = l;
      else large[nl++] = l;
    }
    // Leftovers are 1 up to rounding: they always keep their own column.
    while (nl > 0) this.probability[large[--nl]] = 1;
    while (ns > 0) this.probability[small[--ns]] = 1;
  }

  get size(): number {
    return this.probability.length;
  }

  sample(rng: RandomStream): number {
    const x = rng.uniform() * this.probability.length;
    const column = Math.floor(x);
    return x - column < this.probability[column] ? column : this.alias[column];
  }
}
