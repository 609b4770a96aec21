import { Simulation } from '../core/simulation';
import { MINUTES_PER_DAY } from '../core/time';
import { logGamma } from '../math/special';
import { type RandomStream, streamFor } from '../random/random-stream';
import { BedPool } from '../resources/bed-pool';
import { type MeanCI, meanCI } from '../stats/confidence';
import { erlangB } from '../stats/erlang';
import { Tally } from '../stats/tally';
import { TimeWeighted } from '../stats/time-weighted';

/**
 * The reference model the kernel is proved and timed on: identical hospitals (pools) of
 * `beds` beds, Poisson admissions, exponential stays, and an admission that finds every bed
 * taken is lost (M/M/c/c). Its blocking is Erlang-B and its mean occupancy A·(1 − B).
 */
export interface LossSystemOptions {
  /** Identical, independent pools (default 1). */
  pools?: number;
  beds: number;
  /** Admissions per day to each pool (λ). */
  arrivalsPerDay: number;
  meanStayDays: number;
  /** Measured days, after warm-up; split into `batches` equal batches (whole days). */
  horizonDays: number;
  /** Discarded days (default 0: the start is already stationary). */
  warmupDays?: number;
  /** Batch means for standard errors (default 20). */
  batches?: number;
  seed: number;
  replication?: number;
  /**
   * Start with the stationary census (default true): per pool a Poisson(A) count truncated
   * at `beds`, each with an exponential remaining stay (memoryless), which is the exact
   * steady state of M/M/c/c — no warm-up bias. False starts empty.
   */
  stationaryStart?: boolean;
}

export interface EstimateWithError extends MeanCI {
  /** Standard error of the mean from batch means (sd/√batches). */
  standardError: number;
}

export interface LossSystemResult {
  events: number;
  /** Admissions attempted and lost in the measured period, all pools. */
  arrivals: number;
  blocked: number;
  /** Share of admissions lost, 95 % CI from batch means. */
  blocking: EstimateWithError;
  /** Share of time a pool has every bed taken, 95 % CI from batch means. With Poisson
   *  arrivals this equals the blocking probability (PASTA), a second, smoother estimator. */
  timeFull: EstimateWithError;
  /** Mean beds in use per pool, 95 % CI from batch means. */
  occupancy: EstimateWithError;
  /** Most beds in use in one pool at once during the measured period. */
  peakOccupied: number;
  analytic: { blocking: number; occupancy: number };
}

const ARRIVAL = 0;
const DEPARTURE = 1;

