// Ambulance transport (docs/architecture.md "Transport and choice"): a vehicle from the
// nearest base of the dispatch area with one free (else a FIFO queue per area), dispatch and
// drive to the scene, scene time, then inquiries (照会) to the K nearest capable hospitals in
// travel order; each refusal costs inquiry minutes. 搬送困難事案 = ≥ 4 inquiries (the
// accepting one included) and ≥ 30 minutes on scene. After the last candidate the nearest
// capable hospital admits as overflow. Calls that end without admission still take a vehicle
// to the nearest hospital.
import { Slot, StayShape } from '../demand/keyed-draws';
import { Fate, Flag, Live } from '../patients/table';
import { NO_CAPABILITY as NO_CAPABILITY_ } from '../region/pathways';
import { ROUTE_KEYS as ROUTE_KEYS_, routeKey as routeKey_ } from '../region/network';
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
const SLOT_SCENE = Slot.SCENE;
const SLOT_DRIVE_TO_SCENE = Slot.DRIVE_TO_SCENE;
const SLOT_DRIVE_TO_HOSPITAL = Slot.DRIVE_TO_HOSPITAL;
const STAYSHAPE_LOGNORMAL = StayShape.LOGNORMAL;
const ROUTE_KEYS = ROUTE_KEYS_;
const NO_CAPABILITY = NO_CAPABILITY_;
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

export class Transport {
  private readonly state: ReplicationState;
  private readonly beds: BedRules;
  private readonly admissions: Admissions;

  constructor(state: ReplicationState, beds: BedRules, admissions: Admissions) {
    this.state = state;
    this.beds = beds;
    this.admissions = admissions;
  }

  /** A call for an ambulance: the nearest base with a free vehicle, else the area's queue. */
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
    s.vehiclesBusy[b]++;
    s.misc.add(MISC_VEHICLES_BUSY, 1, now);
    p.base[pid] = b;
    s.setState(pid, LIVE_TRANSPORT);
    if (s.rec.measuring) s.rec.vehicleWait.add(now - p.tCall[pid]);
    // Call handling runs while the caller waits for a vehicle, so a queued call leaves at once.
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
    const net = s.network;
    const m = p.municipality[pid];
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

  /** A vehicle is back at base b: it serves the oldest waiting call of its area. */
  vehicleBack(b: number): void {
    const s = this.state;
    s.vehiclesBusy[b]--;
    s.misc.add(MISC_VEHICLES_BUSY, -1, s.sim.now);
    this.serveCallQueue(b);
  }

  /** Free vehicles of base b take the waiting calls of its area, oldest first. */
  serveCallQueue(b: number): void {
    const s = this.state;
    const q = s.callQueues[s.index.baseArea[b]];
    if (q === null) return;
    while (q.length > 0 && s.vehiclesBusy[b] < s.facilities.vehicles[b]) {
      const pid = q.dequeue();
      s.misc.add(MISC_WAITING_VEHICLE, -1, s.sim.now);
      this.dispatch(pid, b, s.network.minutesBaseToMunicipality(b, s.patients.municipality[pid]));
    }
  }

  /** Call → scene, counted once the crew has left the scene (first inquiry or hospital). */
  private recordResponse(pid: number): void {
    const s = this.state;
    const t = s.patients.tScene[pid];
    if (!s.rec.measuring || t < s.warmupMinutes) return;
    const minutes = t - s.patients.tCall[pid];
    s.rec.response.add(minutes);
    s.rec.responseSketch.add(minutes);
  }

  /** No hospital in reach: the crew hands over at the region's edge and drives back. */
  private returnFromScene(pid: number, scene: number): void {
    const s = this.state;
    const p = s.patients;
    const b = p.base[pid];
    p.base[pid] = -1;
    s.sim.postIn(scene + s.network.minutesBaseToMunicipality(b, p.municipality[pid]), EV_VEHICLE_BACK, b);
  }

  /** Asks candidate k; a refusal costs inquiry minutes before the next call. */
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
    if (k < n) {
      const h = net.candidateHospital[start + k];
      const pool = this.beds.tryBed(h, s.pathways.phaseFunction[p.phase[pid]]);
      if (pool >= 0) {
        this.accepted(pid, k + 1, h, pool, net.candidateMinutes[start + k]);
        return;
      }
      if (s.rec.measuring) {
        s.rec.refusalsAmbulance++;
        s.rec.hospitalRefusals[h]++;
      }
      s.sim.postIn(s.index.region.transport.inquiryMinutes, EV_INQUIRE, pid, k + 1);
      return;
    }
    // Every candidate refused: the nearest capable hospital must take the patient (one more
    // call), outside its occupancy.
    p.flags[pid] |= FLAG_OVERFLOW;
    this.accepted(pid, n + 1, net.candidateHospital[start], -1, net.candidateMinutes[start]);
  }

  private accepted(pid: number, inquiries: number, h: number, pool: number, driveMinutes: number): void {
    const s = this.state;
    const p = s.patients;
    const now = s.sim.now;
    const rec = s.rec;
    if (rec.measuring) {
      const onScene = now - p.tScene[pid];
      rec.inquiries.add(inquiries);
      rec.onScene.add(onScene);
      if (inquiries >= DIFFICULT_MIN_INQUIRIES && onScene >= DIFFICULT_MIN_ON_SCENE)
        rec.difficultTransports++;
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
      rec.callToHospital.add(now - p.tCall[pid]);
      rec.callToHospitalSketch.add(now - p.tCall[pid]);
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
