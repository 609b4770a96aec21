// One replication: arrivals, the event loop, policies on their day, the initial census, day
// boundaries (daily and weekly series, progress snapshots, cancellation) and the result.
import { RandomStream, ThinningArrivals, streamFor } from '@caretwin/engine';
import type { InitialCensus, ResolvedScenario } from '@caretwin/scenario';
import { BED_FUNCTIONS } from '@caretwin/scenario';
import type { DaySnapshot, ReplicationResult } from '@caretwin/contracts';
import { ArrivalProcess, ProcessKind, arrivalProcesses } from '../demand/rates';
import { Slot, keyedUniform as keyedUniform_ } from '../demand/keyed-draws';
import { ModelInputError } from '../errors';
import { buildReplicationResult } from '../kpis/result-builder';
import { expectedFlows } from '../need/expected-flows';
import { spillToNeighbours } from '../need/spill';
import { meanMultiplier } from '../need/static-need';
import { applyPolicy } from '../policies/apply';
import { ScheduledPolicy, policySchedule } from '../policies/schedule';
import { WarmupRecorder } from '../stats/warmup';
import { Flag, Live } from '../patients/table';
import { buildAlias, FlatAlias, sampleAlias as sampleAlias_ } from '../region/alias';
import { Network, routeKey as routeKey_ } from '../region/network';
import { FUNCTIONS as FUNCTIONS_ } from '../region/region-index';
import { Ev, Misc, POLICY_PRIORITY } from './events';
import { MINUTES_PER_DAY as MINUTES_PER_DAY_ } from './state';
import { Transport } from './transport';

// Local copies: imported bindings are getters in the CommonJS output, too slow for the
// event loop.
const EV_ADMIT = Ev.ADMIT;
const EV_ARRIVAL = Ev.ARRIVAL;
const EV_AT_HOSPITAL = Ev.AT_HOSPITAL;
const EV_INQUIRE = Ev.INQUIRE;
const EV_PHASE_END = Ev.PHASE_END;
const EV_POLICY = Ev.POLICY;
const EV_REARRIVE = Ev.REARRIVE;
const EV_VEHICLE_BACK = Ev.VEHICLE_BACK;
const FLAG_AMBULANCE = Flag.AMBULANCE;
const FLAG_CALL = Flag.CALL;
const FLAG_ELECTIVE = Flag.ELECTIVE;
const FLAG_INITIAL = Flag.INITIAL;
const FLAG_WAITS_BOTH = Flag.WAITS_BOTH;
const LIVE_ELIGIBILITY_DELAY = Live.ELIGIBILITY_DELAY;
const LIVE_IN_BED = Live.IN_BED;
const LIVE_WAITING_VEHICLE = Live.WAITING_VEHICLE;
const MISC_ELECTIVE_LIST = Misc.ELECTIVE_LIST;
const PROCESSKIND_CALLS = ProcessKind.CALLS;
const PROCESSKIND_ELECTIVE = ProcessKind.ELECTIVE;
const SLOT_AMBULANCE = Slot.AMBULANCE;
const SLOT_CENSUS_REMAINING = Slot.CENSUS_REMAINING;
const SLOT_ENTRY = Slot.ENTRY;
const FUNCTIONS = FUNCTIONS_;
const MINUTES_PER_DAY = MINUTES_PER_DAY_;
const keyedUniform = keyedUniform_;
const sampleAlias = sampleAlias_;
const routeKey = routeKey_;

export interface RunOptions {
  /** Called once per simulated day (warm-up included) with a cheap snapshot for progress. */
  onDay?: (day: number, snapshot: DaySnapshot) => void;
  /** Polled once per simulated day; true stops the run (cancellation). */
  shouldStop?: () => boolean;
}

const TWO_POW_32 = 4294967296;

export class Replication extends Transport {
  private readonly processes: ArrivalProcess[];
  private readonly thinning: ThinningArrivals[];
  private readonly arrivalStreams: RandomStream[];
  private readonly attributeStreams: RandomStream[];
  private readonly cellProb: Float64Array;
  private readonly cellAlias: Int32Array;
  private readonly cells: number;
  private readonly schedule: ScheduledPolicy[];
  private readonly options: RunOptions;

