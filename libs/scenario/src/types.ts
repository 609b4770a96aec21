// The resolved shapes every other part relies on (docs/architecture.md "One definition per
// shape"). The zod schemas in schema/ must produce exactly these types; libs/model reads
// only these, never the files.

import type { BedFunction } from '@caretwin/contracts';

/** 病床機能 (高度急性期 / 急性期 / 回復期 / 慢性期): defined once, in @caretwin/contracts. */
export { BED_FUNCTIONS, type BedFunction } from '@caretwin/contracts';

/** Age bands of the population tables (0–14, 15–64, 65–74, 75+). */
export const AGE_BANDS = ['age0to14', 'age15to64', 'age65to74', 'age75plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** 5-year age bands of the detailed tables (`populationBySexAge`, `admissionRatesBySexAge`). */
export const FIVE_YEAR_BANDS = [
  '0-4',
  '5-9',
  '10-14',
  '15-19',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65-69',
  '70-74',
  '75-79',
  '80-84',
  '85-89',
  '90+',
] as const;
/** Index into AGE_BANDS of the four-band age band each 5-year band belongs to. */
export const FIVE_YEAR_BAND_AGE_BAND: readonly number[] = [
  0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3,
];

/** Projection years a scenario may choose (`year`); 2020 is the census. */
export const PROJECTION_YEARS = [2020, 2025, 2030, 2035, 2040] as const;
export type ProjectionYear = (typeof PROJECTION_YEARS)[number];

export const CAPABILITIES = [
  'stroke',
  'pci',
  'trauma',
  'orthopaedics',
  'maternity',
  'paediatrics',
  'cancer',
  'emergency2',
  'emergency3',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export type Beds = Record<BedFunction, number>;
export type ByAgeBand = Record<AgeBand, number>;
/** 19 numbers per sex, one per 5-year band (FIVE_YEAR_BANDS). */
export interface BySexAge {
  male: number[];
  female: number[];
}

export interface LocalizedText {
  ja: string;
  en: string;
}

/** Where a figure comes from; `synthetic` and `estimated` are shown wherever the figure is. */
export interface Provenance {
  source?: string;
  synthetic?: boolean;
  estimated?: boolean;
  note?: string;
}

export interface Area {
  /** e.g. "sendai" */
  id: string;
  name: LocalizedText;
  /** ids of areas sharing a border (patients may cross into them: 流出/流入). */
  adjacent: string[];
}

export interface Municipality {
  /** 全国地方公共団体コード, 5 digits, e.g. "04100" */
  id: string;
  name: LocalizedText;
  area: string;
  lat: number;
  lng: number;
  /** Population by age band per year ("2020" census, "2025"… projections). */
  population: Record<string, ByAgeBand>;
  /** Persons by sex × 5-year band per year (same years; sums to `population`); all or none. */
  populationBySexAge?: Record<string, BySexAge>;
  provenance?: Provenance;
}

export interface Hospital {
  id: string;
  name: LocalizedText;
  area: string;
  municipality: string;
  /** 10-digit 医療機関コード; absent: derived (deriveInstitutionCodes) */
  institutionCode?: string;
  lat: number;
  lng: number;
  /** Beds in use by function (idle beds excluded). */
  beds: Beds;
  capabilities: Capability[];
  provenance?: Provenance;
}

export interface AmbulanceBase {
  id: string;
  area: string;
  municipality: string;
  lat: number;
  lng: number;
  vehicles: number;
  provenance?: Provenance;
}

/** Stay distribution of a phase, in days. */
export interface StayDistribution {
  distribution: 'lognormal' | 'gamma' | 'exponential';
  meanDays: number;
  /** coefficient of variation (sd / mean); ignored for exponential */
  cv: number;
}

/** A branch target: another phase of the same pathway, or an exit. */
export interface Branch {
  to: string; // phase id | 'home' | 'death'
  p: number;
}

/** Points per day from the end of the previous segment (or the phase start) to `until`. */
export interface ResourceSegment {
  /** day of the phase where the segment ends (exclusive); null = the rest of the stay */
  until: number | null;
  /** 医療資源投入量 per day */
  points: number;
}

/** Daily resource intensity of a phase; `rule` (ward rule) overrides the points. */
export interface ResourceIntensity {
  segments: ResourceSegment[];
  /** used instead when the patient steps down from a high-acute phase */
  afterHighAcute?: ResourceSegment[];
  rule: 'kaifukuki' | 'ryoyo' | null;
}

/** MHLW 医療資源投入量 thresholds (C1 / C2 / C3) and the discharge-adjustment floor (175). */
export interface ResourcePointThresholds {
  highAcute: number;
  acute: number;
  recovery: number;
  dischargeAdjustment: number;
}

export interface Phase {
  id: string;
  /** Ward this phase occupies; derived from `pointsPerDay` when omitted (they must agree). */
  function?: BedFunction;
  pointsPerDay?: ResourceIntensity;
  stay: StayDistribution;
  /** Where the patient goes after this phase; probabilities sum to 1. */
  next: Branch[];
}

export interface Condition {
  id: string;
  name: LocalizedText;
  /** Admissions per 100,000 population per year by age band. */
  admissionRatePer100k: ByAgeBand;
  /** Per 100,000 by sex × 5-year band, used with the municipalities' `populationBySexAge`. */
  admissionRatesBySexAge?: BySexAge;
  /** Share of admissions that arrive by ambulance (0–1). */
  ambulanceShare: number;
  /** Share booked ahead (予定入院): slots and a free bed at the booked hospital; the rest are emergencies. */
  scheduledShare: number;
  /** Capability a treating hospital must have; null = any hospital with the needed bed. */
  capability: Capability | null;
  /** Minutes from call (or arrival) within which care should start. */
  timeCriticalMinutes: number | null;
  /** Seasonal amplitude (± share around the mean) and its peak day of year (0-based). */
  seasonalAmplitude: number;
  seasonalPeakDay: number;
  /** Entry branches into the first phase (e.g. 0.3 highAcute, 0.7 acute). */
  entry: Branch[];
  phases: Phase[];
  provenance?: Provenance;
}

export interface ArrivalProfiles {
  /** 24 multipliers (mean 1) for emergency arrivals by hour of day. */
  hourOfDay: number[];
  /** 7 multipliers (mean 1), Monday first. */
  dayOfWeek: number[];
  /** 7 multipliers (mean 1) for the hospitals' scheduled-admission slots, Monday first. */
  scheduledDayOfWeek: number[];
  provenance?: Provenance;
}

export interface TransportParameters {
  /** Road distance / straight-line distance. */
  roadFactor: number;
  /** Average ambulance speed, km/h. */
  speedKmh: number;
  /** Minutes from call to departure when a vehicle is free: call handling and turn-out (出場). */
  dispatchMinutes: number;
  /** Mean minutes on scene before the first inquiry. */
  sceneMinutes: number;
  /** Minutes lost per refused inquiry (照会). */
  inquiryMinutes: number;
  /** Minutes to hand over at hospital before the vehicle is free again. */
  handoverMinutes: number;
  /** Share of ambulance calls that do not lead to admission (mild cases), still transported. */
  notAdmittedShare: number;
  /** K: capable hospitals asked, nearest first, in the home and adjacent areas (default 6). */
  candidateCount: number;
  /** Extra km within a municipality (dispersion around the centroid). */
  localDistanceKm: number;
  /** Hospitals asked before the nearest capable one admits outside occupancy (default 15). */
  maxInquiries: number;
  /** Drive within which any base's free vehicle may answer a call (mutual aid); default 60 min. */
  vehicleReachMinutes: number;
  refusal: RefusalParameters;
  provenance?: Provenance;
}

/**
 * Refusals of ambulance inquiries other than for want of a bed, per inquiry: base rates in the
 * daytime at a hospital of referenceBeds acute beds that holds the capability, and their factors.
 */
export interface RefusalParameters {
  /** 処置困難 */
  treatmentDifficult: number;
  /** 手術中・患者対応中, at a hospital with empty acute beds */
  busy: number;
  /** 専門外 */
  outOfSpecialty: number;
  /** 医師不在 */
  noDoctor: number;
  referenceBeds: number;
  sizeExponent: number;
  noMatchFactor: number;
  tertiaryFactor: number;
  offHoursFactor: number;
  offHoursBusyFactor: number;
  busyAtFullLoad: number;
  caseDifficultyCv: number;
  provenance?: Provenance;
}

/**
 * オンライン資格確認 as the system works: a failed check is settled with 資格確認書 or a signed
 * 被保険者資格申立書 (usual copay) or else 10割 upfront with a refund (償還払い); care is never
 * given up. Failure rates are neutral (0) by default.
 */
export interface EligibilityParameters {
  /** Per-person failures: share of checks that fail for the person (insurer data lag). */
  failureRate: number;
  /** Outages of a hospital's check: starts per hospital per day, and their mean hours. */
  hospitalOutagesPerDay: number;
  hospitalOutageHours: number;
  /** Region-wide outages: starts per year, and their mean hours. */
  regionOutagesPerYear: number;
  regionOutageHours: number;
  /** Of failed checks: share settled with 資格確認書 / 被保険者資格申立書; the rest pay 10割 upfront. */
  proofShare: number;
  /** Staff minutes each failed check costs. */
  staffMinutes: number;
  /** Desk minutes of a scheduled patient whose check fails (the admission is not moved). */
  delayMinutes: number;
  /** Outpatient visits facing the same check per admission (outpatients are not simulated). */
  outpatientVisitsPerAdmission: number;
  /** Of outpatient visits facing 10割 upfront: share deferred; of those, share returning admitted. */
  deferShare: number;
  returnShare: number;
  /** Mean days until a deferred visit returns as an admission; multiplier on its stays. */
  returnDays: number;
  returnStayFactor: number;
  /** Conditions a deferred visit returns as, with relative weights. */
  returnConditions: Record<string, number>;
  provenance?: Provenance;
}

export interface Region {
  id: string;
  name: LocalizedText;
  /** Census year of `population` base data. */
  censusYear: number;
  areas: Area[];
  municipalities: Municipality[];
  hospitals: Hospital[];
  ambulanceBases: AmbulanceBase[];
  conditions: Condition[];
  arrivalProfiles: ArrivalProfiles;
  transport: TransportParameters;
  eligibility: EligibilityParameters;
  /** MHLW target occupancy by function (0.75 / 0.78 / 0.90 / 0.92). */
  occupancyTargets: Beds;
  /** 医療資源投入量 thresholds giving each day of a stay its bed function. */
  resourcePointThresholds: ResourcePointThresholds;
  /** Source lines of the region's data files. */
  sources: Record<string, string>;
  provenance?: Provenance;
}

// ---------- policies (what-if levers) ----------

/** Policies apply from `fromDay` (days after the scenario start, warm-up included; default 0). */
interface PolicyBase {
  fromDay?: number;
  note?: string;
}
export interface SetBedsPolicy extends PolicyBase {
  kind: 'setBeds';
  /** exactly one of hospital | area */
  hospital?: string;
  area?: string;
  beds: Partial<Beds>;
  /** area only: also cut perinatal / tertiary-emergency hospitals and last high-acute beds */
  includeProtected?: boolean;
}
export interface ConvertBedsPolicy extends PolicyBase {
  kind: 'convertBeds';
  hospital?: string;
  area?: string;
  from: BedFunction;
  to: BedFunction;
  count: number;
  /** area only: also convert at perinatal / tertiary-emergency hospitals and last high-acute beds */
  includeProtected?: boolean;
}
export interface CloseHospitalPolicy extends PolicyBase {
  kind: 'closeHospital';
  hospital: string;
}
export interface MergeHospitalsPolicy extends PolicyBase {
  kind: 'mergeHospitals';
  /** hospitals folded into `into` (beds and capabilities move) */
  hospitals: string[];
  into: string;
}
export interface AddHospitalPolicy extends PolicyBase {
  kind: 'addHospital';
  hospital: Hospital;
}
export interface SetAmbulancesPolicy extends PolicyBase {
  kind: 'setAmbulances';
  base?: string;
  area?: string;
  vehicles: number;
}
export interface LengthOfStayPolicy extends PolicyBase {
  kind: 'lengthOfStay';
  /** multiplier on mean stay (0.9 = 10 % shorter) */
  multiplier: number;
  function?: BedFunction;
  condition?: string;
}
export interface EligibilityPolicy extends PolicyBase {
  kind: 'eligibility';
  failureRate?: number;
  hospitalOutagesPerDay?: number;
  hospitalOutageHours?: number;
  regionOutagesPerYear?: number;
  regionOutageHours?: number;
  proofShare?: number;
  staffMinutes?: number;
  delayMinutes?: number;
  outpatientVisitsPerAdmission?: number;
  deferShare?: number;
  returnShare?: number;
  returnDays?: number;
  returnStayFactor?: number;
}
export interface TravelPolicy extends PolicyBase {
  kind: 'travel';
  /** multiplier on travel speed (0.7 = 30 % slower, snow) */
  speedFactor?: number;
  /** closed links between two areas: travel between them is not possible */
  closedLinks?: Array<[string, string]>;
}
export interface BedBorrowingPolicy extends PolicyBase {
  kind: 'bedBorrowing';
  enabled: boolean;
}
export type Policy =
  | SetBedsPolicy
  | ConvertBedsPolicy
  | CloseHospitalPolicy
  | MergeHospitalsPolicy
  | AddHospitalPolicy
  | SetAmbulancesPolicy
  | LengthOfStayPolicy
  | EligibilityPolicy
  | TravelPolicy
  | BedBorrowingPolicy;
export type PolicyKind = Policy['kind'];

// ---------- scenario ----------

export interface Precision {
  /** KPI key whose CI half-width decides (e.g. "occupancy.acute") */
  kpi: string;
  halfWidth: number;
  /** most replications to run */
  max: number;
}

/** Beds occupied at start: empty, the model's own expected census, or given per hospital. */
export type InitialCensus =
  | { mode: 'empty' }
  | { mode: 'expected' }
  | {
      mode: 'given';
      hospitals: Record<string, Partial<Beds>>;
      /** a hospital × function not in `hospitals`: empty (default) or the expected census */
      missing?: 'empty' | 'expected';
      /** days of scheduled bookings (予定入院) already on the lists at the start (default 1) */
      bookedDays?: number;
    };

/** A scenario as written (after `extends` is resolved), with every default filled in. */
export interface Scenario {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  extends?: string;
  /** region id (e.g. "miyagi") */
  region: string;
  year: ProjectionYear;
  /** ISO date (YYYY-MM-DD) of simulated day 0 (start of warm-up). */
  startDate: string;
  horizonDays: number;
  warmupDays: number;
  replications: number;
  precision?: Precision;
  seed: number;
  demand: { multiplier: string; maxMultiplier: number };
  initialCensus: InitialCensus;
  policies: Policy[];
}

/** What the model runs: the scenario and its region, both validated. */
export interface ResolvedScenario {
  scenario: Scenario;
  region: Region;
  /** Demand multiplier per simulated hour (warm-up + horizon), from the expression. */
  demandMultiplierByHour: Float64Array;
  /**
   * A forecast's start (`initialCensus.mode: given`): who lies in each ward of the running region
   * (libs/model censusComposition: per pool × 2P phases, tails second), the mix its census
   * patients are drawn from. Absent: the static expected flows' mix.
   */
  censusMix?: Float64Array;
}
