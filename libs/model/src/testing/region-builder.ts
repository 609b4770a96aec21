// Test support: small regions written as TypeScript literals with sensible defaults, so a
// test states only what it is about (one hospital, two areas, a full ICU…). These are real
// Region and ResolvedScenario values, run by the real model.
import type { BedFunction } from '@caretwin/contracts';
import {
  AGE_BANDS,
  DEFAULT_RESOURCE_POINT_THRESHOLDS,
  eligibilitySchema,
  FIVE_YEAR_BAND_AGE_BAND,
} from '@caretwin/scenario';
import type {
  AmbulanceBase,
  Beds,
  ByAgeBand,
  BySexAge,
  Capability,
  Condition,
  EligibilityParameters,
  Hospital,
  Phase,
  RefusalParameters,
  Region,
  ResolvedScenario,
  ResourceIntensity,
  ResourcePointThresholds,
  Scenario,
  StayDistribution,
  TransportParameters,
} from '@caretwin/scenario';

/** Refusal parameters with every reason but "no bed" switched off (the factors as the schema's). */
export const NO_REFUSAL_REASONS: RefusalParameters = {
  treatmentDifficult: 0,
  busy: 0,
  outOfSpecialty: 0,
  noDoctor: 0,
  referenceBeds: 300,
  sizeExponent: 0.5,
  noMatchFactor: 3,
  tertiaryFactor: 0.5,
  offHoursFactor: 2.5,
  offHoursBusyFactor: 0.6,
  busyAtFullLoad: 3,
  caseDifficultyCv: 0,
};

export const FLAT_24 = Array.from({ length: 24 }, () => 1);
export const FLAT_7 = Array.from({ length: 7 }, () => 1);

const zeroBeds = (): Beds => ({ highAcute: 0, acute: 0, recovery: 0, chronic: 0 });
/** A population total split evenly over the four age bands. */
const split = (x: number | ByAgeBand): ByAgeBand =>
  typeof x === 'number' ? { age0to14: x / 4, age15to64: x / 4, age65to74: x / 4, age75plus: x / 4 } : x;
/** The four age bands of a population by sex × 5-year band. */
export const fourBands = (x: BySexAge): ByAgeBand => {
  const out: ByAgeBand = { age0to14: 0, age15to64: 0, age65to74: 0, age75plus: 0 };
  FIVE_YEAR_BAND_AGE_BAND.forEach((b, k) => (out[AGE_BANDS[b]] += x.male[k] + x.female[k]));
  return out;
};
/** A rate that is the same in every age band. */
const same = (x: number | ByAgeBand): ByAgeBand =>
  typeof x === 'number' ? { age0to14: x, age15to64: x, age65to74: x, age75plus: x } : x;

export interface AreaSpec {
  id: string;
  adjacent?: string[];
}
export interface MunicipalitySpec {
  id: string;
  area: string;
  lat: number;
  lng: number;
  /** total population (split evenly over the four bands) or by band; same in every year */
  population?: number | ByAgeBand;
  /** by year, sex and 5-year band instead (the four bands are their sums) */
  populationBySexAge?: Record<string, BySexAge>;
}
export interface HospitalSpec {
  id: string;
  area: string;
  municipality: string;
  lat: number;
  lng: number;
  beds: Partial<Beds>;
  capabilities?: Capability[];
}
export interface BaseSpec {
  id: string;
  area: string;
  municipality: string;
  lat: number;
  lng: number;
  vehicles: number;
}

export interface RegionSpec {
  id?: string;
  areas: AreaSpec[];
  municipalities: MunicipalitySpec[];
  hospitals: HospitalSpec[];
  bases?: BaseSpec[];
  conditions: Condition[];
  transport?: Partial<Omit<TransportParameters, 'refusal'>> & { refusal?: Partial<RefusalParameters> };
  eligibility?: Partial<EligibilityParameters>;
  /** hour-of-day and day-of-week profiles (default flat: homogeneous Poisson) */
  hourOfDay?: number[];
  dayOfWeek?: number[];
  /** weekday profile of scheduled bookings and slots (default Monday–Friday) */
  scheduledDayOfWeek?: number[];
  resourcePointThresholds?: Partial<ResourcePointThresholds>;
}

