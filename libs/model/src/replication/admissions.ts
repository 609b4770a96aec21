// Admission at the hospital door: the gravity choice of walk-ins and scheduled patients (who
// book there: bookings.ts), redirects when the chosen hospital is full, overflow outside
// occupancy, and what counts as an admission. Every admission (bed or overflow) passes the
// eligibility check (オンライン資格確認, eligibility.ts), which never changes where or when a
// patient is admitted.
import { MINUTES_PER_DAY as MINUTES_PER_DAY_ } from '@caretwin/contracts';
import { Slot, keyedUniform as keyedUniform_ } from '../demand/keyed-draws';
import { Route } from '../kpis/recorder';
import { Fate, Flag, Live } from '../patients/table';
import { sampleAlias as sampleAlias_ } from '../region/alias';
import { ROUTE_KEYS as ROUTE_KEYS_ } from '../region/network';
import { wardGroup as wardGroup_ } from '../region/region-index';
import type { BedRules } from './bed-rules';
import type { Bookings } from './bookings';
import type { Eligibility } from './eligibility';
import { Misc } from './events';
import type { ReplicationState } from './state';

// Local copies: imported bindings are getters in the CommonJS output, too slow for the
// event loop.
const FATE_LEFT_REGION = Fate.LEFT_REGION;
const FLAG_AMBULANCE = Flag.AMBULANCE;
const FLAG_OVERFLOW = Flag.OVERFLOW;
const FLAG_REDIRECTED = Flag.REDIRECTED;
const FLAG_SCHEDULED = Flag.SCHEDULED;
const LIVE_IN_BED = Live.IN_BED;
const LIVE_OVERFLOW = Live.OVERFLOW;
const MISC_OVERFLOW = Misc.OVERFLOW;
const ROUTE_AMBULANCE = Route.AMBULANCE;
const ROUTE_SCHEDULED = Route.SCHEDULED;
const ROUTE_WALK_IN = Route.WALK_IN;
const SLOT_GRAVITY = Slot.GRAVITY;
const MINUTES_PER_DAY = MINUTES_PER_DAY_;
const ROUTE_KEYS = ROUTE_KEYS_;
const keyedUniform = keyedUniform_;
const sampleAlias = sampleAlias_;
const wardGroup = wardGroup_;

export class Admissions {
  private readonly state: ReplicationState;
  private readonly beds: BedRules;
  private readonly eligibility: Eligibility;
  /** Wired by the replication once bookings exist (they admit through here in turn). */
  private bookings: Bookings | null = null;

  constructor(state: ReplicationState, beds: BedRules, eligibility: Eligibility) {
    this.state = state;
    this.beds = beds;
    this.eligibility = eligibility;
  }

  connect(bookings: Bookings): void {
    this.bookings = bookings;
  }

  /**
   * Gravity choice among capable hospitals with beds of the entry function. A scheduled patient
   * books there (its slot and bed come later); a walk-in takes a bed there or, when it is full, is
   * sent on to the nearest capable hospitals; when all are full the walk-in is admitted at its
   * choice outside occupancy (overflow).
   */
  chooseAndAdmit(pid: number): void {
    const s = this.state;
    const p = s.patients;
    const net = s.network;
    const slot = p.municipality[pid] * ROUTE_KEYS + p.route[pid];
    const n = net.gravityCount[slot];
    if (n === 0) {
      this.leaveRegion(pid);
      return;
    }
    const start = net.gravityStart[slot];
    const u = keyedUniform(p.key[pid], SLOT_GRAVITY, 0);
    const h = net.gravityHospital[start + sampleAlias(net.gravityProb, net.gravityAlias, start, n, u)];
    const f = s.pathways.phaseFunction[p.phase[pid]];
    if (p.flags[pid] & FLAG_SCHEDULED) {
      this.bookings!.book(pid, h, f);
      return;
    }
    if (s.rec.measuring) s.rec.walkIns++;
    const pool = this.beds.tryBed(h, f);
    if (pool >= 0) {
      this.admitNew(pid, h, pool);
      return;
    }
    // A walk-in whose first choice is full is redirected (sent on) to the nearest of the K
    // nearest capable hospitals with a bed; not an ambulance inquiry, so not a refusal.
    const cs = net.candidateStart[slot];
    for (let k = 0; k < net.candidateNearCount[slot]; k++) {
      const h2 = net.candidateHospital[cs + k];
      if (h2 === h) continue;
      const pool2 = this.beds.tryBed(h2, f);
      if (pool2 >= 0) {
        p.flags[pid] |= FLAG_REDIRECTED;
        p.extra[pid] += net.candidateMinutes[cs + k];
        if (s.rec.measuring) {
          s.rec.walkInsRedirected++;
          s.rec.areaWalkInsRedirected[s.index.municipalityArea[p.municipality[pid]]]++;
        }
        this.admitNew(pid, h2, pool2);
        return;
      }
    }
    this.admitOverflow(pid, h);
  }