  /** daily mean beds in use and capacity, [(area × 4 + f) × horizonDays + day] */
  readonly dailyInUse: Float64Array;
  readonly dailyCapacity: Float64Array;
  readonly weeks: number;
  /** weekly mean beds in use and capacity per hospital, [h × weeks + week] */
  readonly weeklyInUse: Float64Array;
  readonly weeklyCapacity: Float64Array;
  /** horizon days completed */
  daysDone = 0;
  stopped = false;

  constructor(resolved: ResolvedScenario, replication: number, options: RunOptions = {}) {
    super(resolved, replication);
    this.options = options;
    const seed = this.scenario.seed;
    this.processes = arrivalProcesses(resolved, this.index);
    this.thinning = this.processes.map(
      (p) => new ThinningArrivals(p.ratePerHour, 60, p.maxRate * (1 + 1e-9)),
    );
    this.arrivalStreams = this.processes.map((p) => streamFor(seed, replication, `arrivals:${p.purpose}`));
    this.attributeStreams = this.processes.map((p) =>
      streamFor(seed, replication, `attributes:${p.purpose}`),
    );
    this.cells = this.index.municipalityCount * 4;
    this.cellProb = new Float64Array(this.cells * this.processes.length);
    this.cellAlias = new Int32Array(this.cells * this.processes.length);
    this.processes.forEach((p, i) =>
      buildAlias(p.cellWeights, this.cellProb, this.cellAlias, i * this.cells),
    );
    this.schedule = policySchedule(this.scenario.policies);

    const A = this.index.areaCount;
    const H = this.index.hospitalCount;
    const days = this.scenario.horizonDays;
    this.dailyInUse = new Float64Array(A * FUNCTIONS * days);
    this.dailyCapacity = new Float64Array(A * FUNCTIONS * days);
    this.weeks = Math.ceil(days / 7);
    this.weeklyInUse = new Float64Array(H * this.weeks);
    this.weeklyCapacity = new Float64Array(H * this.weeks);
  }

  run(): ReplicationResult {
    // Policies of day 0 shape the starting state (and the initial census).
    let rebuild = false;
    for (const s of this.schedule) {
      if (s.day > 0) break;
      rebuild =
        applyPolicy(s.policy, `policies[${s.index}]`, this.index, this.facilities, this.levers).network ||
        rebuild;
    }
    if (rebuild) this.network = new Network(this.index, this.facilities, this.levers, this.usedKeys);
    for (let pool = 0; pool < this.facilities.pools.length; pool++) this.syncCapacity(pool);
    this.seedInitialCensus(this.scenario.initialCensus);

    this.schedule.forEach((s, i) => {
      if (s.day > 0 && s.day * MINUTES_PER_DAY < this.endMinutes)
        this.sim.postAt(s.day * MINUTES_PER_DAY, EV_POLICY, i, 0, POLICY_PRIORITY);
    });
    this.processes.forEach((_, i) => this.scheduleNextArrival(i));
    if (this.scenario.warmupDays === 0) this.startMeasuring(0);

    this.sim.run(this.handle, this.endMinutes, this.onDayBoundary);
    this.flushPartialWeek();
    return buildReplicationResult(this);
  }

  /** The engine's event handler: one switch, no closures per event. */
  private readonly handle = (kind: number, a: number, b: number): void => {
    switch (kind) {
      case EV_ARRIVAL:
        this.arrival(a);
        break;
      case EV_INQUIRE:
        this.inquire(a, b);
        break;
      case EV_AT_HOSPITAL:
        this.atHospital(a);
        break;
      case EV_VEHICLE_BACK:
        this.vehicleBack(a);
        break;
      case EV_PHASE_END:
        this.phaseEnd(a);
        break;
      case EV_ADMIT:
        this.chooseAndAdmit(a);
        break;
      case EV_REARRIVE:
        this.rearrive(a);
        break;
      case EV_POLICY:
        this.applyScheduled(a);
        break;
      default:
        throw new Error(`unknown event kind ${kind}`);
    }
  };

  private scheduleNextArrival(i: number): void {
    const t = this.thinning[i].next(this.sim.now, this.arrivalStreams[i]);
    if (t < this.endMinutes) this.sim.postAt(t, EV_ARRIVAL, i);
  }

