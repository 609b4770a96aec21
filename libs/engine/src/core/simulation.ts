import { EventHeap } from './event-heap';
import { CANCELLED, EventSlots } from './event-slots';
import { FarBuckets } from './far-buckets';
import { MINUTES_PER_DAY } from './time';

/** Called for every event: `kind` is the model's event code, `a`/`b` two int32 payloads. */
export type EventHandler = (kind: number, a: number, b: number) => void;

export interface SimulationOptions {
  /** Pending events to make room for up front (default 1024); the queue grows by doubling. */
  initialCapacity?: number;
  /**
   * Width in minutes of the buckets that hold far-future events outside the heap (default one
   * day). Changes speed only, never the order of events.
   */
  bucketMinutes?: number;
  /** Buckets in the ring, a power of two (default 4096); events further ahead go to the heap. */
  bucketCount?: number;
}

/** Priorities are int32; lower fires first among events at the same time. */
export const MIN_PRIORITY = -(2 ** 31);
export const MAX_PRIORITY = 2 ** 31 - 1;

/**
 * The clock and the event loop. Events are ordered by (time, priority, insertion sequence),
 * so ties never depend on heap layout. Events due within the current day are in a binary heap;
 * later ones wait in day buckets (FarBuckets) until their day comes. Cancelled events stay
 * where they are and are skipped when they surface (compacted once they are the majority).
 */
export class Simulation {
  private clock = 0;
  private processed = 0;
  private sequence = 0;
  private cancelled = 0;
  private stopRequested = false;
  private readonly heap: EventHeap;
  private readonly slots: EventSlots;
  private readonly far: FarBuckets;

  constructor(options: SimulationOptions = {}) {
    const capacity = options.initialCapacity ?? 1024;
    this.slots = new EventSlots(capacity);
    this.heap = new EventHeap(capacity, this.slots);
    this.far = new FarBuckets(options.bucketMinutes ?? MINUTES_PER_DAY, options.bucketCount ?? 4096);
  }

  /** Current time in minutes. */
  get now(): number {
    return this.clock;
  }

  /** Events in the queue, cancelled ones excluded. */
  get pending(): number {
    return this.heap.count + this.far.size - this.cancelled;
  }

  get eventsProcessed(): number {
    return this.processed;
  }

  /** Schedules at absolute `time` (>= now) and returns a handle for `cancel`. */
  scheduleAt(time: number, kind: number, a = 0, b = 0, priority = 0): number {
    return this.slots.handleOf(this.insert(time, kind, a, b, priority));
  }

  scheduleIn(delay: number, kind: number, a = 0, b = 0, priority = 0): number {
    return this.slots.handleOf(this.insert(this.clock + delay, kind, a, b, priority));
  }

  /**
   * Schedules like `scheduleAt` but makes no handle: for the many events that are never
   * cancelled (arrivals, discharges). A handle is a double beyond the small-integer range, and
   * returning one from a call V8 does not inline allocates a heap number per event.
   */
  postAt(time: number, kind: number, a = 0, b = 0, priority = 0): void {
    this.insert(time, kind, a, b, priority);
  }

  postIn(delay: number, kind: number, a = 0, b = 0, priority = 0): void {
    this.insert(this.clock + delay, kind, a, b, priority);
  }

  /** Cancels a pending event by handle; false when it already fired or was cancelled. */
  cancel(handle: number): boolean {
    const slot = this.slots.pendingSlotOf(handle);
    if (slot < 0) return false;
    this.slots.setState(slot, CANCELLED);
    this.cancelled++;
    // Lazy deletion keeps cancel O(1); compact when dead entries outnumber live ones so a
    // model that cancels most of what it schedules (timeouts) does not grow the queue forever.
    if (this.cancelled > 1024 && this.cancelled * 2 > this.heap.count + this.far.size) this.compact();
    return true;
  }

  /** Stops `run` after the current event (or day hook) returns. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Runs events with time <= `until`, then sets now = `until` (unless stopped). Calls
   * `onDay(day)` once at each day boundary crossed — day = whole days completed since time 0 —
   * with now at the boundary and before the first event of the new day; it may schedule events.
   * Without `until` the run ends when the queue is empty.
   */
  run(handler: EventHandler, until = Infinity, onDay?: (day: number) => void): void {
    if (!(until >= this.clock))
      throw new RangeError(`Simulation.run: until ${until} is before now (${this.clock})`);
    this.stopRequested = false;
    const heap = this.heap;
    const slots = this.slots;
    const far = this.far;
    // With no day hook the boundary is +Infinity: one comparison per event, nothing more.
    let nextDay =
      onDay === undefined ? Infinity : (Math.floor(this.clock / MINUTES_PER_DAY) + 1) * MINUTES_PER_DAY;
    for (;;) {
      if (heap.hole) heap.fillHole();
      const size = heap.size;
      const t = size === 0 ? Infinity : heap.topTime();
      // The root is the minimum only while it is earlier than every bucketed event (and
      // buckets past `until` can wait for the next run).
      if (t >= far.loadedUntil && far.size > 0 && far.loadedUntil <= until) {
        this.cancelled -= far.loadNext(heap, slots);
        continue;
      }
      if (size === 0 && until === Infinity) break;
      if (t >= nextDay && nextDay <= until) {
        this.clock = nextDay;
        nextDay += MINUTES_PER_DAY;
        (onDay as (day: number) => void)(this.clock / MINUTES_PER_DAY);
        if (this.stopRequested) break;
        continue;
      }
      if (t > until) break;
      const s = heap.topSlot();
      heap.takeRoot();
      if (slots.state(s) === CANCELLED) {
        this.cancelled--;
        slots.release(s);
        continue;
      }
      const kind = slots.kind(s);
      const a = slots.a(s);
      const b = slots.b(s);
      slots.release(s);
      this.clock = t;
      // Buckets are empty here if t is past them; move the window so that what the handler
      // schedules for later today goes to the heap, not to an already-due bucket.
      if (t >= far.loadedUntil) far.catchUp(t);
      this.processed++;
      handler(kind, a, b);
      if (this.stopRequested) break;
    }
    if (heap.hole) heap.fillHole();
    if (!this.stopRequested && until !== Infinity) this.clock = until;
  }

  private insert(time: number, kind: number, a: number, b: number, priority: number): number {
    // The checks' messages live in a cold function to keep this one small enough to inline.
    if (!(time >= this.clock) || (priority | 0) !== priority) throw scheduleError(time, priority, this.clock);
    const slot = this.slots.allocate(kind, a, b, priority, this.sequence++);
    if (time < this.far.loadedUntil || !this.far.tryAdd(time, slot)) this.heap.push(time, slot);
    return slot;
  }

  private compact(): void {
    const slots = this.slots;
    const keep = (s: number): boolean => {
      if (slots.state(s) !== CANCELLED) return true;
      slots.release(s);
      return false;
    };
    this.heap.filter(keep);
    this.far.filter(keep);
    this.cancelled = 0;
  }
}

function scheduleError(time: number, priority: number, now: number): RangeError {
  if (!(time >= now))
    return new RangeError(`Simulation.scheduleAt: time ${time} is before now (${now}) or not a number`);
  return new RangeError(
    `Simulation.scheduleAt: priority ${priority} is not an integer in [${MIN_PRIORITY}, ${MAX_PRIORITY}]`,
  );
}
