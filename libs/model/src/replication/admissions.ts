// Admission at the hospital door: the eligibility check (My Number オンライン資格確認), the
// gravity choice of walk-ins and electives, redirects when the chosen hospital is full,
// elective waiting lists, overflow outside occupancy, and what counts as an admission.
import { MINUTES_PER_DAY as MINUTES_PER_DAY_ } from '@caretwin/contracts';
import { Slot, keyedUniform as keyedUniform_ } from '../demand/keyed-draws';
import { Route } from '../kpis/recorder';
import { Fate, Flag, Live } from '../patients/table';
import { sampleAlias as sampleAlias_ } from '../region/alias';
import { ROUTE_KEYS as ROUTE_KEYS_ } from '../region/network';
import { FUNCTIONS as FUNCTIONS_, wardGroup as wardGroup_ } from '../region/region-index';
import type { BedRules, ElectiveIntake } from './bed-rules';
import { Ev, Misc } from './events';
import type { ReplicationState } from './state';

/** Outcome of an eligibility check. */
export const Check = { OK: 0, DELAYED: 1, POSTPONED: 2, FORGONE: 3 } as const;

// Local copies: imported bindings are getters in the CommonJS output, too slow for the
// event loop.
const CHECK_DELAYED = Check.DELAYED;
const CHECK_FORGONE = Check.FORGONE;
const CHECK_OK = Check.OK;
const CHECK_POSTPONED = Check.POSTPONED;
const EV_ADMIT = Ev.ADMIT;
const EV_REARRIVE = Ev.REARRIVE;
const FATE_FORGONE = Fate.FORGONE;
const FATE_LEFT_REGION = Fate.LEFT_REGION;
const FLAG_AMBULANCE = Flag.AMBULANCE;
const FLAG_ELECTIVE = Flag.ELECTIVE;
const FLAG_OVERFLOW = Flag.OVERFLOW;
const FLAG_REDIRECTED = Flag.REDIRECTED;
const LIVE_ELECTIVE_LIST = Live.ELECTIVE_LIST;
const LIVE_ELIGIBILITY_DELAY = Live.ELIGIBILITY_DELAY;
const LIVE_IN_BED = Live.IN_BED;
const LIVE_OVERFLOW = Live.OVERFLOW;
const LIVE_POSTPONED = Live.POSTPONED;
const MISC_ELECTIVE_LIST = Misc.ELECTIVE_LIST;
const MISC_OVERFLOW = Misc.OVERFLOW;
const ROUTE_AMBULANCE = Route.AMBULANCE;
const ROUTE_ELECTIVE = Route.ELECTIVE;
const ROUTE_WALK_IN = Route.WALK_IN;
const SLOT_ELIGIBILITY = Slot.ELIGIBILITY;
const SLOT_GRAVITY = Slot.GRAVITY;
const FUNCTIONS = FUNCTIONS_;
const MINUTES_PER_DAY = MINUTES_PER_DAY_;
const ROUTE_KEYS = ROUTE_KEYS_;
const keyedUniform = keyedUniform_;
const sampleAlias = sampleAlias_;
const wardGroup = wardGroup_;

const MAX_ATTEMPT_SALT = 15;

export class Admissions implements ElectiveIntake {
  private readonly state: ReplicationState;
  private readonly beds: BedRules;

  constructor(state: ReplicationState, beds: BedRules) {
    this.state = state;
    this.beds = beds;
  }

  /**
   * オンライン資格確認 at admission. Emergencies (ambulance or time-critical) are always
   * treated, only delayed; others may postpone (arrive again later, the same patient) or forgo.
   * Draws come from the patient's key and attempt, so the lever changes nothing else.
   */
  checkEligibility(pid: number, emergency: boolean): number {
    const s = this.state;
    const e = s.levers.eligibility;
    if (!(e.failureRate > 0)) return CHECK_OK;
    const p = s.patients;
    const d = s.draws.begin(p.key[pid], SLOT_ELIGIBILITY + Math.min(p.attempt[pid], MAX_ATTEMPT_SALT));
    if (d.uniform() >= e.failureRate) return CHECK_OK;
    const rec = s.rec;
    if (rec.measuring) rec.eligibilityFailures++;
    if (!emergency) {
      const u = d.uniform();
      if (u < e.postponeShare) {
        if (rec.measuring) rec.deferred++;
        p.attempt[pid]++;
        s.setState(pid, LIVE_POSTPONED);
        const wait = -Math.log(d.uniform()) * e.postponeDays * MINUTES_PER_DAY;
        s.sim.postIn(wait, EV_REARRIVE, pid);
        return CHECK_POSTPONED;
      }
      if (u < e.postponeShare + e.forgoShare) {
        if (rec.measuring) rec.forgone++;
        s.finishPatient(pid, FATE_FORGONE);
        return CHECK_FORGONE;
      }
    }
    if (rec.measuring) rec.eligibilityDelayMinutes += e.delayMinutes;
    return CHECK_DELAYED;
  }

