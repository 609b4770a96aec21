// The editor's levers → a what-if scenario that `extends` the baseline and lists only the
// changes as policies (docs/architecture.md "Policies"), and the way back from a validation issue's path
// (`policies[3].beds.acute`) to the field that caused it.
import type { BedFunction, EligibilityParameters, Policy } from '@caretwin/scenario';
import { conversionComplete } from './guardrails';

export type PartialBeds = Partial<Record<BedFunction, number>>;

export interface Conversion {
  /** stable key of the row in the editor */
  key: number;
  /** '' until the planner picks one */
  area: string;
  from: BedFunction;
  to: BedFunction;
  /** null until the planner types the beds */
  count: number | null;
}

/** Only what the planner changed; everything else is inherited from the baseline. */
export interface EditorState {
  baseline: string;
  id: string;
  name: { ja: string; en: string };
  year: number | null;
  demand: string | null;
  /** area target beds per function (setBeds by area) */
  areaBeds: Record<string, PartialBeds>;
  conversions: Conversion[];
  /** hospital beds per function (setBeds by hospital) */
  hospitalBeds: Record<string, PartialBeds>;
  closed: string[];
  /** hospital → the hospital it is merged into */
  merges: Record<string, string>;
  /** vehicles per area (setAmbulances by area) */
  ambulances: Record<string, number>;
  eligibility: Partial<EligibilityParameters>;
  speedFactor: number | null;
  bedBorrowing: boolean | null;
}

export function emptyState(baseline: string): EditorState {
  return {
    baseline,
    id: `${baseline}-what-if`,
    name: { ja: `${baseline} の what-if`, en: `What-if on ${baseline}` },
    year: null,
    demand: null,
    areaBeds: {},
    conversions: [],
    hospitalBeds: {},
    closed: [],
    merges: {},
    ambulances: {},
    eligibility: {},
    speedFactor: null,
    bedBorrowing: null,
  };
}

export interface WhatIf {
  scenario: Record<string, unknown>;
  /** the editor field behind each of the scenario's own policies, by index */
  policyFields: string[];
}

const nonEmpty = (beds: PartialBeds | undefined): beds is PartialBeds =>
  beds !== undefined && Object.keys(beds).length > 0;

/**
 * Builds the scenario. Policies apply in the order listed, so closures and mergers come first
 * (area bed targets are then spread over the hospitals still open), conversions after targets.
 * Incomplete conversion rows are left out.
 */
export function buildWhatIf(state: EditorState): WhatIf {
  const policies: Policy[] = [];
  const fields: string[] = [];
  const add = (policy: Policy, field: string): void => {
    policies.push(policy);
    fields.push(field);
  };
  for (const hospital of [...state.closed].sort())
    add({ kind: 'closeHospital', hospital }, `closed.${hospital}`);
  for (const [hospital, into] of Object.entries(state.merges).sort(([a], [b]) => a.localeCompare(b))) {
    if (into) add({ kind: 'mergeHospitals', hospitals: [hospital], into }, `merge.${hospital}`);
  }
  for (const [hospital, beds] of Object.entries(state.hospitalBeds).sort(([a], [b]) => a.localeCompare(b))) {
    if (nonEmpty(beds)) add({ kind: 'setBeds', hospital, beds: { ...beds } }, `hospitalBeds.${hospital}`);
  }
  for (const [area, beds] of Object.entries(state.areaBeds)) {
    if (nonEmpty(beds)) add({ kind: 'setBeds', area, beds: { ...beds } }, `areaBeds.${area}`);
  }
  // a row still asking for its area or beds is no policy yet
  for (const c of state.conversions)
    if (conversionComplete(c))
      add(
        { kind: 'convertBeds', area: c.area, from: c.from, to: c.to, count: c.count as number },
        `conversion.${c.key}`,
      );
  for (const [area, vehicles] of Object.entries(state.ambulances))
    add({ kind: 'setAmbulances', area, vehicles }, `ambulances.${area}`);
  if (Object.keys(state.eligibility).length > 0)
    add({ kind: 'eligibility', ...state.eligibility }, 'eligibility');
  if (state.speedFactor !== null) add({ kind: 'travel', speedFactor: state.speedFactor }, 'speedFactor');
  if (state.bedBorrowing !== null) add({ kind: 'bedBorrowing', enabled: state.bedBorrowing }, 'bedBorrowing');

  const scenario: Record<string, unknown> = {
    id: state.id,
    name: { ...state.name },
    extends: state.baseline,
  };
  if (state.year !== null) scenario.year = state.year;
  if (state.demand !== null) scenario.demand = { multiplier: state.demand };
  scenario.policies = policies;
  return { scenario, policyFields: fields };
}

/** No lever changed (policies, year, demand): running it is running the baseline (基準シナリオ) itself. */
export const isUnchanged = (whatIf: WhatIf): boolean =>
  whatIf.policyFields.length === 0 &&
  whatIf.scenario.year === undefined &&
  whatIf.scenario.demand === undefined;

/**
 * The editor field an issue belongs to, or null for issues with no field (shown at the top).
 * Policy paths count the baseline's policies first (extends appends), so index i of the
 * resolved scenario is our policy i − baselinePolicies. The field may be more precise than any
 * input (e.g. `ambulances.sendai.vehicles`); the view walks up to the nearest one it has.
 */
export function fieldForIssue(
  path: string,
  baselinePolicies: number,
  policyFields: readonly string[],
): string | null {
  const policy = /^policies\[(\d+)\](.*)$/.exec(path);
  if (policy) {
    const field = policyFields[Number(policy[1]) - baselinePolicies];
    if (field === undefined) return null;
    const rest = policy[2]
      .replace(/^\./, '')
      .replace(/^beds\./, '')
      .replace(/\[\d+\]/g, '');
    return rest ? `${field}.${rest}` : field;
  }
  if (path === 'year' || path === 'id' || path === 'name.ja' || path === 'name.en') return path;
  if (path === 'demand' || path.startsWith('demand.')) return 'demand';
  return null;
}

/** `a.b.c` → [`a.b.c`, `a.b`, `a`]: where to look for a field's input, most precise first. */
export function fieldAncestors(field: string): string[] {
  const parts = field.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}
