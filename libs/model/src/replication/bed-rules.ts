// Bed rules (docs/architecture.md "Bed rules"): a patient needs a bed of its phase's
// function; the next phase is in the same hospital when it offers that function, otherwise the
// nearest free bed of the home area's hospitals (seen from the patient's hospital), otherwise a
// FIFO transfer queue of the home area; a patient whose next bed is not free keeps the current
// one and waits (bed blocking). After TRANSFER_WIDEN_DAYS of waiting, the adjacent areas' beds
// will do too. When a bed frees, waiters are served: own-hospital step-downs, then transfers,
// then the booking list (when a slot of the day is left), last the recovery-level tails of acute
// phases (below). Borrowing (a policy) lets a full function use a free bed of a more acute one,
// counted apart. Pools are indexed h × 4 + f, so h = pool >> 2 and f = pool & 3.
//
// The tail of an acute phase whose 医療資源投入量 falls below C2 (600 points) is recovery-level
// care: from that day the patient moves to a recovery bed (転棟 to a 地域包括ケア / 回復期 ward) of
// its hospital or, when none is free there, of the nearest hospital of the same area — if one is
// free above a reserve kept for the recovery pathway — for the rest of the same stay. Otherwise
// it stays in its acute bed and waits for its own hospital's recovery ward until the phase ends.
// This is how the gap the static need shows (Sendai's recovery need ≈ 3 × its beds) reaches the
// simulated census: tails fill recovery beds where there are some, and stay in acute beds where
// there are not.
import { MINUTES_PER_DAY as MINUTES_PER_DAY_ } from '@caretwin/contracts';
import type { WaitingLine } from '@caretwin/engine';
import { Slot, keyedUniform as keyedUniform_ } from '../demand/keyed-draws';
import { Fate, Flag, Live } from '../patients/table';
import { EXIT_DEATH as EXIT_DEATH_ } from '../region/pathways';
import { FUNCTIONS as FUNCTIONS_, wardGroup as wardGroup_ } from '../region/region-index';
import { Misc } from './events';
import type { ReplicationState } from './state';

// Local copies: imported bindings are getters in the CommonJS output, too slow for the
// event loop.
const FATE_DIED = Fate.DIED;
const FATE_DISCHARGED = Fate.DISCHARGED;
const FATE_LEFT_REGION = Fate.LEFT_REGION;
const FLAG_BORROWED = Flag.BORROWED;
const FLAG_INITIAL = Flag.INITIAL;
const FLAG_OVERFLOW = Flag.OVERFLOW;
const FLAG_WAITS_BOTH = Flag.WAITS_BOTH;
const LIVE_BLOCKED = Live.BLOCKED;
const LIVE_IN_BED = Live.IN_BED;
const MISC_BLOCKED = Misc.BLOCKED;
const MISC_BORROWED = Misc.BORROWED;
const MISC_OVERFLOW = Misc.OVERFLOW;
const MISC_TAIL_WAITING = Misc.TAIL_WAITING;
const SLOT_PHASE_BRANCH = Slot.PHASE_BRANCH;
const SLOT_PHASE_STAY = Slot.PHASE_STAY;
const FUNCTIONS = FUNCTIONS_;
const MINUTES_PER_DAY = MINUTES_PER_DAY_;
const EXIT_DEATH = EXIT_DEATH_;
const keyedUniform = keyedUniform_;
const wardGroup = wardGroup_;

/**
 * Days a blocked patient waits for a bed of the home area before the adjacent areas' hospitals
 * will do (discharge planners widen the search; families prefer a hospital near home) [E]. An
 * area without the function sends its patients to the neighbours at once. docs/calibration.md.
 */
export const TRANSFER_WIDEN_DAYS = 7;
const WIDEN_MINUTES = TRANSFER_WIDEN_DAYS * MINUTES_PER_DAY;
/** Share of a more acute function's beds that borrowing leaves free for its own patients. */
const BORROWING_RESERVE = 0.1;
const HIGH_ACUTE = 0;
const RECOVERY = 2;
/**
 * Share of a recovery ward's beds a tail step-down leaves free for patients of the recovery
 * pathway (post-acute rehabilitation admitted from the transfer lines) [E, 0–0.2]. docs/data.md.
 */
