// Who lies in each ward of the running region (docs/forecasting.md "Method"): per pool, the
// pathway phases of the patients in its beds, averaged over the day boundaries of a horizon —
// and, in recovery wards, the acute phases whose recovery-level tails lie there (転棟). A census
// says how many patients a ward holds, never which; a forecast's start state draws them from
// this mix rather than from the static expected flows, which know no congestion (a full ward's
// ambulance patients go elsewhere, so the static mix over-weights them where it matters most).
import type { ResolvedScenario } from '@caretwin/scenario';
import { FUNCTIONS } from '../region/region-index';
import { Replication } from '../replication/replication';

export interface CensusComposition {
  /** pathway phases P: the mix of pool `pool` is at [pool × 2P, pool × 2P + 2P) */
  phases: number;
  /**
   * Mean patients per pool (h × 4 + f) × (phase, or P + phase for an acute phase's tail lying in
   * a recovery bed) over the horizon's day boundaries.
   */
  mix: Float64Array;
  /** the probe replication's ordinary KPIs (the forecast reads its mean booking wait) */
  kpis: Record<string, number>;
}

const LIVE_FREE = 0;

/**
 * Runs replication `replicationIndex` of the scenario (its warm-up, then its horizon) and counts,
 * at the end of every horizon day, the patients in bed by pool and phase. Deterministic for
 * (scenario, seed, replicationIndex).
 */
export function censusComposition(resolved: ResolvedScenario, replicationIndex = 0): CensusComposition {
  const warmup = resolved.scenario.warmupDays;
  const days = resolved.scenario.horizonDays;
  let replication: Replication | null = null;
  let mix = new Float64Array(0);
  let P = 0;
  replication = new Replication(resolved, replicationIndex, {
    onDay: (d) => {
      const j = d - warmup - 1;
      if (j < 0 || j >= days) return;
      const s = replication!.state;
      const p = s.patients;
      const path = s.pathways;
      if (mix.length === 0) {
        P = path.phaseCount;
        mix = new Float64Array(s.index.hospitalCount * FUNCTIONS * 2 * P);
      }
      for (let pid = 0; pid < p.capacity; pid++) {
        if (p.state[pid] === LIVE_FREE) continue;
        const pool = p.pool[pid];
        if (pool < 0) continue;
        const phase = p.phase[pid];
        // A phase lying in a ward of another function: an acute tail stepped down (a borrowed
        // bed of a more acute function counts as the phase itself).
        const tail = path.phaseFunction[phase] < (pool & 3) ? P : 0;
        mix[pool * 2 * P + tail + phase] += 1 / days;
      }
    },
  });
  const result = replication.run();
  return { phases: P, mix, kpis: result.kpis };
}
