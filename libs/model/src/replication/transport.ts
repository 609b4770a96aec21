// Ambulance transport (docs/architecture.md "Transport and choice", libs/model/README.md
// "Rules as implemented"). A call takes the nearest free vehicle of any base that may answer
// it (its own area's, and within the vehicle reach those of other areas: mutual aid); when none
// is free it waits in its area's queue (FIFO) for the first vehicle freed that can reach it.
// The vehicle is busy from dispatch until it is back at base. On scene the crew asks hospitals
// (照会) nearest first: the K nearest capable ones, then further ones within reach. Each
// hospital may refuse for a reason other than a bed (処置困難, 手術中・患者対応中, 専門外, 医師不在:
// by size, capability, hour and load), else for want of a bed (a 救命救急センター first offers a
// high-acute patient one of its acute beds); each refusal costs inquiry minutes. 搬送困難事案 = ≥ 4 inquiries (the accepting one included) and ≥ 30 minutes on scene.
// After the last candidate the nearest capable hospital admits as overflow. Calls that end
// without admission still take a vehicle to the nearest hospital.
import { BED_FUNCTIONS, MINUTES_PER_DAY as MINUTES_PER_DAY_ } from '@caretwin/contracts';
import { Slot, StayShape, keyedUniform as keyedUniform_ } from '../demand/keyed-draws';
import { RefusalReason } from '../kpis/recorder';
import { Fate, Flag, Live } from '../patients/table';
import { CAPABILITY_INDEX, NO_CAPABILITY as NO_CAPABILITY_ } from '../region/pathways';
import { ROUTE_KEYS as ROUTE_KEYS_, routeKey as routeKey_ } from '../region/network';
import { FUNCTIONS as FUNCTIONS_ } from '../region/region-index';
import type { Admissions } from './admissions';
import type { BedRules } from './bed-rules';
import { Ev, Misc } from './events';
import type { ReplicationState } from './state';

// Local copies: imported bindings are getters in the CommonJS output, too slow for the
// event loop.
const EV_AT_HOSPITAL = Ev.AT_HOSPITAL;
const EV_INQUIRE = Ev.INQUIRE;
const EV_VEHICLE_BACK = Ev.VEHICLE_BACK;
const FATE_LEFT_REGION = Fate.LEFT_REGION;
const FATE_TRANSPORTED_NOT_ADMITTED = Fate.TRANSPORTED_NOT_ADMITTED;
const FLAG_CALL = Flag.CALL;
const FLAG_OVERFLOW = Flag.OVERFLOW;
const LIVE_TRANSPORT = Live.TRANSPORT;
const LIVE_WAITING_VEHICLE = Live.WAITING_VEHICLE;
const MISC_VEHICLES_BUSY = Misc.VEHICLES_BUSY;
const MISC_WAITING_VEHICLE = Misc.WAITING_VEHICLE;
const REASON_NO_BED = RefusalReason.NO_BED;
const REASON_TREATMENT_DIFFICULT = RefusalReason.TREATMENT_DIFFICULT;
const REASON_BUSY = RefusalReason.BUSY;
const REASON_OUT_OF_SPECIALTY = RefusalReason.OUT_OF_SPECIALTY;
const REASON_NO_DOCTOR = RefusalReason.NO_DOCTOR;
const SLOT_CASE_DIFFICULTY = Slot.CASE_DIFFICULTY;
const SLOT_INQUIRY = Slot.INQUIRY;
const SLOT_SCENE = Slot.SCENE;
const SLOT_DRIVE_TO_SCENE = Slot.DRIVE_TO_SCENE;
const SLOT_DRIVE_TO_HOSPITAL = Slot.DRIVE_TO_HOSPITAL;
const STAYSHAPE_GAMMA = StayShape.GAMMA;
const STAYSHAPE_LOGNORMAL = StayShape.LOGNORMAL;
const HIGH_ACUTE = BED_FUNCTIONS.indexOf('highAcute');
/** Functions up to this index are high-acute or acute. */
const ACUTE = BED_FUNCTIONS.indexOf('acute');
const FUNCTIONS = FUNCTIONS_;
const MINUTES_PER_DAY = MINUTES_PER_DAY_;
const ROUTE_KEYS = ROUTE_KEYS_;
const NO_CAPABILITY = NO_CAPABILITY_;
const keyedUniform = keyedUniform_;
const routeKey = routeKey_;

