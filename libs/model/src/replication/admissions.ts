// Admission at the hospital door: the eligibility check (My Number オンライン資格確認), the
// gravity choice of walk-ins and electives, redirects when the chosen hospital is full,
// elective waiting lists, overflow outside occupancy, and what counts as an admission.
import { Slot, keyedUniform as keyedUniform_ } from '../demand/keyed-draws';
import { Route } from '../kpis/recorder';
import { Fate, Flag, Live } from '../patients/table';
import { sampleAlias as sampleAlias_ } from '../region/alias';
import { ROUTE_KEYS as ROUTE_KEYS_ } from '../region/network';
import { FUNCTIONS as FUNCTIONS_ } from '../region/region-index';
import { BedRules } from './bed-rules';
import { Ev, Misc } from './events';
import { MINUTES_PER_DAY as MINUTES_PER_DAY_ } from './state';

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

const MAX_ATTEMPT_SALT = 15;

export abstract class Admissions extends BedRules {
  /**
   * オンライン資格確認 at admission. Emergencies (ambulance or time-critical) are always
   * treated, only delayed; others may postpone (arrive again later, the same patient) or forgo.
   * Draws come from the patient's key and attempt, so the lever changes nothing else.
   */
  protected checkEligibility(pid: number, emergency: boolean): number {
    const e = this.levers.eligibility;
    if (!(e.failureRate > 0)) return CHECK_OK;
    const p = this.patients;
    const d = this.draws.begin(p.key[pid], SLOT_ELIGIBILITY + Math.min(p.attempt[pid], MAX_ATTEMPT_SALT));
    if (d.uniform() >= e.failureRate) return CHECK_OK;
    const rec = this.rec;
    if (rec.measuring) rec.eligibilityFailures++;
    if (!emergency) {
      const u = d.uniform();
      if (u < e.postponeShare) {
        if (rec.measuring) rec.deferred++;
        p.attempt[pid]++;
        this.setState(pid, LIVE_POSTPONED);
        const wait = -Math.log(d.uniform()) * e.postponeDays * MINUTES_PER_DAY;
        this.sim.postIn(wait, EV_REARRIVE, pid);
        return CHECK_POSTPONED;
      }
      if (u < e.postponeShare + e.forgoShare) {
        if (rec.measuring) rec.forgone++;
        this.finishPatient(pid, FATE_FORGONE);
        return CHECK_FORGONE;
      }
    }
    if (rec.measuring) rec.eligibilityDelayMinutes += e.delayMinutes;
    return CHECK_DELAYED;
  }

  /** A walk-in or elective patient arrives (or arrives again after postponing). */
  protected arriveAtDoor(pid: number): void {
    const p = this.patients;
    const c = p.condition[pid];
    const emergency = (p.flags[pid] & FLAG_ELECTIVE) === 0 && this.pathways.timeCriticalMinutes[c] >= 0;
    const check = this.checkEligibility(pid, emergency);
    if (check === CHECK_POSTPONED || check === CHECK_FORGONE) return;
    if (check === CHECK_DELAYED) {
      this.setState(pid, LIVE_ELIGIBILITY_DELAY);
      this.sim.postIn(this.levers.eligibility.delayMinutes, EV_ADMIT, pid);
      return;
    }
    this.chooseAndAdmit(pid);
  }

