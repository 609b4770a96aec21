// Result shapes of a simulation run (docs/architecture.md "Result document"). Plain JSON, compact, and identical
// wherever a replication was computed: no timings, worker ids or hosts in here (those live in
// the caller's separate `execution` block).
import type { BedFunction } from './domain';

/** 高度急性期 / 急性期 / 回復期 / 慢性期: the bed functions of domain.ts, under the name results use. */
export type ResultBedFunction = BedFunction;

/** Cheap per-day view for progress messages (built once per simulated day). */
export interface DaySnapshot {
  /** Simulated days completed since day 0 (warm-up included). */
  day: number;
  /** True while the completed day was still inside the warm-up. */
  warmup: boolean;
  /** Beds in use at the end of the day per area × function, with the capacity then. */
  occupancy: Array<{ area: string; function: ResultBedFunction; inUse: number; capacity: number }>;
  /** Running counters since the end of warm-up (0 during warm-up). */
  counters: {
    admissions: number;
    /** ambulance inquiries refused, every reason (per inquiry; walk-ins redirected are not counted) */
    refusals: number;
    difficultTransports: number;
    overflow: number;
    leftRegion: number;
  };
}

/** Daily series of one area × function: time-weighted mean beds in use per day, and capacity. */
export interface AreaFunctionSeries {
  area: string;
  function: ResultBedFunction;
  /** length = days simulated after warm-up */
  inUse: number[];
  capacity: number[];
}

/** Weekly series of one hospital, all functions together (the last week may be shorter). */
export interface HospitalWeeklySeries {
  hospital: string;
  inUse: number[];
  capacity: number[];
}

export type ByResultBedFunction = Record<ResultBedFunction, number>;

/** One hospital over the horizon (after warm-up). */
export interface HospitalSummary {
  hospital: string;
  area: string;
  /** time-weighted mean beds in use per function */
  inUse: ByResultBedFunction;
  /** time-weighted mean capacity per function */
  capacity: ByResultBedFunction;
  /** mean beds in use ÷ mean capacity, all functions (0 when the hospital has no beds) */
  utilisation: number;
  admissions: number;
  /** ambulance inquiries (照会) this hospital refused, every reason (walk-ins redirected are not counted) */
  refusals: number;
  /** patients admitted here outside occupancy */
  overflow: number;
}

/**
 * Admissions after warm-up by home area (患者住所地, rows) and treating area (医療機関所在地,
 * columns), with the patients who left the region. 自己完結率 (self-sufficiency) of a home
 * area = diagonal ÷ (row total + left region).
 */
export interface FlowMatrix {
  areas: string[];
  admissions: number[][];
  leftRegion: number[];
  selfSufficiency: number[];
}

/** Every generated patient and ambulance call ends in exactly one of these states. */
export const PATIENT_STATES = [
  'discharged',
  'died',
  'transportedNotAdmitted',
  'leftRegion',
  'inSystem',
] as const;
export type PatientState = (typeof PATIENT_STATES)[number];

/** Conservation over the whole run (warm-up included). */
export interface ConservationCensus {
  generated: { arrivals: number; calls: number; initial: number; total: number };
  /** from the model's counters */
  byState: Record<PatientState, number>;
  /** where the patients still in the system are, from the same counters */
  inSystem: {
    inBed: number;
    blocked: number;
    overflow: number;
    transport: number;
    waitingVehicle: number;
    /** scheduled patients on booking lists (予定入院) */
    bookingList: number;
    /** at a hospital's door, being admitted (passes within the minute, so 0 at day ends) */
    atDoor: number;
  };
  /** true when an independent scan of every patient's state gives the same counts */
  consistent: boolean;
}

/** One row of the MHLW static bed need (地域医療構想 formula) for an area and function. */
export interface StaticNeedRow {
  area: string;
  function: ResultBedFunction;
  /** expected bed-days per year = Σ yearly admissions × expected days in this function */
  bedDaysPerYear: number;
  /** expected daily census = bedDaysPerYear ÷ 365 */
  census: number;
  /** need = census ÷ target occupancy */
  need: number;
  /** beds in use (capacity) at the start of the horizon, in this area */
  beds: number;
}

export interface StaticNeed {
  year: number;
  targets: ByResultBedFunction;
  /** how patients were attributed to the area that treats them */
  treatingAreaMethod: string;
  /** 患者住所地ベース */
  byHomeArea: StaticNeedRow[];
  /** 医療機関所在地ベース */
  byTreatingArea: StaticNeedRow[];
  /** prefecture totals (area = "prefecture") */
  prefecture: StaticNeedRow[];
}

