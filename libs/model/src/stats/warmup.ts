// The warm-up a run needs, from its own output: MSER-5 on the prefecture's beds in use per
// function at the end of each day (warm-up included), per replication and on the mean over
// replications. A run that starts empty and discards fewer days than MSER-5 suggests reports
// biased occupancy, so the aggregate says so in `warnings`.
import { BED_FUNCTIONS } from '@caretwin/contracts';
import type { DaySnapshot, ReplicationResult, ResultBedFunction, WarmupAnalysis } from '@caretwin/contracts';
import type { Scenario } from '@caretwin/scenario';
import { mser5 } from './mser';

/** Collects the series from the per-day snapshots of one replication. */
export class WarmupRecorder {
  private readonly series = BED_FUNCTIONS.map(() => [] as number[]);

  record(day: number, snapshot: DaySnapshot): void {
    if (day < 1) return;
    const totals = [0, 0, 0, 0];
    for (const o of snapshot.occupancy) totals[BED_FUNCTIONS.indexOf(o.function)] += o.inUse;
    BED_FUNCTIONS.forEach((_, f) => (this.series[f][day - 1] = totals[f]));
  }

  analysis(scenario: Pick<Scenario, 'warmupDays' | 'initialCensus'>): WarmupAnalysis {
    return analyse(
      BED_FUNCTIONS.map((fn, f) => ({ function: fn, inUse: this.series[f] })),
      scenario.initialCensus.mode,
      scenario.warmupDays,
    );
  }
}

function analyse(
  series: WarmupAnalysis['series'],
  initialCensus: WarmupAnalysis['initialCensus'],
  configuredDays: number,
): WarmupAnalysis {
  const byFunction = {} as Record<ResultBedFunction, number | null>;
  let suggested: number | null = 0;
  for (const s of series) {
    // A function without beds has a flat zero series: no transient to find.
    const t = s.inUse.some((x) => x !== 0) ? mser5(s.inUse).truncation : 0;
    byFunction[s.function] = t;
    suggested = t === null || suggested === null ? null : Math.max(suggested, t);
  }
  return { method: 'MSER-5', initialCensus, configuredDays, byFunction, suggestedDays: suggested, series };
}

/**
 * MSER-5 on the replication-mean series (index order) and the warnings it implies: for a run
 * starting empty, a configured warm-up shorter than MSER-5's, or a run too short to tell.
 * Undefined when the replications carry no warm-up series.
 */
export function aggregateWarmup(
  sorted: ReplicationResult[],
): { warmup: WarmupAnalysis; warnings: string[] } | undefined {
  const analyses = sorted.map((r) => r.warmup);
  if (analyses.length === 0 || analyses.some((a) => a === undefined)) return undefined;
  const first = analyses[0] as WarmupAnalysis;
  const series = first.series.map((s, i) => {
    const len = Math.min(...analyses.map((a) => (a as WarmupAnalysis).series[i].inUse.length));
    const mean = new Array<number>(len).fill(0);
    for (const a of analyses) {
      const x = (a as WarmupAnalysis).series[i].inUse;
      for (let d = 0; d < len; d++) mean[d] += x[d];
    }
    return { function: s.function, inUse: mean.map((v) => v / analyses.length) };
  });
  const warmup = analyse(series, first.initialCensus, first.configuredDays);
  return { warmup, warnings: warmupWarnings(warmup) };
}

export function warmupWarnings(w: WarmupAnalysis): string[] {
  if (w.initialCensus !== 'empty') return [];
  const slowest = BED_FUNCTIONS.filter(
    (f) => w.byFunction[f] === w.suggestedDays && w.suggestedDays !== null,
  );
  if (w.suggestedDays === null) {
    const unknown = BED_FUNCTIONS.filter((f) => w.byFunction[f] === null);
    return [
      `MSER-5 finds no end of the warm-up transient (${unknown.join(', ')}) within the first half of a run that starts empty: ` +
        'lengthen horizonDays and warmupDays, or start from initialCensus: expected',
    ];
  }
  if (w.configuredDays < w.suggestedDays) {
    return [
      `warmupDays ${w.configuredDays} is shorter than the MSER-5 warm-up of ${w.suggestedDays} days (${slowest.join(', ')}) ` +
        'for a run that starts empty: occupancy and the KPIs that follow from it are biased low; lengthen warmupDays or start from initialCensus: expected',
    ];
  }
  return [];
}