/** Scene time varies around its mean (lognormal, CV 0.5). */
const SCENE_CV = 0.5;
/** Drive times vary around the centroid-to-centroid figure (addresses, traffic): lognormal, CV 0.3. */
const DRIVE_CV = 0.3;
/** 搬送困難事案 (FDMA): both conditions together. */
const DIFFICULT_MIN_INQUIRIES = 4;
const DIFFICULT_MIN_ON_SCENE = 30;
/** Calls that end without admission go to the nearest hospital with acute beds. */
const CALL_ROUTE = routeKey(NO_CAPABILITY, 1);
/** Inquiry ordinals beyond this share a draw (lists are at most 50 long, schema). */
const MAX_INQUIRY_SALT = 63;
/** Office hours (8–18 h, Monday to Friday); outside them is 時間外・休日. */
const DAY_START_HOUR = 8;
const DAY_END_HOUR = 18;
/** The size factor stays within these bounds (a 20-bed or a 2,000-bed hospital is not extreme). */
const SIZE_FACTOR_MIN = 1 / 3;
const SIZE_FACTOR_MAX = 3;
/**
 * Non-bed reasons together refuse at most this often: even a case every hospital finds hard is
 * taken by about one in five asked (FDMA's Miyagi counts thin out past ten inquiries).
 */
const MAX_REASON_PROBABILITY = 0.8;
/** 救急告示 designation: a hospital with either takes general emergencies (capability match). */
const EMERGENCY_MASK = (1 << CAPABILITY_INDEX['emergency2']) | (1 << CAPABILITY_INDEX['emergency3']);
/** 救命救急センター */
const TERTIARY_MASK = 1 << CAPABILITY_INDEX['emergency3'];

