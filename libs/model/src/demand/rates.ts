// Demand from population × rates (libs/model/README.md, "Demand"): yearly admissions per
// (municipality, cell, condition) = population(year) × rate / 100k, where a cell is a sex ×
// 5-year band (0–4 … 90+) when the region gives `populationBySexAge` and the condition
// `admissionRatesBySexAge`, else one of the four age bands. Projection years in between are
// linear in the population. Also the hourly arrival rates of each arrival process (emergency
// and scheduled parts of every condition apart, calls without admission) with its fixed
// thinning bound.
import { MINUTES_PER_DAY } from '@caretwin/contracts';
import { AGE_BANDS, FIVE_YEAR_BANDS, FIVE_YEAR_BAND_AGE_BAND } from '@caretwin/scenario';
import type { ByAgeBand, Municipality, Region, ResolvedScenario } from '@caretwin/scenario';
import { ModelInputError } from '../errors';
import { SEX_AGE_CELLS } from '../region/pathways';
import { RegionIndex } from '../region/region-index';

export const AGES = AGE_BANDS.length;
const BANDS5 = FIVE_YEAR_BANDS.length;
const CELLS5 = SEX_AGE_CELLS;
/** FIVE_YEAR_BAND_AGE_BAND as a local table: imported bindings are getters in the CommonJS build. */
const BAND4_OF_BAND5 = Uint8Array.from(FIVE_YEAR_BAND_AGE_BAND);
const MINUTES_PER_YEAR = 365 * MINUTES_PER_DAY;

/** Sex of a patient (from its arrival cell); UNKNOWN for four-band demand and the initial census. */
export const Sex = { MALE: 0, FEMALE: 1, UNKNOWN: 2 } as const;

/**
 * Bookings arrive evenly over the hours and days: a booked patient is admitted on a later day's
 * slot, so the hour and weekday of the booking change nothing but a fraction of its wait, while
 * a daytime-weekday profile would make the thinning draw four times as many candidates.
 */
const FLAT_HOURS: readonly number[] = Array.from({ length: 24 }, () => 1);
const FLAT_WEEK: readonly number[] = Array.from({ length: 7 }, () => 1);

/** Years with population figures in the region (census and projections). */
export function populationYears(index: RegionIndex): number[] {
  const years = new Set<number>();
  for (const m of index.region.municipalities)
    for (const y of Object.keys(m.population)) years.add(Number(y));
  return [...years].filter((y) => Number.isFinite(y)).sort((a, b) => a - b);
}

/** The two given years around `year` and the weight of the later one (clamped at the ends). */
function bracket(m: Municipality, year: number): { y0: string; y1: string; w: number } {
  const years = Object.keys(m.population)
    .map(Number)
    .filter((y) => Number.isFinite(y))
    .sort((a, b) => a - b);
  if (years.length === 0) throw new ModelInputError(`municipality "${m.id}" has no population figures`);
  if (year <= years[0]) return { y0: String(years[0]), y1: String(years[0]), w: 0 };
  const last = years[years.length - 1];
  if (year >= last) return { y0: String(last), y1: String(last), w: 0 };
  let i = 0;
  while (years[i + 1] < year) i++;
  return { y0: String(years[i]), y1: String(years[i + 1]), w: (year - years[i]) / (years[i + 1] - years[i]) };
}

/** Population of a municipality in `year`, linear between the nearest given years. */
export function populationFor(m: Municipality, year: number): ByAgeBand {
  const exact = m.population[String(year)];
  if (exact) return exact;
  const { y0, y1, w } = bracket(m, year);
  const a = m.population[y0];
  const b = m.population[y1];
  const out = {} as ByAgeBand;
  for (const band of AGE_BANDS) out[band] = a[band] * (1 - w) + b[band] * w;
  return out;
}

/** Whether every municipality has population by sex × 5-year band (the region checks all or none). */
export function hasPopulationBySexAge(region: Region): boolean {
  return region.municipalities.every((m) => m.populationBySexAge !== undefined);
}

/** Interpolated detailed populations per municipality and year (regions are immutable once loaded). */
const bySexAgeCache = new WeakMap<Municipality, Map<number, Float64Array>>();

/**
 * Population by sex × 5-year band in `year` (male bands, then female), linear between given
 * years. Cached per municipality and year: read it, never write to it.
 */
export function populationBySexAgeFor(m: Municipality, year: number): Float64Array {
  let byYear = bySexAgeCache.get(m);
  if (byYear === undefined) {
    byYear = new Map();
    bySexAgeCache.set(m, byYear);
  }
  let cells = byYear.get(year);
  if (cells === undefined) {
    cells = interpolateBySexAge(m, year);
    byYear.set(year, cells);
  }
  return cells;
}

