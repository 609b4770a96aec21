// Arrivals (libs/model/README.md, "Randomness"): per condition one thinning process for its
// emergencies (walk-ins and ambulance) and one for its scheduled bookings, plus one for calls
// that end without admission, each with its own arrival stream. An arrival draws its cell
// (municipality × sex × 5-year band, or municipality × age band) and a 32-bit key from its
// process's attribute stream; everything else about the patient is a hash of that key.
import { RandomStream, ThinningArrivals, streamFor } from '@caretwin/engine';
import {
  ArrivalProcess,
  ProcessKind,
  arrivalProcesses,
  cellAgeBand as cellAgeBand_,
  cellSex as cellSex_,
} from '../demand/rates';
import { Slot, TWO_POW_32 as TWO_POW_32_, keyedUniform as keyedUniform_ } from '../demand/keyed-draws';
import { Flag, Live } from '../patients/table';
import { buildAlias, sampleAlias as sampleAlias_ } from '../region/alias';
import { routeKey as routeKey_ } from '../region/network';
import type { Admissions } from './admissions';
import { Ev } from './events';
import type { ReplicationState } from './state';
import type { Transport } from './transport';

// Local copies: imported bindings are getters in the CommonJS output, too slow for the
// event loop.
const EV_ARRIVAL = Ev.ARRIVAL;
const FLAG_AMBULANCE = Flag.AMBULANCE;
const FLAG_CALL = Flag.CALL;
const FLAG_SCHEDULED = Flag.SCHEDULED;
const LIVE_AT_DOOR = Live.AT_DOOR;
const LIVE_BOOKED = Live.BOOKED;
const LIVE_WAITING_VEHICLE = Live.WAITING_VEHICLE;
const PROCESSKIND_CALLS = ProcessKind.CALLS;
const PROCESSKIND_EMERGENCY = ProcessKind.EMERGENCY;
const PROCESSKIND_SCHEDULED = ProcessKind.SCHEDULED;
const SLOT_AMBULANCE = Slot.AMBULANCE;
const SLOT_ENTRY = Slot.ENTRY;
const TWO_POW_32 = TWO_POW_32_;
const keyedUniform = keyedUniform_;
const sampleAlias = sampleAlias_;
const routeKey = routeKey_;
const cellAgeBand = cellAgeBand_;
const cellSex = cellSex_;

export class Arrivals {
  private readonly state: ReplicationState;
  private readonly admissions: Admissions;
  private readonly transport: Transport;
  private readonly processes: ArrivalProcess[];
  private readonly thinning: ThinningArrivals[];
  private readonly arrivalStreams: RandomStream[];
  private readonly attributeStreams: RandomStream[];
  /** cell alias tables, one block per process: cellStart[i] … + cellCount[i] */
  private readonly cellProb: Float64Array;
  private readonly cellAlias: Int32Array;
  private readonly cellStart: Int32Array;
  private readonly cellCount: Int32Array;
  /** cells per municipality of each process (sex × 5-year bands, or the four age bands) */
  private readonly cellsPerMunicipality: Int32Array;
  /** per condition, its emergency process (−1: none): later admissions arrive through it */
  private readonly emergencyProcess: Int32Array;

  constructor(state: ReplicationState, admissions: Admissions, transport: Transport) {
    this.state = state;
    this.admissions = admissions;
    this.transport = transport;
    const seed = state.scenario.seed;
    const replication = state.replication;
    this.processes = arrivalProcesses(state.resolved, state.index);
    this.thinning = this.processes.map(
      (p) => new ThinningArrivals(p.ratePerHour, 60, p.maxRate * (1 + 1e-9)),
    );
    this.arrivalStreams = this.processes.map((p) => streamFor(seed, replication, `arrivals:${p.purpose}`));
    this.attributeStreams = this.processes.map((p) =>
      streamFor(seed, replication, `attributes:${p.purpose}`),
    );
    this.cellCount = Int32Array.from(this.processes, (p) => p.cellWeights.length);
    this.cellsPerMunicipality = Int32Array.from(this.processes, (p) => p.cellsPerMunicipality);
    this.cellStart = new Int32Array(this.processes.length);
    let cells = 0;
    this.processes.forEach((p, i) => {
      this.cellStart[i] = cells;
      cells += p.cellWeights.length;
    });
    this.cellProb = new Float64Array(cells);
    this.cellAlias = new Int32Array(cells);
    this.processes.forEach((p, i) =>
      buildAlias(p.cellWeights, this.cellProb, this.cellAlias, this.cellStart[i]),
    );
    this.emergencyProcess = new Int32Array(state.pathways.conditionCount).fill(-1);
    this.processes.forEach((p, i) => {
      if (p.kind === PROCESSKIND_EMERGENCY && this.emergencyProcess[p.condition] < 0)
        this.emergencyProcess[p.condition] = i;
    });
  }

  /** Posts every process's first arrival (in process order, which ties at a minute follow). */
  start(): void {
    for (let i = 0; i < this.processes.length; i++) this.scheduleNext(i);
  }

  private scheduleNext(i: number): void {
    const s = this.state;
    const t = this.thinning[i].next(s.sim.now, this.arrivalStreams[i]);
    if (t < s.endMinutes) s.sim.postAt(t, EV_ARRIVAL, i);
  }