/** Monday = 0 … Sunday = 6 of an ISO date (the scenario's day 0). */
function weekdayMonday0(isoDate: string): number {
  return (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export class Transport {
  private readonly state: ReplicationState;
  private readonly beds: BedRules;
  private readonly admissions: Admissions;
  /** refusal parameters, copied once (docs/data.md "Transport") */
  private readonly pTreatmentDifficult: number;
  private readonly pBusy: number;
  private readonly pOutOfSpecialty: number;
  private readonly pNoDoctor: number;
  private readonly referenceBeds: number;
  private readonly sizeExponent: number;
  private readonly noMatchFactor: number;
  private readonly tertiaryFactor: number;
  private readonly offHoursFactor: number;
  private readonly offHoursBusyFactor: number;
  private readonly busyAtFullLoad: number;
  private readonly caseDifficultyCv: number;
  private readonly anyReason: boolean;
  private readonly weekday0: number;

  constructor(state: ReplicationState, beds: BedRules, admissions: Admissions) {
    this.state = state;
    this.beds = beds;
    this.admissions = admissions;
    const r = state.index.region.transport.refusal;
    this.pTreatmentDifficult = r.treatmentDifficult;
    this.pBusy = r.busy;
    this.pOutOfSpecialty = r.outOfSpecialty;
    this.pNoDoctor = r.noDoctor;
    this.referenceBeds = r.referenceBeds;
    this.sizeExponent = r.sizeExponent;
    this.noMatchFactor = r.noMatchFactor;
    this.tertiaryFactor = r.tertiaryFactor;
    this.offHoursFactor = r.offHoursFactor;
    this.offHoursBusyFactor = r.offHoursBusyFactor;
    this.busyAtFullLoad = r.busyAtFullLoad;
    this.caseDifficultyCv = r.caseDifficultyCv;
    this.anyReason = r.treatmentDifficult + r.busy + r.outOfSpecialty + r.noDoctor > 0;
    this.weekday0 = weekdayMonday0(state.scenario.startDate);
  }

  /** Fleet levels for utilisation, once the policies of day 0 have set the vehicles. */
  syncFleet(): void {
    const s = this.state;
    for (let b = 0; b < s.index.baseCount; b++) s.baseFleet.set(b, s.facilities.vehicles[b], s.sim.now);
  }

  /** A call: the nearest base with a free vehicle among those that may answer, else the area's queue. */
  callAmbulance(pid: number): void {
    const s = this.state;
    const p = s.patients;
    const m = p.municipality[pid];
    const net = s.network;
    if (s.rec.measuring) s.rec.calls++;
    const start = net.baseListStart[m];
    const n = net.baseListCount[m];
    for (let i = 0; i < n; i++) {
      const b = net.baseListBase[start + i];
      if (s.vehiclesBusy[b] < s.facilities.vehicles[b]) {
        this.dispatch(pid, b, net.baseListMinutes[start + i]);
        return;
      }
    }
    s.setState(pid, LIVE_WAITING_VEHICLE);
    s.misc.add(MISC_WAITING_VEHICLE, 1, s.sim.now);
    s.line(s.callQueues, net.dispatchArea[m]).enqueue(pid);
  }

  /**
   * Sends vehicle b. The whole way to the scene and the scene time are known now, so the next
   * event is the first inquiry (or, for a call without admission, the arrival at hospital).
   */
  private dispatch(pid: number, b: number, driveMinutes: number): void {
    const s = this.state;
    const p = s.patients;
    const now = s.sim.now;
    const m = p.municipality[pid];
    const net = s.network;
    s.vehiclesBusy[b]++;
    s.misc.add(MISC_VEHICLES_BUSY, 1, now);
    s.baseBusy.add(b, 1, now);
    p.base[pid] = b;
    s.setState(pid, LIVE_TRANSPORT);
    const rec = s.rec;
    if (rec.measuring) {
      const wait = now - p.tCall[pid];
      const area = s.index.municipalityArea[m];
      rec.callWait.add(wait);
      rec.callWaitSketch.add(wait);
      if (wait > 0) rec.callsQueued++;
      rec.areaCallWait[area] += wait;
      rec.areaCallWaitCount[area]++;
      if (s.index.baseArea[b] !== net.dispatchArea[m]) rec.mutualAid++;
    }
    // Call handling and turn-out: a queued call has been handled while it waited.
    const depart = Math.max(now, p.tCall[pid] + s.index.region.transport.dispatchMinutes);
    const key = p.key[pid];
    const tScene =
      depart +
      driveMinutes * s.draws.begin(key, SLOT_DRIVE_TO_SCENE).unitStay(STAYSHAPE_LOGNORMAL, DRIVE_CV, false);
    p.tScene[pid] = tScene;
    const scene =
      s.index.region.transport.sceneMinutes *
      s.draws.begin(key, SLOT_SCENE).unitStay(STAYSHAPE_LOGNORMAL, SCENE_CV, false);
    if ((p.flags[pid] & FLAG_CALL) === 0) {
      s.sim.postAt(tScene + scene, EV_INQUIRE, pid, 0);
      return;
    }
    const slot = m * ROUTE_KEYS + CALL_ROUTE;
    if (net.candidateCount[slot] === 0) {
      // No hospital in reach: the crew hands over at the region's edge and drives back.
      p.base[pid] = -1;
      s.sim.postAt(tScene + scene + net.minutesBaseToMunicipality(b, m), EV_VEHICLE_BACK, b);
      s.finishPatient(pid, FATE_LEFT_REGION);
      return;
    }
    const start = net.candidateStart[slot];
    p.hospital[pid] = net.candidateHospital[start];
    s.sim.postAt(
      tScene + scene + this.driveToHospital(pid, net.candidateMinutes[start]),
      EV_AT_HOSPITAL,
      pid,
    );
  }

  /** A vehicle is back at base b: it takes the oldest waiting call it can reach. */
  vehicleBack(b: number): void {
    const s = this.state;
    const now = s.sim.now;
    s.vehiclesBusy[b]--;
    s.misc.add(MISC_VEHICLES_BUSY, -1, now);
    s.baseBusy.add(b, -1, now);
    this.serveQueues(b);
  }

  /** A policy changed base b's vehicles: the fleet level follows and new vehicles take waiting calls. */
  serveCallQueue(b: number): void {
    const s = this.state;
    s.baseFleet.set(b, s.facilities.vehicles[b], s.sim.now);
    this.serveQueues(b);
  }

  /**
   * Free vehicles of base b take waiting calls, oldest first: the oldest head among the queues
   * of the areas b serves whose call b can reach (the vehicle reach, or b's own area).
   */
  private serveQueues(b: number): void {
    const s = this.state;
    const net = s.network;
    const p = s.patients;
    const qs = net.baseServedStart[b];
    const qn = net.baseServedCount[b];
    while (s.vehiclesBusy[b] < s.facilities.vehicles[b]) {
      let best = -1;
      let bestCall = Infinity;
      let bestMinutes = 0;
      for (let i = 0; i < qn; i++) {
        const q = s.callQueues[net.baseServedArea[qs + i]];
        if (q === null || q.length === 0) continue;
        const pid = q.peek();
        if (p.tCall[pid] >= bestCall) continue;
        const minutes = this.listedMinutes(b, p.municipality[pid]);
        if (minutes < 0) continue;
        best = net.baseServedArea[qs + i];
        bestCall = p.tCall[pid];
        bestMinutes = minutes;
      }
      if (best < 0) return;
      const q = s.callQueues[best];
      if (q === null) return;
      const pid = q.dequeue();
      s.misc.add(MISC_WAITING_VEHICLE, -1, s.sim.now);
      this.dispatch(pid, b, bestMinutes);
    }
  }

  /** Minutes from base b to municipality m when b may answer m's calls, else −1. */
  private listedMinutes(b: number, m: number): number {
    const net = this.state.network;
    const start = net.baseListStart[m];
    const end = start + net.baseListCount[m];
    for (let i = start; i < end; i++) if (net.baseListBase[i] === b) return net.baseListMinutes[i];
    return -1;
  }

  /** Call → scene, counted once the crew has left the scene (first inquiry or hospital). */
  private recordResponse(pid: number): void {
    const s = this.state;
    const t = s.patients.tScene[pid];
    if (!s.rec.measuring || t < s.warmupMinutes) return;
    const minutes = t - s.patients.tCall[pid];
    const area = s.index.municipalityArea[s.patients.municipality[pid]];
    s.rec.response.add(minutes);
    s.rec.responseSketch.add(minutes);
    s.rec.areaResponse[area] += minutes;
    s.rec.areaResponseCount[area]++;
  }

  /** No hospital in reach: the crew hands over at the region's edge and drives back. */
  private returnFromScene(pid: number, scene: number): void {
    const s = this.state;
    const p = s.patients;
    const b = p.base[pid];
    p.base[pid] = -1;
    s.sim.postIn(scene + s.network.minutesBaseToMunicipality(b, p.municipality[pid]), EV_VEHICLE_BACK, b);
  }

  /** Asks candidate k: a reason to refuse, else a bed; a refusal costs inquiry minutes before the next call. */
  inquire(pid: number, k: number): void {
    const s = this.state;
    const p = s.patients;
    const net = s.network;
    const slot = p.municipality[pid] * ROUTE_KEYS + p.route[pid];
    const n = net.candidateCount[slot];
    const start = net.candidateStart[slot];
    if (k === 0) this.recordResponse(pid);
    if (n === 0) {
      // Nothing capable in reach (or a policy changed the routing tables during the inquiries).
      this.returnFromScene(pid, 0);
      this.admissions.leaveRegion(pid);
      return;
    }
    const rec = s.rec;
    const area = s.index.municipalityArea[p.municipality[pid]];
    if (rec.measuring) {
      rec.inquiries++;
      rec.areaInquiries[area]++;
    }
    if (k < n) {
      const h = net.candidateHospital[start + k];
      const reason = this.anyReason ? this.refusalReason(pid, k, h) : REASON_NO_BED;
      if (reason === REASON_NO_BED) {
        const f = s.pathways.phaseFunction[p.phase[pid]];
        let pool = this.beds.tryBed(h, f);
        // A 救命救急センター takes a 重篤 patient whatever its high-acute beds (救急医療対策事業
        // 実施要綱): into a free acute bed of its own, refusing only when those are full too.
        if (pool < 0 && f === HIGH_ACUTE && (s.facilities.capabilities[h] & TERTIARY_MASK) !== 0)
          pool = this.beds.tryBed(h, ACUTE);
        if (pool >= 0) {
          this.accepted(pid, k + 1, h, pool, net.candidateMinutes[start + k]);
          return;
        }
      }
      if (rec.measuring) {
        rec.inquiriesRefused[reason]++;
        rec.areaInquiriesRefused[area]++;
        rec.hospitalRefusals[h]++;
      }
      s.sim.postIn(s.index.region.transport.inquiryMinutes, EV_INQUIRE, pid, k + 1);
      return;
    }
    // Every candidate refused: the nearest capable hospital must take the patient (one more
    // call), outside its occupancy.
    p.flags[pid] |= FLAG_OVERFLOW;
    this.accepted(pid, n + 1, net.candidateHospital[start], -1, net.candidateMinutes[start]);
  }

  /**
   * Whether hospital h refuses inquiry k of the patient for a reason other than a bed: the
   * reason, or REASON_NO_BED when none applies (then the bed decides). One keyed uniform per
   * inquiry ordinal, so paired what-ifs ask with the same draws whoever is asked.
   */
  private refusalReason(pid: number, k: number, h: number): number {
    const s = this.state;
    const p = s.patients;
    const pools = s.facilities.pools;
    const hi = pools[h * FUNCTIONS];
    const ac = pools[h * FUNCTIONS + 1];
    const acuteBeds = hi.capacity + ac.capacity;
    const load = acuteBeds > 0 ? Math.min(1, (hi.inUse + ac.inUse) / acuteBeds) : 0;
    let size = acuteBeds > 0 ? Math.pow(this.referenceBeds / acuteBeds, this.sizeExponent) : SIZE_FACTOR_MAX;
    if (size < SIZE_FACTOR_MIN) size = SIZE_FACTOR_MIN;
    else if (size > SIZE_FACTOR_MAX) size = SIZE_FACTOR_MAX;
    const caps = s.facilities.capabilities[h];
    const needed = s.pathways.capability[p.condition[pid]];
    const matched = needed === NO_CAPABILITY ? (caps & EMERGENCY_MASK) !== 0 : (caps & (1 << needed)) !== 0;
    const hospital = (caps & TERTIARY_MASK) !== 0 ? size * this.tertiaryFactor : size;
    const now = s.sim.now;
    const day = Math.floor(now / MINUTES_PER_DAY);
    const hour = Math.floor((now - day * MINUTES_PER_DAY) / 60);
    const offHours = hour < DAY_START_HOUR || hour >= DAY_END_HOUR || (this.weekday0 + day) % 7 >= 5;
    const key = p.key[pid];
    const caseFactor =
      (matched ? 1 : this.noMatchFactor) *
      (this.caseDifficultyCv > 0
        ? s.draws.begin(key, SLOT_CASE_DIFFICULTY).unitStay(STAYSHAPE_GAMMA, this.caseDifficultyCv, false)
        : 1);
    let treatmentDifficult =
      this.pTreatmentDifficult * hospital * caseFactor * (offHours ? this.offHoursFactor : 1);
    let busy = this.pBusy * (offHours ? this.offHoursBusyFactor : 1) * (1 + (this.busyAtFullLoad - 1) * load);
    let outOfSpecialty = this.pOutOfSpecialty * hospital * caseFactor;
    let noDoctor = this.pNoDoctor * hospital * (offHours ? this.offHoursFactor : 1);
    const total = treatmentDifficult + busy + outOfSpecialty + noDoctor;
    if (total > MAX_REASON_PROBABILITY) {
      const scale = MAX_REASON_PROBABILITY / total;
      treatmentDifficult *= scale;
      busy *= scale;
      outOfSpecialty *= scale;
      noDoctor *= scale;
    }
    let u = keyedUniform(key, SLOT_INQUIRY + Math.min(k, MAX_INQUIRY_SALT), 0);
    if (u < treatmentDifficult) return REASON_TREATMENT_DIFFICULT;
    u -= treatmentDifficult;
    if (u < busy) return REASON_BUSY;
    u -= busy;
    if (u < outOfSpecialty) return REASON_OUT_OF_SPECIALTY;
    u -= outOfSpecialty;
    if (u < noDoctor) return REASON_NO_DOCTOR;
    return REASON_NO_BED;
  }

  private accepted(pid: number, inquiries: number, h: number, pool: number, driveMinutes: number): void {
    const s = this.state;
    const p = s.patients;
    const now = s.sim.now;
    const rec = s.rec;
    if (rec.measuring) {
      const onScene = now - p.tScene[pid];
      rec.inquiriesPerAccepted.add(inquiries);
      if (inquiries === 1) rec.firstAccepted++;
      else if (inquiries >= DIFFICULT_MIN_INQUIRIES) rec.fourPlusInquiries++;
      // FDMA counts inquiries for 重症以上; its closest kin here enter a high-acute or acute bed.
      if (s.pathways.phaseFunction[p.phase[pid]] <= ACUTE)
        rec.inquiryHistogram[Math.min(inquiries, rec.inquiryHistogram.length - 1)]++;
      rec.onScene.add(onScene);
      if (onScene >= DIFFICULT_MIN_ON_SCENE) rec.onScene30++;
      if (inquiries >= DIFFICULT_MIN_INQUIRIES && onScene >= DIFFICULT_MIN_ON_SCENE) {
        rec.difficultTransports++;
        rec.areaDifficultTransports[s.index.municipalityArea[p.municipality[pid]]]++;
      }
    }
    // The bed is held from acceptance; the stay starts at arrival.
    p.hospital[pid] = h;
    p.pool[pid] = pool;
    s.sim.postIn(this.driveToHospital(pid, driveMinutes), EV_AT_HOSPITAL, pid);
  }

  private driveToHospital(pid: number, minutes: number): number {
    const s = this.state;
    return (
      minutes *
      s.draws
        .begin(s.patients.key[pid], SLOT_DRIVE_TO_HOSPITAL)
        .unitStay(STAYSHAPE_LOGNORMAL, DRIVE_CV, false)
    );
  }

  /** The crew hands over at hospital: the call ends here, or the patient is admitted. */
  atHospital(pid: number): void {
    const s = this.state;
    const p = s.patients;
    const now = s.sim.now;
    const rec = s.rec;
    if (rec.measuring) {
      const minutes = now - p.tCall[pid];
      const area = s.index.municipalityArea[p.municipality[pid]];
      rec.callToHospital.add(minutes);
      rec.callToHospitalSketch.add(minutes);
      rec.areaCallToHospital[area] += minutes;
      rec.areaCallToHospitalCount[area]++;
    }
    if (p.flags[pid] & FLAG_CALL) this.recordResponse(pid);
    const h = p.hospital[pid];
    const b = p.base[pid];
    p.base[pid] = -1;
    const t = s.index.region.transport;
    s.sim.postIn(t.handoverMinutes + s.network.minutesHospitalToBase(h, b), EV_VEHICLE_BACK, b);
    if (p.flags[pid] & FLAG_CALL) {
      if (rec.measuring) rec.transportedNotAdmitted++;
      s.finishPatient(pid, FATE_TRANSPORTED_NOT_ADMITTED);
      return;
    }
    // The eligibility check runs at admission and never holds an emergency back.
    const admissions = this.admissions;
    if (p.flags[pid] & FLAG_OVERFLOW) admissions.admitOverflow(pid, h);
    else {
      // admitNew counts the bed taken at acceptance as this admission's bed.
      admissions.admitNew(pid, h, p.pool[pid]);
    }
  }
}