  /** A new patient (or call): attributes from the process's own stream, the rest from its key. */
  private arrival(i: number): void {
    const proc = this.processes[i];
    const rng = this.attributeStreams[i];
    const cell = sampleAlias(this.cellProb, this.cellAlias, i * this.cells, this.cells, rng.uniform());
    const key = (rng.uniform() * TWO_POW_32) | 0;
    const p = this.patients;
    const pid = p.allocate();
    p.key[pid] = key;
    p.municipality[pid] = cell >> 2;
    p.tCall[pid] = this.sim.now;
    this.scheduleNextArrival(i);
    if (proc.kind === PROCESSKIND_CALLS) {
      this.generatedCalls++;
      p.condition[pid] = -1;
      p.flags[pid] = FLAG_CALL;
      this.enter(pid, LIVE_WAITING_VEHICLE);
      this.callAmbulance(pid);
      return;
    }
    this.generatedArrivals++;
    const c = proc.condition;
    const path = this.pathways;
    const entry = path.entryPhase(c, keyedUniform(key, SLOT_ENTRY, 0));
    p.condition[pid] = c;
    p.phase[pid] = entry;
    p.route[pid] = routeKey(path.capability[c], path.phaseFunction[entry]);
    const m = cell >> 2;
    const byAmbulance =
      keyedUniform(key, SLOT_AMBULANCE, 0) < proc.ambulanceShare && this.network.baseListCount[m] > 0;
    if (byAmbulance) {
      p.flags[pid] = FLAG_AMBULANCE;
      this.enter(pid, LIVE_WAITING_VEHICLE);
      this.callAmbulance(pid);
      return;
    }
    p.flags[pid] = proc.kind === PROCESSKIND_ELECTIVE ? FLAG_ELECTIVE : 0;
    this.enter(pid, LIVE_ELIGIBILITY_DELAY);
    this.arriveAtDoor(pid);
  }

  private rearrive(pid: number): void {
    const p = this.patients;
    p.tCall[pid] = this.sim.now;
    p.extra[pid] = 0;
    this.setState(pid, LIVE_ELIGIBILITY_DELAY);
    this.arriveAtDoor(pid);
  }

  private applyScheduled(i: number): void {
    const s = this.schedule[i];
    const effect = applyPolicy(s.policy, `policies[${s.index}]`, this.index, this.facilities, this.levers);
    if (effect.network) this.network = new Network(this.index, this.facilities, this.levers, this.usedKeys);
    for (const pool of effect.pools) this.syncCapacity(pool);
    for (const pool of effect.pools) if (this.facilities.capacity(pool) === 0) this.rehomeWaiters(pool);
    for (const pool of effect.pools) this.serveWaiters(pool);
    for (const b of effect.bases) this.serveCallQueue(b);
  }

  /**
   * A pool closed (capacity 0): its bed-blocked step-downs look for a transfer instead, and its
   * elective list chooses again among the hospitals still open.
   */
  private rehomeWaiters(pool: number): void {
    const internal = this.internalQueues[pool];
    while (internal !== null && internal.length > 0) {
      const pid = internal.dequeue();
      const p = this.patients;
      // Already queued for a transfer as well: it simply stays in that line.
      if (p.flags[pid] & FLAG_WAITS_BOTH) p.flags[pid] &= ~FLAG_WAITS_BOTH;
      else this.stepDownElsewhere(pid, p.nextPhase[pid]);
    }
    const list = this.electiveLists[pool];
    while (list !== null && list.length > 0) {
      const pid = list.dequeue();
      this.misc.add(MISC_ELECTIVE_LIST, -1, this.sim.now);
      this.setState(pid, LIVE_ELIGIBILITY_DELAY);
      this.chooseAndAdmit(pid);
    }
  }

  // ---------- initial census ----------

