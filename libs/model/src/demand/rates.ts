// Yearly admissions per (municipality, age band, condition) = population(year) × rate / 100k,
// and the hourly arrival rates of each arrival process with its fixed thinning bound.
import { MINUTES_PER_DAY } from '@caretwin/contracts';
import { AGE_BANDS } from '@caretwin/scenario';
import type { ByAgeBand, Municipality, ResolvedScenario } from '@caretwin/scenario';
import { ModelInputError } from '../errors';
import { RegionIndex } from '../region/region-index';

export const AGES = AGE_BANDS.length;
const MINUTES_PER_YEAR = 365 * MINUTES_PER_DAY;

/** Elective admissions happen in the daytime: 09:00–17:00, flat (mean 1 over the day). */
export const ELECTIVE_HOUR_PROFILE: readonly number[] = Array.from({ length: 24 }, (_, h) =>
  h >= 9 && h < 17 ? 3 : 0,
);

/** Years with population figures in the region (census and projections). */
export function populationYears(index: RegionIndex): number[] {
  const years = new Set<number>();
  for (const m of index.region.municipalities)
    for (const y of Object.keys(m.population)) years.add(Number(y));
  return [...years].filter((y) => Number.isFinite(y)).sort((a, b) => a - b);
}

/** Population of a municipality in `year`, linear between the nearest given years. */
export function populationFor(m: Municipality, year: number): ByAgeBand {
  const exact = m.population[String(year)];
  if (exact) return exact;
  const years = Object.keys(m.population)
    .map(Number)
    .filter((y) => Number.isFinite(y))
    .sort((a, b) => a - b);
  if (years.length === 0) throw new ModelInputError(`municipality "${m.id}" has no population figures`);
  if (year <= years[0]) return m.population[String(years[0])];
  if (year >= years[years.length - 1]) return m.population[String(years[years.length - 1])];
  let i = 0;
  while (years[i + 1] < year) i++;
  const y0 = years[i];
  const y1 = years[i + 1];
  const w = (year - y0) / (y1 - y0);
  const a = m.population[String(y0)];
  const b = m.population[String(y1)];
  const out = {} as ByAgeBand;
  for (const band of AGE_BANDS) out[band] = a[band] * (1 - w) + b[band] * w;
  return out;
}

/** Yearly admissions of condition c per (municipality × age band) in `year`. */
export function yearlyAdmissions(index: RegionIndex, c: number, year: number): Float64Array {
  const p = index.pathways;
  const out = new Float64Array(index.municipalityCount * AGES);
  index.region.municipalities.forEach((m, mi) => {
    const pop = populationFor(m, year);
    AGE_BANDS.forEach(
      (band, a) => (out[mi * AGES + a] = (pop[band] * p.ratePer100k[c * AGES + a]) / 100_000),
    );
  });
  return out;
}

export const ProcessKind = { EMERGENCY: 0, ELECTIVE: 1, CALLS: 2 } as const;

/** One non-homogeneous Poisson arrival process (a stream of its own). */
export interface ArrivalProcess {
  /** stream purpose, stable across scenarios: condition id, "<id>:emergency", or "calls" */
  purpose: string;
  kind: number;
  /** condition index, −1 for calls that end without admission */
  condition: number;
  /** share of this process's arrivals that come by ambulance */
  ambulanceShare: number;
  /** weights of (municipality × age band) for attribute draws */
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
  elective: boolean;
}

function dayOfWeekMonday0(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  const sunday0 = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return (sunday0 + 6) % 7;
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

/**
 * Builds the arrival processes: one per condition (for elective conditions the elective part and
 * the ambulance part separately, as they follow different daily profiles), plus the ambulance
 * calls that end without admission (notAdmittedShare of all calls).
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
    const dow = comp.elective ? profiles.electiveDayOfWeek : profiles.dayOfWeek;
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
    for (const y of years.length ? years : [scenario.year]) {
      peakYearly = Math.max(
        peakYearly,
        yearlyAdmissions(index, c, y).reduce((a, b) => a + b, 0),
      );
    }
    const dow = comp.elective ? profiles.electiveDayOfWeek : profiles.dayOfWeek;
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
    const cellWeights = new Float64Array(index.municipalityCount * 4);
    const ratePerHour = new Float64Array(hours);
    let maxRate = 0;
    for (const comp of comps) {
      const cells = yearlyAdmissions(index, comp.condition, scenario.year);
      const yearly = cells.reduce((a, b) => a + b, 0);
      for (let i = 0; i < cells.length; i++) cellWeights[i] += cells[i] * comp.share;
      componentRate(comp, yearly, ratePerHour, scale);
      maxRate += componentBound(comp, scale);
    }
    if (maxRate > 0)
      processes.push({ purpose, kind, condition, ambulanceShare, cellWeights, ratePerHour, maxRate });
  };

  const hourOfDay = profiles.hourOfDay;
  const callComponents: Component[] = [];
  for (let c = 0; c < p.conditionCount; c++) {
    const id = p.conditionIds[c];
    const amb = p.ambulanceShare[c];
    if (p.elective[c]) {
      build(
        id,
        ProcessKind.ELECTIVE,
        c,
        0,
        [{ condition: c, share: 1 - amb, hourProfile: ELECTIVE_HOUR_PROFILE, elective: true }],
        1,
      );
      if (amb > 0)
        build(
          `${id}:emergency`,
          ProcessKind.EMERGENCY,
          c,
          1,
          [{ condition: c, share: amb, hourProfile: hourOfDay, elective: false }],
          1,
        );
    } else {
      build(
        id,
        ProcessKind.EMERGENCY,
        c,
        amb,
        [{ condition: c, share: 1, hourProfile: hourOfDay, elective: false }],
        1,
      );
    }
    if (amb > 0) callComponents.push({ condition: c, share: amb, hourProfile: hourOfDay, elective: false });
  }
  const s = region.transport.notAdmittedShare;
  if (s > 0 && s < 1 && callComponents.length > 0)
    build('calls', ProcessKind.CALLS, -1, 1, callComponents, s / (1 - s));
  return processes;
}
