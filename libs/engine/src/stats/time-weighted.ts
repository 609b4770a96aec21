/**
 * Time-weighted accumulator of a piecewise-constant value, e.g. beds in use: mean over time,
 * time spent above a threshold (e.g. days over 95 % occupancy), maximum and minimum.
 */
export class TimeWeighted {
  private start: number;
  private lastTime: number;
  private current: number;
  private readonly threshold: number;
  private area = 0;
  private above = 0;
  /** Largest value held since the start (or the last reset). */
  max: number;
  /** Smallest value held since the start (or the last reset). */
  min: number;

  /** `threshold`: `timeAbove` counts time with value strictly greater (default: never). */
  constructor(startTime: number, initialValue = 0, threshold = Infinity) {
    this.start = startTime;
    this.lastTime = startTime;
    this.current = initialValue;
    this.threshold = threshold;
    this.max = initialValue;
    this.min = initialValue;
  }

  /** The value currently held. */
  get value(): number {
    return this.current;
  }

  /** The value changes to `value` at `time` (times must not go backwards). */
  update(time: number, value: number): void {
    const dt = time - this.lastTime;
    if (dt < 0) throw backwards(time, this.lastTime);
    this.area += this.current * dt;
    if (this.current > this.threshold) this.above += dt;
    this.lastTime = time;
    this.current = value;
    if (value > this.max) this.max = value;
    if (value < this.min) this.min = value;
  }

  /** ∫ value dt from the start to `time`. */
  integral(time: number): number {
    return this.area + this.current * (time - this.lastTime);
  }

  /** Mean over [start, time]; the current value when no time has passed. */
  mean(time: number): number {
    const elapsed = time - this.start;
    return elapsed > 0 ? this.integral(time) / elapsed : this.current;
  }

  /** Time in [start, time] with value above the threshold. */
  timeAbove(time: number): number {
    return this.above + (this.current > this.threshold ? time - this.lastTime : 0);
  }

  /** Starts afresh at `time`, keeping the current value (discards warm-up). */
  reset(time: number): void {
    this.update(time, this.current);
    this.start = time;
    this.area = 0;
    this.above = 0;
    this.max = this.current;
    this.min = this.current;
  }
}

// Cold path kept out of `update` so that stays small enough to inline.
function backwards(time: number, last: number): RangeError {
  return new RangeError(`TimeWeighted.update: time ${time} is before the last update (${last})`);
}