  private seedInitialCensus(census: InitialCensus): void {
    if (census.mode === 'empty') return;
    const H = this.index.hospitalCount;
    const target = new Float64Array(H * FUNCTIONS);
    const years = Math.min(365, this.scenario.warmupDays + this.scenario.horizonDays) * 24;
    // Where congestion puts them: a full area's excess already sits in its neighbours' beds.
    const flows = spillToNeighbours(
      expectedFlows(
        this.index,
        this.facilities,
        this.levers,
        this.network,
        this.scenario.year,
        meanMultiplier(this.resolved.demandMultiplierByHour, 0, years),
      ),
      this.index,
      this.facilities,
      this.network,
    );
    if (census.mode === 'expected') {
      for (let pool = 0; pool < H * FUNCTIONS; pool++)
        target[pool] = Math.round(flows.poolBedDays[pool] / 365);
    } else {
      for (const [id, beds] of Object.entries(census.hospitals)) {
        const h = this.index.hospital(id, `initialCensus.hospitals.${id}`);
        BED_FUNCTIONS.forEach(
          (f, fi) => (target[h * FUNCTIONS + fi] = Math.max(0, Math.round(beds[f] ?? 0))),
        );
      }
    }
    const rng = streamFor(this.scenario.seed, this.replication, 'census');
    const P = this.pathways.phaseCount;
    for (let pool = 0; pool < H * FUNCTIONS; pool++) {
      const n = Math.min(target[pool], this.facilities.capacity(pool));
      if (n <= 0) continue;
      const h = pool >> 2;
      const f = pool & 3;
      let phases = flows.poolPhaseBedDays.subarray(pool * P, pool * P + P);
      if (!phases.some((w) => w > 0)) {
        phases = this.functionMix(flows.poolPhaseBedDays, f);
        if (!phases.some((w) => w > 0))
          throw new ModelInputError(`initialCensus: no pathway phase uses ${BED_FUNCTIONS[f]} beds`);
      }
      const phaseAlias = new FlatAlias(phases);
      const munis = [...flows.hospitalMunicipality[h].entries()].sort((x, y) => x[0] - y[0]);
      const muniAlias = munis.length > 0 ? new FlatAlias(munis.map((e) => e[1])) : null;
      const home = this.homeMunicipalityOf(h);
      for (let i = 0; i < n; i++) {
        const phase = phaseAlias.sample(rng.uniform());
        const m = muniAlias ? munis[muniAlias.sample(rng.uniform())][0] : home;
        this.seedPatient(h, pool, phase, m, (rng.uniform() * TWO_POW_32) | 0);
      }
    }
  }

  private functionMix(poolPhase: Float64Array, f: number): Float64Array {
    const P = this.pathways.phaseCount;
    const mix = new Float64Array(P);
    for (let pool = f; pool < poolPhase.length / P; pool += FUNCTIONS) {
      for (let p = 0; p < P; p++) mix[p] += poolPhase[pool * P + p];
    }
    if (!mix.some((w) => w > 0))
      for (let p = 0; p < P; p++)
        if (this.pathways.phaseFunction[p] === f) mix[p] = this.pathways.phaseMeanDays[p];
    return mix;
  }

  private homeMunicipalityOf(h: number): number {
    const own = this.index.municipalityIndex.get(this.index.hospitals[h].municipality);
    if (own !== undefined) return own;
    const a = this.index.hospitalArea[h];
    const m = this.index.municipalityArea.indexOf(a);
    return m >= 0 ? m : 0;
  }

  /** A patient already in bed at time 0, part-way through a phase (length-biased remaining stay). */
  private seedPatient(h: number, pool: number, phase: number, m: number, key: number): void {
    if (!this.takeBed(pool)) return;
    const p = this.patients;
    const path = this.pathways;
    const pid = p.allocate();
    this.generatedInitial++;
    const c = path.phaseCondition[phase];
    p.key[pid] = key;
    p.condition[pid] = c;
    p.municipality[pid] = m;
    p.flags[pid] = FLAG_INITIAL;
    p.route[pid] = routeKey(path.capability[c], path.phaseFunction[phase]);
    p.hospital[pid] = h;
    p.pool[pid] = pool;
    p.phase[pid] = phase;
    p.tCall[pid] = 0;
    p.tBed[pid] = 0;
    p.ordinal[pid] = 1;
    this.enter(pid, LIVE_IN_BED);
    const f = path.phaseFunction[phase];
    const d = this.draws.begin(key, SLOT_CENSUS_REMAINING);
    const full = d.unitStay(path.phaseShape[phase], path.phaseCv[phase], true);
    const remaining =
      full * d.uniform() * path.phaseMeanDays[phase] * this.levers.losMultiplier[c * FUNCTIONS + f];
    this.phaseEnds.schedule(remaining * MINUTES_PER_DAY, pid);
  }

