import type { EventHeap } from './event-heap';
import { CANCELLED, type EventSlots } from './event-slots';

const EMPTY_TIMES = new Float64Array(0);
const EMPTY_SLOTS = new Int32Array(0);
const SPARES = 16;

/**
 * Far-future events wait outside the heap, in unsorted buckets one `width` wide (a day by
 * default), and move into the heap when their bucket comes due — a two-level calendar in the
 * spirit of the ladder queue. In a hospital most pending events are discharges days or weeks
 * ahead; keeping only about one bucket of them in the heap keeps the heap small enough for the
 * cache, and an append costs less than a sift.
 *
 * Invariant: every pending event earlier than `loadedUntil` is in the heap; the buckets hold
 * only events at or after it. So the heap's root is the true minimum whenever it is earlier
 * than `loadedUntil`; the simulation loads the next bucket otherwise. Events beyond the ring of
 * buckets (years ahead) go straight to the heap, which is always correct, just slower.
 */
export class FarBuckets {
  /** Start of the first bucket not yet loaded: events before it are in the heap. */
  loadedUntil: number;
  /** Events held in buckets (cancelled ones included until they are loaded). */
  size = 0;
  private readonly width: number;
  /** Index of the first bucket not yet loaded (loadedUntil = next · width). */
  private next: number;
  private readonly times: Float64Array[] = [];
  private readonly slots: Int32Array[] = [];
  private readonly counts: Int32Array;
  private readonly mask: number;
  /** Arrays of drained buckets, handed to buckets that start filling (no regrowth). */
  private readonly spareTimes: Float64Array[] = [];
  private readonly spareSlots: Int32Array[] = [];

  constructor(width: number, ringSize = 4096) {
    if (!(width > 0 && width < Infinity))
      throw new RangeError(`Simulation: bucket width ${width} must be a positive number of minutes`);
    this.width = width;
    this.next = 1;
    this.loadedUntil = width;
    this.counts = new Int32Array(ringSize);
    this.mask = ringSize - 1;
    for (let i = 0; i < ringSize; i++) {
      this.times.push(EMPTY_TIMES);
      this.slots.push(EMPTY_SLOTS);
    }
  }

  /** Keeps the event if its bucket is within the ring; false means: put it in the heap. */
  tryAdd(time: number, slot: number): boolean {
    const k = Math.floor(time / this.width);
    if (k - this.next > this.mask) return false;
    const r = k & this.mask;
    const n = this.counts[r];
    if (n === this.times[r].length) this.grow(r);
    this.times[r][n] = time;
    this.slots[r][n] = slot;
    this.counts[r] = n + 1;
    this.size++;
    return true;
  }

  /**
   * Moves the next bucket into the heap (in insertion order) and returns how many cancelled
   * events it dropped on the way. Reading each event's slot here is deliberate: the loads are
   * independent, so the CPU overlaps their cache misses, and when the events fire later today
   * their slots are already in cache instead of costing one dependent miss per event.
   */
  loadNext(heap: EventHeap, slots: EventSlots): number {
    const r = this.next & this.mask;
    const n = this.counts[r];
    const times = this.times[r];
    const bucketSlots = this.slots[r];
    // First pass: only independent loads, so the CPU can have many misses in flight.
    let anyCancelled = 0;
    for (let i = 0; i < n; i++) anyCancelled |= slots.state(bucketSlots[i]) & CANCELLED;
    let dropped = 0;
    for (let i = 0; i < n; i++) {
      const s = bucketSlots[i];
      if (anyCancelled !== 0 && slots.state(s) === CANCELLED) {
        slots.release(s);
        dropped++;
      } else heap.push(times[i], s);
    }
    this.counts[r] = 0;
    this.size -= n;
    this.next++;
    this.loadedUntil = this.next * this.width;
    // Hand the (grown) arrays on to the next bucket that starts filling, instead of regrowing.
    if (times.length > 0 && this.spareTimes.length < SPARES) {
      this.spareTimes.push(times);
      this.spareSlots.push(bucketSlots);
      this.times[r] = EMPTY_TIMES;
      this.slots[r] = EMPTY_SLOTS;
    }
    return dropped;
  }

  /** With no bucketed events, skips ahead so that `loadedUntil` > `time`. */
  catchUp(time: number): void {
    this.next = Math.floor(time / this.width) + 1;
    this.loadedUntil = this.next * this.width;
  }

  /** Drops the events whose slot fails `keep` (compaction after many cancellations). */
  filter(keep: (slot: number) => boolean): void {
    for (let r = 0; r <= this.mask; r++) {
      const n = this.counts[r];
      const times = this.times[r];
      const slots = this.slots[r];
      let m = 0;
      for (let i = 0; i < n; i++) {
        if (!keep(slots[i])) continue;
        times[m] = times[i];
        slots[m] = slots[i];
        m++;
      }
      this.counts[r] = m;
      this.size -= n - m;
    }
  }

  private grow(r: number): void {
    if (this.counts[r] === 0 && this.spareTimes.length > 0) {
      this.times[r] = this.spareTimes.pop() as Float64Array;
      this.slots[r] = this.spareSlots.pop() as Int32Array;
      return;
    }
    const capacity = Math.max(64, this.times[r].length * 2);
    const times = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    times.set(this.times[r]);
    slots.set(this.slots[r]);
    this.times[r] = times;
    this.slots[r] = slots;
  }
}