export const TAIL_RESERVE = 0.05;
/** A tail shorter than a day is not worth a move [E]. */
const TAIL_MIN_DAYS = 1;

/** Admits the next booked patient of (hospital h, function f) when a slot of the day is left (bookings.ts). */
export interface BookingIntake {
  admitBooked(h: number, f: number): boolean;
}

export class BedRules {
  private readonly state: ReplicationState;
  /** Wired by the replication once admissions exist (they use these rules in turn). */
  private intake: BookingIntake | null = null;

  constructor(state: ReplicationState) {
    this.state = state;
  }

  connect(intake: BookingIntake): void {
    this.intake = intake;
  }

  private occupancy(pool: number, delta: number): void {
    const s = this.state;
    const t = s.sim.now;
    const h = pool >> 2;
    s.poolLevel.add(pool, delta, t);
    if (delta > 0) s.poolEntries[pool]++;
    else s.poolExits[pool]++;
    s.areaLevel.add(s.index.hospitalArea[h] * FUNCTIONS + (pool & 3), delta, t);
    s.hospitalLevel.add(h, delta, t);
  }

  /** Takes a bed of exactly this pool when free. */
  takeBed(pool: number): boolean {
    if (!this.state.facilities.pools[pool].tryAcquire()) return false;
    this.occupancy(pool, 1);
    return true;
  }

  /**
   * A bed for function f in hospital h or, with borrowing, of a more acute function that keeps
   * a reserve for its own patients (a tenth of its beds, at least one); −1 when none.
   */
  tryBed(h: number, f: number): number {
    const base = h * FUNCTIONS;
    if (this.takeBed(base + f)) return base + f;
    if (this.state.levers.borrowing) {
      const pools = this.state.facilities.pools;
      for (let g = f - 1; g >= 0; g--) {
        const pool = pools[base + g];
        if (pool.free > Math.ceil(pool.capacity * BORROWING_RESERVE) && this.takeBed(base + g))
          return base + g;
      }
    }
    return -1;
  }

  /**
   * Starts phase `phase` in `pool` (−1 = outside occupancy, overflow). The stay is drawn from
   * the patient's key and phase ordinal, then scaled by the length-of-stay lever, so the lever
   * changes no random draw.
   */
  beginPhase(pid: number, phase: number, pool: number): void {
    const s = this.state;
    const p = s.patients;
    const path = s.pathways;
    const prev = p.phase[pid];
    p.phase[pid] = phase;
    p.pool[pid] = pool;
    const f = path.phaseFunction[phase];
    if (pool >= 0 && (pool & 3) !== f) {
      p.flags[pid] |= FLAG_BORROWED;
      s.misc.add(MISC_BORROWED, 1, s.sim.now);
      if (s.rec.measuring) s.rec.borrowings++;
    }
    const unit = s.draws
      .begin(p.key[pid], SLOT_PHASE_STAY + p.ordinal[pid])
      .unitStay(path.phaseShape[phase], path.phaseCv[phase], false);
    p.ordinal[pid]++;
    const c = p.condition[pid];
    const days =
      unit * path.phaseMeanDays[phase] * s.levers.losMultiplier[c * FUNCTIONS + f] * p.stayFactor[pid];
    // The entry phase, or a phase after another acute one, follows the direct-entry points.
    const after = prev !== phase && path.phaseFunction[prev] === HIGH_ACUTE ? 1 : 0;
    this.scheduleEnd(pid, phase * 2 + after, 0, days);
  }

  /**
   * Schedules the end of the patient's phase (in its bed) `days` long of which `elapsed` have
   * passed, or first the start of its recovery-level tail when it has one of a day or more
   * (segment variant `v` = phase × 2 + after-high-acute). The initial census calls it too.
   */
  scheduleEnd(pid: number, v: number, elapsed: number, days: number): void {
    const s = this.state;
    const p = s.patients;
    const now = s.sim.now;
    const end = now + (days - elapsed) * MINUTES_PER_DAY;
    const from = this.tailFrom(v, days);
    if (from >= 0 && p.pool[pid] >= 0) {
      p.tEnd[pid] = end;
      s.phaseEnds.schedule(now + Math.max(0, from - elapsed) * MINUTES_PER_DAY, pid);
      return;
    }
    s.phaseEnds.schedule(end, pid);
  }

