// Levers as forms (pure): what a participant may choose for a lever of the workshop, the one
// scenario policy a proposal's form makes of it, and the lever bound a planner's create form
// makes of its fields. Bounds are shown as hints, not enforced here: the api checks them and
// its 422 names the bound, which the form shows.
import { BED_FUNCTIONS, type BedFunction, type LeverBound, type LeverKind } from '@caretwin/contracts';

/** What the proposal form knows of the baseline's region. */
export interface RegionFacts {
  areas: string[];
  hospitals: string[];
  /** vehicles of the region's ambulance bases, summed by area (the baseline before any lever) */
  ambulancesByArea: Record<string, number>;
}

export function regionFacts(region: {
  areas: ReadonlyArray<{ id: string }>;
  hospitals: ReadonlyArray<{ id: string }>;
  ambulanceBases: ReadonlyArray<{ area: string; vehicles: number }>;
}): RegionFacts {
  const ambulancesByArea: Record<string, number> = {};
  for (const base of region.ambulanceBases)
    ambulancesByArea[base.area] = (ambulancesByArea[base.area] ?? 0) + base.vehicles;
  return {
    areas: region.areas.map((a) => a.id),
    hospitals: region.hospitals.map((x) => x.id),
    ambulancesByArea,
  };
}

/** The proposal form's fields (strings as the selects hold them). */
export interface ProposalInput {
  area: string;
  from: string;
  to: string;
  hospital: string;
  /** beds (convertBeds), vehicles ± (ambulances), multiplier (lengthOfStay), failure rate (eligibility) */
  count: number;
}

export interface LeverChoices {
  kind: LeverKind;
  /** areas to pick from (one for convertBeds: its area) */
  areas: string[];
  from: BedFunction[];
  to: BedFunction[];
  hospitals: string[];
  /** what the count field holds, and a sensible first value */
  count: { field: 'beds' | 'vehicles' | 'multiplier' | 'failureRate'; value: number; step: number } | null;
}

export function leverChoices(lever: LeverBound, facts: RegionFacts): LeverChoices {
  const none = { areas: [], from: [], to: [], hospitals: [] };
  switch (lever.kind) {
    case 'convertBeds': {
      const from = lever.from?.length ? lever.from : [...BED_FUNCTIONS];
      const to = lever.to?.length ? lever.to : [...BED_FUNCTIONS];
      return {
        ...none,
        kind: lever.kind,
        areas: [lever.area],
        from,
        to,
        count: { field: 'beds', value: Math.min(50, lever.maxBeds), step: 1 },
      };
    }
    case 'ambulances':
      return {
        ...none,
        kind: lever.kind,
        areas: lever.area ? [lever.area] : facts.areas.filter((a) => a in facts.ambulancesByArea),
        count: { field: 'vehicles', value: Math.min(1, lever.maxChange), step: 1 },
      };
    case 'closeHospital':
      return { ...none, kind: lever.kind, hospitals: [...lever.hospitals], count: null };
    case 'lengthOfStay':
      return {
        ...none,
        kind: lever.kind,
        count: { field: 'multiplier', value: clampStep(0.9, lever.min, lever.max), step: 0.05 },
      };
    case 'eligibility':
      return {
        ...none,
        kind: lever.kind,
        count: { field: 'failureRate', value: lever.maxFailureRate, step: 0.01 },
      };
  }
}

const clampStep = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** A first input for a lever: its first choices and count. */
export function defaultInput(choices: LeverChoices): ProposalInput {
  const from = choices.from.includes('acute') ? 'acute' : (choices.from[0] ?? '');
  const to =
    choices.to.find((f) => f !== from && f === 'recovery') ?? choices.to.find((f) => f !== from) ?? '';
  return {
    area: choices.areas[0] ?? '',
    from,
    to,
    hospital: choices.hospitals[0] ?? '',
    count: choices.count?.value ?? 0,
  };
}

/** The scenario policy (libs/scenario Policy) the form's fields make for a lever. */
export function policyOf(
  lever: LeverBound,
  input: ProposalInput,
  facts: RegionFacts,
): Record<string, unknown> {
  switch (lever.kind) {
    case 'convertBeds':
      return { kind: 'convertBeds', area: lever.area, from: input.from, to: input.to, count: input.count };
    case 'ambulances': {
      // the lever bounds the change; the policy sets the area's vehicles
      const baseline = facts.ambulancesByArea[input.area] ?? 0;
      return { kind: 'setAmbulances', area: input.area, vehicles: baseline + input.count };
    }
    case 'closeHospital':
      return { kind: 'closeHospital', hospital: input.hospital };
    case 'lengthOfStay':
      return { kind: 'lengthOfStay', multiplier: input.count };
    case 'eligibility':
      return { kind: 'eligibility', failureRate: input.count };
  }
}

/** The create form's fields for one lever. */
export interface LeverDraft {
  kind: LeverKind;
  /** '' = any area (ambulances) */
  area: string;
  maxBeds: number;
  /** '' = any function */
  from: string;
  to: string;
  maxChange: number;
  hospitals: string[];
  min: number;
  max: number;
  maxFailureRate: number;
}

export const newLeverDraft = (kind: LeverKind, facts: Pick<RegionFacts, 'areas'>): LeverDraft => ({
  kind,
  area: kind === 'convertBeds' ? (facts.areas[0] ?? '') : '',
  maxBeds: 300,
  from: 'acute',
  to: 'recovery',
  maxChange: 10,
  hospitals: [],
  min: 0.8,
  max: 1.2,
  maxFailureRate: 0.05,
});

/** The lever bound of a draft (the api validates it: areas and hospitals must exist). */
export function leverOfDraft(draft: LeverDraft): LeverBound {
  switch (draft.kind) {
    case 'convertBeds':
      return {
        kind: 'convertBeds',
        area: draft.area,
        maxBeds: draft.maxBeds,
        ...(draft.from ? { from: [draft.from as BedFunction] } : {}),
        ...(draft.to ? { to: [draft.to as BedFunction] } : {}),
      };
    case 'ambulances':
      return { kind: 'ambulances', ...(draft.area ? { area: draft.area } : {}), maxChange: draft.maxChange };
    case 'closeHospital':
      return { kind: 'closeHospital', hospitals: [...draft.hospitals] };
    case 'lengthOfStay':
      return { kind: 'lengthOfStay', min: draft.min, max: draft.max };
    case 'eligibility':
      return { kind: 'eligibility', maxFailureRate: draft.maxFailureRate };
  }
}
