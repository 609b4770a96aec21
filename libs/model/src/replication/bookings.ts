// Scheduled admissions (予定入院; libs/model/README.md, "Scheduled admissions"): a scheduled
// patient books at its gravity choice (hospital h, entry function f) and waits on that pool's
// booking list. Each morning at 09:00 the hospital opens the day's slots; the list is admitted
// first come, first served, one slot each, only into a free bed (else the patient stays on the
// list and a bed that frees later that day may take it while a slot is left). Nobody is
// admitted on the day they booked or on a day without a slot.
//
// Slots of a pool per day = its current beds × its expected bookings per bed per day (at the
// start of the run, congestion-free gravity shares of the scenario year's scheduled demand; a
// pool that had none takes the region's rate for the function) × (1 + SLOT_HEADROOM) × the
// scheduled weekday profile; whole slots via a running remainder per pool. Slots follow beds (a
// conversion or closure changes them) but not demand surges (the multiplier).
import { MINUTES_PER_DAY as MINUTES_PER_DAY_ } from '@caretwin/contracts';
import { weekdayOf, yearlyByMunicipality } from '../demand/rates';
import { Live } from '../patients/table';
import { Network, ROUTE_KEYS, routeKey } from '../region/network';
import { FUNCTIONS as FUNCTIONS_, RegionIndex } from '../region/region-index';
import type { BedRules, BookingIntake } from './bed-rules';
import { Ev, Misc } from './events';
import type { ReplicationState } from './state';

/** What bookings need of admissions (an interface, so the two modules do not import each other). */
export interface ListAdmitter {
  admitFromList(pid: number, h: number, pool: number): void;
}

// Local copies: imported bindings are getters in the CommonJS output, too slow for the
// event loop.
const EV_SLOTS = Ev.SLOTS;
const FUNCTIONS = FUNCTIONS_;
const LIVE_BOOKED = Live.BOOKED;
const MINUTES_PER_DAY = MINUTES_PER_DAY_;
const MISC_BOOKED = Misc.BOOKED;

/**
 * Slots beyond the expected bookings [E]: enough that a list does not grow without bound from
 * chance alone (a queue needs spare capacity), small enough that a surge queues. Plausible 0.05–0.3.
 */
export const SLOT_HEADROOM = 0.15;
/** Minute of the day when the day's slots open (09:00). */
export const SLOT_OPENING_MINUTE = 9 * 60;

/**
 * Expected scheduled bookings per day per pool (hospital × entry function) in `year`: each
 * municipality's scheduled admissions, by entry phase, over its gravity shares (congestion-free).
 */
export function expectedBookingsPerDay(index: RegionIndex, network: Network, year: number): Float64Array {
  const path = index.pathways;
  const out = new Float64Array(index.hospitalCount * FUNCTIONS);
  for (let c = 0; c < path.conditionCount; c++) {
    const share = path.scheduledShare[c];
    if (!(share > 0)) continue;
    const yearly = yearlyByMunicipality(index, c, year);
    for (const [e, entryShare] of path.entryShares(c)) {
      const f = path.phaseFunction[e];
      const key = routeKey(path.capability[c], f);
      for (let m = 0; m < index.municipalityCount; m++) {
        const perDay = (yearly[m] * share * entryShare) / 365;
        if (perDay === 0) continue;
        const slot = m * ROUTE_KEYS + key;
        const start = network.gravityStart[slot];
        for (let i = 0; i < network.gravityCount[slot]; i++)
          out[network.gravityHospital[start + i] * FUNCTIONS + f] += perDay * network.gravityShare[start + i];
      }
    }
  }
  return out;
}

export class Bookings implements BookingIntake {
  private readonly state: ReplicationState;
  private readonly beds: BedRules;
  private readonly admissions: ListAdmitter;
  /** slots per bed per day of each pool, headroom included (set by start()) */
  private readonly slotsPerBed: Float64Array;
  /** fractional slots carried to the next day, per pool */
  private readonly remainder: Float64Array;
  /** slots opened today and those still open, per pool */
  readonly slotsToday: Int32Array;
  readonly slotsLeft: Int32Array;
  /** first minute of the current day (bookings made since wait until tomorrow) */
  private todayStart = 0;