  /** A census patient already in a recovery bed for the tail of its acute phase: only the phase's end is left. */
  scheduleTailEnd(pid: number, elapsed: number, days: number): void {
    const s = this.state;
    s.phaseEnds.schedule(s.sim.now + (days - elapsed) * MINUTES_PER_DAY, pid);
  }

  /** Days into a stay `days` long of segment variant `v` at which its recovery-level tail begins, or -1 (none). */
  tailFrom(v: number, days: number): number {
    const from = this.state.pathways.subacuteFrom[v];
    return from >= 0 && days - from >= TAIL_MIN_DAYS ? from : -1;
  }

  /**
   * Whether a tail leaving hospital `h` would find a recovery bed (own ward or the nearest, more
   * than the reserve free) with `inUse[pool]` beds taken: the initial census's question of whether
   * the tails of `h`'s acute patients have already left their acute beds.
   */
  tailWouldFindBed(h: number, inUse: Float64Array): boolean {
    const s = this.state;
    const net = s.network;
    const start = net.nearbyOwnStart[h * FUNCTIONS + RECOVERY];
    const end = start + net.nearbyOwnCount[h * FUNCTIONS + RECOVERY];
    for (let i = start; i < end; i++) {
      const pool = net.nearbyHospital[i] * FUNCTIONS + RECOVERY;
      const capacity = s.facilities.pools[pool].capacity;
      if (capacity - inUse[pool] > Math.ceil(capacity * TAIL_RESERVE)) return true;
    }
    return false;
  }

  /** The recovery-level tail of an acute phase begins: a recovery bed now, or wait for one in the hospital. */
  private tailDue(pid: number): void {
    const s = this.state;
    const p = s.patients;
    s.phaseEnds.schedule(p.tEnd[pid], pid);
    const h = p.hospital[pid];
    const net = s.network;
    const start = net.nearbyOwnStart[h * FUNCTIONS + RECOVERY];
    const end = start + net.nearbyOwnCount[h * FUNCTIONS + RECOVERY];
    // Own ward first (the nearby list starts with h when it offers recovery), then the nearest.
    for (let i = start; i < end; i++) {
      const pool = net.nearbyHospital[i] * FUNCTIONS + RECOVERY;
      if (this.tailBedFree(pool) && this.takeBed(pool)) {
        this.moveTail(pid, pool);
        return;
      }
    }
    if (s.facilities.offers(h, RECOVERY)) {
      s.line(s.tailQueues, h).enqueue(pid);
      s.misc.add(MISC_TAIL_WAITING, 1, s.sim.now);
    } else p.tEnd[pid] = -1;
  }

  /** Whether a tail may take a bed of recovery pool `pool` (more than the reserve is free). */
  private tailBedFree(pool: number): boolean {
    const beds = this.state.facilities.pools[pool];
    return beds.free > Math.ceil(beds.capacity * TAIL_RESERVE);
  }

  /** Moves a tail patient into recovery bed `pool` (taken) for the rest of its acute phase. */
  private moveTail(pid: number, pool: number): void {
    const s = this.state;
    const p = s.patients;
    const rec = s.rec;
    const old = p.pool[pid];
    const h = pool >> 2;
    if (rec.measuring) rec.tailStepDowns++;
    this.countTransfer(old >> 2, h);
    const borrowed = p.flags[pid] & FLAG_BORROWED;
    p.flags[pid] &= ~FLAG_BORROWED;
    this.closeStay(pid, old, p.phase[pid], borrowed, p.tBed[pid]);
    p.pool[pid] = pool;
    p.hospital[pid] = h;
    p.tBed[pid] = s.sim.now;
    p.tEnd[pid] = -1;
    this.vacate(old);
  }

  /** A recovery bed of hospital h may be free: the first tail waiting there takes it. */
  private serveTail(h: number): boolean {
    const s = this.state;
    const q = s.tailQueues[h];
    if (q === null || q.length === 0) return false;
    const pool = h * FUNCTIONS + RECOVERY;
    if (!this.tailBedFree(pool) || !this.takeBed(pool)) return false;
    s.misc.add(MISC_TAIL_WAITING, -1, s.sim.now);
    this.moveTail(q.dequeue(), pool);
    return true;
  }