export function buildRegion(spec: RegionSpec): Region {
  const name = (id: string) => ({ ja: id, en: id });
  const hospitals: Hospital[] = spec.hospitals.map((h) => ({
    id: h.id,
    name: name(h.id),
    area: h.area,
    municipality: h.municipality,
    lat: h.lat,
    lng: h.lng,
    beds: { ...zeroBeds(), ...h.beds },
    capabilities: h.capabilities ?? [],
  }));
  const bases: AmbulanceBase[] = (spec.bases ?? []).map((b) => ({ ...b }));
  return {
    id: spec.id ?? 'test',
    name: name(spec.id ?? 'test'),
    censusYear: 2020,
    areas: spec.areas.map((a) => ({ id: a.id, name: name(a.id), adjacent: a.adjacent ?? [] })),
    municipalities: spec.municipalities.map((m) => {
      const base = { id: m.id, name: name(m.id), area: m.area, lat: m.lat, lng: m.lng };
      const detailed = m.populationBySexAge;
      if (detailed !== undefined) {
        const population = Object.fromEntries(Object.entries(detailed).map(([y, x]) => [y, fourBands(x)]));
        return { ...base, population, populationBySexAge: detailed };
      }
      const pop = split(m.population ?? 0);
      return { ...base, population: { '2020': pop, '2025': pop, '2030': pop, '2035': pop, '2040': pop } };
    }),
    hospitals,
    ambulanceBases: bases,
    conditions: spec.conditions,
    arrivalProfiles: {
      hourOfDay: spec.hourOfDay ?? FLAT_24,
      dayOfWeek: spec.dayOfWeek ?? FLAT_7,
      scheduledDayOfWeek: spec.scheduledDayOfWeek ?? [1.4, 1.4, 1.4, 1.4, 1.4, 0, 0],
    },
    transport: {
      roadFactor: 1.3,
      speedKmh: 40,
      dispatchMinutes: 1,
      sceneMinutes: 15,
      inquiryMinutes: 5,
      handoverMinutes: 15,
      notAdmittedShare: 0,
      candidateCount: 6,
      localDistanceKm: 2,
      maxInquiries: 15,
      vehicleReachMinutes: 60,
      ...spec.transport,
      // Hospitals refuse only for want of a bed unless a test sets reasons (transport.spec.ts).
      refusal: { ...NO_REFUSAL_REASONS, ...spec.transport?.refusal },
    },
    // The schema's defaults: failure rates 0, so nothing fails unless a test says so.
    eligibility: { ...eligibilitySchema.parse({}), ...spec.eligibility },
    occupancyTargets: { highAcute: 0.75, acute: 0.78, recovery: 0.9, chronic: 0.92 },
    resourcePointThresholds: { ...DEFAULT_RESOURCE_POINT_THRESHOLDS, ...spec.resourcePointThresholds },
    sources: { test: 'constructed in a test' },
  };
}

export interface PhaseSpec {
  id: string;
  /** the ward; derived from pointsPerDay when omitted */
  function?: BedFunction;
  pointsPerDay?: ResourceIntensity;
  meanDays: number;
  cv?: number;
  distribution?: StayDistribution['distribution'];
  /** branches; default → home */
  next?: Array<[string, number]>;
}

export interface ConditionSpec {
  id: string;
  /** admissions per 100k per year, the same in every age band, or by band */
  ratePer100k: number | ByAgeBand;
  /** by sex × 5-year band (used when the municipalities give populationBySexAge) */
  ratesBySexAge?: BySexAge;
  ambulanceShare?: number;
  /** share booked ahead (予定入院) */
  scheduledShare?: number;
  capability?: Capability | null;
  timeCriticalMinutes?: number | null;
  seasonalAmplitude?: number;
  phases: PhaseSpec[];
  /** entry branches; default the first phase */
  entry?: Array<[string, number]>;
}

export function condition(spec: ConditionSpec): Condition {
  const phases: Phase[] = spec.phases.map((p) => ({
    id: p.id,
    ...(p.function === undefined ? {} : { function: p.function }),
    ...(p.pointsPerDay === undefined ? {} : { pointsPerDay: p.pointsPerDay }),
    stay: { distribution: p.distribution ?? 'gamma', meanDays: p.meanDays, cv: p.cv ?? 1 },
    next: (p.next ?? [['home', 1]]).map(([to, pr]) => ({ to, p: pr })),
  }));
  return {
    id: spec.id,
    name: { ja: spec.id, en: spec.id },
    admissionRatePer100k: same(spec.ratePer100k),
    ...(spec.ratesBySexAge === undefined ? {} : { admissionRatesBySexAge: spec.ratesBySexAge }),
    ambulanceShare: spec.ambulanceShare ?? 0,
    scheduledShare: spec.scheduledShare ?? 0,
    capability: spec.capability ?? null,
    timeCriticalMinutes: spec.timeCriticalMinutes ?? null,
    seasonalAmplitude: spec.seasonalAmplitude ?? 0,
    seasonalPeakDay: 15,
    entry: (spec.entry ?? [[spec.phases[0].id, 1]]).map(([to, p]) => ({ to, p })),
    phases,
  };
}

export interface ScenarioSpec extends Partial<Omit<Scenario, 'demand'>> {
  demand?: Partial<Scenario['demand']>;
  /** demand multiplier by hour of the run (default 1) */
  multiplier?: (hour: number) => number;
}

export function resolvedScenario(region: Region, spec: ScenarioSpec = {}): ResolvedScenario {
  const { multiplier, demand, ...rest } = spec;
  const scenario: Scenario = {
    id: 'test-scenario',
    name: { ja: 'テスト', en: 'test' },
    description: { ja: '', en: '' },
    region: region.id,
    year: 2020,
    startDate: '2024-04-01',
    horizonDays: 60,
    warmupDays: 0,
    replications: 1,
    seed: 1,
    initialCensus: { mode: 'empty' },
    policies: [],
    ...rest,
    demand: { multiplier: '1', maxMultiplier: 2, ...demand },
  };
  const hours = (scenario.warmupDays + scenario.horizonDays) * 24;
  const byHour = new Float64Array(hours);
  for (let h = 0; h < hours; h++) byHour[h] = multiplier ? multiplier(h) : 1;
  return { scenario, region, demandMultiplierByHour: byHour };
}
