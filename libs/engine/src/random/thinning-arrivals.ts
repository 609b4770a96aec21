import type { RandomStream } from './random-stream';

/**
 * Non-homogeneous Poisson arrivals by thinning (Lewis & Shedler 1979) over a rate that is
 * constant within each bin (e.g. per hour). Candidates come at the fixed bound `maxRate`; each
 * is kept with probability rate/maxRate. Every candidate costs exactly two uniforms whatever the
 * rates are, so a what-if that changes rates (under the same bound) stays paired with its
 * baseline: the same candidates, only different acceptances.
 */
export class ThinningArrivals {
  private readonly rates: Float64Array;
  private readonly binMinutes: number;
  private readonly maxRate: number;
  private readonly end: number;

  /** `ratePerBin` and `maxRate` are per minute; bin i covers [i·binMinutes, (i+1)·binMinutes). */
  constructor(ratePerBin: Float64Array, binMinutes: number, maxRate: number) {
    if (!(binMinutes > 0 && binMinutes < Infinity))
      throw new RangeError(`ThinningArrivals: binMinutes ${binMinutes} must be positive`);
    if (!(maxRate >= 0 && maxRate < Infinity))
      throw new RangeError(`ThinningArrivals: maxRate ${maxRate} must be finite and >= 0`);
    for (let i = 0; i < ratePerBin.length; i++) {
      const r = ratePerBin[i];
      if (!(r >= 0 && r <= maxRate)) {
        throw new RangeError(
          `ThinningArrivals: rate ${r} in bin ${i} is outside [0, maxRate = ${maxRate}]; raise the bound`,
        );
      }
    }
    this.rates = ratePerBin;
    this.binMinutes = binMinutes;
    this.maxRate = maxRate;
    this.end = ratePerBin.length * binMinutes;
  }

  /** Absolute time of the next accepted arrival after `now`; +Infinity past the last bin. */
  next(now: number, rng: RandomStream): number {
    if (this.maxRate === 0) return Infinity;
    const meanGap = 1 / this.maxRate;
    let t = now;
    for (;;) {
      t += rng.exponential(meanGap);
      if (t >= this.end) return Infinity;
      const accept = rng.uniform() * this.maxRate;
      if (accept < this.rates[Math.floor(t / this.binMinutes)]) return t;
    }
  }
}