  /** The hospital's recovery ward closed: its waiting tails stay in their acute beds. */
  dropTails(h: number): void {
    const s = this.state;
    const q = s.tailQueues[h];
    while (q !== null && q.length > 0) {
      s.patients.tEnd[q.dequeue()] = -1;
      s.misc.add(MISC_TAIL_WAITING, -1, s.sim.now);
    }
  }

  /** Length of a completed stay in a bed of function f; a stay already running at time 0 has no known start. */
  private recordStay(pid: number, f: number, since: number): void {
    const s = this.state;
    const p = s.patients;
    if (p.flags[pid] & FLAG_INITIAL) {
      p.flags[pid] &= ~FLAG_INITIAL;
      return;
    }
    if (s.rec.measuring) s.rec.lengthOfStay[f].add((s.sim.now - since) / MINUTES_PER_DAY);
  }

  /** Gives up the patient's current bed (if any) and serves whoever waits for it. */
  private leaveBed(pid: number): void {
    const s = this.state;
    const p = s.patients;
    const pool = p.pool[pid];
    if (pool < 0) return;
    const borrowed = p.flags[pid] & FLAG_BORROWED;
    p.flags[pid] &= ~FLAG_BORROWED;
    this.closeStay(pid, pool, p.phase[pid], borrowed, p.tBed[pid]);
    p.pool[pid] = -1;
    this.vacate(pool);
  }

  /** Records the stay just ended in `pool` and ends its borrowing (the flag already cleared). */
  private closeStay(pid: number, pool: number, phase: number, borrowed: number, since: number): void {
    const s = this.state;
    this.recordStay(pid, borrowed ? s.pathways.phaseFunction[phase] : pool & 3, since);
    if (borrowed) s.misc.add(MISC_BORROWED, -1, s.sim.now);
  }

  /** A bed of `pool` is given back: occupancy falls and whoever waits for it is served. */
  private vacate(pool: number): void {
    this.state.facilities.pools[pool].release();
    this.occupancy(pool, -1);
    this.serveWaiters(pool);
  }

  /** A move between hospitals counts as a transfer, with its drive (measured period only). */
  private countTransfer(from: number, to: number): void {
    const s = this.state;
    if (from === to || !s.rec.measuring) return;
    s.rec.transfers++;
    s.rec.transferMinutes += s.network.minutesHospitalToHospital(from, to);
  }

  /** Moves a patient (in bed) into `pool` of hospital h for phase `next`, freeing the old bed. */
  private moveTo(pid: number, next: number, h: number, pool: number): void {
    const s = this.state;
    const p = s.patients;
    const rec = s.rec;
    const oldPool = p.pool[pid];
    if (rec.measuring && oldPool >= 0) {
      // 平均在院日数 by ward group: a move between general and chronic beds is a discharge from
      // one group and an admission to the other.
      const from = wardGroup(oldPool);
      const to = wardGroup(pool);
      if (from !== to) {
        rec.groupOut[from]++;
        rec.groupIn[to]++;
      }
    }
    if (oldPool >= 0) this.countTransfer(oldPool >> 2, h);
    s.setState(pid, LIVE_IN_BED);
    // Keep the old bed until the new one is taken (it is), then vacate and serve its waiters.
    const tOld = p.tBed[pid];
    const oldPhase = p.phase[pid];
    const borrowed = p.flags[pid] & FLAG_BORROWED;
    p.flags[pid] &= ~FLAG_BORROWED;
    p.hospital[pid] = h;
    p.tBed[pid] = s.sim.now;
    this.beginPhase(pid, next, pool);
    if (oldPool >= 0) {
      this.closeStay(pid, oldPool, oldPhase, borrowed, tOld);
      this.vacate(oldPool);
    }
  }