function interpolateBySexAge(m: Municipality, year: number): Float64Array {
  const detailed = m.populationBySexAge;
  if (detailed === undefined)
    throw new ModelInputError(`municipality "${m.id}" has no population by sex and 5-year band`);
  const { y0, y1, w } = bracket(m, year);
  const a = detailed[y0];
  const b = detailed[y1];
  if (a === undefined || b === undefined)
    throw new ModelInputError(
      `municipality "${m.id}": populationBySexAge lacks ${a === undefined ? y0 : y1}`,
    );
  const out = new Float64Array(SEX_AGE_CELLS);
  for (let k = 0; k < BANDS5; k++) {
    out[k] = a.male[k] * (1 - w) + b.male[k] * w;
    out[BANDS5 + k] = a.female[k] * (1 - w) + b.female[k] * w;
  }
  return out;
}

/** Cells per municipality of condition c's demand: sex × 5-year bands, or the four age bands. */
export function cellsPerMunicipality(index: RegionIndex, c: number): number {
  return index.pathways.hasRatesBySexAge[c] === 1 && hasPopulationBySexAge(index.region)
    ? SEX_AGE_CELLS
    : AGES;
}

/**
 * Yearly admissions of condition c per (municipality × cell) in `year`, `cells` cells per
 * municipality: SEX_AGE_CELLS (only when the condition's demand is by sex × 5-year band) or AGES
 * (by sex × 5-year band summed into the four bands, or four-band population × rates).
 */
export function yearlyAdmissions(
  index: RegionIndex,
  c: number,
  year: number,
  cells = cellsPerMunicipality(index, c),
): Float64Array {
  const p = index.pathways;
  const own = cellsPerMunicipality(index, c);
  if (cells !== own && cells !== AGES)
    throw new ModelInputError(`condition "${p.conditionIds[c]}" has no demand by sex and 5-year band`);
  const out = new Float64Array(index.municipalityCount * cells);
  index.region.municipalities.forEach((m, mi) => {
    if (own === SEX_AGE_CELLS) {
      const pop = populationBySexAgeFor(m, year);
      for (let k = 0; k < SEX_AGE_CELLS; k++) {
        const n = (pop[k] * p.ratePer100kBySexAge[c * SEX_AGE_CELLS + k]) / 100_000;
        out[mi * cells + (cells === AGES ? FIVE_YEAR_BAND_AGE_BAND[k % BANDS5] : k)] += n;
      }
    } else {
      const pop = populationFor(m, year);
      AGE_BANDS.forEach(
        (band, a) => (out[mi * AGES + a] = (pop[band] * p.ratePer100k[c * AGES + a]) / 100_000),
      );
    }
  });
  return out;
}

/** Yearly admissions of condition c per municipality in `year`. */
export function yearlyByMunicipality(index: RegionIndex, c: number, year: number): Float64Array {
  const cells = cellsPerMunicipality(index, c);
  const byCell = yearlyAdmissions(index, c, year, cells);
  const out = new Float64Array(index.municipalityCount);
  for (let i = 0; i < byCell.length; i++) out[Math.floor(i / cells)] += byCell[i];
  return out;
}

/** The four-band age band (index into AGE_BANDS) and sex of a cell of a process with `cells` per municipality. */
export function cellAgeBand(cell: number, cells: number): number {
  return cells === AGES ? cell % AGES : BAND4_OF_BAND5[(cell % CELLS5) % BANDS5];
}
export function cellSex(cell: number, cells: number): number {
  return cells === AGES ? 2 : cell % CELLS5 < BANDS5 ? 0 : 1; // Sex.UNKNOWN, MALE, FEMALE
}

export const ProcessKind = { EMERGENCY: 0, SCHEDULED: 1, CALLS: 2 } as const;

/** One non-homogeneous Poisson arrival process (a stream of its own). */
export interface ArrivalProcess {
  /** stream purpose, stable across scenarios: condition id, "<id>:scheduled", or "calls" */
  purpose: string;
  kind: number;
  /** condition index, −1 for calls that end without admission */
  condition: number;
  /** share of this process's arrivals that come by ambulance */
  ambulanceShare: number;
  /** cells per municipality of cellWeights: SEX_AGE_CELLS or AGES */
  cellsPerMunicipality: number;
  /** weights of (municipality × cell) for attribute draws */
  cellWeights: Float64Array;
  /** arrivals per minute in each hour of the run (warm-up + horizon) */
  ratePerHour: Float64Array;
  /** fixed thinning bound per minute: never depends on levers */
  maxRate: number;
}

interface Component {
  condition: number;
  share: number;
  hourProfile: readonly number[];
  scheduled: boolean;
}

function dayOfWeekMonday0(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  const sunday0 = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return (sunday0 + 6) % 7;
}

/** Weekday (Monday 0) of day `day` of the run. */
export function weekdayOf(startDate: string, day: number): number {
  return (dayOfWeekMonday0(startDate) + day) % 7;
}

function dayOfYear(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000);
}

function maxOf(xs: readonly number[]): number {
  let m = 0;
  for (const x of xs) m = Math.max(m, x);
  return m;
}

function sum(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}