/**
 * MSER-5 warm-up analysis (libs/model/src/stats) of the prefecture's beds in use per function at
 * the end of each simulated day, from day 1 (warm-up included). For a run starting empty it says
 * how long the transient lasts; a warm start should show none.
 */
export interface WarmupAnalysis {
  method: 'MSER-5';
  initialCensus: 'empty' | 'expected' | 'given';
  /** the scenario's warmupDays */
  configuredDays: number;
  /** MSER-5 truncation point in days per function; null: the run is too short to tell */
  byFunction: Record<ResultBedFunction, number | null>;
  /** the largest of them (null when any function could not tell) */
  suggestedDays: number | null;
  /** the analysed series (in an aggregate: the mean over replications) */
  series: Array<{ function: ResultBedFunction; inUse: number[] }>;
}

/** One replication: deterministic for (scenario, seed, replication index). */
export interface ReplicationResult {
  schemaVersion: 1;
  scenarioId: string;
  regionId: string;
  seed: number;
  replication: number;
  startDate: string;
  warmupDays: number;
  horizonDays: number;
  /** days simulated after warm-up (< horizonDays when stopped early) */
  daysSimulated: number;
  stoppedEarly: boolean;
  /** flat KPIs with stable dotted keys (see libs/model/README.md) */
  kpis: Record<string, number>;
  dailyOccupancy: AreaFunctionSeries[];
  weeklyHospitalOccupancy: HospitalWeeklySeries[];
  hospitals: HospitalSummary[];
  flow: FlowMatrix;
  census: ConservationCensus;
  staticNeed: StaticNeed;
  /** MSER-5 analysis of this replication's daily prefecture occupancy (added by issue 5) */
  warmup?: WarmupAnalysis;
}

/** Mean and 95 % confidence interval over replications (halfWidth 0 when n < 2). */
export interface Estimate {
  n: number;
  mean: number;
  sd: number;
  halfWidth: number;
  lo: number;
  hi: number;
}

/** Per-point mean and 95 % CI band of a series over replications. */
export interface Band {
  mean: number[];
  lo: number[];
  hi: number[];
}

export interface AggregateResult {
  schemaVersion: 1;
  scenarioId: string;
  regionId: string;
  seed: number;
  startDate: string;
  warmupDays: number;
  horizonDays: number;
  replications: number;
  /** replication indices aggregated, ascending */
  replicationIndices: number[];
  kpis: Record<string, Estimate>;
  dailyOccupancy: Array<{ area: string; function: ResultBedFunction; inUse: Band; capacity: number[] }>;
  weeklyHospitalOccupancy: Array<{ hospital: string; inUse: Band; capacity: number[] }>;
  hospitals: Array<{
    hospital: string;
    area: string;
    utilisation: Estimate;
    admissions: Estimate;
    refusals: Estimate;
    overflow: Estimate;
  }>;
  flow: { areas: string[]; admissions: number[][]; leftRegion: number[]; selfSufficiency: Estimate[] };
  staticNeed: StaticNeed;
  /** true when every replication's conservation census was consistent */
  conservationConsistent: boolean;
  /** MSER-5 on the replication-mean series (present when the replications carry their series) */
  warmup?: WarmupAnalysis;
  /** what a modeller should know before trusting the figures (e.g. a warm-up shorter than MSER-5's) */
  warnings?: string[];
}

/** Difference b − a of one KPI with its 95 % CI. */
export interface KpiDifference {
  a: number;
  b: number;
  difference: number;
  halfWidth: number;
  lo: number;
  hi: number;
  /** the CI excludes 0 */
  significant: boolean;
  /** the KPI's practical threshold in its unit (areas.ts practicalThreshold; issue 16) */
  threshold?: number;
  /** significant AND |difference| ≥ threshold: what outputs call 有意 */
  practical?: boolean;
}

export interface Comparison {
  /** paired on common random numbers (same seed and replication indices), else Welch */
  paired: boolean;
  method: 'paired' | 'welch';
  /** why the method was chosen, for tables and reports */
  note: string;
  a: { scenarioId: string; seed: number; replications: number };
  b: { scenarioId: string; seed: number; replications: number };
  kpis: Record<string, KpiDifference>;
}
