import type { EventSlots } from './event-slots';

/**
 * Implicit binary min-heap of pending events in typed arrays (no object per event).
 *
 * A heap entry is (time, slot); `slot` points at the event's payload in EventSlots. The tie
 * key (priority, insertion sequence) stays in the slot and is read only when two times are
 * equal, so a sift moves 12 bytes per level. With tens of thousands of pending events (a
 * prefecture's occupied beds) the heap outgrows L2 cache, and bytes per level is what a pop costs.
 *
 * The root can be left vacant (a "hole") after the minimum is taken: the simulation takes the
 * root, runs the handler, and the first event the handler schedules drops into the hole and
 * sinks (one sift instead of a sift-down for the pop plus a sift-up for the push). Most
 * handlers schedule something a short time ahead (the next arrival), which as a push would
 * climb almost to the root. A handler that schedules nothing gets the hole filled from the end.
 */
export class EventHeap {
  time: Float64Array;
  slot: Int32Array;
  private readonly slots: EventSlots;
  /** Entries in use, counting the vacant root when `hole` is set. */
  size = 0;
  hole = false;

  constructor(initialCapacity: number, slots: EventSlots) {
    const capacity = Math.max(16, initialCapacity | 0);
    this.time = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
    this.slots = slots;
  }

  /** Entries that hold an event (the vacant root excluded). */
  get count(): number {
    return this.hole ? this.size - 1 : this.size;
  }

  /** Time and slot of the root (valid when size > 0 and there is no hole). */
  topTime(): number {
    return this.time[0];
  }
  topSlot(): number {
    return this.slot[0];
  }

  push(time: number, slot: number): void {
    if (this.hole) {
      this.hole = false;
      this.siftDown(0, time, slot);
      return;
    }
    const i = this.size++;
    if (i === this.time.length) this.grow();
    this.siftUp(i, time, slot);
  }

  /** Vacates the root; the caller has read it. The next push or `fillHole` repairs the heap. */
  takeRoot(): void {
    this.hole = true;
  }

  /**
   * Fills the vacant root with the last entry, bottom-up (Floyd): the hole walks down along
   * the smaller children to a leaf (one comparison per level), then the last entry — usually
   * among the latest events, so it belongs near the bottom — climbs back a level or two.
   */
  fillHole(): void {
    this.hole = false;
    const n = --this.size;
    if (n === 0) return;
    const { time, slot, slots } = this;
    const t = time[n];
    const s = slot[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const rt = time[r];
        const ct = time[c];
        if (rt < ct || (rt === ct && slots.before(slot[r], slot[c]))) c = r;
      }
      time[i] = time[c];
      slot[i] = slot[c];
      i = c;
    }
    this.siftUp(i, t, s);
  }

  /** Keeps only the entries whose slot passes `keep`, then re-heapifies (Floyd, O(n)). */
  filter(keep: (slot: number) => boolean): void {
    if (this.hole) this.fillHole();
    const { time, slot } = this;
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      if (!keep(slot[i])) continue;
      time[n] = time[i];
      slot[n] = slot[i];
      n++;
    }
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i, time[i], slot[i]);
  }

  private siftUp(i: number, t: number, s: number): void {
    const { time, slot, slots } = this;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p];
      if (pt < t || (pt === t && slots.before(slot[p], s))) break;
      time[i] = pt;
      slot[i] = slot[p];
      i = p;
    }
    time[i] = t;
    slot[i] = s;
  }

  private siftDown(i: number, t: number, s: number): void {
    const { time, slot, slots } = this;
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = time[c];
      const r = c + 1;
      if (r < n) {
        const rt = time[r];
        if (rt < ct || (rt === ct && slots.before(slot[r], slot[c]))) {
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && slots.before(s, slot[c]))) break;
      time[i] = ct;
      slot[i] = slot[c];
      i = c;
    }
    time[i] = t;
    slot[i] = s;
  }

  private grow(): void {
    this.time = grownFloat64(this.time, this.time.length * 2);
    const slot = new Int32Array(this.slot.length * 2);
    slot.set(this.slot);
    this.slot = slot;
  }
}

function grownFloat64(from: Float64Array, length: number): Float64Array {
  const to = new Float64Array(length);
  to.set(from);
  return to;
}
