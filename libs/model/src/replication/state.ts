// Everything one replication holds: the compiled region, the lever state, bed pools and
// waiting lines, the patient table, random streams, time integrals and counters. The behaviour
// lives in collaborators that share this one object by reference (bed rules, admissions,
// transport, arrivals, policy events, the day clock), composed by replication.ts; each file
// stays about one thing. Only the bookkeeping every collaborator needs lives here.
import { MINUTES_PER_DAY } from '@caretwin/contracts';
import { Simulation, WaitingLine } from '@caretwin/engine';
import type { ResolvedScenario, Scenario } from '@caretwin/scenario';
import { KeyedDraws } from '../demand/keyed-draws';
import { Levels } from '../kpis/levels';
import { Recorder } from '../kpis/recorder';
import { LIVE_STATES, FATES, PatientTable } from '../patients/table';
import { Facilities, Levers } from '../region/facilities';
import { Network, usedRouteKeys } from '../region/network';
import { FUNCTIONS, RegionIndex } from '../region/region-index';
import { Pathways } from '../region/pathways';
import { Ev, Misc } from './events';
import { FarEvents } from './far-events';

export class ReplicationState {
  readonly resolved: ResolvedScenario;
  readonly scenario: Scenario;
  readonly replication: number;
  readonly index: RegionIndex;
  readonly pathways: Pathways;
  readonly facilities: Facilities;
  readonly levers: Levers;
  readonly usedKeys: Set<number>;
  /** the routing tables, rebuilt when a policy changes hospitals, beds or roads */
  network: Network;

  readonly sim: Simulation;
  /** phase ends, kept out of the heap until the day before they are due */
  readonly phaseEnds: FarEvents;
  readonly patients = new PatientTable(4096);
  readonly draws = new KeyedDraws();
  readonly rec: Recorder;

  /** bed-blocked patients waiting for the next phase in their own hospital, per pool */
  readonly internalQueues: Array<WaitingLine | null>;
  /** step-down transfers per (home area, function) */
  readonly transferQueues: Array<WaitingLine | null>;
  /** booking lists of scheduled patients (予定入院) per pool (hospital × entry function) */
  readonly bookingLists: Array<WaitingLine | null>;
  /** acute-phase patients whose recovery-level tail waits for their hospital's recovery bed, per hospital */
  readonly tailQueues: Array<WaitingLine | null>;
  /** ambulance calls waiting for a vehicle, per dispatch area */
  readonly callQueues: Array<WaitingLine | null>;
  readonly vehiclesBusy: Int32Array;
  /** per base: vehicles busy and vehicles in the fleet (utilisation = busy ÷ fleet vehicle-minutes) */
  readonly baseBusy: Levels;
  readonly baseFleet: Levels;

  /** beds in use per pool (horizon means) */
  readonly poolLevel: Levels;
  readonly poolCapacity: Levels;
  /** per area × function (daily series) */
  readonly areaLevel: Levels;
  readonly areaCapacity: Levels;
  /** per hospital, all functions (weekly series) */
  readonly hospitalLevel: Levels;
  readonly hospitalCapacity: Levels;
  readonly misc = new Levels(Misc.SIZE);
  /** bed-blocked patients per area of the bed they hold */
  readonly blockedByArea: Levels;
  /**
   * Beds taken and given back per pool since measuring began (census/daily-reports.ts reads
   * them as a day's admissions and discharges of the hospital × function, 転棟 included).
   */
  readonly poolEntries: Float64Array;
  readonly poolExits: Float64Array;

  /** conservation counters over the whole run */
  readonly liveCount = new Float64Array(LIVE_STATES);
  readonly fateCount = new Float64Array(FATES);
  generatedArrivals = 0;
  generatedCalls = 0;
  generatedInitial = 0;

  readonly warmupMinutes: number;
  readonly endMinutes: number;