  /** End of a phase: branch, then step down, wait (blocking) or leave. */
  phaseEnd(pid: number): void {
    const s = this.state;
    const p = s.patients;
    const path = s.pathways;
    const tEnd = p.tEnd[pid];
    if (tEnd >= 0) {
      if (tEnd > s.sim.now) {
        this.tailDue(pid);
        return;
      }
      // The phase ends while its tail still waits for the hospital's recovery ward.
      p.tEnd[pid] = -1;
      s.tailQueues[p.hospital[pid]]!.remove(pid);
      s.misc.add(MISC_TAIL_WAITING, -1, s.sim.now);
    }
    const next = path.nextPhase(
      p.phase[pid],
      keyedUniform(p.key[pid], SLOT_PHASE_BRANCH + p.ordinal[pid] - 1, 0),
    );
    if (p.flags[pid] & FLAG_OVERFLOW) {
      if (next < 0) this.exitOverflow(pid, next === EXIT_DEATH ? FATE_DIED : FATE_DISCHARGED);
      else this.beginPhase(pid, next, -1);
      return;
    }
    if (next < 0) {
      this.discharge(pid, next === EXIT_DEATH ? FATE_DIED : FATE_DISCHARGED);
      return;
    }
    const f = path.phaseFunction[next];
    const h = p.hospital[pid];
    const pool = p.pool[pid];
    if ((pool & 3) === f && !(p.flags[pid] & FLAG_BORROWED)) {
      // Already in a bed of the next phase's function (a tail moved to recovery): it stays there.
      this.recordStay(pid, f, p.tBed[pid]);
      p.tBed[pid] = s.sim.now;
      this.beginPhase(pid, next, pool);
      return;
    }
    if (s.facilities.offers(h, f)) {
      // Same hospital first; when its ward is full, the nearest free bed of the home area's
      // transfer hospitals will do, and the patient waits for whichever of the two frees first.
      const pool = this.tryBed(h, f);
      if (pool >= 0) this.moveTo(pid, next, h, pool);
      else if (!this.transferNow(pid, next)) {
        this.block(pid, next, s.line(s.internalQueues, h * FUNCTIONS + f));
        const area = s.index.municipalityArea[p.municipality[pid]];
        if (s.network.transferCount[area * FUNCTIONS + f] > 0) {
          p.flags[pid] |= FLAG_WAITS_BOTH;
          s.line(s.transferQueues, area * FUNCTIONS + f).enqueue(pid);
        }
      }
      return;
    }
    this.stepDownElsewhere(pid, next);
  }

  /**
   * Moves the patient to the nearest free bed (seen from its hospital) of the home area's
   * transfer hospitals, or of the adjacent areas' when the home area has none of the function.
   */
  private transferNow(pid: number, next: number): boolean {
    const s = this.state;
    const p = s.patients;
    const f = s.pathways.phaseFunction[next];
    const home = s.index.municipalityArea[p.municipality[pid]];
    const net = s.network;
    const slot = home * FUNCTIONS + f;
    const n = net.transferHomeCount[slot];
    if (n === 0) return false;
    // The home part of the list lies in the home area unless the home area has none of f.
    const neighbours = s.index.hospitalArea[net.transferHospital[net.transferStart[slot]]] !== home;
    const pool = this.nearestFreeBed(p.hospital[pid], home, f, neighbours, 0, n);
    if (pool < 0) return false;
    if (p.state[pid] === LIVE_BLOCKED) this.unblock(pid);
    this.moveTo(pid, next, pool >> 2, pool);
    return true;
  }

  /**
   * Takes the free bed of function f (or a borrowable one) nearest to hospital `from` among
   * entries lo..hi−1 of the transfer list of (home, f): the home area's hospitals, or (with
   * `neighbours`) those of the areas adjacent to it. Returns the pool taken, −1 when none is
   * free. The nearby list of `from` holds them all, nearest first, unless the patient lies
   * outside the areas its home reaches (then the list itself is searched); a patient in its
   * home area looking there reads the own-area list, which holds exactly them.
   */
  private nearestFreeBed(
    from: number,
    home: number,
    f: number,
    neighbours: boolean,
    lo: number,
    hi: number,
  ): number {
    const s = this.state;
    const net = s.network;
    const index = s.index;
    const A = index.areaCount;
    const area = index.hospitalArea;
    const fromArea = area[from];
    if (fromArea === home && !neighbours) {
      const start = net.nearbyOwnStart[from * FUNCTIONS + f];
      const end = start + net.nearbyOwnCount[from * FUNCTIONS + f];
      for (let i = start; i < end; i++) {
        const pool = this.tryBed(net.nearbyHospital[i], f);
        if (pool >= 0) return pool;
      }
      return -1;
    }
    const covered = neighbours ? net.reachCovers[fromArea * A + home] : net.reach[fromArea * A + home];
    if (covered === 1) {
      const start = net.nearbyStart[from * FUNCTIONS + f];
      const end = start + net.nearbyCount[from * FUNCTIONS + f];
      let left = hi - lo;
      for (let i = start; i < end && left > 0; i++) {
        const h2 = net.nearbyHospital[i];
        const b = area[h2];
        if (neighbours ? b === home || net.reach[home * A + b] === 0 : b !== home) continue;
        left--;
        const pool = this.tryBed(h2, f);
        if (pool >= 0) return pool;
      }
      return -1;
    }
    const start = net.transferStart[home * FUNCTIONS + f];
    let best = -1;
    let bestMinutes = Infinity;
    for (let i = lo; i < hi; i++) {
      const h2 = net.transferHospital[start + i];
      if (!this.hasBed(h2, f)) continue;
      const m = net.minutesHospitalToHospital(from, h2);
      if (m < bestMinutes || (m === bestMinutes && h2 < best)) {
        best = h2;
        bestMinutes = m;
      }
    }
    return best < 0 ? -1 : this.tryBed(best, f);
  }

