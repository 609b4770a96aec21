// The online eligibility check (オンライン資格確認) at the hospital door, as the system works
// (libs/model/README.md "Rules as implemented"; parameters and sources in docs/data.md). A check
// fails for the person (insurer data not yet updated: 資格情報が無効, 有効期限切れ) or because the
// system is down: a hospital's own outage, or a region-wide one, during which every check there
// fails. A failed check never stops or delays care: it is settled with 資格確認書 or a signed
// 被保険者資格申立書 at the usual 1–3割 copay, or else the patient pays 10割 upfront and is
// refunded later (償還払い). It costs staff minutes, and a scheduled patient minutes at the desk.
// Estimate, flagged as such: outpatient visits facing 10割 upfront at the same rate are partly
// deferred, and a few of those return later as a sicker emergency admission.
//
// Randomness: the person's failure and the way it is settled are keyed draws of the patient;
// outages come from their own named streams (one per hospital, one for the region), advanced
// lazily to the time of each check, so paired what-ifs with the same seed see the same outages.
import { MINUTES_PER_DAY as MINUTES_PER_DAY_ } from '@caretwin/contracts';
import { RandomStream, streamFor } from '@caretwin/engine';
import type { EligibilityParameters } from '@caretwin/scenario';
import { Slot, TWO_POW_32 as TWO_POW_32_, keyedUniform as keyedUniform_ } from '../demand/keyed-draws';
import { Flag } from '../patients/table';
import { Ev } from './events';
import type { ReplicationState } from './state';

/** What a check found: passed, failed for the person, failed in an outage. */
export const Check = { OK: 0, INDIVIDUAL: 1, OUTAGE: 2 } as const;

// Local copies: imported bindings are getters in the CommonJS output, too slow for the
// event loop.
const CHECK_OK = Check.OK;
const CHECK_INDIVIDUAL = Check.INDIVIDUAL;
const CHECK_OUTAGE = Check.OUTAGE;
const EV_LATER_ADMISSION = Ev.LATER_ADMISSION;
const FLAG_SCHEDULED = Flag.SCHEDULED;
const SLOT_ELIGIBILITY = Slot.ELIGIBILITY;
const SLOT_LATER_ADMISSION = Slot.LATER_ADMISSION;
const MINUTES_PER_DAY = MINUTES_PER_DAY_;
const TWO_POW_32 = TWO_POW_32_;
const keyedUniform = keyedUniform_;

const MINUTES_PER_YEAR = 365 * MINUTES_PER_DAY;
/** Later admissions one 10割 case can stand for; the Poisson tail beyond is negligible. */
const MAX_RETURNS = 64;

/**
 * Outages of the check systems: one Poisson process per hospital and one for the region, each
 * on its own stream. A process lives in "hazard time": the next start is due once the rate,
 * integrated since the last start, reaches a unit exponential. A rate change (a policy) only
 * rescales what is left, so the starts need no events and no draw depends on when, or how
 * often, a process is looked at.
 */
export class Outages {
  private readonly count: number;
  private readonly region: number;
  private readonly streams: Array<RandomStream | null>;
  private readonly purposes: string[];
  private readonly seed: number;
  private readonly replication: number;
  /** unit-exponential hazard left at `at` until the next start */
  private readonly left: Float64Array;
  private readonly at: Float64Array;
  private readonly nextStart: Float64Array;
  /** end of the outage (or overlapping outages) last started */
  private readonly end: Float64Array;
  /** rates (per minute) and mean lengths (minutes) in force */
  private hospitalRate = 0;
  private hospitalMinutes = 0;
  private regionRate = 0;
  private regionMinutes = 0;
  /** false until some rate is above 0: a run without outages looks at nothing */
  active = false;

