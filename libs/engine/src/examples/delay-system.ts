import { Simulation } from '../core/simulation';
import { MINUTES_PER_DAY } from '../core/time';
import { streamFor } from '../random/random-stream';
import { BedPool } from '../resources/bed-pool';
import { WaitingLine } from '../resources/waiting-line';
import { meanCI } from '../stats/confidence';
import { erlangC } from '../stats/erlang';
import { Tally } from '../stats/tally';
import { TimeWeighted } from '../stats/time-weighted';
import { type EstimateWithError, withError } from './loss-system';

/**
 * M/M/c with an unbounded first-come-first-served waiting line: the model that proves
 * BedPool + WaitingLine against Erlang-C, and the kernel's time-weighted statistics against
 * Little's law (L = λ·W) on the same run.
 */
export interface DelaySystemOptions {
  servers: number;
  arrivalsPerDay: number;
  meanServiceDays: number;
  horizonDays: number;
  warmupDays: number;
  batches?: number;
  seed: number;
  replication?: number;
}

export interface DelaySystemResult {
  events: number;
  /** Share of customers who had to wait, per service start, 95 % CI from batch means. */
  waitProbability: EstimateWithError;
  /** Mean wait in days before service, 95 % CI from batch means. */
  meanWaitDays: EstimateWithError;
  /** Little's law over the whole measured period: L against λ̂·W. */
  little: { meanInSystem: number; arrivalRatePerDay: number; meanTimeInSystemDays: number };
  analytic: { waitProbability: number; meanWaitDays: number; meanInSystem: number };
}

const ARRIVAL = 0;
const DEPARTURE = 1;

export function runDelaySystem(options: DelaySystemOptions): DelaySystemResult {
  const batches = options.batches ?? 20;
  const batchDays = Math.floor(options.horizonDays / batches);
  if (!(batchDays >= 1))
    throw new RangeError(
      `runDelaySystem: horizonDays ${options.horizonDays} is shorter than ${batches} batches of a day`,
    );
  const replication = options.replication ?? 0;
  const meanGap = MINUTES_PER_DAY / options.arrivalsPerDay;
  const meanService = options.meanServiceDays * MINUTES_PER_DAY;
  const arrivalsRng = streamFor(options.seed, replication, 'arrivals');
  const serviceRng = streamFor(options.seed, replication, 'service');

  const sim = new Simulation();
  const servers = new BedPool(options.servers);
  const line = new WaitingLine();
  const inSystem = new TimeWeighted(0);
  let population = 0;
  let nextId = 0;
  let measuring = false;
  let measuredArrivals = 0;
  // Per batch: service starts, how many of them waited, total wait (minutes).
  let starts = 0;
  let waited = 0;
  let waitSum = 0;
  const timeInSystem = new Tally(); // per service start, whole measured period

  const startService = (now: number, wait: number): void => {
    const service = serviceRng.exponential(meanService);
    sim.postAt(now + service, DEPARTURE);
    if (!measuring) return;
    starts++;
    if (wait > 0) waited++;
    waitSum += wait;
    timeInSystem.add(wait + service);
  };

  const handler = (kind: number): void => {
    const now = sim.now;
    if (kind === ARRIVAL) {
      sim.postAt(now + arrivalsRng.exponential(meanGap), ARRIVAL);
      inSystem.update(now, ++population);
      if (measuring) measuredArrivals++;
      if (servers.tryAcquire()) startService(now, 0);
      else line.enqueue(nextId++ & 0x3fffffff, 0, now);
    } else {
      inSystem.update(now, --population);
      servers.release();
      if (line.dequeue() >= 0) {
        servers.tryAcquire();
        startService(now, now - line.lastEnqueueTime);
      }
    }
  };

  const batchWaitShare = new Float64Array(batches);
  const batchMeanWait = new Float64Array(batches);
  let batch = -1;
  const onDay = (day: number): void => {
    if (day < options.warmupDays || (day - options.warmupDays) % batchDays !== 0) return;
    if (batch >= 0) {
      batchWaitShare[batch] = waited / starts;
      batchMeanWait[batch] = waitSum / starts / MINUTES_PER_DAY;
    } else {
      inSystem.reset(sim.now);
      measuring = true;
    }
    starts = 0;
    waited = 0;
    waitSum = 0;
    batch++;
  };
  sim.postAt(arrivalsRng.exponential(meanGap), ARRIVAL);
  if (options.warmupDays === 0) onDay(0); // day 0 is not a crossing
  const end = (options.warmupDays + batches * batchDays) * MINUTES_PER_DAY;
  sim.run(handler, end, onDay);

  const load = options.arrivalsPerDay * options.meanServiceDays;
  const c = erlangC(options.servers, load);
  const meanWaitDays = c / (options.servers / options.meanServiceDays - options.arrivalsPerDay);
  const measuredDays = batches * batchDays;
  return {
    events: sim.eventsProcessed,
    waitProbability: withError(meanCI(batchWaitShare)),
    meanWaitDays: withError(meanCI(batchMeanWait)),
    little: {
      meanInSystem: inSystem.mean(end),
      arrivalRatePerDay: measuredArrivals / measuredDays,
      meanTimeInSystemDays: timeInSystem.mean / MINUTES_PER_DAY,
    },
    analytic: {
      waitProbability: c,
      meanWaitDays,
      meanInSystem: load + options.arrivalsPerDay * meanWaitDays,
    },
  };
}