  /** Whether tryBed(h, f) would find a bed (without taking it). */
  private hasBed(h: number, f: number): boolean {
    const pools = this.state.facilities.pools;
    const base = h * FUNCTIONS;
    if (pools[base + f].free > 0) return true;
    if (this.state.levers.borrowing) {
      for (let g = f - 1; g >= 0; g--) {
        const pool = pools[base + g];
        if (pool.free > Math.ceil(pool.capacity * BORROWING_RESERVE)) return true;
      }
    }
    return false;
  }

  /** The next phase needs a function the current hospital lacks: transfer within the home area. */
  stepDownElsewhere(pid: number, next: number): void {
    const s = this.state;
    const p = s.patients;
    const f = s.pathways.phaseFunction[next];
    const slot = s.index.municipalityArea[p.municipality[pid]] * FUNCTIONS + f;
    if (s.network.transferCount[slot] === 0) {
      // No hospital in reach offers the function at all: the patient is transferred out.
      if (p.state[pid] === LIVE_BLOCKED) this.unblock(pid);
      if (s.rec.measuring) s.rec.leftRegion++;
      this.leaveBed(pid);
      s.finishPatient(pid, FATE_LEFT_REGION);
      return;
    }
    if (this.transferNow(pid, next)) return;
    const queue = s.line(s.transferQueues, slot);
    if (p.state[pid] === LIVE_BLOCKED) {
      p.nextPhase[pid] = next;
      queue.enqueue(pid);
    } else this.block(pid, next, queue);
  }

  private block(pid: number, next: number, queue: WaitingLine): void {
    const s = this.state;
    const p = s.patients;
    p.nextPhase[pid] = next;
    p.tMark[pid] = s.sim.now;
    s.setState(pid, LIVE_BLOCKED);
    s.misc.add(MISC_BLOCKED + s.pathways.phaseFunction[next], 1, s.sim.now);
    s.blockedByArea.add(s.index.hospitalArea[p.hospital[pid]], 1, s.sim.now);
    queue.enqueue(pid);
  }

  private unblock(pid: number): void {
    const s = this.state;
    s.misc.add(MISC_BLOCKED + s.pathways.phaseFunction[s.patients.nextPhase[pid]], -1, s.sim.now);
    s.blockedByArea.add(s.index.hospitalArea[s.patients.hospital[pid]], -1, s.sim.now);
    s.setState(pid, LIVE_IN_BED);
  }

  private discharge(pid: number, fate: number): void {
    const s = this.state;
    const rec = s.rec;
    if (rec.measuring) {
      if (fate === FATE_DIED) rec.deaths++;
      else rec.discharges++;
      const pool = s.patients.pool[pid];
      if (pool >= 0) rec.groupOut[wardGroup(pool)]++;
    }
    this.leaveBed(pid);
    s.finishPatient(pid, fate);
  }

  private exitOverflow(pid: number, fate: number): void {
    const s = this.state;
    if (s.rec.measuring) {
      if (fate === FATE_DIED) s.rec.deaths++;
      else s.rec.discharges++;
    }
    s.misc.add(MISC_OVERFLOW, -1, s.sim.now);
    s.finishPatient(pid, fate);
  }

