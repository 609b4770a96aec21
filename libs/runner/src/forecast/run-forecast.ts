// A forecast (docs/forecasting.md "Method"): the base scenario's model carried forward 14 days
// from a census date's counts. Day 0 is the census's midnight (censusDate + 1, 00:00), no
// warm-up; patients in bed get a phase from the running region's mix of their ward and residual
// stays from the equilibrium-excess distribution of that phase (libs/model initial census, mode
// `given`); hospitals × functions without a recent report
// start from the model's expected census. The figures are the midnight counts of beds occupied
// per area × function (the DaySnapshot at each day boundary, as a report counts them), never the
// time-weighted daily means of a run's results.
import { randomUUID } from 'node:crypto';
import { censusComposition, runReplication } from '@caretwin/model';
import {
  summariseForecast,
  startStateFrom,
  addDays,
  type ForecastCell,
  type StartState,
} from '@caretwin/census';
import { FORECAST_HORIZON_DAYS, type CensusRow, type DaySnapshot, type Forecast } from '@caretwin/contracts';
import { demandMultiplierByHour, type Scenario } from '@caretwin/scenario';
import type { ReplicationPool } from '../pool';
import { encodeSeries, fromRunInput, runInputKey, type RunInput } from '../run-input';

export interface ForecastRequest {
  /** the base scenario (its model: demand, pathways, transport) as the runner takes it */
  input: RunInput;
  /** the census date the forecast starts from (YYYY-MM-DD): its midnight is day 0 */
  censusDate: string;
  /** the start state: per hospital × function its latest report (CensusService.startState) */
  start: CensusRow[];
  replications: number;
  seed: number;
  id?: string;
  createdAt?: string;
}

export interface ForecastOptions {
  /** run the replications on these threads; in this thread otherwise */
  pool?: ReplicationPool;
  /** aborting stops the forecast's replications (run() then rejects) */
  signal?: AbortSignal;
}

/** What a forecast takes from the running region: its booking lists' length and who lies in each ward. */
interface RunningRegion {
  bookedDays: number;
  censusMix: Float64Array;
}

const runningByBase = new Map<string, RunningRegion>();

/**
 * One probe replication of the base scenario (its warm-up, then four weeks; about half a second
 * for Miyagi), once per base scenario and seed, then cached. A census reports neither:
 * - the booking lists: by Little's law they hold booking rate × mean wait, so a forecast prebooks
 *   the probe's mean wait from booking to admission (`scheduled.waitDays.mean`; it hardly moves
 *   with the season, 2.8–3.3 days for Miyagi's months);
 * - which patients lie in a ward: the forecast draws them from the probe's mix per ward
 *   (libs/model censusComposition), congestion and stepped-down tails included.
 */
function runningRegion(base: RunInput, seed: number): RunningRegion {
  const key = `${runInputKey(base)}:${seed}`;
  let running = runningByBase.get(key);
  if (running === undefined) {
    const probe = fromRunInput({ ...base, scenario: { ...base.scenario, horizonDays: 28, seed } });
    const { mix, kpis } = censusComposition(probe, 0);
    const wait = kpis['scheduled.waitDays.mean'];
    running = { bookedDays: Number.isFinite(wait) && wait > 0 ? Math.min(wait, 60) : 1, censusMix: mix };
    runningByBase.set(key, running);
  }
  return running;
}

/** Days of bookings on the lists at a census (the probe's mean wait; runningRegion). */
export function bookedDaysOf(base: RunInput, seed: number): number {
  return runningRegion(base, seed).bookedDays;
}

/** The replications' scenario: the base one from censusDate + 1 for 14 days, started from the census. */
export function forecastInput(request: ForecastRequest): { input: RunInput; start: StartState } {
  const base = request.input;
  const start = startStateFrom(request.start, base.region.hospitals);
  const running = runningRegion(base, request.seed);
  start.initialCensus.bookedDays = running.bookedDays;
  const scenario: Scenario = {
    ...base.scenario,
    startDate: addDays(request.censusDate, 1),
    warmupDays: 0,
    horizonDays: FORECAST_HORIZON_DAYS,
    replications: request.replications,
    seed: request.seed,
    initialCensus: start.initialCensus,
  };
  delete scenario.precision;
  // The multiplier expression is read from the forecast's day 0 (t = days since its start): a
  // base scenario's what-if surge starts at the census, as if it began now.
  const byHour = demandMultiplierByHour(
    scenario.demand.multiplier,
    FORECAST_HORIZON_DAYS,
    scenario.demand.maxMultiplier,
  ).byHour;
  return {
    input: {
      scenario,
      region: base.region,
      demandMultiplierByHour: encodeSeries(byHour),
      censusMix: encodeSeries(running.censusMix),
    },
    start,
  };
}