export function runLossSystem(options: LossSystemOptions): LossSystemResult {
  const pools = options.pools ?? 1;
  const batches = options.batches ?? 20;
  const warmupDays = options.warmupDays ?? 0;
  const batchDays = Math.floor(options.horizonDays / batches);
  if (!(batchDays >= 1))
    throw new RangeError(
      `runLossSystem: horizonDays ${options.horizonDays} is shorter than ${batches} batches of a day`,
    );
  const replication = options.replication ?? 0;
  const meanGap = MINUTES_PER_DAY / options.arrivalsPerDay;
  const meanStay = options.meanStayDays * MINUTES_PER_DAY;
  const load = options.arrivalsPerDay * options.meanStayDays;

  const arrivalsRng = streamFor(options.seed, replication, 'arrivals');
  const staysRng = streamFor(options.seed, replication, 'stays');
  const beds: BedPool[] = [];
  const occupancy: TimeWeighted[] = [];
  const blocking: Tally[] = [];
  const sim = new Simulation({
    initialCapacity: Math.ceil(pools * Math.min(options.beds, load * 1.2)) + pools + 16,
  });

  const censusRng = streamFor(options.seed, replication, 'initial census');
  for (let p = 0; p < pools; p++) {
    const pool = new BedPool(options.beds);
    const initial = options.stationaryStart === false ? 0 : truncatedPoisson(load, options.beds, censusRng);
    for (let i = 0; i < initial; i++) {
      pool.tryAcquire();
      sim.postAt(staysRng.exponential(meanStay), DEPARTURE, p);
    }
    beds.push(pool);
    occupancy.push(new TimeWeighted(0, initial, options.beds - 0.5)); // "above" = every bed taken
    blocking.push(new Tally());
    sim.postAt(arrivalsRng.exponential(meanGap), ARRIVAL, p);
  }

  const handler = (kind: number, p: number): void => {
    const now = sim.now;
    const pool = beds[p];
    if (kind === ARRIVAL) {
      sim.postAt(now + arrivalsRng.exponential(meanGap), ARRIVAL, p);
      if (pool.tryAcquire()) {
        occupancy[p].update(now, pool.inUse);
        blocking[p].add(0);
        sim.postAt(now + staysRng.exponential(meanStay), DEPARTURE, p);
      } else {
        blocking[p].add(1);
      }
    } else {
      pool.release();
      occupancy[p].update(now, pool.inUse);
    }
  };

  // Batch boundaries come from the day hook: cumulative counts are differenced per batch,
  // occupancy accumulators restart at each boundary.
  const batchBlocking = new Float64Array(batches);
  const batchOccupancy = new Float64Array(batches);
  const batchTimeFull = new Float64Array(batches);
  let countedArrivals = 0;
  let countedBlocked = 0;
  let firstArrivals = 0;
  let firstBlocked = 0;
  let peakOccupied = 0;
  let batch = -1; // −1 during warm-up
  const onDay = (day: number): void => {
    if (day < warmupDays || (day - warmupDays) % batchDays !== 0) return;
    const now = sim.now;
    let arrivals = 0;
    let blocked = 0;
    let occupied = 0;
    let full = 0;
    for (let p = 0; p < pools; p++) {
      arrivals += blocking[p].count;
      blocked += blocking[p].sum;
      if (batch >= 0) {
        occupied += occupancy[p].mean(now);
        full += occupancy[p].timeAbove(now);
        if (occupancy[p].max > peakOccupied) peakOccupied = occupancy[p].max;
      }
      occupancy[p].reset(now);
    }
    if (batch >= 0) {
      batchBlocking[batch] = (blocked - countedBlocked) / (arrivals - countedArrivals);
      batchOccupancy[batch] = occupied / pools;
      batchTimeFull[batch] = full / (pools * batchDays * MINUTES_PER_DAY);
    } else {
      firstArrivals = arrivals;
      firstBlocked = blocked;
    }
    countedArrivals = arrivals;
    countedBlocked = blocked;
    batch++;
  };
  // Day 0 is not a crossing, so a run without warm-up opens its first batch by hand.
  if (warmupDays === 0) onDay(0);
  sim.run(handler, (warmupDays + batches * batchDays) * MINUTES_PER_DAY, onDay);

  const b = erlangB(options.beds, load);
  return {
    events: sim.eventsProcessed,
    arrivals: countedArrivals - firstArrivals,
    blocked: countedBlocked - firstBlocked,
    blocking: withError(meanCI(batchBlocking)),
    timeFull: withError(meanCI(batchTimeFull)),
    occupancy: withError(meanCI(batchOccupancy)),
    peakOccupied,
    analytic: { blocking: b, occupancy: load * (1 - b) },
  };
}

export function withError(ci: MeanCI): EstimateWithError {
  return { ...ci, standardError: ci.sd / Math.sqrt(ci.n) };
}

/** Poisson(mean) conditioned on <= max, by inversion over log-weights (no overflow). */
function truncatedPoisson(mean: number, max: number, rng: RandomStream): number {
  if (mean === 0) return 0;
  const logMean = Math.log(mean);
  const mode = Math.min(max, Math.floor(mean));
  const top = mode * logMean - logGamma(mode + 1);
  let total = 0;
  for (let k = 0; k <= max; k++) total += Math.exp(k * logMean - logGamma(k + 1) - top);
  let target = rng.uniform() * total;
  for (let k = 0; k < max; k++) {
    target -= Math.exp(k * logMean - logGamma(k + 1) - top);
    if (target < 0) return k;
  }
  return max;
}