  // ---------- days ----------

  private startMeasuring(t: number): void {
    this.rec.measuring = true;
    for (const l of [
      this.poolLevel,
      this.poolCapacity,
      this.areaLevel,
      this.areaCapacity,
      this.hospitalLevel,
      this.hospitalCapacity,
      this.misc,
    ])
      l.resetAll(t);
  }

  private readonly onDayBoundary = (d: number): void => {
    this.phaseEnds.flush(d);
    this.widenTransfers();
    const T = d * MINUTES_PER_DAY;
    const w = this.scenario.warmupDays;
    if (d === w && w > 0) this.startMeasuring(T);
    else if (d > w) {
      const j = d - w - 1;
      const days = this.scenario.horizonDays;
      const n = this.index.areaCount * FUNCTIONS;
      for (let i = 0; i < n; i++) {
        this.dailyInUse[i * days + j] = this.areaLevel.take(i, T) / MINUTES_PER_DAY;
        this.dailyCapacity[i * days + j] = this.areaCapacity.take(i, T) / MINUTES_PER_DAY;
      }
      this.daysDone = j + 1;
      if (this.daysDone % 7 === 0) this.closeWeek(this.daysDone / 7 - 1, 7, T);
    }
    const { onDay, shouldStop } = this.options;
    if (onDay) onDay(d, this.snapshot(d));
    if (shouldStop && shouldStop() && T < this.endMinutes) {
      this.stopped = true;
      this.sim.stop();
    }
  };

  private closeWeek(week: number, days: number, T: number): void {
    const H = this.index.hospitalCount;
    const minutes = days * MINUTES_PER_DAY;
    for (let h = 0; h < H; h++) {
      this.weeklyInUse[h * this.weeks + week] = this.hospitalLevel.take(h, T) / minutes;
      this.weeklyCapacity[h * this.weeks + week] = this.hospitalCapacity.take(h, T) / minutes;
    }
  }

  private flushPartialWeek(): void {
    const rest = this.daysDone % 7;
    if (rest > 0)
      this.closeWeek(
        Math.floor(this.daysDone / 7),
        rest,
        (this.scenario.warmupDays + this.daysDone) * MINUTES_PER_DAY,
      );
  }

  private snapshot(d: number): DaySnapshot {
    const occupancy: DaySnapshot['occupancy'] = [];
    for (let a = 0; a < this.index.areaCount; a++) {
      for (let f = 0; f < FUNCTIONS; f++) {
        occupancy.push({
          area: this.index.areaIds[a],
          function: BED_FUNCTIONS[f],
          inUse: this.areaLevel.value(a * FUNCTIONS + f),
          capacity: this.areaCapacity.value(a * FUNCTIONS + f),
        });
      }
    }
    const r = this.rec;
    let admissions = 0;
    for (let c = 0; c < r.admissions.length; c++) admissions += r.admissions[c];
    return {
      day: d,
      warmup: d <= this.scenario.warmupDays,
      occupancy,
      counters: {
        admissions,
        refusals: r.refusalsAmbulance + r.refusalsWalkIn,
        difficultTransports: r.difficultTransports,
        overflow: r.overflow,
        leftRegion: r.leftRegion,
      },
    };
  }
}

/** One replication: deterministic for (scenario, seed, replicationIndex). Result is plain JSON. */
export function runReplication(
  resolved: ResolvedScenario,
  replicationIndex: number,
  options: RunOptions = {},
): ReplicationResult {
  // The daily prefecture series for the MSER-5 warm-up analysis comes from the same snapshots.
  const warmup = new WarmupRecorder();
  const { onDay } = options;
  const result = new Replication(resolved, replicationIndex, {
    ...options,
    onDay: (day, snapshot) => {
      warmup.record(day, snapshot);
      if (onDay) onDay(day, snapshot);
    },
  }).run();
  result.warmup = warmup.analysis(resolved.scenario);
  return result;
}
