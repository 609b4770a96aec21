/**
 * Quantiles (p50/p90/p95 of waits, response times…) in bounded memory with a relative error
 * guarantee: a DDSketch-style log-bucket histogram (Masson, Rim & Lee 2019). A value x > 0
 * falls in bucket ⌈log_γ x⌉ with γ = (1+α)/(1−α); every quantile is returned within relative
 * error α of a true sample quantile. Deterministic and mergeable, so replications can pool.
 */
export class QuantileSketch {
  readonly relativeAccuracy: number;
  private readonly logGamma: number;
  private readonly positive = new BucketStore();
  private readonly negative = new BucketStore();
  private zeros = 0;
  private n = 0;
  private low = Infinity;
  private high = -Infinity;

  /** `relativeAccuracy` α, default 0.5 %. */
  constructor(relativeAccuracy = 0.005) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new RangeError(`QuantileSketch: relative accuracy ${relativeAccuracy} must be in (0, 1)`);
    }
    this.relativeAccuracy = relativeAccuracy;
    this.logGamma = Math.log((1 + relativeAccuracy) / (1 - relativeAccuracy));
  }

  get count(): number {
    return this.n;
  }

  add(x: number): void {
    if (Number.isNaN(x)) throw new RangeError('QuantileSketch.add: NaN');
    this.n++;
    if (x < this.low) this.low = x;
    if (x > this.high) this.high = x;
    if (x > MIN_INDEXABLE) this.positive.add(Math.ceil(Math.log(x) / this.logGamma));
    else if (x < -MIN_INDEXABLE) this.negative.add(Math.ceil(Math.log(-x) / this.logGamma));
    else this.zeros++;
  }

  /** The q-quantile (0 <= q <= 1) by the lower rank ⌊q·(n−1)⌋; exact at 0 and 1; NaN when empty. */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`QuantileSketch.quantile: q ${q} must be in [0, 1]`);
    if (this.n === 0) return NaN;
    if (q === 0) return this.low;
    if (q === 1) return this.high;
    const rank = Math.floor(q * (this.n - 1));
    let value: number;
    const negatives = this.negative.total;
    if (rank < negatives) {
      // Most negative first: walk negative buckets from the largest magnitude down.
      const i = this.negative.indexAtRankFromTop(rank);
      value = -this.valueOf(i);
    } else if (rank < negatives + this.zeros) {
      value = 0;
    } else {
      value = this.valueOf(this.positive.indexAtRank(rank - negatives - this.zeros));
    }
    return Math.min(this.high, Math.max(this.low, value));
  }

  /** Adds another sketch's observations (same accuracy). */
  merge(other: QuantileSketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy)
      throw new RangeError('QuantileSketch.merge: accuracies differ');
    this.positive.merge(other.positive);
    this.negative.merge(other.negative);
    this.zeros += other.zeros;
    this.n += other.n;
    if (other.low < this.low) this.low = other.low;
    if (other.high > this.high) this.high = other.high;
  }

  private valueOf(index: number): number {
    // The bucket (γ^(i−1), γ^i] is represented by the point with equal relative error to both ends.
    return (2 * Math.exp(index * this.logGamma)) / (1 + Math.exp(this.logGamma));
  }
}

const MIN_INDEXABLE = 1e-12;

/** Counts per integer bucket index in a growable dense array. */
class BucketStore {
  private counts = new Float64Array(0);
  private offset = 0;
  total = 0;

  add(index: number, count = 1): void {
    if (this.counts.length === 0) {
      this.counts = new Float64Array(64);
      this.offset = index - 32;
    }
    if (index < this.offset || index >= this.offset + this.counts.length) this.extend(index);
    this.counts[index - this.offset] += count;
    this.total += count;
  }

  /** Bucket index of the observation with 0-based `rank` counted from the lowest bucket. */
  indexAtRank(rank: number): number {
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen > rank) return i + this.offset;
    }
    return this.counts.length - 1 + this.offset;
  }

  /** Same, counted from the highest bucket down. */
  indexAtRankFromTop(rank: number): number {
    let seen = 0;
    for (let i = this.counts.length - 1; i >= 0; i--) {
      seen += this.counts[i];
      if (seen > rank) return i + this.offset;
    }
    return this.offset;
  }

  merge(other: BucketStore): void {
    for (let i = 0; i < other.counts.length; i++) {
      if (other.counts[i] > 0) this.add(i + other.offset, other.counts[i]);
    }
  }

  private extend(index: number): void {
    const lo = Math.min(this.offset, index);
    const hi = Math.max(this.offset + this.counts.length, index + 1);
    const length = Math.max(hi - lo, this.counts.length * 2);
    const offset = index < this.offset ? hi - length : lo;
    const counts = new Float64Array(length);
    counts.set(this.counts, this.offset - offset);
    this.counts = counts;
    this.offset = offset;
  }
}