  /** A walk-in or elective patient arrives (or arrives again after postponing). */
  arriveAtDoor(pid: number): void {
    const s = this.state;
    const p = s.patients;
    const c = p.condition[pid];
    const emergency = (p.flags[pid] & FLAG_ELECTIVE) === 0 && s.pathways.timeCriticalMinutes[c] >= 0;
    const check = this.checkEligibility(pid, emergency);
    if (check === CHECK_POSTPONED || check === CHECK_FORGONE) return;
    if (check === CHECK_DELAYED) {
      s.setState(pid, LIVE_ELIGIBILITY_DELAY);
      s.sim.postIn(s.levers.eligibility.delayMinutes, EV_ADMIT, pid);
      return;
    }
    this.chooseAndAdmit(pid);
  }

  /**
   * Gravity choice among capable hospitals with beds of the entry function. A full choice sends
   * an elective to that hospital's list, and a walk-in on to the nearest capable hospitals; when
   * all are full the walk-in is admitted at its choice outside occupancy (overflow).
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
    const u = keyedUniform(p.key[pid], SLOT_GRAVITY, p.attempt[pid]);
    const h = net.gravityHospital[start + sampleAlias(net.gravityProb, net.gravityAlias, start, n, u)];
    const f = s.pathways.phaseFunction[p.phase[pid]];
    const pool = this.beds.tryBed(h, f);
    if (pool >= 0) {
      this.admitNew(pid, h, pool);
      return;
    }
    if (p.flags[pid] & FLAG_ELECTIVE) {
      s.setState(pid, LIVE_ELECTIVE_LIST);
      p.hospital[pid] = h;
      p.tMark[pid] = s.sim.now;
      s.misc.add(MISC_ELECTIVE_LIST, 1, s.sim.now);
      s.line(s.electiveLists, h * FUNCTIONS + f).enqueue(pid);
      return;
    }
    if (s.rec.measuring) {
      s.rec.refusalsWalkIn++;
      s.rec.hospitalRefusals[h]++;
    }
    const cs = net.candidateStart[slot];
    for (let k = 0; k < net.candidateCount[slot]; k++) {
      const h2 = net.candidateHospital[cs + k];
      if (h2 === h) continue;
      const pool2 = this.beds.tryBed(h2, f);
      if (pool2 >= 0) {
        p.flags[pid] |= FLAG_REDIRECTED;
        p.extra[pid] += net.candidateMinutes[cs + k];
        this.admitNew(pid, h2, pool2);
        return;
      }
    }
    this.admitOverflow(pid, h);
  }

  /** An elective leaves its hospital's list for a bed that freed there (bed rules call this). */
  admitFromList(pid: number, h: number, pool: number): void {
    const s = this.state;
    const t = s.sim.now;
    s.misc.add(MISC_ELECTIVE_LIST, -1, t);
    if (s.rec.measuring) s.rec.electiveWaitDays.add((t - s.patients.tMark[pid]) / MINUTES_PER_DAY);
    this.admitNew(pid, h, pool);
  }

  /** Takes the patient into `pool` of hospital h (bed already taken) and starts the entry phase. */
  admitNew(pid: number, h: number, pool: number): void {
    const s = this.state;
    const p = s.patients;
    s.setState(pid, LIVE_IN_BED);
    p.hospital[pid] = h;
    p.tBed[pid] = s.sim.now;
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
    rec.timeToCareTotal[c]++;
    if (inBed) {
      rec.admissions[c]++;
      rec.admissionsByRoute[
        flags & FLAG_AMBULANCE ? ROUTE_AMBULANCE : flags & FLAG_ELECTIVE ? ROUTE_ELECTIVE : ROUTE_WALK_IN
      ]++;
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
