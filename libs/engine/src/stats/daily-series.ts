/** One value per simulated day (e.g. midnight census), in a typed array; unset days are 0. */
export class DailySeries {
  readonly values: Float64Array;

  constructor(days: number) {
    if (!Number.isInteger(days) || days < 0)
      throw new RangeError(`DailySeries: days ${days} must be an integer >= 0`);
    this.values = new Float64Array(days);
  }

  get length(): number {
    return this.values.length;
  }

  set(day: number, value: number): void {
    this.values[this.index(day)] = value;
  }

  add(day: number, value: number): void {
    this.values[this.index(day)] += value;
  }

  private index(day: number): number {
    if (!Number.isInteger(day) || day < 0 || day >= this.values.length) {
      throw new RangeError(`DailySeries: day ${day} is outside 0..${this.values.length - 1}`);
    }
    return day;
  }
}
