// What the editor starts from: the baseline scenario as resolved by the api, its region and
// static need, and the lever values the baseline already sets (a field left at its baseline
// value adds no policy).
import type { StaticNeed } from '@caretwin/contracts';
import type { EligibilityParameters, Policy, Scenario } from '@caretwin/scenario';
import type { RegionView, ScenarioListing } from '../../api/types';
import type { EditorState } from './what-if';

export interface Baseline {
  listing: ScenarioListing;
  scenario: Scenario;
  staticNeed: StaticNeed;
  region: RegionView;
}

/** The eligibility lever's fields the editor offers (the deferral estimates stay the region's). */
export const ELIGIBILITY_KEYS = [
  'failureRate',
  'hospitalOutagesPerDay',
  'hospitalOutageHours',
  'regionOutagesPerYear',
  'regionOutageHours',
  'proofShare',
  'staffMinutes',
  'delayMinutes',
] as const;

/** The baseline's value of each lever, to compare a field's value with. */
export interface BaselineLevers {
  /** beds per area × function (key: `bedsKey`) */
  beds: Map<string, number>;
  /** static need per home area × function */
  need: Map<string, number>;
  vehicles: Map<string, number>;
  eligibility: EligibilityParameters;
  speedFactor: number;
  bedBorrowing: boolean;
}

/** What every lever section needs: the levers changed so far, the baseline, and what to call after a change. */
export interface LeverContext {
  state: EditorState;
  baseline: Baseline;
  base: BaselineLevers;
  areaName: (area: string) => string;
  /** a lever changed: preview and validate again */
  changed: () => void;
}

export const bedsKey = (area: string, fn: string): string => `${area}\u0000${fn}`;

export function bedsByAreaFunction(staticNeed: StaticNeed): Map<string, number> {
  return new Map(staticNeed.byTreatingArea.map((row) => [bedsKey(row.area, row.function), row.beds]));
}

export function needByAreaFunction(staticNeed: StaticNeed): Map<string, number> {
  return new Map(staticNeed.byHomeArea.map((row) => [bedsKey(row.area, row.function), row.need]));
}

/** Vehicles per area: the region's bases, then the baseline's area-level settings. */
function vehiclesByArea(region: RegionView, policies: readonly Policy[]): Map<string, number> {
  const vehicles = new Map<string, number>();
  for (const base of region.ambulanceBases)
    vehicles.set(base.area, (vehicles.get(base.area) ?? 0) + base.vehicles);
  for (const p of policies) if (p.kind === 'setAmbulances' && p.area) vehicles.set(p.area, p.vehicles);
  return vehicles;
}

export function baselineLevers(baseline: Baseline): BaselineLevers {
  const { region, scenario, staticNeed } = baseline;
  const levers: BaselineLevers = {
    beds: bedsByAreaFunction(staticNeed),
    need: needByAreaFunction(staticNeed),
    vehicles: vehiclesByArea(region, scenario.policies),
    eligibility: { ...region.eligibility },
    speedFactor: 1,
    bedBorrowing: false,
  };
  for (const p of scenario.policies) {
    if (p.kind === 'eligibility')
      Object.assign(
        levers.eligibility,
        Object.fromEntries(ELIGIBILITY_KEYS.flatMap((k) => (p[k] === undefined ? [] : [[k, p[k]]]))),
      );
    if (p.kind === 'travel' && p.speedFactor !== undefined) levers.speedFactor = p.speedFactor;
    if (p.kind === 'bedBorrowing') levers.bedBorrowing = p.enabled;
  }
  return levers;
}