  /**
   * Gravity choice among capable hospitals with beds of the entry function. A full choice sends
   * an elective to that hospital's list, and a walk-in on to the nearest capable hospitals; when
   * all are full the walk-in is admitted at its choice outside occupancy (overflow).
   */
  protected chooseAndAdmit(pid: number): void {
    const p = this.patients;
    const net = this.network;
    const slot = p.municipality[pid] * ROUTE_KEYS + p.route[pid];
    const n = net.gravityCount[slot];
    if (n === 0) {
      this.leaveRegion(pid);
      return;
    }
    const s = net.gravityStart[slot];
    const u = keyedUniform(p.key[pid], SLOT_GRAVITY, p.attempt[pid]);
    const h = net.gravityHospital[s + sampleAlias(net.gravityProb, net.gravityAlias, s, n, u)];
    const f = this.pathways.phaseFunction[p.phase[pid]];
    const pool = this.tryBed(h, f);
    if (pool >= 0) {
      this.admitNew(pid, h, pool);
      return;
    }
    if (p.flags[pid] & FLAG_ELECTIVE) {
      this.setState(pid, LIVE_ELECTIVE_LIST);
      p.hospital[pid] = h;
      p.tMark[pid] = this.sim.now;
      this.misc.add(MISC_ELECTIVE_LIST, 1, this.sim.now);
      this.line(this.electiveLists, h * FUNCTIONS + f).enqueue(pid);
      return;
    }
    if (this.rec.measuring) {
      this.rec.refusalsWalkIn++;
      this.rec.hospitalRefusals[h]++;
    }
    const cs = net.candidateStart[slot];
    for (let k = 0; k < net.candidateCount[slot]; k++) {
      const h2 = net.candidateHospital[cs + k];
      if (h2 === h) continue;
      const pool2 = this.tryBed(h2, f);
      if (pool2 >= 0) {
        p.flags[pid] |= FLAG_REDIRECTED;
        p.extra[pid] += net.candidateMinutes[cs + k];
        this.admitNew(pid, h2, pool2);
        return;
      }
    }
    this.admitOverflow(pid, h);
  }

  protected admitFromList(pid: number, h: number, pool: number): void {
    const t = this.sim.now;
    this.misc.add(MISC_ELECTIVE_LIST, -1, t);
    if (this.rec.measuring) this.rec.electiveWaitDays.add((t - this.patients.tMark[pid]) / MINUTES_PER_DAY);
    this.admitNew(pid, h, pool);
  }

  /** Takes the patient into `pool` of hospital h (bed already taken) and starts the entry phase. */
  protected admitNew(pid: number, h: number, pool: number): void {
    const p = this.patients;
    this.setState(pid, LIVE_IN_BED);
    p.hospital[pid] = h;
    p.tBed[pid] = this.sim.now;
    this.recordAdmission(pid, h, true);
    if (this.rec.measuring) this.rec.groupIn[(pool & 3) === 3 ? 1 : 0]++;
    this.beginPhase(pid, p.phase[pid], pool);
  }

  /** Admitted at hospital h outside occupancy: the whole pathway runs without a pool's bed. */
  protected admitOverflow(pid: number, h: number): void {
    const p = this.patients;
    this.setState(pid, LIVE_OVERFLOW);
    p.flags[pid] |= FLAG_OVERFLOW;
    p.hospital[pid] = h;
    this.misc.add(MISC_OVERFLOW, 1, this.sim.now);
    this.recordAdmission(pid, h, false);
    this.beginPhase(pid, p.phase[pid], -1);
  }

  protected leaveRegion(pid: number): void {
    const rec = this.rec;
    if (rec.measuring) {
      rec.leftRegion++;
      rec.flowLeftRegion[this.index.municipalityArea[this.patients.municipality[pid]]]++;
    }
    this.finishPatient(pid, FATE_LEFT_REGION);
  }

  private recordAdmission(pid: number, h: number, inBed: boolean): void {
    const rec = this.rec;
    if (!rec.measuring) return;
    const p = this.patients;
    const c = p.condition[pid];
    const flags = p.flags[pid];
    const A = this.index.areaCount;
    rec.flow[this.index.municipalityArea[p.municipality[pid]] * A + this.index.hospitalArea[h]]++;
    rec.timeToCareTotal[c]++;
    if (inBed) {
      rec.admissions[c]++;
      rec.admissionsByRoute[
        flags & FLAG_AMBULANCE ? ROUTE_AMBULANCE : flags & FLAG_ELECTIVE ? ROUTE_ELECTIVE : ROUTE_WALK_IN
      ]++;
      rec.hospitalAdmissions[h]++;
      const minutes = this.sim.now - p.tCall[pid] + p.extra[pid];
      rec.timeToCare[c].add(minutes);
      const threshold = this.pathways.timeCriticalMinutes[c];
      if (threshold >= 0 && minutes <= threshold) rec.withinThreshold[c]++;
    } else {
      rec.overflow++;
      rec.hospitalOverflow[h]++;
    }
  }
}
