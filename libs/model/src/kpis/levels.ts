// Time integrals of many piecewise-constant levels (beds in use, capacity, blocked patients)
// in three typed arrays. A change costs one multiply-add; a reading closes the integral at a
// given time. The engine's TimeWeighted does the same for one level; the model keeps tens of
// thousands (one per bed pool), so it keeps them flat.
export class Levels {
  readonly value: Float64Array;
  private readonly acc: Float64Array;
  private readonly last: Float64Array;

  constructor(readonly size: number) {
    this.value = new Float64Array(size);
    this.acc = new Float64Array(size);
    this.last = new Float64Array(size);
  }

  add(i: number, delta: number, t: number): void {
    this.acc[i] += this.value[i] * (t - this.last[i]);
    this.last[i] = t;
    this.value[i] += delta;
  }

  set(i: number, v: number, t: number): void {
    this.add(i, v - this.value[i], t);
  }

  /** Integral of level i since the last take/reset, up to time t. */
  integral(i: number, t: number): number {
    return this.acc[i] + this.value[i] * (t - this.last[i]);
  }

  /** Returns the integral up to t and starts a new one at t. */
  take(i: number, t: number): number {
    const v = this.integral(i, t);
    this.acc[i] = 0;
    this.last[i] = t;
    return v;
  }

  /** Starts every integral afresh at t (end of warm-up); levels keep their values. */
  resetAll(t: number): void {
    this.acc.fill(0);
    this.last.fill(t);
  }
}
