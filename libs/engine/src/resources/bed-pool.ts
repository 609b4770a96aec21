/**
 * A counted resource — the beds of one function (e.g. 急性期 acute) in one hospital.
 * Capacity may change during a run: a rise applies at once; a cut applies as beds free up,
 * because patients in bed are never put out. So `inUse` may sit above `capacity` after a cut,
 * and no bed is handed out until it is back below.
 */
export class BedPool {
  private cap: number;
  private used = 0;

  constructor(capacity: number) {
    this.cap = checkCapacity(capacity);
  }

  get capacity(): number {
    return this.cap;
  }

  get inUse(): number {
    return this.used;
  }

  get free(): number {
    return this.used < this.cap ? this.cap - this.used : 0;
  }

  /** Takes a bed when one is free; false when full (or still above a reduced capacity). */
  tryAcquire(): boolean {
    if (this.used < this.cap) {
      this.used++;
      return true;
    }
    return false;
  }

  release(): void {
    if (this.used === 0)
      throw new RangeError('BedPool.release: no bed is in use (released more than acquired)');
    this.used--;
  }

  setCapacity(capacity: number): void {
    this.cap = checkCapacity(capacity);
  }
}

function checkCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 0)
    throw new RangeError(`BedPool: capacity ${capacity} must be an integer >= 0`);
  return capacity;
}