  /**
   * A bed of `pool` may be free: serve its waiters until none can be placed. Own-hospital
   * step-downs first (their bed frees another), then area transfers, then booked patients; with
   * borrowing, waiters for less acute functions of the same hospital may take it too.
   */
  serveWaiters(pool: number): void {
    const h = pool >> 2;
    const g = pool & 3;
    const last = this.state.levers.borrowing ? FUNCTIONS - 1 : g;
    for (;;) {
      let served = false;
      for (let f = g; f <= last && !served; f++) served = this.serveOne(h, f);
      if (!served) return;
    }
  }

  private serveOne(h: number, f: number): boolean {
    const s = this.state;
    const p = s.patients;
    const slot = h * FUNCTIONS + f;
    const internal = s.internalQueues[slot];
    if (internal !== null && internal.length > 0) {
      const pool = this.tryBed(h, f);
      if (pool < 0) return false;
      const pid = internal.dequeue();
      if (p.flags[pid] & FLAG_WAITS_BOTH)
        this.leaveOtherLine(pid, s.transferQueues, s.index.municipalityArea[p.municipality[pid]]);
      this.unblock(pid);
      this.moveTo(pid, p.nextPhase[pid], h, pool);
      return true;
    }
    const net = s.network;
    const own = s.index.hospitalArea[h];
    const servedSlot = own * FUNCTIONS + f;
    const start = net.transferServedStart[servedSlot];
    for (let i = 0; i < net.transferServedCount[servedSlot]; i++) {
      const area = net.transferServedArea[start + i];
      const q = s.transferQueues[area * FUNCTIONS + f];
      if (q === null || q.length === 0) continue;
      // A neighbour's line takes the bed only once its first patient has waited long enough
      // (FIFO: nobody behind has waited longer), unless that area has no such beds at all.
      const waitsFirst =
        area !== own && net.transferHomeCount[area * FUNCTIONS + f] < net.transferCount[area * FUNCTIONS + f];
      if (waitsFirst && s.sim.now - p.tMark[q.peek()] < WIDEN_MINUTES) continue;
      const pool = this.tryBed(h, f);
      if (pool < 0) return false;
      const pid = q.dequeue();
      if (p.flags[pid] & FLAG_WAITS_BOTH) this.leaveOtherLine(pid, s.internalQueues, p.hospital[pid]);
      this.unblock(pid);
      this.moveTo(pid, p.nextPhase[pid], h, pool);
      return true;
    }
    // Then the booking list, if the day has a slot left there; last the tails of acute phases.
    if (this.intake!.admitBooked(h, f)) return true;
    return f === RECOVERY && this.serveTail(h);
  }

  /**
   * Once a day: the first patients of each area's transfer lines who have waited
   * TRANSFER_WIDEN_DAYS take free beds of the adjacent areas, each the nearest to its hospital.
   */
  widenTransfers(): void {
    const s = this.state;
    const net = s.network;
    const p = s.patients;
    for (let slot = 0; slot < s.transferQueues.length; slot++) {
      const q = s.transferQueues[slot];
      const home = net.transferHomeCount[slot];
      const end = net.transferCount[slot];
      if (q === null || home === end) continue;
      const f = slot % FUNCTIONS;
      const area = (slot - f) / FUNCTIONS;
      while (q.length > 0) {
        const pid = q.peek();
        if (s.sim.now - p.tMark[pid] < WIDEN_MINUTES) break;
        const pool = this.nearestFreeBed(p.hospital[pid], area, f, true, home, end);
        // No free bed in reach: nobody behind (same function, same neighbours) finds one either.
        if (pool < 0) break;
        q.dequeue();
        if (p.flags[pid] & FLAG_WAITS_BOTH) this.leaveOtherLine(pid, s.internalQueues, p.hospital[pid]);
        this.unblock(pid);
        this.moveTo(pid, p.nextPhase[pid], pool >> 2, pool);
      }
    }
  }

  /** A patient waiting in two lines got a bed from one: it leaves the other. */
  private leaveOtherLine(pid: number, lines: Array<WaitingLine | null>, owner: number): void {
    const p = this.state.patients;
    p.flags[pid] &= ~FLAG_WAITS_BOTH;
    const line = lines[owner * FUNCTIONS + this.state.pathways.phaseFunction[p.nextPhase[pid]]];
    if (line !== null) line.remove(pid);
  }
}
