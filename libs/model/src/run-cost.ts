// What a run asks of the workers, before it runs: the simulated population × time × demand,
// in million person-years (百万人年), over every replication the run may make. The engine's
// events grow with admissions and calls, which grow with population × demand multiplier ×
// simulated time, so this is the model's own estimate of its work without running it (Miyagi,
// model 0.3.0: about 0.4 M events and 0.3 CPU-seconds per unit). Used by the api's cost budget
// (MAX_RUN_COST); nothing here depends on how the run will be scheduled.
import type { ResolvedScenario } from '@caretwin/scenario';
import { AGE_BANDS } from '@caretwin/scenario';
import { populationFor } from './demand/rates';

const HOURS_PER_YEAR = 365.25 * 24;

export interface RunCost {
  /** million person-years × demand multiplier, over `replications` replications */
  cost: number;
  /** persons in the region in the scenario's year (linear between the given years) */
  population: number;
  /** warm-up + horizon */
  simulatedDays: number;
  /** mean demand multiplier over the simulated hours (1 when demand is as the rates give it) */
  meanDemandMultiplier: number;
  replications: number;
}

/** The cost of `replications` replications of `resolved` (warm-up included: it is simulated too). */
export function runCost(resolved: ResolvedScenario, replications: number): RunCost {
  const { scenario, region, demandMultiplierByHour } = resolved;
  let population = 0;
  for (const m of region.municipalities) {
    const byBand = populationFor(m, scenario.year);
    for (const band of AGE_BANDS) population += byBand[band];
  }
  let multiplierHours = 0;
  for (let h = 0; h < demandMultiplierByHour.length; h++) multiplierHours += demandMultiplierByHour[h];
  const simulatedDays = scenario.warmupDays + scenario.horizonDays;
  const hours = demandMultiplierByHour.length;
  const meanDemandMultiplier = hours > 0 ? multiplierHours / hours : 1;
  // Σ hours × multiplier, or the days at multiplier 1 if the hourly table is missing.
  const weightedHours = hours > 0 ? multiplierHours : simulatedDays * 24;
  const cost = (replications * population * weightedHours) / HOURS_PER_YEAR / 1e6;
  return { cost, population, simulatedDays, meanDemandMultiplier, replications };
}