  constructor(resolved: ResolvedScenario, replication: number) {
    this.resolved = resolved;
    this.scenario = resolved.scenario;
    this.replication = replication;
    this.index = new RegionIndex(resolved.region, resolved.scenario.policies);
    this.pathways = this.index.pathways;
    this.facilities = new Facilities(this.index);
    this.levers = new Levers(this.index);
    this.usedKeys = usedRouteKeys(this.index);
    this.network = new Network(this.index, this.facilities, this.levers, this.usedKeys);
    this.sim = new Simulation({ initialCapacity: 1 << 14 });

    const A = this.index.areaCount;
    const H = this.index.hospitalCount;
    this.rec = new Recorder(this.pathways.conditionCount, A, H);
    this.internalQueues = new Array<WaitingLine | null>(H * FUNCTIONS).fill(null);
    this.transferQueues = new Array<WaitingLine | null>(A * FUNCTIONS).fill(null);
    this.bookingLists = new Array<WaitingLine | null>(H * FUNCTIONS).fill(null);
    this.tailQueues = new Array<WaitingLine | null>(H).fill(null);
    this.callQueues = new Array<WaitingLine | null>(A).fill(null);
    this.vehiclesBusy = new Int32Array(this.index.baseCount);
    this.baseBusy = new Levels(this.index.baseCount);
    this.baseFleet = new Levels(this.index.baseCount);

    this.poolLevel = new Levels(H * FUNCTIONS);
    this.poolCapacity = new Levels(H * FUNCTIONS);
    this.areaLevel = new Levels(A * FUNCTIONS);
    this.areaCapacity = new Levels(A * FUNCTIONS);
    this.hospitalLevel = new Levels(H);
    this.hospitalCapacity = new Levels(H);
    this.blockedByArea = new Levels(A);
    this.poolEntries = new Float64Array(H * FUNCTIONS);
    this.poolExits = new Float64Array(H * FUNCTIONS);

    this.warmupMinutes = this.scenario.warmupDays * MINUTES_PER_DAY;
    this.endMinutes = (this.scenario.warmupDays + this.scenario.horizonDays) * MINUTES_PER_DAY;
    this.phaseEnds = new FarEvents(this.sim, Ev.PHASE_END, this.endMinutes);
  }

  /** New routing tables after a policy changed hospitals, beds or roads. */
  rebuildNetwork(): void {
    this.network = new Network(this.index, this.facilities, this.levers, this.usedKeys);
  }

  /** The waiting line at `i` of `lines`, created on first use (most pools never need one). */
  line(lines: Array<WaitingLine | null>, i: number): WaitingLine {
    let l = lines[i];
    if (l === null) {
      l = new WaitingLine({ initialCapacity: 16 });
      lines[i] = l;
    }
    return l;
  }

  /** Moves a live patient to another live state, keeping the conservation counters. */
  setState(pid: number, state: number): void {
    const p = this.patients;
    this.liveCount[p.state[pid]]--;
    this.liveCount[state]++;
    p.state[pid] = state;
  }

  /** A newly generated patient or call enters the system in `state`. */
  enter(pid: number, state: number): void {
    this.patients.state[pid] = state;
    this.liveCount[state]++;
  }

  /** Ends a patient with a terminal fate. */
  finishPatient(pid: number, fate: number): void {
    const p = this.patients;
    this.liveCount[p.state[pid]]--;
    this.fateCount[fate]++;
    p.finish(pid, fate);
  }

  /** End of warm-up (or time 0 without one): counters count and every integral starts at t. */
  startMeasuring(t: number): void {
    this.rec.measuring = true;
    for (const l of [
      this.poolLevel,
      this.poolCapacity,
      this.areaLevel,
      this.areaCapacity,
      this.hospitalLevel,
      this.hospitalCapacity,
      this.misc,
      this.blockedByArea,
      this.baseBusy,
      this.baseFleet,
    ])
      l.resetAll(t);
    this.poolEntries.fill(0);
    this.poolExits.fill(0);
  }

  /** Keeps the capacity integrals in step with a pool's capacity. */
  syncCapacity(pool: number): void {
    const t = this.sim.now;
    const cap = this.facilities.capacity(pool);
    const delta = cap - this.poolCapacity.value(pool);
    if (delta === 0) return;
    const h = pool >> 2;
    this.poolCapacity.add(pool, delta, t);
    this.areaCapacity.add(this.index.hospitalArea[h] * FUNCTIONS + (pool & 3), delta, t);
    this.hospitalCapacity.add(h, delta, t);
  }
}
