/**
 * Payload store for pending events: (kind, a, b) per slot in typed arrays, a free-list of
 * slots, and a generation per slot so a handle that outlived its event cannot cancel the
 * slot's next occupant.
 *
 * A handle is `generation × 2^24 + slot` — exact in a double, unique while the generation
 * (which wraps at 2^29) has not come round, i.e. for 2^29 reuses of one slot.
 */
export const PENDING = 1;
export const CANCELLED = 2;

const SLOT_BITS = 24;
const SLOT_SCALE = 2 ** SLOT_BITS;
export const MAX_SLOTS = SLOT_SCALE;
const GENERATION_WRAP = 2 ** 29;

export class EventSlots {
  kind: Int32Array;
  a: Int32Array;
  b: Int32Array;
  generation: Uint32Array;
  /** 0 free, PENDING, or CANCELLED (still in the heap, skipped when it surfaces). */
  state: Uint8Array;
  private freeList: Int32Array;
  private freeTop = 0;
  /** Slots ever handed out; slots below this are either pending or on the free-list. */
  private used = 0;

  constructor(initialCapacity: number) {
    const capacity = Math.max(16, initialCapacity | 0);
    this.kind = new Int32Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.generation = new Uint32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.freeList = new Int32Array(capacity);
  }

  allocate(kind: number, a: number, b: number): number {
    let s: number;
    if (this.freeTop > 0) s = this.freeList[--this.freeTop];
    else {
      s = this.used++;
      if (s === this.kind.length) this.grow();
    }
    this.kind[s] = kind;
    this.a[s] = a;
    this.b[s] = b;
    this.state[s] = PENDING;
    return s;
  }

  release(s: number): void {
    this.state[s] = 0;
    const g = this.generation[s] + 1;
    this.generation[s] = g === GENERATION_WRAP ? 0 : g;
    this.freeList[this.freeTop++] = s;
  }

  handleOf(s: number): number {
    return this.generation[s] * SLOT_SCALE + s;
  }

  /** The slot a live handle names, or −1 when the handle is stale, cancelled or malformed. */
  pendingSlotOf(handle: number): number {
    if (!Number.isSafeInteger(handle) || handle < 0) return -1;
    const s = handle % SLOT_SCALE;
    if (s >= this.used || this.state[s] !== PENDING) return -1;
    return this.generation[s] === (handle - s) / SLOT_SCALE ? s : -1;
  }

  private grow(): void {
    if (this.kind.length >= MAX_SLOTS)
      throw new RangeError(`Simulation: more than ${MAX_SLOTS} pending events`);
    const capacity = this.kind.length * 2;
    this.kind = copyInt32(this.kind, capacity);
    this.a = copyInt32(this.a, capacity);
    this.b = copyInt32(this.b, capacity);
    const generation = new Uint32Array(capacity);
    generation.set(this.generation);
    this.generation = generation;
    const state = new Uint8Array(capacity);
    state.set(this.state);
    this.state = state;
    this.freeList = copyInt32(this.freeList, capacity);
  }
}

function copyInt32(from: Int32Array, capacity: number): Int32Array {
  const to = new Int32Array(capacity);
  to.set(from);
  return to;
}
