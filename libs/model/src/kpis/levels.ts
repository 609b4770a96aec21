// Time integrals of many piecewise-constant levels (beds in use, capacity, blocked patients).
// A change costs one multiply-add; a reading closes the integral at a given time. The engine's
// TimeWeighted does the same for one level; the model keeps tens of thousands (one per bed
// pool), so it keeps them flat, each level's value, integral and last change side by side (one
// cache line instead of three on a region the size of Japan).
const STRIDE = 4;
const VALUE = 0;
const ACC = 1;
const LAST = 2;

export class Levels {
  private readonly data: Float64Array;

  constructor(readonly size: number) {
    this.data = new Float64Array(size * STRIDE);
  }

  value(i: number): number {
    return this.data[i * STRIDE + VALUE];
  }

  add(i: number, delta: number, t: number): void {
    const d = this.data;
    const j = i * STRIDE;
    d[j + ACC] += d[j + VALUE] * (t - d[j + LAST]);
    d[j + LAST] = t;
    d[j + VALUE] += delta;
  }

  set(i: number, v: number, t: number): void {
    this.add(i, v - this.value(i), t);
  }

  /** Integral of level i since the last take/reset, up to time t. */
  integral(i: number, t: number): number {
    const d = this.data;
    const j = i * STRIDE;
    return d[j + ACC] + d[j + VALUE] * (t - d[j + LAST]);
  }

  /** Returns the integral up to t and starts a new one at t. */
  take(i: number, t: number): number {
    const v = this.integral(i, t);
    const j = i * STRIDE;
    this.data[j + ACC] = 0;
    this.data[j + LAST] = t;
    return v;
  }

  /** Starts every integral afresh at t (end of warm-up); levels keep their values. */
  resetAll(t: number): void {
    const d = this.data;
    for (let j = 0; j < d.length; j += STRIDE) {
      d[j + ACC] = 0;
      d[j + LAST] = t;
    }
  }
}