  constructor(hospitalIds: readonly string[], seed: number, replication: number) {
    this.count = hospitalIds.length + 1;
    this.region = hospitalIds.length;
    this.purposes = [...hospitalIds.map((id) => `eligibility:outage:${id}`), 'eligibility:outage:region'];
    this.streams = new Array<RandomStream | null>(this.count).fill(null);
    this.seed = seed;
    this.replication = replication;
    this.left = new Float64Array(this.count);
    this.at = new Float64Array(this.count);
    this.nextStart = new Float64Array(this.count).fill(Infinity);
    this.end = new Float64Array(this.count).fill(-Infinity);
  }

  /** True while hospital h's check, or the region's, is down at t (t never goes back). */
  down(h: number, t: number): boolean {
    if (!this.active) return false;
    const r = this.region;
    if (this.nextStart[r] <= t) this.advance(r, t, this.regionMinutes, this.regionRate);
    if (t < this.end[r]) return true;
    if (this.nextStart[h] <= t) this.advance(h, t, this.hospitalMinutes, this.hospitalRate);
    return t < this.end[h];
  }

  /** The rates or lengths changed at `now` (day 0 or a policy): rescale what is left of each process. */
  setParameters(now: number, e: EligibilityParameters): void {
    const hospitalRate = e.hospitalOutagesPerDay / MINUTES_PER_DAY;
    const regionRate = e.regionOutagesPerYear / MINUTES_PER_YEAR;
    for (let i = 0; i < this.count; i++) {
      const isRegion = i === this.region;
      const oldRate = isRegion ? this.regionRate : this.hospitalRate;
      const newRate = isRegion ? regionRate : hospitalRate;
      // Starts due by now happened at the old rate and with the old lengths.
      if (this.nextStart[i] <= now)
        this.advance(i, now, isRegion ? this.regionMinutes : this.hospitalMinutes, oldRate);
      if (oldRate === newRate) continue;
      if (this.streams[i] === null) {
        if (!(newRate > 0)) continue;
        const stream = streamFor(this.seed, this.replication, this.purposes[i]);
        this.streams[i] = stream;
        this.left[i] = -Math.log(1 - stream.uniform());
      } else this.left[i] -= (now - this.at[i]) * oldRate;
      this.at[i] = now;
      this.nextStart[i] = newRate > 0 ? now + this.left[i] / newRate : Infinity;
    }
    this.hospitalRate = hospitalRate;
    this.regionRate = regionRate;
    this.hospitalMinutes = e.hospitalOutageHours * 60;
    this.regionMinutes = e.regionOutageHours * 60;
    this.active = this.active || hospitalRate > 0 || regionRate > 0;
  }

  /** Takes the starts of process i up to t: each draws its length, then the hazard to the next. */
  private advance(i: number, t: number, meanMinutes: number, rate: number): void {
    const stream = this.streams[i] as RandomStream;
    while (this.nextStart[i] <= t) {
      const start = this.nextStart[i];
      const end = start - Math.log(1 - stream.uniform()) * meanMinutes;
      if (end > this.end[i]) this.end[i] = end;
      this.left[i] = -Math.log(1 - stream.uniform());
      this.at[i] = start;
      this.nextStart[i] = start + this.left[i] / rate;
    }
  }
}

export class Eligibility {
  private readonly state: ReplicationState;
  readonly outages: Outages;
  /** conditions deferred care returns as, with cumulative weights (region data) */
  private readonly returnCondition: Int32Array;
  private readonly returnCumulative: Float64Array;
  /** false while nothing can fail: the check then costs one branch */
  private active = false;

  constructor(state: ReplicationState) {
    this.state = state;
    const index = state.index;
    this.outages = new Outages(index.hospitalIds, state.scenario.seed, state.replication);
    const weights = Object.entries(state.levers.eligibility.returnConditions).filter(([, w]) => w > 0);
    this.returnCondition = new Int32Array(weights.length);
    this.returnCumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach(([id, w], i) => {
      this.returnCondition[i] = index.pathways.conditionIds.indexOf(id);
      sum += w;
      this.returnCumulative[i] = sum;
    });
    for (let i = 0; i < weights.length; i++) this.returnCumulative[i] /= sum;
    this.leversChanged();
  }

