/**
 * Count, mean and variance of observations by Welford's update (stable for long runs), with
 * sum, minimum and maximum. Empty tallies report NaN for mean, min and max; variance needs two.
 */
export class Tally {
  private n = 0;
  private runningMean = 0;
  private m2 = 0;
  private total = 0;
  private low = Infinity;
  private high = -Infinity;

  add(x: number): void {
    const n = ++this.n;
    const delta = x - this.runningMean;
    this.runningMean += delta / n;
    this.m2 += delta * (x - this.runningMean);
    this.total += x;
    if (x < this.low) this.low = x;
    if (x > this.high) this.high = x;
  }

  get count(): number {
    return this.n;
  }
  get mean(): number {
    return this.n > 0 ? this.runningMean : NaN;
  }
  /** Sample variance (n − 1 in the denominator); NaN below two observations. */
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : NaN;
  }
  get sd(): number {
    return Math.sqrt(this.variance);
  }
  get min(): number {
    return this.n > 0 ? this.low : NaN;
  }
  get max(): number {
    return this.n > 0 ? this.high : NaN;
  }
  get sum(): number {
    return this.total;
  }
}