  /** A booked patient leaves its hospital's list for a slot and a free bed (bookings.ts). */
  admitFromList(pid: number, h: number, pool: number): void {
    const s = this.state;
    if (s.rec.measuring) s.rec.scheduledWaitDays.add((s.sim.now - s.patients.tMark[pid]) / MINUTES_PER_DAY);
    this.admitNew(pid, h, pool);
  }

  /** Takes the patient into `pool` of hospital h (bed already taken) and starts the entry phase. */
  admitNew(pid: number, h: number, pool: number): void {
    const s = this.state;
    const p = s.patients;
    s.setState(pid, LIVE_IN_BED);
    p.hospital[pid] = h;
    p.tBed[pid] = s.sim.now;
    this.eligibility.check(pid, h);
    this.recordAdmission(pid, h, true);
    if (s.rec.measuring) s.rec.groupIn[wardGroup(pool)]++;
    this.beds.beginPhase(pid, p.phase[pid], pool);
  }

  /** Admitted at hospital h outside occupancy: the whole pathway runs without a pool's bed. */
  admitOverflow(pid: number, h: number): void {
    const s = this.state;
    const p = s.patients;
    s.setState(pid, LIVE_OVERFLOW);
    p.flags[pid] |= FLAG_OVERFLOW;
    p.hospital[pid] = h;
    s.misc.add(MISC_OVERFLOW, 1, s.sim.now);
    this.eligibility.check(pid, h);
    this.recordAdmission(pid, h, false);
    this.beds.beginPhase(pid, p.phase[pid], -1);
  }

  /** No hospital in reach: the patient leaves the region (left-region flow of the home area). */
  leaveRegion(pid: number): void {
    const s = this.state;
    const rec = s.rec;
    if (rec.measuring) {
      rec.leftRegion++;
      rec.flowLeftRegion[s.index.municipalityArea[s.patients.municipality[pid]]]++;
    }
    s.finishPatient(pid, FATE_LEFT_REGION);
  }

  private recordAdmission(pid: number, h: number, inBed: boolean): void {
    const s = this.state;
    const rec = s.rec;
    if (!rec.measuring) return;
    const p = s.patients;
    const c = p.condition[pid];
    const flags = p.flags[pid];
    const index = s.index;
    rec.flow[index.municipalityArea[p.municipality[pid]] * index.areaCount + index.hospitalArea[h]]++;
    if (flags & FLAG_SCHEDULED) {
      // Booked ahead: its wait is scheduled.waitDays, not a time to care.
      rec.admissions[c]++;
      rec.admissionsByRoute[ROUTE_SCHEDULED]++;
      rec.hospitalAdmissions[h]++;
      return;
    }
    rec.timeToCareTotal[c]++;
    if (inBed) {
      rec.admissions[c]++;
      rec.admissionsByRoute[flags & FLAG_AMBULANCE ? ROUTE_AMBULANCE : ROUTE_WALK_IN]++;
      rec.hospitalAdmissions[h]++;
      const minutes = s.sim.now - p.tCall[pid] + p.extra[pid];
      rec.timeToCare[c].add(minutes);
      const threshold = s.pathways.timeCriticalMinutes[c];
      if (threshold >= 0 && minutes <= threshold) rec.withinThreshold[c]++;
    } else {
      rec.overflow++;
      rec.hospitalOverflow[h]++;
    }
  }
}
