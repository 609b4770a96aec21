// Expected daily census (患者数) per function from a region's own inputs — yearly admissions ×
// expected bed-days in that function ÷ 365 — the quantity set beside the simulation as the static
// need (docs/architecture.md "Outputs").
// Admissions are by home area (患者住所地); seasonality averages out over a year. Demand is by
// sex × 5-year band where the region has it (as in the model), else by the four bands; the census
// is by the ward each phase occupies (its `function`, or the one its points give).
import { phaseFunction } from '../../libs/scenario/src/region/bed-function';
import {
  AGE_BANDS,
  BED_FUNCTIONS,
  type BedFunction,
  type Beds,
  type Condition,
  type Region,
} from '../../libs/scenario/src/types';

const zeroBeds = (): Beds => ({ highAcute: 0, acute: 0, recovery: 0, chronic: 0 });

/** Expected visits to each phase per admission (entry branches propagated through `next`). */
export function expectedVisits(condition: Condition): Map<string, number> {
  const visits = new Map<string, number>(condition.phases.map((p) => [p.id, 0]));
  let frontier = new Map<string, number>();
  for (const b of condition.entry) frontier.set(b.to, (frontier.get(b.to) ?? 0) + b.p);
  // Pathways here are acyclic; the bound only guards against a cycle in hand-edited data.
  for (let step = 0; step < 1000 && frontier.size > 0; step += 1) {
    const next = new Map<string, number>();
    for (const [id, mass] of frontier) {
      const phase = condition.phases.find((p) => p.id === id);
      if (phase === undefined || mass < 1e-12) continue;
      visits.set(id, (visits.get(id) ?? 0) + mass);
      for (const b of phase.next) next.set(b.to, (next.get(b.to) ?? 0) + mass * b.p);
    }
    frontier = next;
  }
  return visits;
}

/** The ward of a phase under the region's thresholds. */
export function wardOf(region: Region, phase: Condition['phases'][number]): BedFunction {
  const f = phaseFunction(phase, region.resourcePointThresholds);
  if (f === null) throw new Error(`phase ${phase.id} has no bed function`);
  return f;
}

/** Expected bed-days per admission in each function (the wards phases occupy). */
export function bedDaysPerAdmission(region: Region, condition: Condition): Beds {
  const days = zeroBeds();
  const visits = expectedVisits(condition);
  for (const phase of condition.phases)
    days[wardOf(region, phase)] += (visits.get(phase.id) ?? 0) * phase.stay.meanDays;
  return days;
}

/** Yearly admissions of a condition from one municipality in `year` (a given year). */
export function municipalAdmissions(m: Region['municipalities'][number], c: Condition, year: string): number {
  const detailed = m.populationBySexAge?.[year];
  const rates = c.admissionRatesBySexAge;
  if (detailed !== undefined && rates !== undefined) {
    let n = 0;
    for (let k = 0; k < detailed.male.length; k++)
      n += detailed.male[k] * rates.male[k] + detailed.female[k] * rates.female[k];
    return n / 100_000;
  }
  const pop = m.population[year];
  if (pop === undefined) throw new Error(`municipality ${m.id} has no population for ${year}`);
  return AGE_BANDS.reduce((s, band) => s + pop[band] * c.admissionRatePer100k[band], 0) / 100_000;
}

export interface AreaDemand {
  area: string;
  population: number;
  /** admissions per year by condition */
  admissions: Record<string, number>;
  /** expected patients in beds on an average day, by function */
  census: Beds;
  beds: Beds;
}

export function expectedDemand(region: Region, year: string): AreaDemand[] {
  const perCondition = new Map(region.conditions.map((c) => [c.id, bedDaysPerAdmission(region, c)]));
  return region.areas.map((area) => {
    const admissions: Record<string, number> = Object.fromEntries(region.conditions.map((c) => [c.id, 0]));
    let population = 0;
    for (const m of region.municipalities.filter((x) => x.area === area.id)) {
      const pop = m.population[year];
      if (pop === undefined) throw new Error(`municipality ${m.id} has no population for ${year}`);
      for (const band of AGE_BANDS) population += pop[band];
      for (const c of region.conditions) admissions[c.id] += municipalAdmissions(m, c, year);
    }
    const census = zeroBeds();
    for (const c of region.conditions) {
      const days = perCondition.get(c.id) ?? zeroBeds();
      for (const fn of BED_FUNCTIONS) census[fn] += (admissions[c.id] * days[fn]) / 365;
    }
    const beds = zeroBeds();
    for (const h of region.hospitals.filter((x) => x.area === area.id))
      for (const fn of BED_FUNCTIONS) beds[fn] += h.beds[fn];
    return { area: area.id, population, admissions, census, beds };
  });
}

export interface PrefectureSummary {
  population: number;
  admissions: number;
  admissionsPer100k: number;
  census: Beds;
  beds: Beds;
  /** census ÷ beds per function */
  utilisation: Beds;
  /** high-acute + acute + recovery pooled (一般病床) */
  generalUtilisation: number;
  /** general-bed days per admission that uses a general bed */
  generalStayDays: number;
  /** mean days per stay in chronic beds */
  chronicStayDays: number;
}

export function summarise(region: Region, demand: AreaDemand[]): PrefectureSummary {
  const census = zeroBeds();
  const beds = zeroBeds();
  let population = 0;
  let admissions = 0;
  for (const d of demand) {
    population += d.population;
    admissions += Object.values(d.admissions).reduce((s, v) => s + v, 0);
    for (const fn of BED_FUNCTIONS) {
      census[fn] += d.census[fn];
      beds[fn] += d.beds[fn];
    }
  }
  const utilisation = Object.fromEntries(BED_FUNCTIONS.map((fn) => [fn, census[fn] / beds[fn]])) as Beds;
  const general: BedFunction[] = ['highAcute', 'acute', 'recovery'];
  const sum = (b: Beds, fns: BedFunction[]) => fns.reduce((s, fn) => s + b[fn], 0);
  // Chronic stays per year = admissions × expected visits to chronic phases.
  let chronicStays = 0;
  for (const c of region.conditions) {
    const visits = expectedVisits(c);
    const perAdmission = c.phases
      .filter((p) => wardOf(region, p) === 'chronic')
      .reduce((s, p) => s + (visits.get(p.id) ?? 0), 0);
    chronicStays += demand.reduce((s, d) => s + d.admissions[c.id], 0) * perAdmission;
  }
  return {
    population,
    admissions,
    admissionsPer100k: (admissions / population) * 100_000,
    census,
    beds,
    utilisation,
    generalUtilisation: sum(census, general) / sum(beds, general),
    generalStayDays: (sum(census, general) * 365) / admissions,
    chronicStayDays: chronicStays > 0 ? (census.chronic * 365) / chronicStays : 0,
  };
}