  constructor(state: ReplicationState, beds: BedRules, admissions: ListAdmitter) {
    this.state = state;
    this.beds = beds;
    this.admissions = admissions;
    const pools = state.index.hospitalCount * FUNCTIONS;
    this.slotsPerBed = new Float64Array(pools);
    this.remainder = new Float64Array(pools).fill(0.5);
    this.slotsToday = new Int32Array(pools);
    this.slotsLeft = new Int32Array(pools);
  }

  /** After the day-0 policies: each pool's slot rate, and the first morning's opening. */
  start(): void {
    const s = this.state;
    const expected = expectedBookingsPerDay(s.index, s.network, s.scenario.year);
    const byFunction = new Float64Array(FUNCTIONS);
    const bedsByFunction = new Float64Array(FUNCTIONS);
    for (let pool = 0; pool < expected.length; pool++) {
      byFunction[pool % FUNCTIONS] += expected[pool];
      bedsByFunction[pool % FUNCTIONS] += s.facilities.capacity(pool);
    }
    for (let pool = 0; pool < expected.length; pool++) {
      const beds = s.facilities.capacity(pool);
      const f = pool % FUNCTIONS;
      const perBed =
        beds > 0 && expected[pool] > 0
          ? expected[pool] / beds
          : bedsByFunction[f] > 0
            ? byFunction[f] / bedsByFunction[f]
            : 0;
      this.slotsPerBed[pool] = perBed * (1 + SLOT_HEADROOM);
    }
    if (SLOT_OPENING_MINUTE < s.endMinutes) s.sim.postAt(SLOT_OPENING_MINUTE, EV_SLOTS, 0);
  }

  /** A scheduled patient books at hospital h for its entry function f (after a closure: again). */
  book(pid: number, h: number, f: number): void {
    const s = this.state;
    const p = s.patients;
    // A patient re-booked after its hospital closed keeps its first booking time.
    if (p.hospital[pid] < 0) p.tMark[pid] = s.sim.now;
    p.hospital[pid] = h;
    s.setState(pid, LIVE_BOOKED);
    s.misc.add(MISC_BOOKED, 1, s.sim.now);
    s.line(s.bookingLists, h * FUNCTIONS + f).enqueue(pid);
  }

  /** The slots of day `day` open: set them per pool and admit from every list that can. */
  openSlots(day: number): void {
    const s = this.state;
    const next = (day + 1) * MINUTES_PER_DAY + SLOT_OPENING_MINUTE;
    if (next < s.endMinutes) s.sim.postAt(next, EV_SLOTS, day + 1);
    this.todayStart = day * MINUTES_PER_DAY;
    const weekday = s.index.region.arrivalProfiles.scheduledDayOfWeek[weekdayOf(s.scenario.startDate, day)];
    const lists = s.bookingLists;
    for (let pool = 0; pool < lists.length; pool++) {
      const quota = this.remainder[pool] + this.slotsPerBed[pool] * s.facilities.capacity(pool) * weekday;
      const slots = Math.floor(quota);
      this.remainder[pool] = quota - slots;
      this.slotsToday[pool] = slots;
      this.slotsLeft[pool] = slots;
      const list = lists[pool];
      if (slots === 0 || list === null || list.length === 0) continue;
      const h = (pool / FUNCTIONS) | 0;
      const f = pool - h * FUNCTIONS;
      while (this.admitBooked(h, f));
    }
  }

  /**
   * The first patient on (h, f)'s list, if a slot of today is left, they booked before today and
   * a bed is free: admitted, and true (bed rules call this when a bed frees).
   */
  admitBooked(h: number, f: number): boolean {
    const s = this.state;
    const pool = h * FUNCTIONS + f;
    const list = s.bookingLists[pool];
    if (list === null || list.length === 0 || this.slotsLeft[pool] <= 0) return false;
    const pid = list.peek();
    if (s.patients.tMark[pid] >= this.todayStart) return false;
    const bed = this.beds.tryBed(h, f);
    if (bed < 0) return false;
    list.dequeue();
    this.slotsLeft[pool]--;
    s.misc.add(MISC_BOOKED, -1, s.sim.now);
    this.admissions.admitFromList(pid, h, bed);
    return true;
  }
}