  /** The eligibility levers may have changed (day-0 policies, a later policy): outages follow. */
  leversChanged(): void {
    const s = this.state;
    const e = s.levers.eligibility;
    this.outages.setParameters(s.sim.now, e);
    this.active = this.active || e.failureRate > 0 || this.outages.active;
  }

  /**
   * The check when patient pid is admitted at hospital h (a bed or overflow). Nothing about the
   * admission changes: the outcome is counted, and a 10割 patient's deferred outpatient care
   * may come back later as an admission.
   */
  check(pid: number, h: number): number {
    if (!this.active) return CHECK_OK;
    const s = this.state;
    const p = s.patients;
    const e = s.levers.eligibility;
    const key = p.key[pid];
    let result: number = CHECK_OK;
    if (this.outages.down(h, s.sim.now)) result = CHECK_OUTAGE;
    else if (keyedUniform(key, SLOT_ELIGIBILITY, 0) < e.failureRate) result = CHECK_INDIVIDUAL;
    if (result === CHECK_OK) return CHECK_OK;
    const proof = keyedUniform(key, SLOT_ELIGIBILITY, 1) < e.proofShare;
    const rec = s.rec;
    if (rec.measuring) {
      rec.eligibilityFailures++;
      if (result === CHECK_OUTAGE) rec.eligibilityFailuresOutage++;
      else rec.eligibilityFailuresIndividual++;
      rec.eligibilityStaffMinutes += e.staffMinutes;
      // Emergencies are treated first and the paperwork follows; only a scheduled patient waits.
      if (p.flags[pid] & FLAG_SCHEDULED) rec.eligibilityDelayMinutes += e.delayMinutes;
      if (proof) rec.eligibilityProof++;
      else rec.eligibilityFullPay++;
    }
    if (!proof) this.deferOutpatientCare(pid, e);
    return result;
  }

  /**
   * Outpatients are not simulated: each 10割 admission stands for `outpatientVisitsPerAdmission`
   * outpatient visits facing 10割 at the same rate, of which `deferShare` are deferred (counted
   * as that expected number) and `returnShare` of those come back as an emergency admission of
   * a return condition after Exp(`returnDays`), home municipality that of this patient.
   */
  private deferOutpatientCare(pid: number, e: EligibilityParameters): void {
    const deferred = e.outpatientVisitsPerAdmission * e.deferShare;
    if (!(deferred > 0)) return;
    const s = this.state;
    if (s.rec.measuring) s.rec.eligibilityDeferredOutpatient += deferred;
    const mean = deferred * e.returnShare;
    const kinds = this.returnCondition.length;
    if (!(mean > 0) || kinds === 0) return;
    const p = s.patients;
    const d = s.draws.begin(p.key[pid], SLOT_LATER_ADMISSION);
    // Poisson by inversion: the mean is small.
    const u = d.uniform();
    let term = Math.exp(-mean);
    let cumulative = term;
    let n = 0;
    while (u > cumulative && n < MAX_RETURNS) {
      n++;
      term *= mean / n;
      cumulative += term;
    }
    const municipalities = s.index.municipalityCount;
    const home = p.municipality[pid];
    for (let i = 0; i < n; i++) {
      const wait = -Math.log(d.uniform()) * e.returnDays * MINUTES_PER_DAY;
      const v = d.uniform();
      let k = 0;
      while (k < kinds - 1 && v > this.returnCumulative[k]) k++;
      const key = (d.uniform() * TWO_POW_32) | 0;
      const c = this.returnCondition[k];
      if (c >= 0 && s.sim.now + wait < s.endMinutes)
        s.sim.postIn(wait, EV_LATER_ADMISSION, key, c * municipalities + home);
    }
  }
}