/** The forecast's one sentence on its start state. */
function methodOf(request: ForecastRequest, start: StartState): string {
  return (
    `Started from the ${request.censusDate} midnight census (${start.given} hospital × function reports; ` +
    `${start.filled} without a report in the last 7 days from the model's expected census); patients in bed ` +
    `get a pathway phase from the running region's mix of their ward and residual stays from the ` +
    `equilibrium-excess distribution of that phase (acute ones before their recovery-level tail where a ` +
    `recovery bed was free); the booking lists hold ` +
    `${(start.initialCensus.bookedDays ?? 1).toFixed(1)} days of bookings (the model's mean wait); new arrivals from ` +
    `scenario ${request.input.scenario.id}; ${request.replications} replications of ${FORECAST_HORIZON_DAYS} days.`
  );
}

/** Midnight counts per area × function × horizon × replication, filled from the day snapshots. */
class MidnightCounts {
  private readonly cellOf = new Map<string, number>();
  /** [(cell × H + horizon − 1) × R + replication] */
  readonly values: Float64Array;

  constructor(
    readonly cells: Array<{ area: string; function: string }>,
    private readonly replications: number,
  ) {
    cells.forEach((c, i) => this.cellOf.set(`${c.area}\u0000${c.function}`, i));
    this.values = new Float64Array(cells.length * FORECAST_HORIZON_DAYS * replications);
  }

  record(replication: number, snapshot: DaySnapshot): void {
    const d = snapshot.day;
    if (d < 1 || d > FORECAST_HORIZON_DAYS) return;
    for (const o of snapshot.occupancy) {
      const i = this.cellOf.get(`${o.area}\u0000${o.function}`);
      if (i !== undefined)
        this.values[(i * FORECAST_HORIZON_DAYS + d - 1) * this.replications + replication] = o.inUse;
    }
  }

  byHorizon(cell: number): Float64Array[] {
    const R = this.replications;
    return Array.from({ length: FORECAST_HORIZON_DAYS }, (_, h) =>
      this.values.subarray(
        (cell * FORECAST_HORIZON_DAYS + h) * R,
        (cell * FORECAST_HORIZON_DAYS + h + 1) * R,
      ),
    );
  }
}

/**
 * Runs a forecast: deterministic for (input, censusDate, start, replications, seed) whether on
 * a pool or in this thread (replication r draws from the streams of (seed, r)).
 */
export async function runForecast(
  request: ForecastRequest,
  options: ForecastOptions = {},
): Promise<Forecast> {
  if (!Number.isInteger(request.replications) || request.replications < 1)
    throw new RangeError(`replications must be a positive integer, got ${request.replications}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.censusDate))
    throw new RangeError(`censusDate must be YYYY-MM-DD, got "${request.censusDate}"`);
  const { input, start } = forecastInput(request);
  const R = request.replications;
  const counts = new MidnightCounts(start.beds, R);
  const { pool, signal } = options;
  if (pool) {
    const inputKey = runInputKey(input);
    await Promise.all(
      Array.from({ length: R }, (_, r) =>
        pool.run(
          { input, inputKey, replicationIndex: r },
          { signal, onProgress: (p) => p.snapshots.forEach((s) => counts.record(r, s)) },
        ),
      ),
    );
  } else {
    const resolved = fromRunInput(input);
    for (let r = 0; r < R; r++) {
      if (signal?.aborted)
        throw signal.reason instanceof Error ? signal.reason : new Error('forecast aborted');
      runReplication(resolved, r, { onDay: (_day, snapshot) => counts.record(r, snapshot) });
      // Let the event loop breathe between replications (a caller in a service thread).
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const cells: ForecastCell[] = start.beds.map((b, i) => ({
    area: b.area,
    function: b.function,
    beds: b.beds,
    byHorizon: counts.byHorizon(i),
  }));
  return {
    id: request.id ?? randomUUID(),
    regionId: input.region.id,
    scenarioId: request.input.scenario.id,
    censusDate: request.censusDate,
    createdAt: request.createdAt ?? new Date().toISOString(),
    replications: R,
    seed: request.seed,
    method: methodOf(request, start),
    series: summariseForecast(request.censusDate, cells),
  };
}
