// Patients (and ambulance calls) as struct-of-arrays in typed columns with a free list: no
// object per patient, no allocation per event. A slot is reused after its patient leaves; the
// patient's `serial` (generation order) indexes the `fate` log used by the conservation census.

/** Where a live patient is. FREE marks an unused slot. */
export const Live = {
  FREE: 0,
  IN_BED: 1,
  /** in bed, waiting for a bed of the next phase (bed blocking) */
  BLOCKED: 2,
  /** admitted outside occupancy */
  OVERFLOW: 3,
  /** vehicle assigned: driving to scene, on scene, inquiring, driving to hospital */
  TRANSPORT: 4,
  WAITING_VEHICLE: 5,
  /** on a hospital's booking list (予定入院), waiting for a slot and a bed */
  BOOKED: 6,
  /** at a hospital's door: arrived (walk-in, scheduled) or taken off a closed list, being admitted */
  AT_DOOR: 7,
} as const;
export const LIVE_STATES = 8;

/** Terminal fates in the fate log (0 = still alive). */
export const Fate = {
  ALIVE: 0,
  DISCHARGED: 1,
  DIED: 2,
  TRANSPORTED_NOT_ADMITTED: 3,
  LEFT_REGION: 4,
} as const;
export const FATES = 5;

export const Flag = {
  AMBULANCE: 1,
  /** booked ahead (予定入院) */
  SCHEDULED: 2,
  BORROWED: 4,
  OVERFLOW: 8,
  /** an ambulance call that ends without admission */
  CALL: 16,
  /** in bed since before time 0 (initial census): the current stay has no known start */
  INITIAL: 32,
  /** redirected walk-in (the first choice was full) */
  REDIRECTED: 64,
  /** bed-blocked in its own hospital and also queued for a transfer: whichever bed frees first */
  WAITS_BOTH: 128,
} as const;

export class PatientTable {
  capacity: number;
  serial!: Int32Array;
  key!: Int32Array;
  condition!: Int16Array;
  municipality!: Int32Array;
  state!: Uint8Array;
  flags!: Uint8Array;
  phase!: Int32Array;
  /** phase waited for while blocked */
  nextPhase!: Int32Array;
  /** phases begun so far (salts the keyed stay and branch draws) */
  ordinal!: Int32Array;
  hospital!: Int32Array;
  pool!: Int32Array;
  /** route key (capability × function) for inquiries and gravity */
  route!: Int32Array;
  base!: Int32Array;
  /** multiplier on every stay (a later admission after deferred outpatient care comes in sicker) */
  stayFactor!: Float64Array;
  /** sex from the arrival cell: 0 male, 1 female, 2 unknown (four-band demand, initial census) */
  sex!: Uint8Array;
  /** age band from the arrival cell (index into AGE_BANDS; 5-year bands mapped), 255 unknown */
  ageBand!: Uint8Array;
  /** call time (ambulance) or arrival time (walk-in, booking) */
  tCall!: Float64Array;
  tScene!: Float64Array;
  /** when the current bed was taken */
  tBed!: Float64Array;
  /** when the current wait (blocking, list, vehicle) began */
  tMark!: Float64Array;
  /** minutes added to time to care (redirect drive) */
  extra!: Float64Array;
  /**
   * End of the current acute phase while its recovery-level tail may still move to a recovery
   * bed (bed-rules.ts, step-down of the tail); −1 otherwise.
   */
  tEnd!: Float64Array;

  private freeList: Int32Array;
  private freeCount = 0;
  private used = 0;
  /** live patients (slots in use) */
  live = 0;

  /** fate per serial (generation order), grows as patients are generated */
  fate: Uint8Array;
  generated = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = 0;
    this.freeList = new Int32Array(0);
    this.fate = new Uint8Array(Math.max(1024, initialCapacity));
    this.resize(Math.max(16, initialCapacity));
  }

  /** Takes a slot for a newly generated patient or call. */
  allocate(): number {
    let id: number;
    if (this.freeCount > 0) id = this.freeList[--this.freeCount];
    else {
      if (this.used === this.capacity) this.resize(this.capacity * 2);
      id = this.used++;
    }
    if (this.generated === this.fate.length) {
      const f = new Uint8Array(this.fate.length * 2);
      f.set(this.fate);
      this.fate = f;
    }
    this.serial[id] = this.generated++;
    this.flags[id] = 0;
    this.sex[id] = 2;
    this.ageBand[id] = 255;
    this.ordinal[id] = 0;
    this.stayFactor[id] = 1;
    this.pool[id] = -1;
    this.hospital[id] = -1;
    this.base[id] = -1;
    this.nextPhase[id] = -1;
    this.extra[id] = 0;
    this.tEnd[id] = -1;
    this.live++;
    return id;
  }

  /** Ends a patient with a terminal fate and frees its slot. */
  finish(id: number, fate: number): void {
    this.fate[this.serial[id]] = fate;
    this.state[id] = Live.FREE;
    this.freeList[this.freeCount++] = id;
    this.live--;
  }

  /** Slots ever handed out (live ones are those with state ≠ FREE). */
  get high(): number {
    return this.used;
  }

  private resize(n: number): void {
    const grow = <T extends Int32Array | Int16Array | Uint8Array | Float64Array>(
      old: T | undefined,
      make: (n: number) => T,
    ): T => {
      const next = make(n);
      if (old) next.set(old as never);
      return next;
    };
    this.serial = grow(this.serial, (k) => new Int32Array(k));
    this.key = grow(this.key, (k) => new Int32Array(k));
    this.condition = grow(this.condition, (k) => new Int16Array(k));
    this.municipality = grow(this.municipality, (k) => new Int32Array(k));
    this.state = grow(this.state, (k) => new Uint8Array(k));
    this.flags = grow(this.flags, (k) => new Uint8Array(k));
    this.phase = grow(this.phase, (k) => new Int32Array(k));
    this.nextPhase = grow(this.nextPhase, (k) => new Int32Array(k));
    this.ordinal = grow(this.ordinal, (k) => new Int32Array(k));
    this.hospital = grow(this.hospital, (k) => new Int32Array(k));
    this.pool = grow(this.pool, (k) => new Int32Array(k));
    this.route = grow(this.route, (k) => new Int32Array(k));
    this.base = grow(this.base, (k) => new Int32Array(k));
    this.stayFactor = grow(this.stayFactor, (k) => new Float64Array(k));
    this.sex = grow(this.sex, (k) => new Uint8Array(k));
    this.ageBand = grow(this.ageBand, (k) => new Uint8Array(k));
    this.tCall = grow(this.tCall, (k) => new Float64Array(k));
    this.tScene = grow(this.tScene, (k) => new Float64Array(k));
    this.tBed = grow(this.tBed, (k) => new Float64Array(k));
    this.tMark = grow(this.tMark, (k) => new Float64Array(k));
    this.extra = grow(this.extra, (k) => new Float64Array(k));
    this.tEnd = grow(this.tEnd, (k) => new Float64Array(k));
    const fl = new Int32Array(n);
    fl.set(this.freeList.subarray(0, this.freeCount));
    this.freeList = fl;
    this.capacity = n;
  }
}