  /**
   * A census start (initialCensus `given`, e.g. a forecast): the booking lists hold what was booked
   * and not yet admitted, as at any midnight of a running region (nobody is admitted on the day
   * they booked, so without them the first days' slots would find empty lists and the forecast
   * would lack scheduled admissions for about a stay's length). `days` days (initialCensus
   * `bookedDays`, default 1) of each scheduled process's arrivals at the first day's rates, drawn
   * from streams of their own (the ordinary arrivals draw exactly as without them), booked before
   * day 0 so that its slots take them. Runs once, at time 0, before the first event.
   */
  prebook(days: number): void {
    const s = this.state;
    const p = s.patients;
    for (let i = 0; i < this.processes.length; i++) {
      const proc = this.processes[i];
      const max = proc.maxRate;
      if (proc.kind !== PROCESSKIND_SCHEDULED || !(max > 0)) continue;
      const hours = Math.min(24, proc.ratePerHour.length);
      // `bookedDays` days of bookings (the lists at a census hold booking rate × mean wait), the
      // hourly profile repeated for each day.
      const minutes = hours * 60 * days;
      const rng = streamFor(s.scenario.seed, s.replication, `prebook:${proc.purpose}`);
      // Thinning over the day: candidates at the bound's rate, each kept with rate ÷ bound.
      for (let t = -Math.log(1 - rng.uniform()) / max; t < minutes; t -= Math.log(1 - rng.uniform()) / max) {
        if (rng.uniform() * max >= proc.ratePerHour[Math.floor(t / 60) % hours]) continue;
        const cell = sampleAlias(
          this.cellProb,
          this.cellAlias,
          this.cellStart[i],
          this.cellCount[i],
          rng.uniform(),
        );
        const pid = p.allocate();
        const perMunicipality = this.cellsPerMunicipality[i];
        p.key[pid] = (rng.uniform() * TWO_POW_32) | 0;
        p.municipality[pid] = (cell / perMunicipality) | 0;
        p.sex[pid] = cellSex(cell, perMunicipality);
        p.ageBand[pid] = cellAgeBand(cell, perMunicipality);
        p.tCall[pid] = s.sim.now;
        this.admitArrival(i, pid);
        if (p.state[pid] === LIVE_BOOKED) p.tMark[pid] = s.sim.now - 1;
      }
    }
  }

  /** A new patient (or call) of process i: attributes from its own stream, the rest from its key. */
  arrival(i: number): void {
    const s = this.state;
    const proc = this.processes[i];
    const rng = this.attributeStreams[i];
    const cell = sampleAlias(
      this.cellProb,
      this.cellAlias,
      this.cellStart[i],
      this.cellCount[i],
      rng.uniform(),
    );
    const key = (rng.uniform() * TWO_POW_32) | 0;
    const p = s.patients;
    const pid = p.allocate();
    const perMunicipality = this.cellsPerMunicipality[i];
    p.key[pid] = key;
    p.municipality[pid] = (cell / perMunicipality) | 0;
    p.sex[pid] = cellSex(cell, perMunicipality);
    p.ageBand[pid] = cellAgeBand(cell, perMunicipality);
    p.tCall[pid] = s.sim.now;
    this.scheduleNext(i);
    if (proc.kind === PROCESSKIND_CALLS) {
      s.generatedCalls++;
      p.condition[pid] = -1;
      p.flags[pid] = FLAG_CALL;
      s.enter(pid, LIVE_WAITING_VEHICLE);
      this.transport.callAmbulance(pid);
      return;
    }
    this.admitArrival(i, pid);
  }

  /** The rest of an arrival of process i once the patient has its key, home and call time. */
  private admitArrival(i: number, pid: number): void {
    const s = this.state;
    const proc = this.processes[i];
    const p = s.patients;
    const key = p.key[pid];
    s.generatedArrivals++;
    const c = proc.condition;
    const path = s.pathways;
    const entry = path.entryPhase(c, keyedUniform(key, SLOT_ENTRY, 0));
    p.condition[pid] = c;
    p.phase[pid] = entry;
    p.route[pid] = routeKey(path.capability[c], path.phaseFunction[entry]);
    const m = p.municipality[pid];
    const byAmbulance =
      keyedUniform(key, SLOT_AMBULANCE, 0) < proc.ambulanceShare && s.network.baseListCount[m] > 0;
    if (byAmbulance) {
      p.flags[pid] = FLAG_AMBULANCE;
      s.enter(pid, LIVE_WAITING_VEHICLE);
      this.transport.callAmbulance(pid);
      return;
    }
    p.flags[pid] = proc.kind === PROCESSKIND_SCHEDULED ? FLAG_SCHEDULED : 0;
    s.enter(pid, LIVE_AT_DOOR);
    this.admissions.chooseAndAdmit(pid);
  }

  /**
   * Outpatient care deferred by a 10割 patient (eligibility.ts) returns as an emergency
   * admission of condition c from the same home: a new patient with its own key, through the
   * condition's emergency process, every stay longer by the return stay factor.
   */
  laterAdmission(key: number, conditionAndHome: number): void {
    const s = this.state;
    const municipalities = s.index.municipalityCount;
    const c = Math.floor(conditionAndHome / municipalities);
    const i = this.emergencyProcess[c];
    if (i < 0) return;
    const p = s.patients;
    const pid = p.allocate();
    p.key[pid] = key;
    p.municipality[pid] = conditionAndHome - c * municipalities;
    p.tCall[pid] = s.sim.now;
    p.stayFactor[pid] = s.levers.eligibility.returnStayFactor;
    if (s.rec.measuring) s.rec.eligibilityLaterAdmissions++;
    this.admitArrival(i, pid);
  }
}