/**
 * Builds the arrival processes: per condition its emergency part (walk-ins and ambulance, the
 * emergency hour and weekday profiles) and its scheduled part (bookings, evenly over time; the
 * hospitals' slots follow the scheduled weekday profile, bookings.ts), plus the ambulance calls
 * that end without admission (notAdmittedShare of all calls).
 */
export function arrivalProcesses(resolved: ResolvedScenario, index: RegionIndex): ArrivalProcess[] {
  const { scenario, region } = resolved;
  const p = index.pathways;
  const hours = (scenario.warmupDays + scenario.horizonDays) * 24;
  const mult = resolved.demandMultiplierByHour;
  const maxMultiplier = scenario.demand.maxMultiplier;
  for (let h = 0; h < Math.min(hours, mult.length); h++) {
    if (mult[h] > maxMultiplier + 1e-12 || mult[h] < 0) {
      throw new ModelInputError(
        `demand.multiplier is ${mult[h]} at hour ${h}, outside 0…demand.maxMultiplier (${maxMultiplier}); raise maxMultiplier or change the expression`,
      );
    }
  }
  const years = populationYears(index);
  const profiles = region.arrivalProfiles;
  const w0 = dayOfWeekMonday0(scenario.startDate);
  const doy0 = dayOfYear(scenario.startDate);

  const componentRate = (comp: Component, yearly: number, rate: Float64Array, scale: number): void => {
    const c = comp.condition;
    const dow = comp.scheduled ? FLAT_WEEK : profiles.dayOfWeek;
    const amp = p.seasonalAmplitude[c];
    const peak = p.seasonalPeakDay[c];
    const perMinute = (yearly * comp.share * scale) / MINUTES_PER_YEAR;
    for (let h = 0; h < hours; h++) {
      const day = Math.floor(h / 24);
      const seasonal = 1 + amp * Math.cos((2 * Math.PI * (doy0 + day - peak)) / 365);
      const m = h < mult.length ? mult[h] : 1;
      rate[h] += perMinute * comp.hourProfile[h % 24] * dow[(w0 + day) % 7] * seasonal * m;
    }
  };
  const componentBound = (comp: Component, scale: number): number => {
    const c = comp.condition;
    let peakYearly = 0;
    for (const y of years.length ? years : [scenario.year])
      peakYearly = Math.max(peakYearly, sum(yearlyByMunicipality(index, c, y)));
    const dow = comp.scheduled ? FLAT_WEEK : profiles.dayOfWeek;
    return (
      ((peakYearly * comp.share * scale) / MINUTES_PER_YEAR) *
      maxOf(comp.hourProfile) *
      maxOf(dow) *
      (1 + Math.abs(p.seasonalAmplitude[c])) *
      maxMultiplier
    );
  };

  const processes: ArrivalProcess[] = [];
  const build = (
    purpose: string,
    kind: number,
    condition: number,
    ambulanceShare: number,
    comps: Component[],
    scale: number,
  ): void => {
    // Sex × 5-year cells when every component has them, else the four bands.
    const cells = comps.every((comp) => cellsPerMunicipality(index, comp.condition) === SEX_AGE_CELLS)
      ? SEX_AGE_CELLS
      : AGES;
    const cellWeights = new Float64Array(index.municipalityCount * cells);
    const ratePerHour = new Float64Array(hours);
    let maxRate = 0;
    for (const comp of comps) {
      const byCell = yearlyAdmissions(index, comp.condition, scenario.year, cells);
      for (let i = 0; i < byCell.length; i++) cellWeights[i] += byCell[i] * comp.share;
      componentRate(comp, sum(byCell), ratePerHour, scale);
      maxRate += componentBound(comp, scale);
    }
    if (maxRate > 0)
      processes.push({
        purpose,
        kind,
        condition,
        ambulanceShare,
        cellsPerMunicipality: cells,
        cellWeights,
        ratePerHour,
        maxRate,
      });
  };

  const hourOfDay = profiles.hourOfDay;
  const callComponents: Component[] = [];
  for (let c = 0; c < p.conditionCount; c++) {
    const id = p.conditionIds[c];
    const amb = p.ambulanceShare[c];
    const scheduled = p.scheduledShare[c];
    // Ambulance patients are emergencies: their share of the emergency part (≤ 1 by the region check).
    if (scheduled < 1)
      build(
        id,
        ProcessKind.EMERGENCY,
        c,
        Math.min(1, amb / (1 - scheduled)),
        [{ condition: c, share: 1 - scheduled, hourProfile: hourOfDay, scheduled: false }],
        1,
      );
    if (scheduled > 0)
      build(
        `${id}:scheduled`,
        ProcessKind.SCHEDULED,
        c,
        0,
        [{ condition: c, share: scheduled, hourProfile: FLAT_HOURS, scheduled: true }],
        1,
      );
    if (amb > 0) callComponents.push({ condition: c, share: amb, hourProfile: hourOfDay, scheduled: false });
  }
  const s = region.transport.notAdmittedShare;
  if (s > 0 && s < 1 && callComponents.length > 0)
    build('calls', ProcessKind.CALLS, -1, 1, callComponents, s / (1 - s));
  return processes;
}
