/**
 * Payload store for pending events. Each slot is one 32-byte record in a single buffer —
 * kind, a, b, generation·4 + state, priority (int32) and the insertion sequence (float64) — so
 * firing an event touches one cache line, not one per field (with 40 000 pending events the
 * store is far larger than L1). Freed slots go on a LIFO free-list: the slot just fired is the
 * next one scheduled, and its line is still in cache.
 *
 * The generation makes handles safe: a handle is `generation × 2^24 + slot`, and a handle
 * that outlived its event (fired or cancelled) no longer matches the slot's generation, so it
 * cannot cancel the slot's next occupant — until the generation wraps after 2^29 reuses.
 */
export const FREE = 0;
export const PENDING = 1;
export const CANCELLED = 2;

const SLOT_SCALE = 2 ** 24;
export const MAX_SLOTS = SLOT_SCALE;
const GENERATION_WRAP = 2 ** 29;
const INTS = 8; // int32 fields per record: kind, a, b, generation·4 + state, priority, (pad), sequence
const FLOATS = 4; // float64 fields per record; the sequence is the last one

export class EventSlots {
  ints: Int32Array;
  floats: Float64Array;
  private freeList: Int32Array;
  private freeTop = 0;
  /** Slots ever handed out; slots below this are either pending or on the free-list. */
  private used = 0;

  constructor(initialCapacity: number) {
    const capacity = Math.max(16, initialCapacity | 0);
    const buffer = new ArrayBuffer(capacity * INTS * 4);
    this.ints = new Int32Array(buffer);
    this.floats = new Float64Array(buffer);
    this.freeList = new Int32Array(capacity);
  }

  allocate(kind: number, a: number, b: number, priority: number, sequence: number): number {
    const s = this.freeTop > 0 ? this.freeList[--this.freeTop] : this.fresh();
    const ints = this.ints;
    const i = s * INTS;
    ints[i] = kind;
    ints[i + 1] = a;
    ints[i + 2] = b;
    ints[i + 3] = (ints[i + 3] & ~3) | PENDING;
    ints[i + 4] = priority;
    this.floats[s * FLOATS + 3] = sequence;
    return s;
  }

  state(s: number): number {
    return this.ints[s * INTS + 3] & 3;
  }

  setState(s: number, state: number): void {
    const i = s * INTS + 3;
    this.ints[i] = (this.ints[i] & ~3) | state;
  }

  /** Frees the slot and bumps its generation, so handles to it go stale. */
  release(s: number): void {
    const i = s * INTS + 3;
    const generation = (this.ints[i] >>> 2) + 1;
    this.ints[i] = (generation === GENERATION_WRAP ? 0 : generation) << 2; // state FREE
    this.freeList[this.freeTop++] = s;
  }

  handleOf(s: number): number {
    return (this.ints[s * INTS + 3] >>> 2) * SLOT_SCALE + s;
  }

  /** The slot a live handle names, or −1 when the handle is stale, cancelled or malformed. */
  pendingSlotOf(handle: number): number {
    if (!Number.isSafeInteger(handle) || handle < 0) return -1;
    const s = handle % SLOT_SCALE;
    if (s >= this.used || this.state(s) !== PENDING) return -1;
    return this.ints[s * INTS + 3] >>> 2 === (handle - s) / SLOT_SCALE ? s : -1;
  }

  /** Tie-break for equal times: lower priority first, then earlier insertion. */
  before(s: number, t: number): boolean {
    const ps = this.ints[s * INTS + 4];
    const pt = this.ints[t * INTS + 4];
    return ps < pt || (ps === pt && this.floats[s * FLOATS + 3] < this.floats[t * FLOATS + 3]);
  }

  private fresh(): number {
    const s = this.used++;
    if (s * INTS === this.ints.length) this.grow();
    return s;
  }

  private grow(): void {
    const capacity = this.freeList.length;
    if (capacity >= MAX_SLOTS) throw new RangeError(`Simulation: more than ${MAX_SLOTS} pending events`);
    const buffer = new ArrayBuffer(capacity * 2 * INTS * 4);
    const ints = new Int32Array(buffer);
    ints.set(this.ints);
    this.ints = ints;
    this.floats = new Float64Array(buffer);
    const freeList = new Int32Array(capacity * 2);
    freeList.set(this.freeList);
    this.freeList = freeList;
  }

  /** Payload of slot s (read when it fires). */
  kind(s: number): number {
    return this.ints[s * INTS];
  }
  a(s: number): number {
    return this.ints[s * INTS + 1];
  }
  b(s: number): number {
    return this.ints[s * INTS + 2];
  }
}
