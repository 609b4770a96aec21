// A simulated "true" census history (docs/forecasting.md "Synthetic feed"): what every hospital
// would report each day of a replication's horizon, per bed function — beds occupied at the
// day's end (在院患者数 at 24:00, as in 病院報告), beds, and the beds taken and given back that
// day. The CLI's `feed` posts it as daily reports and the backtest forecasts against it.
//
// Admissions and discharges count entries to and exits from the hospital × function pool, so
// occupied(d) = occupied(d − 1) + admissions(d) − discharges(d) holds exactly. They include
// 転棟 between functions of the same hospital (a step-down leaves the acute pool and enters the
// recovery one, a recovery-level tail too), transfers between hospitals (転院), deaths, and
// patients in a borrowed bed (counted in the pool of the bed they lie in, as a ward reports them).
import { BED_FUNCTIONS, type BedFunction, type ReplicationResult } from '@caretwin/contracts';
import type { ResolvedScenario } from '@caretwin/scenario';
import { FUNCTIONS } from '../region/region-index';
import { Replication, type RunOptions } from '../replication/replication';

export interface DailyCensusHistory {
  /** horizon days recorded (the scenario's `horizonDays`, after its warm-up) */
  days: number;
  /** hospital ids in the region's order: hospital h of the arrays below */
  hospitals: string[];
  /** the area id of each hospital */
  hospitalAreas: string[];
  functions: readonly BedFunction[];
  /** per pool (h × 4 + f) and horizon day d, at [(h × 4 + f) × days + d] */
  occupied: Int32Array;
  beds: Int32Array;
  admissions: Int32Array;
  discharges: Int32Array;
  /** the replication's ordinary result (recording changes nothing in it) */
  result: ReplicationResult;
}

/**
 * Runs replication `replicationIndex` of the scenario (warm-up first) and records its census at
 * the end of every horizon day. Deterministic for (scenario, seed, replicationIndex); the run is
 * the ordinary one (the recorder only reads counters at day boundaries, allocating nothing).
 */
export function simulateDailyCensus(
  resolved: ResolvedScenario,
  replicationIndex = 0,
  options: RunOptions = {},
): DailyCensusHistory {
  const days = resolved.scenario.horizonDays;
  const warmup = resolved.scenario.warmupDays;
  let replication: Replication | null = null;
  let occupied = new Int32Array(0);
  let beds = occupied;
  let admissions = occupied;
  let discharges = occupied;
  let lastEntries = new Float64Array(0);
  let lastExits = lastEntries;
  const { onDay } = options;

  replication = new Replication(resolved, replicationIndex, {
    ...options,
    // Boundary d closes horizon day d − warmup − 1 (the engine calls it before the new day's
    // first event; the end of the horizon is a boundary too).
    onDay: (d, snapshot) => {
      const j = d - warmup - 1;
      if (j >= 0 && j < days) {
        const s = replication!.state;
        const pools = occupied.length / days;
        for (let pool = 0; pool < pools; pool++) {
          const at = pool * days + j;
          occupied[at] = s.poolLevel.value(pool);
          beds[at] = s.facilities.capacity(pool);
          // Counters restart when measuring begins (the boundary of day `warmup`, or time 0).
          admissions[at] = s.poolEntries[pool] - lastEntries[pool];
          discharges[at] = s.poolExits[pool] - lastExits[pool];
          lastEntries[pool] = s.poolEntries[pool];
          lastExits[pool] = s.poolExits[pool];
        }
      }
      if (onDay) onDay(d, snapshot);
    },
  });
  const pools = replication.state.index.hospitalCount * FUNCTIONS;
  occupied = new Int32Array(pools * days);
  beds = new Int32Array(pools * days);
  admissions = new Int32Array(pools * days);
  discharges = new Int32Array(pools * days);
  lastEntries = new Float64Array(pools);
  lastExits = new Float64Array(pools);
  const result = replication.run();

  const index = replication.state.index;
  return {
    days,
    hospitals: [...index.hospitalIds],
    hospitalAreas: Array.from(index.hospitalArea, (a) => index.areaIds[a]),
    functions: BED_FUNCTIONS,
    occupied,
    beds,
    admissions,
    discharges,
    result,
  };
}
