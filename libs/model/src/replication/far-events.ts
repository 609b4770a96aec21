// Phase ends more than a day ahead wait in per-day buckets instead of the engine's heap, and
// are handed to the heap the day before they are due. On a region the size of Japan a million
// patients lie in bed, each with one pending phase end; keeping only the next two days of them
// in the heap keeps it small enough for the cache, which is what an event costs. Order is
// unchanged: every event is in the heap well before its time, and ties still break by
// (time, priority, insertion order) — insertion order is simply the bucket's.
import { MINUTES_PER_DAY as MINUTES_PER_DAY_ } from '@caretwin/contracts';
import type { Simulation } from '@caretwin/engine';

// A local copy: imported bindings are getters in the CommonJS output, and schedule() runs once
// per bed stay.
const MINUTES_PER_DAY = MINUTES_PER_DAY_;

export class FarEvents {
  private readonly times: Float64Array[] = [];
  private readonly ids: Int32Array[] = [];
  private readonly counts: Int32Array;

  constructor(
    private readonly sim: Simulation,
    private readonly kind: number,
    /** events at or after this time never fire, so they are not kept */
    private readonly end: number,
  ) {
    this.counts = new Int32Array(Math.ceil(end / MINUTES_PER_DAY) + 2);
  }

  /** Schedules event `kind` for `id` at `time` (>= now). */
  schedule(time: number, id: number): void {
    const day = Math.floor(time / MINUTES_PER_DAY);
    if (day < Math.floor(this.sim.now / MINUTES_PER_DAY) + 2) {
      this.sim.postAt(time, this.kind, id);
      return;
    }
    if (time >= this.end) return;
    const n = this.counts[day];
    let t = this.times[day];
    if (t === undefined || n === t.length) t = this.grow(day, n);
    t[n] = time;
    this.ids[day][n] = id;
    this.counts[day] = n + 1;
  }

  /** At the start of `day`: the events of the next day go to the heap. */
  flush(day: number): void {
    const next = day + 1;
    if (next >= this.counts.length) return;
    const n = this.counts[next];
    const t = this.times[next];
    const ids = this.ids[next];
    for (let i = 0; i < n; i++) this.sim.postAt(t[i], this.kind, ids[i]);
    this.counts[next] = 0;
    // The bucket's buffers are done with; let them go (days never come back).
    if (n > 0) {
      this.times[next] = new Float64Array(0);
      this.ids[next] = new Int32Array(0);
    }
  }

  private grow(day: number, n: number): Float64Array {
    const size = Math.max(64, n * 2);
    const t = new Float64Array(size);
    const ids = new Int32Array(size);
    const oldT = this.times[day];
    if (oldT !== undefined) {
      t.set(oldT.subarray(0, n));
      ids.set(this.ids[day].subarray(0, n));
    }
    this.times[day] = t;
    this.ids[day] = ids;
    return t;
  }
}
