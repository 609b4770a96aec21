export interface WaitingLineOptions {
  /** Order by priority (lower first, FIFO within equal priority); default false = pure FIFO. */
  priority?: boolean;
  initialCapacity?: number;
}

/**
 * An ordered waiting line of int ids (e.g. patients waiting for a transfer bed): a binary heap
 * over (priority, arrival sequence) in typed arrays. In FIFO mode priorities are ignored, so
 * the sequence alone orders it. A waiter can leave (`remove`) from anywhere in the line.
 */
export class WaitingLine {
  private readonly byPriority: boolean;
  private ids: Int32Array;
  private priorities: Float64Array;
  private sequences: Float64Array;
  private times: Float64Array;
  private size = 0;
  private sequence = 0;
  /** The `time` given to `enqueue` for the id most recently dequeued or removed (NaN before). */
  lastEnqueueTime = NaN;

  constructor(options: WaitingLineOptions = {}) {
    this.byPriority = options.priority ?? false;
    const capacity = Math.max(8, options.initialCapacity ?? 64);
    this.ids = new Int32Array(capacity);
    this.priorities = new Float64Array(capacity);
    this.sequences = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Adds `id` (an int >= 0) at the back of its priority class; `time` is kept for wait times. */
  enqueue(id: number, priority = 0, time = NaN): void {
    if ((id | 0) !== id || id < 0)
      throw new RangeError(`WaitingLine.enqueue: id ${id} must be an int32 >= 0`);
    const p = this.byPriority ? priority : 0;
    if (Number.isNaN(p)) throw new RangeError('WaitingLine.enqueue: priority is NaN');
    if (this.size === this.ids.length) this.grow();
    const i = this.size++;
    this.ids[i] = id;
    this.priorities[i] = p;
    this.sequences[i] = this.sequence++;
    this.times[i] = time;
    this.siftUp(i);
  }

  /** The id at the front, or −1 when the line is empty. */
  peek(): number {
    return this.size === 0 ? -1 : this.ids[0];
  }

  /** Removes and returns the id at the front, or −1 when the line is empty. */
  dequeue(): number {
    if (this.size === 0) return -1;
    const id = this.ids[0];
    this.lastEnqueueTime = this.times[0];
    this.removeAt(0);
    return id;
  }

  /** The waiter `id` leaves the line (its earliest entry if queued twice); false if absent. */
  remove(id: number): boolean {
    let found = -1;
    for (let i = 0; i < this.size; i++) {
      if (this.ids[i] === id && (found < 0 || this.before(i, found))) found = i;
    }
    if (found < 0) return false;
    this.lastEnqueueTime = this.times[found];
    this.removeAt(found);
    return true;
  }

  private before(i: number, j: number): boolean {
    const pi = this.priorities[i];
    const pj = this.priorities[j];
    return pi < pj || (pi === pj && this.sequences[i] < this.sequences[j]);
  }

  private removeAt(i: number): void {
    const last = --this.size;
    if (i === last) return;
    this.move(last, i);
    this.siftDown(i);
    this.siftUp(i);
  }

  private move(from: number, to: number): void {
    this.ids[to] = this.ids[from];
    this.priorities[to] = this.priorities[from];
    this.sequences[to] = this.sequences[from];
    this.times[to] = this.times[from];
  }

  private swap(i: number, j: number): void {
    const { ids, priorities, sequences, times } = this;
    const id = ids[i];
    const p = priorities[i];
    const s = sequences[i];
    const t = times[i];
    ids[i] = ids[j];
    priorities[i] = priorities[j];
    sequences[i] = sequences[j];
    times[i] = times[j];
    ids[j] = id;
    priorities[j] = p;
    sequences[j] = s;
    times[j] = t;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const child = right < this.size && this.before(right, left) ? right : left;
      if (!this.before(child, i)) return;
      this.swap(i, child);
      i = child;
    }
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const ids = new Int32Array(capacity);
    const priorities = new Float64Array(capacity);
    const sequences = new Float64Array(capacity);
    const times = new Float64Array(capacity);
    ids.set(this.ids);
    priorities.set(this.priorities);
    sequences.set(this.sequences);
    times.set(this.times);
    this.ids = ids;
    this.priorities = priorities;
    this.sequences = sequences;
    this.times = times;
  }
}
